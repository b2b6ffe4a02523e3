//! Command substitution `$(…)` and process substitution `<(…)` `>(…)`:
//! the callbacks the expander uses to run code (it never forks itself).

use std::os::fd::{AsRawFd, IntoRawFd};
use std::os::unix::ffi::OsStrExt;

use crate::expand::{ExpandError, ExpandResult};
use crate::jobs::reap::{wait_for_pid, PidWaitResult};
use crate::shell::Shell;
use crate::syntax::ast::Program;
use crate::syntax::Span;
use crate::sys::fd;
use crate::sys::spawn::{fork_subshell, ForkOutcome, PgroupPolicy};

impl Shell {
    /// Runs `program` in a subshell and returns what it wrote to stdout;
    /// `$?` becomes its status.
    pub fn capture_output(&mut self, program: &Program) -> ExpandResult<Vec<u8>> {
        if let Some(output) = self.read_file_substitution(program)? {
            return Ok(output);
        }
        let mut output = match self.capture_builtin_output(program)? {
            Some(output) => output,
            None => self.capture_forked(program)?,
        };
        if output.contains(&0) {
            output.retain(|&b| b != 0);
            self.report(b"warning: command substitution: ignored null byte in input");
        }
        Ok(output)
    }

    /// `$(<file)`: the file's contents, read without running a command.
    fn read_file_substitution(&mut self, program: &Program) -> ExpandResult<Option<Vec<u8>>> {
        use crate::syntax::ast::{Command, RedirectFd, RedirectOp, RedirectTarget};
        let [item] = program.items.as_slice() else {
            return Ok(None);
        };
        if item.background || !item.and_or.rest.is_empty() || item.and_or.first.commands.len() != 1
        {
            return Ok(None);
        }
        let Command::Simple(cmd) = &item.and_or.first.commands[0] else {
            return Ok(None);
        };
        let [redirect] = cmd.redirects.as_slice() else {
            return Ok(None);
        };
        if !cmd.words.is_empty()
            || !cmd.assignments.is_empty()
            || redirect.op != RedirectOp::Input
            || !matches!(redirect.fd, RedirectFd::Default | RedirectFd::Number(0))
        {
            return Ok(None);
        }
        let RedirectTarget::Word(word) = &redirect.target else {
            return Ok(None);
        };
        let path = self.expand_string(word)?;
        match std::fs::read(std::ffi::OsStr::from_bytes(&path)) {
            Ok(data) => {
                self.last_status = 0;
                Ok(Some(data))
            }
            Err(e) => {
                let mut m = path.clone();
                m.extend_from_slice(b": ");
                m.extend_from_slice(crate::exec::describe_io_error(&e).as_bytes());
                self.report_at(redirect.span, &m);
                self.last_status = 1;
                Ok(Some(Vec::new()))
            }
        }
    }

    /// `$(echo …)` / `$(printf …)` whose arguments expand without side
    /// effects: run the builtin in the shell and keep its output, instead
    /// of forking a subshell (ksh93's trick; it cannot change shell state).
    fn capture_builtin_output(&mut self, program: &Program) -> ExpandResult<Option<Vec<u8>>> {
        use crate::syntax::ast::Command;
        let [item] = program.items.as_slice() else {
            return Ok(None);
        };
        if item.background || !item.and_or.rest.is_empty() {
            return Ok(None);
        }
        let pipeline = &item.and_or.first;
        if pipeline.negated || pipeline.timed.is_some() || pipeline.commands.len() != 1 {
            return Ok(None);
        }
        let Command::Simple(cmd) = &pipeline.commands[0] else {
            return Ok(None);
        };
        if !cmd.assignments.is_empty() || !cmd.redirects.is_empty() || self.opts.xtrace() {
            return Ok(None);
        }
        let Some(name) = cmd.words.first().and_then(|w| w.as_literal()) else {
            return Ok(None);
        };
        if !matches!(name, b"echo" | b"printf") || self.functions.contains_key(name) {
            return Ok(None);
        }
        if !cmd.words.iter().all(side_effect_free) {
            return Ok(None);
        }
        let argv = match self.expand_words(&cmd.words) {
            Ok(argv) => argv,
            Err(e) => {
                // As in the subshell it replaces: report, fail, go on.
                self.report_at(e.span, &e.message);
                let status = e.status;
                self.last_subst_status = Some(status);
                self.last_status = status;
                return Ok(Some(Vec::new()));
            }
        };
        if argv.is_empty() {
            return Ok(None);
        }
        // `printf -v` assigns: that would change the shell.
        if name == b"printf"
            && argv
                .iter()
                .skip(1)
                .take_while(|a| a.starts_with(b"-"))
                .any(|a| a == b"-v")
        {
            return Ok(None);
        }
        let Some(builtin) = crate::builtins::find(name) else {
            return Ok(None);
        };
        let saved = self.captured_output.replace(Vec::new());
        let result = (builtin.run)(self, &argv);
        let output = std::mem::replace(&mut self.captured_output, saved).unwrap_or_default();
        let status = result.unwrap_or(1);
        self.last_subst_status = Some(status);
        self.last_status = status;
        Ok(Some(output))
    }

