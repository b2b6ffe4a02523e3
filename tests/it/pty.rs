//! Driving whelk on a pseudo-terminal as a person would: [`Session::start`]
//! runs it as the leader of a new session whose controlling terminal is a
//! fresh PTY; the test types lines ([`Session::line`]), control keys
//! ([`Session::key`]), waits for text ([`Session::expect`], polling with a
//! deadline that only guards against hangs), and reads process facts from
//! /proc ([`proc_stat`], [`Session::wait_until`]).
//!
//! Every process of the session is killed when the [`Session`] is dropped,
//! even when the test fails, and its temporary directory is removed.

use std::ffi::OsStr;
use std::fs;
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nix::sys::termios::{self, LocalFlags, Termios};

use crate::support::whelk_bin;

/// How long any single wait may take before the test fails (a hang guard:
/// tests wait for events, never for fixed times).
pub const DEADLINE: Duration = Duration::from_secs(10);

/// The primary prompt every session uses (set through the environment;
/// never typed, so an echo of typed text cannot match it).
pub const PROMPT: &str = "__P__$ ";
pub const PS2: &str = "__C__> ";

pub const CTRL_C: u8 = 0x03;
pub const CTRL_D: u8 = 0x04;
pub const CTRL_Z: u8 = 0x1a;

/// One process as /proc/PID/stat describes it.
#[derive(Clone, Debug)]
pub struct ProcStat {
    pub pid: i32,
    pub comm: String,
    /// `R`, `S`, `T`, `Z`, …
    pub state: char,
    pub ppid: i32,
    pub pgrp: i32,
    pub session: i32,
    /// The foreground process group of the process's terminal.
    pub tpgid: i32,
}

pub fn proc_stat(pid: i32) -> Option<ProcStat> {
    let text = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    let comm = text.get(open + 1..close)?.to_string();
    let fields: Vec<&str> = text.get(close + 2..)?.split(' ').collect();
    let num = |i: usize| fields.get(i).and_then(|f| f.parse::<i32>().ok());
    Some(ProcStat {
        pid,
        comm,
        state: fields.first()?.chars().next()?,
        ppid: num(1)?,
        pgrp: num(2)?,
        session: num(3)?,
        tpgid: num(5)?,
    })
}

/// Every process visible in /proc.
pub fn all_procs() -> Vec<ProcStat> {
    let Ok(dir) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<i32>().ok())
        .filter_map(proc_stat)
        .collect()
}

pub fn children_of(pid: i32) -> Vec<ProcStat> {
    all_procs().into_iter().filter(|p| p.ppid == pid).collect()
}

/// A whelk (or any program) running on its own PTY.
pub struct Session {
    child: Child,
    master: Option<OwnedFd>,
    /// Kept to read the terminal's modes as the programs see them.
    slave: OwnedFd,
    output: Vec<u8>,
    /// Where the next [`Session::expect`] starts searching.
    seen: usize,
    dir: PathBuf,
}

fn temp_dir() -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("whelk-pty-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

/// Both ends of a new PTY, close-on-exec from the start: tests run on
/// several threads, and a program another test starts must not inherit
/// this terminal's master (it would keep the terminal from hanging up).
struct Pty {
    master: OwnedFd,
    slave: OwnedFd,
}

fn open_cloexec(path: &std::ffi::CStr, flags: libc::c_int) -> OwnedFd {
    use std::os::fd::FromRawFd;
    // SAFETY: open with a valid C string; the fd is owned from here on.
    let fd = unsafe { libc::open(path.as_ptr(), flags | libc::O_CLOEXEC | libc::O_NOCTTY) };
    assert!(
        fd >= 0,
        "open {path:?}: {}",
        std::io::Error::last_os_error()
    );
    // SAFETY: `fd` was just opened and nothing else owns it.
    unsafe { OwnedFd::from_raw_fd(fd) }
}

fn open_pty() -> Pty {
    let master = open_cloexec(c"/dev/ptmx", libc::O_RDWR);
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: plain calls on our master fd; ptsname_r writes at most
    // `name.len()` bytes, NUL-terminated.
    unsafe {
        assert_eq!(libc::grantpt(master.as_raw_fd()), 0, "grantpt");
        assert_eq!(libc::unlockpt(master.as_raw_fd()), 0, "unlockpt");
        assert_eq!(
            libc::ptsname_r(master.as_raw_fd(), name.as_mut_ptr(), name.len()),
            0,
            "ptsname_r"
        );
    }
    // SAFETY: ptsname_r succeeded, so `name` holds a C string.
    let path = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    let slave = open_cloexec(path, libc::O_RDWR);
    Pty { master, slave }
}

/// In the child before exec: a new session with the PTY as its
/// controlling terminal, and default signal dispositions and mask
/// (the test harness may ignore or block some).
fn become_session_leader() -> std::io::Result<()> {
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        if libc::setsid() < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
            return Err(std::io::Error::last_os_error());
        }
        for sig in 1..32 {
            if sig != libc::SIGKILL && sig != libc::SIGSTOP {
                libc::signal(sig, libc::SIG_DFL);
            }
        }
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigprocmask(libc::SIG_SETMASK, &set, std::ptr::null_mut());
    }
    Ok(())
}

impl Session {
    /// Starts whelk with `args` (`-i --norc` style) on a new PTY, with
    /// `HOME` set to a fresh temporary directory, `PS1`/`PS2` set to the
    /// markers and `TERM=dumb`. `setup` may add files or environment.
    pub fn whelk(args: &[&str], setup: impl FnOnce(&Path, &mut Command)) -> Session {
        Session::start(whelk_bin().as_os_str(), args, setup)
    }

