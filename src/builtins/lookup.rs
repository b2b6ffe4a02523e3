//! Finding out what a command name means: `type`, `command -v`/`-V`
//! (bash's `describe_command`) and the `hash` builtin. Entry points:
//! [`type_`], [`hash`], [`describe`], [`standard_path`], [`search_in`].

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use super::{args, error, out};
use crate::exec::{Found, Status};
use crate::shell::Shell;

/// The reserved words `type` knows.
pub const KEYWORDS: &[&[u8]] = crate::syntax::RESERVED_WORDS;

/// How a found command is reported.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `ls is /usr/bin/ls` (`type`, `command -V`).
    Short,
    /// `file`, `builtin`, … (`type -t`).
    Kind,
    /// A line the shell can read back (`command -v`).
    Reusable,
    /// Paths of files only (`type -p`, `type -P`).
    PathOnly,
}

#[derive(Clone, Copy)]
pub struct Describe {
    pub style: Style,
    /// Every match, not just the first (`type -a`).
    pub all: bool,
    /// Files only, ignoring aliases, keywords, functions and builtins
    /// (`type -P`).
    pub force_path: bool,
    pub no_funcs: bool,
    /// Search the standard PATH (`command -p`).
    pub std_path: bool,
    /// Make relative paths absolute (`command -V`).
    pub abspath: bool,
}

/// The system's default PATH (`confstr(_CS_PATH)`), for `command -p`.
pub fn standard_path() -> Vec<u8> {
    let mut buf = vec![0u8; 1024];
    // SAFETY: buf is writable for buf.len() bytes; confstr writes at most
    // that many, NUL included.
    let n = unsafe { libc::confstr(libc::_CS_PATH, buf.as_mut_ptr().cast(), buf.len()) };
    if n == 0 || n > buf.len() {
        return b"/bin:/usr/bin".to_vec();
    }
    buf.truncate(n - 1);
    buf
}

/// A regular file we may execute (access(2) X_OK, as the kernel checks).
pub fn is_executable(path: &[u8]) -> bool {
    if !is_file(path) {
        return false;
    }
    let c = crate::exec::cstring(path);
    // SAFETY: c is a valid NUL-terminated path; access only reads it.
    unsafe { libc::access(c.as_ptr(), libc::X_OK) == 0 }
}

fn is_file(path: &[u8]) -> bool {
    std::fs::metadata(OsStr::from_bytes(path)).is_ok_and(|m| m.is_file())
}

/// Searches `path_list` for `name`: the first executable, else the first
/// existing file (bash's "executable preferred"); with `all`, every
/// executable.
pub fn search_in(path_list: &[u8], name: &[u8], all: bool) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut fallback = None;
    for dir in path_list.split(|&b| b == b':') {
        let mut candidate = if dir.is_empty() {
            b".".to_vec()
        } else {
            dir.to_vec()
        };
        candidate.push(b'/');
        candidate.extend_from_slice(name);
        if is_executable(&candidate) {
            found.push(candidate);
            if !all {
                return found;
            }
        } else if fallback.is_none() && is_file(&candidate) {
            fallback = Some(candidate);
        }
    }
    if found.is_empty() && !all {
        found.extend(fallback);
    }
    found
}

fn user_path(shell: &mut Shell) -> Vec<u8> {
    shell
        .vars
        .get(b"PATH")
        .map(|v| v.into_owned())
        .unwrap_or_default()
}

fn absolute(shell: &mut Shell, path: Vec<u8>) -> Vec<u8> {
    if path.starts_with(b"/") {
        return path;
    }
    let mut p = super::cd::current_dir(shell).unwrap_or_default();
    p.push(b'/');
    p.extend_from_slice(path.strip_prefix(b"./").unwrap_or(&path));
    p
}

fn line(text: &mut Vec<u8>, parts: &[&[u8]]) {
    for p in parts {
        text.extend_from_slice(p);
    }
    text.push(b'\n');
}

/// The description of a found file.
fn file_line(text: &mut Vec<u8>, d: Describe, name: &[u8], path: &[u8], hashed: bool) {
    match d.style {
        Style::Kind => line(text, &[b"file"]),
        Style::Short if hashed => line(text, &[name, b" is hashed (", path, b")"]),
        Style::Short => line(text, &[name, b" is ", path]),
        Style::Reusable | Style::PathOnly => line(text, &[path]),
    }
}

