//! Small safe wrappers over file-descriptor system calls.
//!
//! Owns: creating pipes and fds with `FD_CLOEXEC` set (so the shell's own fds
//! never leak into commands), moving fds to high numbers, and the
//! never-lose-a-byte write loop every builtin's output goes through.
//! Must not: buffer anything, or run between fork and exec (the child path in
//! `sys::spawn` calls libc directly).
//! Main entry points: [`write_all_fd`], [`pipe_cloexec`], [`dup_high_cloexec`].

use std::ffi::CString;
use std::io;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};

use nix::errno::Errno;

/// The lowest fd the shell uses for its own saved or internal fds; users own
/// 0–9 (POSIX 2.7 only promises single-digit redirections).
pub const FIRST_SHELL_FD: RawFd = 10;

fn last_error() -> io::Error {
    io::Error::last_os_error()
}

/// Creates a pipe whose both ends are close-on-exec: `(read, write)`.
pub fn pipe_cloexec() -> io::Result<(OwnedFd, OwnedFd)> {
    let mut fds = [-1; 2];
    // SAFETY: `fds` is a valid array of two c_ints for pipe2 to fill.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } == -1 {
        return Err(last_error());
    }
    // SAFETY: pipe2 succeeded, so both fds are open and owned by nobody else.
    Ok(unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) })
}

/// Duplicates `fd` to the lowest free fd `>= min`, close-on-exec
/// (`F_DUPFD_CLOEXEC`), so saved fds and internal pipes stay out of the user's
/// 0–9 and out of every command.
pub fn dup_high_cloexec(fd: RawFd, min: RawFd) -> io::Result<OwnedFd> {
    // SAFETY: fcntl with F_DUPFD_CLOEXEC takes an int argument and touches no memory.
    let new = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, min) };
    if new == -1 {
        return Err(last_error());
    }
    // SAFETY: fcntl returned a fresh fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(new) })
}

/// `dup2(from, to)`, retrying `EINTR`/`EBUSY` (Linux returns `EBUSY` when it
/// races an `open` on `to`). The new fd is inheritable. Note: when
/// `from == to` this does nothing and leaves `FD_CLOEXEC` as it was; use
/// [`set_cloexec`]`(fd, false)` to make such an fd inheritable.
pub fn dup2(from: RawFd, to: RawFd) -> io::Result<()> {
    loop {
        // SAFETY: dup2 only manipulates the fd table.
        if unsafe { libc::dup2(from, to) } != -1 {
            return Ok(());
        }
        match Errno::last() {
            Errno::EINTR | Errno::EBUSY => continue,
            e => return Err(e.into()),
        }
    }
}

/// Closes `fd`. `EINTR` is not retried: on Linux the fd is already closed
/// then, and a retry could close an fd another open just reused.
pub fn close(fd: RawFd) -> io::Result<()> {
    // SAFETY: closing an fd touches no memory; callers own `fd` or accept that
    // it is gone afterwards.
    if unsafe { libc::close(fd) } == -1 && Errno::last() != Errno::EINTR {
        return Err(last_error());
    }
    Ok(())
}

/// Sets (`on = true`) or clears `FD_CLOEXEC` on `fd`.
pub fn set_cloexec(fd: RawFd, on: bool) -> io::Result<()> {
    // SAFETY: F_GETFD/F_SETFD take and return plain ints.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags == -1 {
        return Err(last_error());
    }
    let new = if on {
        flags | libc::FD_CLOEXEC
    } else {
        flags & !libc::FD_CLOEXEC
    };
    // SAFETY: as above.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFD, new) } == -1 {
        return Err(last_error());
    }
    Ok(())
}

/// Sets or clears `O_NONBLOCK` on the open file description behind `fd`.
pub fn set_nonblocking(fd: RawFd, on: bool) -> io::Result<()> {
    // SAFETY: F_GETFL/F_SETFL take and return plain ints.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags == -1 {
        return Err(last_error());
    }
    let new = if on {
        flags | libc::O_NONBLOCK
    } else {
        flags & !libc::O_NONBLOCK
    };
    // SAFETY: as above.
    if new != flags && unsafe { libc::fcntl(fd, libc::F_SETFL, new) } == -1 {
        return Err(last_error());
    }
    Ok(())
}

