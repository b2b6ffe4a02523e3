//! The `history` builtin: `history [N]`, `-c`, `-d OFFSET` (also `-N`
//! and `START-END`), `-a`/`-n`/`-r`/`-w [FILE]`, `-p ARG…`, `-s ARG…`.
//! Entry point: [`history`].
//!
//! Entries reach `$HISTFILE` as they are entered, so `-a` without a file
//! has nothing left to do.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use super::histexpand::{self, Events};
use super::history::{Control, Entry};
use super::history_file;
use crate::builtins::{error, out};
use crate::exec::Status;
use crate::shell::Shell;

const USAGE: &[u8] =
    b"usage: history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]";

/// What one invocation asks for.
#[derive(Default)]
struct Request {
    clear: bool,
    delete: Option<Vec<u8>>,
    file_op: Option<u8>,
    expand: bool,
    store: bool,
    args: Vec<Vec<u8>>,
}

pub fn history(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let req = match parse_args(shell, argv) {
        Ok(r) => r,
        Err(status) => return Ok(status),
    };
    if req.clear {
        shell.history.borrow_mut().clear();
    }
    if let Some(spec) = &req.delete {
        return Ok(delete(shell, spec));
    }
    if req.expand {
        return Ok(print_expansions(shell, &req.args));
    }
    if req.store {
        store(shell, &req.args);
        return Ok(0);
    }
    if let Some(op) = req.file_op {
        return Ok(file_operation(shell, op, req.args.first()));
    }
    if req.clear {
        return Ok(0);
    }
    list(shell, &req.args)
}

fn parse_args(shell: &mut Shell, argv: &[Vec<u8>]) -> Result<Request, i32> {
    let mut req = Request::default();
    let mut i = 1;
    while let Some(arg) = argv.get(i) {
        if arg == b"--" {
            i += 1;
            break;
        }
        // `-5` is an offset for -d, not an option, only after -d.
        if arg.len() < 2 || arg[0] != b'-' || req.expand || req.store {
            break;
        }
        let mut j = 1;
        while j < arg.len() {
            match arg[j] {
                b'c' => req.clear = true,
                b'd' => {
                    let rest = &arg[j + 1..];
                    let value = if rest.is_empty() {
                        i += 1;
                        argv.get(i).cloned()
                    } else {
                        Some(rest.to_vec())
                    };
                    let Some(value) = value else {
                        error(shell, b"history", b"-d: option requires an argument");
                        return Err(2);
                    };
                    req.delete = Some(value);
                    break;
                }
                c @ (b'a' | b'n' | b'r' | b'w') => req.file_op = Some(c),
                b'p' => req.expand = true,
                b's' => req.store = true,
                other => {
                    let mut m = vec![b'-', other];
                    m.extend_from_slice(b": invalid option");
                    error(shell, b"history", &m);
                    let _ = crate::sys::fd::write_all_fd(2, &[b"history: ", USAGE, b"\n"].concat());
                    return Err(2);
                }
            }
            j += 1;
        }
        i += 1;
    }
    req.args = argv[i.min(argv.len())..].to_vec();
    Ok(req)
}

/// `history [N]`: the last N entries (all without N).
fn list(shell: &mut Shell, args: &[Vec<u8>]) -> Status {
    if args.len() > 1 {
        error(shell, b"history", b"too many arguments");
        return Ok(1);
    }
    let count = match args.first() {
        Some(a) => match parse_number(a) {
            Some(n) if n >= 0 => Some(usize::try_from(n).unwrap_or(usize::MAX)),
            _ => {
                let mut m = a.clone();
                m.extend_from_slice(b": numeric argument required");
                error(shell, b"history", &m);
                return Ok(1);
            }
        },
        None => None,
    };
    let format = shell.vars.get(b"HISTTIMEFORMAT").map(|v| v.into_owned());
    let text = {
        let h = shell.history.borrow();
        let skip = count.map_or(0, |n| h.len().saturating_sub(n));
        let mut text = Vec::new();
        for (i, e) in h.iter().enumerate().skip(skip) {
            text.extend_from_slice(format!("{:5}  ", h.base() + i).as_bytes());
            if let Some(f) = &format {
                text.extend(strftime_at(f, e.time));
            }
            text.extend_from_slice(e.line.as_bytes());
            text.push(b'\n');
        }
        text
    };
    Ok(out(shell, &text))
}

fn parse_number(text: &[u8]) -> Option<i64> {
    std::str::from_utf8(text).ok()?.trim().parse().ok()
}