/// bash's `describe_command`: appends what `name` is to `text`; false
/// if it is nothing.
pub fn describe(shell: &mut Shell, name: &[u8], d: Describe, text: &mut Vec<u8>) -> bool {
    let mut found = describe_shell_words(shell, name, d, text);
    if found && !d.all {
        return true;
    }
    if name.contains(&b'/') {
        // A path is not looked up anywhere: it runs as is or not at all.
        if is_executable(name) {
            file_line(text, d, name, name, false);
            return true;
        }
        return found;
    }
    if !d.all || d.force_path {
        if let Some(path) = shell.hash_lookup(name) {
            file_line(text, d, name, &path, true);
            return true;
        }
    }
    let paths = if d.std_path {
        search_in(&standard_path(), name, false)
    } else {
        let path_list = user_path(shell);
        search_in(&path_list, name, d.all)
    };
    for path in paths {
        let path = if d.abspath {
            absolute(shell, path)
        } else {
            path
        };
        file_line(text, d, name, &path, false);
        found = true;
    }
    found
}

/// Aliases, keywords, functions and builtins (not with `type -P`).
fn describe_shell_words(shell: &mut Shell, name: &[u8], d: Describe, text: &mut Vec<u8>) -> bool {
    if d.force_path {
        return false;
    }
    let mut found = false;
    let alias = if shell.aliases_enabled() {
        shell.aliases.0.borrow().get(name).cloned()
    } else {
        None
    };
    if let Some(value) = alias {
        match d.style {
            Style::Kind => line(text, &[b"alias"]),
            Style::Short => line(text, &[name, b" is aliased to `", &value, b"'"]),
            Style::Reusable => {
                let q = crate::expand::quote::single_quote(&value);
                line(text, &[b"alias ", name, b"=", &q]);
            }
            Style::PathOnly => {}
        }
        if !d.all {
            return true;
        }
        found = true;
    }
    if KEYWORDS.contains(&name) {
        kind_line(text, d, name, b"keyword", b" is a shell keyword");
        if !d.all {
            return true;
        }
        found = true;
    }
    let function = if d.no_funcs {
        None
    } else {
        shell.functions.get(name).cloned()
    };
    if let Some(f) = function {
        if d.style == Style::Short {
            let body = crate::exec::function_text(&f);
            line(text, &[name, b" is a function\n", &body]);
        } else {
            kind_line(text, d, name, b"function", b"");
        }
        if !d.all {
            return true;
        }
        found = true;
    }
    if let Some(b) = super::find_enabled(shell, name) {
        let long: &[u8] = if b.special && shell.opts.get("posix") {
            b" is a special shell builtin"
        } else {
            b" is a shell builtin"
        };
        kind_line(text, d, name, b"builtin", long);
        found = true;
    }
    found
}

/// The line for a keyword, function or builtin.
fn kind_line(text: &mut Vec<u8>, d: Describe, name: &[u8], what: &[u8], long: &[u8]) {
    match d.style {
        Style::Kind => line(text, &[what]),
        Style::Short => line(text, &[name, long]),
        Style::Reusable => line(text, &[name]),
        Style::PathOnly => {}
    }
}

pub fn type_(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    // The obsolete long forms `-type`, `-path` and `-all`.
    let argv: Vec<Vec<u8>> = argv
        .iter()
        .map(|a| match a.as_slice() {
            b"-type" | b"--type" => b"-t".to_vec(),
            b"-path" | b"--path" => b"-p".to_vec(),
            b"-all" | b"--all" => b"-a".to_vec(),
            _ => a.clone(),
        })
        .collect();
    if argv.len() == 1 {
        return Ok(0);
    }
    let parsed = match args::parse(shell, &argv, "afptP") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let mut d = Describe {
        style: Style::Short,
        all: false,
        force_path: false,
        no_funcs: false,
        std_path: false,
        abspath: false,
    };
    for (c, _) in &parsed.opts {
        match c {
            b'a' => d.all = true,
            b'f' => d.no_funcs = true,
            b'p' => d.style = Style::PathOnly,
            b't' => d.style = Style::Kind,
            _ => {
                d.style = Style::PathOnly;
                d.force_path = true;
            }
        }
    }
    let mut failed = false;
    for name in &argv[parsed.rest..] {
        let mut text = Vec::new();
        let found = describe(shell, name, d, &mut text);
        out(shell, &text);
        if !found {
            failed = true;
            if d.style == Style::Short {
                error(shell, b"type", &[name.as_slice(), b": not found"].concat());
            }
        }
    }
    Ok(i32::from(failed))
}

/// Quotes a path for `hash -l` output only when the shell would need it.
pub(super) fn printable(s: &[u8]) -> Vec<u8> {
    let needs = s.is_empty()
        || s.iter()
            .any(|&b| b" \t\n'\"\\|&;()<>!{}*[?]^$`#~=%".contains(&b) || b < 0x20 || b == 0x7f);
    if needs {
        crate::expand::quote::single_quote(s)
    } else {
        s.to_vec()
    }
}

