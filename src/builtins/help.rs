//! `help`: bash's help topics with their synopses and one-line
//! descriptions (the synopses are also the usage lines builtins print on
//! bad options). Entry point: [`help`]; [`synopsis`] for usage lines.
//!
//! Only the first line of bash's long help text is kept, so `help NAME`
//! prints the synopsis and that line; `-s` and `-d` match bash exactly.

use super::{args, error, out};
use crate::exec::Status;
use crate::expand::pattern::{Pattern, PatternOptions};
use crate::shell::Shell;

/// (topic, synopsis, description), in bash's order.
static TOPICS: &[(&str, &str, &str)] = &[
    ("%", "job_spec [&]", "Resume job in foreground."),
    ("(( ... ))", "(( expression ))", "Evaluate arithmetic expression."),
    (".", ". filename [arguments]", "Execute commands from a file in the current shell."),
    (":", ":", "Null command."),
    ("[", "[ arg... ]", "Evaluate conditional expression."),
    ("[[ ... ]]", "[[ expression ]]", "Execute conditional command."),
    ("alias", "alias [-p] [name[=value] ... ]", "Define or display aliases."),
    ("bg", "bg [job_spec ...]", "Move jobs to the background."),
    ("bind", "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]", "Set Readline key bindings and variables."),
    ("break", "break [n]", "Exit for, while, or until loops."),
    ("builtin", "builtin [shell-builtin [arg ...]]", "Execute shell builtins."),
    ("caller", "caller [expr]", "Return the context of the current subroutine call."),
    ("case", "case WORD in [PATTERN [| PATTERN]...) COMMANDS ;;]... esac", "Execute commands based on pattern matching."),
    ("cd", "cd [-L|[-P [-e]] [-@]] [dir]", "Change the shell working directory."),
    ("command", "command [-pVv] command [arg ...]", "Execute a simple command or display information about commands."),
    ("compgen", "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]", "Display possible completions depending on the options."),
    ("complete", "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]", "Specify how arguments are to be completed by Readline."),
    ("compopt", "compopt [-o|+o option] [-DEI] [name ...]", "Modify or display completion options."),
    ("continue", "continue [n]", "Resume for, while, or until loops."),
    ("coproc", "coproc [NAME] command [redirections]", "Create a coprocess named NAME."),
    ("declare", "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]", "Set variable values and attributes."),
    ("dirs", "dirs [-clpv] [+N] [-N]", "Display directory stack."),
    ("disown", "disown [-h] [-ar] [jobspec ... | pid ...]", "Remove jobs from current shell."),
    ("echo", "echo [-neE] [arg ...]", "Write arguments to the standard output."),
    ("enable", "enable [-a] [-dnps] [-f filename] [name ...]", "Enable and disable shell builtins."),
    ("eval", "eval [arg ...]", "Execute arguments as a shell command."),
    ("exec", "exec [-cl] [-a name] [command [argument ...]] [redirection ...]", "Replace the shell with the given command."),
    ("exit", "exit [n]", "Exit the shell."),
    ("export", "export [-fn] [name[=value] ...] or export -p", "Set export attribute for shell variables."),
    ("false", "false", "Return an unsuccessful result."),
    ("fc", "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]", "Display or execute commands from the history list."),
    ("fg", "fg [job_spec]", "Move job to the foreground."),
    ("for", "for NAME [in WORDS ... ] ; do COMMANDS; done", "Execute commands for each member in a list."),
    ("for ((", "for (( exp1; exp2; exp3 )); do COMMANDS; done", "Arithmetic for loop."),
    ("function", "function name { COMMANDS ; } or name () { COMMANDS ; }", "Define shell function."),
    ("getopts", "getopts optstring name [arg ...]", "Parse option arguments."),
    ("hash", "hash [-lr] [-p pathname] [-dt] [name ...]", "Remember or display program locations."),
    ("help", "help [-dms] [pattern ...]", "Display information about builtin commands."),
    ("history", "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]", "Display or manipulate the history list."),
    ("if", "if COMMANDS; then COMMANDS; [ elif COMMANDS; then COMMANDS; ]... [ else COMMANDS; ] fi", "Execute commands based on conditional."),
    ("jobs", "jobs [-lnprs] [jobspec ...] or jobs -x command [args]", "Display status of jobs."),
    ("kill", "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", "Send a signal to a job."),
    ("let", "let arg [arg ...]", "Evaluate arithmetic expressions."),
    ("local", "local [option] name[=value] ...", "Define local variables."),
    ("logout", "logout [n]", "Exit a login shell."),
    ("mapfile", "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]", "Read lines from the standard input into an indexed array variable."),
    ("popd", "popd [-n] [+N | -N]", "Remove directories from stack."),
    ("printf", "printf [-v var] format [arguments]", "Formats and prints ARGUMENTS under control of the FORMAT."),
    ("pushd", "pushd [-n] [+N | -N | dir]", "Add directories to stack."),
    ("pwd", "pwd [-LP]", "Print the name of the current working directory."),
    ("read", "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]", "Read a line from the standard input and split it into fields."),
    ("readarray", "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]", "Read lines from a file into an array variable."),
    ("readonly", "readonly [-aAf] [name[=value] ...] or readonly -p", "Mark shell variables as unchangeable."),
    ("return", "return [n]", "Return from a shell function."),
    ("select", "select NAME [in WORDS ... ;] do COMMANDS; done", "Select words from a list and execute commands."),
    ("set", "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]", "Set or unset values of shell options and positional parameters."),
    ("shift", "shift [n]", "Shift positional parameters."),
    ("shopt", "shopt [-pqsu] [-o] [optname ...]", "Set and unset shell options."),
    ("source", "source filename [arguments]", "Execute commands from a file in the current shell."),
    ("suspend", "suspend [-f]", "Suspend shell execution."),
    ("test", "test [expr]", "Evaluate conditional expression."),
    ("time", "time [-p] pipeline", "Report time consumed by pipeline's execution."),
    ("times", "times", "Display process times."),
    ("trap", "trap [-lp] [[arg] signal_spec ...]", "Trap signals and other events."),
    ("true", "true", "Return a successful result."),
    ("type", "type [-afptP] name [name ...]", "Display information about command type."),
    ("typeset", "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]", "Set variable values and attributes."),
    ("ulimit", "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]", "Modify shell resource limits."),
    ("umask", "umask [-p] [-S] [mode]", "Display or set file mode mask."),
    ("unalias", "unalias [-a] name [name ...]", "Remove each NAME from the list of defined aliases."),
    ("unset", "unset [-f] [-v] [-n] [name ...]", "Unset values and attributes of shell variables and functions."),
    ("until", "until COMMANDS; do COMMANDS-2; done", "Execute commands as long as a test does not succeed."),
    ("variables", "variables - Names and meanings of some shell variables", "Common shell variable names and usage."),
    ("wait", "wait [-fn] [-p var] [id ...]", "Wait for job completion and return exit status."),
    ("while", "while COMMANDS; do COMMANDS-2; done", "Execute commands as long as a test succeeds."),
    ("{ ... }", "{ COMMANDS ; }", "Group commands as a unit."),
];

