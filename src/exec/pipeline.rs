//! Pipelines, subshells and background jobs: everything that runs shell
//! code in a forked child. Each pipeline stage is its own process; with
//! job control the stages share a new process group that is one job.
//! A child runs its command with `exec_in_place` set, so its last external
//! command replaces the child instead of forking again (dash's EV_EXIT).

use std::os::fd::{AsRawFd, OwnedFd};
use std::time::Instant;

use super::{Status, Unwind};
use crate::jobs::Process;
use crate::shell::Shell;
use crate::syntax::ast::{AndOr, Pipeline, Program, TimeFormat};
use crate::syntax::Span;
use crate::sys::fd::{self, write_all_fd};
use crate::sys::spawn::{fork_subshell, ForkOutcome, PgroupPolicy, SpawnError};

impl Shell {
    pub(crate) fn run_pipeline(&mut self, p: &Pipeline) -> Status {
        let started = p.timed.map(|_| (Instant::now(), cpu_times()));
        let result = match p.commands.len() {
            0 => Ok(0),
            1 => {
                // The only stage of a pipeline in a child may exec in place;
                // a single command in the shell itself never does.
                let status = self.run_command(&p.commands[0]);
                if let Ok(s) = status {
                    self.pipestatus = vec![s];
                }
                status
            }
            _ => self.run_stages(p),
        };
        if let (Some(format), Some((start, before))) = (p.timed, started) {
            self.report_time(format, start, before);
        }
        let status = result?;
        Ok(if p.negated {
            i32::from(status == 0)
        } else {
            status
        })
    }

    fn run_stages(&mut self, p: &Pipeline) -> Status {
        // bash's lastpipe: without job control the last stage runs in the
        // shell itself, so `… | read x` sets x.
        let lastpipe = !self.jobs.job_control() && self.opts.shopt("lastpipe").unwrap_or(false);
        let (started, last_input) = self.start_stages(p, false, lastpipe)?;
        if lastpipe {
            let pids = started
                .map(|(_, procs)| procs.iter().map(|pr| pr.pid).collect())
                .unwrap_or_default();
            return self.run_last_stage(p, last_input, pids);
        }
        let Some((pgid, processes)) = started else {
            return Ok(1);
        };
        let text = self.job_text(p.span);
        self.wait_foreground(pgid, processes, text)
    }

    /// Forks one process per stage, connected by pipes; with job control
    /// they share a new process group (the first stage's), which takes the
    /// terminal unless `background`. A background job without job control
    /// reads /dev/null and ignores SIGINT and SIGQUIT (POSIX 2.9.3).
    /// Returns the group and the processes, or `None` if none started.
    /// With `lastpipe` the last stage is not forked: the read end of the
    /// pipe feeding it is returned for the caller to run it.
    #[allow(clippy::type_complexity)]
    fn start_stages(
        &mut self,
        p: &Pipeline,
        background: bool,
        lastpipe: bool,
    ) -> Result<(Option<(i32, Vec<Process>)>, Option<OwnedFd>), Unwind> {
        let n = p.commands.len();
        let job_control = self.jobs.job_control();
        let tty = if job_control && !background {
            self.terminal.as_ref().map(|t| t.fd())
        } else {
            None
        };
        // See `catch_sigint_for_wait`; the wait puts it back.
        let caught = !background && self.catch_sigint_for_wait();
        let mut processes = Vec::with_capacity(n);
        let mut pgid = 0;
        let mut input: Option<OwnedFd> = None;
        let forked = if lastpipe { n - 1 } else { n };
        for (i, cmd) in p.commands.iter().enumerate().take(forked) {
            let (next_input, output) = if i + 1 < n {
                match fd::pipe_cloexec() {
                    Ok((r, w)) => (Some(r), Some(w)),
                    Err(e) => {
                        self.report(format!("pipe: {e}").as_bytes());
                        break;
                    }
                }
            } else {
                (None, None)
            };
            let pgroup = match (job_control, i) {
                (false, _) => PgroupPolicy::Inherit,
                (true, 0) => PgroupPolicy::Lead,
                (true, _) => PgroupPolicy::Join(pgid),
            };
            match fork_subshell(pgroup, tty) {
                Ok(ForkOutcome::Child) => {
                    drop(next_input);
                    if background && !job_control {
                        self.detach_from_terminal(i == 0);
                    }
                    if let Some(r) = &input {
                        let _ = fd::dup2(r.as_raw_fd(), 0);
                    }
                    if let Some(w) = &output {
                        let _ = fd::dup2(w.as_raw_fd(), 1);
                        if p.pipe_stderr.get(i).copied().unwrap_or(false) {
                            let _ = fd::dup2(w.as_raw_fd(), 2);
                        }
                    }
                    drop(input);
                    drop(output);
                    self.enter_child();
                    self.exec_in_place = true;
                    let result = self.run_command(cmd);
                    self.exit_child(result);
                }
                Ok(ForkOutcome::Parent(pid)) => {
                    if i == 0 {
                        pgid = pid;
                    }
                    processes.push(Process::new(pid, self.job_text(cmd.span())));
                }
                Err(e) => {
                    self.report_fork_error(e);
                    break;
                }
            }
            input = next_input;
            drop(output);
        }
        let leftover = if lastpipe { input } else { None };
        if processes.is_empty() {
            self.end_sigint_catch(caught);
            return Ok((None, leftover));
        }
        let pgid = if job_control { pgid } else { self.shell_pgid() };
        Ok((Some((pgid, processes)), leftover))
    }

