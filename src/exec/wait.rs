//! Foreground jobs: register the started processes as a job, lend it the
//! terminal when job control is on, wait for it through `jobs::reap`, take
//! the terminal back, and turn the result into a status — reporting a job
//! that stopped, and treating a child killed by SIGINT as an interrupt of
//! the shell (bash's "wait and cooperative exit").

use super::{Status, Unwind};
use crate::jobs::reap::{wait_for_job, JobWaitResult};
use crate::jobs::{JobFormat, ProcState, Process};
use crate::shell::Shell;
use crate::sys::fd::write_all_fd;

impl Shell {
    /// Waits for the processes of a foreground pipeline; sets PIPESTATUS
    /// and returns the pipeline's status (pipefail applied).
    pub(crate) fn wait_foreground(&mut self, pgid: i32, pids: &[i32], command: Vec<u8>) -> Status {
        let processes = pids
            .iter()
            .map(|&pid| Process::new(pid, command.clone()))
            .collect();
        let id = self.jobs.add(pgid, processes, command, true);
        let job_control = self.jobs.job_control();
        if job_control {
            if let Some(terminal) = self.terminal.as_ref() {
                let _ = terminal.give_to(pgid, None);
            }
        }
        let result = wait_for_job(&mut self.jobs, id);
        let job_modes = if job_control {
            self.terminal.as_mut().and_then(|t| t.take_back())
        } else {
            None
        };
        match result {
            JobWaitResult::Finished(states) => {
                self.jobs.remove(id);
                self.finish_states(&states)
            }
            JobWaitResult::Stopped(states) => {
                if let Some(job) = self.jobs.get_mut(id) {
                    job.foreground = false;
                    job.saved_tmodes = job_modes;
                    job.notified = true;
                }
                self.jobs.mark_stopped_current(id);
                if let Some(line) = self.jobs.format_job(id, JobFormat::Standard) {
                    let mut out = b"\n".to_vec();
                    out.extend(line);
                    let _ = write_all_fd(2, &out);
                }
                let status = states
                    .iter()
                    .find_map(|s| match s {
                        ProcState::Stopped(sig) => Some(128 + sig),
                        _ => None,
                    })
                    .unwrap_or(148);
                self.set_pipestatus(&[status]);
                Ok(status)
            }
            JobWaitResult::Interrupted(_) | JobWaitResult::NoSuchJob => Ok(self.last_status),
        }
    }

    /// PIPESTATUS and the pipeline status from the processes' final states.
    fn finish_states(&mut self, states: &[ProcState]) -> Status {
        let statuses: Vec<i32> = states.iter().map(|s| s.exit_status()).collect();
        self.set_pipestatus(&statuses);
        let status = self.pipeline_status(&statuses);
        if let Some(ProcState::Signaled { sig, core }) = states.last().copied() {
            let shell_interrupted = sig == libc::SIGINT
                && crate::sys::signals::take_pending_in(crate::sys::signals::signal_bit(
                    libc::SIGINT,
                )) != 0;
            if shell_interrupted {
                // The user interrupted the job: the shell was interrupted
                // too, so a script or loop stops here.
                if self.interactive && self.subshell_depth == 0 {
                    let _ = write_all_fd(2, b"\n");
                    return Err(Unwind::Abort(130));
                }
                self.killed_by = Some(libc::SIGINT);
                return Err(Unwind::Exit(130));
            }
            // bash reports children killed by a signal (but not by SIGINT
            // or SIGPIPE), in scripts too.
            if sig != libc::SIGPIPE && sig != libc::SIGINT {
                let mut msg = crate::jobs::signal_description(sig).as_bytes().to_vec();
                if core {
                    msg.extend_from_slice(b" (core dumped)");
                }
                msg.push(b'\n');
                let _ = write_all_fd(2, &msg);
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
    /// Reports background jobs that finished or changed state (before a
    /// prompt), and forgets finished ones.
    pub fn notify_job_changes(&mut self) {
        crate::jobs::reap::reap(&mut self.jobs);
        let ids: Vec<usize> = self.jobs.iter().map(|j| j.id).collect();
        let mut text = Vec::new();
        for id in ids {
            let Some(job) = self.jobs.get(id) else {
                continue;
            };
            let done = job.is_done();
            if (done || !job.notified) && !job.foreground {
                if self.interactive {
                    if let Some(line) = self.jobs.format_job(id, JobFormat::Standard) {
                        text.extend(line);
                    }
                }
                if let Some(job) = self.jobs.get_mut(id) {
                    job.notified = true;
                }
            }
            if done {
                self.jobs.remove(id);
            }
        }
        if !text.is_empty() {
            let _ = write_all_fd(2, &text);
        }
    }

    /// On exit of an interactive shell: SIGHUP to every job not disowned
    /// (stopped ones also get SIGCONT so they can die of it).
    pub fn hang_up_jobs(&mut self) {
        for job in self.jobs.iter() {
            if job.disowned || job.is_done() {
                continue;
            }
            let target = if self.jobs.job_control() {
                -job.pgid
            } else {
                job.processes[0].pid
            };
            // SAFETY: kill only sends signals.
            unsafe {
                libc::kill(target, libc::SIGHUP);
                if job.is_stopped() {
                    libc::kill(target, libc::SIGCONT);
                }
            }
        }
    }
}
