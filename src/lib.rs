//! whelk: a Unix shell — the POSIX shell language plus the bash extensions
//! real scripts use.
//!
//! ```text
//! text (file, -c, stdin, REPL line)
//!   └─► syntax::Parser ─► ast::Program        every node and word part has a Span
//! exec::Shell::run(&Program)
//!   for each command: expand::words ─► fields (argv, assignments, redirect targets)
//!   resolve: special builtin │ function │ builtin │ external (PATH, hashed)
//!   run in-process (redirections undone after) ── or ── sys::spawn
//!   jobs::JobTable ─► foreground: wait under the terminal guard │ background: return
//! ```
//!
//! See `docs/ARCHITECTURE.md` for the layers and their invariants.

pub mod cli;
pub mod diagnostic;
pub mod syntax;
