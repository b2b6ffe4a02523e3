//! The history file (`$HISTFILE`) on disk. Entry points: [`append`],
//! [`read`], [`rewrite`], [`truncate`].
//!
//! Format (bash's, with timestamps): each entry is a line `#SECONDS`
//! followed by the command's lines; everything up to the next `#SECONDS`
//! line belongs to the entry, so a multi-line command reads back as one
//! entry. A command line that itself looks like a timestamp (`#` and a
//! digit, after any backslashes) is written with one more leading
//! backslash, which reading removes. Lines before the first timestamp
//! (a plain bash history file) are one entry each.
//!
//! Several shells share the file safely: an entry is appended with one
//! `write` on an `O_APPEND` descriptor under an exclusive `flock`;
//! rewriting (trimming to `HISTFILESIZE`, `history -w`) writes a new file
//! and renames it over the old one while holding the old one's lock, and a
//! writer that got the lock re-checks that the path still names the file
//! it locked, so no entry goes to an unlinked file.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::os::unix::io::AsRawFd;
use std::path::Path;

use super::history::Entry;

/// The bytes of one entry as stored.
pub fn encode(entry: &Entry) -> Vec<u8> {
    let mut out = format!("#{}\n", entry.time.max(0)).into_bytes();
    for line in entry.line.split('\n') {
        if looks_like_timestamp(line.trim_start_matches('\\')) {
            out.push(b'\\');
        }
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

/// `#` followed by a digit: what bash takes for a timestamp line.
fn looks_like_timestamp(line: &str) -> bool {
    line.strip_prefix('#')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// The time of a `#SECONDS` line.
fn timestamp(line: &[u8]) -> Option<i64> {
    let digits = line.strip_prefix(b"#")?;
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}

/// Parses a whole history file.
pub fn parse(data: &[u8]) -> Vec<Entry> {
    let mut entries = Vec::new();
    let mut current: Option<(i64, Vec<&[u8]>)> = None;
    let body = data.strip_suffix(b"\n").unwrap_or(data);
    if body.is_empty() {
        return entries;
    }
    for line in body.split(|&b| b == b'\n') {
        if let Some(time) = timestamp(line) {
            finish(&mut entries, current.take());
            current = Some((time, Vec::new()));
            continue;
        }
        match current.as_mut() {
            Some((_, lines)) => lines.push(line),
            None if !line.is_empty() => entries.push(Entry {
                line: String::from_utf8_lossy(line).into_owned(),
                time: 0,
            }),
            None => {}
        }
    }
    finish(&mut entries, current);
    entries
}

fn finish(entries: &mut Vec<Entry>, current: Option<(i64, Vec<&[u8]>)>) {
    let Some((time, lines)) = current else {
        return;
    };
    let mut text = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push(b'\n');
        }
        let unescaped = match line.strip_prefix(b"\\") {
            Some(rest) if looks_like_timestamp_bytes(rest) => rest,
            _ => line,
        };
        text.extend_from_slice(unescaped);
    }
    if text.is_empty() {
        return;
    }
    entries.push(Entry {
        line: String::from_utf8_lossy(&text).into_owned(),
        time,
    });
}

fn looks_like_timestamp_bytes(line: &[u8]) -> bool {
    std::str::from_utf8(line).is_ok_and(|l| looks_like_timestamp(l.trim_start_matches('\\')))
}

/// An open, exclusively locked history file that the path still names.
struct Locked {
    file: File,
}

impl Locked {
    fn open(path: &Path, exclusive: bool) -> io::Result<Locked> {
        // A rewrite may replace the file between open and lock: retry.
        for _ in 0..100 {
            let file = OpenOptions::new()
                .read(true)
                .append(true)
                .create(true)
                .mode(0o600)
                .open(path)?;
            let op = if exclusive {
                libc::LOCK_EX
            } else {
                libc::LOCK_SH
            };
            if !flock(&file, op)? {
                // No locking on this file system (some NFS set-ups): one
                // O_APPEND write per entry is the best there is.
                return Ok(Locked { file });
            }
            let held = file.metadata()?;
            match std::fs::metadata(path) {
                Ok(now) if now.ino() == held.ino() && now.dev() == held.dev() => {
                    return Ok(Locked { file });
                }
                _ => continue,
            }
        }
        Err(io::Error::other("history file keeps changing"))
    }

    fn contents(&mut self) -> io::Result<Vec<u8>> {
        let mut data = Vec::new();
        (&self.file).read_to_end(&mut data)?;
        Ok(data)
    }
}

/// Takes the lock; false when the file system does not lock.
fn flock(file: &File, op: libc::c_int) -> io::Result<bool> {
    loop {
        // SAFETY: flock only operates on a descriptor we own.
        if unsafe { libc::flock(file.as_raw_fd(), op) } == 0 {
            return Ok(true);
        }
        let e = io::Error::last_os_error();
        match e.raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::ENOLCK | libc::EOPNOTSUPP) => return Ok(false),
            _ => return Err(e),
        }
    }
}

/// Creates the directory the history file lives in.
pub fn ensure_parent(path: &Path) -> io::Result<()> {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => std::fs::create_dir_all(dir),
        _ => Ok(()),
    }
}

/// Appends entries with one write under the lock.
pub fn append(path: &Path, entries: &[Entry]) -> io::Result<()> {
    let bytes: Vec<u8> = entries.iter().flat_map(encode).collect();
    if bytes.is_empty() {
        return Ok(());
    }
    let locked = Locked::open(path, true)?;
    (&locked.file).write_all(&bytes)
}

/// Reads every entry (under a shared lock, so no half-written entry).
pub fn read(path: &Path) -> io::Result<Vec<Entry>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut locked = Locked::open(path, false)?;
    Ok(parse(&locked.contents()?))
}

/// Replaces the file's contents with `entries` (`history -w`).
pub fn rewrite(path: &Path, entries: &[Entry]) -> io::Result<()> {
    let locked = Locked::open(path, true)?;
    replace_locked(path, &locked, entries)
}

fn replace_locked(path: &Path, locked: &Locked, entries: &[Entry]) -> io::Result<()> {
    let mut tmp_name = path.as_os_str().to_owned();
    tmp_name.push(format!(".tmp{}", std::process::id()));
    let tmp = Path::new(&tmp_name);
    let result = (|| {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(tmp)?;
        let bytes: Vec<u8> = entries.iter().flat_map(encode).collect();
        f.write_all(&bytes)?;
        f.sync_all()?;
        std::fs::rename(tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
    }
    // The lock is released when `locked` is dropped, after the rename.
    let _ = locked;
    result
}

/// Keeps only the last `max` entries of the file (`HISTFILESIZE`).
/// Returns the entries the file now holds.
pub fn truncate(path: &Path, max: usize) -> io::Result<Vec<Entry>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut locked = Locked::open(path, true)?;
    let mut entries = parse(&locked.contents()?);
    if entries.len() > max {
        entries.drain(..entries.len() - max);
        replace_locked(path, &locked, &entries)?;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests;
