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
                    self.run_trap_action(&text, 1)?;
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

    /// Runs a trap's command text with `$?` preserved. `$LINENO` in it
    /// counts from `first_line` (bash: the current line for ERR and DEBUG
    /// traps, 1 for the others).
    pub(crate) fn run_trap_action(&mut self, text: &[u8], first_line: usize) -> Result<(), Unwind> {
        let saved_status = self.last_status;
        let saved_in_trap = std::mem::replace(&mut self.in_trap, true);
        let result = self.run_text_from_line(text, "trap", first_line);
        self.in_trap = saved_in_trap;
        match result {
            Err(Unwind::Exit(s)) => return Err(Unwind::Exit(s)),
            Err(Unwind::Abort(s)) => return Err(Unwind::Abort(s)),
            _ => {}
        }
        self.last_status = saved_status;
        Ok(())
    }

    /// Parses and runs text as its own source (traps) with lines from 1.
    pub fn run_text(&mut self, text: &[u8], name: &str) -> Status {
        self.run_text_from_line(text, name, 1)
    }

    /// Parses and runs text as its own source (`eval`, traps) whose first
    /// line is `first_line` for `$LINENO` and messages.
    pub fn run_text_from_line(&mut self, text: &[u8], name: &str, first_line: usize) -> Status {
        let opts = ParseOptions {
            final_input: true,
            extglob: self.opts.extglob(),
            ..Default::default()
        };
        let mut source = Source::new(name.as_bytes().to_vec(), text.to_vec());
        source.first_line = first_line;
        let source = std::rc::Rc::new(source);
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

    /// At a function call: takes away the traps a function body does not
    /// inherit (bash: ERR unless `set -E`, DEBUG and RETURN unless
    /// `set -T`). The body may set its own; [`Shell::restore_call_traps`]
    /// gives the caller's back afterwards.
    pub(crate) fn hide_call_traps(&mut self) -> Vec<(usize, TrapAction)> {
        let mut hidden = Vec::new();
        let errtrace = self.opts.get("errtrace");
        let functrace = self.opts.get("functrace");
        for (slot, inherited) in [
            (TRAP_ERR, errtrace),
            (TRAP_DEBUG, functrace),
            (TRAP_RETURN, functrace),
        ] {
            if !inherited {
                if let Some(action) = self.traps[slot].take() {
                    hidden.push((slot, action));
                }
            }
        }
        hidden
    }

    /// After a function call: restores the hidden traps, except where the
    /// body set a trap of its own, which stays (bash's `trap_if_untrapped`).
    pub(crate) fn restore_call_traps(&mut self, hidden: Vec<(usize, TrapAction)>) {
        for (slot, action) in hidden {
            if self.traps[slot].is_none() {
                self.traps[slot] = Some(action);
            }
        }
    }

    pub(crate) fn run_err_trap(&mut self) -> Result<(), Unwind> {
        if self.in_trap {
            return Ok(());
        }
        if let Some(TrapAction::Command(text)) = self.traps[TRAP_ERR].clone() {
            let line = self.current_line();
            self.run_trap_action(&text, line)?;
        }
        Ok(())
    }

    pub(crate) fn run_debug_trap(&mut self) -> Result<(), Unwind> {
        if self.in_trap {
            return Ok(());
        }
        if let Some(TrapAction::Command(text)) = self.traps[TRAP_DEBUG].clone() {
            let line = self.current_line();
            self.run_trap_action(&text, line)?;
        }
        Ok(())
    }

    pub(crate) fn run_return_trap(&mut self) -> Result<(), Unwind> {
        if self.in_trap {
            return Ok(());
        }
        if let Some(TrapAction::Command(text)) = self.traps[TRAP_RETURN].clone() {
            self.run_trap_action(&text, 1)?;
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