    /// The text `jobs` shows for a command: its source without the
    /// surrounding blanks and newlines.
    fn job_text(&self, span: Span) -> Vec<u8> {
        let text = self.source_text(span);
        let start = text.iter().position(|b| !b.is_ascii_whitespace());
        let end = text.iter().rposition(|b| !b.is_ascii_whitespace());
        match (start, end) {
            (Some(s), Some(e)) => text[s..=e].to_vec(),
            _ => Vec::new(),
        }
    }

    /// In a child of a background job without job control: stdin from
    /// /dev/null (for the first stage) and Ctrl-C / Ctrl-\ ignored.
    fn detach_from_terminal(&mut self, first: bool) {
        if first {
            if let Ok(null) = fd::open(b"/dev/null", libc::O_RDONLY, 0) {
                let _ = fd::dup2(null.as_raw_fd(), 0);
            }
        }
        let _ = crate::sys::signals::ignore(libc::SIGINT);
        let _ = crate::sys::signals::ignore(libc::SIGQUIT);
    }

    /// lastpipe: runs the final stage here with the pipe as its stdin,
    /// then collects the forked stages' statuses.
    fn run_last_stage(&mut self, p: &Pipeline, input: Option<OwnedFd>, pids: Vec<i32>) -> Status {
        let saved_stdin = fd::dup_high_cloexec(0, 10).ok();
        if let Some(r) = &input {
            let _ = fd::dup2(r.as_raw_fd(), 0);
        }
        drop(input);
        let last = p
            .commands
            .last()
            .expect("a pipeline has at least two stages here");
        let result = self.run_command(last);
        // Undo start_stages' SIGINT catch (no foreground wait does it here).
        let caught = self.catch_sigint_for_wait();
        self.end_sigint_catch(caught);
        match &saved_stdin {
            Some(s) => {
                let _ = fd::dup2(s.as_raw_fd(), 0);
            }
            None => {
                let _ = fd::close(0);
            }
        }
        let mut statuses = Vec::with_capacity(pids.len() + 1);
        for pid in pids {
            let state = crate::jobs::reap::wait_for_pid(&mut self.jobs, pid, 0);
            statuses.push(match state {
                crate::jobs::reap::PidWaitResult::Status(s) => s.exit_status(),
                _ => 0,
            });
        }
        let status = result?;
        statuses.push(status);
        self.set_pipestatus(&statuses);
        Ok(self.pipeline_status(&statuses))
    }

    fn report_fork_error(&mut self, e: SpawnError) {
        let reason = match e {
            SpawnError::Fork(errno) | SpawnError::Exec(errno) => errno.desc(),
            SpawnError::NoExec => "Exec format error",
        };
        self.report(format!("fork: {reason}").as_bytes());
    }

