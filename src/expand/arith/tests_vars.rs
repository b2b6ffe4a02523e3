//! Evaluator tests for variables: recursive values, assignment, `++`/`--`,
//! arrays, `set -u` and recursion limits (expected results from bash 5.2).

use super::tests::{ev, ev_err, Env};
use super::*;

#[test]
fn variables_and_assignment() {
    let mut env = Env::with(&[("x", "3"), ("y", "7")]);
    assert_eq!(ev(&mut env, "x * y"), 21);
    assert_eq!(ev(&mut env, "z"), 0);
    assert_eq!(ev(&mut env, "z = 3 + 4"), 7);
    assert_eq!(env.get("z").as_deref(), Some("7"));
    assert_eq!(ev(&mut env, "a = b = c = 4"), 4);
    assert_eq!(env.get("a").as_deref(), Some("4"));
    assert_eq!(env.get("c").as_deref(), Some("4"));
    assert_eq!(ev(&mut env, "x = x + 1"), 4);
    assert_eq!(ev(&mut env, "i=2, j=i*3, j"), 6);
    assert_eq!(ev(&mut env, "n = -9223372036854775807 - 1"), i64::MIN);
    assert_eq!(env.get("n").as_deref(), Some("-9223372036854775808"));
}

#[test]
fn compound_assignment() {
    let mut env = Env::with(&[("x", "1")]);
    let steps = [
        ("x <<= 3", 8),
        ("x >>= 1", 4),
        ("x &= 6", 4),
        ("x |= 1", 5),
        ("x ^= 7", 2),
        ("x += 40", 42),
        ("x %= 5", 2),
        ("x -= 5", -3),
        ("x /= 2", -1),
        ("x *= 2 + 1", -3),
    ];
    for (text, want) in steps {
        assert_eq!(ev(&mut env, text), want, "{text}");
        assert_eq!(env.get("x"), Some(want.to_string()), "{text}");
    }
}

#[test]
fn increment_and_decrement() {
    let mut env = Env::with(&[("x", "3"), ("y", "7")]);
    assert_eq!(ev(&mut env, "x++"), 3);
    assert_eq!(env.get("x").as_deref(), Some("4"));
    assert_eq!(ev(&mut env, "++x"), 5);
    assert_eq!(ev(&mut env, "x--"), 5);
    assert_eq!(ev(&mut env, "--x"), 3);
    assert_eq!(ev(&mut env, "x+++++y"), 11);
    assert_eq!(
        (env.get("x").unwrap(), env.get("y").unwrap()),
        ("4".into(), "8".into())
    );
    assert_eq!(ev(&mut env, "new++"), 0);
    assert_eq!(env.get("new").as_deref(), Some("1"));
    assert_eq!(ev(&mut env, "--neg"), -1);
    let mut env = Env::with(&[("m", "9223372036854775807")]);
    assert_eq!(ev(&mut env, "++m"), i64::MIN);
}

#[test]
fn evaluation_order_is_left_to_right() {
    let mut env = Env::with(&[("x", "3")]);
    assert_eq!(ev(&mut env, "x++ + ++x"), 8);
    assert_eq!(env.get("x").as_deref(), Some("5"));
    let mut env = Env::with(&[("x", "3")]);
    assert_eq!(ev(&mut env, "x-- - --x"), 2);
    let mut env = Env::with(&[("x", "3")]);
    assert_eq!(ev(&mut env, "(x+=2)+x"), 10);
    let mut env = Env::with(&[("x", "5")]);
    assert_eq!(ev(&mut env, "x+=x++"), 10);
    assert_eq!(env.get("x").as_deref(), Some("10"));
    let mut env = Env::with(&[("x", "5")]);
    assert_eq!(ev(&mut env, "x = x++ + 1"), 6);
    let mut env = Env::default();
    assert_eq!(ev(&mut env, "(x=3) + (x=4)"), 7);
    assert_eq!(env.get("x").as_deref(), Some("4"));
    let mut env = Env::with(&[("x", "3")]);
    assert_eq!(ev(&mut env, "x ? x-- : 9"), 3);
    assert_eq!(env.get("x").as_deref(), Some("2"));
}

#[test]
fn values_are_evaluated_as_expressions() {
    let mut env = Env::with(&[("x", "1+2")]);
    assert_eq!(ev(&mut env, "x*3"), 9);
    let mut env = Env::with(&[("y", "x"), ("x", "5")]);
    assert_eq!(ev(&mut env, "y"), 5);
    let cases = [
        ("3 ", 6),
        (" 0x10", 32),
        ("-5", -10),
        ("--5", 10),
        ("010", 16),
        (" ", 0),
        ("", 0),
        ("1,2", 4),
        ("2#101", 10),
        ("abc", 0),
    ];
    for (value, want) in cases {
        let mut env = Env::with(&[("v", value)]);
        assert_eq!(ev(&mut env, "v*2"), want, "{value:?}");
    }
}