/// Is `fd` an open file descriptor?
pub fn is_valid_fd(fd: RawFd) -> bool {
    // SAFETY: F_GETFD only queries the fd table.
    fd >= 0 && unsafe { libc::fcntl(fd, libc::F_GETFD) } != -1
}

/// Blocks until `fd` has one of `events` (or an error/hangup), retrying
/// `EINTR`.
fn wait_for(fd: RawFd, events: libc::c_short) -> io::Result<()> {
    let mut pfd = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    loop {
        // SAFETY: `pfd` is one valid pollfd for the duration of the call.
        if unsafe { libc::poll(&mut pfd, 1, -1) } != -1 {
            return Ok(());
        }
        if Errno::last() != Errno::EINTR {
            return Err(last_error());
        }
    }
}

/// Writes all of `bytes` to `fd`. Retries `EINTR`; on `EAGAIN` (someone made
/// the fd non-blocking, as CI runners do to stdout) waits with `poll` for
/// `POLLOUT` and continues, so no byte is ever lost. Other errors (`EPIPE`,
/// `ENOSPC`, `EBADF`) are returned once; the bytes before them were written.
pub fn write_all_fd(fd: RawFd, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe the live slice `bytes`.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n >= 0 {
            if n == 0 {
                return Err(io::ErrorKind::WriteZero.into());
            }
            bytes = bytes.get(n as usize..).unwrap_or_default();
            continue;
        }
        match Errno::last() {
            Errno::EINTR => {}
            Errno::EAGAIN => wait_for(fd, libc::POLLOUT)?,
            e => return Err(e.into()),
        }
    }
    Ok(())
}

/// Reads up to `buf.len()` bytes from `fd`; `Ok(0)` is end of file. Retries
/// `EINTR`, and on `EAGAIN` (a non-blocking fd shared with another process)
/// waits for `POLLIN`, so callers see blocking semantics.
pub fn read_fd(fd: RawFd, buf: &mut [u8]) -> io::Result<usize> {
    loop {
        // SAFETY: the pointer and length describe the live mutable slice `buf`.
        let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
        if n >= 0 {
            return Ok(n as usize);
        }
        match Errno::last() {
            Errno::EINTR => {}
            Errno::EAGAIN => wait_for(fd, libc::POLLIN)?,
            e => return Err(e.into()),
        }
    }
}

