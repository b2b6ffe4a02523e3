//! Pathname expansion (XCU 2.13.3 plus bash's dotglob, nocaseglob, extglob
//! and globstar). Entry point: [`glob`].
//!
//! The pattern is split at `/`; components without magic are used literally
//! without reading any directory, magic components are matched (with
//! [`Pattern`]) against directory entries, and `**` with globstar walks
//! directories recursively without following symbolic links. File names are
//! bytes throughout, so names that are not UTF-8 work.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use super::pattern::{unescape, Pattern, PatternOptions};

/// The shell options that change pathname expansion.
#[derive(Clone, Copy, Default, Debug)]
pub struct GlobOptions {
    /// Wildcards may match a leading `.` (never `.` or `..` themselves).
    pub dotglob: bool,
    /// Match names regardless of case.
    pub nocaseglob: bool,
    /// Recognise extglob groups.
    pub extglob: bool,
    /// `**` alone as a component matches any depth of directories.
    pub globstar: bool,
}

/// Expand one field (escaped-pattern convention, see `pattern.rs`).
///
/// Returns the matching paths sorted in byte order, or an empty Vec when
/// nothing matched (the caller applies nullglob/failglob/keep-the-word). A
/// field without any magic comes back unchanged (unescaped) as the only
/// element, so calling this on every field is harmless.
pub fn glob(pattern: &[u8], opts: GlobOptions) -> Vec<Vec<u8>> {
    glob_in(None, pattern, opts)
}

/// [`glob`] with relative paths resolved against `base` instead of the
/// current directory (the returned paths stay relative).
pub(crate) fn glob_in(base: Option<&Path>, pattern: &[u8], opts: GlobOptions) -> Vec<Vec<u8>> {
    if !Pattern::has_magic(pattern, opts.extglob) {
        return vec![unescape(pattern)];
    }
    let comps = split_components(pattern);
    let g = Globber { base, opts };
    let magic = |c: &Vec<u8>| matches!(g.kind(c), Kind::Magic | Kind::Globstar);
    let Some(first_magic) = comps.iter().position(magic) else {
        // Magic only across a `/` (like `[a/b]`): a plain path, if it exists.
        let path = join_literal(&comps);
        return if g.exists(&path) {
            vec![path]
        } else {
            Vec::new()
        };
    };
    let mut prefix = Vec::new();
    for c in &comps[..first_magic] {
        prefix.extend_from_slice(&unescape(c));
        prefix.push(b'/');
    }
    let mut out = g.expand(vec![prefix], &comps[first_magic..]);
    out.sort();
    out.dedup();
    out
}

/// Split at `/` (an escaped `\/` is a separator too: no name contains `/`).
/// A leading `/` gives an empty first component, a trailing one an empty last.
fn split_components(p: &[u8]) -> Vec<Vec<u8>> {
    let mut comps = Vec::new();
    let mut cur = Vec::new();
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            b'\\' if p.get(i + 1) == Some(&b'/') => {
                comps.push(std::mem::take(&mut cur));
                i += 2;
            }
            b'\\' if i + 1 < p.len() => {
                cur.extend_from_slice(&p[i..i + 2]);
                i += 2;
            }
            b'/' => {
                comps.push(std::mem::take(&mut cur));
                i += 1;
            }
            b => {
                cur.push(b);
                i += 1;
            }
        }
    }
    comps.push(cur);
    comps
}

fn join_literal(comps: &[Vec<u8>]) -> Vec<u8> {
    let parts: Vec<Vec<u8>> = comps.iter().map(|c| unescape(c)).collect();
    parts.join(&b'/')
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Kind {
    Literal,
    Empty,
    Magic,
    Globstar,
}

struct Globber<'a> {
    base: Option<&'a Path>,
    opts: GlobOptions,
}