#[test]
fn values_may_assign() {
    let mut env = Env::with(&[("x", "y=4")]);
    assert_eq!(ev(&mut env, "x"), 4);
    assert_eq!(env.get("y").as_deref(), Some("4"));
    let mut env = Env::with(&[("x", "y++"), ("y", "1")]);
    assert_eq!(ev(&mut env, "x"), 1);
    assert_eq!(env.get("y").as_deref(), Some("2"));
}

#[test]
fn bad_values_are_errors_named_by_their_text() {
    let mut env = Env::with(&[("x", "08")]);
    let want = r#"08: value too great for base (error token is "08")"#;
    assert_eq!(ev_err(&mut env, "x+1"), want);
    let mut env = Env::with(&[("x", "1 +")]);
    let want = r#"1 +: syntax error: operand expected (error token is "+")"#;
    assert_eq!(ev_err(&mut env, "x"), want);
    let mut env = Env::with(&[("x", "a b")]);
    let want = r#"a b: syntax error in expression (error token is "b")"#;
    assert_eq!(ev_err(&mut env, "x"), want);
    let mut env = Env::with(&[("x", "1/0")]);
    let want = r#"1/0: division by 0 (error token is "0")"#;
    assert_eq!(ev_err(&mut env, " 2 + x "), want);
}

#[test]
fn values_are_never_shell_code() {
    let mut env = Env::with(&[("x", "$(echo hi)")]);
    let want = r#"$(echo hi): syntax error: operand expected (error token is "$(echo hi)")"#;
    assert_eq!(ev_err(&mut env, "x"), want);
    let mut env = Env::with(&[("x", "`id`")]);
    let want = r#"`id`: syntax error: operand expected (error token is "`id`")"#;
    assert_eq!(ev_err(&mut env, "x"), want);
}

#[test]
fn self_reference_hits_the_recursion_limit() {
    let mut env = Env::with(&[("a", "a")]);
    let want = r#"a: expression recursion level exceeded (error token is "a")"#;
    assert_eq!(ev_err(&mut env, "a"), want);
    let mut env = Env::with(&[("a", "b"), ("b", "a")]);
    let want = r#"b: expression recursion level exceeded (error token is "b")"#;
    assert_eq!(ev_err(&mut env, "a + 1"), want);
    let mut env = Env::with(&[("n", "n+2")]);
    let e = ev_err(&mut env, "n=n+2");
    assert!(e.contains(RECURSION_MSG), "{e}");
}

#[test]
fn long_variable_chains_within_the_limit_work() {
    let mut env = Env::default();
    for i in 0..1000 {
        env.scalar(&format!("v{i}"), &format!("v{}", i + 1));
    }
    env.scalar("v1000", "42");
    assert_eq!(ev(&mut env, "v0"), 42);
}

#[test]
fn deep_values_stay_within_the_depth_budget() {
    // Each value is 500 unary minuses around the next variable: a chain
    // of them would recurse far deeper than one parse allows.
    let mut env = Env::default();
    for i in 0..200 {
        env.scalar(&format!("d{i}"), &format!("{}d{}", "-".repeat(500), i + 1));
    }
    let want = r#"d2: expression recursion level exceeded (error token is "d2")"#;
    let e = ev_err(&mut env, "d0");
    assert!(e.ends_with(want), "{}", &e[e.len() - 100..]);
}

#[test]
fn unset_and_empty_are_zero_unless_nounset() {
    let mut env = Env::with(&[("e", "")]);
    assert_eq!(ev(&mut env, "u + e + 1"), 1);
    env.nounset = true;
    assert_eq!(ev(&mut env, "e + 1"), 1);
    assert_eq!(ev_err(&mut env, "u + 1"), "u: unbound variable");
    assert_eq!(ev_err(&mut env, "u++"), "u: unbound variable");
    assert_eq!(ev_err(&mut env, "u += 1"), "u: unbound variable");
    assert_eq!(ev(&mut env, "u = 1"), 1);
    assert_eq!(ev(&mut env, "u + 1"), 2);
}

#[test]
fn nounset_array_elements() {
    let mut env = Env {
        nounset: true,
        ..Env::default()
    };
    env.indexed("a", &["1"]);
    assert_eq!(ev(&mut env, "a[5] + 1"), 1);
    assert_eq!(ev(&mut env, "a[1+1] + 1"), 1);
    assert_eq!(ev_err(&mut env, "b[0]"), "b: unbound variable");
}

