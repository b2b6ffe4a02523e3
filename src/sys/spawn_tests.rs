//! Tests that really spawn processes, on both the posix_spawn and the fork
//! path.

use super::*;
use crate::jobs::ProcState;
use std::os::fd::{AsRawFd, OwnedFd};

fn cstr(s: &str) -> CString {
    CString::new(s).unwrap()
}

fn env() -> Vec<CString> {
    vec![cstr("PATH=/usr/bin:/bin"), cstr("WHELK_TEST=1")]
}

fn plan<'a>(envp: &'a [CString], path: &str, args: &[&str]) -> ChildPlan<'a> {
    ChildPlan {
        path: cstr(path),
        argv: args.iter().map(|a| cstr(a)).collect(),
        envp,
        fd_actions: Vec::new(),
        pgroup: PgroupPolicy::Inherit,
        foreground_tty: None,
    }
}

fn sh<'a>(envp: &'a [CString], script: &str) -> ChildPlan<'a> {
    plan(envp, "/bin/sh", &["sh", "-c", script])
}

/// Waits for exactly this child (tests hold `test_serial`, so no one else
/// reaps it).
#[track_caller]
fn wait_pid(pid: i32) -> ProcState {
    let mut status = 0;
    loop {
        // SAFETY: waitpid writes only `status`.
        let r = unsafe { libc::waitpid(pid, &mut status, 0) };
        if r == pid {
            return ProcState::from_wait_status(status);
        }
        assert_eq!(Errno::last(), Errno::EINTR, "waitpid({pid}) failed");
    }
}

fn read_all(fd: &OwnedFd) -> Vec<u8> {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match fd::read_fd(fd.as_raw_fd(), &mut buf) {
            Ok(0) | Err(_) => return out,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
    }
}

/// Runs `f` once through posix_spawn and once through fork + exec.
fn on_both_paths(f: impl Fn(&str)) {
    let _guard = test_serial();
    f("posix_spawn");
    with_fork_path(|| f("fork"));
}

fn temp_path(name: &str) -> String {
    format!(
        "{}/whelk-spawn-{}-{}",
        std::env::temp_dir().display(),
        std::process::id(),
        name
    )
}

#[test]
fn true_exits_zero() {
    let envp = env();
    on_both_paths(|how| {
        let pid = spawn(&plan(&envp, "/bin/true", &["true"])).unwrap();
        assert_eq!(wait_pid(pid), ProcState::Exited(0), "{how}");
    });
}

#[test]
fn exit_status_is_reported() {
    let envp = env();
    on_both_paths(|how| {
        let pid = spawn(&sh(&envp, "exit 3")).unwrap();
        assert_eq!(wait_pid(pid), ProcState::Exited(3), "{how}");
    });
}

#[test]
fn missing_file_is_exec_enoent_and_leaves_no_zombie() {
    let envp = env();
    on_both_paths(|how| {
        let err = spawn(&plan(&envp, "/nonexistent/whelk-cmd", &["x"])).unwrap_err();
        assert_eq!(err, SpawnError::Exec(Errno::ENOENT), "{how}");
        // The failed child was reaped: we have no children at all.
        // SAFETY: waitpid with WNOHANG writes only `status`.
        let r = unsafe { libc::waitpid(-1, std::ptr::null_mut(), libc::WNOHANG) };
        assert_eq!((r, Errno::last()), (-1, Errno::ECHILD), "{how}");
    });
}

