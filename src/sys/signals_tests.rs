//! Dispositions on the real process: recording, SIG_DFL/SIG_IGN, re-catching.
use super::*;
use crate::sys::spawn::test_serial;

fn raise(sig: i32) {
    // SAFETY: sending a signal to our own process.
    unsafe { libc::kill(libc::getpid(), sig) };
}

/// Waits (without sleeping blindly) until `sig` is recorded.
fn wait_pending(sig: i32) -> bool {
    let fd = wake_fd().expect("init ran");
    for _ in 0..100 {
        if is_pending(sig) {
            return true;
        }
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd.
        unsafe { libc::poll(&mut pfd, 1, 100) };
        drain_wake_fd();
    }
    is_pending(sig)
}

#[test]
fn caught_signal_is_recorded_and_wakes_the_pipe() {
    let _guard = test_serial();
    init().unwrap();
    catch(libc::SIGUSR1).unwrap();
    take_pending_in(signal_bit(libc::SIGUSR1));
    raise(libc::SIGUSR1);
    assert!(wait_pending(libc::SIGUSR1));
    assert_eq!(
        take_pending_in(signal_bit(libc::SIGUSR1)),
        signal_bit(libc::SIGUSR1)
    );
    assert!(!is_pending(libc::SIGUSR1));
    default(libc::SIGUSR1).unwrap();
}

#[test]
fn default_is_real_sig_dfl_and_catch_works_again_after_it() {
    let _guard = test_serial();
    init().unwrap();
    catch(libc::SIGUSR2).unwrap();
    default(libc::SIGUSR2).unwrap();
    assert_eq!(current_handler(libc::SIGUSR2), Some(libc::SIG_DFL));
    ignore(libc::SIGUSR2).unwrap();
    assert_eq!(current_handler(libc::SIGUSR2), Some(libc::SIG_IGN));
    raise(libc::SIGUSR2); // ignored: must not kill the test binary
    catch(libc::SIGUSR2).unwrap();
    take_pending_in(signal_bit(libc::SIGUSR2));
    raise(libc::SIGUSR2);
    assert!(wait_pending(libc::SIGUSR2));
    take_pending_in(signal_bit(libc::SIGUSR2));
    default(libc::SIGUSR2).unwrap();
    assert_eq!(disposition(libc::SIGUSR2), Disposition::Default);
}

#[test]
fn failed_changes_leave_no_false_bookkeeping() {
    let _guard = test_serial();
    // 32 and 33 are reserved by glibc: sigaction refuses them.
    assert!(catch(32).is_err());
    assert_eq!(disposition(32), Disposition::Default);
    assert_eq!(child_default_mask() & signal_bit(32), 0);
}

#[test]
fn kill_and_stop_cannot_be_trapped() {
    assert!(catch(libc::SIGKILL).is_err());
    assert!(ignore(libc::SIGSTOP).is_err());
    assert!(catch(0).is_err());
    assert!(catch(65).is_err());
}

#[test]
fn segv_from_kill_is_recorded_not_fatal() {
    let _guard = test_serial();
    init().unwrap();
    catch(libc::SIGSEGV).unwrap();
    take_pending_in(signal_bit(libc::SIGSEGV));
    raise(libc::SIGSEGV);
    assert!(wait_pending(libc::SIGSEGV));
    take_pending_in(signal_bit(libc::SIGSEGV));
    default(libc::SIGSEGV).unwrap();
}

#[test]
fn base_and_trap_layers() {
    let _guard = test_serial();
    init().unwrap();
    let sig = libc::SIGWINCH;
    set_base(sig, Disposition::Ignore).unwrap();
    catch(sig).unwrap();
    assert_eq!(disposition(sig), Disposition::Catch);
    default(sig).unwrap();
    // trap - returns to the shell's own disposition, not SIG_DFL
    assert_eq!(disposition(sig), Disposition::Ignore);
    assert_eq!(current_handler(sig), Some(libc::SIG_IGN));
    set_base(sig, Disposition::Default).unwrap();
    assert_eq!(current_handler(sig), Some(libc::SIG_DFL));
}

#[test]
fn child_mask_resets_caught_and_base_ignored_but_keeps_user_ignored() {
    let _guard = test_serial();
    init().unwrap();
    let mask = child_default_mask();
    assert_ne!(mask & signal_bit(libc::SIGCHLD), 0, "caught by base");
    assert_ne!(mask & signal_bit(libc::SIGPIPE), 0, "always reset");
    if !ignored_at_startup(libc::SIGQUIT) {
        assert_ne!(mask & signal_bit(libc::SIGQUIT), 0, "base-ignored");
    }
    ignore(libc::SIGUSR1).unwrap();
    catch(libc::SIGUSR2).unwrap();
    let mask = child_default_mask();
    assert_eq!(mask & signal_bit(libc::SIGUSR1), 0, "trap '' is inherited");
    assert_ne!(mask & signal_bit(libc::SIGUSR2), 0);
    ignore(libc::SIGPIPE).unwrap();
    assert_eq!(child_default_mask() & signal_bit(libc::SIGPIPE), 0);
    for sig in [libc::SIGUSR1, libc::SIGUSR2, libc::SIGPIPE] {
        default(sig).unwrap();
    }
}

#[test]
fn die_of_signal_is_seen_as_killed_by_it() {
    let _guard = test_serial();
    use crate::sys::spawn::{fork_subshell, ForkOutcome, PgroupPolicy};
    init().unwrap();
    catch(libc::SIGINT).unwrap();
    match fork_subshell(PgroupPolicy::Inherit, None).unwrap() {
        ForkOutcome::Child => {
            catch(libc::SIGINT).unwrap(); // even when caught, it dies
            die_of_signal(libc::SIGINT)
        }
        ForkOutcome::Parent(pid) => {
            let mut status = 0;
            // SAFETY: waitpid writes only `status`.
            while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {}
            assert!(libc::WIFSIGNALED(status) && libc::WTERMSIG(status) == libc::SIGINT);
        }
    }
    default(libc::SIGINT).unwrap();
    match fork_subshell(PgroupPolicy::Inherit, None).unwrap() {
        ForkOutcome::Child => die_of_signal(libc::SIGCHLD), // default: ignore
        ForkOutcome::Parent(pid) => {
            let mut status = 0;
            // SAFETY: as above.
            while unsafe { libc::waitpid(pid, &mut status, 0) } == -1 {}
            assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 128 + libc::SIGCHLD);
        }
    }
}

#[test]
fn take_pending_in_leaves_other_bits() {
    let _guard = test_serial();
    PENDING.fetch_or(signal_bit(40) | signal_bit(41), Ordering::SeqCst);
    assert_eq!(take_pending_in(signal_bit(40)), signal_bit(40));
    assert!(is_pending(41));
    assert!(!is_pending(40));
    take_pending_in(signal_bit(41));
    assert_eq!(signal_bit(0), 0);
    assert_eq!(signal_bit(64), 1 << 63);
}
