//! Word expansion (XCU 2.6) in POSIX order: brace expansion, then tilde,
//! parameter, command and arithmetic expansion into [`Field`]s that
//! remember which bytes were quoted, then field splitting of unquoted
//! expansion results, pathname expansion, and quote removal.
//!
//! This layer never forks: command and process substitutions call back
//! into the executor through [`Shell::capture_output`] and
//! [`Shell::process_substitution`], which `exec` implements.
//!
//! Entry points on [`Shell`]: `expand_words` (command arguments),
//! `expand_string` (assignments, here-documents, `[[ ]]` operands: no
//! splitting or globbing), `expand_pattern` (case, `[[ == ]]`, `${x#p}`).

pub mod arith;
mod arith_env;
mod brace;
pub mod field;
pub mod glob;
mod param;
pub mod pattern;
mod prompt;
pub mod quote;
mod split;
mod tilde;
mod word;

pub use field::{Field, Kind};
pub use param::OwnedSub;
pub use quote::{quote_for_display, shell_quote_q};

use crate::syntax::Span;

/// An error found while expanding: unset variable under `set -u`, bad
/// substitution, arithmetic error, `${x?msg}`, a failed glob under
/// `failglob`, assignment to a readonly variable.
#[derive(Debug, Clone)]
pub struct ExpandError {
    pub message: Vec<u8>,
    pub span: Span,
    /// Exit status bash uses for this error.
    pub status: i32,
    /// The error ends a non-interactive shell (unset parameter under
    /// `set -u`, `${x?}`); other errors abandon only the current complete
    /// command.
    pub fatal: bool,
}

impl ExpandError {
    pub fn new(message: impl Into<Vec<u8>>, span: Span) -> ExpandError {
        ExpandError {
            message: message.into(),
            span,
            status: 1,
            fatal: false,
        }
    }

    /// An error that ends a non-interactive shell.
    pub fn fatal(mut self) -> ExpandError {
        self.fatal = true;
        self
    }
}

pub type ExpandResult<T> = Result<T, ExpandError>;
