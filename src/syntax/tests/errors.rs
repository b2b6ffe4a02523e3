//! Errors: incomplete input told apart from wrong input, messages, the
//! construct left open, and positions.

use super::*;
use crate::diagnostic::render_parse_error;
use crate::syntax::source::{LineCol, Source};
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

/// Input → the first line of the rendered error after `whelk: -c:`
/// (`LINE:COL: message`), each checked against the construct bash names
/// and the place it points at.
const MESSAGES: &[(&str, &str)] = &[
    ("if true; then", "1:14: syntax error: unexpected end of file: `if` is never closed by `fi` (`if` opened at 1:1)"),
    ("if true; then\n  echo x\n", "3:1: syntax error: unexpected end of file: `if` is never closed by `fi` (`if` opened at 1:1)"),
    ("if true; fi", "1:10: syntax error near unexpected token `fi' (expected `then`) (`if` opened at 1:1)"),
    ("while :; do :;", "1:15: syntax error: unexpected end of file: `while` is never closed by `done` (`while` opened at 1:1)"),
    ("for x in a b", "1:13: syntax error: unexpected end of file: `for` is never closed by `do` (`for` opened at 1:1)"),
    ("for ((i=0;", "1:11: syntax error: unexpected end of file: `for ((` is never closed by `))` (`for ((` opened at 1:5)"),
    ("case x in a) ;;", "1:16: syntax error: unexpected end of file: `case` is never closed by `esac` (`case` opened at 1:1)"),
    ("case x", "1:7: syntax error: unexpected end of file: `case` is never closed by `in` (`case` opened at 1:1)"),
    ("{ a;", "1:5: syntax error: unexpected end of file: `{` is never closed by `}` (`{` opened at 1:1)"),
    ("( a", "1:4: syntax error: unexpected end of file: `(` is never closed by `)` (`(` opened at 1:1)"),
    ("f() {", "1:6: syntax error: unexpected end of file: `{` is never closed by `}` (`{` opened at 1:5)"),
    ("echo $(a", "1:9: syntax error: unexpected end of file (`$(` opened at 1:6)"),
    ("echo ${x", "1:9: syntax error: unexpected end of file: `${` is not closed by `}` (`${` opened at 1:6)"),
    ("echo $((1", "1:10: syntax error: unexpected end of file: unterminated $(( (`$((` opened at 1:6)"),
    ("echo 'abc", "1:10: syntax error: unexpected end of file: unterminated single quote (`'` opened at 1:6)"),
    ("echo \"abc", "1:10: syntax error: unexpected end of file: unterminated double quote (`\"` opened at 1:6)"),
    ("echo `abc", "1:10: syntax error: unexpected end of file: unterminated backquote (`` ` `` opened at 1:6)"),
    ("echo $'abc", "1:11: syntax error: unexpected end of file: unterminated $'…' quote (`$'` opened at 1:7)"),
    ("a=(1 2", "1:7: syntax error: unexpected end of file in array assignment (`(` opened at 1:3)"),
    ("echo a |", "1:9: syntax error: unexpected end of file: a command must follow `|`"),
    ("a && b ||", "1:10: syntax error: unexpected end of file: a command must follow `||`"),
    ("fi", "1:1: syntax error near unexpected token `fi'"),
    ("done", "1:1: syntax error near unexpected token `done'"),
    ("}", "1:1: syntax error near unexpected token `}'"),
    (")", "1:1: syntax error near unexpected token `)'"),
    (";;", "1:1: syntax error near unexpected token `;;'"),
    ("echo a;;", "1:7: syntax error near unexpected token `;;'"),
    ("a | | b", "1:5: syntax error near unexpected token `|'"),
    ("a && && b", "1:6: syntax error near unexpected token `&&'"),
    ("&", "1:1: syntax error near unexpected token `&'"),
    ("if; then :; fi", "1:3: syntax error near unexpected token `;'"),
    ("for 1 in a; do :; done", "1:5: syntax error near unexpected token `1'"),
    ("for x y; do :; done", "1:7: syntax error near unexpected token `y' (expected `do`) (`for` opened at 1:1)"),
    ("{ }", "1:3: syntax error near unexpected token `}'"),
    ("()", "1:2: syntax error near unexpected token `)'"),
    ("echo ${x:-${y}", "1:15: syntax error: unexpected end of file: `${` is not closed by `}` (`${` opened at 1:6)"),
    ("[[ -f", "1:6: syntax error: unexpected argument `newline' to conditional unary operator"),
    ("echo > ", "1:8: syntax error near unexpected token `newline'"),
    ("echo <(a", "1:9: syntax error: unexpected end of file (`<(` opened at 1:6)"),
    ("echo @(a", "1:7: syntax error near unexpected token `('"),
    ("echo ok\n\nif x; then\n  y\n", "5:1: syntax error: unexpected end of file: `if` is never closed by `fi` (`if` opened at 3:1)"),
    ("echo ok\n  fi", "2:3: syntax error near unexpected token `fi'"),
    ("echo $[1+", "1:10: syntax error: unexpected end of file (`$[` opened at 1:6)"),
    ("coproc", "1:7: syntax error near unexpected token `newline'"),
    ("function", "1:9: syntax error near unexpected token `newline'"),
    ("f() g", "1:5: syntax error near unexpected token `g'"),
    ("case x in a|) ;; esac", "1:13: syntax error near unexpected token `)'"),
    ("case x in a b) ;; esac", "1:13: syntax error near unexpected token `b'"),
    ("echo \"$(echo 'a)\"", "1:18: syntax error: unexpected end of file: unterminated single quote (`'` opened at 1:14)"),
    ("x=${a:-\"b}", "1:11: syntax error: unexpected end of file: unterminated double quote (`\"` opened at 1:8)"),
    ("echo $(( 1 + $(a", "1:17: syntax error: unexpected end of file (`$(` opened at 1:14)"),
    ("[[ a b ]]", "1:6: syntax error: conditional binary operator expected, got `b'"),
    ("[[ ( a ]]", "1:8: syntax error: unexpected token `]]', expected `)`"),
    ("[[ -n == -n ]]", "1:10: syntax error in conditional expression: unexpected token `-n'"),
    ("in", "1:1: syntax error near unexpected token `in'"),
    ("echo; ]]", "1:7: syntax error near unexpected token `]]'"),
    ("echo a=(1)", "1:8: syntax error near unexpected token `('"),
    ("f() ( :", "1:8: syntax error: unexpected end of file: `(` is never closed by `)` (`(` opened at 1:5)"),
    ("((1 + 2", "1:8: syntax error: unexpected end of file: `((` is never closed by `))` (`((` opened at 1:1)"),
    ("select x in a; do", "1:18: syntax error: unexpected end of file: `select` is never closed by `done` (`select` opened at 1:1)"),
    ("if a; then b; elif c; fi", "1:23: syntax error near unexpected token `fi' (expected `then`) (`if` opened at 1:1)"),
    ("a | ! b", "1:5: syntax error near unexpected token `!'"),
    ("echo > 2>x", "1:8: syntax error near unexpected token `2'"),
    ("echo > {fd}>x", "1:8: syntax error near unexpected token `{fd}'"),
    ("echo ${${*:-},?", "1:16: syntax error: unexpected end of file: `${` is not closed by `}` (`${` opened at 1:6)"),
];

