//! Foreground jobs: register the started processes as a job, lend it the
//! terminal when job control is on, wait for it through `jobs::reap`, take
//! the terminal back (restoring the shell's modes), and turn the result
//! into a status — reporting a job that stopped or was killed as bash
//! does, and treating Ctrl-C as an interrupt of the shell itself (bash's
//! "wait and cooperative exit"):
//!
//! * a non-interactive shell catches SIGINT while it waits; if the job died
//!   of SIGINT and the shell got SIGINT too, the shell dies of SIGINT after
//!   its EXIT trap (so loops and scripts stop); if the job handled SIGINT
//!   and exited normally, the script goes on;
//! * an interactive shell abandons the command line (back to the prompt)
//!   when a foreground job dies of SIGINT;
//! * a SIGINT trap runs instead of either.
//!
//! Also here: the notices about background jobs ([`Shell::notify_job_changes`]),
//! signalling a job, and hanging up jobs when the shell exits.

use nix::sys::termios::{LocalFlags, Termios};

use super::{Status, Unwind};
use crate::jobs::reap::{wait_for_job_interruptible, JobWaitResult};
use crate::jobs::{JobFormat, ProcState, Process};
use crate::shell::{Shell, TrapAction};
use crate::sys::fd::write_all_fd;
use crate::sys::signals::{self, signal_bit, Disposition};

/// Done background jobs a script keeps for `jobs` and `wait` (bash keeps
/// them until reported); beyond this the oldest are forgotten — their
/// statuses stay available to `wait $pid`.
const KEPT_DONE_JOBS: usize = 1024;

impl Shell {
    /// Waits for the processes of a foreground pipeline; sets PIPESTATUS
    /// and returns the pipeline's status (pipefail applied).
    pub(crate) fn wait_foreground(
        &mut self,
        pgid: i32,
        processes: Vec<Process>,
        command: Vec<u8>,
    ) -> Status {
        let id = self.jobs.add(pgid, processes, command, true);
        self.wait_job_foreground(id, None, false)
    }

    /// Runs job `id` in the foreground until it finishes or stops: gives
    /// it the terminal (first applying `restore`, the modes it had when it
    /// stopped), sends SIGCONT when `resume`, waits, takes the terminal
    /// back. Used for new jobs and by `fg`.
    pub(crate) fn wait_job_foreground(
        &mut self,
        id: usize,
        restore: Option<&Termios>,
        resume: bool,
    ) -> Status {
        let Some(pgid) = self.jobs.get(id).map(|j| j.pgid) else {
            return Ok(self.last_status);
        };
        let own_group = self.jobs.job_control() && pgid != self.shell_pgid();
        let tty = own_group && self.terminal.is_some();
        if tty {
            if let Some(terminal) = self.terminal.as_ref() {
                let _ = terminal.give_to(pgid, restore);
            }
        }
        if resume {
            let _ = self.signal_job(id, libc::SIGCONT);
        }
        let catch_int = self.catch_sigint_for_wait();
        let mask = self.hangup_mask();
        let result = wait_for_job_interruptible(&mut self.jobs, id, mask);
        self.end_sigint_catch(catch_int);
        let job_modes = if tty {
            self.take_terminal_back(&result)
        } else {
            None
        };
        match result {
            JobWaitResult::Finished(states) => {
                let notice = self.death_notice(id, &states);
                self.jobs.remove(id);
                if !notice.is_empty() {
                    let _ = write_all_fd(2, &notice);
                }
                let status = self.finish_states(&states, own_group);
                if !self.interactive {
                    self.notify_job_changes();
                }
                status
            }
            JobWaitResult::Stopped(states) => self.job_stopped(id, &states, job_modes),
            JobWaitResult::Interrupted(_) => {
                // Hang-up while waiting: the job becomes a background job
                // (and is hung up with the others).
                if let Some(job) = self.jobs.get_mut(id) {
                    job.foreground = false;
                    job.notified = true;
                }
                self.run_pending_traps()?;
                Ok(self.last_status)
            }
            JobWaitResult::NoSuchJob => Ok(self.last_status),
        }
    }

