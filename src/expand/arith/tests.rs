//! Evaluator tests against a small in-memory environment. Expected values
//! and messages were checked with bash 5.2 (`bash -c 'echo $((...))'`);
//! `matches_bash` re-checks a table against /bin/bash when it exists.
//! Variable, array and recursion tests are in `tests_vars.rs`.

use super::*;
use std::collections::{BTreeMap, HashMap, HashSet};

pub(super) enum Val {
    Scalar(Vec<u8>),
    Indexed(BTreeMap<i64, Vec<u8>>),
    Assoc(HashMap<Vec<u8>, Vec<u8>>),
}

#[derive(Default)]
pub(super) struct Env {
    pub(super) vars: HashMap<Vec<u8>, Val>,
    pub(super) readonly: HashSet<Vec<u8>>,
    pub(super) nounset: bool,
    /// Every get_var call, to check what short-circuiting skipped.
    pub(super) reads: Vec<String>,
}

impl Env {
    pub(super) fn with(pairs: &[(&str, &str)]) -> Self {
        let mut env = Env::default();
        for (k, v) in pairs {
            env.scalar(k, v);
        }
        env
    }

    pub(super) fn scalar(&mut self, k: &str, v: &str) {
        let val = Val::Scalar(v.as_bytes().to_vec());
        self.vars.insert(k.as_bytes().to_vec(), val);
    }

    pub(super) fn indexed(&mut self, k: &str, items: &[&str]) {
        let map = (0..).zip(items.iter().map(|s| s.as_bytes().to_vec()));
        self.vars
            .insert(k.as_bytes().to_vec(), Val::Indexed(map.collect()));
    }

    pub(super) fn assoc(&mut self, k: &str, items: &[(&str, &str)]) {
        let map = items
            .iter()
            .map(|(a, b)| (a.as_bytes().to_vec(), b.as_bytes().to_vec()));
        self.vars
            .insert(k.as_bytes().to_vec(), Val::Assoc(map.collect()));
    }

    pub(super) fn get(&self, k: &str) -> Option<String> {
        match self.vars.get(k.as_bytes())? {
            Val::Scalar(v) => Some(String::from_utf8_lossy(v).into_owned()),
            _ => None,
        }
    }

    pub(super) fn elem(&self, k: &str, i: i64) -> Option<String> {
        match self.vars.get(k.as_bytes())? {
            Val::Indexed(m) => m.get(&i).map(|v| String::from_utf8_lossy(v).into_owned()),
            _ => None,
        }
    }

    pub(super) fn key(&self, k: &str, key: &str) -> Option<String> {
        match self.vars.get(k.as_bytes())? {
            Val::Assoc(m) => m
                .get(key.as_bytes())
                .map(|v| String::from_utf8_lossy(v).into_owned()),
            _ => None,
        }
    }
}

/// Negative indices count from one past the highest set index, as bash.
fn resolve(m: &BTreeMap<i64, Vec<u8>>, i: i64) -> i64 {
    if i >= 0 {
        return i;
    }
    m.keys().next_back().map_or(i, |&max| max + 1 + i)
}

impl ArithEnv for Env {
    fn get_var(&mut self, name: &[u8], sub: Option<&Subscript>) -> Option<Vec<u8>> {
        self.reads.push(String::from_utf8_lossy(name).into_owned());
        match (self.vars.get(name)?, sub) {
            (Val::Scalar(v), None | Some(Subscript::Index(0))) => Some(v.clone()),
            (Val::Scalar(_), _) => None,
            (Val::Indexed(m), None) => m.get(&0).cloned(),
            (Val::Indexed(m), Some(Subscript::Index(i))) => m.get(&resolve(m, *i)).cloned(),
            (Val::Assoc(m), Some(Subscript::Key(k))) => m.get(k).cloned(),
            (Val::Assoc(m), None) => m.get(&b"0"[..]).cloned(),
            _ => None,
        }
    }

    fn set_var(&mut self, name: &[u8], sub: Option<&Subscript>, value: i64) -> Result<(), String> {
        if self.readonly.contains(name) {
            return Err(format!(
                "{}: readonly variable",
                String::from_utf8_lossy(name)
            ));
        }
        let v = value.to_string().into_bytes();
        let entry = self.vars.get_mut(name);
        match (entry, sub) {
            (Some(Val::Indexed(m)), Some(Subscript::Index(i))) => {
                let i = resolve(m, *i);
                m.insert(i, v);
            }
            (Some(Val::Assoc(m)), Some(Subscript::Key(k))) => {
                m.insert(k.clone(), v);
            }
            (None, Some(Subscript::Index(i))) => {
                let map = BTreeMap::from([(*i, v)]);
                self.vars.insert(name.to_vec(), Val::Indexed(map));
            }
            _ => {
                self.vars.insert(name.to_vec(), Val::Scalar(v));
            }
        }
        Ok(())
    }