/// Topics that are not builtins (keywords, job specs, variables).
fn is_builtin_topic(topic: &str) -> bool {
    !matches!(
        topic,
        "%" | "(( ... ))"
            | "[[ ... ]]"
            | "case"
            | "coproc"
            | "for"
            | "for (("
            | "function"
            | "if"
            | "select"
            | "time"
            | "until"
            | "variables"
            | "while"
            | "{ ... }"
    )
}

/// The topics whelk has: keywords and the builtins it implements.
fn topics() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
    TOPICS
        .iter()
        .filter(|(t, _, _)| !is_builtin_topic(t) || super::find(t.as_bytes()).is_some())
}

/// The topic names `compgen -A helptopic` lists.
pub fn topic_names() -> Vec<&'static str> {
    topics().map(|t| t.0).collect()
}

/// The synopsis of builtin `name` (`cd [-L|[-P [-e]] [-@]] [dir]`).
pub fn synopsis(name: &[u8]) -> Option<&'static str> {
    TOPICS
        .iter()
        .find(|(t, _, _)| t.as_bytes() == name)
        .map(|&(_, s, _)| s)
}

/// `NAME: SYNOPSIS` and the description, for `help NAME` and `--help`.
fn long_text(topic: &str, syn: &str, desc: &str) -> Vec<u8> {
    format!("{topic}: {syn}\n    {desc}\n").into_bytes()
}

