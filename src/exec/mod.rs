//! AST to running commands. Control flow (`break`, `continue`, `return`,
//! `exit`, and the abort of a command after a fatal error) travels as the
//! [`Unwind`] value in `Err`, never as a panic; an ordinary status is the
//! `Ok` value.
//!
//! Entry points: [`Shell::run_program`] for a parsed program and
//! [`Shell::run_source`] to parse and run a script a command at a time.
//! Only `sys::spawn` forks; only `jobs` waits.

mod compound;
mod cond;
mod external;
mod function;
mod pipeline;
mod redirect;
mod script;
mod simple;
mod subst;
mod trap;
mod wait;

pub use external::{cstring, Found};
pub use redirect::{describe_io_error, SavedFds};
pub use script::{AliasTable, InputKind};

/// A function's definition as written, for `declare -f` and `type`.
pub fn function_text(f: &crate::shell::Function) -> Vec<u8> {
    f.text.clone()
}

use crate::diagnostic;
use crate::expand::ExpandError;
use crate::shell::Shell;
use crate::syntax::ast::{AndOr, AndOrOp, ListItem, Pipeline, Program};
use crate::syntax::Span;
use crate::sys::fd::write_all_fd;

/// Non-local control flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unwind {
    /// `break n` with n levels still to leave.
    Break(usize),
    Continue(usize),
    /// `return` with its status.
    Return(i32),
    /// `exit`, or a fatal error in a non-interactive shell.
    Exit(i32),
    /// A fatal error in an interactive shell: abandon the command line.
    Abort(i32),
}

pub type Status = Result<i32, Unwind>;

impl Shell {
    /// Runs every command of a program; the status is the last one's.
    pub fn run_program(&mut self, program: &Program) -> Status {
        // Only the very last command of a forked child may replace it.
        let tail = self.exec_in_place;
        let last = program.items.len().saturating_sub(1);
        let mut status = 0;
        for (i, item) in program.items.iter().enumerate() {
            self.exec_in_place = tail && i == last && !item.background;
            status = self.run_list_item(item)?;
        }
        Ok(status)
    }

    fn run_list_item(&mut self, item: &ListItem) -> Status {
        self.run_pending_traps()?;
        if item.background {
            let status = self.run_background(&item.and_or, item.span)?;
            self.last_status = status;
            return Ok(status);
        }
        self.run_and_or(&item.and_or)
    }

    pub(crate) fn run_and_or(&mut self, and_or: &AndOr) -> Status {
        let tail = self.exec_in_place && self.traps[crate::shell::TRAP_EXIT].is_none();
        let has_rest = !and_or.rest.is_empty();
        self.exec_in_place = tail && !has_rest;
        let mut status = self.run_pipeline_checked(&and_or.first, has_rest)?;
        let n = and_or.rest.len();
        for (i, (op, pipeline)) in and_or.rest.iter().enumerate() {
            let run = match op {
                AndOrOp::And => status == 0,
                AndOrOp::Or => status != 0,
            };
            if run {
                self.exec_in_place = tail && i + 1 == n;
                status = self.run_pipeline_checked(pipeline, i + 1 < n)?;
            }
        }
        self.exec_in_place = false;
        Ok(status)
    }

    /// Runs a pipeline, sets `$?`, and applies `set -e` and the ERR trap
    /// unless the pipeline is exempt (`suppressed`: not the last of an
    /// and-or list).
    fn run_pipeline_checked(&mut self, pipeline: &Pipeline, suppressed: bool) -> Status {
        if suppressed || pipeline.negated {
            self.errexit_suppressed += 1;
        }
        let result = self.run_pipeline(pipeline);
        if suppressed || pipeline.negated {
            self.errexit_suppressed -= 1;
        }
        let status = result?;
        self.last_status = status;
        if status != 0 && !suppressed && !pipeline.negated && self.errexit_suppressed == 0 {
            self.run_err_trap()?;
            if self.opts.errexit() && !self.status_exempt {
                return Err(Unwind::Exit(status));
            }
        }
        self.status_exempt = false;
        Ok(status)
    }

    // ----- diagnostics ---------------------------------------------------

    /// Writes `whelk: FILE:LINE:COL: message` with the source line.
    pub fn report_at(&mut self, span: Span, message: &[u8]) {
        let text = String::from_utf8_lossy(message);
        let out = diagnostic::render(&self.source, span, &text);
        let _ = write_all_fd(2, &out);
    }

    /// Writes `whelk: message` (for builtins, which report their own
    /// errors the way bash does).
    pub fn report(&mut self, message: &[u8]) {
        let mut out = b"whelk: ".to_vec();
        if !self.interactive {
            let at = self.source.line_col(self.current_offset);
            out.extend_from_slice(&self.source.name);
            out.extend_from_slice(format!(":{}: ", at.line).as_bytes());
        }
        out.extend_from_slice(message);
        out.push(b'\n');
        let _ = write_all_fd(2, &out);
    }

    /// Reports an expansion error and turns it into the right unwind: a
    /// non-interactive shell exits, an interactive one abandons the line.
    pub fn expansion_failed(&mut self, error: ExpandError) -> Unwind {
        self.report_at(error.span, &error.message);
        // bash exits 127 from `-c` strings and 1 from scripts here.
        let status = if error.fatal && self.command_string { 127 } else { error.status };
        self.last_status = status;
        if error.fatal {
            self.fatal(status)
        } else {
            Unwind::Abort(status)
        }
    }

    /// The unwind for a fatal error with `status`.
    pub fn fatal(&self, status: i32) -> Unwind {
        if self.interactive && self.subshell_depth == 0 {
            Unwind::Abort(status)
        } else {
            Unwind::Exit(status)
        }
    }

    /// The line of the command being run (`$LINENO`).
    pub fn current_line(&self) -> usize {
        self.source.line_col(self.current_offset).line
    }
}