    fn is_assoc(&self, name: &[u8]) -> bool {
        matches!(self.vars.get(name), Some(Val::Assoc(_)))
    }

    fn nounset(&self) -> bool {
        self.nounset
    }
}

pub(super) fn ev(env: &mut Env, text: &str) -> i64 {
    match eval_text(text.as_bytes(), env) {
        Ok(n) => n,
        Err(e) => panic!("{text:?}: unexpected error: {e}"),
    }
}

pub(super) fn val(text: &str) -> i64 {
    ev(&mut Env::default(), text)
}

/// The error as bash prints it after `bash: line 1: `.
pub(super) fn ev_err(env: &mut Env, text: &str) -> String {
    match eval_text(text.as_bytes(), env) {
        Ok(n) => panic!("{text:?}: expected an error, got {n}"),
        Err(e) => e.to_string(),
    }
}

pub(super) fn err(text: &str) -> String {
    ev_err(&mut Env::default(), text)
}

#[test]
fn literals_and_empty() {
    assert_eq!(val(""), 0);
    assert_eq!(val("  \n "), 0);
    assert_eq!(val("42"), 42);
    assert_eq!(val("0x10 + 010 + 2#11"), 27);
    assert_eq!(val("64#@ + 36#Z"), 97);
}

#[test]
fn arithmetic_operators() {
    assert_eq!(val("7 + 3"), 10);
    assert_eq!(val("7 - 10"), -3);
    assert_eq!(val("6 * 7"), 42);
    assert_eq!(val("7 / 2"), 3);
    assert_eq!(val("7 / -2"), -3);
    assert_eq!(val("-7 / 2"), -3);
    assert_eq!(val("-7 % 2"), -1);
    assert_eq!(val("7 % -2"), 1);
    assert_eq!(val("2 ** 10"), 1024);
    assert_eq!(val("3 ** 0"), 1);
    assert_eq!(val("0 ** 0"), 1);
    assert_eq!(val("-3 ** 3"), -27);
    assert_eq!(val("-2 ** 2"), 4);
    assert_eq!(val("2 ** 3 ** 2"), 512);
    assert_eq!(val("2 ** -2 ** 0"), 2);
}

#[test]
fn unary_operators() {
    assert_eq!(val("-5"), -5);
    assert_eq!(val("+5"), 5);
    assert_eq!(val("!0"), 1);
    assert_eq!(val("!7"), 0);
    assert_eq!(val("!-1"), 0);
    assert_eq!(val("~0"), -1);
    assert_eq!(val("~-1"), 0);
    assert_eq!(val("-~1"), 2);
    assert_eq!(val("~0*2"), -2);
    assert_eq!(val("!0 + 1"), 2);
    assert_eq!(val("- - 3"), 3);
    assert_eq!(val("---5"), -5);
}

#[test]
fn bitwise_and_shift_operators() {
    assert_eq!(val("5 & 3"), 1);
    assert_eq!(val("5 | 3"), 7);
    assert_eq!(val("5 ^ 3"), 6);
    assert_eq!(val("5&3|8"), 9);
    assert_eq!(val("1|2^3&4"), 3);
    assert_eq!(val("1 << 4"), 16);
    assert_eq!(val("-8 >> 1"), -4);
    assert_eq!(val("8>>1<<2"), 16);
    // Shift counts are taken mod 64, as bash on x86-64.
    assert_eq!(val("1 << 64"), 1);
    assert_eq!(val("1 << -1"), i64::MIN);
    assert_eq!(val("1 << 63"), i64::MIN);
    assert_eq!(val("5 >> 65"), 2);
}

#[test]
fn comparison_and_logic_give_one_or_zero() {
    let cases = [
        ("1 < 2", 1),
        ("2 < 1", 0),
        ("2 <= 2", 1),
        ("3 > 2", 1),
        ("2 >= 3", 0),
        ("4 == 4", 1),
        ("4 != 4", 0),
        ("1<2<3", 1),
        ("3>2>1", 0),
        ("1==1==1", 1),
        ("3 != 4 == 1", 1),
        ("5 && 3", 1),
        ("5 && 0", 0),
        ("0 || 7", 1),
        ("0 || 0", 0),
        ("1 && 0 || 1", 1),
        ("1 || 0 && 0", 1),
        ("1&3==3", 1),
    ];
    for (text, want) in cases {
        assert_eq!(val(text), want, "{text}");
    }
}

