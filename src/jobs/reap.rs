//! Reaping: the only place whelk calls `waitpid` on its jobs.
//!
//! Owns: collecting every child status into the [`JobTable`] — including
//! children no job holds (process substitutions, command substitutions),
//! whose statuses are saved for a later `wait $pid`. Every wait records
//! whatever it sees, so a background exit is never lost while the shell
//! waits for something else. Must not: print, touch the terminal, or run
//! traps (it reports interruptions; the caller runs traps).
//! Main entry points: [`reap`] (non-blocking, after `SIGCHLD`),
//! [`wait_for_job`] (the foreground wait), [`wait_for_job_interruptible`]
//! and [`wait_for_pid`] (the `wait` builtin).
//!
//! Interruptible waits never block in `waitpid`: they reap with `WNOHANG`,
//! check the pending signals, then sleep in `poll` on the self-pipe of
//! `sys::signals`, which the `SIGCHLD` handler and every trap handler
//! write. Draining the pipe before checking makes the sequence race-free.

use nix::errno::Errno;

use super::{JobTable, ProcState, Recorded};
use crate::sys::signals;

/// How a wait for a job ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobWaitResult {
    /// Every process has exited or was killed; states in pipeline order.
    Finished(Vec<ProcState>),
    /// No process runs and at least one is stopped.
    Stopped(Vec<ProcState>),
    /// A signal in the caller's mask arrived first (it stays pending).
    Interrupted(i32),
    /// No job has this number.
    NoSuchJob,
}

/// How a wait for one pid ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PidWaitResult {
    /// The process's final (or stopped) state.
    Status(ProcState),
    /// Not a child of this shell, or its status was already taken.
    NotAChild,
    /// A signal in the caller's mask arrived first (it stays pending).
    Interrupted(i32),
}

/// What one wait step saw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WaitChange {
    /// At least one status was recorded.
    Changed,
    /// The shell has no children left.
    NoChildren,
    /// A signal in the mask is pending.
    Interrupted(i32),
}

fn wait_flags(table: &JobTable) -> libc::c_int {
    if table.job_control() {
        libc::WUNTRACED | libc::WCONTINUED
    } else {
        0
    }
}

/// One `waitpid`; `Ok(None)` when `WNOHANG` found nothing to report.
fn wait_once(pid: i32, flags: libc::c_int) -> Result<Option<(i32, ProcState)>, Errno> {
    let mut status = 0;
    // SAFETY: waitpid writes only `status`.
    let got = unsafe { libc::waitpid(pid, &mut status, flags) };
    match got {
        -1 => Err(Errno::last()),
        0 => Ok(None),
        pid => Ok(Some((pid, ProcState::from_wait_status(status)))),
    }
}

/// Collects statuses into the table, keeping bash's current-job rules.
struct Recorder<'a> {
    table: &'a mut JobTable,
    changed: bool,
    last_stopped: Option<usize>,
    count: usize,
}

impl<'a> Recorder<'a> {
    fn new(table: &'a mut JobTable) -> Self {
        Recorder {
            table,
            changed: false,
            last_stopped: None,
            count: 0,
        }
    }

    fn record(&mut self, pid: i32, state: ProcState) {
        self.count += 1;
        if let Recorded::Job {
            id,
            stopped,
            resumed,
        } = self.table.record(pid, state)
        {
            if stopped {
                self.last_stopped = Some(id);
            }
            self.changed |= stopped || resumed;
        }
    }

    /// Non-blocking `waitpid(-1)` until nothing is left to report.
    /// Returns false when the shell has no children at all.
    fn drain(&mut self) -> bool {
        let flags = libc::WNOHANG | wait_flags(self.table);
        loop {
            match wait_once(-1, flags) {
                Ok(Some((pid, state))) => self.record(pid, state),
                Ok(None) => return true,
                Err(Errno::EINTR) => {}
                Err(_) => return false, // ECHILD
            }
        }
    }

    fn finish(self) -> usize {
        self.table.update_current(self.last_stopped, self.changed);
        self.count
    }
}

/// Records every status change that is ready, without blocking
/// (`waitpid(-1, WNOHANG | WUNTRACED | WCONTINUED)` until 0 or `ECHILD`).
/// Returns how many statuses were recorded. Call it after `SIGCHLD`.
pub fn reap(table: &mut JobTable) -> usize {
    let mut recorder = Recorder::new(table);
    recorder.drain();
    recorder.finish()
}

/// Waits until at least one child changes state (recording it and anything
/// else ready), the shell has no children, or — when `interrupt_mask` is
/// non-zero — one of those signals is pending (bit `sig - 1`).
pub fn wait_for_change(table: &mut JobTable, interrupt_mask: u64) -> WaitChange {
    match signals::wake_fd() {
        Some(wake) if interrupt_mask != 0 => wait_polling(table, interrupt_mask, wake),
        _ => wait_blocking(table),
    }
}

fn wait_blocking(table: &mut JobTable) -> WaitChange {
    let flags = wait_flags(table);
    let mut recorder = Recorder::new(table);
    let result = loop {
        match wait_once(-1, flags) {
            Ok(Some((pid, state))) => {
                recorder.record(pid, state);
                recorder.drain();
                break WaitChange::Changed;
            }
            Ok(None) | Err(Errno::EINTR) => {}
            Err(_) => break WaitChange::NoChildren,
        }
    };
    recorder.finish();
    result
}