    /// Takes the terminal back from a job and restores the shell's modes,
    /// so a program killed in raw mode leaves a sane terminal. As in bash,
    /// a job that exited normally keeps its changes (`stty -ixon` as a
    /// command sticks) — unless it left line editing or echo off, which
    /// only a crashed full-screen program does. Returns the job's modes.
    fn take_terminal_back(&mut self, result: &JobWaitResult) -> Option<Termios> {
        let terminal = self.terminal.as_mut()?;
        let job_modes = terminal.take_back();
        let exited_normally = matches!(result, JobWaitResult::Finished(states)
            if states.iter().all(|s| matches!(s, ProcState::Exited(_))));
        if let (true, Some(modes)) = (exited_normally, job_modes.as_ref()) {
            let sane = modes.local_flags.contains(LocalFlags::ICANON)
                && modes.local_flags.contains(LocalFlags::ECHO);
            if sane && terminal.give_to(terminal.shell_pgid(), Some(modes)).is_ok() {
                let _ = terminal.save_shell_modes();
            }
        }
        job_modes
    }

    /// A non-interactive shell catches SIGINT while it waits for a
    /// foreground job (see the module doc), unless the user trapped or
    /// ignored it. Called before forking too, so a Ctrl-C that reaches the
    /// shell before its wait begins is not fatal. Returns whether it did.
    pub(crate) fn catch_sigint_for_wait(&self) -> bool {
        let untrapped = self
            .traps
            .get(libc::SIGINT as usize)
            .is_none_or(|t| t.is_none());
        let catch = !self.interactive && untrapped && !signals::ignored_at_startup(libc::SIGINT);
        if catch {
            let _ = signals::set_base(libc::SIGINT, Disposition::Catch);
        }
        catch
    }

    /// Undoes [`Shell::catch_sigint_for_wait`] when it caught.
    pub(crate) fn end_sigint_catch(&self, caught: bool) {
        if caught {
            let _ = signals::set_base(libc::SIGINT, Disposition::Default);
        }
    }

    /// The signals that end a foreground wait: an interactive shell's
    /// untrapped SIGHUP (it must hang up its jobs and exit).
    fn hangup_mask(&self) -> u64 {
        let untrapped = self
            .traps
            .get(libc::SIGHUP as usize)
            .is_none_or(|t| t.is_none());
        if self.interactive && untrapped && self.terminal.is_some() {
            signal_bit(libc::SIGHUP)
        } else {
            0
        }
    }

    fn is_trapped(&self, sig: i32) -> bool {
        matches!(
            self.traps.get(sig as usize),
            Some(Some(TrapAction::Command(_)))
        )
    }

    /// What bash prints when a foreground job was killed by a signal: the
    /// signal's description (`Terminated`, `Segmentation fault (core
    /// dumped)`); a script shows the whole job with its pid and line
    /// (`whelk: f.sh:3:  4242 Killed   sleep 100`), except for SIGTERM or a
    /// signal the script traps. Nothing for SIGINT and SIGPIPE.
    fn death_notice(&self, id: usize, states: &[ProcState]) -> Vec<u8> {
        let Some(ProcState::Signaled { sig, core }) = states.last().copied() else {
            return Vec::new();
        };
        if sig == libc::SIGINT || sig == libc::SIGPIPE {
            return Vec::new();
        }
        if !self.interactive && sig != libc::SIGTERM && !self.is_trapped(sig) {
            return self.noninteractive_job_line(id);
        }
        let mut msg = crate::jobs::signal_description(sig).as_bytes().to_vec();
        if core {
            msg.extend_from_slice(b" (core dumped)");
        }
        msg.push(b'\n');
        msg
    }

    /// `whelk: NAME:LINE: ` and the job in bash's non-interactive layout.
    fn noninteractive_job_line(&self, id: usize) -> Vec<u8> {
        let Some(line) = self.jobs.format_job(id, JobFormat::NonInteractive) else {
            return Vec::new();
        };
        let mut out = b"whelk: ".to_vec();
        out.extend_from_slice(&self.source.name);
        out.extend_from_slice(format!(":{}: ", self.current_line()).as_bytes());
        out.extend(line);
        out
    }