#[test]
fn precedence_matches_bash() {
    assert_eq!(val("1 + 2 * 3"), 7);
    assert_eq!(val("(1 + 2) * 3"), 9);
    assert_eq!(val("1<<2+1"), 8);
    assert_eq!(val("1+2<<1"), 6);
    assert_eq!(val("2 - 3 - 4"), -5);
    assert_eq!(val("100 / 10 / 5"), 2);
    assert_eq!(val("1 ? 0 : 2 ? 3 : 4"), 0);
    assert_eq!(val("0 ? 1 : 0 ? 2 : 3"), 3);
    assert_eq!(val("1 ? 0 ? 7 : 8 : 9"), 8);
    assert_eq!(val("1 ,2, 3"), 3);
    assert_eq!(val("(1,2)"), 2);
    assert_eq!(val("1 ? 2, 5 : 3"), 5);
}

#[test]
fn wrapping_64_bit() {
    assert_eq!(val("9223372036854775807 + 1"), i64::MIN);
    assert_eq!(val("-9223372036854775807 - 2"), i64::MAX);
    assert_eq!(val("-(-9223372036854775807-1)"), i64::MIN);
    assert_eq!(val("(-9223372036854775807-1) / -1"), i64::MIN);
    assert_eq!(val("(-9223372036854775807-1) % -1"), 0);
    assert_eq!(val("x = -9223372036854775807-1, x /= -1"), i64::MIN);
    assert_eq!(val("x = -9223372036854775807-1, x %= -1"), 0);
    assert_eq!(val("4611686018427387904 * 2"), i64::MIN);
    assert_eq!(val("2 ** 63"), i64::MIN);
    assert_eq!(val("2 ** 64"), 0);
    assert_eq!(val("3 ** 100"), -2984622845537545263);
    assert_eq!(val("99999999999999999999"), 7766279631452241919);
}

