//! Jobs: the table of pipelines the shell started and their processes.
//!
//! Owns: [`JobTable`] — job numbers, per-process states, the current (`%+`)
//! and previous (`%-`) job chosen exactly as bash chooses them, and the
//! saved exit statuses of processes no job holds any more (so `wait $pid`
//! still finds them). Must not: wait for or signal processes itself
//! ([`reap`] is the only `waitpid` caller), touch the terminal
//! ([`terminal`]), or print ([`mod@format`] builds the lines, the caller writes).
//! Main entry points: [`JobTable::add`], [`reap::reap`],
//! [`reap::wait_for_job`], [`spec::resolve_job_spec`],
//! [`format::format_job_line`].

pub mod builtins;
pub mod format;
pub mod reap;
pub mod spec;
pub mod terminal;

use std::collections::VecDeque;

use nix::sys::termios::Termios;

pub use crate::sys::signals::signal_description;
pub use format::{format_job_line, JobFormat};

/// What one process is doing, as the last `waitpid` reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProcState {
    Running,
    /// Stopped by the signal.
    Stopped(i32),
    /// Exited with the status.
    Exited(i32),
    /// Killed by `sig`; `core` if it dumped core.
    Signaled {
        sig: i32,
        core: bool,
    },
}

impl ProcState {
    /// Decodes a raw `waitpid` status.
    pub fn from_wait_status(status: i32) -> ProcState {
        if libc::WIFEXITED(status) {
            ProcState::Exited(libc::WEXITSTATUS(status))
        } else if libc::WIFSIGNALED(status) {
            ProcState::Signaled {
                sig: libc::WTERMSIG(status),
                core: libc::WCOREDUMP(status),
            }
        } else if libc::WIFSTOPPED(status) {
            ProcState::Stopped(libc::WSTOPSIG(status))
        } else {
            // WIFCONTINUED
            ProcState::Running
        }
    }

    /// Exited or killed: it will never run again.
    pub fn is_finished(self) -> bool {
        matches!(self, ProcState::Exited(_) | ProcState::Signaled { .. })
    }

    /// The shell's `$?` for this state: the exit code, or 128 + the signal
    /// that killed or stopped it (0 while running).
    pub fn exit_status(self) -> i32 {
        match self {
            ProcState::Running => 0,
            ProcState::Exited(code) => code,
            ProcState::Stopped(sig) | ProcState::Signaled { sig, .. } => 128 + sig,
        }
    }
}

/// One process of a job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Process {
    pub pid: i32,
    pub state: ProcState,
    /// The text `jobs` shows for this stage (`sleep 10`).
    pub command: Vec<u8>,
}

impl Process {
    /// A freshly started process.
    pub fn new(pid: i32, command: Vec<u8>) -> Process {
        Process {
            pid,
            state: ProcState::Running,
            command,
        }
    }
}

/// A job's overall state: running if any process runs, else stopped if any
/// is stopped, else done (bash's JRUNNING / JSTOPPED / JDEAD).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobState {
    Running,
    Stopped,
    Done,
}

/// A pipeline (or single command) started as one unit.
#[derive(Clone, Debug)]
pub struct Job {
    /// The number users write as `%id`.
    pub id: usize,
    /// Process group (the shell's own when job control is off).
    pub pgid: i32,
    /// In pipeline order; the job's status is the last one's.
    pub processes: Vec<Process>,
    /// The whole command line, for messages.
    pub command: Vec<u8>,
    pub foreground: bool,
    /// The user has been told about the latest state change.
    pub notified: bool,
    /// `disown -h`: do not send SIGHUP when the shell exits.
    pub disowned: bool,
    /// Terminal modes saved when the job stopped, restored by `fg`.
    pub saved_tmodes: Option<Termios>,
}

impl Job {
    pub fn state(&self) -> JobState {
        if self.processes.iter().any(|p| p.state == ProcState::Running) {
            JobState::Running
        } else if self
            .processes
            .iter()
            .any(|p| matches!(p.state, ProcState::Stopped(_)))
        {
            JobState::Stopped
        } else {
            JobState::Done
        }
    }

    pub fn is_running(&self) -> bool {
        self.state() == JobState::Running
    }

    pub fn is_stopped(&self) -> bool {
        self.state() == JobState::Stopped
    }

    pub fn is_done(&self) -> bool {
        self.state() == JobState::Done
    }

    /// The job's status: the last process's (`$?` without pipefail).
    pub fn last_state(&self) -> ProcState {
        self.processes
            .last()
            .map_or(ProcState::Exited(0), |p| p.state)
    }

