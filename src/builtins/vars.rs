//! Builtins over variables and options: `declare`/`typeset`, `local`,
//! `export`, `readonly`, `unset`, `set`, `shift`, `shopt`, `let`,
//! `getopts`.

use super::{error, out, parse_number};
use crate::exec::Status;
use crate::shell::vars::{is_valid_name, Attributes, DeclScope};
use crate::shell::Shell;

fn invalid_identifier(shell: &mut Shell, builtin: &[u8], name: &[u8]) {
    let mut m = b"`".to_vec();
    m.extend_from_slice(name);
    m.extend_from_slice(b"': not a valid identifier");
    error(shell, builtin, &m);
}

/// Flags common to declare/local/export/readonly.
struct DeclFlags {
    add: Attributes,
    remove: Attributes,
    print: bool,
    functions: bool,
    function_names: bool,
    global: bool,
    inherit: bool,
}

fn parse_decl_flags(shell: &mut Shell, argv: &[Vec<u8>]) -> Result<(DeclFlags, usize), i32> {
    let mut f = DeclFlags {
        add: Attributes::NONE,
        remove: Attributes::NONE,
        print: false,
        functions: false,
        function_names: false,
        global: false,
        inherit: false,
    };
    let mut i = 1;
    while i < argv.len() {
        let arg = &argv[i];
        if arg == b"--" {
            i += 1;
            break;
        }
        if arg.len() < 2 || !(arg[0] == b'-' || arg[0] == b'+') {
            break;
        }
        let on = arg[0] == b'-';
        for &c in &arg[1..] {
            match c {
                b'p' => f.print = true,
                b'f' => f.functions = true,
                b'F' => f.function_names = true,
                b'g' => f.global = true,
                // `local -I`: inherit the value and attributes of the
                // variable of the same name in the calling scope.
                b'I' => f.inherit = true,
                _ => match Attributes::from_option_char(c) {
                    Some(a) if on => f.add.insert(a),
                    Some(a) => f.remove.insert(a),
                    None => {
                        error(
                            shell,
                            &argv[0],
                            format!("-{}: invalid option", c as char).as_bytes(),
                        );
                        return Err(2);
                    }
                },
            }
        }
        i += 1;
    }
    Ok((f, i))
}

/// Splits `name=value` / `name+=value`.
fn split_assignment(arg: &[u8]) -> (&[u8], Option<(&[u8], bool)>) {
    match arg.iter().position(|&b| b == b'=') {
        Some(eq) => {
            let (name, append) = match arg[..eq].strip_suffix(b"+") {
                Some(n) => (n, true),
                None => (&arg[..eq], false),
            };
            (name, Some((&arg[eq + 1..], append)))
        }
        None => (arg, None),
    }
}

