//! Expected texts are bash 5.2's `declare -f` output for the same input.

use super::function_definition;
use crate::syntax::ast::Command;
use crate::syntax::{parse_program, ParseOptions};

/// Parses `text` (which must define one function first) and prints it.
fn show(text: &str) -> String {
    let opts = ParseOptions {
        extglob: true,
        ..ParseOptions::default()
    };
    let program = parse_program(text.as_bytes(), opts).expect("parses");
    let first = &program.items[0].and_or.first.commands[0];
    let Command::Function(def) = first else {
        panic!("not a function: {text}");
    };
    let out = function_definition(&def.name, &def.body, text.as_bytes());
    String::from_utf8(out).expect("utf-8")
}

#[track_caller]
fn check(input: &str, expected: &str) {
    assert_eq!(show(input), expected, "input: {input}");
}

#[test]
fn simple_list() {
    check(
        "f() { local x=1; echo \"$x\"; }",
        "f () \n{ \n    local x=1;\n    echo \"$x\"\n}",
    );
}

#[test]
fn debug_spans() {
    let text = "f() { echo c\\ d; for (( i = $(echo  1); i < 3; i++ )); do :; done; }";
    let program = parse_program(text.as_bytes(), ParseOptions::default()).unwrap();
    eprintln!("{:#?}", program);
}
