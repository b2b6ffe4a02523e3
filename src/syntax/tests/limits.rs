//! Hostile input at the library level: deep nesting of every construct
//! gives an error (never a stack overflow), nesting below the limit parses
//! and its tree drops, long flat structures stay flat, and bytes that are
//! not UTF-8 pass through. These run on the test harness's small thread
//! stacks, which is part of the point. The binary is tested the same way,
//! with larger inputs and time limits, in `tests/it/parse.rs`.

use super::*;
use crate::syntax::ast::{PartKind, WordPart};
use crate::syntax::parser::MAX_DEPTH;
use crate::syntax::{ParseErrorKind, Parser};

/// `open` repeated `n` times, then `middle`, then `close` repeated.
fn nest(open: &str, middle: &str, close: &str, n: usize) -> String {
    let mut s = open.repeat(n);
    s.push_str(middle);
    s.push_str(&close.repeat(n));
    s
}

/// Backquotes nested `depth` deep: each level escapes the backslashes
/// and backquotes of the one inside, so their number doubles.
fn nested_backquotes(depth: u32) -> String {
    let mut s = String::from("echo x");
    for _ in 0..depth {
        let inner = s.replace('\\', "\\\\").replace('`', "\\`");
        s = format!("echo `{inner}`");
    }
    s
}

/// Every construct that nests, as (name, text nested `n` deep).
fn nestings(n: usize) -> Vec<(&'static str, String)> {
    vec![
        ("subshells", nest("( ", "true", " )", n)),
        ("brace groups", nest("{ ", "true; ", "}; ", n)),
        ("command substitutions", nest("echo $(", "true", ")", n)),
        (
            "quoted command substitutions",
            nest("echo \"$(", "true", ")\"", n),
        ),
        ("process substitutions", nest("cat <(", "true", ")", n)),
        (
            "parameter defaults",
            format!("echo {}", nest("${x:-", "y", "}", n)),
        ),
        (
            "arithmetic expansions",
            format!("echo {}", nest("$(( ", "1", " ))", n)),
        ),
        (
            "[[ ]] parentheses",
            format!("[[ {} ]]", nest("( ", "a", " )", n)),
        ),
        ("[[ ]] negations", format!("[[ {}a ]]", "! ".repeat(n))),
        ("ifs", nest("if true; then ", ":", "; fi", n)),
        ("whiles", nest("while true; do ", ":", "; done", n)),
        ("cases", nest("case x in x) ", ":", ";; esac", n)),
        ("functions", nest("f() { ", ":", "; }", n)),
        (
            "brace expansions",
            format!("echo {}", nest("{a,", "b", "}", n)),
        ),
        (
            "extglob groups",
            format!("echo {}", nest("@(", "a", ")", n)),
        ),
    ]
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for (name, text) in nestings(100_000) {
        match parse_bytes(text.as_bytes(), true) {
            Ok(_) => panic!("{name}: 100,000 levels parsed"),
            Err(e) => assert_eq!(e.kind, ParseErrorKind::TooDeep, "{name}: {e:?}"),
        }
    }
}

#[test]
fn nesting_below_the_limit_parses_and_drops() {
    // Each level of these constructs costs the parser a few levels of
    // its budget; an eighth of the limit fits all of them.
    for (name, text) in nestings(MAX_DEPTH / 8) {
        let program = match parse_bytes(text.as_bytes(), true) {
            Ok(p) => p,
            Err(e) => panic!("{name}: {e:?}"),
        };
        spans::check_program(text.as_bytes(), &program);
        let dumped = dump_program(&program);
        assert!(!dumped.is_empty(), "{name}");
        drop(program);
    }
}

#[test]
fn deep_backquotes() {
    // Escaping doubles at each level, so depth is bounded by size; 14
    // levels are 16 KB of text.
    let text = nested_backquotes(14);
    let program = parse(&text).unwrap();
    let mut depth = 0;
    let mut word = &simple_words(&program.items[0])[1];
    while let [WordPart {
        kind: PartKind::CommandSub {
            program,
            backquoted: true,
        },
        ..
    }] = word.parts.as_slice()
    {
        depth += 1;
        word = &simple_words(&program.items[0])[1];
    }
    assert_eq!(depth, 14);
}

fn simple_words(item: &crate::syntax::ast::ListItem) -> &[crate::syntax::ast::Word] {
    match &item.and_or.first.commands[0] {
        crate::syntax::ast::Command::Simple(s) => &s.words,
        other => panic!("not a simple command: {other:?}"),
    }
}

#[test]
fn arithmetic_nesting_inside_one_expansion() {
    // `$(( ((…)) ))`: the lexer counts parentheses without recursion; the
    // expression parser has its own limit and leaves the text to be
    // reported when it is evaluated.
    let text = format!("echo $(( {} ))", nest("(", "1", ")", 100_000));
    let program = parse(&text).unwrap();
    let out = dump_program(&program);
    assert!(out.contains("(arith (arith-text"), "{}", &out[..200]);
    let shallow = format!("echo $(( {} ))", nest("(", "1", ")", 100));
    assert_eq!(
        dump(&shallow),
        format!(
            "(simple@0-{} (w@0-4 (lit \"echo\")) (w@5-{} (arith 1)))",
            shallow.len(),
            shallow.len()
        )
    );
    // `((…))` as a command, and a `((` that never closes.
    assert!(parse(&nest("((", "1", "))", 50_000)).is_ok());
    let e = parse(&"((".repeat(100_000)).unwrap_err();
    assert!(e.is_incomplete(), "{e:?}");
}