    fn capture_forked(&mut self, program: &Program) -> ExpandResult<Vec<u8>> {
        let (read, write) = fd::pipe_cloexec()
            .map_err(|e| ExpandError::new(format!("pipe: {e}").into_bytes(), Span::default()))?;
        match fork_subshell(PgroupPolicy::Inherit, None) {
            Ok(ForkOutcome::Child) => {
                drop(read);
                let _ = fd::dup2(write.as_raw_fd(), 1);
                drop(write);
                self.enter_child();
                self.trace_level += 1;
                // bash: `$(…)` does not inherit `set -e` unless inherit_errexit.
                if !self.opts.shopt("inherit_errexit").unwrap_or(false) && !self.opts.posix() {
                    self.opts.set_named("errexit", false);
                }
                self.exec_in_place = true;
                let result = self.run_program(program);
                self.exit_child(result);
            }
            Ok(ForkOutcome::Parent(pid)) => {
                drop(write);
                let mut output = Vec::new();
                let mut buf = [0u8; 8192];
                loop {
                    match fd::read_fd(read.as_raw_fd(), &mut buf) {
                        Ok(0) => break,
                        Ok(n) => output.extend_from_slice(&buf[..n]),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(_) => break,
                    }
                }
                drop(read);
                let status = match wait_for_pid(&mut self.jobs, pid, 0) {
                    PidWaitResult::Status(state) => state.exit_status(),
                    _ => 0,
                };
                self.last_subst_status = Some(status);
                self.last_status = status;
                Ok(output)
            }
            Err(_) => Err(ExpandError::new(
                b"fork: cannot run command substitution".to_vec(),
                Span::default(),
            )),
        }
    }

    /// Starts `program` with a pipe on its stdout (`<(…)`) or stdin
    /// (`>(…)`) and returns the `/dev/fd/N` path of the shell's end, which
    /// stays open until the current command finishes.
    pub fn process_substitution(
        &mut self,
        program: &Program,
        output: bool,
        span: Span,
    ) -> ExpandResult<Vec<u8>> {
        let (read, write) = fd::pipe_cloexec()
            .map_err(|e| ExpandError::new(format!("pipe: {e}").into_bytes(), span))?;
        let (child_end, shell_end, child_fd) = if output {
            (read, write, 0)
        } else {
            (write, read, 1)
        };
        match fork_subshell(PgroupPolicy::Inherit, None) {
            Ok(ForkOutcome::Child) => {
                drop(shell_end);
                let _ = fd::dup2(child_end.as_raw_fd(), child_fd);
                drop(child_end);
                self.enter_child();
                self.exec_in_place = true;
                let result = self.run_program(program);
                self.exit_child(result);
            }
            Ok(ForkOutcome::Parent(pid)) => {
                drop(child_end);
                let high = fd::dup_high_cloexec(shell_end.as_raw_fd(), 60)
                    .map_err(|e| ExpandError::new(format!("{e}").into_bytes(), span))?;
                drop(shell_end);
                let _ = fd::set_cloexec(high.as_raw_fd(), false);
                let number = high.into_raw_fd();
                self.procsub_fds.push(number);
                self.last_background = Some(pid);
                Ok(format!("/dev/fd/{number}").into_bytes())
            }
            Err(_) => Err(ExpandError::new(
                b"fork: cannot run process substitution".to_vec(),
                span,
            )),
        }
    }

    /// Closes the shell's ends of finished process substitutions.
    pub(crate) fn close_procsub_fds(&mut self) {
        self.close_procsub_fds_from(0);
    }

    /// Closes the ends opened since `mark` (by the command that ends now).
    pub(crate) fn close_procsub_fds_from(&mut self, mark: usize) {
        for fd_number in self.procsub_fds.drain(mark..) {
            let _ = fd::close(fd_number);
        }
    }
}

/// A word whose expansion cannot change the shell: literals, quotes and
/// plain parameter references only.
fn side_effect_free(word: &crate::syntax::ast::Word) -> bool {
    fn parts_ok(parts: &[crate::syntax::ast::WordPart]) -> bool {
        use crate::syntax::ast::{ParamOp, PartKind};
        parts.iter().all(|p| match &p.kind {
            PartKind::Literal(_) | PartKind::Quoted(_) | PartKind::Tilde(_) => true,
            PartKind::DoubleQuoted(inner) => parts_ok(inner),
            // Variables whose value differs in a subshell or changes when read.
            PartKind::Param(param)
                if matches!(&param.name, crate::syntax::ast::ParamName::Variable(n)
                    if matches!(n.as_slice(), b"BASHPID" | b"BASH_SUBSHELL" | b"RANDOM" | b"SRANDOM")) =>
            {
                false
            }
            PartKind::Param(param) => {
                matches!(
                    param.op,
                    ParamOp::Plain
                        | ParamOp::Length
                        | ParamOp::Default { .. }
                        | ParamOp::Alternative { .. }
                        | ParamOp::RemovePrefix { .. }
                        | ParamOp::RemoveSuffix { .. }
                ) && param.subscript.is_none()
                    && operand_ok(&param.op)
            }
            _ => false,
        })
    }
    fn operand_ok(op: &crate::syntax::ast::ParamOp) -> bool {
        use crate::syntax::ast::ParamOp;
        match op {
            ParamOp::Default { word, .. }
            | ParamOp::Alternative { word, .. }
            | ParamOp::RemovePrefix { pattern: word, .. }
            | ParamOp::RemoveSuffix { pattern: word, .. } => parts_ok(&word.parts),
            _ => true,
        }
    }
    parts_ok(&word.parts)
}
