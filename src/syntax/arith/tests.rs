//! Parser tests: structure via `dump`, bash's error messages and offsets
//! (checked against bash 5.2), number bases, and nesting limits.

use super::lex::number_value;
use super::*;

fn d(text: &str) -> String {
    match parse_arith(text.as_bytes()) {
        Ok(e) => dump(&e),
        Err(e) => panic!("{text:?}: unexpected error {}", e.message),
    }
}

fn err(text: &str) -> String {
    match parse_arith(text.as_bytes()) {
        Ok(e) => panic!("{text:?}: expected an error, got {}", dump(&e)),
        Err(e) => e.message,
    }
}

fn num(text: &str) -> i64 {
    match parse_arith(text.as_bytes()) {
        Ok(ArithExpr::Num(n)) => n,
        other => panic!("{text:?}: not a number: {other:?}"),
    }
}

#[test]
fn empty_and_blank_are_zero() {
    assert_eq!(d(""), "0");
    assert_eq!(d("   "), "0");
    assert_eq!(d(" \t\n "), "0");
}

#[test]
fn atoms() {
    assert_eq!(d("42"), "42");
    assert_eq!(d("  x  "), "x");
    assert_eq!(d("_foo_1"), "_foo_1");
    assert_eq!(d("a[1+2]"), "a[(+ 1 2)]");
    assert_eq!(d("a[b[i]]"), "a[b[i]]");
    assert_eq!(d("(((7)))"), "7");
}

#[test]
fn precedence_of_every_level() {
    assert_eq!(d("1 + 2 * 3"), "(+ 1 (* 2 3))");
    assert_eq!(d("1 * 2 + 3"), "(+ (* 1 2) 3)");
    assert_eq!(d("1 << 2 + 1"), "(<< 1 (+ 2 1))");
    assert_eq!(d("1 < 2 << 3"), "(< 1 (<< 2 3))");
    assert_eq!(d("1 == 2 < 3"), "(== 1 (< 2 3))");
    assert_eq!(d("1 & 2 == 3"), "(& 1 (== 2 3))");
    assert_eq!(d("1 ^ 2 & 3"), "(^ 1 (& 2 3))");
    assert_eq!(d("1 | 2 ^ 3"), "(| 1 (^ 2 3))");
    assert_eq!(d("1 && 2 | 3"), "(&& 1 (| 2 3))");
    assert_eq!(d("1 || 2 && 3"), "(|| 1 (&& 2 3))");
    assert_eq!(d("1 ? 2 : 3 || 4"), "(? 1 2 (|| 3 4))");
    assert_eq!(d("x = 1 ? 2 : 3"), "(= x (? 1 2 3))");
    assert_eq!(d("x = 1, 2"), "(, (= x 1) 2)");
    assert_eq!(d("2 * 3 ** 2"), "(* 2 (** 3 2))");
    assert_eq!(d("-2 ** 2"), "(** (- 2) 2)");
    assert_eq!(d("!x + ~y"), "(+ (! x) (~ y))");
}

#[test]
fn same_level_operators_mix_left_to_right() {
    assert_eq!(d("1 - 2 + 3"), "(+ (- 1 2) 3)");
    assert_eq!(d("8 / 2 % 3 * 4"), "(* (% (/ 8 2) 3) 4)");
    assert_eq!(d("1 < 2 >= 3 > 4 <= 5"), "(<= (> (>= (< 1 2) 3) 4) 5)");
    assert_eq!(d("1 == 2 != 3"), "(!= (== 1 2) 3)");
    assert_eq!(d("8 >> 1 << 2"), "(<< (>> 8 1) 2)");
    assert_eq!(d("1, 2, 3"), "(, (, 1 2) 3)");
    assert_eq!(d("(1 - 2) - 3"), "(- (- 1 2) 3)");
    assert_eq!(d("1 - (2 - 3)"), "(- 1 (- 2 3))");
}

#[test]
fn right_associative_operators() {
    assert_eq!(d("2 ** 3 ** 2"), "(** 2 (** 3 2))");
    assert_eq!(d("a = b = c"), "(= a (= b c))");
    assert_eq!(d("a += b -= 2"), "(+= a (-= b 2))");
    assert_eq!(d("1 ? 2 : 3 ? 4 : 5"), "(? 1 2 (? 3 4 5))");
    assert_eq!(d("1 ? 2 ? 3 : 4 : 5"), "(? 1 (? 2 3 4) 5)");
}