pub fn hash(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if !shell.opts.get("hashall") {
        error(shell, b"hash", b"hashing disabled");
        return Ok(1);
    }
    let parsed = match args::parse(shell, argv, "dlp:rt") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    shell.sync_hash();
    let names = &argv[parsed.rest..];
    let portable = parsed.has(b'l');
    if names.is_empty() && (parsed.has(b'd') || parsed.has(b't')) {
        let opt: &[u8] = if parsed.has(b'd') { b"-d" } else { b"-t" };
        error(
            shell,
            b"hash",
            &[opt, b": option requires an argument"].concat(),
        );
        return Ok(1);
    }
    if names.is_empty() && !parsed.has(b'r') {
        return Ok(list_table(shell, portable));
    }
    if parsed.has(b'r') {
        shell.hash.clear();
    }
    if parsed.has(b't') {
        return Ok(list_targets(shell, names, portable));
    }
    let mut status = 0;
    for name in names {
        if name.contains(&b'/') {
            continue;
        }
        if let Some(path) = parsed.value(b'p') {
            if std::fs::metadata(OsStr::from_bytes(path)).is_ok_and(|m| m.is_dir()) {
                error(shell, b"hash", &[path, b": Is a directory"].concat());
                status = 1;
            } else {
                shell.hash.insert(name, path.to_vec(), 0);
            }
        } else if parsed.has(b'd') {
            if !shell.hash.remove(name) {
                error(shell, b"hash", &[name.as_slice(), b": not found"].concat());
                status = 1;
            }
        } else if !add_hashed(shell, name) {
            status = 1;
        }
    }
    Ok(status)
}

/// `hash NAME`: looks NAME up afresh (functions and builtins are left
/// alone); false with a message if there is no such command.
fn add_hashed(shell: &mut Shell, name: &[u8]) -> bool {
    if shell.functions.contains_key(name) || super::find_enabled(shell, name).is_some() {
        return true;
    }
    shell.hash.remove(name);
    match shell.search_path(name) {
        Found::Path(p) => {
            shell.hash.insert(name, p, 0);
            true
        }
        _ => {
            error(shell, b"hash", &[name, b": not found"].concat());
            false
        }
    }
}

fn list_table(shell: &mut Shell, portable: bool) -> i32 {
    if shell.hash.is_empty() {
        if !shell.opts.get("posix") && !portable {
            return out(shell, b"hash: hash table empty\n");
        }
        return 0;
    }
    let mut text = Vec::new();
    if !portable {
        text.extend_from_slice(b"hits\tcommand\n");
    }
    for (name, e) in shell.hash.in_bash_order() {
        if portable {
            line(
                &mut text,
                &[
                    b"builtin hash -p ",
                    &printable(&e.path),
                    b" ",
                    &printable(name),
                ],
            );
        } else {
            text.extend_from_slice(format!("{:4}\t", e.hits).as_bytes());
            line(&mut text, &[&e.path]);
        }
    }
    out(shell, &text)
}

fn list_targets(shell: &mut Shell, names: &[Vec<u8>], portable: bool) -> i32 {
    let multiple = names.len() > 1;
    let mut status = 0;
    for name in names {
        let Some(path) = shell.hash.lookup(name) else {
            error(shell, b"hash", &[name.as_slice(), b": not found"].concat());
            status = 1;
            continue;
        };
        let mut text = Vec::new();
        if portable {
            line(&mut text, &[b"builtin hash -p ", &path, b" ", name]);
        } else if multiple {
            line(&mut text, &[name, b"\t", &path]);
        } else {
            line(&mut text, &[&path]);
        }
        out(shell, &text);
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_path_is_absolute_dirs() {
        let p = standard_path();
        assert!(!p.is_empty());
        assert!(p.split(|&b| b == b':').all(|d| d.starts_with(b"/")));
    }

    #[test]
    fn search_prefers_executables_and_lists_all() {
        let found = search_in(b"/nonexistent:/bin:/usr/bin", b"sh", true);
        assert!(!found.is_empty());
        assert!(found[0].ends_with(b"/sh"));
        assert!(search_in(b"/nonexistent", b"sh", false).is_empty());
    }

    #[test]
    fn printable_quotes_only_when_needed() {
        assert_eq!(printable(b"/bin/ls"), b"/bin/ls");
        assert_eq!(printable(b"my cmd"), b"'my cmd'");
    }
}
