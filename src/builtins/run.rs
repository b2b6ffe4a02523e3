//! Builtins that run commands or name them: `.`/`source`, `eval`, `exec`,
//! `command`, `builtin`, `alias`/`unalias`. Entry points are the builtin
//! functions; the others of the old `run` family live in `cd.rs`,
//! `dirstack.rs`, `lookup.rs`, `limits.rs` and `enable.rs`.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::rc::Rc;

use super::lookup::{describe, search_in, standard_path, Describe, Style};
use super::{args, error, out};
use crate::exec::{Found, InputKind, Status, Unwind};
use crate::shell::Shell;
use crate::syntax::Source;

/// bash's `absolute_pathname`: `/…`, `.`, `..`, `./…`, `../…`.
fn absolute_pathname(name: &[u8]) -> bool {
    name.starts_with(b"/")
        || name == b"."
        || name == b".."
        || name.starts_with(b"./")
        || name.starts_with(b"../")
}

/// Where `.` reads `name` from: as given with a slash, else PATH (when
/// `sourcepath` is on), else the current directory (not in posix mode).
fn source_path(shell: &mut Shell, name: &[u8]) -> Option<Vec<u8>> {
    let posix = shell.opts.get("posix");
    if name.contains(&b'/') || absolute_pathname(name) {
        return Some(name.to_vec());
    }
    if shell.opts.shopt("sourcepath").unwrap_or(true) {
        if let Some(p) = shell.search_path_readable(name) {
            return Some(p);
        }
    }
    (!posix).then(|| name.to_vec())
}

thread_local! {
    /// A builtin is running under `command`, which keeps special-builtin
    /// errors from exiting the shell (bash's `executing_command_builtin`).
    static UNDER_COMMAND: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// A failed `.` is fatal in a non-interactive posix-mode shell (unless
/// run through `command`).
fn source_failed(shell: &mut Shell, status: i32) -> Status {
    if shell.opts.get("posix") && !shell.interactive && !UNDER_COMMAND.with(|c| c.get()) {
        Err(Unwind::Exit(status))
    } else {
        Ok(status)
    }
}

pub fn source(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let rest = match args::no_options(shell, argv) {
        Ok(r) => r,
        Err(s) => return Ok(s),
    };
    let name = argv[0].clone();
    let Some(file) = argv.get(rest).cloned() else {
        error(shell, &name, b"filename argument required");
        args::usage(&name);
        return Ok(2);
    };
    let Some(path) = source_path(shell, &file) else {
        error(
            shell,
            &name,
            &[file.as_slice(), b": file not found"].concat(),
        );
        return source_failed(shell, 1);
    };
    if std::fs::metadata(OsStr::from_bytes(&path)).is_ok_and(|m| m.is_dir()) {
        error(
            shell,
            &name,
            &[path.as_slice(), b": is a directory"].concat(),
        );
        return Ok(1);
    }
    let text = match std::fs::read(OsStr::from_bytes(&path)) {
        Ok(t) => t,
        Err(e) => {
            let reason = crate::exec::describe_io_error(&e);
            shell.report(&[path.as_slice(), b": ", reason.as_bytes()].concat());
            return source_failed(shell, 1);
        }
    };
    let operands = &argv[rest + 1..];
    let saved_positional =
        (!operands.is_empty()).then(|| std::mem::replace(&mut shell.positional, operands.to_vec()));
    shell.source_depth += 1;
    shell.trace_level += 1;
    let result = shell.run_source(Rc::new(Source::new(path, text)), InputKind::Sourced);
    shell.trace_level -= 1;
    shell.source_depth -= 1;
    if let Some(p) = saved_positional {
        shell.positional = p;
    }
    match result {
        Err(Unwind::Return(s)) => Ok(s),
        other => other,
    }
}

pub fn eval(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let rest = match args::no_options(shell, argv) {
        Ok(r) => r,
        Err(s) => return Ok(s),
    };
    let text = argv[rest..].join(&b' ');
    if text.is_empty() {
        return Ok(0);
    }
    shell.trace_level += 1;
    // `$LINENO` inside counts from the line of the `eval` command.
    let line = shell.current_line();
    let result = shell.run_text_from_line(&text, "eval", line);
    shell.trace_level -= 1;
    result
}

/// `exec` could not replace the shell: the shell exits too unless it is
/// interactive or `shopt -s execfail` is on (a subshell always exits).
fn exec_failed(shell: &mut Shell, status: i32) -> Status {
    let keep = shell.interactive || shell.opts.shopt("execfail").unwrap_or(false);
    if shell.subshell_depth > 0 || shell.is_forked_child || !keep {
        Err(Unwind::Exit(status))
    } else {
        Ok(status)
    }
}

/// `/full/path` for a relative path (bash reports exec failures so).
fn full_pathname(shell: &mut Shell, path: &[u8]) -> Vec<u8> {
    if path.starts_with(b"/") {
        return path.to_vec();
    }
    let mut p = super::cd::current_dir(shell).unwrap_or_default();
    p.push(b'/');
    p.extend_from_slice(path.strip_prefix(b"./").unwrap_or(path));
    p
}

/// The two messages bash gives when the file cannot be executed.
fn cannot_execute(shell: &mut Shell, path: &[u8], reason: &str) {
    shell.report(&[path, b": ", reason.as_bytes()].concat());
    let m = [path, b": cannot execute: ", reason.as_bytes()].concat();
    error(shell, b"exec", &m);
}

pub fn exec(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "cla:") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let args = &argv[parsed.rest..];
    let Some(name) = args.first() else {
        return Ok(0);
    };
    let path = match shell.find_command(name) {
        Found::Path(p) => full_pathname(shell, &p),
        Found::NotExecutable(p) => {
            let p = full_pathname(shell, &p);
            let is_dir = std::fs::metadata(OsStr::from_bytes(&p)).is_ok_and(|m| m.is_dir());
            let reason = if is_dir {
                "Is a directory"
            } else {
                "Permission denied"
            };
            cannot_execute(shell, &p, reason);
            return exec_failed(shell, 126);
        }
        Found::NotFound if name.contains(&b'/') => {
            // A path is tried as it is, like bash: execve says ENOENT.
            let p = full_pathname(shell, name);
            shell.report(&[p.as_slice(), b": No such file or directory"].concat());
            return exec_failed(shell, 127);
        }
        Found::NotFound => {
            error(shell, b"exec", &[name.as_slice(), b": not found"].concat());
            return exec_failed(shell, 127);
        }
    };
    let mut new_argv: Vec<Vec<u8>> = args.to_vec();
    if let Some(a0) = parsed.value(b'a') {
        new_argv[0] = a0.to_vec();
    }
    if parsed.has(b'l') {
        new_argv[0] = [b"-".as_slice(), &new_argv[0]].concat();
    }
    let envp = if parsed.has(b'c') {
        Vec::new()
    } else {
        shell.vars.environ().to_vec()
    };
    if let Some(t) = shell.terminal.as_ref() {
        t.release();
    }
    let c_argv: Vec<_> = new_argv.iter().map(|a| crate::exec::cstring(a)).collect();
    let errno = crate::sys::spawn::exec_in_place(&crate::exec::cstring(&path), &c_argv, &envp);
    exec_error(shell, &path, &new_argv, &envp, errno)
}

