//! Programmable completion specifications: the `complete` and `compopt`
//! builtins and the table they fill ([`CompletionSpecs`] in
//! `Shell::completions`), plus the option parsing `compgen` shares. What a
//! spec generates is in `compgen.rs` ([`super::compgen::generate`]); using
//! specs while editing a line is the interactive layer's business.
//!
//! Entry points: [`complete`], [`compopt`], [`CompletionSpecs`].

use std::collections::HashMap;

use super::args::usage;
use super::{error, out};
use crate::exec::Status;
use crate::shell::Shell;

/// The names `complete -D`, `-E` and `-I` store their specs under (bash's).
pub const DEFAULT_CMD: &[u8] = b"_DefaultCmD_";
pub const EMPTY_CMD: &[u8] = b"_EmptycmD_";
pub const INITIAL_WORD: &[u8] = b"_InitialWorD_";

/// Actions in the order bash generates them; the option letter when the
/// action has one.
pub const ACTIONS: &[(&str, Option<u8>)] = &[
    ("alias", Some(b'a')),
    ("arrayvar", None),
    ("binding", None),
    ("builtin", Some(b'b')),
    ("command", Some(b'c')),
    ("directory", Some(b'd')),
    ("disabled", None),
    ("enabled", None),
    ("export", Some(b'e')),
    ("file", Some(b'f')),
    ("function", None),
    ("group", Some(b'g')),
    ("helptopic", None),
    ("hostname", None),
    ("job", Some(b'j')),
    ("keyword", Some(b'k')),
    ("running", None),
    ("service", Some(b's')),
    ("setopt", None),
    ("shopt", None),
    ("signal", None),
    ("stopped", None),
    ("user", Some(b'u')),
    ("variable", Some(b'v')),
];

/// `-o` options, in bash's order.
pub const OPTIONS: &[&str] = &[
    "bashdefault",
    "default",
    "dirnames",
    "filenames",
    "noquote",
    "nosort",
    "nospace",
    "plusdirs",
];

/// The bit of action `name` in [`CompSpec::actions`].
pub fn action_bit(name: &str) -> u32 {
    ACTIONS
        .iter()
        .position(|(n, _)| *n == name)
        .map_or(0, |i| 1 << i)
}

/// The bit of option `name` in [`CompSpec::options`].
pub fn option_bit(name: &str) -> u32 {
    OPTIONS
        .iter()
        .position(|n| *n == name)
        .map_or(0, |i| 1 << i)
}

/// What to generate for one command's arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompSpec {
    /// Bits indexed like [`ACTIONS`].
    pub actions: u32,
    /// Bits indexed like [`OPTIONS`].
    pub options: u32,
    pub globpat: Option<Vec<u8>>,
    pub words: Option<Vec<u8>>,
    pub prefix: Option<Vec<u8>>,
    pub suffix: Option<Vec<u8>>,
    pub filterpat: Option<Vec<u8>>,
    pub command: Option<Vec<u8>>,
    pub funcname: Option<Vec<u8>>,
}

/// The `complete` table: command name (or [`DEFAULT_CMD`] …) → spec.
#[derive(Debug, Clone, Default)]
pub struct CompletionSpecs {
    specs: HashMap<Vec<u8>, (u64, CompSpec)>,
    next_seq: u64,
}

impl CompletionSpecs {
    pub fn get(&self, name: &[u8]) -> Option<&CompSpec> {
        self.specs.get(name).map(|(_, s)| s)
    }

    /// Sets the spec for `name`; a replaced spec keeps its listing place.
    pub fn insert(&mut self, name: &[u8], spec: CompSpec) {
        if let Some(e) = self.specs.get_mut(name) {
            e.1 = spec;
            return;
        }
        self.next_seq += 1;
        self.specs.insert(name.to_vec(), (self.next_seq, spec));
    }

    pub fn get_mut(&mut self, name: &[u8]) -> Option<&mut CompSpec> {
        self.specs.get_mut(name).map(|(_, s)| s)
    }

    pub fn remove(&mut self, name: &[u8]) -> bool {
        self.specs.remove(name).is_some()
    }

