//! `cd` and `pwd`, following bash's `cd.def`: the shell keeps its own
//! idea of the current directory (`Shell::cwd`, bash's
//! `the_current_working_directory`), resolves `..` in it textually unless
//! `-P`, and copies it into `$PWD` (the old `$PWD` into `$OLDPWD`). A
//! stray assignment to `$PWD` therefore changes neither `pwd` nor `cd ..`.
//!
//! Entry points: [`cd`], [`pwd`], [`change_dir`] (for `pushd`/`popd`),
//! [`current_dir`] and [`initial_cwd`].

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;

use super::{args, error, out};
use crate::exec::Status;
use crate::shell::Shell;
use nix::errno::Errno;

fn getcwd() -> Option<Vec<u8>> {
    std::env::current_dir()
        .ok()
        .map(|p| p.as_os_str().as_bytes().to_vec())
}

fn is_dir(path: &[u8]) -> bool {
    std::fs::metadata(OsStr::from_bytes(path)).is_ok_and(|m| m.is_dir())
}

fn same_file(a: &[u8], b: &[u8]) -> bool {
    match (
        std::fs::metadata(OsStr::from_bytes(a)),
        std::fs::metadata(OsStr::from_bytes(b)),
    ) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// The directory a new shell starts in: an inherited absolute `$PWD` that
/// names the current directory (kept with its symlinks, as POSIX asks),
/// else the physical path.
pub fn initial_cwd() -> Option<Vec<u8>> {
    if let Some(pwd) = std::env::var_os("PWD") {
        let pwd = pwd.as_bytes();
        if pwd.starts_with(b"/") && same_file(pwd, b".") {
            if let Some(c) = canon_path(pwd, true) {
                return Some(c);
            }
        }
    }
    getcwd()
}

/// The shell's current directory, asking the system once if it is not
/// known yet (quietly; see [`working_dir`]).
pub fn current_dir(shell: &mut Shell) -> Option<Vec<u8>> {
    if shell.cwd.is_none() {
        shell.cwd = getcwd();
    }
    shell.cwd.clone()
}

/// bash's `get_working_directory`: like [`current_dir`], but when the
/// system cannot name the directory (it was removed) says so, bare on
/// standard error as bash does, in the name of `for_whom`.
pub fn working_dir(shell: &mut Shell, for_whom: &str) -> Option<Vec<u8>> {
    if shell.cwd.is_none() {
        match std::env::current_dir() {
            Ok(p) => shell.cwd = Some(p.as_os_str().as_bytes().to_vec()),
            Err(e) => {
                let m = format!(
                    "{for_whom}: error retrieving current directory: getcwd: cannot access parent directories: {}\n",
                    crate::exec::describe_io_error(&e)
                );
                let _ = crate::sys::fd::write_all_fd(2, m.as_bytes());
            }
        }
    }
    shell.cwd.clone()
}

/// bash's `resetpwd`: forgets the logical directory and asks the system.
fn reset_pwd(shell: &mut Shell, for_whom: &str) -> Option<Vec<u8>> {
    shell.cwd = None;
    working_dir(shell, for_whom)
}

/// bash's `sh_canonpath`: removes `.`, empty components and `..`
/// textually (keeping a leading `//`). With `check`, every prefix must be
/// an existing directory (None otherwise), so `dir/nosuch/..` fails.
pub fn canon_path(path: &[u8], check: bool) -> Option<Vec<u8>> {
    let rooted = path.starts_with(b"/");
    let double = path.starts_with(b"//") && path.get(2) != Some(&b'/');
    let mut result: Vec<u8> = if double {
        b"//".to_vec()
    } else if rooted {
        b"/".to_vec()
    } else {
        Vec::new()
    };
    let base = result.len();
    // How far `..` may back up (past it are `..` of a relative path).
    let mut dotdot = base;
    for comp in path.split(|&b| b == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                if result.len() > dotdot {
                    if check && !is_dir(&result) {
                        return None;
                    }
                    let cut = result[dotdot..]
                        .iter()
                        .rposition(|&b| b == b'/')
                        .map_or(dotdot, |p| dotdot + p);
                    result.truncate(cut.max(dotdot));
                } else if !rooted {
                    if result.len() != base {
                        result.push(b'/');
                    }
                    result.extend_from_slice(b"..");
                    dotdot = result.len();
                }
            }
            c => {
                if result.len() != base {
                    result.push(b'/');
                }
                result.extend_from_slice(c);
                if check && !is_dir(&result) {
                    return None;
                }
            }
        }
    }
    if result.is_empty() {
        result.push(if rooted { b'/' } else { b'.' });
    }
    Some(result)
}

