//! Option parsing for builtins the way bash's `internal_getopt` does it,
//! with bash's messages: `NAME: -x: invalid option` and the usage line
//! (`NAME: usage: SYNOPSIS`), status 2. Entry point: [`parse`].

use super::{error, help};
use crate::shell::Shell;
use crate::sys::fd::write_all_fd;

/// Parsed options (letter and argument, in order) and the index of the
/// first operand in `argv`.
pub struct Parsed {
    pub opts: Vec<(u8, Option<Vec<u8>>)>,
    pub rest: usize,
}

impl Parsed {
    pub fn has(&self, letter: u8) -> bool {
        self.opts.iter().any(|(c, _)| *c == letter)
    }

    /// The argument of the last occurrence of `letter`.
    pub fn value(&self, letter: u8) -> Option<&[u8]> {
        self.opts
            .iter()
            .rev()
            .find(|(c, _)| *c == letter)
            .and_then(|(_, v)| v.as_deref())
    }
}

/// Writes `NAME: usage: SYNOPSIS` to standard error, as bash's
/// `builtin_usage` does (no shell name or line prefix).
pub fn usage(name: &[u8]) {
    if let Some(synopsis) = help::synopsis(name) {
        let mut m = name.to_vec();
        m.extend_from_slice(b": usage: ");
        m.extend_from_slice(synopsis.as_bytes());
        m.push(b'\n');
        let _ = write_all_fd(2, &m);
    }
}

/// `NAME: -x: invalid option` and the usage line; returns status 2.
pub fn invalid_option(shell: &mut Shell, name: &[u8], opt: &[u8]) -> i32 {
    error(shell, name, &[opt, b": invalid option"].concat());
    usage(name);
    2
}

/// Parses options in `argv[1..]` against `spec`: letters, each followed by
/// `:` when it takes an argument or `;` when the argument is optional (an
/// attached one, or a following word not starting with `-`). Stops at the
/// first operand, `-` or after `--`. `--help` prints the builtin's help
/// and gives status 2, like bash.
pub fn parse(shell: &mut Shell, argv: &[Vec<u8>], spec: &str) -> Result<Parsed, i32> {
    let name = argv[0].as_slice();
    let spec = spec.as_bytes();
    let mut opts = Vec::new();
    let mut i = 1;
    while let Some(word) = argv.get(i) {
        if word == b"--" {
            i += 1;
            break;
        }
        if word.len() < 2 || word[0] != b'-' {
            break;
        }
        if word == b"--help" {
            help::print_topic_help(shell, name);
            return Err(2);
        }
        let mut j = 1;
        while j < word.len() {
            let c = word[j];
            let Some(pos) = spec.iter().position(|&s| s == c && s != b':' && s != b';') else {
                return Err(invalid_option(shell, name, &[b'-', c]));
            };
            let kind = spec.get(pos + 1).copied();
            if kind == Some(b':') || kind == Some(b';') {
                let attached = &word[j + 1..];
                let arg = if !attached.is_empty() {
                    Some(attached.to_vec())
                } else if kind == Some(b':') {
                    match argv.get(i + 1) {
                        Some(next) => {
                            i += 1;
                            Some(next.clone())
                        }
                        None => {
                            let m =
                                [b"-".as_slice(), &[c], b": option requires an argument"].concat();
                            error(shell, name, &m);
                            usage(name);
                            return Err(2);
                        }
                    }
                } else {
                    match argv.get(i + 1) {
                        Some(next) if !next.starts_with(b"-") => {
                            i += 1;
                            Some(next.clone())
                        }
                        _ => None,
                    }
                };
                opts.push((c, arg));
                break;
            }
            opts.push((c, None));
            j += 1;
        }
        i += 1;
    }
    Ok(Parsed { opts, rest: i })
}

/// Parses without options at all (bash's `no_options`): skips `--`,
/// rejects any other `-x` word.
pub fn no_options(shell: &mut Shell, argv: &[Vec<u8>]) -> Result<usize, i32> {
    parse(shell, argv, "").map(|p| p.rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<Vec<u8>> {
        ws.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    fn shell() -> Shell {
        Shell::new(b"whelk".to_vec())
    }

    #[test]
    fn grouped_flags_and_arguments() {
        let mut sh = shell();
        let argv = words(&["hash", "-rlpPATH", "-t", "x"]);
        let p = parse(&mut sh, &argv, "dlp:rt").ok().unwrap();
        assert!(p.has(b'r') && p.has(b'l') && p.has(b't'));
        assert_eq!(p.value(b'p'), Some(&b"PATH"[..]));
        assert_eq!(p.rest, 3);
        let argv = words(&["hash", "-p", "/bin/ls", "ls"]);
        let p = parse(&mut sh, &argv, "dlp:rt").ok().unwrap();
        assert_eq!(p.value(b'p'), Some(&b"/bin/ls"[..]));
        assert_eq!(p.rest, 3);
    }

    #[test]
    fn operands_and_double_dash_end_options() {
        let mut sh = shell();
        let p = parse(&mut sh, &words(&["cd", "-L", "--", "-P"]), "eLP")
            .ok()
            .unwrap();
        assert_eq!(p.rest, 3);
        assert!(!p.has(b'P'));
        let p = parse(&mut sh, &words(&["cd", "-", "x"]), "eLP")
            .ok()
            .unwrap();
        assert_eq!(p.rest, 1);
    }

    #[test]
    fn optional_arguments_take_non_option_words() {
        let mut sh = shell();
        let p = parse(&mut sh, &words(&["ulimit", "-n", "100", "-s"]), "an;s;")
            .ok()
            .unwrap();
        assert_eq!(p.opts, vec![(b'n', Some(b"100".to_vec())), (b's', None)]);
        let p = parse(&mut sh, &words(&["ulimit", "-n", "-s"]), "an;s;")
            .ok()
            .unwrap();
        assert_eq!(p.opts, vec![(b'n', None), (b's', None)]);
    }

    #[test]
    fn bad_options_give_status_two() {
        let mut sh = shell();
        assert_eq!(parse(&mut sh, &words(&["cd", "-x"]), "eLP").err(), Some(2));
        assert_eq!(parse(&mut sh, &words(&["hash", "-p"]), "p:").err(), Some(2));
        assert_eq!(
            no_options(&mut sh, &words(&["eval", "--", "-x"])).ok(),
            Some(2)
        );
    }
}