    pub fn clear(&mut self) {
        self.specs.clear();
    }

    /// Every spec in the order `complete -p` lists them (bash's hash
    /// table order).
    pub fn in_bash_order(&self) -> Vec<(Vec<u8>, CompSpec)> {
        let mut items: Vec<(Vec<u8>, u64, CompSpec)> = self
            .specs
            .iter()
            .map(|(k, (seq, s))| (k.clone(), *seq, s.clone()))
            .collect();
        crate::shell::hash::bash_table_order(&mut items, 512);
        items.into_iter().map(|(k, _, s)| (k, s)).collect()
    }
}

/// Options shared by `complete` and `compgen`.
#[derive(Default)]
pub struct SpecArgs {
    pub spec: CompSpec,
    /// Any option at all was given.
    pub given: bool,
    pub print: bool,
    pub remove: bool,
    /// `-D`, `-E` or `-I`: the special name.
    pub special: Option<&'static [u8]>,
    /// Index of the first operand.
    pub rest: usize,
}

/// Parses `complete`/`compgen` options (bash's `build_actions`); `Err`
/// holds the exit status after the message.
pub fn parse_spec_args(
    shell: &mut Shell,
    argv: &[Vec<u8>],
    is_complete: bool,
) -> Result<SpecArgs, i32> {
    let spec = if is_complete {
        "abcdefgjko:prsuvA:G:W:P:S:X:F:C:DEI"
    } else {
        "abcdefgjko:suvA:G:W:P:S:X:F:C:"
    };
    let parsed = super::args::parse(shell, argv, spec)?;
    let name = argv[0].as_slice();
    let mut a = SpecArgs {
        rest: parsed.rest,
        given: !parsed.opts.is_empty(),
        ..Default::default()
    };
    for (c, arg) in parsed.opts {
        let text = || String::from_utf8_lossy(arg.as_deref().unwrap_or_default()).into_owned();
        match c {
            b'o' => match option_bit(&text()) {
                0 => {
                    error(
                        shell,
                        name,
                        &[arg.unwrap_or_default().as_slice(), b": invalid option name"].concat(),
                    );
                    return Err(2);
                }
                bit => a.spec.options |= bit,
            },
            b'A' => match action_bit(&text()) {
                0 => {
                    error(
                        shell,
                        name,
                        &[arg.unwrap_or_default().as_slice(), b": invalid action name"].concat(),
                    );
                    return Err(2);
                }
                bit => a.spec.actions |= bit,
            },
            b'G' => a.spec.globpat = arg,
            b'W' => a.spec.words = arg,
            b'P' => a.spec.prefix = arg,
            b'S' => a.spec.suffix = arg,
            b'X' => a.spec.filterpat = arg,
            b'F' => a.spec.funcname = arg,
            b'C' => a.spec.command = arg,
            b'p' => a.print = true,
            b'r' => a.remove = true,
            b'D' | b'E' | b'I' => a.special = Some(special_target(a.special, c)),
            letter => {
                if let Some(i) = ACTIONS.iter().position(|(_, l)| *l == Some(letter)) {
                    a.spec.actions |= 1 << i;
                }
            }
        }
    }
    Ok(a)
}