fn wait_polling(table: &mut JobTable, mask: u64, wake: i32) -> WaitChange {
    loop {
        signals::drain_wake_fd();
        let mut recorder = Recorder::new(table);
        let has_children = recorder.drain();
        if recorder.finish() > 0 {
            return WaitChange::Changed;
        }
        if !has_children {
            return WaitChange::NoChildren;
        }
        let pending = signals::pending() & mask;
        if pending != 0 {
            return WaitChange::Interrupted(pending.trailing_zeros() as i32 + 1);
        }
        let mut pfd = libc::pollfd {
            fd: wake,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd; EINTR just loops.
        unsafe { libc::poll(&mut pfd, 1, -1) };
    }
}

/// Blocks until every process of job `id` has finished or the job stopped
/// (stops are seen only with job control on), recording other children's
/// statuses on the way. Returns the per-process states.
pub fn wait_for_job(table: &mut JobTable, id: usize) -> JobWaitResult {
    wait_for_job_interruptible(table, id, 0)
}

/// [`wait_for_job`] for the `wait` builtin: returns
/// [`JobWaitResult::Interrupted`] as soon as a signal in `interrupt_mask`
/// (bit `sig - 1`, normally the trapped signals) is pending. The signal is
/// left pending for the caller's trap handling.
pub fn wait_for_job_interruptible(
    table: &mut JobTable,
    id: usize,
    interrupt_mask: u64,
) -> JobWaitResult {
    loop {
        let Some(job) = table.get(id) else {
            return JobWaitResult::NoSuchJob;
        };
        if job.is_done() {
            return JobWaitResult::Finished(job.states());
        }
        if !job.is_running() {
            return JobWaitResult::Stopped(job.states());
        }
        match wait_for_change(table, interrupt_mask) {
            WaitChange::Changed => {}
            WaitChange::Interrupted(sig) => return JobWaitResult::Interrupted(sig),
            WaitChange::NoChildren => mark_lost(table, id),
        }
    }
}

/// The job's processes are gone without a status (something else reaped
/// them): mark them exited 127 so waits end, as bash marks such jobs dead.
fn mark_lost(table: &mut JobTable, id: usize) {
    if let Some(job) = table.get_mut(id) {
        for p in job.processes.iter_mut().filter(|p| !p.state.is_finished()) {
            p.state = ProcState::Exited(127);
        }
    }
}

/// Waits for one process, in a job or not (`wait $pid`, or a command
/// substitution's child). Returns once it has finished — or stopped, when
/// job control reports stops — or a signal in `interrupt_mask` is pending.
/// A status saved for a pid outside any job is taken (reported once).
pub fn wait_for_pid(table: &mut JobTable, pid: i32, interrupt_mask: u64) -> PidWaitResult {
    loop {
        if let Some(state) = known_state(table, pid) {
            if state != ProcState::Running {
                return PidWaitResult::Status(state);
            }
        } else if let Some(state) = table.take_saved_status(pid) {
            return PidWaitResult::Status(state);
        } else {
            match check_child(table, pid) {
                ChildCheck::NotAChild => return PidWaitResult::NotAChild,
                ChildCheck::Recorded => continue,
                ChildCheck::Running => {}
            }
        }
        match wait_for_change(table, interrupt_mask) {
            WaitChange::Changed => {}
            WaitChange::Interrupted(sig) => return PidWaitResult::Interrupted(sig),
            WaitChange::NoChildren => {
                return table
                    .take_saved_status(pid)
                    .map_or(PidWaitResult::NotAChild, PidWaitResult::Status);
            }
        }
    }
}

/// The state of `pid` in a job (the living process if the pid was reused).
fn known_state(table: &JobTable, pid: i32) -> Option<ProcState> {
    let job = table.get(table.job_of_pid(pid)?)?;
    let living = job
        .processes
        .iter()
        .find(|p| p.pid == pid && !p.state.is_finished());
    living
        .or_else(|| job.processes.iter().find(|p| p.pid == pid))
        .map(|p| p.state)
}

enum ChildCheck {
    NotAChild,
    /// A status was just collected and recorded.
    Recorded,
    Running,
}

/// Is `pid` an unreaped child of ours? A `WNOHANG` wait on that pid alone;
/// a status it collects is recorded.
fn check_child(table: &mut JobTable, pid: i32) -> ChildCheck {
    if pid <= 0 {
        return ChildCheck::NotAChild;
    }
    let flags = libc::WNOHANG | wait_flags(table);
    loop {
        match wait_once(pid, flags) {
            Ok(None) => return ChildCheck::Running,
            Ok(Some((pid, state))) => {
                let mut recorder = Recorder::new(table);
                recorder.record(pid, state);
                recorder.finish();
                return ChildCheck::Recorded;
            }
            Err(Errno::EINTR) => {}
            Err(_) => return ChildCheck::NotAChild,
        }
    }
}

#[cfg(test)]
#[path = "reap_tests.rs"]
mod tests;
