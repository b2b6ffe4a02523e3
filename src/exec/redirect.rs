//! Redirections (XCU 2.7), applied in the shell process: each target fd
//! is first saved (duplicated to fd >= 10 with close-on-exec) so that
//! [`SavedFds`] can restore it when dropped. External commands inherit the
//! redirected fds through spawn; builtins and functions see them directly.
//!
//! Errors are reported as `whelk: FILE:LINE:COL: NAME: reason` and fail
//! only the command (status 1).

use std::io;
use std::os::fd::{AsRawFd, IntoRawFd, OwnedFd, RawFd};

use crate::shell::Shell;
use crate::syntax::ast::{Redirect, RedirectFd, RedirectOp, RedirectTarget};
use crate::sys::fd;

/// Here-documents up to this size go through a pipe (the kernel's pipe
/// buffer holds them without a reader); larger ones through a temp file.
const PIPE_LIMIT: usize = 65536;

/// File descriptors to put back, in reverse order of redirection.
#[derive(Default)]
pub struct SavedFds {
    /// (fd, its saved copy; `None` if it was closed before).
    saved: Vec<(RawFd, Option<OwnedFd>)>,
}

impl SavedFds {
    /// Keeps the redirections (`exec >file`).
    pub fn forget(mut self) {
        self.saved.clear();
    }

    fn save(&mut self, target: RawFd) {
        if self.saved.iter().any(|(fd, _)| *fd == target) {
            return;
        }
        let copy = if fd::is_valid_fd(target) {
            fd::dup_high_cloexec(target, 10).ok()
        } else {
            None
        };
        self.saved.push((target, copy));
    }
}

impl Drop for SavedFds {
    fn drop(&mut self) {
        for (target, copy) in self.saved.drain(..).rev() {
            match copy {
                Some(copy) => {
                    let _ = fd::dup2(copy.as_raw_fd(), target);
                }
                None => {
                    let _ = fd::close(target);
                }
            }
        }
    }
}

/// Why a redirection failed: the name to show and the reason.
struct RedirectError {
    name: Vec<u8>,
    reason: String,
}

impl RedirectError {
    fn io(name: &[u8], e: io::Error) -> RedirectError {
        RedirectError {
            name: name.to_vec(),
            reason: describe_io_error(&e),
        }
    }
}

/// The reason text bash prints for an errno.
pub fn describe_io_error(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => {
            let text = nix::errno::Errno::from_raw(code).desc();
            text.to_string()
        }
        None => e.to_string(),
    }
}

impl Shell {
    /// Applies redirections in order; on failure restores what was done,
    /// reports, and returns the status (1).
    pub(crate) fn apply_redirects(&mut self, redirects: &[Redirect]) -> Result<SavedFds, i32> {
        let mut saved = SavedFds::default();
        for r in redirects {
            if let Err(e) = self.apply_one(r, &mut saved) {
                drop(saved);
                let mut message = e.name;
                message.extend_from_slice(b": ");
                message.extend_from_slice(e.reason.as_bytes());
                self.report_at(r.span, &message);
                return Err(1);
            }
        }
        Ok(saved)
    }

