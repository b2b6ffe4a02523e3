//! Command-line invocation, parsed like sh and bash: `-c CMD [name [args…]]`,
//! `FILE [args…]`, `-s [args…]`, the set options as letters (`-eux`,
//! `+x`) or names (`-o pipefail`), `-i`, `-l`/`--login`, and the long
//! options `--norc --noprofile --rcfile --posix --version --help`.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

/// What the user asked for.
#[derive(Debug, Default, Clone)]
pub struct Invocation {
    /// `$0`.
    pub arg0: Vec<u8>,
    /// `-c`: the command string.
    pub command: Option<Vec<u8>>,
    /// A script file operand.
    pub script: Option<Vec<u8>>,
    /// The positional parameters.
    pub args: Vec<Vec<u8>>,
    /// `-s`: read commands from standard input even with operands.
    pub stdin: bool,
    /// `-i` given (`Some(true)`) or `+i` (`Some(false)`).
    pub interactive: Option<bool>,
    pub login: bool,
    pub norc: bool,
    pub noprofile: bool,
    pub rcfile: Option<Vec<u8>>,
    pub posix: bool,
    /// `--dump-ast`: print the AST instead of running.
    pub dump_ast: bool,
    /// Set options in the order given: (name, on).
    pub options: Vec<(String, bool)>,
}

#[derive(Debug)]
pub enum CliAction {
    Run(Invocation),
    Version,
    Help,
    /// A usage error: the message (without the `whelk: ` prefix).
    Usage(String),
}

/// The `set` option named by a single letter.
pub fn option_for_letter(c: u8) -> Option<&'static str> {
    Some(match c {
        b'a' => "allexport",
        b'b' => "notify",
        b'B' => "braceexpand",
        b'C' => "noclobber",
        b'e' => "errexit",
        b'E' => "errtrace",
        b'f' => "noglob",
        b'h' => "hashall",
        b'H' => "histexpand",
        b'k' => "keyword",
        b'm' => "monitor",
        b'n' => "noexec",
        b'p' => "privileged",
        b'P' => "physical",
        b't' => "onecmd",
        b'T' => "functrace",
        b'u' => "nounset",
        b'v' => "verbose",
        b'x' => "xtrace",
        _ => return None,
    })
}

pub const USAGE: &str = "usage: whelk [-abCefhimnuvx] [-o option] [-c command [name [arg ...]] | -s [arg ...] | file [arg ...]]
long options: --login --norc --noprofile --rcfile FILE --posix --version --help";

/// Parses argv (including argv[0]).
pub fn parse(argv: Vec<OsString>) -> CliAction {
    let mut args: Vec<Vec<u8>> = argv.into_iter().map(OsStringExt::into_vec).collect();
    let mut inv = Invocation::default();
    let argv0 = if args.is_empty() {
        b"whelk".to_vec()
    } else {
        args.remove(0)
    };
    inv.login = argv0.first() == Some(&b'-');
    inv.arg0 = argv0;
    let mut want_command = false;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].clone();
        i += 1;
        match arg.as_slice() {
            b"--" | b"-" => break,
            b"--version" => return CliAction::Version,
            b"--help" => return CliAction::Help,
            b"--login" => inv.login = true,
            b"--norc" => inv.norc = true,
            b"--noprofile" => inv.noprofile = true,
            b"--posix" => inv.posix = true,
            b"--dump-ast" => inv.dump_ast = true,
            b"--rcfile" | b"--init-file" => {
                let Some(file) = args.get(i) else {
                    return CliAction::Usage(format!(
                        "{}: option requires an argument",
                        String::from_utf8_lossy(&arg)
                    ));
                };
                inv.rcfile = Some(file.clone());
                i += 1;
            }
            _ if arg.starts_with(b"--") => {
                return CliAction::Usage(format!(
                    "{}: invalid option",
                    String::from_utf8_lossy(&arg)
                ))
            }
            _ if arg.len() > 1 && (arg[0] == b'-' || arg[0] == b'+') => {
                let on = arg[0] == b'-';
                for &c in &arg[1..] {
                    match c {
                        b'c' if on => want_command = true,
                        b's' if on => inv.stdin = true,
                        b'i' => inv.interactive = Some(on),
                        b'l' if on => inv.login = true,
                        b'o' => {
                            let Some(name) = args.get(i) else {
                                return CliAction::Usage(format!(
                                    "{}o: option requires an argument",
                                    arg[0] as char
                                ));
                            };
                            inv.options
                                .push((String::from_utf8_lossy(name).into_owned(), on));
                            i += 1;
                        }
                        _ => match option_for_letter(c) {
                            Some(name) => inv.options.push((name.to_string(), on)),
                            None => {
                                return CliAction::Usage(format!(
                                    "{}{}: invalid option",
                                    arg[0] as char, c as char
                                ))
                            }
                        },
                    }
                }
            }
            _ => {
                i -= 1;
                break;
            }
        }
    }
    let mut operands = args.split_off(i.min(args.len()));
    if want_command {
        if operands.is_empty() {
            return CliAction::Usage("-c: option requires an argument".into());
        }
        inv.command = Some(operands.remove(0));
        if !operands.is_empty() {
            inv.arg0 = operands.remove(0);
        }
    } else if !inv.stdin && !operands.is_empty() {
        let script = operands.remove(0);
        inv.arg0 = script.clone();
        inv.script = Some(script);
    }
    inv.args = operands;
    CliAction::Run(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str]) -> Invocation {
        let argv = std::iter::once("whelk")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        match parse(argv) {
            CliAction::Run(inv) => inv,
            other => panic!("expected Run, got {other:?}"),
        }
    }

    #[test]
    fn command_string_takes_name_and_args() {
        let inv = run(&["-c", "echo $0 $1", "name", "a"]);
        assert_eq!(inv.command.as_deref(), Some(&b"echo $0 $1"[..]));
        assert_eq!(inv.arg0, b"name");
        assert_eq!(inv.args, vec![b"a".to_vec()]);
    }

    #[test]
    fn combined_letters_and_o_names() {
        let inv = run(&["-eu", "+x", "-o", "pipefail", "file", "x"]);
        assert_eq!(
            inv.options,
            vec![
                ("errexit".into(), true),
                ("nounset".into(), true),
                ("xtrace".into(), false),
                ("pipefail".into(), true)
            ]
        );
        assert_eq!(inv.script.as_deref(), Some(&b"file"[..]));
        assert_eq!(inv.args, vec![b"x".to_vec()]);
    }

    #[test]
    fn double_dash_ends_options() {
        let inv = run(&["--", "-x"]);
        assert_eq!(inv.script.as_deref(), Some(&b"-x"[..]));
    }

    #[test]
    fn stdin_mode_keeps_operands_as_args() {
        let inv = run(&["-s", "a", "b"]);
        assert!(inv.stdin);
        assert_eq!(inv.args.len(), 2);
        assert!(inv.script.is_none());
    }

    #[test]
    fn unknown_option_is_usage_error() {
        let argv = vec![OsString::from("whelk"), OsString::from("-Z")];
        assert!(matches!(parse(argv), CliAction::Usage(_)));
    }
}
