//! Reading a line from a file descriptor without consuming what follows
//! it: on a seekable fd a block is read and the offset moved back to just
//! after the delimiter (bash's approach, one system call per line); on a
//! pipe or terminal bytes are read one at a time, so data meant for the
//! next command (`sh < script` running `read`) stays where it is.

use std::io;
use std::os::fd::RawFd;

use super::fd::read_fd;

/// Reads up to and including `delim` (or `max` bytes, or end of input).
/// Returns the bytes and whether end of input was reached before `delim`.
pub fn read_until(fd: RawFd, delim: u8, max: Option<usize>) -> io::Result<(Vec<u8>, bool)> {
    let mut out = Vec::new();
    // SAFETY: lseek on an fd has no memory effects; ESPIPE means a pipe.
    let seekable = unsafe { libc::lseek(fd, 0, libc::SEEK_CUR) } >= 0;
    let limit = max.unwrap_or(usize::MAX);
    if seekable {
        let mut buf = vec![0u8; 4096];
        while out.len() < limit {
            let want = buf.len().min(limit - out.len());
            let n = match read_fd(fd, &mut buf[..want]) {
                Ok(0) => return Ok((out, true)),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if let Some(i) = buf[..n].iter().position(|&b| b == delim) {
                out.extend_from_slice(&buf[..=i]);
                let back = (n - i - 1) as libc::off_t;
                // SAFETY: as above; moves the offset back over unused bytes.
                unsafe { libc::lseek(fd, -back, libc::SEEK_CUR) };
                return Ok((out, false));
            }
            out.extend_from_slice(&buf[..n]);
        }
        return Ok((out, false));
    }
    let mut byte = [0u8; 1];
    while out.len() < limit {
        match read_fd(fd, &mut byte) {
            Ok(0) => return Ok((out, true)),
            Ok(_) => {
                out.push(byte[0]);
                if byte[0] == delim {
                    return Ok((out, false));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok((out, false))
}
