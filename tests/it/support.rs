//! Shared helpers for the integration tests: where the whelk binary is
//! ([`whelk_bin`]) and running a child with a deadline ([`run_with_timeout`]),
//! so a hanging shell fails its test instead of blocking CI.

use std::io::{self, Read};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// How long background jobs left behind by a finished child may keep its
/// output pipes open before their process group is killed.
const PIPE_GRACE: Duration = Duration::from_secs(2);

/// Path of the whelk binary cargo built for this test run.
pub fn whelk_bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_whelk"))
}

/// What a child did, as a shell would report it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    /// Exit status, or 128 + signal number when killed by a signal.
    pub status: i32,
    /// The child did not exit before the deadline and was killed.
    pub timed_out: bool,
}

/// Runs `cmd` (stdin as the caller configured it; stdout and stderr are
/// captured) in a new process group. If it has not exited after `timeout`,
/// the whole group is killed with SIGKILL and `timed_out` is set.
pub fn run_with_timeout(cmd: &mut Command, timeout: Duration) -> io::Result<RunOutput> {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    // SAFETY: the hook only calls sigaction via libc::signal, which is
    // async-signal-safe, between fork and exec.
    unsafe {
        cmd.pre_exec(default_signals);
    }
    let mut child = cmd.spawn()?;
    // The child leads its own group, so the group id is its pid.
    let pgid = child.id() as libc::pid_t;
    let out = spawn_reader(child.stdout.take());
    let err = spawn_reader(child.stderr.take());
    let deadline = Instant::now() + timeout;
    let mut timed_out = false;
    let mut pause = Duration::from_micros(500);
    // Poll without reaping (WNOWAIT): while the zombie exists its pid cannot
    // be reused, so signalling the group later cannot hit a stranger.
    while !exited_unreaped(pgid)? {
        if Instant::now() >= deadline {
            kill_group(pgid);
            timed_out = true;
            break;
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(10));
    }
    let grace = Instant::now() + PIPE_GRACE;
    let collect = |rx: mpsc::Receiver<Vec<u8>>| {
        let left = grace.saturating_duration_since(Instant::now());
        rx.recv_timeout(left).or_else(|_| {
            // A background job still holds the pipe: end it.
            kill_group(pgid);
            rx.recv().map_err(io::Error::other)
        })
    };
    let stdout = collect(out)?;
    let stderr = collect(err)?;
    let status = shell_status(child.wait()?);
    Ok(RunOutput {
        stdout,
        stderr,
        status,
        timed_out,
    })
}

/// Reads a pipe to its end on a thread; the bytes arrive on the channel.
fn spawn_reader<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut p) = pipe {
            // A read error just truncates what we report; the test compares it.
            let _ = p.read_to_end(&mut buf);
        }
        let _ = tx.send(buf);
    });
    rx
}

/// True once `pid` has terminated, leaving it as a zombie for `wait`.
fn exited_unreaped(pid: libc::pid_t) -> io::Result<bool> {
    // SAFETY: siginfo_t is plain data; waitid only writes into it.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    let flags = libc::WEXITED | libc::WNOHANG | libc::WNOWAIT;
    // SAFETY: valid pointer to a local siginfo_t.
    let rc = unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, flags) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: with WNOHANG, si_pid stays 0 until the child has changed state.
    Ok(unsafe { info.si_pid() } != 0)
}

/// Gives the child default signal dispositions. Ignored signals survive
/// exec, and a test harness started as a background job ignores SIGINT and
/// SIGQUIT, which would change what trap and signal-status tests see.
fn default_signals() -> io::Result<()> {
    // 1..32 are the classic signals on every Unix; the rest need no reset.
    for sig in 1..32 {
        if sig != libc::SIGKILL && sig != libc::SIGSTOP {
            // SAFETY: setting a default disposition has no memory effects.
            unsafe {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
    }
    Ok(())
}

fn kill_group(pgid: libc::pid_t) {
    // SAFETY: plain syscall; failure (group already gone) is fine.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

/// Exit code, or 128 + signal like `$?` in a shell.
fn shell_status(st: ExitStatus) -> i32 {
    match (st.code(), st.signal()) {
        (Some(code), _) => code,
        (None, Some(sig)) => 128 + sig,
        (None, None) => -1,
    }
}
