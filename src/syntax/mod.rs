//! Text to AST. This layer knows nothing of running: aliases reach it
//! through the [`AliasLookup`] trait and options through [`ParseOptions`].
//!
//! Entry points: [`parse_program`] for a whole text (`-n`, `eval`, `$(…)`
//! bodies), [`Parser::next_complete_command`] to parse a script one
//! complete command at a time, as bash and dash run them.

pub mod arith;
mod assign;
pub mod ast;
mod brace;
mod command;
mod compound;
mod cond;
pub mod dump;
pub mod error;
mod heredoc;
mod param;
pub mod parser;
mod redirect;
pub mod source;
mod subst;
pub mod unparse;
pub mod word;

pub use assign::assignment_prefix;
pub use error::{ParseError, ParseErrorKind};
pub use parser::{AliasLookup, ParseOptions, Parser};
pub use source::{Source, Span};

/// The shell's reserved words (in bash's order): recognised only where the
/// grammar allows a command to start, never alias-expanded, and listed by
/// `type`/`compgen -k`.
pub const RESERVED_WORDS: &[&[u8]] = &[
    b"if",
    b"then",
    b"else",
    b"elif",
    b"fi",
    b"case",
    b"esac",
    b"for",
    b"select",
    b"while",
    b"until",
    b"do",
    b"done",
    b"in",
    b"function",
    b"time",
    b"{",
    b"}",
    b"!",
    b"[[",
    b"]]",
    b"coproc",
];

/// Parses a whole text into one program.
pub fn parse_program(text: &[u8], opts: ParseOptions) -> Result<ast::Program, ParseError> {
    let mut parser = Parser::new(text, opts);
    let mut program = ast::Program::default();
    while let Some(next) = parser.next_complete_command()? {
        program.items.extend(next.items);
    }
    Ok(program)
}

#[cfg(test)]
mod tests;