/// Opens `path` (bytes, need not be UTF-8) with `flags | O_CLOEXEC` and
/// `mode` (used with `O_CREAT`). `EINTR` (a FIFO open interrupted by a
/// signal) is returned, not retried, so the caller can act on the signal.
pub fn open(path: &[u8], flags: libc::c_int, mode: libc::mode_t) -> io::Result<OwnedFd> {
    let path = CString::new(path).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))?;
    // SAFETY: `path` is a valid NUL-terminated string; mode is passed as the
    // variadic unsigned int open expects.
    let fd = unsafe {
        libc::open(
            path.as_ptr(),
            flags | libc::O_CLOEXEC,
            libc::c_uint::from(mode),
        )
    };
    if fd == -1 {
        return Err(last_error());
    }
    // SAFETY: open returned a fresh fd that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::AsRawFd;

    fn is_cloexec(fd: RawFd) -> bool {
        // SAFETY: F_GETFD only queries.
        let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
        flags != -1 && flags & libc::FD_CLOEXEC != 0
    }

    #[test]
    fn pipe_ends_are_cloexec_and_connected() {
        let (r, w) = pipe_cloexec().unwrap();
        assert!(is_cloexec(r.as_raw_fd()) && is_cloexec(w.as_raw_fd()));
        write_all_fd(w.as_raw_fd(), b"hello").unwrap();
        drop(w);
        let mut buf = [0u8; 16];
        let n = read_fd(r.as_raw_fd(), &mut buf).unwrap();
        assert_eq!(&buf[..n], b"hello");
        assert_eq!(read_fd(r.as_raw_fd(), &mut buf).unwrap(), 0);
    }

    #[test]
    fn dup_high_lands_at_or_above_min_with_cloexec() {
        let (r, _w) = pipe_cloexec().unwrap();
        let high = dup_high_cloexec(r.as_raw_fd(), 50).unwrap();
        assert!(high.as_raw_fd() >= 50);
        assert!(is_cloexec(high.as_raw_fd()));
    }

    #[test]
    fn set_cloexec_toggles_the_flag() {
        let (r, _w) = pipe_cloexec().unwrap();
        set_cloexec(r.as_raw_fd(), false).unwrap();
        assert!(!is_cloexec(r.as_raw_fd()));
        set_cloexec(r.as_raw_fd(), true).unwrap();
        assert!(is_cloexec(r.as_raw_fd()));
    }

    #[test]
    fn dup2_makes_an_inheritable_copy() {
        let (r, w) = pipe_cloexec().unwrap();
        let target = dup_high_cloexec(r.as_raw_fd(), 60).unwrap();
        let t = target.as_raw_fd();
        dup2(w.as_raw_fd(), t).unwrap();
        assert!(!is_cloexec(t));
        write_all_fd(t, b"x").unwrap();
        let mut buf = [0u8; 1];
        assert_eq!(read_fd(r.as_raw_fd(), &mut buf).unwrap(), 1);
    }

    #[test]
    fn close_and_validity() {
        let (r, w) = pipe_cloexec().unwrap();
        let raw = dup_high_cloexec(r.as_raw_fd(), 70).unwrap();
        let fd = std::os::fd::IntoRawFd::into_raw_fd(raw);
        assert!(is_valid_fd(fd));
        close(fd).unwrap();
        assert!(!is_valid_fd(fd));
        assert!(!is_valid_fd(-1));
        assert!(close(fd).is_err());
        drop((r, w));
    }

    #[test]
    fn write_all_survives_eagain_on_a_nonblocking_pipe() {
        // More than a pipe buffer (64 KiB) through a non-blocking write end:
        // the writer must poll, not drop bytes, while a reader drains it.
        let (r, w) = pipe_cloexec().unwrap();
        set_nonblocking(w.as_raw_fd(), true).unwrap();
        let data: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let expected = data.clone();
        let reader = std::thread::spawn(move || {
            let mut got = Vec::new();
            let mut buf = [0u8; 8192];
            loop {
                let n = read_fd(r.as_raw_fd(), &mut buf).unwrap();
                if n == 0 {
                    break got;
                }
                got.extend_from_slice(&buf[..n]);
            }
        });
        write_all_fd(w.as_raw_fd(), &data).unwrap();
        drop(w);
        assert_eq!(reader.join().unwrap(), expected);
    }

    #[test]
    fn write_to_a_closed_pipe_is_an_error_not_a_loop() {
        // Other tests may have run signals::init (SIGPIPE default): ignore
        // it for this write, under the lock that serialises dispositions.
        let _guard = crate::sys::spawn::test_serial();
        crate::sys::signals::ignore(libc::SIGPIPE).unwrap();
        let (r, w) = pipe_cloexec().unwrap();
        drop(r);
        let err = write_all_fd(w.as_raw_fd(), b"data").unwrap_err();
        crate::sys::signals::default(libc::SIGPIPE).unwrap();
        assert_eq!(err.raw_os_error(), Some(libc::EPIPE));
    }

    #[test]
    fn open_creates_with_cloexec_and_accepts_non_utf8_names() {
        let dir = std::env::temp_dir();
        let mut path = dir.into_os_string().into_encoded_bytes();
        path.extend_from_slice(format!("/whelk-fd-test-{}-", std::process::id()).as_bytes());
        path.push(0xff); // invalid UTF-8 byte in the name
        let fd = open(&path, libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC, 0o600).unwrap();
        assert!(is_cloexec(fd.as_raw_fd()));
        write_all_fd(fd.as_raw_fd(), b"abc").unwrap();
        drop(fd);
        let fd = open(&path, libc::O_RDONLY, 0).unwrap();
        let mut buf = [0u8; 8];
        assert_eq!(read_fd(fd.as_raw_fd(), &mut buf).unwrap(), 3);
        let c = CString::new(path).unwrap();
        // SAFETY: valid C string.
        unsafe { libc::unlink(c.as_ptr()) };
    }

    #[test]
    fn open_reports_missing_files_and_nul_bytes() {
        let err = open(b"/nonexistent/whelk/x", libc::O_RDONLY, 0).unwrap_err();
        assert_eq!(err.raw_os_error(), Some(libc::ENOENT));
        let err = open(b"a\0b", libc::O_RDONLY, 0).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    }
}
