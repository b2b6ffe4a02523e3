//! Parser tests. Most are tables: input text → the `--dump-ast` rendering
//! of its AST (`dump::dump_program`), which shows the structure and the
//! spans of commands, redirections and words. Every table case is also run
//! through [`spans::check_program`], which checks the spans the dump does
//! not show: each word part, nested words and programs lie inside their
//! parent, in order, and cover the source text their kind implies (a `$…`
//! part starts with `$`, a `'…'` part is exactly the quoted text, …).
//!
//! Expected dumps were checked by hand against what bash 5.2 and dash do
//! with the same input. Files: `commands.rs` (simple commands, lists,
//! pipelines, functions, reserved words, aliases), `compound.rs`,
//! `words.rs` (quoting, substitutions, here-documents, braces, globs),
//! `params.rs` (parameter and arithmetic expansions), `errors.rs`
//! (error kinds, messages and positions), `limits.rs` (hostile input).

mod commands;
mod compound;
mod errors;
mod limits;
mod params;
mod spans;
mod words;

use super::ast::Program;
use super::dump::dump_program;
use super::{parse_program, AliasLookup, ParseError, ParseOptions};

/// Parses a whole text as a script file is parsed (`final_input`).
pub(super) fn parse(text: &str) -> Result<Program, ParseError> {
    parse_bytes(text.as_bytes(), false)
}

pub(super) fn parse_bytes(text: &[u8], extglob: bool) -> Result<Program, ParseError> {
    let opts = ParseOptions {
        final_input: true,
        extglob,
        ..Default::default()
    };
    parse_program(text, opts)
}

/// The dump of `text`, after checking its spans.
#[track_caller]
pub(super) fn dump(text: &str) -> String {
    dump_opts(text, false)
}

#[track_caller]
pub(super) fn dump_opts(text: &str, extglob: bool) -> String {
    match parse_bytes(text.as_bytes(), extglob) {
        Ok(program) => {
            spans::check_program(text.as_bytes(), &program);
            dump_program(&program).trim_end().to_string()
        }
        Err(e) => panic!("{text:?} does not parse: {e:?}"),
    }
}

/// Checks a table of (input, expected dump).
#[track_caller]
pub(super) fn check(cases: &[(&str, &str)]) {
    check_opts(cases, false);
}

#[track_caller]
pub(super) fn check_opts(cases: &[(&str, &str)], extglob: bool) {
    let mut failures = Vec::new();
    for (input, expected) in cases {
        let got = dump_opts(input, extglob);
        if got != *expected {
            failures.push(format!(
                "input:    {input:?}\nexpected: {expected}\ngot:      {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n\n"));
}

/// An alias table for tests.
pub(super) struct Aliases(pub &'static [(&'static str, &'static str)]);

impl AliasLookup for Aliases {
    fn alias(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(n, _)| n.as_bytes() == name)
            .map(|(_, v)| v.as_bytes().to_vec())
    }
}

/// The dump of `text` parsed with aliases, one complete command at a time
/// as a script runs (the span check does not apply: spans inside an
/// alias's text point at the alias name).
pub(super) fn dump_aliased(text: &str, aliases: &Aliases) -> String {
    let opts = ParseOptions {
        final_input: true,
        aliases: Some(aliases),
        ..Default::default()
    };
    match parse_program(text.as_bytes(), opts) {
        Ok(program) => dump_program(&program).trim_end().to_string(),
        Err(e) => panic!("{text:?} does not parse: {e:?}"),
    }
}