/// `dir` made absolute against the shell's current directory (as given
/// when that is unknown).
fn make_absolute(shell: &mut Shell, dir: &[u8]) -> Vec<u8> {
    if dir.starts_with(b"/") {
        return dir.to_vec();
    }
    let Some(mut t) = working_dir(shell, "chdir") else {
        return dir.to_vec();
    };
    if !t.ends_with(b"/") {
        t.push(b'/');
    }
    t.extend_from_slice(dir);
    t
}

fn chdir(path: &[u8]) -> Result<(), Errno> {
    nix::unistd::chdir(OsStr::from_bytes(path))
}

/// bash's `change_to_directory`: changes directory and updates the
/// shell's idea of it (not `$PWD`).
fn change_to_directory(shell: &mut Shell, newdir: &[u8], physical: bool) -> Result<(), Errno> {
    let t = make_absolute(shell, newdir);
    let posix = shell.opts.get("posix");
    if physical {
        chdir(newdir)?;
        shell.cwd = getcwd().or_else(|| canon_path(&t, false));
        return Ok(());
    }
    let (tdir, canon_failed) = match canon_path(&t, true) {
        Some(d) => (d, false),
        None => (t, true),
    };
    if posix && canon_failed {
        return Err(if std::fs::metadata(OsStr::from_bytes(newdir)).is_ok() {
            Errno::ENOTDIR
        } else {
            Errno::ENOENT
        });
    }
    match chdir(&tdir) {
        Ok(()) => {
            if !canon_failed || reset_pwd(shell, "cd").is_none() {
                shell.cwd = Some(tdir);
            }
            Ok(())
        }
        // A logical path through a removed or unsearchable parent: try the
        // name as given (not in posix mode).
        Err(e) => {
            if !posix && chdir(newdir).is_ok() {
                if reset_pwd(shell, "cd").is_none() {
                    shell.cwd = Some(tdir);
                }
                Ok(())
            } else {
                Err(e)
            }
        }
    }
}

/// bash's `bindpwd`: `$OLDPWD` gets the old `$PWD`, `$PWD` the new
/// directory; 1 if either is readonly.
fn bind_pwd(shell: &mut Shell, physical: bool) -> i32 {
    let mut dir = working_dir(shell, "cd").unwrap_or_default();
    if physical {
        if let Ok(p) = std::fs::canonicalize(OsStr::from_bytes(&dir)) {
            dir = p.as_os_str().as_bytes().to_vec();
        }
    }
    let old = shell
        .vars
        .get(b"PWD")
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let mut status = 0;
    for (name, value) in [(&b"OLDPWD"[..], old), (&b"PWD"[..], dir)] {
        if let Err(e) = shell.vars.set(name, value) {
            shell.report(&e.message());
            status = 1;
        }
    }
    status
}

/// Changes to `dir` (`-L` unless `physical`) and updates `$PWD` and
/// `$OLDPWD`; the reason on failure.
pub fn change_dir(shell: &mut Shell, dir: &[u8], physical: bool) -> Result<i32, String> {
    match change_to_directory(shell, dir, physical) {
        Ok(()) => Ok(bind_pwd(shell, physical)),
        Err(e) => Err(e.desc().to_string()),
    }
}

/// A CDPATH entry joined with the directory (bash's `sh_makepath` with
/// `~` expansion; an empty entry means `.`).
fn cdpath_candidate(shell: &mut Shell, entry: &[u8], dir: &[u8]) -> Vec<u8> {
    let mut p = if entry.is_empty() {
        b".".to_vec()
    } else if entry == b"~" || entry.starts_with(b"~/") {
        let home = shell.vars.get(b"HOME").map(|v| v.into_owned());
        match home {
            Some(h) => [h.as_slice(), &entry[1..]].concat(),
            None => entry.to_vec(),
        }
    } else {
        entry.to_vec()
    };
    if !p.ends_with(b"/") {
        p.push(b'/');
    }
    p.extend_from_slice(dir);
    p
}

/// A path CDPATH does not apply to: `/…`, `.`, `..`, `./…`, `../…`.
fn absolute_pathname(dir: &[u8]) -> bool {
    dir.starts_with(b"/")
        || dir == b"."
        || dir == b".."
        || dir.starts_with(b"./")
        || dir.starts_with(b"../")
}

fn print_line(shell: &mut Shell, text: &[u8]) {
    let mut l = text.to_vec();
    l.push(b'\n');
    out(shell, &l);
}

