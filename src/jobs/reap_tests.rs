//! Reaping real children: statuses, stops, pipelines, unowned pids,
//! interruption by trapped signals, and no zombies left behind.

use super::*;
use crate::jobs::{JobState, Process};
use crate::sys::fd;
use crate::sys::spawn::{spawn, test_serial, ChildPlan, FdAction, PgroupPolicy};
use std::ffi::CString;
use std::os::fd::{AsRawFd, OwnedFd};

fn env() -> Vec<CString> {
    vec![CString::new("PATH=/usr/bin:/bin").unwrap()]
}

fn sh_plan<'a>(envp: &'a [CString], script: &str) -> ChildPlan<'a> {
    ChildPlan {
        path: CString::new("/bin/sh").unwrap(),
        argv: ["sh", "-c", script]
            .iter()
            .map(|s| CString::new(*s).unwrap())
            .collect(),
        envp,
        fd_actions: Vec::new(),
        pgroup: PgroupPolicy::Inherit,
        foreground_tty: None,
    }
}

fn start(envp: &[CString], script: &str, actions: Vec<FdAction>) -> i32 {
    let mut plan = sh_plan(envp, script);
    plan.fd_actions = actions;
    spawn(&plan).expect("spawn /bin/sh")
}

fn add_job(t: &mut JobTable, pids: &[i32], foreground: bool) -> usize {
    let procs = pids
        .iter()
        .map(|&p| Process::new(p, format!("p{p}").into_bytes()))
        .collect();
    t.add(pids[0], procs, b"job".to_vec(), foreground)
}

fn proc_exists(pid: i32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

fn stdin_from(r: &OwnedFd) -> Vec<FdAction> {
    vec![FdAction::Dup2 {
        from: r.as_raw_fd(),
        to: 0,
    }]
}

fn kill(pid: i32, sig: i32) {
    // SAFETY: sending a signal to our own child.
    assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
}

#[test]
fn foreground_job_statuses_and_no_zombie() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    let pid = start(&envp, "exit 3", Vec::new());
    let id = add_job(&mut t, &[pid], true);
    assert_eq!(
        wait_for_job(&mut t, id),
        JobWaitResult::Finished(vec![ProcState::Exited(3)])
    );
    assert!(
        !proc_exists(pid),
        "reaped child must not linger as a zombie"
    );
    assert_eq!(wait_for_job(&mut t, 99), JobWaitResult::NoSuchJob);
}

#[test]
fn pipeline_reports_every_stage() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    let (r, w) = fd::pipe_cloexec().unwrap();
    let first = start(
        &envp,
        "echo data; exit 2",
        vec![FdAction::Dup2 {
            from: w.as_raw_fd(),
            to: 1,
        }],
    );
    let second = start(&envp, "cat >/dev/null; kill -TERM $$", stdin_from(&r));
    drop((r, w));
    let id = add_job(&mut t, &[first, second], true);
    let result = wait_for_job(&mut t, id);
    assert_eq!(
        result,
        JobWaitResult::Finished(vec![
            ProcState::Exited(2),
            ProcState::Signaled {
                sig: libc::SIGTERM,
                core: false
            }
        ])
    );
    assert_eq!(t.get(id).unwrap().last_state().exit_status(), 143);
    assert!(!proc_exists(first) && !proc_exists(second));
}

#[test]
fn stop_continue_and_kill_are_seen_with_job_control() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    t.set_job_control(true);
    let (r, w) = fd::pipe_cloexec().unwrap();
    let pid = start(&envp, "read x", stdin_from(&r));
    let id = add_job(&mut t, &[pid], true);
    kill(pid, libc::SIGSTOP);
    assert_eq!(
        wait_for_job(&mut t, id),
        JobWaitResult::Stopped(vec![ProcState::Stopped(libc::SIGSTOP)])
    );
    assert_eq!(t.current(), Some(id));
    assert!(
        !t.get(id).unwrap().foreground,
        "a stopped job is in the background"
    );
    kill(pid, libc::SIGCONT);
    // WCONTINUED is reported: block until the job runs again.
    while t.get(id).unwrap().state() != JobState::Running {
        assert_eq!(wait_for_change(&mut t, 0), WaitChange::Changed);
    }
    kill(pid, libc::SIGKILL);
    assert_eq!(
        wait_for_job(&mut t, id),
        JobWaitResult::Finished(vec![ProcState::Signaled {
            sig: libc::SIGKILL,
            core: false
        }])
    );
    drop((r, w));
    assert!(!proc_exists(pid));
}

