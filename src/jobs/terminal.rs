//! The controlling terminal: the only place whelk calls `tcsetpgrp` and
//! `tcsetattr` (children do it through `sys::spawn`'s plan).
//!
//! Owns: taking the terminal at interactive start-up, handing it to a
//! foreground job and taking it back with the shell's saved modes
//! ([`ForegroundGuard`]), and handing it back to the original group at exit.
//! Must not: wait for processes or query the terminal for replies (nothing
//! here reads from it, so nothing can hang on an unanswered query).
//! Main entry points: [`Terminal::init_interactive`], [`Terminal::foreground`].

use std::io;
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};

use nix::errno::Errno;
use nix::sys::termios::{self, SetArg, Termios};
use nix::unistd::{self, Pid};

use crate::sys::{fd, signals};

/// How many times start-up asks to be put in the foreground (`SIGTTIN`)
/// before giving up on job control.
const FOREGROUND_ATTEMPTS: u32 = 64;

/// The shell's terminal and its own modes.
#[derive(Debug)]
pub struct Terminal {
    /// A close-on-exec copy of the terminal fd, above the user's fds, so
    /// `exec 0<file` cannot take the terminal away from the shell.
    fd: OwnedFd,
    shell_pgid: i32,
    /// The group that owned the terminal before us, restored at exit.
    original_pgid: i32,
    shell_tmodes: Termios,
}

/// Runs `f` with `SIGTTOU`/`SIGTTIN`/`SIGTSTP`/`SIGCHLD` blocked: a
/// background process may then change the terminal's group or modes
/// without being stopped, and no handler runs halfway (bash's
/// `give_terminal_to` does the same).
fn with_tty_signals_blocked<T>(f: impl FnOnce() -> T) -> T {
    // SAFETY: sigemptyset/sigaddset initialise `set`; sigprocmask writes
    // `old`, which is restored below.
    let old = unsafe {
        let mut set = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(set.as_mut_ptr());
        for sig in [libc::SIGTTOU, libc::SIGTTIN, libc::SIGTSTP, libc::SIGCHLD] {
            libc::sigaddset(set.as_mut_ptr(), sig);
        }
        let mut old = MaybeUninit::<libc::sigset_t>::uninit();
        libc::sigemptyset(old.as_mut_ptr());
        libc::sigprocmask(libc::SIG_BLOCK, set.as_ptr(), old.as_mut_ptr());
        old.assume_init()
    };
    let result = f();
    // SAFETY: restoring the mask saved above.
    unsafe { libc::sigprocmask(libc::SIG_SETMASK, &old, std::ptr::null_mut()) };
    result
}

fn retry_eintr<T>(mut f: impl FnMut() -> nix::Result<T>) -> nix::Result<T> {
    loop {
        match f() {
            Err(Errno::EINTR) => continue,
            other => return other,
        }
    }
}

/// Asks to be put in the foreground until the terminal's group is ours
/// (`SIGTTIN` with its default action stops us until a `fg`).
fn wait_until_foreground(tty: &OwnedFd) -> io::Result<()> {
    for _ in 0..FOREGROUND_ATTEMPTS {
        let foreground = unistd::tcgetpgrp(tty.as_fd())?;
        let ours = unistd::getpgrp();
        if foreground == ours {
            return Ok(());
        }
        // SAFETY: plain sigaction/kill calls; `dfl` and `old` are local and
        // the old action is put back.
        unsafe {
            let mut dfl: libc::sigaction = std::mem::zeroed();
            dfl.sa_sigaction = libc::SIG_DFL;
            let mut old: libc::sigaction = std::mem::zeroed();
            libc::sigaction(libc::SIGTTIN, &dfl, &mut old);
            libc::kill(-ours.as_raw(), libc::SIGTTIN);
            libc::sigaction(libc::SIGTTIN, &old, std::ptr::null_mut());
        }
    }
    Err(io::Error::other(
        "cannot get the terminal in the foreground",
    ))
}

impl Terminal {
    /// Interactive start-up with job control on terminal `tty`: waits until
    /// the shell is in the foreground, ignores `SIGTSTP`/`SIGTTIN`/`SIGTTOU`
    /// (base dispositions, reset in children), puts the shell in its own
    /// process group, takes the terminal and saves its modes. An error
    /// (not a terminal, no controlling terminal) means: run without job
    /// control.
    pub fn init_interactive(tty: RawFd) -> io::Result<Terminal> {
        let fd = fd::dup_high_cloexec(tty, fd::FIRST_SHELL_FD)?;
        if !unistd::isatty(fd.as_fd()).unwrap_or(false) {
            return Err(Errno::ENOTTY.into());
        }
        wait_until_foreground(&fd)?;
        let original_pgid = unistd::getpgrp().as_raw();
        for sig in [libc::SIGTSTP, libc::SIGTTIN, libc::SIGTTOU] {
            signals::set_base(sig, signals::Disposition::Ignore)?;
        }
        let pid = unistd::getpid();
        if unistd::getpgrp() != pid {
            // EPERM: a session leader cannot move; it already leads a group.
            match unistd::setpgid(pid, pid) {
                Ok(()) | Err(Errno::EPERM) => {}
                Err(e) => return Err(e.into()),
            }
        }
        let shell_pgid = unistd::getpgrp().as_raw();
        with_tty_signals_blocked(|| unistd::tcsetpgrp(fd.as_fd(), Pid::from_raw(shell_pgid)))?;
        let shell_tmodes = retry_eintr(|| termios::tcgetattr(fd.as_fd()))?;
        Ok(Terminal {
            fd,
            shell_pgid,
            original_pgid,
            shell_tmodes,
        })
    }