pub fn cd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "eLP") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let mut physical = shell.opts.get("physical");
    for (c, _) in &parsed.opts {
        match c {
            b'P' => physical = true,
            b'L' => physical = false,
            _ => {}
        }
    }
    // `pushd` runs this under its own name.
    let name = argv[0].as_slice();
    let operands = &argv[parsed.rest..];
    if operands.len() > 1 {
        error(shell, name, b"too many arguments");
        return Ok(1);
    }
    let mut print = false;
    let dir = match operands.first().map(Vec::as_slice) {
        None => match shell.vars.get(b"HOME") {
            Some(h) => h.into_owned(),
            None => {
                error(shell, name, b"HOME not set");
                return Ok(1);
            }
        },
        Some(b"-") => match shell.vars.get(b"OLDPWD") {
            Some(o) => {
                print = true;
                o.into_owned()
            }
            None => {
                error(shell, name, b"OLDPWD not set");
                return Ok(1);
            }
        },
        Some(d) => d.to_vec(),
    };
    if operands.first().is_some_and(|d| d != b"-") && !absolute_pathname(&dir) {
        if let Some(status) = cd_with_cdpath(shell, &dir, physical) {
            return Ok(status);
        }
    }
    match change_dir(shell, &dir, physical) {
        Ok(status) => {
            if print {
                print_line(shell, &dir);
            }
            Ok(status)
        }
        Err(reason) => {
            error(
                shell,
                name,
                &[dir.as_slice(), b": ", reason.as_bytes()].concat(),
            );
            Ok(1)
        }
    }
}

/// Tries each CDPATH entry; `Some(status)` once one worked. A directory
/// found through a non-empty entry is printed, as POSIX requires.
fn cd_with_cdpath(shell: &mut Shell, dir: &[u8], physical: bool) -> Option<i32> {
    let cdpath = shell.vars.get(b"CDPATH")?.into_owned();
    for entry in cdpath.split(|&b| b == b':') {
        let candidate = cdpath_candidate(shell, entry, dir);
        if change_to_directory(shell, &candidate, physical).is_ok() {
            if !entry.is_empty() {
                let shown = if physical {
                    candidate
                } else {
                    current_dir(shell).unwrap_or_default()
                };
                print_line(shell, &shown);
            }
            return Some(bind_pwd(shell, false));
        }
    }
    None
}

pub fn pwd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "LP") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let mut physical = shell.opts.get("physical");
    for (c, _) in &parsed.opts {
        physical = *c == b'P';
    }
    let cwd = shell.cwd.clone();
    let mut dir = match (&cwd, physical) {
        (Some(c), true) => std::fs::canonicalize(OsStr::from_bytes(c))
            .ok()
            .map(|p| p.as_os_str().as_bytes().to_vec()),
        (Some(c), false) => Some(c.clone()),
        (None, _) => working_dir(shell, "pwd"),
    };
    // The directory went away or was renamed under us: ask the system.
    let stale = cwd
        .as_ref()
        .is_some_and(|c| dir.is_none() || shell.opts.get("posix") && !same_file(b".", c));
    if stale {
        dir = reset_pwd(shell, "pwd");
    }
    match dir {
        Some(d) => {
            print_line(shell, &d);
            if shell.opts.get("posix") && physical {
                let _ = shell.vars.set(b"PWD", d);
            }
            Ok(0)
        }
        None => Ok(1),
    }
}

#[cfg(test)]
mod tests {
    use super::canon_path;

    fn c(p: &str) -> String {
        String::from_utf8(canon_path(p.as_bytes(), false).unwrap()).unwrap()
    }

    #[test]
    fn canonical_paths_like_bash() {
        assert_eq!(c("/a/./b//c/"), "/a/b/c");
        assert_eq!(c("/a/b/../c"), "/a/c");
        assert_eq!(c("/.."), "/");
        assert_eq!(c("/../a"), "/a");
        assert_eq!(c("////"), "/");
        assert_eq!(c("//"), "//");
        assert_eq!(c("//a/../b"), "//b");
        assert_eq!(c("a/../../b"), "../b");
        assert_eq!(c("./"), ".");
        assert_eq!(c("/a/b/../../.."), "/");
    }

    #[test]
    fn checked_canonicalization_needs_existing_dirs() {
        assert!(canon_path(b"/nonexistent-whelk/..", true).is_none());
        assert_eq!(canon_path(b"/tmp/..", true).as_deref(), Some(&b"/"[..]));
        assert!(canon_path(b"/etc/passwd", true).is_none());
    }
}
