//! Prompt strings: bash's backslash escapes (`\u \h \w \$ \t …`), then
//! parameter expansion and command substitution (`promptvars`).
//! Used for PS1/PS2/PS4 and `${x@P}`.

use std::os::unix::ffi::OsStrExt;

use crate::shell::Shell;
use crate::syntax::{self, ParseOptions};

impl Shell {
    /// Expands a prompt string as bash does.
    pub fn expand_prompt_string(&mut self, text: &[u8]) -> Vec<u8> {
        self.expand_prompt_inner(text, false)
    }

    /// Like [`Shell::expand_prompt_string`], but `\[` and `\]` become
    /// the bytes 0x01 and 0x02 (readline's markers) so the line editor
    /// can leave the text between them out of the prompt's width.
    pub fn expand_prompt_marked(&mut self, text: &[u8]) -> Vec<u8> {
        self.expand_prompt_inner(text, true)
    }

    fn expand_prompt_inner(&mut self, text: &[u8], markers: bool) -> Vec<u8> {
        let escaped = self.prompt_escapes(text, markers);
        if !self.opts.shopt("promptvars").unwrap_or(true) {
            return escaped;
        }
        // Parse the text as the inside of double quotes and expand it.
        let mut quoted = b"\"".to_vec();
        for &b in &escaped {
            if b == b'"' {
                quoted.push(b'\\');
            }
            quoted.push(b);
        }
        quoted.push(b'"');
        let opts = ParseOptions {
            final_input: true,
            ..Default::default()
        };
        let mut parser = syntax::Parser::new(&quoted, opts);
        let Ok(Some(program)) = parser.next_complete_command() else {
            return escaped;
        };
        let word = program
            .items
            .first()
            .and_then(|i| i.and_or.first.commands.first())
            .and_then(|c| match c {
                syntax::ast::Command::Simple(s) => s.words.first().cloned(),
                _ => None,
            });
        let status = self.last_status;
        let result = match word {
            Some(w) => self.expand_string(&w).unwrap_or(escaped),
            None => escaped,
        };
        self.last_status = status;
        result
    }

    fn prompt_escapes(&mut self, text: &[u8], markers: bool) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len());
        let mut i = 0;
        while i < text.len() {
            let b = text[i];
            i += 1;
            if b != b'\\' || i >= text.len() {
                out.push(b);
                continue;
            }
            let c = text[i];
            i += 1;
            match c {
                b'u' => out.extend(self.user_name()),
                b'h' | b'H' => {
                    let host = nix::unistd::gethostname()
                        .map(|h| h.as_bytes().to_vec())
                        .unwrap_or_default();
                    let host = if c == b'h' {
                        host.split(|&b| b == b'.')
                            .next()
                            .unwrap_or_default()
                            .to_vec()
                    } else {
                        host
                    };
                    out.extend(host);
                }
                b'w' | b'W' => out.extend(self.prompt_dir(c == b'W')),
                b'$' => out.push(if nix::unistd::geteuid().is_root() {
                    b'#'
                } else {
                    b'$'
                }),
                b't' => out.extend(strftime(b"%H:%M:%S")),
                b'T' => out.extend(strftime(b"%I:%M:%S")),
                b'@' => out.extend(strftime(b"%I:%M %p")),
                b'A' => out.extend(strftime(b"%H:%M")),
                b'd' => out.extend(strftime(b"%a %b %d")),
                b'D' if text.get(i) == Some(&b'{') => {
                    let end = text[i..].iter().position(|&b| b == b'}').map(|n| i + n);
                    if let Some(end) = end {
                        let fmt = &text[i + 1..end];
                        out.extend(strftime(if fmt.is_empty() { b"%X" } else { fmt }));
                        i = end + 1;
                    }
                }
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b'a' => out.push(0x07),
                b'e' => out.push(0x1b),
                b's' => {
                    let name = self.arg0.rsplit(|&b| b == b'/').next().unwrap_or_default();
                    out.extend_from_slice(name.strip_prefix(b"-").unwrap_or(name));
                }
                b'v' => out.extend_from_slice(b"0.1"),
                b'V' => out.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes()),
                b'j' => out.extend(self.jobs.len().to_string().into_bytes()),
                b'!' => out.extend(self.history_number.to_string().into_bytes()),
                b'#' => out.extend(self.command_number.to_string().into_bytes()),
                b'\\' => out.push(b'\\'),
                // Non-printing markers: kept as 0x01/0x02 for the line
                // editor, removed otherwise.
                b'[' if markers => out.push(0x01),
                b']' if markers => out.push(0x02),
                b'[' | b']' => {}
                b'0'..=b'7' => {
                    let (v, used) = crate::syntax::word::radix_digits(&text[i - 1..], 8, 3);
                    out.push(v as u8);
                    i += used - 1;
                }
                other => {
                    out.push(b'\\');
                    out.push(other);
                }
            }
        }
        out
    }

    fn user_name(&mut self) -> Vec<u8> {
        crate::sys::users::by_uid(nix::unistd::geteuid().as_raw())
            .map(|u| u.name)
            .unwrap_or_default()
    }

    /// `\w` (with `~` for HOME) or `\W` (the last component).
    fn prompt_dir(&mut self, basename: bool) -> Vec<u8> {
        let pwd = self
            .vars
            .get(b"PWD")
            .map(|v| v.into_owned())
            .unwrap_or_else(|| {
                std::env::current_dir()
                    .map(|p| p.as_os_str().as_bytes().to_vec())
                    .unwrap_or_default()
            });
        let home = self
            .vars
            .get(b"HOME")
            .map(|v| v.into_owned())
            .unwrap_or_default();
        if !home.is_empty() && pwd == home {
            return b"~".to_vec();
        }
        if basename {
            if pwd == b"/" {
                return pwd;
            }
            return pwd
                .rsplit(|&b| b == b'/')
                .next()
                .unwrap_or_default()
                .to_vec();
        }
        if !home.is_empty() && pwd.starts_with(&home) && pwd.get(home.len()) == Some(&b'/') {
            let mut out = b"~".to_vec();
            out.extend_from_slice(&pwd[home.len()..]);
            return out;
        }
        pwd
    }
}

/// The local time formatted by the C library's strftime.
pub fn strftime(format: &[u8]) -> Vec<u8> {
    let Ok(fmt) = std::ffi::CString::new(format) else {
        return Vec::new();
    };
    let mut buf = vec![0u8; 256];
    // SAFETY: time/localtime_r fill a tm we own; strftime writes at most
    // buf.len() bytes into our buffer and returns how many it wrote.
    let n = unsafe {
        let now = libc::time(std::ptr::null_mut());
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&now, &mut tm);
        libc::strftime(buf.as_mut_ptr().cast(), buf.len(), fmt.as_ptr(), &tm)
    };
    buf.truncate(n);
    buf
}