    /// `( … )`: the body runs in a forked child; nothing leaks back.
    pub(crate) fn run_subshell(&mut self, body: &Program, span: Span) -> Status {
        // With job control the subshell is a job of its own, like any
        // foreground command: Ctrl-Z stops it and `fg` resumes it.
        let job_control = self.jobs.job_control();
        let (pgroup, tty) = if job_control {
            (PgroupPolicy::Lead, self.terminal.as_ref().map(|t| t.fd()))
        } else {
            (PgroupPolicy::Inherit, None)
        };
        let caught = self.catch_sigint_for_wait();
        match fork_subshell(pgroup, tty) {
            Ok(ForkOutcome::Child) => {
                self.enter_child();
                self.exec_in_place = true;
                let result = self.run_program(body);
                self.exit_child(result);
            }
            Ok(ForkOutcome::Parent(pid)) => {
                let pgid = if job_control { pid } else { self.shell_pgid() };
                let text = self.job_text(span);
                let process = Process::new(pid, text.clone());
                self.wait_foreground(pgid, vec![process], text)
            }
            Err(e) => {
                self.end_sigint_catch(caught);
                self.report_fork_error(e);
                Ok(1)
            }
        }
    }

    /// `cmd &`: a background job; `$!` is its (last) process. A plain
    /// pipeline's stages are the job's processes, as in bash; anything else
    /// runs in one forked subshell.
    pub(crate) fn run_background(&mut self, and_or: &AndOr, span: Span) -> Status {
        let text = self.job_text(span);
        let first = &and_or.first;
        let plain_pipeline = and_or.rest.is_empty()
            && first.commands.len() > 1
            && !first.negated
            && first.timed.is_none();
        let started = if plain_pipeline {
            self.start_stages(first, true, false)?.0
        } else {
            self.start_background_subshell(and_or, &text)
        };
        let Some((pgid, processes)) = started else {
            return Ok(1);
        };
        let last = processes.last().map_or(pgid, |p| p.pid);
        let id = self.jobs.add(pgid, processes, text, false);
        self.last_background = Some(last);
        if self.interactive && self.subshell_depth == 0 {
            let _ = write_all_fd(2, format!("[{id}] {last}\n").as_bytes());
        }
        Ok(0)
    }

    fn start_background_subshell(
        &mut self,
        and_or: &AndOr,
        text: &[u8],
    ) -> Option<(i32, Vec<Process>)> {
        let job_control = self.jobs.job_control();
        let pgroup = if job_control {
            PgroupPolicy::Lead
        } else {
            PgroupPolicy::Inherit
        };
        match fork_subshell(pgroup, None) {
            Ok(ForkOutcome::Child) => {
                if !job_control {
                    self.detach_from_terminal(true);
                }
                self.enter_child();
                self.exec_in_place = true;
                let result = self.run_and_or(and_or);
                self.exit_child(result);
            }
            Ok(ForkOutcome::Parent(pid)) => {
                let pgid = if job_control { pid } else { self.shell_pgid() };
                Some((pgid, vec![Process::new(pid, text.to_vec())]))
            }
            Err(e) => {
                self.report_fork_error(e);
                None
            }
        }
    }