    /// PIPESTATUS and the pipeline status from the processes' final states,
    /// and the Ctrl-C rules of the module doc. `own_group`: the job ran in
    /// its own process group, so the shell itself got no SIGINT.
    fn finish_states(&mut self, states: &[ProcState], own_group: bool) -> Status {
        let statuses: Vec<i32> = states.iter().map(|s| s.exit_status()).collect();
        self.set_pipestatus(&statuses);
        let status = self.pipeline_status(&statuses);
        let int_bit = signal_bit(libc::SIGINT);
        let trapped = self.is_trapped(libc::SIGINT);
        let died_of_int = states
            .iter()
            .any(|s| matches!(s, ProcState::Signaled { sig, .. } if *sig == libc::SIGINT));
        if trapped {
            if died_of_int && own_group && !signals::is_pending(libc::SIGINT) {
                // The user's Ctrl-C went to the job's group: the trap runs
                // as if the shell had got it (bash does the same).
                // SAFETY: raise only sends a signal to this process.
                unsafe { libc::raise(libc::SIGINT) };
            }
            return Ok(status);
        }
        let shell_got_int = signals::take_pending_in(int_bit) != 0;
        if !died_of_int {
            // The job handled Ctrl-C and exited: the script goes on.
            return Ok(status);
        }
        if self.interactive && self.subshell_depth == 0 {
            if shell_got_int || own_group {
                let _ = write_all_fd(2, b"\n");
                self.last_status = 130;
                return Err(Unwind::Abort(130));
            }
        } else if shell_got_int {
            self.last_status = 130;
            self.killed_by = Some(libc::SIGINT);
            return Err(Unwind::Exit(130));
        }
        Ok(status)
    }

    /// A foreground job stopped (Ctrl-Z): it keeps its terminal modes for
    /// `fg`, becomes the current job, and an interactive shell says so and
    /// leaves any loop it was running.
    fn job_stopped(&mut self, id: usize, states: &[ProcState], modes: Option<Termios>) -> Status {
        if let Some(job) = self.jobs.get_mut(id) {
            job.foreground = false;
            job.saved_tmodes = modes;
            job.notified = true;
        }
        self.jobs.mark_stopped_current(id);
        let status = states
            .iter()
            .find_map(|s| match s {
                ProcState::Stopped(sig) => Some(128 + sig),
                _ => None,
            })
            .unwrap_or(128 + libc::SIGTSTP);
        self.set_pipestatus(&[status]);
        self.last_status = status;
        if self.interactive && self.subshell_depth == 0 {
            if let Some(line) = self.jobs.format_job(id, JobFormat::Standard) {
                let mut out = b"\n".to_vec();
                out.extend(line);
                let _ = write_all_fd(2, &out);
            }
            if self.loop_depth > 0 {
                return Err(Unwind::Abort(status));
            }
        }
        Ok(status)
    }

    /// The status of a pipeline from its stages: the last one's, or with
    /// `pipefail` the last non-zero one.
    pub(crate) fn pipeline_status(&self, statuses: &[i32]) -> i32 {
        if self.opts.pipefail() {
            if let Some(&s) = statuses.iter().rev().find(|&&s| s != 0) {
                return s;
            }
        }
        statuses.last().copied().unwrap_or(0)
    }

    pub(crate) fn set_pipestatus(&mut self, statuses: &[i32]) {
        self.pipestatus = statuses.to_vec();
    }
}