    fn apply_one(&mut self, r: &Redirect, saved: &mut SavedFds) -> Result<(), RedirectError> {
        let default_fd = match r.op {
            RedirectOp::Input
            | RedirectOp::DupInput
            | RedirectOp::ReadWrite
            | RedirectOp::HereDoc
            | RedirectOp::HereString => 0,
            _ => 1,
        };
        let target_text = match &r.target {
            RedirectTarget::Word(w) if r.op == RedirectOp::HereString => {
                Some(self.expand_string(w).map_err(|e| RedirectError {
                    name: Vec::new(),
                    reason: String::from_utf8_lossy(&e.message).into_owned(),
                })?)
            }
            RedirectTarget::Word(w) => Some(self.redirect_word(w)?),
            RedirectTarget::HereDoc(_) => None,
        };
        let source: OwnedFd = match (r.op, &r.target) {
            (RedirectOp::HereDoc, RedirectTarget::HereDoc(doc)) => {
                let body = match doc.body.get() {
                    Some(word) if doc.quoted => word
                        .as_literal()
                        .map(<[u8]>::to_vec)
                        .unwrap_or_else(|| quoted_text(word)),
                    Some(word) => self.expand_quoted(word).map_err(|e| RedirectError {
                        name: Vec::new(),
                        reason: String::from_utf8_lossy(&e.message).into_owned(),
                    })?,
                    None => Vec::new(),
                };
                data_fd(&body).map_err(|e| RedirectError::io(b"here-document", e))?
            }
            (RedirectOp::HereString, _) => {
                let mut text = target_text.unwrap_or_default();
                text.push(b'\n');
                data_fd(&text).map_err(|e| RedirectError::io(b"here-string", e))?
            }
            (RedirectOp::DupInput | RedirectOp::DupOutput, _) => {
                let text = target_text.unwrap_or_default();
                return self.duplicate(r, default_fd, &text, saved);
            }
            (op, _) => {
                let path = target_text.unwrap_or_default();
                self.open_for(op, &path)?
            }
        };
        // Keep our own fd out of the user's range (0-9), so that opening
        // `3<file` while fd 3 is closed cannot hand us fd 3 itself.
        let source = if source.as_raw_fd() < 10 {
            let high = fd::dup_high_cloexec(source.as_raw_fd(), 10)
                .map_err(|e| RedirectError::io(b"", e))?;
            drop(source);
            high
        } else {
            source
        };
        let targets: &[RawFd] = match r.op {
            RedirectOp::OutputBoth | RedirectOp::AppendBoth => &[1, 2],
            _ => &[default_fd],
        };
        match &r.fd {
            RedirectFd::Variable(name) => {
                // `{name}>file`: the fd stays open, its number in `name`.
                let high = fd::dup_high_cloexec(source.as_raw_fd(), 10)
                    .map_err(|e| RedirectError::io(name, e))?;
                let _ = fd::set_cloexec(high.as_raw_fd(), false);
                let number = high.into_raw_fd();
                let _ = self.vars.set(name, number.to_string().into_bytes());
            }
            RedirectFd::Number(n) => {
                saved.save(*n);
                fd::dup2(source.as_raw_fd(), *n).map_err(|e| RedirectError::io(b"", e))?;
            }
            RedirectFd::Default => {
                for &t in targets {
                    saved.save(t);
                    fd::dup2(source.as_raw_fd(), t).map_err(|e| RedirectError::io(b"", e))?;
                }
            }
        }
        Ok(())
    }

    /// The target word: expanded, and it must be exactly one field.
    fn redirect_word(&mut self, w: &crate::syntax::ast::Word) -> Result<Vec<u8>, RedirectError> {
        let mut fields = Vec::new();
        if let Err(e) = self.expand_word_into(w, &mut fields) {
            return Err(RedirectError {
                name: Vec::new(),
                reason: String::from_utf8_lossy(&e.message).into_owned(),
            });
        }
        if fields.len() != 1 {
            let raw = self.source_text(w.span);
            return Err(RedirectError {
                name: raw,
                reason: "ambiguous redirect".into(),
            });
        }
        Ok(fields.pop().unwrap_or_default())
    }

    /// The source text of a span (for messages).
    pub(crate) fn source_text(&self, span: crate::syntax::Span) -> Vec<u8> {
        let (s, e) = (span.start as usize, span.end as usize);
        self.source
            .text
            .get(s..e)
            .map(<[u8]>::to_vec)
            .unwrap_or_default()
    }

    fn open_for(&mut self, op: RedirectOp, path: &[u8]) -> Result<OwnedFd, RedirectError> {
        use libc::{O_APPEND, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY};
        let flags = match op {
            RedirectOp::Input => O_RDONLY,
            RedirectOp::ReadWrite => O_RDWR | O_CREAT,
            RedirectOp::Append | RedirectOp::AppendBoth => O_WRONLY | O_CREAT | O_APPEND,
            RedirectOp::Output | RedirectOp::OutputBoth if self.opts.noclobber() => {
                // noclobber: refuse to truncate an existing regular file.
                match std::fs::metadata(std::ffi::OsStr::from_bytes_compat(path)) {
                    Ok(m) if m.is_file() => {
                        return Err(RedirectError {
                            name: path.to_vec(),
                            reason: "cannot overwrite existing file".into(),
                        })
                    }
                    Ok(_) => O_WRONLY | O_CREAT | O_TRUNC,
                    Err(_) => O_WRONLY | O_CREAT | O_EXCL,
                }
            }
            _ => O_WRONLY | O_CREAT | O_TRUNC,
        };
        if path.is_empty() {
            return Err(RedirectError {
                name: Vec::new(),
                reason: "No such file or directory".into(),
            });
        }
        fd::open(path, flags, 0o666).map_err(|e| RedirectError::io(path, e))
    }