fn declare_common(
    shell: &mut Shell,
    argv: &[Vec<u8>],
    scope: DeclScope,
    extra: Attributes,
) -> Status {
    let (mut flags, first) = match parse_decl_flags(shell, argv) {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    flags.add.insert(extra);
    let names = &argv[first..];
    if flags.functions || flags.function_names {
        // With attributes (`declare -ft f`) the functions are only checked
        // to exist (whelk keeps no per-function attributes).
        if !flags.add.is_empty() || !flags.remove.is_empty() {
            let missing = names.iter().any(|n| !shell.functions.contains_key(n));
            return Ok(i32::from(missing));
        }
        return Ok(print_functions(shell, names, flags.function_names));
    }
    if names.is_empty() || (flags.print && names.is_empty()) {
        return Ok(print_declarations(shell, &flags));
    }
    if flags.print {
        let mut status = 0;
        let mut text = Vec::new();
        for name in names {
            match shell.vars.declare_p(name) {
                Some(line) => {
                    text.extend(line);
                    text.push(b'\n');
                }
                None => {
                    error(shell, &argv[0], &[name.as_slice(), b": not found"].concat());
                    status = 1;
                }
            }
        }
        let s = out(shell, &text);
        return Ok(status.max(s));
    }
    let scope = if flags.global {
        DeclScope::Global
    } else {
        scope
    };
    let mut status = 0;
    for arg in names {
        let (name, value) = split_assignment(arg);
        let inherited = if flags.inherit && scope == DeclScope::Local {
            let attrs = shell.vars.attributes(name).unwrap_or(Attributes::NONE);
            shell.vars.get(name).map(|v| (v.into_owned(), attrs))
        } else {
            None
        };
        if let (Some((old, attrs)), None) = (&inherited, value) {
            let mut add = flags.add;
            add.insert(attrs.difference(Attributes::READONLY));
            if let Err(e) = shell
                .vars
                .declare_set(name, scope, add, flags.remove, old.clone())
            {
                shell.report(&e.message());
                status = 1;
            }
            continue;
        }
        let base = name.split(|&b| b == b'[').next().unwrap_or(name);
        if !is_valid_name(base) {
            invalid_identifier(shell, &argv[0], arg);
            status = 1;
            continue;
        }
        let result = match value {
            None => shell.vars.declare(name, scope, flags.add, flags.remove),
            Some((value, append)) => {
                let mut value = value.to_vec();
                let integer = flags.add.contains(Attributes::INTEGER)
                    || (shell.vars.is_integer(name) && !flags.remove.contains(Attributes::INTEGER));
                if integer {
                    match crate::expand::arith::eval_text(&value, shell) {
                        Ok(mut n) => {
                            if append {
                                let old = shell
                                    .vars
                                    .get(name)
                                    .map(|v| v.into_owned())
                                    .unwrap_or_default();
                                n = n.wrapping_add(
                                    crate::expand::arith::eval_text(&old, shell).unwrap_or(0),
                                );
                            }
                            value = n.to_string().into_bytes();
                        }
                        Err(e) => {
                            error(shell, &argv[0], &e.render());
                            status = 1;
                            continue;
                        }
                    }
                } else if append {
                    let mut old = shell
                        .vars
                        .get(name)
                        .map(|v| v.into_owned())
                        .unwrap_or_default();
                    old.extend(value);
                    value = old;
                }
                if name.contains(&b'[') {
                    if let Err(e) = shell.vars.declare(base, scope, flags.add, flags.remove) {
                        Err(e)
                    } else {
                        let (index_text, rest) = name.split_at(base.len());
                        let _ = index_text;
                        let word = crate::syntax::ast::Word {
                            parts: vec![crate::syntax::ast::WordPart {
                                kind: crate::syntax::ast::PartKind::Literal(
                                    rest[1..rest.len().saturating_sub(1)].to_vec(),
                                ),
                                span: Default::default(),
                            }],
                            span: Default::default(),
                        };
                        if let Err(m) = shell.assign_element_text(base, &word, value) {
                            shell.report(&m);
                            status = 1;
                        }
                        Ok(())
                    }
                } else {
                    shell
                        .vars
                        .declare_set(name, scope, flags.add, flags.remove, value)
                }
            }
        };
        if let Err(e) = result {
            shell.report(&e.message());
            status = 1;
        }
    }
    Ok(status)
}

fn print_declarations(shell: &mut Shell, flags: &DeclFlags) -> i32 {
    let mut text = Vec::new();
    for name in shell.vars.names() {
        let attrs = shell.vars.attributes(&name).unwrap_or(Attributes::NONE);
        if !flags.add.is_empty() && !attrs.contains(flags.add) {
            continue;
        }
        let line = if flags.print || !flags.add.is_empty() {
            shell.vars.declare_p(&name)
        } else {
            shell.vars.set_listing_line(&name)
        };
        if let Some(line) = line {
            text.extend(line);
            text.push(b'\n');
        }
    }
    out(shell, &text)
}

/// `declare -f` / `-F`: function definitions (as written) or names.
fn print_functions(shell: &mut Shell, names: &[Vec<u8>], names_only: bool) -> i32 {
    let mut wanted: Vec<Vec<u8>> = if names.is_empty() {
        shell.functions.keys().cloned().collect()
    } else {
        names.to_vec()
    };
    wanted.sort();
    let mut text = Vec::new();
    let mut status = 0;
    for name in wanted {
        let Some(f) = shell.functions.get(&name).cloned() else {
            status = 1;
            continue;
        };
        if names_only {
            // `declare -F f` prints the name; `declare -F` a declare line.
            if !names.is_empty() {
                text.extend_from_slice(&name);
            } else {
                text.extend_from_slice(b"declare -f ");
                text.extend_from_slice(&name);
            }
            text.push(b'\n');
            continue;
        }
        text.extend(crate::exec::function_text(&f));
        text.push(b'\n');
    }
    let s = out(shell, &text);
    status.max(s)
}

pub fn declare(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let scope = if shell.call_stack.is_empty() {
        DeclScope::Current
    } else {
        DeclScope::Local
    };
    declare_common(shell, argv, scope, Attributes::NONE)
}

pub fn local(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if shell.call_stack.is_empty() {
        error(shell, b"local", b"can only be used in a function");
        return Ok(1);
    }
    declare_common(shell, argv, DeclScope::Local, Attributes::NONE)
}

pub fn export(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let unexport = argv
        .iter()
        .skip(1)
        .take_while(|a| a.starts_with(b"-"))
        .any(|a| a.contains(&b'n'));
    if unexport {
        let args: Vec<Vec<u8>> = argv
            .iter()
            .map(|a| {
                if a.starts_with(b"-") {
                    a.iter().copied().filter(|&c| c != b'n').collect()
                } else {
                    a.clone()
                }
            })
            .filter(|a| a != b"-")
            .collect();
        let mut with_plus = vec![args[0].clone(), b"+x".to_vec()];
        with_plus.extend_from_slice(&args[1..]);
        return declare_common(shell, &with_plus, DeclScope::Current, Attributes::NONE);
    }
    if argv.len() == 1 || (argv.len() == 2 && argv[1] == b"-p") {
        return Ok(print_with(shell, Attributes::EXPORT));
    }
    trace_assignment_args(shell, argv);
    declare_common(shell, argv, DeclScope::Current, Attributes::EXPORT)
}

pub fn readonly(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.len() == 1 || (argv.len() == 2 && argv[1] == b"-p") {
        return Ok(print_with(shell, Attributes::READONLY));
    }
    trace_assignment_args(shell, argv);
    declare_common(shell, argv, DeclScope::Current, Attributes::READONLY)
}

/// bash's `set -x` shows the assignments `export`/`readonly` make.
fn trace_assignment_args(shell: &mut Shell, argv: &[Vec<u8>]) {
    if !shell.opts.xtrace() {
        return;
    }
    for arg in argv.iter().skip(1).filter(|a| !a.starts_with(b"-")) {
        if let (name, Some((value, append))) = split_assignment(arg) {
            shell.trace_assignment(name, append, value);
        }
    }
}

/// `export -p` / `readonly -p`: bash prints `declare -x …` lines.
fn print_with(shell: &mut Shell, attr: Attributes) -> i32 {
    let mut text = Vec::new();
    for name in shell.vars.names() {
        if shell
            .vars
            .attributes(&name)
            .is_some_and(|a| a.contains(attr))
        {
            if let Some(line) = shell.vars.declare_p(&name) {
                text.extend(line);
                text.push(b'\n');
            }
        }
    }
    out(shell, &text)
}

pub fn unset(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut mode = b'b';
    let mut i = 1;
    while let Some(arg) = argv.get(i) {
        match arg.as_slice() {
            b"-f" => mode = b'f',
            b"-v" => mode = b'v',
            b"-n" => mode = b'n',
            b"--" => {
                i += 1;
                break;
            }
            _ => break,
        }
        i += 1;
    }
    let mut status = 0;
    for name in &argv[i..] {
        if mode == b'f' {
            shell.functions.remove(name);
            continue;
        }
        if let Some(open) = name.iter().position(|&b| b == b'[') {
            if name.ends_with(b"]") {
                let base = &name[..open];
                let sub = &name[open + 1..name.len() - 1];
                let result = if sub == b"@" || sub == b"*" {
                    shell.vars.unset(base)
                } else if shell.vars.is_assoc(base) {
                    shell
                        .vars
                        .unset_element(base, crate::shell::vars::Subscript::Key(sub))
                } else {
                    match crate::expand::arith::eval_text(sub, shell) {
                        Ok(n) => shell
                            .vars
                            .unset_element(base, crate::shell::vars::Subscript::Index(n)),
                        Err(e) => {
                            error(shell, b"unset", &e.render());
                            status = 1;
                            continue;
                        }
                    }
                };
                if let Err(e) = result {
                    shell.report(&e.message());
                    status = 1;
                }
                continue;
            }
        }
        if !is_valid_name(name) {
            // Not a variable name: bash treats it as a function name
            // (unsetting a function that does not exist is no error).
            if mode != b'v' {
                shell.functions.remove(name);
                continue;
            }
            invalid_identifier(shell, b"unset", name);
            status = 1;
            continue;
        }
        if mode == b'b' && !shell.vars.exists(name) && shell.functions.contains_key(name) {
            shell.functions.remove(name);
            continue;
        }
        if let Err(e) = shell.vars.unset_with(name, mode == b'n') {
            error(shell, b"unset", &e.message());
            status = 1;
        }
    }
    Ok(status)
}

pub fn set(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.len() == 1 {
        let mut text = Vec::new();
        for name in shell.vars.names() {
            if let Some(line) = shell.vars.set_listing_line(&name) {
                text.extend(line);
                text.push(b'\n');
            }
        }
        return Ok(out(shell, &text));
    }
    let mut i = 1;
    while i < argv.len() {
        let arg = argv[i].clone();
        if arg == b"--" {
            shell.positional = argv[i + 1..].to_vec();
            return Ok(0);
        }
        if arg == b"-" {
            shell.opts.set_named("xtrace", false);
            shell.opts.set_named("verbose", false);
            i += 1;
            break;
        }
        if arg.len() < 2 || !(arg[0] == b'-' || arg[0] == b'+') {
            break;
        }
        let on = arg[0] == b'-';
        for &c in &arg[1..] {
            if c == b'o' {
                i += 1;
                match argv.get(i) {
                    Some(name) => {
                        if !set_option(shell, name, on) {
                            let m = [name.as_slice(), b": invalid option name"].concat();
                            error(shell, b"set", &m);
                            return Ok(2);
                        }
                    }
                    None => return Ok(list_options(shell, on)),
                }
                continue;
            }
            if c == b'i' || c == b'c' || c == b's' {
                continue;
            }
            if !shell.opts.set_letter(c, on) {
                error(
                    shell,
                    b"set",
                    format!("{}{}: invalid option", arg[0] as char, c as char).as_bytes(),
                );
                return Ok(2);
            }
            after_option_change(shell, c, on);
        }
        i += 1;
    }
    if i < argv.len() {
        shell.positional = argv[i..].to_vec();
    }
    Ok(0)
}

fn set_option(shell: &mut Shell, name: &[u8], on: bool) -> bool {
    let Ok(name) = std::str::from_utf8(name) else {
        return false;
    };
    if !shell.opts.set_named(name, on) {
        return false;
    }
    if let Some(&(_, Some(letter))) = crate::shell::options::SET_OPTIONS
        .iter()
        .find(|(n, _)| *n == name)
    {
        after_option_change(shell, letter, on);
    }
    true
}

/// Options whose change has effects beyond the flag.
fn after_option_change(shell: &mut Shell, letter: u8, on: bool) {
    match letter {
        b'a' => shell.vars.set_allexport(on),
        b'm' => shell.set_job_control(on),
        _ => {}
    }
}

/// `set -o` (table) or `set +o` (commands that recreate the settings).
fn list_options(shell: &mut Shell, table: bool) -> i32 {
    let mut text = Vec::new();
    let all: Vec<(&str, bool)> = shell.opts.all().collect();
    for (name, on) in all {
        if table {
            text.extend(format!("{name:<15}\t{}\n", if on { "on" } else { "off" }).into_bytes());
        } else {
            text.extend(format!("set {}o {name}\n", if on { '-' } else { '+' }).into_bytes());
        }
    }
    out(shell, &text)
}

pub fn shift(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let n = match argv.get(1) {
        None => 1,
        Some(a) => match parse_number(a) {
            Some(n) if n >= 0 => n as usize,
            _ => {
                error(
                    shell,
                    b"shift",
                    &[a.as_slice(), b": numeric argument required"].concat(),
                );
                return Ok(1);
            }
        },
    };
    if n > shell.positional.len() {
        // bash complains only in POSIX mode.
        if shell.opts.posix() {
            error(
                shell,
                b"shift",
                format!("{n}: shift count out of range").as_bytes(),
            );
        }
        return Ok(1);
    }
    shell.positional.drain(..n);
    Ok(0)
}

pub fn shopt(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut set = None;
    let mut quiet = false;
    let mut print = false;
    let mut set_o = false;
    let mut i = 1;
    while let Some(arg) = argv.get(i) {
        if arg.len() < 2 || arg[0] != b'-' {
            break;
        }
        for &c in &arg[1..] {
            match c {
                b's' => set = Some(true),
                b'u' => set = Some(false),
                b'q' => quiet = true,
                b'p' => print = true,
                b'o' => set_o = true,
                _ => {
                    error(
                        shell,
                        b"shopt",
                        format!("-{}: invalid option", c as char).as_bytes(),
                    );
                    return Ok(2);
                }
            }
        }
        i += 1;
    }
    let names: Vec<String> = argv[i..]
        .iter()
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    let get = |shell: &Shell, n: &str| {
        if set_o {
            shell.opts.all().find(|(m, _)| *m == n).map(|(_, on)| on)
        } else {
            shell.opts.shopt(n)
        }
    };
    if let Some(on) = set {
        let mut status = 0;
        for n in &names {
            let ok = if set_o {
                set_option(shell, n.as_bytes(), on)
            } else {
                shell.opts.set_shopt(n, on)
            };
            if !ok {
                error(
                    shell,
                    b"shopt",
                    format!("{n}: invalid shell option name").as_bytes(),
                );
                status = 1;
            }
        }
        return Ok(status);
    }
    let list: Vec<(String, bool)> = if names.is_empty() {
        if set_o {
            shell
                .opts
                .all()
                .map(|(n, on)| (n.to_string(), on))
                .collect()
        } else {
            shell
                .opts
                .all_shopt()
                .map(|(n, on)| (n.to_string(), on))
                .collect()
        }
    } else {
        let mut v = Vec::new();
        for n in &names {
            match get(shell, n) {
                Some(on) => v.push((n.clone(), on)),
                None => {
                    error(
                        shell,
                        b"shopt",
                        format!("{n}: invalid shell option name").as_bytes(),
                    );
                    return Ok(1);
                }
            }
        }
        v
    };
    let status = i32::from(list.iter().any(|(_, on)| !on));
    if quiet {
        return Ok(status);
    }
    let mut text = Vec::new();
    for (n, on) in &list {
        if print {
            let flag = if set_o { 'o' } else { ' ' };
            let sw = if *on { 's' } else { 'u' };
            let line = if set_o {
                format!("set {}o {n}\n", if *on { '-' } else { '+' })
            } else {
                format!("shopt -{sw}{} {n}\n", if flag == 'o' { "o" } else { "" })
            };
            text.extend(line.into_bytes());
        } else {
            text.extend(format!("{n:<15}\t{}\n", if *on { "on" } else { "off" }).into_bytes());
        }
    }
    let s = out(shell, &text);
    Ok(if names.is_empty() { s } else { status.max(s) })
}

pub fn let_(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.len() < 2 {
        error(shell, b"let", b"expression expected");
        return Ok(1);
    }
    let mut last = 0;
    for expr in &argv[1..] {
        match crate::expand::arith::eval_text(expr, shell) {
            Ok(n) => last = n,
            Err(e) => {
                error(shell, b"let", &e.render());
                return Ok(1);
            }
        }
    }
    Ok(i32::from(last == 0))
}

/// `getopts optstring name [arg…]`, POSIX with bash's messages.
pub fn getopts(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.len() < 3 {
        error(
            shell,
            b"getopts",
            b"usage: getopts optstring name [arg ...]",
        );
        return Ok(2);
    }
    let optstring = argv[1].clone();
    let name = argv[2].clone();
    let args: Vec<Vec<u8>> = if argv.len() > 3 {
        argv[3..].to_vec()
    } else {
        shell.positional.clone()
    };
    let silent = optstring.first() == Some(&b':')
        || shell
            .vars
            .get(b"OPTERR")
            .is_some_and(|v| v.as_ref() == b"0");
    let optind = shell
        .vars
        .get(b"OPTIND")
        .and_then(|v| parse_number(&v))
        .filter(|&n| n >= 1)
        .unwrap_or(1) as usize;
    // Position inside a bundle of letters (`-abc`), kept across calls.
    let mut sub = shell.getopts_offset;
    if shell.getopts_optind != optind {
        sub = 0;
    }
    let set = |shell: &mut Shell, n: &[u8], v: &[u8]| {
        let _ = shell.vars.set(n, v.to_vec());
    };
    let finish = |shell: &mut Shell, optind: usize, sub: usize| {
        shell.getopts_optind = optind;
        shell.getopts_offset = sub;
        let _ = shell.vars.set(b"OPTIND", optind.to_string().into_bytes());
    };
    let Some(arg) = args.get(optind - 1) else {
        set(shell, &name, b"?");
        finish(shell, optind, 0);
        return Ok(1);
    };
    if sub == 0 {
        if arg == b"--" {
            set(shell, &name, b"?");
            finish(shell, optind + 1, 0);
            return Ok(1);
        }
        if arg.len() < 2 || arg[0] != b'-' {
            set(shell, &name, b"?");
            finish(shell, optind, 0);
            return Ok(1);
        }
        sub = 1;
    }
    let c = arg[sub];
    sub += 1;
    let (mut next_ind, mut next_sub) = if sub >= arg.len() {
        (optind + 1, 0)
    } else {
        (optind, sub)
    };
    let spec = optstring.iter().position(|&o| o == c && o != b':');
    let Some(pos) = spec else {
        if silent {
            set(shell, &name, b"?");
            set(shell, b"OPTARG", &[c]);
        } else {
            set(shell, &name, b"?");
            let _ = shell.vars.unset(b"OPTARG");
            error(
                shell,
                &shell.arg0.clone(),
                format!("illegal option -- {}", c as char).as_bytes(),
            );
        }
        finish(shell, next_ind, next_sub);
        return Ok(0);
    };
    if optstring.get(pos + 1) == Some(&b':') {
        let value = if next_sub != 0 {
            let v = arg[next_sub..].to_vec();
            next_ind = optind + 1;
            next_sub = 0;
            Some(v)
        } else if let Some(v) = args.get(next_ind - 1) {
            next_ind += 1;
            Some(v.clone())
        } else {
            None
        };
        match value {
            Some(v) => set(shell, b"OPTARG", &v),
            None => {
                if silent {
                    set(shell, &name, b":");
                    set(shell, b"OPTARG", &[c]);
                } else {
                    set(shell, &name, b"?");
                    let _ = shell.vars.unset(b"OPTARG");
                    error(
                        shell,
                        &shell.arg0.clone(),
                        format!("option requires an argument -- {}", c as char).as_bytes(),
                    );
                }
                finish(shell, next_ind, next_sub);
                return Ok(0);
            }
        }
    } else {
        let _ = shell.vars.unset(b"OPTARG");
    }
    set(shell, &name, &[c]);
    finish(shell, next_ind, next_sub);
    Ok(0)
}