    /// The shell's terminal fd (for `ChildPlan::foreground_tty`).
    pub fn fd(&self) -> RawFd {
        self.fd.as_raw_fd()
    }

    pub fn shell_pgid(&self) -> i32 {
        self.shell_pgid
    }

    /// The modes the shell restores after each foreground job.
    pub fn shell_modes(&self) -> &Termios {
        &self.shell_tmodes
    }

    /// Re-reads the terminal's modes as the shell's own (after a job that
    /// ended normally, so `stty` settings persist — bash's rule).
    pub fn save_shell_modes(&mut self) -> io::Result<()> {
        self.shell_tmodes = retry_eintr(|| termios::tcgetattr(self.fd.as_fd()))?;
        Ok(())
    }

    /// Makes `pgid` the terminal's foreground group, first applying the
    /// job's `restore` modes (a stopped job resumed by `fg`).
    pub fn give_to(&self, pgid: i32, restore: Option<&Termios>) -> io::Result<()> {
        with_tty_signals_blocked(|| {
            if let Some(modes) = restore {
                retry_eintr(|| termios::tcsetattr(self.fd.as_fd(), SetArg::TCSADRAIN, modes))?;
            }
            unistd::tcsetpgrp(self.fd.as_fd(), Pid::from_raw(pgid))
        })?;
        Ok(())
    }

    /// Takes the terminal back: saves the job's modes (returned, to keep on
    /// a stopped job), makes the shell's group the foreground and restores
    /// the shell's modes — so a job that died in raw mode leaves a sane
    /// terminal.
    pub fn take_back(&mut self) -> Option<Termios> {
        self.reclaim(false)
    }

    /// Like [`Terminal::take_back`]; with `adopt_job_modes` the job's modes
    /// become the shell's instead of being undone (bash does this when the
    /// job exited normally, so `stty -echo` as a command sticks).
    pub fn reclaim(&mut self, adopt_job_modes: bool) -> Option<Termios> {
        let job_modes = retry_eintr(|| termios::tcgetattr(self.fd.as_fd())).ok();
        with_tty_signals_blocked(|| {
            let _ = unistd::tcsetpgrp(self.fd.as_fd(), Pid::from_raw(self.shell_pgid));
            match (&job_modes, adopt_job_modes) {
                (Some(modes), true) => self.shell_tmodes = modes.clone(),
                _ => {
                    let _ = retry_eintr(|| {
                        termios::tcsetattr(self.fd.as_fd(), SetArg::TCSADRAIN, &self.shell_tmodes)
                    });
                }
            }
        });
        job_modes
    }

    /// Gives the terminal to `pgid` and returns a guard that takes it back
    /// when dropped (or explicitly with [`ForegroundGuard::finish`]).
    pub fn foreground(
        &mut self,
        pgid: i32,
        restore: Option<&Termios>,
    ) -> io::Result<ForegroundGuard<'_>> {
        self.give_to(pgid, restore)?;
        Ok(ForegroundGuard {
            terminal: self,
            done: false,
        })
    }

    /// At exit: gives the terminal back to the group that had it when the
    /// shell started, restoring the shell's modes.
    pub fn release(&self) {
        with_tty_signals_blocked(|| {
            let _ = retry_eintr(|| {
                termios::tcsetattr(self.fd.as_fd(), SetArg::TCSADRAIN, &self.shell_tmodes)
            });
            let _ = unistd::tcsetpgrp(self.fd.as_fd(), Pid::from_raw(self.original_pgid));
            if self.original_pgid != self.shell_pgid {
                let _ = unistd::setpgid(Pid::from_raw(0), Pid::from_raw(self.original_pgid));
            }
        });
    }
}

/// The terminal lent to a foreground job; taken back on drop.
#[derive(Debug)]
pub struct ForegroundGuard<'a> {
    terminal: &'a mut Terminal,
    done: bool,
}

impl ForegroundGuard<'_> {
    /// Takes the terminal back now and returns the job's modes (store them
    /// on a stopped job for `fg`). See [`Terminal::reclaim`] for
    /// `adopt_job_modes`.
    pub fn finish(mut self, adopt_job_modes: bool) -> Option<Termios> {
        self.done = true;
        self.terminal.reclaim(adopt_job_modes)
    }
}

impl Drop for ForegroundGuard<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.terminal.take_back();
        }
    }
}

#[cfg(test)]
#[path = "terminal_tests.rs"]
mod tests;
