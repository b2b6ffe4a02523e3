//! `compgen` and the generation of completions from a [`CompSpec`]
//! (bash's `gen_compspec_completions`): actions in bash's order, then
//! `-G` globs, `-W` words, `-F` functions and `-C` commands, the `-X`
//! filter, `-P`/`-S` and the directory fallbacks. File names come in
//! directory order, like readline's. Entry points: [`compgen`],
//! [`generate`].

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;

use super::complete::{option_bit, parse_spec_args, CompSpec, ACTIONS};
use super::{error, out};
use crate::exec::Status;
use crate::expand::pattern::{Pattern, PatternOptions};
use crate::shell::Shell;

pub fn compgen(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let a = match parse_spec_args(shell, argv, false) {
        Ok(a) => a,
        Err(s) => return Ok(s),
    };
    if !a.given {
        return Ok(0);
    }
    let word = argv.get(a.rest).cloned().unwrap_or_default();
    if a.spec.funcname.is_some() {
        error(
            shell,
            b"compgen",
            b"warning: -F option may not work as you expect",
        );
    }
    if a.spec.command.is_some() {
        error(
            shell,
            b"compgen",
            b"warning: -C option may not work as you expect",
        );
    }
    let mut matches = generate(shell, &a.spec, &word, b"compgen");
    if matches.is_empty() && a.spec.options & option_bit("default") != 0 {
        matches = files(shell, &word, FileKind::Any);
    }
    if matches.is_empty() {
        return Ok(1);
    }
    let mut text = Vec::new();
    for m in matches {
        text.extend(m);
        text.push(b'\n');
    }
    Ok(out(shell, &text))
}

/// Everything `spec` generates for `word` when completing an argument
/// of `command`.
pub fn generate(shell: &mut Shell, spec: &CompSpec, word: &[u8], command: &[u8]) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    for (i, (name, _)) in ACTIONS.iter().enumerate() {
        if spec.actions & (1 << i) != 0 {
            all.extend(action(shell, name, word));
        }
    }
    if let Some(g) = &spec.globpat {
        all.extend(glob_matches(shell, g));
    }
    if let Some(w) = &spec.words {
        let words = expand_wordlist(shell, w);
        all.extend(words.into_iter().filter(|x| x.starts_with(word)));
    }
    if let Some(f) = &spec.funcname {
        all.extend(function_matches(shell, f, command, word));
    }
    if let Some(c) = &spec.command {
        all.extend(command_matches(shell, c, command, word));
    }
    if let Some(x) = &spec.filterpat {
        all = filter(shell, all, x, word);
    }
    if spec.prefix.is_some() || spec.suffix.is_some() {
        let (p, s) = (
            spec.prefix.clone().unwrap_or_default(),
            spec.suffix.clone().unwrap_or_default(),
        );
        all = all
            .into_iter()
            .map(|m| [p.as_slice(), &m, &s].concat())
            .collect();
    }
    if all.is_empty() && spec.options & option_bit("dirnames") != 0 {
        all = files(shell, word, FileKind::Dir);
    } else if spec.options & option_bit("plusdirs") != 0 {
        all.extend(files(shell, word, FileKind::Dir));
    }
    all
}

fn with_prefix(names: impl IntoIterator<Item = Vec<u8>>, word: &[u8]) -> Vec<Vec<u8>> {
    names.into_iter().filter(|n| n.starts_with(word)).collect()
}

fn strs(names: impl IntoIterator<Item = &'static str>) -> Vec<Vec<u8>> {
    names.into_iter().map(|n| n.as_bytes().to_vec()).collect()
}

/// The matches of one action.
fn action(shell: &mut Shell, name: &str, word: &[u8]) -> Vec<Vec<u8>> {
    let names = match name {
        "alias" => aliases(shell),
        "arrayvar" => variables(shell, |s, n| s.vars.is_indexed(n) || s.vars.is_assoc(n)),
        "builtin" => strs(super::names()),
        "command" => return commands(shell, word),
        "directory" => return files(shell, word, FileKind::Dir),
        "disabled" => builtins_enabled(shell, false),
        "enabled" => builtins_enabled(shell, true),
        "export" => variables(shell, |s, n| {
            s.vars
                .attributes(n)
                .is_some_and(|a| a.contains(crate::shell::vars::Attributes::EXPORT))
        }),
        "file" => return files(shell, word, FileKind::Any),
        "function" => functions(shell),
        "group" => system_names(Db::Group),
        "helptopic" => strs(super::help::topic_names()),
        "hostname" => hostnames(shell),
        "job" => jobs(shell, None),
        "keyword" => super::lookup::KEYWORDS.iter().map(|k| k.to_vec()).collect(),
        "running" => jobs(shell, Some(crate::jobs::JobState::Running)),
        "service" => system_names(Db::Service),
        "setopt" => strs(crate::shell::options::SET_OPTIONS.iter().map(|o| o.0)),
        "shopt" => strs(crate::shell::options::SHOPT_OPTIONS.iter().map(|o| o.0)),
        "signal" => signals(),
        "stopped" => jobs(shell, Some(crate::jobs::JobState::Stopped)),
        "user" => system_names(Db::User),
        "variable" => variables(shell, |_, _| true),
        _ => Vec::new(),
    };
    with_prefix(names, word)
}

