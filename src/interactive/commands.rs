//! The names of the executables on `PATH`, for completion and for
//! highlighting commands that exist. Scanning reads every PATH directory,
//! so it happens only when PATH changes, when a directory's modification
//! time changed (checked once before each prompt: one `stat` per
//! directory), or when completion finds nothing — never per keystroke.
//! Entry point: [`CommandCache`].

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::time::SystemTime;

#[derive(Default, Debug)]
pub struct CommandCache {
    path: Vec<u8>,
    /// Each PATH directory and its modification time when scanned.
    dirs: Vec<(Vec<u8>, Option<SystemTime>)>,
    /// Sorted, without duplicates.
    names: Vec<Vec<u8>>,
    scanned: bool,
}

fn mtime(dir: &[u8]) -> Option<SystemTime> {
    std::fs::metadata(OsStr::from_bytes(dir))
        .and_then(|m| m.modified())
        .ok()
}

/// The directories of a PATH value (an empty entry is the current
/// directory, which is not cached: its contents change all the time).
fn path_dirs(path: &[u8]) -> Vec<Vec<u8>> {
    let mut dirs: Vec<Vec<u8>> = Vec::new();
    for d in path.split(|&b| b == b':') {
        if !d.is_empty() && d != b"." && !dirs.iter().any(|x| x == d) {
            dirs.push(d.to_vec());
        }
    }
    dirs
}

impl CommandCache {
    /// Rescans if PATH changed or a directory was modified since the scan.
    pub fn refresh(&mut self, path: &[u8]) {
        let stale =
            !self.scanned || self.path != path || self.dirs.iter().any(|(d, t)| mtime(d) != *t);
        if stale {
            self.scan(path);
        }
    }

    /// Reads every PATH directory.
    pub fn scan(&mut self, path: &[u8]) {
        self.path = path.to_vec();
        self.dirs.clear();
        self.names.clear();
        for dir in path_dirs(path) {
            let time = mtime(&dir);
            if let Ok(entries) = std::fs::read_dir(OsStr::from_bytes(&dir)) {
                for e in entries.flatten() {
                    if is_executable(&e) {
                        self.names.push(e.file_name().as_bytes().to_vec());
                    }
                }
            }
            self.dirs.push((dir, time));
        }
        self.names.sort_unstable();
        self.names.dedup();
        self.scanned = true;
    }

    /// Rescans when nothing starts with `prefix` (a command installed since
    /// the last scan); for completion, not for highlighting.
    pub fn rescan_on_miss(&mut self, prefix: &[u8]) {
        if self.with_prefix(prefix).is_empty() {
            let path = std::mem::take(&mut self.path);
            self.scan(&path);
        }
    }

    pub fn contains(&self, name: &[u8]) -> bool {
        self.names
            .binary_search_by(|n| n.as_slice().cmp(name))
            .is_ok()
    }

    /// The names starting with `prefix`, sorted.
    pub fn with_prefix(&self, prefix: &[u8]) -> &[Vec<u8>] {
        let from = self.names.partition_point(|n| n.as_slice() < prefix);
        let len = self.names[from..]
            .iter()
            .take_while(|n| n.starts_with(prefix))
            .count();
        &self.names[from..from + len]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A regular file (or a link to one) with an execute bit.
fn is_executable(e: &std::fs::DirEntry) -> bool {
    let Ok(kind) = e.file_type() else {
        return false;
    };
    let meta = if kind.is_symlink() {
        std::fs::metadata(e.path())
    } else {
        e.metadata()
    };
    meta.is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Whether `path` (a command name with a `/`) is an executable file.
pub fn is_executable_path(path: &[u8]) -> bool {
    std::fs::metadata(OsStr::from_bytes(path))
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make_exec(dir: &std::path::Path, name: &str, mode: u32) {
        let p = dir.join(name);
        std::fs::write(&p, b"#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn scans_executables_and_refreshes_on_change() {
        let dir = std::env::temp_dir().join(format!("whelk-cmds-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (a, b) = (dir.join("a"), dir.join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        make_exec(&a, "zeta-tool", 0o755);
        make_exec(&a, "zeta-data", 0o644);
        make_exec(&b, "zeta-tool", 0o755);
        make_exec(&b, "zebra", 0o700);
        std::fs::create_dir(b.join("zdir")).unwrap();
        let path = format!("{}:{}", a.display(), b.display()).into_bytes();
        let mut c = CommandCache::default();
        c.refresh(&path);
        assert_eq!(
            c.with_prefix(b"ze"),
            [b"zebra".to_vec(), b"zeta-tool".to_vec()]
        );
        assert!(c.contains(b"zebra"));
        assert!(!c.contains(b"zeta-data"));
        assert!(!c.contains(b"zdir"));
        // A new command shows up at the next refresh (directory mtime).
        std::thread::sleep(std::time::Duration::from_millis(20));
        make_exec(&b, "zed", 0o755);
        c.refresh(&path);
        assert!(c.contains(b"zed"));
        // A PATH change rescans.
        c.refresh(a.as_os_str().as_bytes());
        assert!(!c.contains(b"zebra"));
        assert!(c.with_prefix(b"").len() == 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn path_entries() {
        assert_eq!(
            path_dirs(b"/a::/b:/a:."),
            vec![b"/a".to_vec(), b"/b".to_vec()]
        );
    }
}
