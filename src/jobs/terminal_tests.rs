//! Terminal hand-off on a real pseudo-terminal. Each test forks a child
//! that becomes a session leader with the PTY as its controlling terminal
//! (the test binary itself has none), plays the interactive shell there and
//! reports through its exit status.

use super::*;
use crate::jobs::reap::{wait_for_job, JobWaitResult};
use crate::jobs::{JobTable, ProcState, Process};
use crate::sys::spawn::{
    fork_subshell, spawn, test_serial, with_fork_path, ChildPlan, FdAction, ForkOutcome,
    PgroupPolicy,
};
use nix::sys::termios::LocalFlags;
use std::ffi::CString;

fn fail(message: String) -> Result<(), String> {
    Err(message)
}

/// Runs `body` in a forked child that owns a fresh PTY as its controlling
/// terminal; the test passes when `body` returns Ok.
fn in_new_session(body: fn(RawFd) -> Result<(), String>) {
    let _guard = test_serial();
    match fork_subshell(PgroupPolicy::Inherit, None).expect("fork") {
        ForkOutcome::Child => {
            // The PTY must outlive the report: closing its master hangs up
            // the terminal and SIGHUP would kill us first.
            let mut pty = None;
            let result = (|| {
                nix::unistd::setsid().map_err(|e| format!("setsid: {e}"))?;
                let opened =
                    pty.insert(nix::pty::openpty(None, None).map_err(|e| format!("openpty: {e}"))?);
                // SAFETY: TIOCSCTTY takes an int argument; we are a session
                // leader without a controlling terminal.
                if unsafe { libc::ioctl(opened.slave.as_raw_fd(), libc::TIOCSCTTY, 0) } == -1 {
                    return fail(format!("TIOCSCTTY: {}", io::Error::last_os_error()));
                }
                body(opened.slave.as_raw_fd())
            })();
            let code = match result {
                Ok(()) => 0,
                Err(message) => {
                    let line = format!("terminal test failed: {message}\n");
                    let _ = fd::write_all_fd(2, line.as_bytes());
                    1
                }
            };
            // SAFETY: leave the forked child without running test-harness code.
            unsafe { libc::_exit(code) };
            #[allow(unreachable_code)]
            drop(pty);
        }
        ForkOutcome::Parent(pid) => {
            let mut status = 0;
            // SAFETY: waitpid writes only `status`.
            while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {}
            assert_eq!(ProcState::from_wait_status(status), ProcState::Exited(0));
        }
    }
}

fn plan<'a>(envp: &'a [CString], script: &str, tty: RawFd, out: Option<RawFd>) -> ChildPlan<'a> {
    ChildPlan {
        path: CString::new("/bin/sh").unwrap(),
        argv: ["sh", "-c", script]
            .iter()
            .map(|s| CString::new(*s).unwrap())
            .collect(),
        envp,
        fd_actions: out
            .map(|fd| FdAction::Dup2 { from: fd, to: 1 })
            .into_iter()
            .collect(),
        pgroup: PgroupPolicy::Lead,
        foreground_tty: Some(tty),
    }
}

fn foreground_group(term: &Terminal) -> i32 {
    unistd::tcgetpgrp(term.fd.as_fd()).map_or(-1, Pid::as_raw)
}

/// The child's own group and the terminal's foreground group, as the child
/// sees them (fields 5 and 8 of /proc/self/stat), must be equal.
fn child_takes_the_terminal(tty: RawFd) -> Result<(), String> {
    let mut term = Terminal::init_interactive(tty).map_err(|e| format!("init: {e}"))?;
    if term.shell_pgid() != unistd::getpid().as_raw()
        || foreground_group(&term) != term.shell_pgid()
    {
        return fail("shell does not own the terminal after init".into());
    }
    let envp = vec![CString::new("PATH=/usr/bin:/bin").unwrap()];
    for fork_path in [false, true] {
        let (r, w) = fd::pipe_cloexec().map_err(|e| e.to_string())?;
        let script = "set -- $(cut -d' ' -f5,8 /proc/$$/stat); [ \"$1\" = \"$2\" ] && echo fg";
        let p = plan(&envp, script, term.fd(), Some(w.as_raw_fd()));
        let pid = if fork_path {
            with_fork_path(|| spawn(&p))
        } else {
            spawn(&p)
        }
        .map_err(|e| format!("spawn: {e:?}"))?;
        drop(w);
        let mut table = JobTable::new();
        table.set_job_control(true);
        let id = table.add(
            pid,
            vec![Process::new(pid, b"sh".to_vec())],
            b"sh".to_vec(),
            true,
        );
        let guard = term
            .foreground(pid, None)
            .map_err(|e| format!("give: {e}"))?;
        let result = wait_for_job(&mut table, id);
        guard.finish(false);
        let mut buf = [0u8; 16];
        let n = fd::read_fd(r.as_raw_fd(), &mut buf).map_err(|e| e.to_string())?;
        if &buf[..n] != b"fg\n" || result != JobWaitResult::Finished(vec![ProcState::Exited(0)]) {
            return fail(format!(
                "fork={fork_path}: child output {:?}, {result:?}",
                &buf[..n]
            ));
        }
        if foreground_group(&term) != term.shell_pgid() {
            return fail(format!("fork={fork_path}: terminal not taken back"));
        }
    }
    Ok(())
}