#[test]
fn division_by_zero() {
    assert_eq!(err("1/0"), r#"1/0: division by 0 (error token is "0")"#);
    assert_eq!(err("1%0"), r#"1%0: division by 0 (error token is "0")"#);
    assert_eq!(
        err("1/0 + 5"),
        r#"1/0 + 5: division by 0 (error token is "0 + 5")"#
    );
    assert_eq!(
        err("(1/0) + 5"),
        r#"(1/0) + 5: division by 0 (error token is "0) + 5")"#
    );
    assert_eq!(
        err("1/(0) + 2"),
        r#"1/(0) + 2: division by 0 (error token is "(0) + 2")"#
    );
    assert_eq!(
        err("5 % 0 * 3"),
        r#"5 % 0 * 3: division by 0 (error token is "0 * 3")"#
    );
    assert_eq!(
        err(" 1 / 0 "),
        r#"1 / 0 : division by 0 (error token is "0 ")"#
    );
    assert_eq!(
        err("x /= 0"),
        r#"x /= 0: division by 0 (error token is "0")"#
    );
    assert_eq!(
        err("x %= 0"),
        r#"x %= 0: division by 0 (error token is "0")"#
    );
    assert_eq!(
        err("y=0, x /= y"),
        r#"y=0, x /= y: division by 0 (error token is "y")"#
    );
}

#[test]
fn negative_exponent() {
    assert_eq!(
        err("2**-1"),
        r#"2**-1: exponent less than 0 (error token is "1")"#
    );
    assert_eq!(
        err("2**-1 , 3"),
        r#"2**-1 , 3: exponent less than 0 (error token is ", 3")"#
    );
    assert_eq!(
        err("(2**-1)"),
        r#"(2**-1): exponent less than 0 (error token is ")")"#
    );
    assert_eq!(
        err("2**(-1) + 4"),
        r#"2**(-1) + 4: exponent less than 0 (error token is "+ 4")"#
    );
}

#[test]
fn error_fields() {
    let e = eval_text(b"  1/0", &mut Env::default()).unwrap_err();
    assert_eq!(e.message, r#"division by 0 (error token is "0")"#);
    assert_eq!(e.expr.as_deref(), Some(&b"1/0"[..]));
    assert_eq!(e.render(), b"1/0: division by 0 (error token is \"0\")");
}

#[test]
fn syntax_errors_name_the_expression() {
    assert_eq!(
        err("1 +"),
        r#"1 +: syntax error: operand expected (error token is "+")"#
    );
    assert_eq!(
        err(" 1 + "),
        r#"1 + : syntax error: operand expected (error token is "+ ")"#
    );
    assert_eq!(
        err("1 2"),
        r#"1 2: syntax error in expression (error token is "2")"#
    );
    assert_eq!(
        err("08"),
        r#"08: value too great for base (error token is "08")"#
    );
    assert_eq!(
        err("1=2"),
        r#"1=2: attempted assignment to non-variable (error token is "=2")"#
    );
}

#[test]
fn short_circuit_skips_side_effects_and_errors() {
    let mut env = Env::default();
    assert_eq!(ev(&mut env, "0 && (x = 5)"), 0);
    assert_eq!(ev(&mut env, "1 || (x = 5)"), 1);
    assert_eq!(ev(&mut env, "0 ? x = 5 : 3"), 3);
    assert_eq!(ev(&mut env, "1 ? 2 : (x = 9)"), 2);
    assert_eq!(env.get("x"), None);
    assert_eq!(ev(&mut env, "0 && 1/0"), 0);
    assert_eq!(ev(&mut env, "1 || 1/0"), 1);
    assert_eq!(ev(&mut env, "1 ? 2 : 1/0"), 2);
    assert_eq!(ev(&mut env, "0 ? 1/0 : 2"), 2);
    assert_eq!(ev(&mut env, "0 && 2**-1"), 0);
    assert_eq!(ev(&mut env, "0 && 1/0 && 1/0"), 0);
    assert_eq!(ev(&mut env, "1 || 1/0 || 1/0"), 1);
    assert_eq!(ev(&mut env, "0 && y++ || 4"), 1);
    assert!(env.reads.iter().all(|r| r != "y"));
    assert_eq!(ev(&mut env, "1 && (x = 5)"), 1);
    assert_eq!(env.get("x").as_deref(), Some("5"));
}

#[test]
fn short_circuit_skips_nounset_errors() {
    let mut env = Env {
        nounset: true,
        ..Env::default()
    };
    assert_eq!(ev(&mut env, "0 && y"), 0);
    assert_eq!(ev(&mut env, "1 ? 3 : y"), 3);
    assert_eq!(ev_err(&mut env, "1 && y"), "y: unbound variable");
}

#[test]
fn eval_of_a_parsed_tree_can_be_repeated() {
    let ast = crate::syntax::arith::parse_arith(b"i += 2").unwrap();
    let mut env = Env::default();
    for _ in 0..3 {
        eval(&ast, &mut env).unwrap();
    }
    assert_eq!(env.get("i").as_deref(), Some("6"));
}

#[test]
fn long_flat_expressions_evaluate() {
    let text = vec!["1"; 100_000].join("+");
    assert_eq!(val(&text), 100_000);
    let text = vec!["x++"; 10_000].join(", ");
    let mut env = Env::default();
    assert_eq!(ev(&mut env, &text), 9_999);
}

#[test]
fn deep_but_allowed_nesting_evaluates() {
    let n = 900;
    let text = format!("{}1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(val(&text), 1);
    let text = format!("{}1", "-".repeat(n));
    assert_eq!(val(&text), 1);
    let text = format!("{}1{}", "(1+".repeat(400), ")".repeat(400));
    assert_eq!(val(&text), 401);
}

#[test]
fn deep_nesting_is_an_error() {
    let text = format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let e = err(&text);
    assert!(e.contains(RECURSION_MSG), "{}", &e[e.len() - 80..]);
}

/// Differential check against the real bash, when it is installed.
#[test]
fn matches_bash() {
    if !std::path::Path::new("/bin/bash").exists() {
        return;
    }
    let exprs = [
        "1 + 2 * 3 - 4 / 2 % 3",
        "2 ** 3 ** 2 - -2 ** 2",
        "(5 > 3) + (3 >= 3) + (2 < 1) + (2 <= 1) + (1 == 1) + (1 != 1)",
        "7 & 3 | 8 ^ 5 << 2 >> 1",
        "~5 + !0 + !!7 - -~-3",
        "1 ? 2 ? 3 : 4 : 5",
        "0 || 0 && 1 || 3",
        "x = 5, y = x++ * 2, x * 100 + y",
        "x = 3, x <<= 2, x |= 1, x ^= 6, x",
        "0x7fffffffffffffff * 3",
        "-9223372036854775807 - 5",
        "64#zZ@_ + 36#Hello + 2#1010 + 017",
        "3 ** 41",
        "(-9223372036854775807 - 1) / -1",
        "a = 7, b = a-- - --a, a * 10 + b",
        "1 << 70 | 1 >> -62",
        "i = 10, i /= 3, i %= 2",
        "(1, 2, 3) * (4, 5)",
    ];
    for text in exprs {
        let out = std::process::Command::new("/bin/bash")
            .arg("-c")
            .arg(format!("echo $(({text}))"))
            .output()
            .unwrap();
        let want = String::from_utf8_lossy(&out.stdout).trim().to_string();
        assert_eq!(val(text).to_string(), want, "{text}");
    }
}