    /// `coproc NAME cmd`: a background job connected by two pipes, whose
    /// fds are in `NAME[0]` (read) and `NAME[1]` (write).
    pub(crate) fn run_coproc(&mut self, name: &[u8], body: &crate::syntax::ast::Command) -> Status {
        let (Ok((to_shell_r, to_shell_w)), Ok((to_child_r, to_child_w))) =
            (fd::pipe_cloexec(), fd::pipe_cloexec())
        else {
            self.report(b"coproc: cannot create pipes");
            return Ok(1);
        };
        match fork_subshell(PgroupPolicy::Inherit, None) {
            Ok(ForkOutcome::Child) => {
                let _ = fd::dup2(to_child_r.as_raw_fd(), 0);
                let _ = fd::dup2(to_shell_w.as_raw_fd(), 1);
                drop((to_shell_r, to_shell_w, to_child_r, to_child_w));
                self.enter_child();
                self.exec_in_place = true;
                let result = self.run_command(body);
                self.exit_child(result);
            }
            Ok(ForkOutcome::Parent(pid)) => {
                drop((to_shell_w, to_child_r));
                let read = fd::dup_high_cloexec(to_shell_r.as_raw_fd(), 60).ok();
                let write = fd::dup_high_cloexec(to_child_w.as_raw_fd(), 60).ok();
                let (Some(read), Some(write)) = (read, write) else {
                    return Ok(1);
                };
                use std::os::fd::IntoRawFd;
                let items = vec![
                    (None, read.into_raw_fd().to_string().into_bytes()),
                    (None, write.into_raw_fd().to_string().into_bytes()),
                ];
                let _ = self.vars.set_array(name, items, false);
                let mut pid_name = name.to_vec();
                pid_name.extend_from_slice(b"_PID");
                let _ = self.vars.set(&pid_name, pid.to_string().into_bytes());
                let process = crate::jobs::Process::new(pid, b"coproc".to_vec());
                let pgid = self.shell_pgid();
                self.jobs
                    .add(pgid, vec![process], b"coproc".to_vec(), false);
                self.last_background = Some(pid);
                Ok(0)
            }
            Err(e) => {
                self.report_fork_error(e);
                Ok(1)
            }
        }
    }

    /// State changes in a freshly forked child: it owns no jobs, has no
    /// job control or terminal, and its traps are reset (POSIX 2.12),
    /// though `trap` with no operands still lists the parent's.
    pub(crate) fn enter_child(&mut self) {
        self.is_forked_child = true;
        self.subshell_depth += 1;
        // The parent's jobs stay listed (`jobs -p | xargs kill`, `$(jobs)`
        // work as in bash); waits for them find no child and end.
        self.jobs.set_job_control(false);
        self.terminal = None;
        self.interactive = false;
        if self.parent_traps.is_none() {
            self.parent_traps = Some(self.traps.clone());
        }
        for trap in self.traps.iter_mut() {
            if !matches!(trap, Some(crate::shell::TrapAction::Ignore)) {
                *trap = None;
            }
        }
    }

    /// Ends a forked child with the status of what it ran.
    pub(crate) fn exit_child(&mut self, result: Status) -> ! {
        let status = match result {
            Ok(s) => s,
            Err(Unwind::Exit(s)) | Err(Unwind::Abort(s)) | Err(Unwind::Return(s)) => s,
            Err(Unwind::Break(_)) | Err(Unwind::Continue(_)) => self.last_status,
        };
        self.last_status = status;
        let status = self.run_exit_trap(status);
        if let Some(sig) = self.killed_by {
            // Interrupted like its parent: die of the signal so the parent
            // sees it (bash's cooperative exit, in subshells too).
            crate::sys::signals::die_of_signal(sig);
        }
        // SAFETY: _exit ends the child without running the parent's
        // atexit handlers or unwinding into the parent's code.
        unsafe { libc::_exit(status & 0xff) }
    }

    fn report_time(&mut self, format: TimeFormat, start: Instant, before: (f64, f64)) {
        let real = start.elapsed().as_secs_f64();
        let (user, sys) = cpu_times();
        let (user, sys) = (user - before.0, sys - before.1);
        let text = match format {
            TimeFormat::Posix => format!("real {real:.2}\nuser {user:.2}\nsys {sys:.2}\n"),
            TimeFormat::Default => format!(
                "\nreal\t{}\nuser\t{}\nsys\t{}\n",
                minutes(real),
                minutes(user),
                minutes(sys)
            ),
        };
        let _ = write_all_fd(2, text.as_bytes());
    }
}

fn minutes(secs: f64) -> String {
    let m = (secs / 60.0).floor();
    format!("{}m{:.3}s", m as u64, secs - m * 60.0)
}

/// User and system CPU seconds of the shell and its waited-for children.
pub(crate) fn cpu_times() -> (f64, f64) {
    let usage = |who| {
        // SAFETY: getrusage fills the struct we pass and reads nothing else.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(who, &mut ru) };
        let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        (tv(ru.ru_utime), tv(ru.ru_stime))
    };
    let (u1, s1) = usage(libc::RUSAGE_SELF);
    let (u2, s2) = usage(libc::RUSAGE_CHILDREN);
    (u1 + u2, s1 + s2)
}