impl Globber<'_> {
    fn kind(&self, comp: &[u8]) -> Kind {
        if comp.is_empty() {
            Kind::Empty
        } else if self.opts.globstar && comp == b"**" {
            Kind::Globstar
        } else if Pattern::has_magic(comp, self.opts.extglob) {
            Kind::Magic
        } else {
            Kind::Literal
        }
    }

    /// Apply the remaining components to the prefixes (each empty or ending
    /// in `/`) and return the finished paths.
    fn expand(&self, mut prefixes: Vec<Vec<u8>>, comps: &[Vec<u8>]) -> Vec<Vec<u8>> {
        let kinds: Vec<Kind> = comps.iter().map(|c| self.kind(c)).collect();
        for (k, comp) in comps.iter().enumerate() {
            let last = k + 1 == comps.len();
            let kind = kinds[k];
            prefixes = match kind {
                // bash keeps a trailing `/` but collapses `//` after a wildcard.
                Kind::Empty if last => prefixes.into_iter().filter(|p| self.is_dir(p)).collect(),
                Kind::Empty => continue,
                // `**/**` means the same as `**`.
                Kind::Globstar if kinds.get(k + 1) == Some(&Kind::Globstar) => continue,
                Kind::Globstar => self.globstar(&prefixes, last),
                Kind::Literal => self.literal(prefixes, comp, last),
                Kind::Magic => self.magic(&prefixes, comp, last),
            };
            if prefixes.is_empty() {
                break;
            }
        }
        prefixes
    }

    /// A literal component: no directory read, only the final path is checked
    /// (with lstat, so a dangling symlink counts, as in bash).
    fn literal(&self, prefixes: Vec<Vec<u8>>, comp: &[u8], last: bool) -> Vec<Vec<u8>> {
        let name = unescape(comp);
        let joined = prefixes.into_iter().map(|mut p| {
            p.extend_from_slice(&name);
            if !last {
                p.push(b'/');
            }
            p
        });
        if last {
            joined.filter(|p| self.exists(p)).collect()
        } else {
            joined.collect()
        }
    }

    /// A wildcard component: read each directory and keep matching names;
    /// before the last component only directories (symlinks followed) go on.
    fn magic(&self, prefixes: &[Vec<u8>], comp: &[u8], last: bool) -> Vec<Vec<u8>> {
        let pat = Pattern::new(
            comp,
            PatternOptions {
                extglob: self.opts.extglob,
                nocase: self.opts.nocaseglob,
                pathname: true,
                period: !self.opts.dotglob,
            },
        );
        let mut out = Vec::new();
        for p in prefixes {
            for e in self.read_dir(p) {
                if !pat.matches(&e.name) {
                    continue;
                }
                let mut path = [p.as_slice(), &e.name].concat();
                if last {
                    out.push(path);
                } else if e.is_dir_following(self, &path) {
                    path.push(b'/');
                    out.push(path);
                }
            }
        }
        out
    }

    /// `**`: every directory below each prefix (including the prefix itself),
    /// or when last, every entry below it (and the prefix, if not empty).
    fn globstar(&self, prefixes: &[Vec<u8>], last: bool) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for p in prefixes {
            if !last || !p.is_empty() {
                out.push(p.clone());
            }
            self.walk(p, last, &mut out);
        }
        out
    }

    /// Depth-first walk under `root` (no symlink is followed, hidden entries
    /// only with dotglob). Pushes directories as `dir/`, or with `all` every
    /// entry without a trailing slash.
    fn walk(&self, root: &[u8], all: bool, out: &mut Vec<Vec<u8>>) {
        let mut stack = vec![root.to_vec()];
        while let Some(dir) = stack.pop() {
            for e in self.read_dir(&dir) {
                if e.name.first() == Some(&b'.') && !self.opts.dotglob {
                    continue;
                }
                let path = [dir.as_slice(), &e.name].concat();
                if all {
                    out.push(path.clone());
                }
                if e.real_dir {
                    let mut sub = path;
                    sub.push(b'/');
                    if !all {
                        out.push(sub.clone());
                    }
                    stack.push(sub);
                }
            }
        }
    }

    /// Where a (possibly relative) generated path lives on the file system.
    fn fs_path(&self, p: &[u8]) -> PathBuf {
        let path = Path::new(OsStr::from_bytes(if p.is_empty() { b"." } else { p }));
        match self.base {
            Some(base) if !p.starts_with(b"/") => base.join(path),
            _ => path.to_path_buf(),
        }
    }

    fn exists(&self, p: &[u8]) -> bool {
        fs::symlink_metadata(self.fs_path(p)).is_ok()
    }

    fn is_dir(&self, p: &[u8]) -> bool {
        !p.is_empty() && fs::metadata(self.fs_path(p)).is_ok_and(|m| m.is_dir())
    }

    /// Entries of a directory; unreadable directories and entries are skipped.
    fn read_dir(&self, dir: &[u8]) -> Vec<Entry> {
        let Ok(rd) = fs::read_dir(self.fs_path(dir)) else {
            return Vec::new();
        };
        rd.filter_map(Result::ok)
            .map(|e| {
                let ft = e.file_type().ok();
                Entry {
                    name: e.file_name().as_bytes().to_vec(),
                    real_dir: ft.is_some_and(|t| t.is_dir()),
                    symlink: ft.is_some_and(|t| t.is_symlink()),
                }
            })
            .collect()
    }
}

struct Entry {
    name: Vec<u8>,
    /// A directory that is not a symlink.
    real_dir: bool,
    symlink: bool,
}

impl Entry {
    /// Is this entry a directory once symlinks are followed?
    fn is_dir_following(&self, g: &Globber, path: &[u8]) -> bool {
        self.real_dir || (self.symlink && g.is_dir(path))
    }
}

#[cfg(test)]
#[path = "glob_tests.rs"]
mod tests;