impl Shell {
    /// Reports background jobs that finished or stopped, as bash does: an
    /// interactive shell prints `[1]+  Done  cmd` (before a prompt) and
    /// forgets finished jobs; a script only reports jobs killed by a
    /// signal (not SIGINT, SIGTERM, SIGPIPE or a trapped one) and keeps
    /// other finished jobs for `jobs` and `wait`.
    pub fn notify_job_changes(&mut self) {
        crate::jobs::reap::reap(&mut self.jobs);
        let interactive = self.interactive && self.subshell_depth == 0;
        let ids: Vec<usize> = self.jobs.iter().map(|j| j.id).collect();
        let mut text = Vec::new();
        for id in ids {
            let Some(job) = self.jobs.get(id) else {
                continue;
            };
            if job.foreground || job.notified {
                continue;
            }
            let (done, stopped) = (job.is_done(), job.is_stopped());
            if interactive {
                if done || stopped {
                    text.extend(
                        self.jobs
                            .format_job(id, JobFormat::Standard)
                            .unwrap_or_default(),
                    );
                }
            } else if let (true, ProcState::Signaled { sig, .. }) = (done, job.last_state()) {
                let quiet = matches!(sig, libc::SIGINT | libc::SIGTERM | libc::SIGPIPE)
                    || self.is_trapped(sig);
                if !quiet {
                    text.extend(self.noninteractive_job_line(id));
                }
            } else {
                // A script keeps finished jobs unreported, and says
                // nothing about stopped ones.
                continue;
            }
            if let Some(job) = self.jobs.get_mut(id) {
                job.notified = true;
            }
            if done {
                self.jobs.remove(id);
            }
        }
        if !interactive {
            self.forget_old_done_jobs();
        }
        if !text.is_empty() {
            let _ = write_all_fd(2, &text);
        }
    }

    fn forget_old_done_jobs(&mut self) {
        let done: Vec<usize> = self
            .jobs
            .iter()
            .filter(|j| j.is_done() && !j.foreground)
            .map(|j| j.id)
            .collect();
        let excess = done.len().saturating_sub(KEPT_DONE_JOBS);
        for &id in &done[..excess] {
            self.jobs.remove(id);
        }
    }

    /// Sends `sig` to job `id`: to its process group, or to each living
    /// process when it runs in the shell's own group (no job control).
    /// SIGTERM and SIGHUP to a stopped job are followed by SIGCONT so it
    /// can act on them (bash's `kill_pid`). On failure returns the target
    /// and the error, for `kill`'s message.
    pub(crate) fn signal_job(&mut self, id: usize, sig: i32) -> Result<(), (i32, std::io::Error)> {
        let shell_pgid = self.shell_pgid();
        let Some(job) = self.jobs.get(id) else {
            return Ok(());
        };
        let fail = |target: i32| (target, std::io::Error::last_os_error());
        if job.pgid > 0 && job.pgid != shell_pgid {
            // SAFETY: killpg only sends signals.
            if unsafe { libc::killpg(job.pgid, sig) } != 0 {
                return Err(fail(job.pgid));
            }
            if job.is_stopped() && (sig == libc::SIGTERM || sig == libc::SIGHUP) {
                // SAFETY: as above.
                unsafe { libc::killpg(job.pgid, libc::SIGCONT) };
            }
            return Ok(());
        }
        let mut result = Ok(());
        for p in job.processes.iter().filter(|p| !p.state.is_finished()) {
            // SAFETY: kill only sends signals.
            if unsafe { libc::kill(p.pid, sig) } != 0 {
                result = Err(fail(p.pid));
            }
        }
        result
    }

    /// On exit or hang-up of an interactive shell: SIGHUP to every job not
    /// disowned (stopped ones also get SIGCONT so they can die of it).
    pub fn hang_up_jobs(&mut self) {
        let ids: Vec<usize> = self
            .jobs
            .iter()
            .filter(|j| !j.disowned && !j.is_done())
            .map(|j| j.id)
            .collect();
        for id in ids {
            let stopped = self.jobs.get(id).is_some_and(|j| j.is_stopped());
            let _ = self.signal_job(id, libc::SIGHUP);
            if stopped {
                let _ = self.signal_job(id, libc::SIGCONT);
            }
        }
    }

    /// `suspend`: stop the shell (its whole group) until SIGCONT, then take
    /// the terminal back.
    pub(crate) fn suspend_self(&mut self) {
        // SAFETY: sending SIGSTOP to our own process group.
        unsafe { libc::kill(0, libc::SIGSTOP) };
        if let Some(t) = self.terminal.as_ref() {
            let _ = t.give_to(t.shell_pgid(), Some(t.shell_modes()));
        }
    }
}