#[test]
fn failed_alternatives_are_not_retried_at_every_level() {
    // `$(( $(( … ) )` is a command substitution at every level: each level
    // is tried as arithmetic once. Without memoisation this is 2^40 tries.
    let text = nest("echo $(( ", "1", " ) )", 40);
    assert!(parse(&text).is_ok());
    let text = nest("a=([$(a=([", "x", "] ) ) ]", 40);
    assert!(parse(&text).is_ok() || parse(&text).is_err());
}

#[test]
fn hostile_braces_are_linear_or_refused() {
    // No closing brace, no separator, or nothing after: rejected at once.
    for text in [
        format!("echo {}", "{".repeat(200_000)),
        format!("echo {}", "{a,".repeat(100_000)),
        format!("echo {}", "{a}".repeat(100_000)),
        format!("echo {}", "a}".repeat(100_000)),
    ] {
        let program = parse(&text).unwrap();
        assert!(!dump_program(&program).contains("(brace"));
    }
    // Many expansions in a row are processed in a loop, not recursively.
    let text = format!("echo {}", "{a,b}".repeat(20_000));
    let out = dump_program(&parse(&text).unwrap());
    assert_eq!(out.matches("(brace").count(), 20_000);
    // Every `{` may close far away: the work budget refuses the word.
    let text = format!("echo {}{}", "{".repeat(100_000), "a,b}");
    let e = parse(&text).unwrap_err();
    assert_eq!(e.kind, ParseErrorKind::TooDeep, "{e:?}");
}

#[test]
fn long_flat_structures_stay_flat() {
    let n = 100_000;
    let cases = [
        format!("true{}", " | true".repeat(n)),
        format!("true{}", " && true".repeat(n)),
        format!("true{}", "; true".repeat(n)),
        format!("echo{}", " $x".repeat(n)),
        format!("a=({})", " x".repeat(n)),
        format!("case x in {} esac", "a) ;; ".repeat(n)),
        format!("if a; then :; {}fi", "elif b; then :; ".repeat(n)),
        format!("echo $(({}1))", "1+".repeat(n)),
        format!("{}true", "! ".repeat(n)),
    ];
    for text in &cases {
        let program = parse(text).unwrap_or_else(|e| panic!("{}…: {e:?}", &text[..30]));
        drop(program);
    }
}

#[test]
fn long_cond_chains_are_refused() {
    let ok = format!("[[ a{} ]]", " && a".repeat(MAX_DEPTH - 1));
    assert!(parse(&ok).is_ok());
    let too_long = format!("[[ a{} ]]", " && a".repeat(100_000));
    assert_eq!(parse(&too_long).unwrap_err().kind, ParseErrorKind::TooDeep);
}

#[test]
fn nul_bytes_and_invalid_utf8_pass_through() {
    let text = b"echo a\0b \xff\xfe 'q\x80' \"\xc3\x28$x\"\nif true; then echo \xe2\x82; fi\n";
    let program = parse_bytes(text, false).unwrap();
    spans::check_program(text, &program);
    let crate::syntax::ast::Command::Simple(s) = &program.items[0].and_or.first.commands[0] else {
        panic!()
    };
    let literal = |i: usize| match &s.words[i].parts[0].kind {
        PartKind::Literal(t) | PartKind::Quoted(t) => t.clone(),
        PartKind::DoubleQuoted(inner) => match &inner[0].kind {
            PartKind::Quoted(t) => t.clone(),
            _ => panic!(),
        },
        _ => panic!(),
    };
    assert_eq!(literal(1), b"a\0b");
    assert_eq!(literal(2), b"\xff\xfe");
    assert_eq!(literal(3), b"q\x80");
    assert_eq!(literal(4), b"\xc3\x28");
    assert_eq!(program.items.len(), 2);
}

#[test]
fn a_script_is_parsed_one_complete_command_at_a_time() {
    let text = b"echo 1; echo 2\nif a\nthen b\nfi; echo 3\n\n# c\necho 4 \\\n5\n";
    let mut parser = Parser::new(
        text,
        ParseOptions {
            final_input: true,
            ..Default::default()
        },
    );
    let mut counts = Vec::new();
    while let Some(program) = parser.next_complete_command().unwrap() {
        counts.push(program.items.len());
    }
    assert_eq!(counts, [2, 2, 1]);
}

#[test]
fn aliases_apply_from_the_next_complete_command() {
    let aliases = Aliases(&[("ll", "ls -l")]);
    let mut parser = Parser::new(
        b"ll; ll\nll\n",
        ParseOptions {
            final_input: true,
            ..Default::default()
        },
    );
    let first = parser.next_complete_command().unwrap().unwrap();
    parser.set_aliases(Some(&aliases));
    let second = parser.next_complete_command().unwrap().unwrap();
    assert_eq!(
        dump_program(&first).trim_end(),
        "(simple@0-2 (w@0-2 (lit \"ll\")))\n(simple@4-6 (w@4-6 (lit \"ll\")))"
    );
    assert_eq!(
        dump_program(&second).trim_end(),
        "(simple@7-9 (w@7-9 (lit \"ls\")) (w@7-9 (lit \"-l\")))"
    );
}