fn aliases(shell: &Shell) -> Vec<Vec<u8>> {
    super::run::sorted_aliases(shell)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

fn functions(shell: &Shell) -> Vec<Vec<u8>> {
    let mut v: Vec<Vec<u8>> = shell.functions.keys().cloned().collect();
    v.sort();
    v
}

/// Set variables (sorted) that `keep` accepts.
fn variables(shell: &mut Shell, keep: impl Fn(&mut Shell, &[u8]) -> bool) -> Vec<Vec<u8>> {
    let names = shell.vars.names();
    names
        .into_iter()
        .filter(|n| shell.vars.set_listing_line(n).is_some() && keep(shell, n))
        .collect()
}

fn builtins_enabled(shell: &Shell, enabled: bool) -> Vec<Vec<u8>> {
    strs(super::names())
        .into_iter()
        .filter(|n| shell.disabled_builtins.contains(n) != enabled)
        .collect()
}

/// Signal names as `trap` knows them: `EXIT`, `SIGHUP`…, `DEBUG`, `ERR`,
/// `RETURN` (bash lists unnamed numbers as `SIGJUNK(n)`).
fn signals() -> Vec<Vec<u8>> {
    let mut v = vec![b"EXIT".to_vec()];
    for n in 1..=64 {
        v.push(match crate::sys::signal_names::signal_name(n) {
            Some(s) => format!("SIG{s}").into_bytes(),
            None => format!("SIGJUNK({n})").into_bytes(),
        });
    }
    v.extend(strs(["DEBUG", "ERR", "RETURN"]));
    v
}

/// Job names (the first command of each job), newest job first.
fn jobs(shell: &Shell, state: Option<crate::jobs::JobState>) -> Vec<Vec<u8>> {
    let mut list: Vec<&crate::jobs::Job> = shell.jobs.iter().collect();
    list.sort_by_key(|j| std::cmp::Reverse(j.id));
    list.into_iter()
        .filter(|j| state.is_none_or(|s| j.state() == s))
        .filter_map(|j| j.processes.first().map(|p| p.command.clone()))
        .collect()
}

/// Host names from `$HOSTFILE` or /etc/hosts, in file order.
fn hostnames(shell: &mut Shell) -> Vec<Vec<u8>> {
    let file = shell
        .vars
        .get(b"HOSTFILE")
        .filter(|v| !v.is_empty())
        .map_or_else(|| b"/etc/hosts".to_vec(), |v| v.into_owned());
    let text = std::fs::read(OsStr::from_bytes(&file)).unwrap_or_default();
    let mut names = Vec::new();
    for line in text.split(|&b| b == b'\n') {
        let line = line.split(|&b| b == b'#').next().unwrap_or_default();
        let mut fields = line
            .split(|b| b.is_ascii_whitespace())
            .filter(|f| !f.is_empty());
        if fields.next().is_some() {
            names.extend(fields.map(<[u8]>::to_vec));
        }
    }
    names
}

enum Db {
    User,
    Group,
    Service,
}

/// Names from the user, group or service database, in file order. The
/// files are read directly: whelk is linked statically, where glibc's NSS
/// (`getpwent` and friends) cannot load.
fn system_names(db: Db) -> Vec<Vec<u8>> {
    match db {
        Db::User => crate::sys::users::all_users()
            .into_iter()
            .map(|u| u.name)
            .collect(),
        Db::Group => first_fields("/etc/group", b':'),
        Db::Service => {
            let Ok(text) = std::fs::read("/etc/services") else {
                return Vec::new();
            };
            let mut v = Vec::new();
            for line in text.split(|&b| b == b'\n') {
                let line = line.split(|&b| b == b'#').next().unwrap_or_default();
                let mut fields = line
                    .split(|b| b.is_ascii_whitespace())
                    .filter(|f| !f.is_empty());
                if let Some(name) = fields.next() {
                    v.push(name.to_vec());
                    // Skip "port/proto"; the rest are aliases.
                    let _ = fields.next();
                    v.extend(fields.map(<[u8]>::to_vec));
                }
            }
            v
        }
    }
}

/// The first field of each line of a colon-separated database file.
fn first_fields(path: &str, sep: u8) -> Vec<Vec<u8>> {
    let Ok(text) = std::fs::read(path) else {
        return Vec::new();
    };
    text.split(|&b| b == b'\n')
        .filter(|l| !l.is_empty() && !l.starts_with(b"#"))
        .filter_map(|l| l.split(|&b| b == sep).next().map(<[u8]>::to_vec))
        .collect()
}

/// Command names: aliases, keywords, functions, enabled builtins, then
/// executables in PATH order (a word with `/` completes paths instead).
fn commands(shell: &mut Shell, word: &[u8]) -> Vec<Vec<u8>> {
    if word.contains(&b'/') {
        return files(shell, word, FileKind::Command);
    }
    let mut v = aliases(shell);
    v.extend(super::lookup::KEYWORDS.iter().map(|k| k.to_vec()));
    v.extend(functions(shell));
    v.extend(builtins_enabled(shell, true));
    let mut v = with_prefix(v, word);
    let path = shell
        .vars
        .get(b"PATH")
        .map(|p| p.into_owned())
        .unwrap_or_default();
    for dir in path.split(|&b| b == b':') {
        let dir = if dir.is_empty() { &b"."[..] } else { dir };
        let Ok(entries) = std::fs::read_dir(OsStr::from_bytes(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().as_bytes().to_vec();
            if name.starts_with(word) && super::lookup::is_executable(&[dir, b"/", &name].concat())
            {
                v.push(name);
            }
        }
    }
    v
}

#[derive(Clone, Copy, PartialEq)]
pub enum FileKind {
    Any,
    Dir,
    /// Executables and directories.
    Command,
}

/// File names completing `word`, readline style: the directory part as
/// typed (a leading `~` kept), entries in directory order, hidden files
/// included, `.` and `..` only when the word asks for them.
pub fn files(shell: &mut Shell, word: &[u8], kind: FileKind) -> Vec<Vec<u8>> {
    let (dir_typed, base) = match word.iter().rposition(|&b| b == b'/') {
        Some(i) => (&word[..=i], &word[i + 1..]),
        None => (&b""[..], word),
    };
    let dir_read = if dir_typed.is_empty() {
        b".".to_vec()
    } else {
        expand_tilde(shell, dir_typed)
    };
    let mut v = Vec::new();
    for name in dir_entries(&dir_read) {
        // `.` and `..` only when the word asks for them (readline).
        if !name.starts_with(base) || (base.is_empty() && (name == b"." || name == b"..")) {
            continue;
        }
        let full = [dir_read.as_slice(), b"/", &name].concat();
        let ok = match kind {
            FileKind::Any => true,
            FileKind::Dir => is_dir(&full),
            FileKind::Command => is_dir(&full) || super::lookup::is_executable(&full),
        };
        if ok {
            v.push([dir_typed, &name].concat());
        }
    }
    v
}

/// A directory's entries in the order the system lists them, `.` and
/// `..` included.
fn dir_entries(dir: &[u8]) -> Vec<Vec<u8>> {
    use nix::fcntl::OFlag;
    use nix::sys::stat::Mode;
    let flags = OFlag::O_RDONLY | OFlag::O_DIRECTORY | OFlag::O_CLOEXEC;
    let Ok(mut d) = nix::dir::Dir::open(OsStr::from_bytes(dir), flags, Mode::empty()) else {
        return Vec::new();
    };
    d.iter()
        .flatten()
        .map(|e| e.file_name().to_bytes().to_vec())
        .collect()
}

fn is_dir(path: &[u8]) -> bool {
    std::fs::metadata(OsStr::from_bytes(path)).is_ok_and(|m| m.is_dir())
}

fn expand_tilde(shell: &mut Shell, dir: &[u8]) -> Vec<u8> {
    if dir.starts_with(b"~/") {
        if let Some(home) = shell.vars.get(b"HOME") {
            return [home.as_ref(), &dir[1..]].concat();
        }
    }
    dir.to_vec()
}

/// `-G`: a pattern without `/` lists the current directory in reverse
/// directory order (bash does not sort these); others use the globber.
fn glob_matches(shell: &mut Shell, pattern: &[u8]) -> Vec<Vec<u8>> {
    let extglob = shell.opts.shopt("extglob").unwrap_or(false);
    let dotglob = shell.opts.shopt("dotglob").unwrap_or(false);
    if pattern.contains(&b'/') {
        let opts = crate::expand::glob::GlobOptions {
            dotglob,
            extglob,
            ..Default::default()
        };
        return crate::expand::glob::glob(pattern, opts)
            .into_iter()
            .filter(|m| m.as_slice() != pattern)
            .collect();
    }
    let compiled = Pattern::new(
        pattern,
        PatternOptions {
            extglob,
            pathname: true,
            period: !dotglob,
            ..Default::default()
        },
    );
    let Ok(entries) = std::fs::read_dir(".") else {
        return Vec::new();
    };
    let mut v: Vec<Vec<u8>> = entries
        .flatten()
        .map(|e| e.file_name().as_bytes().to_vec())
        .filter(|n| compiled.matches(n))
        .collect();
    v.reverse();
    v
}

/// `-W`: split on IFS (quotes respected), then expanded like words
/// (brace, tilde, parameter, command substitution, field splitting and
/// quote removal; no pathname expansion).
fn expand_wordlist(shell: &mut Shell, list: &[u8]) -> Vec<Vec<u8>> {
    let ifs = shell.ifs();
    let noglob = shell.opts.get("noglob");
    shell.opts.set_named("noglob", true);
    let mut v = Vec::new();
    for piece in split_quoted(list, &ifs) {
        let text = [b": ".as_slice(), &piece].concat();
        let opts = crate::syntax::ParseOptions {
            final_input: true,
            ..Default::default()
        };
        let Ok(program) = crate::syntax::parse_program(&text, opts) else {
            continue;
        };
        let Some(words) = first_words(&program) else {
            continue;
        };
        if let Ok(expanded) = shell.expand_words(&words[1..]) {
            v.extend(expanded);
        }
    }
    shell.opts.set_named("noglob", noglob);
    v
}

fn first_words(program: &crate::syntax::ast::Program) -> Option<Vec<crate::syntax::ast::Word>> {
    let item = program.items.first()?;
    match item.and_or.first.commands.first()? {
        crate::syntax::ast::Command::Simple(c) => Some(c.words.clone()),
        _ => None,
    }
}

/// Splits at IFS bytes outside quotes and substitutions (bash's
/// `split_at_delims`). Other blanks and operator characters outside them
/// are backslash-escaped so each piece parses as exactly one word.
fn split_quoted(text: &[u8], ifs: &[u8]) -> Vec<Vec<u8>> {
    let mut pieces = Vec::new();
    let mut cur = Vec::new();
    let mut quote = None;
    // Open `$(`/`${` groups and backquotes: copied as they are.
    let mut depth = 0usize;
    let mut backquote = false;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        let next = text.get(i + 1).copied();
        if c == b'\\' && quote != Some(b'\'') && next.is_some() {
            cur.extend_from_slice(&text[i..i + 2]);
            i += 2;
            continue;
        }
        match quote {
            Some(q) if c == q && depth == 0 && !backquote => quote = None,
            _ if c == b'`' && quote != Some(b'\'') => backquote = !backquote,
            _ if c == b'$' && matches!(next, Some(b'(' | b'{')) && quote != Some(b'\'') => {
                cur.extend_from_slice(&text[i..i + 2]);
                depth += 1;
                i += 2;
                continue;
            }
            _ if depth > 0 && matches!(c, b'(' | b'{') => depth += 1,
            _ if depth > 0 && matches!(c, b')' | b'}') => depth -= 1,
            _ if depth > 0 || backquote => {}
            Some(_) => {}
            None if c == b'\'' || c == b'"' => quote = Some(c),
            None if ifs.contains(&c) => {
                if !cur.is_empty() {
                    pieces.push(std::mem::take(&mut cur));
                }
                i += 1;
                continue;
            }
            None if b" \t\n;|&<>()".contains(&c) => cur.push(b'\\'),
            None => {}
        }
        cur.push(c);
        i += 1;
    }
    if !cur.is_empty() {
        pieces.push(cur);
    }
    pieces
}

/// `-F`: runs the function with the command, word and previous word and
/// takes `COMPREPLY`.
fn function_matches(shell: &mut Shell, name: &[u8], command: &[u8], word: &[u8]) -> Vec<Vec<u8>> {
    let Some(f) = shell.functions.get(name).cloned() else {
        let m = [b"completion: function `".as_slice(), name, b"' not found"].concat();
        shell.report(&m);
        return Vec::new();
    };
    let _ = shell.vars.unset(b"COMPREPLY");
    let argv = vec![name.to_vec(), command.to_vec(), word.to_vec(), Vec::new()];
    let _ = shell.call_function(&f, &argv);
    let reply = shell.vars.get_all(b"COMPREPLY").unwrap_or_default();
    let _ = shell.vars.unset(b"COMPREPLY");
    reply
}

/// `-C`: runs the command (with the command, word and previous word as
/// arguments) and takes its output lines.
fn command_matches(shell: &mut Shell, cmd: &[u8], command: &[u8], word: &[u8]) -> Vec<Vec<u8>> {
    let q = crate::expand::quote::single_quote;
    let text = [cmd, b" ", &q(command), b" ", &q(word), b" ''"].concat();
    let opts = crate::syntax::ParseOptions {
        final_input: true,
        ..Default::default()
    };
    let Ok(program) = crate::syntax::parse_program(&text, opts) else {
        return Vec::new();
    };
    let output = shell.capture_output(&program).unwrap_or_default();
    output
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(<[u8]>::to_vec)
        .collect()
}

/// `-X`: removes the matches of the pattern (`&` stands for the word, a
/// leading `!` keeps only the matches instead).
fn filter(shell: &mut Shell, all: Vec<Vec<u8>>, pattern: &[u8], word: &[u8]) -> Vec<Vec<u8>> {
    let (negate, pattern) = match pattern.strip_prefix(b"!") {
        Some(p) => (true, p),
        None => (false, pattern),
    };
    let mut pat = Vec::new();
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            b'\\' if i + 1 < pattern.len() => {
                pat.extend_from_slice(&pattern[i..i + 2]);
                i += 2;
                continue;
            }
            b'&' => pat.extend(escape_pattern(word)),
            c => pat.push(c),
        }
        i += 1;
    }
    let opts = PatternOptions {
        extglob: shell.opts.shopt("extglob").unwrap_or(false),
        nocase: shell.opts.shopt("nocasematch").unwrap_or(false),
        ..Default::default()
    };
    let compiled = Pattern::new(&pat, opts);
    all.into_iter()
        .filter(|m| compiled.matches(m) == negate)
        .collect()
}