#[test]
fn errors_name_the_place_and_the_construct_left_open() {
    let mut failures = Vec::new();
    for (input, expected) in MESSAGES {
        let Err(e) = parse(input) else {
            failures.push(format!("{input:?}: parsed"));
            continue;
        };
        let source = Source::new("-c", *input);
        let rendered = String::from_utf8(render_parse_error(&source, &e)).unwrap();
        let first = rendered.lines().next().unwrap_or_default();
        let got = first.strip_prefix("whelk: -c:").unwrap_or(first);
        if got != *expected {
            failures.push(format!(
                "{input:?}\n  expected {expected}\n  got      {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn rendered_error_shows_the_line_and_a_caret() {
    let text = "echo ok\nif true; then\n  echo x\nfi fi\n";
    let e = parse(text).unwrap_err();
    let rendered = String::from_utf8(render_parse_error(&Source::new("f.sh", text), &e)).unwrap();
    assert_eq!(
        rendered,
        "whelk: f.sh:4:4: syntax error near unexpected token `fi'\n    4 | fi fi\n      |    ^^\n"
    );
}

#[test]
fn unclosed_construct_reports_where_it_was_opened() {
    let text = "x\n\nwhile true; do\n  if a; then\n    b\n  fi\n";
    let e = parse(text).unwrap_err();
    assert!(e.is_incomplete());
    let (what, span) = e.opened.clone().expect("an opener");
    assert_eq!(what, "`while`");
    let source = Source::new("s", text);
    assert_eq!(source.line_col(span.start), LineCol { line: 3, column: 1 });
    assert_eq!(source.line_col(e.span.start).line, 7);
}

#[test]
fn error_kinds() {
    let kind = |text: &str| parse(text).unwrap_err().kind;
    assert_eq!(kind("if true; then"), ParseErrorKind::Incomplete);
    assert_eq!(kind("fi"), ParseErrorKind::Syntax);
    assert_eq!(kind(&"( ".repeat(5000)), ParseErrorKind::TooDeep);
    assert_eq!(kind(&"((".repeat(5000)), ParseErrorKind::Incomplete);
    assert_eq!(kind(&"$(".repeat(5000)), ParseErrorKind::TooDeep);
}

#[test]
fn final_input_completes_what_it_can() {
    // A trailing backslash is a literal backslash and an unterminated
    // here-document ends at the end of the input, as in `bash -c`.
    assert_eq!(
        dump("echo \\"),
        r#"(simple@0-6 (w@0-4 (lit "echo")) (w@5-6 (lit "\\")))"#
    );
    assert_eq!(
        dump("cat <<E\nabc"),
        r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-11 (q "abc") (q "\n")))))"#
    );
}