    pub fn start(
        program: &OsStr,
        args: &[&str],
        setup: impl FnOnce(&Path, &mut Command),
    ) -> Session {
        let dir = temp_dir();
        let pty = open_pty();
        let winsize = libc::winsize {
            ws_row: 24,
            ws_col: 200,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ reads the struct we pass.
        unsafe { libc::ioctl(pty.slave.as_raw_fd(), libc::TIOCSWINSZ as _, &winsize) };
        let stdio = |fd: &OwnedFd| Stdio::from(fd.try_clone().expect("dup slave"));
        let mut cmd = Command::new(program);
        cmd.args(args)
            .stdin(stdio(&pty.slave))
            .stdout(stdio(&pty.slave))
            .stderr(stdio(&pty.slave))
            .current_dir(&dir)
            .env("HOME", &dir)
            .env("PS1", PROMPT)
            .env("PS2", PS2)
            .env("TERM", "dumb")
            .env_remove("ENV")
            .env_remove("PROMPT_COMMAND");
        setup(&dir, &mut cmd);
        // SAFETY: the hook makes only async-signal-safe system calls.
        unsafe { cmd.pre_exec(become_session_leader) };
        let child = cmd.spawn().expect("start program on the pty");
        Session {
            child,
            master: Some(pty.master),
            slave: pty.slave,
            output: Vec::new(),
            seen: 0,
            dir,
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Everything the terminal showed so far, without `\r`.
    pub fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.output).replace('\r', "")
    }

    /// Reads what is available within `wait` (nothing blocks longer).
    fn pump(&mut self, wait: Duration) -> bool {
        let Some(master) = self.master.as_ref() else {
            return false;
        };
        let mut pfd = libc::pollfd {
            fd: master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = wait.as_millis().min(1000) as libc::c_int;
        // SAFETY: one valid pollfd.
        if unsafe { libc::poll(&mut pfd, 1, ms) } <= 0 {
            return false;
        }
        let mut buf = [0u8; 4096];
        // SAFETY: reading into a local buffer from an open fd.
        let n = unsafe { libc::read(master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
        if n <= 0 {
            return false;
        }
        self.output.extend_from_slice(&buf[..n as usize]);
        true
    }

    /// Types raw bytes.
    pub fn send(&mut self, bytes: &[u8]) {
        let master = self.master.as_ref().expect("terminal still open");
        let mut rest = bytes;
        while !rest.is_empty() {
            // SAFETY: writing from a live slice to an open fd.
            let n = unsafe { libc::write(master.as_raw_fd(), rest.as_ptr().cast(), rest.len()) };
            if n <= 0 {
                let e = std::io::Error::last_os_error();
                if e.kind() == std::io::ErrorKind::Interrupted {
                    continue;
                }
                panic!("write to pty: {e}");
            }
            rest = &rest[n as usize..];
        }
    }

    /// Types a line and Enter.
    pub fn line(&mut self, text: &str) {
        self.send(text.as_bytes());
        self.send(b"\r");
    }

    /// Presses a control key (`CTRL_C`, `CTRL_Z`, `CTRL_D`).
    pub fn key(&mut self, key: u8) {
        self.send(&[key]);
    }

    /// Waits until `needle` appears after what earlier expects consumed;
    /// returns the text before it (without `\r`).
    #[track_caller]
    pub fn expect(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(at) = find(&self.output[self.seen..], needle.as_bytes()) {
                let start = self.seen;
                self.seen += at + needle.len();
                return String::from_utf8_lossy(&self.output[start..start + at]).replace('\r', "");
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting for {needle:?}; terminal showed:\n{}",
                    self.transcript()
                );
            }
            self.pump(Duration::from_millis(50));
        }
    }

    /// Waits for the next primary prompt; returns the text before it.
    #[track_caller]
    pub fn prompt(&mut self) -> String {
        self.expect(PROMPT)
    }

    /// Types a command line and returns what it printed before the next
    /// prompt (the echoed line included).
    #[track_caller]
    pub fn run(&mut self, text: &str) -> String {
        self.line(text);
        self.prompt()
    }

    /// Polls `probe` (reading the terminal meanwhile so the programs never
    /// block on output) until it gives a value.
    #[track_caller]
    pub fn wait_until<T>(&mut self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(v) = probe() {
                return v;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting until {what}; terminal showed:\n{}",
                    self.transcript()
                );
            }
            self.pump(Duration::from_millis(10));
        }
    }

    /// The terminal's modes as the programs on it see them.
    pub fn modes(&self) -> Termios {
        termios::tcgetattr(self.slave.as_fd()).expect("tcgetattr")
    }

    /// Line editing (`ICANON`) and echo are on: the shell's cooked modes.
    pub fn is_cooked(&self) -> bool {
        let flags = self.modes().local_flags;
        flags.contains(LocalFlags::ICANON) && flags.contains(LocalFlags::ECHO)
    }

    /// Closes the terminal's master side: a hang-up for everything on it.
    pub fn hang_up(&mut self) {
        self.master = None;
    }

    /// Waits for the program to exit; its raw wait status.
    #[track_caller]
    pub fn wait_exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "program did not exit; terminal showed:\n{}",
                    self.transcript()
                );
            }
            self.pump(Duration::from_millis(10));
        }
    }

    /// The processes of this session (the shell and everything it started
    /// that did not leave the session).
    pub fn members(&self) -> Vec<ProcStat> {
        let sid = self.pid();
        all_procs()
            .into_iter()
            .filter(|p| p.session == sid)
            .collect()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Kill every process of the session, the shell included; then
        // reap the shell (the others are its children or init's).
        for _ in 0..3 {
            let members = self.members();
            if members.is_empty() {
                break;
            }
            for p in members {
                // SAFETY: sending SIGKILL to a process of our own session.
                unsafe { libc::kill(p.pid, libc::SIGKILL) };
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.master = None;
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}