#[test]
fn conditional_middle_is_a_full_expression() {
    assert_eq!(d("1 ? x = 2 : 3"), "(? 1 (= x 2) 3)");
    assert_eq!(d("1 ? 2, 5 : 3"), "(? 1 (, 2 5) 3)");
}

#[test]
fn every_assignment_operator() {
    for op in [
        "=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=", "&=", "^=", "|=",
    ] {
        assert_eq!(d(&format!("x {op} 1")), format!("({op} x 1)"));
    }
    assert_eq!(d("a[i] = 5"), "(= a[i] 5)");
}

#[test]
fn unary_operators_nest() {
    assert_eq!(d("- - 3"), "(- (- 3))");
    assert_eq!(d("+-!~x"), "(+ (- (! (~ x))))");
    assert_eq!(d("!-1"), "(! (- 1))");
}

#[test]
fn increment_decrement_follow_bash_token_rules() {
    assert_eq!(d("x++"), "(post++ x)");
    assert_eq!(d("x --"), "(post-- x)");
    assert_eq!(d("++x"), "(pre++ x)");
    assert_eq!(d("-- x"), "(pre-- x)");
    assert_eq!(d("a[1]++"), "(post++ a[1])");
    // `++` not before an identifier is two signs.
    assert_eq!(d("++1"), "(+ (+ 1))");
    assert_eq!(d("--5"), "(- (- 5))");
    assert_eq!(d("---5"), "(- (- (- 5)))");
    assert_eq!(d("+++x"), "(+ (pre++ x))");
    assert_eq!(d("- --x"), "(- (pre-- x))");
    assert_eq!(d("x+++1"), "(+ (post++ x) 1)");
    assert_eq!(d("x---1"), "(- (post-- x) 1)");
    assert_eq!(d("x+++++y"), "(+ (post++ x) (pre++ y))");
    assert_eq!(d("5--1"), "(- 5 (- 1))");
    assert_eq!(d("++x+1"), "(+ (pre++ x) 1)");
}

#[test]
fn increment_errors() {
    assert_eq!(
        err("1++"),
        r#"syntax error: operand expected (error token is "+")"#
    );
    assert_eq!(
        err("x++ ++"),
        r#"syntax error: operand expected (error token is "+")"#
    );
    assert_eq!(
        err("x++y"),
        r#"syntax error in expression (error token is "y")"#
    );
    assert_eq!(
        err("a ++ b"),
        r#"syntax error in expression (error token is "b")"#
    );
    assert_eq!(
        err("5 ++x"),
        r#"syntax error in expression (error token is "++x")"#
    );
    assert_eq!(
        err("(1)++x"),
        r#"syntax error in expression (error token is "++x")"#
    );
    assert_eq!(
        err("(x)++"),
        r#"syntax error: operand expected (error token is "+")"#
    );
    assert_eq!(
        err("++x++"),
        r#"++: assignment requires lvalue (error token is "++")"#
    );
    assert_eq!(
        err("--x--"),
        r#"--: assignment requires lvalue (error token is "--")"#
    );
    assert_eq!(
        err("++x ++y"),
        r#"++: assignment requires lvalue (error token is "++y")"#
    );
    assert_eq!(
        err("--"),
        r#"syntax error: operand expected (error token is "-")"#
    );
}

#[test]
fn decimal_hex_octal() {
    assert_eq!(num("0"), 0);
    assert_eq!(num("00"), 0);
    assert_eq!(num("007"), 7);
    assert_eq!(num("010"), 8);
    assert_eq!(num("0x1F"), 31);
    assert_eq!(num("0X1f"), 31);
    assert_eq!(num("0x"), 0);
    assert_eq!(num("123456789"), 123456789);
}