/// What `NAME --help` prints.
pub fn print_topic_help(shell: &mut Shell, name: &[u8]) {
    if let Some(&(t, s, d)) = TOPICS.iter().find(|(t, _, _)| t.as_bytes() == name) {
        out(shell, &long_text(t, s, d));
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Long,
    Desc,
    Manpage,
    Short,
}

fn show(topic: &str, syn: &str, desc: &str, style: Style) -> Vec<u8> {
    match style {
        Style::Long => long_text(topic, syn, desc),
        Style::Short => format!("{topic}: {syn}\n").into_bytes(),
        Style::Desc => format!("{topic} - {desc}\n").into_bytes(),
        Style::Manpage => format!(
            "NAME\n    {topic} - {desc}\n\nSYNOPSIS\n    {syn}\n\nDESCRIPTION\n    {desc}\n\n"
        )
        .into_bytes(),
    }
}

pub fn help(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "dms") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let style = if parsed.has(b'd') {
        Style::Desc
    } else if parsed.has(b'm') {
        Style::Manpage
    } else if parsed.has(b's') {
        Style::Short
    } else {
        Style::Long
    };
    let patterns = &argv[parsed.rest..];
    if patterns.is_empty() {
        return Ok(out(shell, &listing(shell)));
    }
    let extglob = shell.opts.shopt("extglob").unwrap_or(false);
    let mut text = Vec::new();
    if Pattern::has_magic(&patterns[0], extglob) {
        let plural = if patterns.len() > 1 { "s" } else { "" };
        text.extend_from_slice(format!("Shell commands matching keyword{plural} `").as_bytes());
        text.extend(patterns.join(&b", "[..]));
        text.extend_from_slice(b"'\n\n");
    }
    let mut found = false;
    for pattern in patterns {
        let opts = PatternOptions {
            extglob,
            ..Default::default()
        };
        let compiled = Pattern::new(pattern, opts);
        // Exact names or pattern matches first, then prefixes (bash 4.2+).
        let mut this: Vec<_> = topics()
            .filter(|(t, _, _)| {
                t.as_bytes() == pattern.as_slice() || compiled.matches(t.as_bytes())
            })
            .collect();
        if this.is_empty() {
            this = topics()
                .filter(|(t, _, _)| t.as_bytes().starts_with(pattern))
                .collect();
        }
        for &&(t, s, d) in &this {
            text.extend(show(t, s, d, style));
        }
        found |= !this.is_empty();
    }
    if !found {
        let p = String::from_utf8_lossy(&patterns[patterns.len() - 1]).into_owned();
        let m =
            format!("no help topics match `{p}'.  Try `help help' or `man -k {p}' or `info {p}'.");
        out(shell, &text);
        error(shell, b"help", m.as_bytes());
        return Ok(1);
    }
    Ok(out(shell, &text))
}

/// The two-column list `help` prints without arguments.
fn listing(shell: &Shell) -> Vec<u8> {
    let mut text = format!(
        "whelk, version {}\n\
         These shell commands are defined internally.  Type `help' to see this list.\n\
         Type `help name' to find out more about the function `name'.\n\
         Use `man -k' or `info' to find out more about commands not in this list.\n\
         \n\
         A star (*) next to a name means that the command is disabled.\n\n",
        env!("CARGO_PKG_VERSION")
    )
    .into_bytes();
    let entries: Vec<(bool, &str)> = topics()
        .map(|&(t, s, _)| (shell.disabled_builtins.contains(t.as_bytes()), s))
        .collect();
    let width = 40;
    let height = entries.len().div_ceil(2);
    for row in 0..height {
        let left = column(entries[row], width - 2);
        text.extend_from_slice(&left);
        if let Some(&right) = entries.get(row + height) {
            text.resize(text.len() + width - left.len(), b' ');
            text.extend(column(right, width - 3));
        }
        text.push(b'\n');
    }
    text
}

/// One cell: a star for disabled builtins, the synopsis cut to `max`
/// bytes with `>` marking the cut (bash's `dispcolumn`).
fn column((disabled, synopsis): (bool, &str), max: usize) -> Vec<u8> {
    let mut cell = vec![if disabled { b'*' } else { b' ' }];
    let s = synopsis.as_bytes();
    if s.len() + 1 >= max {
        cell.extend_from_slice(&s[..max - 1]);
        cell.push(b'>');
    } else {
        cell.extend_from_slice(s);
    }
    cell
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synopsis_of_builtins() {
        assert_eq!(synopsis(b"cd"), Some("cd [-L|[-P [-e]] [-@]] [dir]"));
        assert_eq!(synopsis(b"pwd"), Some("pwd [-LP]"));
        assert_eq!(synopsis(b"nosuch"), None);
    }

    #[test]
    fn table_is_in_bash_order() {
        let names: Vec<&str> = TOPICS.iter().map(|t| t.0).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }

    #[test]
    fn columns_truncate_like_bash() {
        let long = "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name]";
        assert_eq!(
            column((false, long), 38),
            b" bind [-lpsvPSVX] [-m keymap] [-f file>"
        );
        assert_eq!(column((true, "true"), 38), b"*true");
        let right = "history [-c] [-d offset] [n] or history -anrw [filename]";
        assert_eq!(
            column((false, right), 37),
            b" history [-c] [-d offset] [n] or hist>"
        );
    }
}
