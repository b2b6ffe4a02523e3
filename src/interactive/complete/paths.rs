//! File name candidates: the entries of the directory named by the typed
//! word's head that start with its tail, with `~` and `~user` expanded for
//! the lookup only (the inserted text keeps them).

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;

/// Which entries a position accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Directories,
    /// Directories and executable files (a command name with a `/`).
    Executables,
}

/// A matching directory entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub name: Vec<u8>,
    pub is_dir: bool,
}

/// `~` or `~user` at the start of `value`, replaced by the home
/// directory; None when there is no tilde prefix.
pub fn expand_tilde(value: &[u8], home: &[u8]) -> Option<Vec<u8>> {
    let rest = value.strip_prefix(b"~")?;
    let slash = rest.iter().position(|&b| b == b'/').unwrap_or(rest.len());
    let user = &rest[..slash];
    let dir = if user.is_empty() {
        home.to_vec()
    } else {
        crate::sys::users::by_name(user)?.home
    };
    let mut out = dir;
    out.extend_from_slice(&rest[slash..]);
    Some(out)
}

/// Splits a value at its last `/`: (directory part with the slash, name).
pub fn split_dir(value: &[u8]) -> (&[u8], &[u8]) {
    match value.iter().rposition(|&b| b == b'/') {
        Some(i) => (&value[..=i], &value[i + 1..]),
        None => (&b""[..], value),
    }
}

/// The entries of `dir` (the typed directory part, `""` for the current
/// directory) starting with `prefix`, sorted by name. Dot files only when
/// the prefix starts with a dot.
pub fn list(dir: &[u8], prefix: &[u8], filter: Filter, home: &[u8]) -> Vec<Found> {
    let lookup = expand_tilde(dir, home).unwrap_or_else(|| dir.to_vec());
    let lookup: &[u8] = if lookup.is_empty() { b"." } else { &lookup };
    let Ok(entries) = std::fs::read_dir(OsStr::from_bytes(lookup)) else {
        return Vec::new();
    };
    let mut found: Vec<Found> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().as_bytes().to_vec();
            if !name.starts_with(prefix) || (name.starts_with(b".") && !prefix.starts_with(b".")) {
                return None;
            }
            // Follows symbolic links: a link to a directory is a directory.
            let meta = std::fs::metadata(e.path()).ok();
            let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
            let keep = match filter {
                Filter::All => true,
                Filter::Directories => is_dir,
                Filter::Executables => {
                    is_dir || meta.is_some_and(|m| m.permissions().mode() & 0o111 != 0)
                }
            };
            keep.then_some(Found { name, is_dir })
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

/// User names starting with `prefix`, from the password file.
pub fn user_names(prefix: &[u8]) -> Vec<Vec<u8>> {
    let Ok(data) = std::fs::read("/etc/passwd") else {
        return Vec::new();
    };
    let mut names: Vec<Vec<u8>> = data
        .split(|&b| b == b'\n')
        .filter_map(|line| line.split(|&b| b == b':').next())
        .filter(|n| !n.is_empty() && !n.starts_with(b"#") && n.starts_with(prefix))
        .map(<[u8]>::to_vec)
        .collect();
    names.sort();
    names.dedup();
    names
}