#[test]
fn base_notation() {
    assert_eq!(num("2#101"), 5);
    assert_eq!(num("8#17"), 15);
    assert_eq!(num("16#ff"), 255);
    assert_eq!(num("36#z"), 35);
    assert_eq!(num("36#Z"), 35);
    assert_eq!(num("36#aZ"), 395);
    assert_eq!(num("37#z"), 35);
    assert_eq!(num("64#@"), 62);
    assert_eq!(num("64#_"), 63);
    assert_eq!(num("64#Zz"), 3939);
    assert_eq!(num("64#A"), 36);
    assert_eq!(num("10#09"), 9);
}

#[test]
fn number_overflow_wraps_like_bash() {
    assert_eq!(num("9223372036854775807"), i64::MAX);
    assert_eq!(num("9223372036854775808"), i64::MIN);
    assert_eq!(num("99999999999999999999"), 7766279631452241919);
    assert_eq!(num("0xffffffffffffffffff"), -1);
}

#[test]
fn number_errors() {
    let e = |s: &str| number_value(s.as_bytes()).unwrap_err();
    assert_eq!(e("08"), "value too great for base");
    assert_eq!(e("09"), "value too great for base");
    assert_eq!(e("1e5"), "value too great for base");
    assert_eq!(e("0x1g"), "value too great for base");
    assert_eq!(e("3#12a"), "value too great for base");
    assert_eq!(e("2#2"), "value too great for base");
    assert_eq!(e("37#Z"), "value too great for base");
    assert_eq!(e("1_"), "value too great for base");
    assert_eq!(e("0_"), "value too great for base");
    assert_eq!(e("1#1"), "invalid arithmetic base");
    assert_eq!(e("65#1"), "invalid arithmetic base");
    assert_eq!(e("0#1"), "invalid number");
    assert_eq!(e("0x1#2"), "invalid number");
    assert_eq!(e("2#1#1"), "invalid number");
    assert_eq!(e("2#"), "invalid integer constant");
    assert_eq!(e("10#"), "invalid integer constant");
    assert_eq!(e("2##1"), "invalid integer constant");
}

#[test]
fn number_errors_cut_the_text_at_the_number() {
    // bash ends both the token and the named expression at the number.
    let e = parse_arith(b"1 + 08 + 1").unwrap_err();
    assert_eq!(
        e.message,
        r#"value too great for base (error token is "08")"#
    );
    assert_eq!((e.offset, e.expr_end), (4, 6));
    assert_eq!(
        err("09"),
        r#"value too great for base (error token is "09")"#
    );
    assert_eq!(
        err("0 && 1#1 + 1"),
        r#"invalid arithmetic base (error token is "1#1")"#
    );
    assert_eq!(
        err("2#+1"),
        r#"invalid integer constant (error token is "2#")"#
    );
    let e = parse_arith(b"x 1").unwrap_err();
    assert_eq!(e.expr_end, 3);
}

#[test]
fn identifiers_read_one_token_ahead_like_bash() {
    // bash reads past an identifier before noticing the stray `y`.
    assert_eq!(
        err("x y 08"),
        r#"value too great for base (error token is "08")"#
    );
    let e = parse_arith(b"10 y10 10z <<-=").unwrap_err();
    assert_eq!(
        e.message,
        r#"value too great for base (error token is "10z")"#
    );
    assert_eq!(e.expr_end, 10);
    assert_eq!(
        err("x y"),
        r#"syntax error in expression (error token is "y")"#
    );
    assert_eq!(
        err("1 y @"),
        r#"syntax error: invalid arithmetic operator (error token is "@")"#
    );
}

#[test]
fn operand_expected_errors() {
    let cases = [
        ("1+", "+"),
        ("1 +", "+"),
        (" 1 + ", "+ "),
        ("+", "+"),
        ("1 +* 2", "* 2"),
        ("*1", "*1"),
        ("1**", "**"),
        ("!", "!"),
        ("5 ,", ","),
        (", 5", ", 5"),
        ("()", ")"),
        ("( )", ")"),
        ("1 + ()", ")"),
        (")", ")"),
        ("(", "("),
        ("x=", "="),
        ("x+=", "+="),
        ("3 && ", "&& "),
        ("1 + @", "@"),
        ("(1) @", "@"),
        ("@", "@"),
        ("é", "é"),
    ];
    for (text, tok) in cases {
        let want = format!("syntax error: operand expected (error token is \"{tok}\")");
        assert_eq!(err(text), want, "{text:?}");
    }
}