/// `text` as a pattern matching itself.
fn escape_pattern(text: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    for &b in text {
        if b"\\*?[]()|!@+".contains(&b) {
            v.push(b'\\');
        }
        v.push(b);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str, ifs: &str) -> Vec<String> {
        split_quoted(s.as_bytes(), ifs.as_bytes())
            .into_iter()
            .map(|p| String::from_utf8(p).unwrap())
            .collect()
    }

    #[test]
    fn wordlist_splits_outside_quotes() {
        assert_eq!(split("a b  c", " \t\n"), ["a", "b", "c"]);
        assert_eq!(split("\"a b\"c d", " "), ["\"a b\"c", "d"]);
        assert_eq!(split("a\\ b", " "), ["a\\ b"]);
        assert_eq!(split("a:b c", ":"), ["a", "b\\ c"]);
        assert_eq!(split("$(echo m n) x", " "), ["$(echo m n)", "x"]);
        assert_eq!(
            split("`echo m n` ${x:-a b}", " "),
            ["`echo m n`", "${x:-a b}"]
        );
        assert_eq!(split("'x y' z", " "), ["'x y'", "z"]);
    }

    #[test]
    fn signal_list_has_bash_shape() {
        let s = signals();
        assert_eq!(s[0], b"EXIT");
        assert_eq!(s[1], b"SIGHUP");
        assert_eq!(s[9], b"SIGKILL");
        assert_eq!(s.last().map(Vec::as_slice), Some(&b"RETURN"[..]));
        assert_eq!(s.len(), 1 + 64 + 3);
    }

    #[test]
    fn escaped_patterns_are_literal() {
        assert_eq!(escape_pattern(b"a*b"), b"a\\*b");
        assert_eq!(escape_pattern(b"plain"), b"plain");
    }

    #[test]
    fn action_bits_are_distinct() {
        use super::super::complete::action_bit;
        assert_eq!(action_bit("alias"), 1);
        assert_ne!(action_bit("file"), action_bit("directory"));
        assert_eq!(action_bit("nosuch"), 0);
    }
}
