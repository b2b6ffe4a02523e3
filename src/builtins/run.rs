//! Builtins that run or locate commands and manage the environment:
//! `.`/`source`, `eval`, `exec`, `command`, `builtin`, `type`, `hash`,
//! `cd`, `pwd`, `pushd`/`popd`/`dirs`, `alias`/`unalias`, `umask`,
//! `ulimit`.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::rc::Rc;

use super::{error, out, parse_number, Builtin};
use crate::exec::{InputKind, Status, Unwind};
use crate::shell::Shell;
use crate::syntax::Source;

pub const MORE_NAMES: &[&str] = &["enable", "ulimit"];

pub fn find_more(name: &[u8]) -> Option<Builtin> {
    match name {
        b"ulimit" => Some(Builtin {
            name: "ulimit",
            special: false,
            run: ulimit,
        }),
        b"enable" => Some(Builtin {
            name: "enable",
            special: false,
            run: enable,
        }),
        _ => None,
    }
}

pub fn source(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let Some(file) = argv.get(1) else {
        error(shell, &argv[0], b"filename argument required");
        return Ok(2);
    };
    let path = if file.contains(&b'/') {
        file.clone()
    } else {
        match shell.search_path_readable(file) {
            Some(p) => p,
            None => file.clone(),
        }
    };
    let text = match std::fs::read(OsStr::from_bytes(&path)) {
        Ok(t) => t,
        Err(e) => {
            let m = [
                file.as_slice(),
                b": ",
                crate::exec::describe_io_error(&e).as_bytes(),
            ]
            .concat();
            error(shell, &argv[0], &m);
            return if shell.interactive {
                Ok(1)
            } else {
                Err(Unwind::Exit(1))
            };
        }
    };
    let saved_positional =
        (argv.len() > 2).then(|| std::mem::replace(&mut shell.positional, argv[2..].to_vec()));
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
    let text = argv[1..].join(&b' ');
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

pub fn exec(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut args = &argv[1..];
    let mut arg0 = None;
    let mut clear_env = false;
    let mut login = false;
    while let Some(a) = args.first() {
        match a.as_slice() {
            b"-c" => clear_env = true,
            b"-l" => login = true,
            b"-a" if args.len() > 1 => {
                arg0 = Some(args[1].clone());
                args = &args[1..];
            }
            b"--" => {
                args = &args[1..];
                break;
            }
            _ => break,
        }
        args = &args[1..];
    }
    let Some(name) = args.first() else {
        return Ok(0);
    };
    let path = match shell.find_command(name) {
        crate::exec::Found::Path(p) => p,
        crate::exec::Found::NotExecutable(_) => {
            error(
                shell,
                b"exec",
                &[name.as_slice(), b": Permission denied"].concat(),
            );
            return Err(Unwind::Exit(126));
        }
        crate::exec::Found::NotFound => {
            error(shell, b"exec", &[name.as_slice(), b": not found"].concat());
            return if shell.interactive {
                Ok(127)
            } else {
                Err(Unwind::Exit(127))
            };
        }
    };
    let mut new_argv: Vec<Vec<u8>> = args.to_vec();
    if let Some(a0) = arg0 {
        new_argv[0] = a0;
    }
    if login {
        let mut a = b"-".to_vec();
        a.extend_from_slice(&new_argv[0]);
        new_argv[0] = a;
    }
    let c_argv: Vec<_> = new_argv.iter().map(|a| crate::exec::cstring(a)).collect();
    let envp = if clear_env {
        Vec::new()
    } else {
        shell.vars.environ().to_vec()
    };
    if let Some(t) = shell.terminal.as_ref() {
        t.release();
    }
    let errno = crate::sys::spawn::exec_in_place(&crate::exec::cstring(&path), &c_argv, &envp);
    let m = [name.as_slice(), b": ", errno.desc().as_bytes()].concat();
    error(shell, b"exec", &m);
    if shell.interactive {
        Ok(126)
    } else {
        Err(Unwind::Exit(126))
    }
}

/// `command [-pVv] name [args]`: runs a builtin or external command,
/// skipping functions; `-v`/`-V` describe instead.
pub fn command(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut i = 1;
    let mut describe = None;
    while let Some(a) = argv.get(i) {
        match a.as_slice() {
            b"-p" => {}
            b"-v" => describe = Some(false),
            b"-V" => describe = Some(true),
            b"--" => {
                i += 1;
                break;
            }
            _ if a.starts_with(b"-") && a.len() > 1 => {
                for &c in &a[1..] {
                    match c {
                        b'v' => describe = Some(false),
                        b'V' => describe = Some(true),
                        b'p' => {}
                        _ => {
                            error(
                                shell,
                                b"command",
                                format!("-{}: invalid option", c as char).as_bytes(),
                            );
                            return Ok(2);
                        }
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    let args = &argv[i..];
    if args.is_empty() {
        return Ok(0);
    }
    if let Some(verbose) = describe {
        let mut status = 0;
        for name in args {
            if describe_command(shell, name, verbose, false) != 0 {
                status = 1;
            }
        }
        return Ok(status);
    }
    if let Some(b) = super::find(&args[0]) {
        return (b.run)(shell, args);
    }
    shell.run_external_argv(args.to_vec())
}

pub fn builtin(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let Some(name) = argv.get(1) else {
        return Ok(0);
    };
    match super::find(name) {
        Some(b) => (b.run)(shell, &argv[1..]),
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

const KEYWORDS: &[&[u8]] = &[
    b"if",
    b"then",
    b"else",
    b"elif",
    b"fi",
    b"case",
    b"esac",
    b"for",
    b"select",
    b"while",
    b"until",
    b"do",
    b"done",
    b"in",
    b"function",
    b"time",
    b"{",
    b"}",
    b"!",
    b"[[",
    b"]]",
    b"coproc",
];

/// Describes one name for `type` / `command -v`; returns 0 if found.
fn describe_command(shell: &mut Shell, name: &[u8], verbose: bool, type_t: bool) -> i32 {
    let mut line = Vec::new();
    let say = |line: &mut Vec<u8>, short: &[u8], long: &[u8]| {
        if type_t {
            line.extend_from_slice(short);
        } else if verbose {
            line.extend_from_slice(name);
            line.extend_from_slice(long);
        } else {
            line.extend_from_slice(name);
        }
    };
    let alias = shell.aliases.0.borrow().get(name).cloned();
    if let Some(value) = alias {
        if type_t {
            line.extend_from_slice(b"alias");
        } else if verbose {
            line.extend_from_slice(name);
            line.extend_from_slice(b" is aliased to `");
            line.extend_from_slice(&value);
            line.extend_from_slice(b"'");
        } else {
            line.extend_from_slice(b"alias ");
            line.extend_from_slice(name);
            line.push(b'=');
            line.extend(crate::expand::quote::single_quote(&value));
        }
    } else if KEYWORDS.contains(&name) {
        say(&mut line, b"keyword", b" is a shell keyword");
    } else if let Some(f) = shell.functions.get(name).cloned() {
        if type_t {
            line.extend_from_slice(b"function");
        } else if verbose {
            line.extend_from_slice(name);
            line.extend_from_slice(b" is a function\n");
            line.extend(crate::exec::function_text(&f));
        } else {
            line.extend_from_slice(name);
        }
    } else if super::find(name).is_some() {
        say(&mut line, b"builtin", b" is a shell builtin");
    } else {
        match shell.find_command(name) {
            crate::exec::Found::Path(p) => {
                if type_t {
                    line.extend_from_slice(b"file");
                } else if verbose {
                    line.extend_from_slice(name);
                    line.extend_from_slice(b" is ");
                    line.extend_from_slice(&p);
                } else {
                    line.extend_from_slice(&p);
                }
            }
            _ => {
                if verbose && !type_t {
                    error(shell, b"type", &[name, b": not found"].concat());
                }
                return 1;
            }
        }
    }
    line.push(b'\n');
    out(shell, &line)
}

pub fn type_(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut type_t = false;
    let mut path_only = false;
    let mut all = false;
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        if a.len() < 2 || a[0] != b'-' {
            break;
        }
        for &c in &a[1..] {
            match c {
                b't' => type_t = true,
                b'p' | b'P' => path_only = true,
                b'a' => all = true,
                b'f' => {}
                _ => {
                    error(
                        shell,
                        b"type",
                        format!("-{}: invalid option", c as char).as_bytes(),
                    );
                    return Ok(2);
                }
            }
        }
        i += 1;
    }
    let _ = all;
    let mut status = 0;
    for name in &argv[i..] {
        if path_only {
            match shell.search_path(name) {
                crate::exec::Found::Path(p) => {
                    let mut l = p;
                    l.push(b'\n');
                    out(shell, &l);
                }
                _ => status = 1,
            }
            continue;
        }
        if describe_command(shell, name, true, type_t) != 0 {
            status = 1;
        }
    }
    Ok(status)
}

pub fn hash(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.len() == 1 {
        if shell.hash.is_empty() {
            if !shell.interactive {
                return Ok(0);
            }
            error(shell, b"hash", b"hash table empty");
            return Ok(0);
        }
        let mut text = b"hits\tcommand\n".to_vec();
        let mut entries: Vec<_> = shell.hash.values().cloned().collect();
        entries.sort();
        for p in entries {
            text.extend_from_slice(b"   1\t");
            text.extend(p);
            text.push(b'\n');
        }
        return Ok(out(shell, &text));
    }
    let mut status = 0;
    for name in &argv[1..] {
        if name == b"-r" {
            shell.hash.clear();
            continue;
        }
        match shell.search_path(name) {
            crate::exec::Found::Path(p) => {
                shell.hash.insert(name.clone(), p);
            }
            _ => {
                error(shell, b"hash", &[name.as_slice(), b": not found"].concat());
                status = 1;
            }
        }
    }
    Ok(status)
}

fn current_dir_bytes() -> Option<Vec<u8>> {
    std::env::current_dir()
        .ok()
        .map(|p| p.as_os_str().as_bytes().to_vec())
}

/// Resolves `.` and `..` textually (cd -L).
fn normalize(path: &[u8]) -> Vec<u8> {
    let mut parts: Vec<&[u8]> = Vec::new();
    for comp in path.split(|&b| b == b'/') {
        match comp {
            b"" | b"." => {}
            b".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = Vec::new();
    for p in parts {
        out.push(b'/');
        out.extend_from_slice(p);
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

/// Changes directory and updates PWD/OLDPWD; the error text on failure.
pub fn change_dir(shell: &mut Shell, target: &[u8], physical: bool) -> Result<(), String> {
    let pwd = shell
        .vars
        .get(b"PWD")
        .map(|v| v.into_owned())
        .or_else(current_dir_bytes)
        .unwrap_or_default();
    let logical = if target.starts_with(b"/") {
        normalize(target)
    } else {
        let mut joined = pwd.clone();
        joined.push(b'/');
        joined.extend_from_slice(target);
        normalize(&joined)
    };
    let attempt = if physical {
        target.to_vec()
    } else {
        logical.clone()
    };
    if let Err(e) = std::env::set_current_dir(OsStr::from_bytes(&attempt)) {
        // A logical path through a removed or unreadable parent: try as given.
        if physical || std::env::set_current_dir(OsStr::from_bytes(target)).is_err() {
            return Err(crate::exec::describe_io_error(&e));
        }
    }
    let new_pwd = if physical {
        current_dir_bytes().unwrap_or(logical)
    } else {
        logical
    };
    let _ = shell.vars.set(b"OLDPWD", pwd);
    let _ = shell.vars.set(b"PWD", new_pwd);
    Ok(())
}

pub fn cd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut physical = shell.opts.get("physical");
    let mut i = 1;
    while let Some(a) = argv.get(i) {
        match a.as_slice() {
            b"-P" => physical = true,
            b"-L" => physical = false,
            b"-e" | b"-@" => {}
            b"--" => {
                i += 1;
                break;
            }
            _ => break,
        }
        i += 1;
    }
    if argv.len() > i + 1 {
        error(shell, b"cd", b"too many arguments");
        return Ok(1);
    }
    let mut print = false;
    let target = match argv.get(i).map(Vec::as_slice) {
        None => match shell.vars.get(b"HOME") {
            Some(h) => h.into_owned(),
            None => {
                error(shell, b"cd", b"HOME not set");
                return Ok(1);
            }
        },
        Some(b"-") => match shell.vars.get(b"OLDPWD") {
            Some(o) => {
                print = true;
                o.into_owned()
            }
            None => {
                error(shell, b"cd", b"OLDPWD not set");
                return Ok(1);
            }
        },
        Some(t) => t.to_vec(),
    };
    let mut resolved = target.clone();
    let relative = !target.starts_with(b"/")
        && !target.starts_with(b"./")
        && !target.starts_with(b"../")
        && target != b"."
        && target != b"..";
    if relative {
        if let Some(cdpath) = shell.vars.get(b"CDPATH").map(|v| v.into_owned()) {
            for dir in cdpath.split(|&b| b == b':') {
                if dir.is_empty() {
                    continue;
                }
                let mut candidate = dir.to_vec();
                candidate.push(b'/');
                candidate.extend_from_slice(&target);
                if std::fs::metadata(OsStr::from_bytes(&candidate)).is_ok_and(|m| m.is_dir()) {
                    resolved = candidate;
                    print = true;
                    break;
                }
            }
        }
    }
    match change_dir(shell, &resolved, physical) {
        Ok(()) => {
            if print {
                let mut line = shell
                    .vars
                    .get(b"PWD")
                    .map(|v| v.into_owned())
                    .unwrap_or_default();
                line.push(b'\n');
                out(shell, &line);
            }
            Ok(0)
        }
        Err(reason) => {
            let m = [target.as_slice(), b": ", reason.as_bytes()].concat();
            error(shell, b"cd", &m);
            Ok(1)
        }
    }
}

pub fn pwd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let physical = argv.iter().skip(1).any(|a| a == b"-P");
    let pwd = if physical {
        current_dir_bytes()
    } else {
        let v = shell.vars.get(b"PWD").map(|v| v.into_owned());
        match (v, current_dir_bytes()) {
            (Some(v), Some(real)) => {
                let same = std::fs::canonicalize(OsStr::from_bytes(&v))
                    .ok()
                    .map(|p| p.as_os_str().as_bytes().to_vec())
                    == std::fs::canonicalize(OsStr::from_bytes(&real))
                        .ok()
                        .map(|p| p.as_os_str().as_bytes().to_vec());
                Some(if same { v } else { real })
            }
            (None, real) => real,
            (v, None) => v,
        }
    };
    match pwd {
        Some(mut p) => {
            p.push(b'\n');
            Ok(out(shell, &p))
        }
        None => {
            error(shell, b"pwd", b"error retrieving current directory");
            Ok(1)
        }
    }
}

fn print_dirs(shell: &mut Shell) -> i32 {
    let mut line = shell
        .vars
        .get(b"PWD")
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let home = shell
        .vars
        .get(b"HOME")
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let tilde = |p: &[u8]| -> Vec<u8> {
        if !home.is_empty()
            && p.starts_with(&home)
            && (p.len() == home.len() || p[home.len()] == b'/')
        {
            [b"~".as_slice(), &p[home.len()..]].concat()
        } else {
            p.to_vec()
        }
    };
    line = tilde(&line);
    for d in shell.dir_stack.iter().rev() {
        line.push(b' ');
        line.extend(tilde(d));
    }
    line.push(b'\n');
    out(shell, &line)
}

pub fn dirs(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.iter().any(|a| a == b"-c") {
        shell.dir_stack.clear();
        return Ok(0);
    }
    Ok(print_dirs(shell))
}

pub fn pushd(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let pwd = shell
        .vars
        .get(b"PWD")
        .map(|v| v.into_owned())
        .or_else(current_dir_bytes)
        .unwrap_or_default();
    let target = match argv.get(1) {
        Some(t) => t.clone(),
        None => match shell.dir_stack.pop() {
            Some(t) => t,
            None => {
                error(shell, b"pushd", b"no other directory");
                return Ok(1);
            }
        },
    };
    if let Err(reason) = change_dir(shell, &target, false) {
        error(
            shell,
            b"pushd",
            &[target.as_slice(), b": ", reason.as_bytes()].concat(),
        );
        return Ok(1);
    }
    shell.dir_stack.push(pwd);
    Ok(print_dirs(shell))
}

pub fn popd(shell: &mut Shell, _argv: &[Vec<u8>]) -> Status {
    let Some(target) = shell.dir_stack.pop() else {
        error(shell, b"popd", b"directory stack empty");
        return Ok(1);
    };
    if let Err(reason) = change_dir(shell, &target, false) {
        error(
            shell,
            b"popd",
            &[target.as_slice(), b": ", reason.as_bytes()].concat(),
        );
        return Ok(1);
    }
    Ok(print_dirs(shell))
}

pub fn alias(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let args: Vec<&Vec<u8>> = argv[1..].iter().filter(|a| a.as_slice() != b"-p").collect();
    let line = |name: &[u8], value: &[u8]| {
        let mut l = b"alias ".to_vec();
        l.extend_from_slice(name);
        l.push(b'=');
        l.extend(crate::expand::quote::single_quote(value));
        l.push(b'\n');
        l
    };
    if args.is_empty() {
        let mut all: Vec<(Vec<u8>, Vec<u8>)> = shell
            .aliases
            .0
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        all.sort();
        let text: Vec<u8> = all.iter().flat_map(|(k, v)| line(k, v)).collect();
        return Ok(out(shell, &text));
    }
    let mut status = 0;
    for arg in args {
        match arg.iter().position(|&b| b == b'=') {
            Some(eq) => {
                shell
                    .aliases
                    .0
                    .borrow_mut()
                    .insert(arg[..eq].to_vec(), arg[eq + 1..].to_vec());
            }
            None => {
                let value = shell.aliases.0.borrow().get(arg.as_slice()).cloned();
                match value {
                    Some(v) => {
                        out(shell, &line(arg, &v));
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
    let mut status = 0;
    for arg in &argv[1..] {
        if arg == b"-a" {
            shell.aliases.0.borrow_mut().clear();
            continue;
        }
        if shell
            .aliases
            .0
            .borrow_mut()
            .remove(arg.as_slice())
            .is_none()
        {
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

pub fn umask(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    // SAFETY: umask only swaps the process's mask; we restore it at once.
    let current = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    } as u32;
    let symbolic = argv.iter().any(|a| a == b"-S");
    let operand = argv[1..].iter().find(|a| !a.starts_with(b"-"));
    match operand {
        None => {
            let text = if symbolic {
                let perm = |shift: u32| {
                    let bits = !current >> shift & 7;
                    let mut s = String::new();
                    if bits & 4 != 0 {
                        s.push('r');
                    }
                    if bits & 2 != 0 {
                        s.push('w');
                    }
                    if bits & 1 != 0 {
                        s.push('x');
                    }
                    s
                };
                format!("u={},g={},o={}\n", perm(6), perm(3), perm(0))
            } else {
                format!("{current:04o}\n")
            };
            Ok(out(shell, text.as_bytes()))
        }
        Some(mask) => {
            let Some(value) = std::str::from_utf8(mask)
                .ok()
                .and_then(|s| u32::from_str_radix(s, 8).ok())
            else {
                error(
                    shell,
                    b"umask",
                    &[mask.as_slice(), b": octal number out of range"].concat(),
                );
                return Ok(1);
            };
            // SAFETY: sets the process's file creation mask.
            unsafe { libc::umask(value as libc::mode_t) };
            Ok(0)
        }
    }
}

fn ulimit(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    use nix::sys::resource::{getrlimit, setrlimit, Resource};
    let mut resource = Resource::RLIMIT_FSIZE;
    let mut scale = 512u64;
    let mut value = None;
    let mut hard = false;
    let mut soft = false;
    for arg in &argv[1..] {
        match arg.as_slice() {
            b"-f" => (resource, scale) = (Resource::RLIMIT_FSIZE, 512),
            b"-n" => (resource, scale) = (Resource::RLIMIT_NOFILE, 1),
            b"-s" => (resource, scale) = (Resource::RLIMIT_STACK, 1024),
            b"-c" => (resource, scale) = (Resource::RLIMIT_CORE, 512),
            b"-v" => (resource, scale) = (Resource::RLIMIT_AS, 1024),
            b"-u" => (resource, scale) = (Resource::RLIMIT_NPROC, 1),
            b"-t" => (resource, scale) = (Resource::RLIMIT_CPU, 1),
            b"-d" => (resource, scale) = (Resource::RLIMIT_DATA, 1024),
            b"-H" => hard = true,
            b"-S" => soft = true,
            b"-a" => {}
            v => value = Some(v.to_vec()),
        }
    }
    let Ok((cur, max)) = getrlimit(resource) else {
        return Ok(1);
    };
    match value {
        None => {
            let shown = if hard { max } else { cur };
            let text = if shown == libc::RLIM_INFINITY {
                "unlimited\n".to_string()
            } else {
                format!("{}\n", shown / scale)
            };
            Ok(out(shell, text.as_bytes()))
        }
        Some(v) => {
            let n = if v == b"unlimited" {
                libc::RLIM_INFINITY
            } else {
                match parse_number(&v) {
                    Some(n) if n >= 0 => (n as u64).saturating_mul(scale),
                    _ => {
                        error(
                            shell,
                            b"ulimit",
                            &[v.as_slice(), b": invalid number"].concat(),
                        );
                        return Ok(1);
                    }
                }
            };
            let (new_cur, new_max) = match (hard, soft) {
                (true, false) => (cur.min(n), n),
                (false, true) => (n, max),
                _ => (n, n),
            };
            match setrlimit(resource, new_cur, new_max) {
                Ok(()) => Ok(0),
                Err(e) => {
                    error(
                        shell,
                        b"ulimit",
                        format!("cannot modify limit: {}", e.desc()).as_bytes(),
                    );
                    Ok(1)
                }
            }
        }
    }
}

fn enable(shell: &mut Shell, _argv: &[Vec<u8>]) -> Status {
    let mut text = Vec::new();
    for name in super::names() {
        text.extend_from_slice(b"enable ");
        text.extend_from_slice(name.as_bytes());
        text.push(b'\n');
    }
    Ok(out(shell, &text))
}
