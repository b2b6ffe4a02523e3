//! `kill`: send signals to pids and jobs, or list signal names (`-l`,
//! `-L`), with bash's argument rules and messages.
//!
//! Parsing follows bash's `kill_builtin`: `-s NAME`, `-n NUM`, `-sNAME`,
//! `-nNUM`, `-NAME`/`-NUM` (only the first such word; later ones are
//! process groups), `--`. A failing target is reported and the others are
//! still signalled; the status is 0 if any target was signalled.

use super::{fail, print_usage};
use crate::builtins::out;
use crate::exec::Status;
use crate::jobs::spec::resolve_job_spec;
use crate::shell::Shell;
use crate::sys::signals::{all_signals, signal_name, signal_number};

const USAGE: &str = "[-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]";

/// What the option words asked for.
#[derive(Debug, PartialEq, Eq)]
enum Request {
    /// `-l`/`-L` with its operands.
    List(usize),
    /// Send this signal (`None`: the spec named no signal) to the operands
    /// starting at the index.
    Send {
        sig: Option<i32>,
        spec: Vec<u8>,
        rest: usize,
    },
    MissingArgument(Vec<u8>),
    Usage,
}

/// A signal by name (any case, `SIG` prefix optional, `EXIT` is 0) or
/// number `0..=64`.
fn decode_signal(spec: &[u8]) -> Option<i32> {
    if spec.eq_ignore_ascii_case(b"EXIT") || spec.eq_ignore_ascii_case(b"SIGEXIT") {
        return Some(0);
    }
    signal_number(spec).filter(|&n| n == 0 || signal_name(n).is_some())
}

fn parse_request(argv: &[Vec<u8>]) -> Request {
    let mut i = 1;
    let mut listing = false;
    let mut chosen: Option<(Option<i32>, Vec<u8>)> = None;
    while let Some(word) = argv.get(i) {
        match word.as_slice() {
            b"-l" | b"-L" => {
                listing = true;
                i += 1;
            }
            b"-s" | b"-n" => {
                let Some(spec) = argv.get(i + 1) else {
                    return Request::MissingArgument(word.clone());
                };
                chosen = Some((decode_signal(spec), spec.clone()));
                i += 2;
            }
            b"--" => {
                i += 1;
                break;
            }
            b"-?" => return Request::Usage,
            [b'-', b's', c, ..] if c.is_ascii_alphabetic() => {
                chosen = Some((decode_signal(&word[2..]), word[2..].to_vec()));
                i += 1;
            }
            [b'-', b'n', c, ..] if c.is_ascii_digit() => {
                chosen = Some((decode_signal(&word[2..]), word[2..].to_vec()));
                i += 1;
            }
            [b'-', spec @ ..] if chosen.is_none() && !spec.is_empty() => {
                chosen = Some((decode_signal(spec), spec.to_vec()));
                i += 1;
            }
            _ => break,
        }
    }
    if listing {
        return Request::List(i);
    }
    let (sig, spec) = chosen.unwrap_or((Some(libc::SIGTERM), b"TERM".to_vec()));
    Request::Send { sig, spec, rest: i }
}

/// `kill [-s sigspec | -n signum | -sigspec] pid | jobspec ...`,
/// `kill -l [sigspec ...]`.
pub fn kill(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let (sig, spec, rest) = match parse_request(argv) {
        Request::List(rest) => return Ok(list_signals(shell, &argv[rest..])),
        Request::MissingArgument(option) => {
            fail(
                shell,
                "kill",
                &[&option[..], b": option requires an argument"].concat(),
            );
            return Ok(1);
        }
        Request::Usage => {
            print_usage("kill", USAGE);
            return Ok(2);
        }
        Request::Send { sig, spec, rest } => (sig, spec, rest),
    };
    let Some(sig) = sig else {
        invalid_signal(shell, &spec);
        return Ok(1);
    };
    if rest >= argv.len() {
        print_usage("kill", USAGE);
        return Ok(2);
    }
    let mut any_succeeded = false;
    for target in &argv[rest..] {
        any_succeeded |= kill_target(shell, target, sig);
    }
    Ok(if any_succeeded { 0 } else { 1 })
}

fn invalid_signal(shell: &mut Shell, spec: &[u8]) {
    fail(
        shell,
        "kill",
        &[spec, b": invalid signal specification"].concat(),
    );
}

/// A decimal pid as bash's `legal_number` reads it: optional blanks and
/// sign, digits, nothing else; it must fit a pid.
fn parse_pid(word: &[u8]) -> Option<i32> {
    let s = std::str::from_utf8(word)
        .ok()?
        .trim_matches([' ', '\t', '\n']);
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i32>().ok()
}

/// Signals one operand; reports failures; true when the signal was sent.
fn kill_target(shell: &mut Shell, target: &[u8], sig: i32) -> bool {
    if let Some(pid) = parse_pid(target) {
        // SAFETY: kill only sends a signal.
        if unsafe { libc::kill(pid, sig) } == 0 {
            return true;
        }
        let e = std::io::Error::last_os_error();
        report_kill_error(shell, pid, &e);
        return false;
    }
    if target.first() != Some(&b'%') {
        let message = if target.is_empty() {
            b"`': not a pid or valid job spec".to_vec()
        } else {
            [target, b": arguments must be process or job IDs"].concat()
        };
        fail(shell, "kill", &message);
        return false;
    }
    let id = match resolve_job_spec(&shell.jobs, target) {
        Ok(id) => id,
        Err(e) => {
            fail(shell, "kill", &e.message());
            return false;
        }
    };
    match shell.signal_job(id, sig) {
        Ok(()) => true,
        Err((pid, e)) => {
            report_kill_error(shell, pid, &e);
            false
        }
    }
}

