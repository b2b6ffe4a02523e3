//! `wait [-fn] [-p var] [id ...]` as bash runs it: no ids waits for every
//! child (process substitutions included) and returns 0; ids are job specs
//! (`%…`) or pids and the status is the last one's (127 for one that is
//! not a child); `-n` returns the status of the next job to finish; `-p`
//! stores the pid it reports. A trapped signal ends the wait with
//! 128 + its number after the trap has run.

use super::{fail, option_error, parse_options};
use crate::exec::Status;
use crate::jobs::reap::{
    wait_for_change, wait_for_job_interruptible, wait_for_pid, JobWaitResult, PidWaitResult,
    WaitChange,
};
use crate::jobs::spec::resolve_job_spec;
use crate::jobs::ProcState;
use crate::shell::{Shell, TrapAction};
use crate::sys::signals::{self, signal_bit};

const USAGE: &str = "[-fn] [-p var] [id ...]";

/// How one wait ended.
enum Outcome {
    /// The status to return, and the pid to store for `-p`.
    Status(i32, Option<i32>),
    /// A signal in the mask arrived.
    Interrupted(i32),
}

pub fn wait(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let opts = match parse_options(argv, b"fnp:") {
        Ok(o) => o,
        Err(e) => return Ok(option_error(shell, "wait", e, USAGE)),
    };
    let var = opts.value(b'p').map(<[u8]>::to_vec);
    if let Some(name) = &var {
        let _ = shell.vars.unset(name);
    }
    let force = opts.has(b'f');
    let ids = &argv[opts.rest..];
    let outcome = if opts.has(b'n') {
        wait_next(shell, ids)
    } else if ids.is_empty() {
        wait_all(shell)
    } else {
        let mut last = Outcome::Status(0, None);
        for id in ids {
            last = match wait_operand(shell, id, force) {
                Ok(o) => o,
                Err(status) => return Ok(status),
            };
            if matches!(last, Outcome::Interrupted(_)) {
                break;
            }
        }
        last
    };
    if !shell.interactive {
        shell.notify_job_changes();
    }
    match outcome {
        Outcome::Status(status, pid) => {
            if let (Some(name), Some(pid)) = (&var, pid) {
                if let Err(e) = shell.vars.set(name, pid.to_string().into_bytes()) {
                    shell.report(&e.message());
                }
            }
            Ok(status)
        }
        Outcome::Interrupted(sig) => {
            shell.last_status = 128 + sig;
            shell.run_pending_traps()?;
            Ok(128 + sig)
        }
    }
}

/// The signals that end a wait: trapped ones, and those an interactive
/// shell handles itself (Ctrl-C, hang-up).
fn interrupt_mask(shell: &Shell) -> u64 {
    let mut mask = 0;
    for sig in 1..=signals::MAX_SIGNAL {
        if let Some(Some(TrapAction::Command(_))) = shell.traps.get(sig as usize) {
            mask |= signal_bit(sig);
        }
    }
    if shell.interactive {
        mask |= signal_bit(libc::SIGINT) | signal_bit(libc::SIGHUP);
    }
    // SIGCHLD wakes every wait anyway; a CHLD trap runs after it.
    mask & !signal_bit(libc::SIGCHLD)
}

/// `wait` alone: every running job and every other child, until none is
/// left running (stopped jobs do not end by themselves, so they are not
/// waited for).
fn wait_all(shell: &mut Shell) -> Outcome {
    let mask = interrupt_mask(shell);
    loop {
        let running = shell.jobs.iter().any(|j| j.is_running());
        let stopped = shell.jobs.iter().any(|j| j.is_stopped());
        if !running && stopped {
            break;
        }
        match wait_for_change(&mut shell.jobs, mask) {
            WaitChange::Changed => {}
            WaitChange::NoChildren => break,
            WaitChange::Interrupted(sig) => return Outcome::Interrupted(sig),
        }
    }
    if !shell.interactive {
        // Jobs killed by a signal are reported before they are forgotten.
        shell.notify_job_changes();
    }
    let done: Vec<usize> = shell
        .jobs
        .iter()
        .filter(|j| j.is_done())
        .map(|j| j.id)
        .collect();
    for id in done {
        shell.jobs.remove(id);
    }
    Outcome::Status(0, None)
}

/// One operand: `%spec` or a pid. `Err` ends the builtin with a status.
fn wait_operand(shell: &mut Shell, operand: &[u8], force: bool) -> Result<Outcome, i32> {
    if operand.first() == Some(&b'%') {
        return Ok(match resolve_job_spec(&shell.jobs, operand) {
            Ok(id) => wait_job(shell, id, force),
            Err(e) => {
                fail(shell, "wait", &e.message());
                Outcome::Status(127, None)
            }
        });
    }
    let Some(pid) = parse_pid(operand) else {
        let mut message = b"`".to_vec();
        message.extend_from_slice(operand);
        message.extend_from_slice(b"': not a pid or valid job spec");
        fail(shell, "wait", &message);
        return Err(1);
    };
    Ok(wait_pid(shell, pid, force))
}