#[test]
fn file_without_shebang_is_noexec() {
    let path = temp_path("noexec");
    std::fs::write(&path, "echo from script\n").unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let envp = env();
    on_both_paths(|how| {
        let err = spawn(&plan(&envp, &path, &["script"])).unwrap_err();
        assert_eq!(err, SpawnError::NoExec, "{how}");
    });
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn non_executable_file_is_eacces() {
    let path = temp_path("noperm");
    std::fs::write(&path, "#!/bin/sh\n").unwrap();
    std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    let envp = env();
    on_both_paths(|how| {
        let err = spawn(&plan(&envp, &path, &["x"])).unwrap_err();
        assert_eq!(err, SpawnError::Exec(Errno::EACCES), "{how}");
    });
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn argv_and_environment_reach_the_child() {
    let envp = env();
    on_both_paths(|how| {
        let (r, w) = fd::pipe_cloexec().unwrap();
        let mut p = plan(
            &envp,
            "/bin/sh",
            &[
                "sh",
                "-c",
                "printf '%s|%s|%s' \"$0\" \"$1\" \"$WHELK_TEST\"",
                "zero",
                "one\u{e9}",
            ],
        );
        p.fd_actions = vec![FdAction::Dup2 {
            from: w.as_raw_fd(),
            to: 1,
        }];
        let pid = spawn(&p).unwrap();
        drop(w);
        assert_eq!(read_all(&r), "zero|one\u{e9}|1".as_bytes(), "{how}");
        assert_eq!(wait_pid(pid), ProcState::Exited(0));
    });
}

#[test]
fn fd_actions_redirect_and_close() {
    let envp = env();
    on_both_paths(|how| {
        let (r, w) = fd::pipe_cloexec().unwrap();
        let mut p = sh(
            &envp,
            "echo out; echo err >&2; echo gone >&5 || echo closed",
        );
        p.fd_actions = vec![
            FdAction::Dup2 {
                from: w.as_raw_fd(),
                to: 1,
            },
            FdAction::Dup2 { from: 1, to: 2 },
            FdAction::Dup2 {
                from: w.as_raw_fd(),
                to: 5,
            },
            FdAction::Close(5),
            FdAction::Close(77), // never open: not an error
        ];
        let pid = spawn(&p).unwrap();
        drop(w);
        let out = String::from_utf8(read_all(&r)).unwrap();
        assert!(out.starts_with("out\nerr\n"), "{how}: {out:?}");
        assert!(out.ends_with("closed\n"), "{how}: {out:?}");
        assert_eq!(wait_pid(pid), ProcState::Exited(0));
    });
}

#[test]
fn dup2_onto_itself_makes_a_cloexec_fd_inheritable() {
    let envp = env();
    on_both_paths(|how| {
        let (r, w) = fd::pipe_cloexec().unwrap();
        // A close-on-exec fd at 23 that the child must keep as 23.
        let high = fd::dup_high_cloexec(w.as_raw_fd(), 23).unwrap();
        let n = high.as_raw_fd();
        drop(w);
        // bash, not dash: dash redirects only fds 0-9.
        let mut p = plan(
            &envp,
            "/bin/bash",
            &["bash", "-c", &format!("echo via{n} >&{n}")],
        );
        p.fd_actions = vec![FdAction::Dup2 { from: n, to: n }];
        let pid = spawn(&p).unwrap();
        drop(high);
        assert_eq!(read_all(&r), format!("via{n}\n").as_bytes(), "{how}");
        assert_eq!(wait_pid(pid), ProcState::Exited(0));
    });
}

#[test]
fn pipeline_of_two_in_one_process_group() {
    let envp = env();
    on_both_paths(|how| {
        let (pipe_r, pipe_w) = fd::pipe_cloexec().unwrap();
        let (out_r, out_w) = fd::pipe_cloexec().unwrap();
        let mut first = sh(&envp, "printf 'b\\na\\n'");
        first.fd_actions = vec![FdAction::Dup2 {
            from: pipe_w.as_raw_fd(),
            to: 1,
        }];
        first.pgroup = PgroupPolicy::Lead;
        let leader = spawn(&first).unwrap();
        let mut second = plan(&envp, "/usr/bin/sort", &["sort"]);
        second.fd_actions = vec![
            FdAction::Dup2 {
                from: pipe_r.as_raw_fd(),
                to: 0,
            },
            FdAction::Dup2 {
                from: out_w.as_raw_fd(),
                to: 1,
            },
        ];
        second.pgroup = PgroupPolicy::Join(leader);
        let follower = spawn(&second).unwrap();
        drop((pipe_r, pipe_w, out_w));
        // Zombies keep their group, so this holds even if both have exited.
        // SAFETY: getpgid only queries.
        assert_eq!(unsafe { libc::getpgid(leader) }, leader, "{how}");
        // SAFETY: as above.
        assert_eq!(unsafe { libc::getpgid(follower) }, leader, "{how}");
        assert_eq!(read_all(&out_r), b"a\nb\n", "{how}");
        assert_eq!(wait_pid(leader), ProcState::Exited(0));
        assert_eq!(wait_pid(follower), ProcState::Exited(0));
    });
}

#[test]
fn joining_a_vanished_group_leads_a_new_one() {
    let envp = env();
    on_both_paths(|how| {
        let mut lead = plan(&envp, "/bin/true", &["true"]);
        lead.pgroup = PgroupPolicy::Lead;
        let gone = spawn(&lead).unwrap();
        wait_pid(gone); // reaped: the group no longer exists
        let (r, w) = fd::pipe_cloexec().unwrap();
        let mut p = sh(&envp, "read x");
        p.fd_actions = vec![FdAction::Dup2 {
            from: r.as_raw_fd(),
            to: 0,
        }];
        p.pgroup = PgroupPolicy::Join(gone);
        let pid = spawn(&p).unwrap();
        // SAFETY: getpgid only queries.
        let pgid = unsafe { libc::getpgid(pid) };
        // SAFETY: getpgrp only queries.
        assert_ne!(
            pgid,
            unsafe { libc::getpgrp() },
            "{how}: must not stay in the shell's group"
        );
        drop(w);
        assert_eq!(wait_pid(pid), ProcState::Exited(1));
    });
}

#[test]
fn user_ignored_signals_stay_ignored_caught_ones_are_reset() {
    let envp = env();
    on_both_paths(|how| {
        signals::init().unwrap();
        signals::ignore(libc::SIGUSR1).unwrap();
        let pid = spawn(&sh(&envp, "kill -USR1 $$; exit 7")).unwrap();
        assert_eq!(
            wait_pid(pid),
            ProcState::Exited(7),
            "{how}: trap '' is inherited"
        );
        signals::catch(libc::SIGUSR1).unwrap();
        let pid = spawn(&sh(&envp, "kill -USR1 $$; exit 7")).unwrap();
        assert_eq!(
            wait_pid(pid),
            ProcState::Signaled {
                sig: libc::SIGUSR1,
                core: false
            },
            "{how}: a caught signal is default in the child"
        );
        signals::default(libc::SIGUSR1).unwrap();
        signals::take_pending();
    });
}

#[test]
fn base_ignored_quit_and_rust_ignored_pipe_are_default_in_children() {
    let envp = env();
    on_both_paths(|how| {
        signals::init().unwrap();
        if signals::ignored_at_startup(libc::SIGQUIT) {
            return;
        }
        let pid = spawn(&sh(&envp, "kill -QUIT $$; exit 7")).unwrap();
        let state = wait_pid(pid);
        assert!(
            matches!(
                state,
                ProcState::Signaled {
                    sig: libc::SIGQUIT,
                    ..
                }
            ),
            "{how}: {state:?}"
        );
        // SIGPIPE: `yes | true` must end with yes killed by SIGPIPE.
        let pid = spawn(&sh(&envp, "kill -PIPE $$; exit 7")).unwrap();
        assert_eq!(
            wait_pid(pid),
            ProcState::Signaled {
                sig: libc::SIGPIPE,
                core: false
            },
            "{how}"
        );
    });
}

#[test]
fn fork_subshell_runs_child_code_in_its_own_group() {
    let _guard = test_serial();
    match fork_subshell(PgroupPolicy::Lead, None).unwrap() {
        ForkOutcome::Child => {
            // SAFETY: getpgrp/getpid only query; _exit ends the child
            // without running the test harness's code.
            unsafe {
                let code = if libc::getpgrp() == libc::getpid() {
                    42
                } else {
                    1
                };
                libc::_exit(code);
            }
        }
        ForkOutcome::Parent(pid) => {
            // SAFETY: getpgid only queries.
            assert_eq!(unsafe { libc::getpgid(pid) }, pid);
            assert_eq!(wait_pid(pid), ProcState::Exited(42));
        }
    }
}

#[test]
fn fork_subshell_resets_traps_but_keeps_ignores() {
    let _guard = test_serial();
    signals::init().unwrap();
    signals::catch(libc::SIGUSR2).unwrap();
    signals::ignore(libc::SIGUSR1).unwrap();
    match fork_subshell(PgroupPolicy::Inherit, None).unwrap() {
        ForkOutcome::Child => {
            use signals::Disposition::*;
            let ok = signals::disposition(libc::SIGUSR2) == Default
                && signals::disposition(libc::SIGUSR1) == Ignore
                && signals::disposition(libc::SIGCHLD) == Catch
                && signals::pending() == 0;
            // SAFETY: ends the child immediately.
            unsafe { libc::_exit(if ok { 0 } else { 1 }) };
        }
        ForkOutcome::Parent(pid) => {
            assert_eq!(wait_pid(pid), ProcState::Exited(0));
        }
    }
    signals::default(libc::SIGUSR1).unwrap();
    signals::default(libc::SIGUSR2).unwrap();
}

#[test]
fn spawn_error_facts_are_distinct() {
    assert_ne!(SpawnError::NoExec, SpawnError::Exec(Errno::ENOEXEC));
    assert_eq!(
        SpawnError::Fork(Errno::EAGAIN),
        SpawnError::Fork(Errno::EAGAIN)
    );
}

#[test]
fn an_unusable_terminal_does_not_stop_the_command() {
    // No controlling terminal here and the fd is a pipe: tcsetpgrp fails in
    // the child, which must still run (as after a hang-up).
    let envp = env();
    on_both_paths(|how| {
        let (r, w) = fd::pipe_cloexec().unwrap();
        let mut p = sh(&envp, "exit 4");
        p.pgroup = PgroupPolicy::Lead;
        p.foreground_tty = Some(r.as_raw_fd());
        let pid = spawn(&p).unwrap();
        assert_eq!(wait_pid(pid), ProcState::Exited(4), "{how}");
        drop((r, w));
    });
}

#[test]
fn exec_in_place_replaces_the_process_and_reports_failure() {
    let _guard = test_serial();
    signals::init().unwrap();
    signals::catch(libc::SIGUSR1).unwrap();
    let envp = env();
    match fork_subshell(PgroupPolicy::Inherit, None).unwrap() {
        ForkOutcome::Child => {
            // The subshell trapped USR1 itself: exec must reset it, so the
            // program dies of it.
            let _ = signals::catch(libc::SIGUSR1);
            let missing = exec_in_place(&cstr("/nonexistent/x"), &[cstr("x")], &envp);
            let still_caught = signals::disposition(libc::SIGUSR1) == signals::Disposition::Catch;
            let code = if missing == Errno::ENOENT && still_caught {
                0
            } else {
                99
            };
            if code == 0 {
                let argv = [cstr("sh"), cstr("-c"), cstr("kill -USR1 $$; exit 3")];
                exec_in_place(&cstr("/bin/sh"), &argv, &envp);
            }
            // SAFETY: leave the forked child without running harness code.
            unsafe { libc::_exit(code) }
        }
        ForkOutcome::Parent(pid) => {
            assert_eq!(
                wait_pid(pid),
                ProcState::Signaled {
                    sig: libc::SIGUSR1,
                    core: false
                }
            );
        }
    }
    signals::default(libc::SIGUSR1).unwrap();
}