#[test]
fn indexed_arrays() {
    let mut env = Env::default();
    env.indexed("a", &["1", "2", "3"]);
    assert_eq!(ev(&mut env, "a[1]"), 2);
    assert_eq!(ev(&mut env, "a[ 1 + 1 ]"), 3);
    assert_eq!(ev(&mut env, "a"), 1);
    assert_eq!(ev(&mut env, "a[-1]"), 3);
    assert_eq!(ev(&mut env, "a[-1] += 5"), 8);
    assert_eq!(env.elem("a", 2).as_deref(), Some("8"));
    assert_eq!(ev(&mut env, "a[ ]"), 1);
    assert_eq!(ev(&mut env, "a[7] = 4"), 4);
    assert_eq!(env.elem("a", 7).as_deref(), Some("4"));
    assert_eq!(ev(&mut env, "a[1]++"), 2);
    assert_eq!(env.elem("a", 1).as_deref(), Some("3"));
    let mut env = Env::with(&[("x", "7")]);
    assert_eq!(ev(&mut env, "x[0]"), 7);
}

#[test]
fn subscript_is_evaluated_once() {
    let mut env = Env::with(&[("i", "0")]);
    env.indexed("a", &["1", "2"]);
    assert_eq!(ev(&mut env, "a[i++] += 10"), 11);
    assert_eq!(env.get("i").as_deref(), Some("1"));
    assert_eq!(env.elem("a", 0).as_deref(), Some("11"));
    assert_eq!(env.elem("a", 1).as_deref(), Some("2"));
    assert_eq!(ev(&mut env, "a[i++]++"), 2);
    assert_eq!(env.get("i").as_deref(), Some("2"));
}

#[test]
fn array_element_values_recurse() {
    let mut env = Env::with(&[("x", "a[0]")]);
    env.indexed("a", &["4"]);
    assert_eq!(ev(&mut env, "x"), 4);
    let mut env = Env::with(&[("i", "1")]);
    env.indexed("b", &["10", "20"]);
    env.indexed("a", &["b[i]"]);
    assert_eq!(ev(&mut env, "a[0] + a"), 40);
}

#[test]
fn subscript_errors() {
    let mut env = Env::default();
    env.indexed("a", &["1"]);
    let want = r#"1/0: division by 0 (error token is "0")"#;
    assert_eq!(ev_err(&mut env, "a[1/0] + 3"), want);
    assert_eq!(ev_err(&mut env, "a[]"), "a[]: bad array subscript");
    assert_eq!(ev_err(&mut env, "a[@]"), "a[@]: bad array subscript");
    assert_eq!(ev_err(&mut env, "a[*]"), "a[*]: bad array subscript");
    let want = r#"1+: syntax error: operand expected (error token is "+")"#;
    assert_eq!(ev_err(&mut env, "a[1+]"), want);
    // Not evaluated, so not an error (bash agrees).
    assert_eq!(ev(&mut env, "0 && a[]"), 0);
    assert_eq!(ev(&mut env, "0 && a[1+]"), 0);
}

#[test]
fn associative_arrays_use_the_raw_key() {
    let mut env = Env::default();
    env.assoc("h", &[("foo", "3"), ("a b", "5"), ("1+1", "7")]);
    assert_eq!(ev(&mut env, "h[foo]"), 3);
    assert_eq!(ev(&mut env, "h[ foo ]"), 3);
    assert_eq!(ev(&mut env, "h[a b]"), 5);
    assert_eq!(ev(&mut env, "h[1+1]"), 7);
    assert_eq!(ev(&mut env, "h[nope]"), 0);
    assert_eq!(ev(&mut env, "h[k]++"), 0);
    assert_eq!(ev(&mut env, "h[k] += 5"), 6);
    assert_eq!(env.key("h", "k").as_deref(), Some("6"));
    assert_eq!(ev(&mut env, "h[ x y ] = 4"), 4);
    assert_eq!(env.key("h", "x y").as_deref(), Some("4"));
}

#[test]
fn set_var_errors_are_reported_bare() {
    let mut env = Env::with(&[("r", "1")]);
    env.readonly.insert(b"r".to_vec());
    assert_eq!(ev_err(&mut env, "r = 2"), "r: readonly variable");
    assert_eq!(ev_err(&mut env, "r++"), "r: readonly variable");
    assert_eq!(ev(&mut env, "0 && (r = 2)"), 0);
    assert_eq!(ev(&mut env, "r + 1"), 2);
}