fn report_kill_error(shell: &mut Shell, pid: i32, e: &std::io::Error) {
    let reason = crate::exec::describe_io_error(e);
    fail(shell, "kill", format!("({pid}) - {reason}").as_bytes());
}

/// `kill -l`: the table of every signal, or for each operand a number's
/// name (exit statuses above 128 name the signal that caused them) or a
/// name's number.
fn list_signals(shell: &mut Shell, operands: &[Vec<u8>]) -> i32 {
    if operands.is_empty() {
        return out(shell, &signal_table());
    }
    let mut status = 0;
    let mut text = Vec::new();
    for operand in operands {
        match describe_operand(operand) {
            Some(line) => text.extend_from_slice(line.as_bytes()),
            None => {
                // Keep the order of output and messages as bash has it.
                let _ = out(shell, &std::mem::take(&mut text));
                invalid_signal(shell, operand);
                status = 1;
            }
        }
    }
    status | out(shell, &text)
}

fn describe_operand(operand: &[u8]) -> Option<String> {
    if let Some(n) = parse_pid(operand) {
        let n = if n > 128 { n - 128 } else { n };
        if n == 0 {
            return Some("EXIT\n".into());
        }
        return signal_name(n).map(|name| format!("{name}\n"));
    }
    decode_signal(operand)
        .filter(|&n| n != 0)
        .map(|n| format!("{n}\n"))
}

/// bash's layout: `%2d) SIGNAME`, five to a line, tab separated (a tab
/// after each entry but the fifth), a final newline if a line is open.
fn signal_table() -> Vec<u8> {
    let mut text = String::new();
    let mut column = 0;
    for (n, name) in all_signals() {
        text.push_str(&format!("{n:2}) SIG{name}"));
        column += 1;
        if column < 5 {
            text.push('\t');
        } else {
            text.push('\n');
            column = 0;
        }
    }
    if column != 0 {
        text.push('\n');
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    fn send(sig: Option<i32>, spec: &str, rest: usize) -> Request {
        Request::Send {
            sig,
            spec: spec.as_bytes().to_vec(),
            rest,
        }
    }

    #[test]
    fn signal_options() {
        assert_eq!(
            parse_request(&args(&["kill", "1"])),
            send(Some(15), "TERM", 1)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-9", "1"])),
            send(Some(9), "9", 2)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-s", "int", "1"])),
            send(Some(2), "int", 3)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-sSIGUSR1", "1"])),
            send(Some(10), "SIGUSR1", 2)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-n", "0", "1"])),
            send(Some(0), "0", 3)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-n9", "1"])),
            send(Some(9), "9", 2)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-BOGUS", "1"])),
            send(None, "BOGUS", 2)
        );
        assert_eq!(
            parse_request(&args(&["kill", "-s", "EXIT", "1"])),
            send(Some(0), "EXIT", 3)
        );
    }

    #[test]
    fn later_dash_words_are_process_groups() {
        assert_eq!(
            parse_request(&args(&["kill", "-9", "-123"])),
            send(Some(9), "9", 2)
        );
        assert_eq!(
            parse_request(&args(&["kill", "--", "-9"])),
            send(Some(15), "TERM", 2)
        );
    }

    #[test]
    fn listing_and_errors() {
        assert_eq!(parse_request(&args(&["kill", "-l"])), Request::List(2));
        assert_eq!(parse_request(&args(&["kill", "-L", "9"])), Request::List(2));
        assert_eq!(
            parse_request(&args(&["kill", "-s"])),
            Request::MissingArgument(b"-s".to_vec())
        );
        assert_eq!(parse_request(&args(&["kill", "-?"])), Request::Usage);
    }

    #[test]
    fn operands_of_l_match_bash() {
        assert_eq!(describe_operand(b"9").as_deref(), Some("KILL\n"));
        assert_eq!(describe_operand(b"137").as_deref(), Some("KILL\n"));
        assert_eq!(describe_operand(b"0").as_deref(), Some("EXIT\n"));
        assert_eq!(describe_operand(b"TERM").as_deref(), Some("15\n"));
        assert_eq!(describe_operand(b"sigint").as_deref(), Some("2\n"));
        assert_eq!(describe_operand(b"RTMAX").as_deref(), Some("64\n"));
        assert_eq!(describe_operand(b"300"), None);
        assert_eq!(describe_operand(b"999"), None);
        assert_eq!(describe_operand(b"abc"), None);
    }

    #[test]
    fn table_layout_matches_bash() {
        let table = String::from_utf8(signal_table()).unwrap();
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[0],
            " 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP"
        );
        assert!(lines
            .contains(&"31) SIGSYS\t34) SIGRTMIN\t35) SIGRTMIN+1\t36) SIGRTMIN+2\t37) SIGRTMIN+3"));
        assert_eq!(lines.last(), Some(&"63) SIGRTMAX-1\t64) SIGRTMAX\t"));
        assert!(table.ends_with("\t\n"));
    }

    #[test]
    fn pids_parse_like_legal_number() {
        assert_eq!(parse_pid(b"123"), Some(123));
        assert_eq!(parse_pid(b"-9"), Some(-9));
        assert_eq!(parse_pid(b" 42 "), Some(42));
        assert_eq!(parse_pid(b"12abc"), None);
        assert_eq!(parse_pid(b"99999999999"), None);
        assert_eq!(parse_pid(b"-"), None);
        assert_eq!(parse_pid(b""), None);
    }
}