fn parse_pid(word: &[u8]) -> Option<i32> {
    let s = std::str::from_utf8(word)
        .ok()?
        .trim_matches([' ', '\t', '\n']);
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i32>().ok()
}

/// Waits for job `id` to finish (or stop, unless `force`); the job is
/// forgotten once finished.
fn wait_job(shell: &mut Shell, id: usize, force: bool) -> Outcome {
    let mask = interrupt_mask(shell);
    loop {
        match wait_for_job_interruptible(&mut shell.jobs, id, mask) {
            JobWaitResult::Finished(states) => {
                let pid = shell
                    .jobs
                    .get(id)
                    .and_then(|j| j.processes.last())
                    .map(|p| p.pid);
                if !shell.interactive {
                    // A script reports a job killed by a signal first.
                    shell.notify_job_changes();
                }
                shell.jobs.remove(id);
                let statuses: Vec<i32> = states.iter().map(|s| s.exit_status()).collect();
                return Outcome::Status(shell.pipeline_status(&statuses), pid);
            }
            JobWaitResult::Stopped(states) if !force || !shell.jobs.job_control() => {
                let pid = shell
                    .jobs
                    .get(id)
                    .and_then(|j| j.processes.last())
                    .map(|p| p.pid);
                return Outcome::Status(stop_status(&states), pid);
            }
            JobWaitResult::Stopped(_) => match wait_for_change(&mut shell.jobs, mask) {
                WaitChange::Interrupted(sig) => return Outcome::Interrupted(sig),
                WaitChange::NoChildren | WaitChange::Changed => {}
            },
            JobWaitResult::Interrupted(sig) => return Outcome::Interrupted(sig),
            JobWaitResult::NoSuchJob => return Outcome::Status(127, None),
        }
    }
}

fn stop_status(states: &[ProcState]) -> i32 {
    states
        .iter()
        .find_map(|s| match s {
            ProcState::Stopped(sig) => Some(128 + sig),
            _ => None,
        })
        .unwrap_or(128 + libc::SIGTSTP)
}

fn wait_pid(shell: &mut Shell, pid: i32, force: bool) -> Outcome {
    if let Some(id) = shell.jobs.job_of_pid(pid) {
        let last = shell
            .jobs
            .get(id)
            .and_then(|j| j.processes.last())
            .map(|p| p.pid);
        if last == Some(pid) {
            // The job's status (pipefail included) is its last process's.
            return wait_job(shell, id, force);
        }
    }
    let mask = interrupt_mask(shell);
    match wait_for_pid(&mut shell.jobs, pid, mask) {
        PidWaitResult::Status(state) => {
            forget_if_done(shell, pid);
            Outcome::Status(state.exit_status(), Some(pid))
        }
        PidWaitResult::Interrupted(sig) => Outcome::Interrupted(sig),
        PidWaitResult::NotAChild => {
            fail(
                shell,
                "wait",
                format!("pid {pid} is not a child of this shell").as_bytes(),
            );
            Outcome::Status(127, None)
        }
    }
}

fn forget_if_done(shell: &mut Shell, pid: i32) {
    if let Some(id) = shell.jobs.job_of_pid(pid) {
        if shell.jobs.get(id).is_some_and(|j| j.is_done()) {
            shell.jobs.remove(id);
        }
    }
}

/// `wait -n [id ...]`: the first of the jobs (all when no ids) to be
/// finished — one that already is counts — and its status; 127 when
/// there is nothing to wait for.
fn wait_next(shell: &mut Shell, operands: &[Vec<u8>]) -> Outcome {
    let mut candidates = Vec::new();
    for operand in operands {
        let found = if operand.first() == Some(&b'%') {
            resolve_job_spec(&shell.jobs, operand).ok()
        } else {
            parse_pid(operand).and_then(|pid| shell.jobs.job_of_pid(pid))
        };
        candidates.extend(found);
    }
    let all = operands.is_empty();
    let mask = interrupt_mask(shell);
    loop {
        let listed: Vec<usize> = shell
            .jobs
            .iter()
            .filter(|j| !j.foreground && (all || candidates.contains(&j.id)))
            .map(|j| j.id)
            .collect();
        if let Some(&id) = listed
            .iter()
            .find(|&&id| shell.jobs.get(id).is_some_and(|j| j.is_done()))
        {
            return wait_job(shell, id, false);
        }
        if !listed
            .iter()
            .any(|&id| shell.jobs.get(id).is_some_and(|j| j.is_running()))
        {
            return Outcome::Status(127, None);
        }
        match wait_for_change(&mut shell.jobs, mask) {
            WaitChange::Changed => {}
            WaitChange::NoChildren => return Outcome::Status(127, None),
            WaitChange::Interrupted(sig) => return Outcome::Interrupted(sig),
        }
    }
}