#[test]
fn background_exit_is_recorded_while_waiting_for_the_foreground() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    let (r, w) = fd::pipe_cloexec().unwrap();
    // The background job exits first; the foreground one ends only when
    // the pipe closes, i.e. after the background process is a zombie.
    let bg_pid = start(
        &envp,
        "exit 4",
        vec![FdAction::Dup2 {
            from: w.as_raw_fd(),
            to: 1,
        }],
    );
    let fg_pid = start(&envp, "cat >/dev/null", stdin_from(&r));
    drop((r, w));
    let bg = add_job(&mut t, &[bg_pid], false);
    let fg = add_job(&mut t, &[fg_pid], true);
    assert_eq!(
        wait_for_job(&mut t, fg),
        JobWaitResult::Finished(vec![ProcState::Exited(0)])
    );
    let bg_job = t.get(bg).unwrap();
    assert_eq!(bg_job.states(), vec![ProcState::Exited(4)]);
    assert!(!bg_job.notified, "the user has not been told yet");
    assert!(!proc_exists(bg_pid));
}

#[test]
fn reap_collects_without_blocking() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    let (r, w) = fd::pipe_cloexec().unwrap();
    let pid = start(&envp, "read x", stdin_from(&r));
    let id = add_job(&mut t, &[pid], false);
    assert_eq!(reap(&mut t), 0, "nothing to collect while it runs");
    drop((r, w)); // read fails at EOF: exit 1
    assert_eq!(
        wait_for_job(&mut t, id),
        JobWaitResult::Finished(vec![ProcState::Exited(1)])
    );
    assert_eq!(reap(&mut t), 0);
}

#[test]
fn unowned_children_are_saved_for_wait_pid() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    let pid = start(&envp, "exit 9", Vec::new());
    // Not in any job (a process substitution, say).
    assert_eq!(
        wait_for_pid(&mut t, pid, 0),
        PidWaitResult::Status(ProcState::Exited(9))
    );
    assert_eq!(
        wait_for_pid(&mut t, pid, 0),
        PidWaitResult::NotAChild,
        "reported once"
    );
    let pid = start(&envp, "exit 8", Vec::new());
    // Collected by an unrelated wait, then found in the saved statuses.
    while t.saved_status(pid).is_none() {
        assert_eq!(wait_for_change(&mut t, 0), WaitChange::Changed);
    }
    assert_eq!(
        wait_for_pid(&mut t, pid, 0),
        PidWaitResult::Status(ProcState::Exited(8))
    );
    assert!(!proc_exists(pid));
}

#[test]
fn wait_for_pid_of_a_job_process_and_of_a_stranger() {
    let _guard = test_serial();
    let envp = env();
    let mut t = JobTable::new();
    let pid = start(&envp, "exit 5", Vec::new());
    add_job(&mut t, &[pid], false);
    assert_eq!(
        wait_for_pid(&mut t, pid, 0),
        PidWaitResult::Status(ProcState::Exited(5))
    );
    assert_eq!(wait_for_pid(&mut t, 1, 0), PidWaitResult::NotAChild);
    assert_eq!(wait_for_pid(&mut t, -5, 0), PidWaitResult::NotAChild);
}

#[test]
fn trapped_signal_interrupts_the_wait_builtin() {
    let _guard = test_serial();
    crate::sys::signals::init().unwrap();
    crate::sys::signals::catch(libc::SIGUSR1).unwrap();
    crate::sys::signals::take_pending();
    let envp = env();
    let mut t = JobTable::new();
    let (r, w) = fd::pipe_cloexec().unwrap();
    // The child signals us, then waits for input that never comes.
    let pid = start(&envp, "kill -USR1 $PPID; read x", stdin_from(&r));
    let id = add_job(&mut t, &[pid], false);
    let mask = crate::sys::signals::signal_bit(libc::SIGUSR1);
    assert_eq!(
        wait_for_job_interruptible(&mut t, id, mask),
        JobWaitResult::Interrupted(libc::SIGUSR1)
    );
    assert!(
        crate::sys::signals::is_pending(libc::SIGUSR1),
        "left pending for the trap"
    );
    assert_eq!(
        wait_for_pid(&mut t, pid, mask),
        PidWaitResult::Interrupted(libc::SIGUSR1),
        "still pending: the next wait is interrupted too"
    );
    crate::sys::signals::take_pending_in(mask);
    drop((r, w));
    assert_eq!(
        wait_for_job_interruptible(&mut t, id, mask),
        JobWaitResult::Finished(vec![ProcState::Exited(1)])
    );
    crate::sys::signals::default(libc::SIGUSR1).unwrap();
}

#[test]
fn lost_processes_end_the_wait() {
    let _guard = test_serial();
    let mut t = JobTable::new();
    // pid 1 is not our child: with no children at all the wait must end.
    let id = add_job(&mut t, &[1], true);
    assert_eq!(
        wait_for_job(&mut t, id),
        JobWaitResult::Finished(vec![ProcState::Exited(127)])
    );
    assert_eq!(wait_for_change(&mut t, 0), WaitChange::NoChildren);
}
