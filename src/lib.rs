//! whelk: a Unix shell — the POSIX shell language plus the bash extensions
//! real scripts use.
//!
//! ```text
//! text (file, -c, stdin, REPL line)
//!   └─► syntax::Parser ─► ast::Program        every node and word part has a Span
//! exec (impl Shell): run_program
//!   for each command: expand::expand_words ─► fields (argv, assignments, redirect targets)
//!   resolve: special builtin │ function │ builtin │ external (PATH, hashed)
//!   run in-process (redirections undone after) ── or ── sys::spawn
//!   jobs::JobTable ─► foreground: wait under the terminal guard │ background: return
//! ```
//!
//! See `docs/ARCHITECTURE.md` for the layers and their invariants.

pub mod builtins;
pub mod cli;
pub mod diagnostic;
pub mod exec;
pub mod expand;
pub mod interactive;
pub mod jobs;
pub mod session;
pub mod shell;
pub mod syntax;
pub mod sys;