#[test]
fn child_is_foreground_and_the_shell_takes_the_terminal_back() {
    in_new_session(child_takes_the_terminal);
}

/// A job that sets raw mode and stops: its modes are saved, the shell's
/// restored; `fg` gives them back.
fn stopped_job_modes_are_saved_and_restored(tty: RawFd) -> Result<(), String> {
    let mut term = Terminal::init_interactive(tty).map_err(|e| format!("init: {e}"))?;
    let canonical = |t: &Termios| t.local_flags.contains(LocalFlags::ICANON);
    if !canonical(term.shell_modes()) {
        return fail("pty should start in canonical mode".into());
    }
    let envp = vec![CString::new("PATH=/usr/bin:/bin").unwrap()];
    let p = plan(
        &envp,
        "stty raw -echo <&2; kill -STOP $$; exit 6",
        term.fd(),
        None,
    );
    let mut p = p;
    p.fd_actions = vec![FdAction::Dup2 {
        from: term.fd(),
        to: 2,
    }];
    let pid = spawn(&p).map_err(|e| format!("spawn: {e:?}"))?;
    let mut table = JobTable::new();
    table.set_job_control(true);
    let id = table.add(
        pid,
        vec![Process::new(pid, b"sh".to_vec())],
        b"sh".to_vec(),
        true,
    );
    let guard = term
        .foreground(pid, None)
        .map_err(|e| format!("give: {e}"))?;
    let result = wait_for_job(&mut table, id);
    let job_modes = guard.finish(false).ok_or("no job modes")?;
    if result != JobWaitResult::Stopped(vec![ProcState::Stopped(libc::SIGSTOP)]) {
        return fail(format!("expected a stop, got {result:?}"));
    }
    let now = termios::tcgetattr(term.fd.as_fd()).map_err(|e| e.to_string())?;
    if canonical(&job_modes) || !canonical(&now) {
        return fail("raw job modes not saved, or shell modes not restored".into());
    }
    // fg: the job's modes come back with the terminal.
    let guard = term
        .foreground(pid, Some(&job_modes))
        .map_err(|e| e.to_string())?;
    let during = termios::tcgetattr(tty.as_fd_for_test()).map_err(|e| e.to_string())?;
    table.continue_job(id, true);
    // SAFETY: resuming our own child.
    unsafe { libc::kill(pid, libc::SIGCONT) };
    let result = wait_for_job(&mut table, id);
    drop(guard); // taken back on drop, shell modes restored
    let after = termios::tcgetattr(term.fd.as_fd()).map_err(|e| e.to_string())?;
    if canonical(&during)
        || !canonical(&after)
        || result != JobWaitResult::Finished(vec![ProcState::Exited(6)])
    {
        return fail(format!("fg modes wrong or bad result {result:?}"));
    }
    term.release();
    Ok(())
}

/// Borrow a raw fd for a nix call in tests.
trait AsFdForTest {
    fn as_fd_for_test(&self) -> std::os::fd::BorrowedFd<'_>;
}

impl AsFdForTest for RawFd {
    fn as_fd_for_test(&self) -> std::os::fd::BorrowedFd<'_> {
        // SAFETY: the fd stays open for the whole test body.
        unsafe { std::os::fd::BorrowedFd::borrow_raw(*self) }
    }
}

#[test]
fn stopped_job_keeps_its_terminal_modes() {
    in_new_session(stopped_job_modes_are_saved_and_restored);
}

#[test]
fn not_a_terminal_is_an_error() {
    let (r, _w) = fd::pipe_cloexec().unwrap();
    let err = Terminal::init_interactive(r.as_raw_fd()).unwrap_err();
    assert_eq!(err.raw_os_error(), Some(libc::ENOTTY));
}
