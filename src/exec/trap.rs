//! Running traps: signal traps between commands (the handlers only record
//! signals; the actions run here, in the main flow), ERR after a failing
//! command, DEBUG before a simple command, RETURN after a function, EXIT
//! when the shell or a subshell ends. `$?` is preserved around an action.

use super::{Status, Unwind};
use crate::shell::{Shell, TrapAction, TRAP_DEBUG, TRAP_ERR, TRAP_EXIT, TRAP_RETURN};
use crate::syntax::{self, ParseOptions, Source};
use crate::sys::signals;

impl Shell {
    /// Runs the actions of trapped signals that arrived.
    pub(crate) fn run_pending_traps(&mut self) -> Result<(), Unwind> {
        if signals::pending() == 0 || self.in_trap {
            return Ok(());
        }
        self.handle_shell_signals()?;
        let mut trapped = 0u64;
        for sig in 1..=signals::MAX_SIGNAL {
            if let Some(Some(TrapAction::Command(_))) = self.traps.get(sig as usize) {
                trapped |= signals::signal_bit(sig);
            }
        }
        let pending = signals::take_pending_in(trapped);
        if pending == 0 {
            return Ok(());
        }
        for sig in 1..=signals::MAX_SIGNAL {
            if pending & signals::signal_bit(sig) != 0 {
                if let Some(Some(TrapAction::Command(text))) = self.traps.get(sig as usize).cloned()
                {
                    self.run_trap_action(&text, "trap")?;
                }
            }
        }
        Ok(())
    }

    /// The signals the shell acts on itself when no trap is set: SIGCHLD
    /// (reap, so no zombie waits for the next foreground job), and in an
    /// interactive shell Ctrl-C (abandon the command line) and SIGHUP
    /// (hang up the jobs and exit by SIGHUP).
    fn handle_shell_signals(&mut self) -> Result<(), Unwind> {
        let untrapped =
            |shell: &Shell, sig: i32| shell.traps.get(sig as usize).is_none_or(|t| t.is_none());
        if signals::is_pending(libc::SIGCHLD) {
            if untrapped(self, libc::SIGCHLD) {
                signals::take_pending_in(signals::signal_bit(libc::SIGCHLD));
            }
            crate::jobs::reap::reap(&mut self.jobs);
        }
        if !self.interactive || self.subshell_depth > 0 {
            return Ok(());
        }
        if signals::is_pending(libc::SIGHUP) && untrapped(self, libc::SIGHUP) {
            signals::take_pending_in(signals::signal_bit(libc::SIGHUP));
            self.killed_by = Some(libc::SIGHUP);
            return Err(Unwind::Exit(128 + libc::SIGHUP));
        }
        if signals::is_pending(libc::SIGINT) && untrapped(self, libc::SIGINT) {
            signals::take_pending_in(signals::signal_bit(libc::SIGINT));
            let _ = crate::sys::fd::write_all_fd(2, b"\n");
            self.last_status = 130;
            return Err(Unwind::Abort(130));
        }
        Ok(())
    }

    /// Runs a trap's command text with `$?` preserved.
    pub(crate) fn run_trap_action(&mut self, text: &[u8], name: &str) -> Result<(), Unwind> {
        let saved_status = self.last_status;
        let saved_in_trap = std::mem::replace(&mut self.in_trap, true);
        let result = self.run_text(text, name);
        self.in_trap = saved_in_trap;
        match result {
            Err(Unwind::Exit(s)) => return Err(Unwind::Exit(s)),
            Err(Unwind::Abort(s)) => return Err(Unwind::Abort(s)),
            _ => {}
        }
        self.last_status = saved_status;
        Ok(())
    }

    /// Parses and runs text as its own source (`eval`, traps).
    pub fn run_text(&mut self, text: &[u8], name: &str) -> Status {
        let opts = ParseOptions {
            final_input: true,
            extglob: self.opts.extglob(),
            ..Default::default()
        };
        let source = std::rc::Rc::new(Source::new(name.as_bytes().to_vec(), text.to_vec()));
        match syntax::parse_program(text, opts) {
            Ok(program) => {
                let saved = std::mem::replace(&mut self.source, source);
                let saved_offset = self.current_offset;
                let result = self.run_program(&program);
                self.source = saved;
                self.current_offset = saved_offset;
                result
            }
            Err(e) => {
                let out = crate::diagnostic::render_parse_error(&source, &e);
                let _ = crate::sys::fd::write_all_fd(2, &out);
                Ok(2)
            }
        }
    }

    pub(crate) fn run_err_trap(&mut self) -> Result<(), Unwind> {
        // Functions do not inherit the ERR trap unless `set -E`.
        if self.in_trap || (!self.call_stack.is_empty() && !self.opts.get("errtrace")) {
            return Ok(());
        }
        if let Some(TrapAction::Command(text)) = self.traps[TRAP_ERR].clone() {
            self.run_trap_action(&text, "trap")?;
        }
        Ok(())
    }

    pub(crate) fn run_debug_trap(&mut self) -> Result<(), Unwind> {
        // Functions do not inherit DEBUG and RETURN traps unless `set -T`.
        if self.in_trap || (!self.call_stack.is_empty() && !self.opts.get("functrace")) {
            return Ok(());
        }
        if let Some(TrapAction::Command(text)) = self.traps[TRAP_DEBUG].clone() {
            self.run_trap_action(&text, "trap")?;
        }
        Ok(())
    }

    pub(crate) fn run_return_trap(&mut self) -> Result<(), Unwind> {
        if self.in_trap {
            return Ok(());
        }
        if let Some(TrapAction::Command(text)) = self.traps[TRAP_RETURN].clone() {
            self.run_trap_action(&text, "trap")?;
        }
        Ok(())
    }

    /// Runs the EXIT trap once; returns the status to exit with (an
    /// `exit n` inside the trap changes it).
    pub fn run_exit_trap(&mut self, status: i32) -> i32 {
        let Some(TrapAction::Command(text)) = self.traps[TRAP_EXIT].take() else {
            return status;
        };
        self.last_status = status;
        self.in_trap = true;
        let result = self.run_text(&text, "trap");
        self.in_trap = false;
        match result {
            Err(Unwind::Exit(s)) => s,
            _ => status,
        }
    }
}