/// After a failed execve: a file without `#!` runs as a whelk script;
/// anything else is reported like bash does.
fn exec_error(
    shell: &mut Shell,
    path: &[u8],
    argv: &[Vec<u8>],
    envp: &[std::ffi::CString],
    errno: nix::errno::Errno,
) -> Status {
    use nix::errno::Errno;
    match errno {
        Errno::ENOEXEC => {
            let mut script = vec![shell.own_executable(), path.to_vec()];
            script.extend_from_slice(&argv[1..]);
            let c: Vec<_> = script.iter().map(|a| crate::exec::cstring(a)).collect();
            let _ = crate::sys::spawn::exec_in_place(&c[0], &c, envp);
            cannot_execute(shell, path, "Exec format error");
            exec_failed(shell, 126)
        }
        Errno::ENOENT => {
            shell.report(&[path, b": No such file or directory"].concat());
            exec_failed(shell, 127)
        }
        e => {
            cannot_execute(shell, path, e.desc());
            exec_failed(shell, 126)
        }
    }
}

/// `command [-pVv] name [args]`: runs a builtin or external command,
/// skipping functions; `-v`/`-V` describe instead.
pub fn command(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "pvV") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let std_path = parsed.has(b'p');
    let verbose = parsed
        .opts
        .iter()
        .rev()
        .find(|(c, _)| *c == b'v' || *c == b'V')
        .map(|(c, _)| *c == b'V');
    let args = &argv[parsed.rest..];
    if args.is_empty() {
        return Ok(0);
    }
    if let Some(long) = verbose {
        let d = Describe {
            style: if long { Style::Short } else { Style::Reusable },
            all: false,
            force_path: false,
            no_funcs: false,
            std_path,
            abspath: long,
        };
        let mut any = false;
        for name in args {
            let mut text = Vec::new();
            let found = describe(shell, name, d, &mut text);
            out(shell, &text);
            if !found && long {
                error(
                    shell,
                    b"command",
                    &[name.as_slice(), b": not found"].concat(),
                );
            }
            any |= found;
        }
        return Ok(if any { 0 } else { 1 });
    }
    if let Some(b) = super::find_enabled(shell, &args[0]) {
        let outer = UNDER_COMMAND.with(|c| c.replace(true));
        let result = (b.run)(shell, args);
        UNDER_COMMAND.with(|c| c.set(outer));
        return result;
    }
    let found = if std_path && !args[0].contains(&b'/') {
        match search_in(&standard_path(), &args[0], false).pop() {
            Some(p) if super::lookup::is_executable(&p) => Found::Path(p),
            Some(p) => Found::NotExecutable(p),
            None => Found::NotFound,
        }
    } else {
        shell.find_command(&args[0])
    };
    shell.run_external_found(args.to_vec(), found)
}