    /// `<&n`, `>&n`, `>&-`, `n>&m-`, and `>&file` (bash's `&>file`).
    fn duplicate(
        &mut self,
        r: &Redirect,
        default_fd: RawFd,
        text: &[u8],
        saved: &mut SavedFds,
    ) -> Result<(), RedirectError> {
        let target = match &r.fd {
            RedirectFd::Number(n) => *n,
            RedirectFd::Variable(name) if text == b"-" => {
                // `{var}>&-` closes the fd whose number is in var.
                let value = self
                    .vars
                    .get(name)
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                match std::str::from_utf8(&value)
                    .ok()
                    .and_then(|s| s.parse::<RawFd>().ok())
                {
                    Some(fd_number) => {
                        let _ = fd::close(fd_number);
                        return Ok(());
                    }
                    None => {
                        return Err(RedirectError {
                            name: value,
                            reason: "ambiguous redirect".into(),
                        })
                    }
                }
            }
            RedirectFd::Variable(_) | RedirectFd::Default => default_fd,
        };
        if text == b"-" {
            saved.save(target);
            let _ = fd::close(target);
            return Ok(());
        }
        let (digits, moving) = match text.strip_suffix(b"-") {
            Some(d) => (d, true),
            None => (text, false),
        };
        let number = std::str::from_utf8(digits)
            .ok()
            .and_then(|s| s.parse::<RawFd>().ok());
        let Some(source) = number.filter(|_| !digits.is_empty()) else {
            if r.op == RedirectOp::DupOutput && r.fd == RedirectFd::Default {
                let file = self.open_for(RedirectOp::Output, text)?;
                for t in [1, 2] {
                    saved.save(t);
                    fd::dup2(file.as_raw_fd(), t).map_err(|e| RedirectError::io(b"", e))?;
                }
                return Ok(());
            }
            return Err(RedirectError {
                name: text.to_vec(),
                reason: "ambiguous redirect".into(),
            });
        };
        if !fd::is_valid_fd(source) {
            return Err(RedirectError {
                name: digits.to_vec(),
                reason: "Bad file descriptor".into(),
            });
        }
        if source == target {
            return Ok(());
        }
        saved.save(target);
        fd::dup2(source, target).map_err(|e| RedirectError::io(digits, e))?;
        if moving {
            saved.save(source);
            let _ = fd::close(source);
        }
        Ok(())
    }
}

/// A readable fd that yields `data`: a pipe when it fits the pipe buffer,
/// otherwise an unlinked temp file (mode 0600, created with O_EXCL).
pub fn data_fd(data: &[u8]) -> io::Result<OwnedFd> {
    if data.len() <= PIPE_LIMIT {
        let (read, write) = fd::pipe_cloexec()?;
        fd::write_all_fd(write.as_raw_fd(), data)?;
        drop(write);
        return Ok(read);
    }
    let dir = std::env::var_os("TMPDIR").unwrap_or_else(|| "/tmp".into());
    for attempt in 0..100u32 {
        let mut path = std::path::PathBuf::from(&dir);
        path.push(format!("whelk-heredoc-{}-{attempt}", std::process::id()));
        let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
        match fd::open(&bytes, libc::O_RDWR | libc::O_CREAT | libc::O_EXCL, 0o600) {
            Ok(file) => {
                let _ = std::fs::remove_file(&path);
                fd::write_all_fd(file.as_raw_fd(), data)?;
                // SAFETY: lseek on an fd we own; no memory is involved.
                unsafe { libc::lseek(file.as_raw_fd(), 0, libc::SEEK_SET) };
                return Ok(file);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::from(io::ErrorKind::AlreadyExists))
}

/// The text of a quoted here-document body.
fn quoted_text(word: &crate::syntax::ast::Word) -> Vec<u8> {
    use crate::syntax::ast::PartKind;
    let mut out = Vec::new();
    for part in &word.parts {
        if let PartKind::Quoted(t) | PartKind::Literal(t) = &part.kind {
            out.extend_from_slice(t);
        }
    }
    out
}

/// `OsStr` from bytes without a UTF-8 round trip.
trait FromBytesCompat {
    fn from_bytes_compat(b: &[u8]) -> &Self;
}

impl FromBytesCompat for std::ffi::OsStr {
    fn from_bytes_compat(b: &[u8]) -> &std::ffi::OsStr {
        std::os::unix::ffi::OsStrExt::from_bytes(b)
    }
}
