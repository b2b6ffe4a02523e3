//! Errors: incomplete input told apart from wrong input, messages, the
//! construct left open, and positions.

use super::*;
use crate::syntax::{ParseErrorKind, Parser};

/// Parses `text` as the REPL or the stdin reader does before the end of
/// the input: more lines may follow.
fn parse_more_may_follow(text: &[u8]) -> Result<(), ParseError> {
    let opts = ParseOptions {
        final_input: false,
        ..Default::default()
    };
    let mut parser = Parser::new(text, opts);
    while parser.next_complete_command()?.is_some() {}
    Ok(())
}

/// What bash does with the line `text` typed at an interactive prompt:
/// `Some(true)` it asks for more (PS2), `Some(false)` it reports a syntax
/// error, `None` it runs it. (Checked with `bash -i`, bash 5.2.)
const INTERACTIVE: &[(&str, Option<bool>)] = &[
    ("echo a |", Some(true)),
    ("a &&", Some(true)),
    ("a ||", Some(true)),
    ("a |&", Some(true)),
    ("if true", Some(true)),
    ("if true; then", Some(true)),
    ("while", Some(true)),
    ("for x", Some(true)),
    ("for x in a", Some(true)),
    ("for ((", Some(true)),
    ("select x", Some(true)),
    ("case x", Some(true)),
    ("case x in", Some(true)),
    ("case x in a)", Some(true)),
    ("f()", Some(true)),
    ("f() {", Some(true)),
    ("function f", Some(true)),
    ("{", Some(true)),
    ("(", Some(true)),
    ("(( 1", Some(true)),
    ("a=(1", Some(true)),
    ("echo ${x", Some(true)),
    ("echo $((1+", Some(true)),
    ("echo $[1+", Some(true)),
    ("echo $(", Some(true)),
    ("echo `a", Some(true)),
    ("echo \"a", Some(true)),
    ("echo 'a", Some(true)),
    ("echo $'a", Some(true)),
    ("echo \\", Some(true)),
    ("cat <<E", Some(true)),
    ("[[", Some(true)),
    ("[[ a &&", Some(true)),
    ("echo >", Some(false)),
    ("echo <<<", Some(false)),
    ("function", Some(false)),
    ("coproc", Some(false)),
    ("[[ a", Some(false)),
    ("[[ a ==", Some(false)),
    ("[[ ( a", Some(false)),
    ("echo )", Some(false)),
    ("fi", Some(false)),
    ("time", None),
    ("!", None),
    ("a;", None),
    ("a &", None),
];

#[test]
fn incomplete_input_is_told_apart_from_wrong_input() {
    let mut failures = Vec::new();
    for (line, expected) in INTERACTIVE {
        // With the newline the user typed, and without it (a REPL's
        // validator sees the line alone).
        for text in [format!("{line}\n"), line.to_string()] {
            let got = match parse_more_may_follow(text.as_bytes()) {
                Ok(()) => None,
                Err(e) => Some(e.is_incomplete()),
            };
            if got != *expected {
                failures.push(format!("{text:?}: expected {expected:?}, got {got:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}