#[test]
fn invalid_operator_errors() {
    let cases = [
        ("1 @ 2", "@ 2"),
        ("x é", "é"),
        ("x++ @", "@"),
        ("x[1] @", "@"),
        ("1 $ 2", "$ 2"),
        ("1 ; 2", "; 2"),
        ("1.5", ".5"),
        ("1 \" 2", "\" 2"),
        ("1\r+2", "\r+2"),
        ("a[1]]", "]"),
    ];
    for (text, tok) in cases {
        let want = format!("syntax error: invalid arithmetic operator (error token is \"{tok}\")");
        assert_eq!(err(text), want, "{text:?}");
    }
}

#[test]
fn other_syntax_errors() {
    assert_eq!(
        err("1 2"),
        r#"syntax error in expression (error token is "2")"#
    );
    assert_eq!(
        err("4 5 6"),
        r#"syntax error in expression (error token is "5 6")"#
    );
    assert_eq!(
        err("1)"),
        r#"syntax error in expression (error token is ")")"#
    );
    assert_eq!(
        err("(1))"),
        r#"syntax error in expression (error token is ")")"#
    );
    assert_eq!(err("(1"), r#"missing `)' (error token is "1")"#);
    assert_eq!(err("(1 2)"), r#"missing `)' (error token is "2)")"#);
    assert_eq!(
        err("1?2"),
        r#"`:' expected for conditional expression (error token is "2")"#
    );
    assert_eq!(
        err("1 ? 2 3"),
        r#"`:' expected for conditional expression (error token is "3")"#
    );
    assert_eq!(err("1?2:"), r#"expression expected (error token is ":")"#);
    assert_eq!(
        err("1 ?: 3"),
        r#"expression expected (error token is ": 3")"#
    );
    assert_eq!(err("1 ?"), r#"expression expected (error token is "?")"#);
    assert_eq!(err("a["), r#"bad array subscript (error token is "a[")"#);
    assert_eq!(err("a[1"), r#"bad array subscript (error token is "a[1")"#);
}

#[test]
fn assignment_needs_a_bare_variable() {
    let cases = [
        ("1=2", "=2"),
        ("1 = 2", "= 2"),
        ("(x)=2", "=2"),
        ("(x) = 3", "= 3"),
        ("1 ? 2 : x = 4", "= 4"),
        ("1 + x = 3", "= 3"),
        ("y + x += 3", "+= 3"),
        ("x++ = 3", "= 3"),
        ("-x = 3", "= 3"),
        ("! x = 1", "= 1"),
        ("~x=1", "=1"),
        ("x = 1 = 2", "= 2"),
        ("a[1] + 2 = 5", "= 5"),
    ];
    for (text, tok) in cases {
        let want = format!("attempted assignment to non-variable (error token is \"{tok}\")");
        assert_eq!(err(text), want, "{text:?}");
    }
}

#[test]
fn whitespace_between_tokens() {
    assert_eq!(d("\t1\n+\n2 "), "(+ 1 2)");
    assert_eq!(d("x\n=\t3"), "(= x 3)");
}

#[test]
fn subscripts_keep_raw_text_and_defer_errors() {
    let e = parse_arith(b"h[ a b ] + 1").unwrap();
    let ArithExpr::Binary { first, .. } = e else {
        panic!("not a binary run")
    };
    let ArithExpr::Var(v) = *first else {
        panic!("not a variable")
    };
    assert_eq!(v.name, b"h");
    let sub = v.subscript.unwrap();
    assert_eq!(sub.raw, b" a b ");
    let e = sub.expr.unwrap_err();
    assert_eq!(
        e.message,
        r#"syntax error in expression (error token is "b ")"#
    );
    assert_eq!(d("a[ ]"), "a[0]");
    assert_eq!(d("a[]"), "a[0]");
    assert_eq!(d("h[$x]"), "h[?$x]");
}

#[test]
fn positions_point_at_bash_error_tokens() {
    let e = parse_arith(b"1 / (0) + 2").unwrap();
    let ArithExpr::Binary { first, .. } = e else {
        panic!()
    };
    let ArithExpr::Binary { rest, .. } = *first else {
        panic!()
    };
    assert_eq!(rest[0].pos.token(), b"(0) + 2");
    let e = parse_arith(b" 2**-1 , 3").unwrap();
    let ArithExpr::Binary { first, .. } = e else {
        panic!()
    };
    let ArithExpr::Pow { pos, .. } = *first else {
        panic!()
    };
    assert_eq!(pos.token(), b", 3");
    assert_eq!(pos.expression(), b"2**-1 , 3");
}

#[test]
fn long_flat_runs_stay_shallow() {
    let text = vec!["1"; 100_000].join("+");
    let e = parse_arith(text.as_bytes()).unwrap();
    let ArithExpr::Binary { rest, .. } = &e else {
        panic!()
    };
    assert_eq!(rest.len(), 99_999);
    let text = vec!["x"; 20_000].join(", ");
    assert!(parse_arith(text.as_bytes()).is_ok());
}

fn nested(open: &str, core: &str, close: &str, n: usize) -> String {
    format!("{}{core}{}", open.repeat(n), close.repeat(n))
}

#[test]
fn moderate_nesting_is_fine() {
    assert_eq!(d(&nested("(", "1", ")", MAX_NESTING - 1)), "1");
    assert!(parse_arith(nested("(", "1", ")", MAX_NESTING).as_bytes()).is_err());
    // A binary operator's right operand takes a level too.
    assert!(parse_arith(nested("(1+", "1", ")", 450).as_bytes()).is_ok());
    assert!(parse_arith(nested("a[", "1", "]", 150).as_bytes()).is_ok());
    assert!(parse_arith(nested("-", "1", "", 900).as_bytes()).is_ok());
    assert!(parse_arith(nested("1?2:", "3", "", 900).as_bytes()).is_ok());
    assert!(parse_arith(nested("x=", "3", "", 900).as_bytes()).is_ok());
    assert!(parse_arith(nested("2**", "1", "", 900).as_bytes()).is_ok());
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let start = std::time::Instant::now();
    let deep = [
        nested("(", "1", ")", 100_000),
        nested("-", "1", "", 100_000),
        nested("!", "1", "", 100_000),
        nested("1?", "1", ":1", 100_000),
        nested("1?2:", "3", "", 100_000),
        nested("x=", "3", "", 100_000),
        nested("2**", "1", "", 100_000),
        nested("++x+(", "1", ")", 100_000),
        nested("(1,", "1", ")", 100_000),
    ];
    for text in &deep {
        let e = parse_arith(text.as_bytes()).unwrap_err();
        assert!(e.message.starts_with(RECURSION_MSG), "{}", e.message);
    }
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn deep_subscripts_defer_the_error() {
    let text = nested("a[", "1", "]", 5_000);
    let e = parse_arith(text.as_bytes()).unwrap();
    let mut v = e;
    let mut levels = 0;
    while let ArithExpr::Var(r) = v {
        levels += 1;
        match r.subscript.map(|s| s.expr) {
            Some(Ok(inner)) => v = *inner,
            Some(Err(e)) => {
                assert!(e.message.starts_with(RECURSION_MSG));
                break;
            }
            None => break,
        }
    }
    assert!((150..=MAX_NESTING).contains(&levels), "{levels}");
}

#[test]
fn height_limit_catches_left_nested_runs() {
    // `((1*1+1)*1+1)...`: each level adds a run without extra nesting.
    let text = nested("(", "1", "*1+1<<1)", 3000);
    let e = parse_arith(text.as_bytes()).unwrap_err();
    assert!(e.message.starts_with(RECURSION_MSG));
}

#[test]
fn dump_forms() {
    assert_eq!(d("x = y ? a[1] : b--"), "(= x (? y a[1] (post-- b)))");
    assert_eq!(d("x <<= 2 ** 3"), "(<<= x (** 2 3))");
    assert_eq!(d("a && b || !c"), "(|| (&& a b) (! c))");
    assert_eq!(d("1 & 2 ^ 3 | 4"), "(| (^ (& 1 2) 3) 4)");
}

#[test]
fn invalid_utf8_passes_through_in_errors() {
    let e = parse_arith(b"1 + \xff").unwrap_err();
    assert!(e.message.contains("operand expected"));
    assert_eq!(e.offset, 4);
}