    /// Every process's state in pipeline order (`PIPESTATUS`, pipefail).
    pub fn states(&self) -> Vec<ProcState> {
        self.processes.iter().map(|p| p.state).collect()
    }
}

/// How many exit statuses of processes outside any job are kept (POSIX
/// asks for at least CHILD_MAX of the last background ones).
const SAVED_STATUS_LIMIT: usize = 4096;

/// All jobs of this shell plus the statuses no job holds any more.
#[derive(Debug, Default)]
pub struct JobTable {
    /// Sorted by id.
    jobs: Vec<Job>,
    current: Option<usize>,
    previous: Option<usize>,
    /// (pid, final state), oldest first.
    saved: VecDeque<(i32, ProcState)>,
    job_control: bool,
}

impl JobTable {
    pub fn new() -> JobTable {
        JobTable::default()
    }

    /// With job control on, waits also report stopped and continued
    /// processes (`WUNTRACED | WCONTINUED`); without it, as in bash, a
    /// stopped foreground process is simply waited for.
    pub fn set_job_control(&mut self, on: bool) {
        self.job_control = on;
    }

    pub fn job_control(&self) -> bool {
        self.job_control
    }

    /// Adds a job and returns its number: one more than the highest in
    /// use (1 when empty), as interactive bash numbers them. A background
    /// job may become current (bash's `reset_current`); a foreground one
    /// changes nothing until it stops.
    pub fn add(
        &mut self,
        pgid: i32,
        processes: Vec<Process>,
        command: Vec<u8>,
        foreground: bool,
    ) -> usize {
        let id = self.jobs.last().map_or(1, |j| j.id + 1);
        self.jobs.push(Job {
            id,
            pgid,
            processes,
            command,
            foreground,
            notified: false,
            disowned: false,
            saved_tmodes: None,
        });
        if !foreground {
            self.reset_current();
        }
        id
    }

    pub fn get(&self, id: usize) -> Option<&Job> {
        self.jobs.iter().find(|j| j.id == id)
    }

    pub fn get_mut(&mut self, id: usize) -> Option<&mut Job> {
        self.jobs.iter_mut().find(|j| j.id == id)
    }

    /// Removes a job. The final states of its finished processes are kept
    /// for [`JobTable::take_saved_status`].
    pub fn remove(&mut self, id: usize) -> Option<Job> {
        let index = self.jobs.iter().position(|j| j.id == id)?;
        let job = self.jobs.remove(index);
        for p in job.processes.iter().filter(|p| p.state.is_finished()) {
            self.save_status(p.pid, p.state);
        }
        if self.current == Some(id) || self.previous == Some(id) {
            self.reset_current();
        }
        Some(job)
    }

    /// Forgets every job without saving anything (a subshell starts with
    /// no jobs of its own).
    pub fn clear(&mut self) {
        self.jobs.clear();
        self.current = None;
        self.previous = None;
        self.saved.clear();
    }