/// The name `-D`, `-E` or `-I` stands for; `-D` wins over `-E`, which
/// wins over `-I`, whatever their order.
fn special_target(current: Option<&'static [u8]>, flag: u8) -> &'static [u8] {
    let rank = |n: &[u8]| match n {
        DEFAULT_CMD => 3,
        EMPTY_CMD => 2,
        _ => 1,
    };
    let new = match flag {
        b'D' => DEFAULT_CMD,
        b'E' => EMPTY_CMD,
        _ => INITIAL_WORD,
    };
    match current {
        Some(c) if rank(c) > rank(new) => c,
        _ => new,
    }
}

/// How a name is written at the end of a `complete -p` line.
fn target_text(name: &[u8]) -> Vec<u8> {
    match name {
        DEFAULT_CMD => b"-D".to_vec(),
        EMPTY_CMD => b"-E".to_vec(),
        INITIAL_WORD => b"-I".to_vec(),
        _ => super::lookup::printable(name),
    }
}

/// One `complete …` line, exactly as bash's `print_one_completion`.
pub fn spec_line(name: &[u8], cs: &CompSpec) -> Vec<u8> {
    let mut l = b"complete ".to_vec();
    for (i, o) in OPTIONS.iter().enumerate() {
        if cs.options & (1 << i) != 0 {
            l.extend_from_slice(format!("-o {o} ").as_bytes());
        }
    }
    for (i, (_, letter)) in ACTIONS.iter().enumerate() {
        if let (true, Some(c)) = (cs.actions & (1 << i) != 0, letter) {
            l.extend_from_slice(&[b'-', *c, b' ']);
        }
    }
    for (i, (action, letter)) in ACTIONS.iter().enumerate() {
        if cs.actions & (1 << i) != 0 && letter.is_none() {
            l.extend_from_slice(format!("-A {action} ").as_bytes());
        }
    }
    let quoted = [
        (&cs.globpat, "-G"),
        (&cs.words, "-W"),
        (&cs.prefix, "-P"),
        (&cs.suffix, "-S"),
        (&cs.filterpat, "-X"),
        (&cs.command, "-C"),
    ];
    for (value, flag) in quoted {
        if let Some(v) = value {
            l.extend_from_slice(flag.as_bytes());
            l.push(b' ');
            l.extend(crate::expand::quote::single_quote(v));
            l.push(b' ');
        }
    }
    if let Some(f) = &cs.funcname {
        l.extend_from_slice(b"-F ");
        l.extend_from_slice(f);
        l.push(b' ');
    }
    l.extend(target_text(name));
    l.push(b'\n');
    l
}

fn no_spec(shell: &mut Shell, builtin: &[u8], name: &[u8]) {
    error(
        shell,
        builtin,
        &[name, b": no completion specification"].concat(),
    );
}

pub fn complete(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let a = match parse_spec_args(shell, argv, true) {
        Ok(a) => a,
        Err(s) => return Ok(s),
    };
    let operands: Vec<Vec<u8>> = match a.special {
        Some(n) => vec![n.to_vec()],
        None => argv[a.rest..].to_vec(),
    };
    if a.print || (argv.len() == a.rest && !a.given) {
        if operands.is_empty() {
            let text: Vec<u8> = shell
                .completions
                .in_bash_order()
                .iter()
                .flat_map(|(n, s)| spec_line(n, s))
                .collect();
            return Ok(out(shell, &text));
        }
        let mut status = 0;
        for name in &operands {
            match shell.completions.get(name).cloned() {
                Some(cs) => {
                    out(shell, &spec_line(name, &cs));
                }
                None => {
                    no_spec(shell, b"complete", name);
                    status = 1;
                }
            }
        }
        return Ok(status);
    }
    if a.remove {
        if operands.is_empty() {
            shell.completions.clear();
            return Ok(0);
        }
        let mut status = 0;
        for name in &operands {
            if !shell.completions.remove(name) {
                no_spec(shell, b"complete", name);
                status = 1;
            }
        }
        return Ok(status);
    }
    if operands.is_empty() {
        usage(b"complete");
        return Ok(2);
    }
    for name in &operands {
        shell.completions.insert(name, a.spec.clone());
    }
    Ok(0)
}

/// `compopt [-o|+o option] [-DEI] [name …]`.
pub fn compopt(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut on = 0u32;
    let mut off = 0u32;
    let mut special = None;
    let mut i = 1;
    while let Some(w) = argv.get(i) {
        if w == b"--" {
            i += 1;
            break;
        }
        if w.len() < 2 || !(w[0] == b'-' || w[0] == b'+') {
            break;
        }
        let plus = w[0] == b'+';
        let mut j = 1;
        while j < w.len() {
            match w[j] {
                b'o' => {
                    let arg = if j + 1 < w.len() {
                        w[j + 1..].to_vec()
                    } else {
                        i += 1;
                        match argv.get(i) {
                            Some(a) => a.clone(),
                            None => {
                                error(shell, b"compopt", b"-o: option requires an argument");
                                usage(b"compopt");
                                return Ok(2);
                            }
                        }
                    };
                    let bit = option_bit(&String::from_utf8_lossy(&arg));
                    if bit == 0 {
                        error(
                            shell,
                            b"compopt",
                            &[arg.as_slice(), b": invalid option name"].concat(),
                        );
                        return Ok(2);
                    }
                    if plus {
                        off |= bit;
                    } else {
                        on |= bit;
                    }
                    j = w.len();
                    continue;
                }
                b'D' | b'E' | b'I' => special = Some(special_target(special, w[j])),
                c => {
                    let sign = if plus { b'+' } else { b'-' };
                    return Ok(super::args::invalid_option(shell, b"compopt", &[sign, c]));
                }
            }
            j += 1;
        }
        i += 1;
    }
    let names: Vec<Vec<u8>> = match special {
        Some(n) => vec![n.to_vec()],
        None => argv[i..].to_vec(),
    };
    if names.is_empty() {
        error(
            shell,
            b"compopt",
            b"not currently executing completion function",
        );
        return Ok(1);
    }
    let mut status = 0;
    for name in &names {
        let Some(cs) = shell.completions.get_mut(name) else {
            no_spec(shell, b"compopt", name);
            status = 1;
            continue;
        };
        if on == 0 && off == 0 {
            let line = compopt_line(name, cs.options);
            out(shell, &line);
            continue;
        }
        cs.options = (cs.options | on) & !off;
    }
    Ok(status)
}

/// `compopt -o nospace +o default … NAME`.
fn compopt_line(name: &[u8], options: u32) -> Vec<u8> {
    let mut l = b"compopt ".to_vec();
    for (i, o) in OPTIONS.iter().enumerate() {
        let sign = if options & (1 << i) != 0 { '-' } else { '+' };
        l.extend_from_slice(format!("{sign}o {o} ").as_bytes());
    }
    l.extend(target_text(name));
    l.push(b'\n');
    l
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_lines_match_bash() {
        let cs = CompSpec {
            actions: action_bit("alias") | action_bit("directory") | action_bit("file"),
            globpat: Some(b"*.c".to_vec()),
            prefix: Some(b"p".to_vec()),
            suffix: Some(b"s".to_vec()),
            filterpat: Some(b"!*.x".to_vec()),
            command: Some(b"cmd arg".to_vec()),
            ..Default::default()
        };
        assert_eq!(
            String::from_utf8(spec_line(b"mix", &cs)).unwrap(),
            "complete -a -d -f -G '*.c' -P 'p' -S 's' -X '!*.x' -C 'cmd arg' mix\n"
        );
        let cs = CompSpec {
            options: option_bit("bashdefault") | option_bit("default"),
            funcname: Some(b"_f".to_vec()),
            ..Default::default()
        };
        assert_eq!(
            String::from_utf8(spec_line(b"git", &cs)).unwrap(),
            "complete -o bashdefault -o default -F _f git\n"
        );
        assert_eq!(
            String::from_utf8(spec_line(DEFAULT_CMD, &CompSpec::default())).unwrap(),
            "complete -D\n"
        );
    }

    #[test]
    fn compopt_line_lists_every_option() {
        let l = compopt_line(b"bar", option_bit("nospace"));
        assert_eq!(
            String::from_utf8(l).unwrap(),
            "compopt +o bashdefault +o default +o dirnames +o filenames +o noquote +o nosort -o nospace +o plusdirs bar\n"
        );
    }

    #[test]
    fn replaced_specs_keep_their_place() {
        let mut t = CompletionSpecs::default();
        t.insert(b"foo", CompSpec::default());
        t.insert(b"bar", CompSpec::default());
        let before: Vec<Vec<u8>> = t.in_bash_order().into_iter().map(|(k, _)| k).collect();
        t.insert(
            b"foo",
            CompSpec {
                actions: 1,
                ..Default::default()
            },
        );
        let after: Vec<Vec<u8>> = t.in_bash_order().into_iter().map(|(k, _)| k).collect();
        assert_eq!(before, after);
        assert!(t.remove(b"foo"));
        assert!(t.get(b"foo").is_none());
    }
}