pub fn builtin(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let rest = match args::no_options(shell, argv) {
        Ok(r) => r,
        Err(s) => return Ok(s),
    };
    let Some(name) = argv.get(rest) else {
        return Ok(0);
    };
    match super::find_enabled(shell, name) {
        Some(b) => (b.run)(shell, &argv[rest..]),
        None => {
            error(
                shell,
                b"builtin",
                &[name.as_slice(), b": not a shell builtin"].concat(),
            );
            Ok(1)
        }
    }
}

/// bash's `legal_alias_name`: no blanks, operators, quotes, `$` or `/`.
fn legal_alias_name(name: &[u8]) -> bool {
    !name.iter().any(|b| b"()<>;&| \t\n\"'`\\$/".contains(b))
}

/// One alias as `alias name='value'` (just `name='value'` in posix mode
/// without `-p`).
fn alias_line(name: &[u8], value: &[u8], reusable: bool) -> Vec<u8> {
    let mut l = Vec::new();
    if reusable {
        l.extend_from_slice(b"alias ");
        if name.starts_with(b"-") {
            l.extend_from_slice(b"-- ");
        }
    }
    l.extend_from_slice(name);
    l.push(b'=');
    l.extend(crate::expand::quote::single_quote(value));
    l.push(b'\n');
    l
}

/// Every alias in bash's listing order (the first bytes compared as
/// signed chars, then the names byte-wise).
pub fn sorted_aliases(shell: &Shell) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut all: Vec<(Vec<u8>, Vec<u8>)> = shell
        .aliases
        .0
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    all.sort_by(|(a, _), (b, _)| {
        let first = |n: &[u8]| n.first().map_or(0, |&c| c as i8);
        first(a).cmp(&first(b)).then_with(|| a.cmp(b))
    });
    all
}

pub fn alias(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "p") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let reusable = parsed.has(b'p') || !shell.opts.get("posix");
    let operands = &argv[parsed.rest..];
    if operands.is_empty() || parsed.has(b'p') {
        let text: Vec<u8> = sorted_aliases(shell)
            .iter()
            .flat_map(|(k, v)| alias_line(k, v, reusable))
            .collect();
        out(shell, &text);
    }
    let mut status = 0;
    for arg in operands {
        match arg.iter().position(|&b| b == b'=') {
            Some(eq) if eq > 0 => {
                let name = &arg[..eq];
                if legal_alias_name(name) {
                    let value = arg[eq + 1..].to_vec();
                    shell.aliases.0.borrow_mut().insert(name.to_vec(), value);
                } else {
                    error(
                        shell,
                        b"alias",
                        &[b"`", name, b"': invalid alias name"].concat(),
                    );
                    status = 1;
                }
            }
            _ => {
                let value = shell.aliases.0.borrow().get(arg.as_slice()).cloned();
                match value {
                    Some(v) => {
                        out(shell, &alias_line(arg, &v, reusable));
                    }
                    None => {
                        error(shell, b"alias", &[arg.as_slice(), b": not found"].concat());
                        status = 1;
                    }
                }
            }
        }
    }
    Ok(status)
}

pub fn unalias(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "a") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    if parsed.has(b'a') {
        shell.aliases.0.borrow_mut().clear();
        return Ok(0);
    }
    let operands = &argv[parsed.rest..];
    if operands.is_empty() {
        args::usage(b"unalias");
        return Ok(2);
    }
    let mut status = 0;
    for arg in operands {
        let removed = shell.aliases.0.borrow_mut().remove(arg.as_slice());
        if removed.is_none() {
            error(
                shell,
                b"unalias",
                &[arg.as_slice(), b": not found"].concat(),
            );
            status = 1;
        }
    }
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_names() {
        assert!(legal_alias_name(b"ll"));
        assert!(legal_alias_name(b"-x"));
        assert!(!legal_alias_name(b"a b"));
        assert!(!legal_alias_name(b"a/b"));
        assert!(!legal_alias_name(b"a$"));
    }

    #[test]
    fn alias_lines() {
        assert_eq!(alias_line(b"q", b"it's", true), b"alias q='it'\\''s'\n");
        assert_eq!(alias_line(b"-d", b"z", true), b"alias -- -d='z'\n");
        assert_eq!(alias_line(b"a", b"1", false), b"a='1'\n");
    }

    #[test]
    fn pathnames_that_skip_path_search() {
        assert!(absolute_pathname(b"/x"));
        assert!(absolute_pathname(b"./x"));
        assert!(absolute_pathname(b".."));
        assert!(!absolute_pathname(b"x/y"));
        assert!(!absolute_pathname(b".x"));
    }
}