    /// Jobs in number order.
    pub fn iter(&self) -> impl Iterator<Item = &Job> {
        self.jobs.iter()
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Job> {
        self.jobs.iter_mut()
    }

    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The job `%+` / `%%` names.
    pub fn current(&self) -> Option<usize> {
        self.current
    }

    /// The job `%-` names.
    pub fn previous(&self) -> Option<usize> {
        self.previous
    }

    /// The mark `jobs` prints after `[n]`: `+`, `-` or a space.
    pub fn marker(&self, id: usize) -> u8 {
        if self.current == Some(id) {
            b'+'
        } else if self.previous == Some(id) {
            b'-'
        } else {
            b' '
        }
    }

    /// The job holding a process with this pid (living ones preferred, so a
    /// recycled pid finds the new process).
    pub fn job_of_pid(&self, pid: i32) -> Option<usize> {
        let has = |alive: bool| {
            self.jobs.iter().find(|j| {
                j.processes
                    .iter()
                    .any(|p| p.pid == pid && (!alive || !p.state.is_finished()))
            })
        };
        has(true).or_else(|| has(false)).map(|j| j.id)
    }

    /// Marks a job resumed by `fg` (`foreground`) or `bg`: stopped
    /// processes become running, and `fg` makes it current while `bg`
    /// re-chooses (bash's `start_job`). The caller sends `SIGCONT`.
    pub fn continue_job(&mut self, id: usize, foreground: bool) -> bool {
        let Some(job) = self.get_mut(id) else {
            return false;
        };
        for p in &mut job.processes {
            if let ProcState::Stopped(_) = p.state {
                p.state = ProcState::Running;
            }
        }
        job.foreground = foreground;
        job.notified = true;
        if foreground {
            self.set_current_job(id);
        } else {
            self.reset_current();
        }
        true
    }

    /// The saved final state of a process no job holds, if any.
    pub fn saved_status(&self, pid: i32) -> Option<ProcState> {
        self.saved
            .iter()
            .rev()
            .find(|&&(p, _)| p == pid)
            .map(|&(_, s)| s)
    }

    /// Takes (removes) the saved final state of `pid`: `wait $pid` reports
    /// a status once.
    pub fn take_saved_status(&mut self, pid: i32) -> Option<ProcState> {
        let index = self.saved.iter().rposition(|&(p, _)| p == pid)?;
        self.saved.remove(index).map(|(_, s)| s)
    }

    fn save_status(&mut self, pid: i32, state: ProcState) {
        // A recycled pid replaces the older record.
        self.saved.retain(|&(p, _)| p != pid);
        if self.saved.len() >= SAVED_STATUS_LIMIT {
            self.saved.pop_front();
        }
        self.saved.push_back((pid, state));
    }

    /// Records a state `waitpid` reported. Returns the job it belongs to
    /// and how the job changed, for [`JobTable::update_current`].
    fn record(&mut self, pid: i32, state: ProcState) -> Recorded {
        let found = self.jobs.iter_mut().find_map(|j| {
            let before = j.state();
            let p = j
                .processes
                .iter_mut()
                .find(|p| p.pid == pid && !p.state.is_finished())?;
            p.state = state;
            j.notified = false;
            Some((j, before))
        });
        let Some((job, before)) = found else {
            if state.is_finished() {
                self.save_status(pid, state);
            }
            return Recorded::NotInJob;
        };
        let after = job.state();
        if after == JobState::Stopped {
            job.foreground = false;
        }
        Recorded::Job {
            id: job.id,
            stopped: after == JobState::Stopped,
            resumed: before == JobState::Stopped && after == JobState::Running,
        }
    }

    /// bash's end-of-`waitchld`: if a job stopped, it becomes current; if a
    /// stopped job resumed, re-choose.
    fn update_current(&mut self, last_stopped: Option<usize>, changed: bool) {
        if !changed {
            return;
        }
        match last_stopped {
            Some(id) if self.get(id).is_some_and(Job::is_stopped) => self.set_current_job(id),
            _ => self.reset_current(),
        }
    }

    fn is_in_state(&self, id: Option<usize>, state: JobState) -> bool {
        id.and_then(|id| self.get(id))
            .is_some_and(|j| j.state() == state)
    }

    /// The newest job older than `below` (all jobs when `None`) in `state`.
    fn newest_in_state(&self, below: Option<usize>, state: JobState) -> Option<usize> {
        self.jobs
            .iter()
            .rev()
            .filter(|j| below.is_none_or(|b| j.id < b))
            .find(|j| j.state() == state)
            .map(|j| j.id)
    }

    /// A foreground job stopped: it becomes the current job (`%+`).
    /// ([`reap`] already does this when it records the stop; calling it
    /// again is harmless.)
    pub fn mark_stopped_current(&mut self, id: usize) {
        self.set_current_job(id);
    }

    /// bash's `set_current_job`.
    fn set_current_job(&mut self, id: usize) {
        if self.current != Some(id) {
            self.previous = self.current;
            self.current = Some(id);
        }
        // First choice for previous: the old current job, if stopped.
        if self.previous != self.current && self.is_in_state(self.previous, JobState::Stopped) {
            return;
        }
        // Second: the newest stopped job older than the current one.
        if self.is_in_state(self.current, JobState::Stopped) {
            if let Some(c) = self.newest_in_state(Some(id), JobState::Stopped) {
                self.previous = Some(c);
                return;
            }
        }
        // Third: the newest running job (older than current, if it runs).
        let below = self
            .is_in_state(self.current, JobState::Running)
            .then_some(id);
        self.previous = self
            .newest_in_state(below, JobState::Running)
            .or(self.current);
    }

    /// bash's `reset_current`: the newest stopped job is `+` (keeping a
    /// stopped current or previous job), else the newest running one.
    fn reset_current(&mut self) {
        let candidate = if self.is_in_state(self.current, JobState::Stopped) {
            self.current
        } else if self.is_in_state(self.previous, JobState::Stopped) {
            self.previous
        } else {
            self.newest_in_state(None, JobState::Stopped)
                .or_else(|| self.newest_in_state(None, JobState::Running))
        };
        match candidate {
            Some(id) => self.set_current_job(id),
            None => {
                self.current = None;
                self.previous = None;
            }
        }
    }
}

/// What [`JobTable::record`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Recorded {
    NotInJob,
    Job {
        id: usize,
        stopped: bool,
        resumed: bool,
    },
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