/// `-d N`, `-d -N` (from the end), `-d START-END`.
fn delete(shell: &mut Shell, spec: &[u8]) -> i32 {
    let (len, base) = {
        let h = shell.history.borrow();
        (h.len(), h.base())
    };
    // A history number (or from the end when negative) to an index.
    let index = |n: i64| -> Option<usize> {
        if n < 0 {
            len.checked_sub(usize::try_from(n.unsigned_abs()).ok()?)
        } else {
            usize::try_from(n)
                .ok()?
                .checked_sub(base)
                .filter(|&i| i < len)
        }
    };
    let range = match spec.iter().skip(1).position(|&b| b == b'-') {
        Some(dash) => {
            let (a, b) = (
                parse_number(&spec[..=dash]),
                parse_number(&spec[dash + 2..]),
            );
            a.and_then(index).zip(b.and_then(index))
        }
        None => parse_number(spec).and_then(index).map(|i| (i, i)),
    };
    match range {
        Some((from, to)) if from <= to => {
            let mut h = shell.history.borrow_mut();
            for _ in from..=to {
                h.remove(from);
            }
            0
        }
        _ => {
            let mut m = spec.to_vec();
            m.extend_from_slice(b": history position out of range");
            error(shell, b"history", &m);
            1
        }
    }
}

/// Whether the last entry is the `history` command being run (an
/// interactive shell enters a line before running it).
fn last_is_this_command(shell: &Shell) -> bool {
    shell.interactive
        && shell
            .history
            .borrow()
            .last()
            .is_some_and(|e| e.line.trim_start().starts_with("history"))
}

/// `-p`: history-expands each argument and prints it. `!!` means the
/// command before this `history` line, as in bash.
fn print_expansions(shell: &mut Shell, args: &[Vec<u8>]) -> i32 {
    let mut text = Vec::new();
    let mut status = 0;
    let skip_last = usize::from(last_is_this_command(shell));
    for arg in args {
        let result = {
            let h = shell.history.borrow();
            let mut entries: Vec<&str> = h.iter().map(|e| e.line.as_str()).collect();
            entries.truncate(entries.len() - skip_last.min(entries.len()));
            let events = Events {
                entries: &entries,
                base: h.base(),
            };
            histexpand::expand(&String::from_utf8_lossy(arg), &events)
        };
        match result {
            Ok(e) => {
                text.extend_from_slice(e.line.as_bytes());
                text.push(b'\n');
            }
            Err(m) => {
                error(shell, b"history", m.as_bytes());
                status = 1;
            }
        }
    }
    let written = out(shell, &text);
    if status != 0 {
        status
    } else {
        written
    }
}

/// `-s`: the arguments become one entry, in place of the `history -s`
/// line itself when that was just entered.
fn store(shell: &mut Shell, args: &[Vec<u8>]) {
    let line = String::from_utf8_lossy(&args.join(&b' ')).into_owned();
    let entry = Entry {
        line,
        time: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
    };
    let replace = last_is_this_command(shell);
    let mut h = shell.history.borrow_mut();
    if replace {
        h.replace_last(entry);
    } else {
        h.push(entry, &Control::default());
    }
}

fn file_operation(shell: &mut Shell, op: u8, file: Option<&Vec<u8>>) -> i32 {
    let path = match file {
        Some(f) => Some(PathBuf::from(OsStr::from_bytes(f))),
        None => super::histfile(shell),
    };
    let Some(path) = path else {
        return 0;
    };
    let result = match op {
        // Entries are appended as they are entered; an explicit file gets
        // this session's entries.
        b'a' if file.is_none() => Ok(()),
        b'a' => {
            let h = shell.history.borrow();
            let entries: Vec<Entry> = h.session_entries().cloned().collect();
            history_file::append(&path, &entries)
        }
        b'w' => {
            let entries: Vec<Entry> = shell.history.borrow().iter().cloned().collect();
            history_file::rewrite(&path, &entries)
        }
        b'r' => history_file::read(&path).map(|e| shell.history.borrow_mut().extend(e)),
        _ => read_new(shell, &path),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            let mut m = path.as_os_str().as_bytes().to_vec();
            m.extend_from_slice(b": ");
            m.extend_from_slice(crate::exec::describe_io_error(&e).as_bytes());
            error(shell, b"history", &m);
            1
        }
    }
}

/// `-n`: the entries other shells added to the file since it was read.
fn read_new(shell: &mut Shell, path: &std::path::Path) -> std::io::Result<()> {
    let entries = history_file::read(path)?;
    let mut h = shell.history.borrow_mut();
    let seen = h.file_seen.min(entries.len());
    let total = entries.len();
    h.extend(entries.into_iter().skip(seen));
    h.file_seen = total;
    Ok(())
}

/// `HISTTIMEFORMAT` applied to an entry's time.
fn strftime_at(format: &[u8], time: i64) -> Vec<u8> {
    let Ok(fmt) = std::ffi::CString::new(format) else {
        return Vec::new();
    };
    let mut buf = vec![0u8; 256];
    // SAFETY: localtime_r fills a tm we own; strftime writes at most
    // buf.len() bytes into our buffer and returns how many.
    let n = unsafe {
        let t: libc::time_t = time;
        let mut tm: libc::tm = std::mem::zeroed();
        libc::localtime_r(&t, &mut tm);
        libc::strftime(buf.as_mut_ptr().cast(), buf.len(), fmt.as_ptr(), &tm)
    };
    buf.truncate(n);
    buf
}

#[cfg(test)]
mod tests;
