//! Builtins that read and write text: `echo`, `printf`, `test`/`[`,
//! `read`, `mapfile`/`readarray`. The formatting cores live in `echo.rs`,
//! `printf.rs` and `test.rs`; this file wires them to fds and variables.

use super::{error, out};
use crate::exec::Status;
use crate::shell::Shell;
use crate::sys::fd::write_all_fd;
use crate::sys::lineread::read_until;

pub fn echo(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let text = if shell.opts.shopt("xpg_echo").unwrap_or(false) {
        let mut args = vec![b"-e".to_vec()];
        args.extend_from_slice(&argv[1..]);
        super::echo::echo(&args)
    } else {
        super::echo::echo(&argv[1..])
    };
    Ok(out(shell, &text))
}

pub fn printf(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut args = &argv[1..];
    let mut var = None;
    while let Some(first) = args.first() {
        match first.as_slice() {
            b"-v" if args.len() >= 2 => {
                var = Some(args[1].clone());
                args = &args[2..];
            }
            b"--" => {
                args = &args[1..];
                break;
            }
            _ => break,
        }
    }
    let Some((format, rest)) = args.split_first() else {
        error(
            shell,
            b"printf",
            b"usage: printf [-v var] format [arguments]",
        );
        return Ok(2);
    };
    super::printf::set_utf8_locale(shell.utf8_locale);
    let result = super::printf::format(format, rest);
    for e in &result.errors {
        error(shell, b"printf", e);
    }
    let status = match var {
        Some(name) => match shell.assign_name(&name, result.output) {
            Ok(()) => result.status,
            Err(message) => {
                error(shell, b"printf", &message);
                1
            }
        },
        None => {
            let s = out(shell, &result.output);
            if s != 0 {
                s
            } else {
                result.status
            }
        }
    };
    Ok(status)
}

pub fn test(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    Ok(run_test(shell, b"test", &argv[1..]))
}

pub fn bracket(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.last().map(Vec::as_slice) != Some(b"]") {
        error(shell, b"[", b"missing `]'");
        return Ok(2);
    }
    Ok(run_test(shell, b"[", &argv[1..argv.len() - 1]))
}

fn run_test(shell: &mut Shell, name: &[u8], args: &[Vec<u8>]) -> i32 {
    match super::test::evaluate(args, shell) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(message) => {
            error(shell, name, &message);
            2
        }
    }
}

/// Options of `read`.
struct ReadOptions {
    raw: bool,
    delim: u8,
    nchars: Option<usize>,
    exact: bool,
    fd: i32,
    array: Option<Vec<u8>>,
    prompt: Option<Vec<u8>>,
    timeout: Option<f64>,
    silent: bool,
}

fn parse_read_options(shell: &mut Shell, argv: &[Vec<u8>]) -> Result<(ReadOptions, usize), i32> {
    let mut o = ReadOptions {
        raw: false,
        delim: b'\n',
        nchars: None,
        exact: false,
        fd: 0,
        array: None,
        prompt: None,
        timeout: None,
        silent: false,
    };
    let mut i = 1;
    while i < argv.len() {
        let arg = &argv[i];
        if arg == b"--" {
            i += 1;
            break;
        }
        if arg.len() < 2 || arg[0] != b'-' {
            break;
        }
        let mut j = 1;
        while j < arg.len() {
            let c = arg[j];
            j += 1;
            let takes_value = matches!(c, b'd' | b'n' | b'N' | b'u' | b'a' | b'p' | b't' | b'i');
            let value = if takes_value {
                if j < arg.len() {
                    let v = arg[j..].to_vec();
                    j = arg.len();
                    Some(v)
                } else {
                    i += 1;
                    match argv.get(i) {
                        Some(v) => Some(v.clone()),
                        None => {
                            error(
                                shell,
                                b"read",
                                format!("-{}: option requires an argument", c as char).as_bytes(),
                            );
                            return Err(2);
                        }
                    }
                }
            } else {
                None
            };
            let value = value.unwrap_or_default();
            let number = || {
                std::str::from_utf8(&value)
                    .ok()
                    .and_then(|s| s.trim().parse::<usize>().ok())
            };
            match c {
                b'r' => o.raw = true,
                b's' => o.silent = true,
                b'e' => {}
                b'i' => {}
                b'd' => o.delim = value.first().copied().unwrap_or(0),
                b'n' | b'N' => {
                    let Some(n) = number() else {
                        error(shell, b"read", b"invalid number");
                        return Err(2);
                    };
                    o.nchars = Some(n);
                    o.exact = c == b'N';
                }
                b'u' => {
                    let Some(n) = number() else {
                        error(shell, b"read", b"invalid file descriptor specification");
                        return Err(2);
                    };
                    o.fd = n as i32;
                }
                b'a' => o.array = Some(value),
                b'p' => o.prompt = Some(value),
                b't' => {
                    o.timeout = std::str::from_utf8(&value)
                        .ok()
                        .and_then(|s| s.parse::<f64>().ok());
                    if o.timeout.is_none() {
                        error(shell, b"read", b"invalid timeout specification");
                        return Err(2);
                    }
                }
                _ => {
                    error(
                        shell,
                        b"read",
                        format!("-{}: invalid option", c as char).as_bytes(),
                    );
                    return Err(2);
                }
            }
        }
        i += 1;
    }
    Ok((o, i))
}

/// For a terminal `fd`: blocks until it is readable (`None`) or a signal
/// the shell acts on arrives (`Some(sig)`: SIGINT, or a trapped one).
fn wait_input_or_signal(shell: &Shell, fd: i32) -> Option<i32> {
    use crate::sys::signals;
    // SAFETY: isatty only inspects the fd.
    if unsafe { libc::isatty(fd) } != 1 {
        return None;
    }
    let wake = signals::wake_fd()?;
    let mut mask = signals::signal_bit(libc::SIGINT);
    for sig in 1..=signals::MAX_SIGNAL {
        if shell.traps.get(sig as usize).is_some_and(Option::is_some) {
            mask |= signals::signal_bit(sig);
        }
    }
    loop {
        signals::drain_wake_fd();
        if let Some(sig) = (1..=signals::MAX_SIGNAL)
            .find(|&s| signals::pending() & mask & signals::signal_bit(s) != 0)
        {
            return Some(sig);
        }
        let mut fds = [
            libc::pollfd {
                fd,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: wake,
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        // SAFETY: poll reads and writes only the two pollfds we pass.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
        if n > 0 && fds[0].revents != 0 {
            return None;
        }
    }
}

/// Waits up to `secs` for `fd` to be readable; false on timeout.
fn wait_readable(fd: i32, secs: f64) -> bool {
    let mut pfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = (secs * 1000.0).round() as i32;
    // SAFETY: poll reads and writes only the one pollfd we pass.
    unsafe { libc::poll(&mut pfd, 1, ms) > 0 }
}

pub fn read(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let (o, first_name) = match parse_read_options(shell, argv) {
        Ok(x) => x,
        Err(s) => return Ok(s),
    };
    let names: Vec<Vec<u8>> = argv[first_name..].to_vec();
    for name in &names {
        let base = name.split(|&b| b == b'[').next().unwrap_or(name);
        if !crate::shell::vars::is_valid_name(base) {
            let mut m = b"`".to_vec();
            m.extend_from_slice(name);
            m.extend_from_slice(b"': not a valid identifier");
            error(shell, b"read", &m);
            return Ok(1);
        }
    }
    if let Some(p) = &o.prompt {
        // SAFETY: isatty only inspects the fd.
        if unsafe { libc::isatty(o.fd) } == 1 {
            let _ = write_all_fd(2, p);
        }
    }
    if let Some(t) = o.timeout {
        if !wait_readable(o.fd, t) {
            return Ok(142);
        }
    }
    // On a terminal, wait for input or a signal: the handlers restart a
    // blocked read(2), so Ctrl-C or a trapped signal must be noticed here.
    if let Some(sig) = wait_input_or_signal(shell, o.fd) {
        let trapped = shell.traps.get(sig as usize).is_some_and(Option::is_some);
        if sig == libc::SIGINT && !trapped {
            crate::sys::signals::take_pending_in(crate::sys::signals::signal_bit(sig));
            let _ = write_all_fd(2, b"\n");
            shell.last_status = 130;
            return Err(crate::exec::Unwind::Abort(130));
        }
        return Ok(128 + sig);
    }
    let (line, eof) = read_input(&o);
    let eof_status = i32::from(eof);
    if o.exact {
        let name = names.first().cloned().unwrap_or_else(|| b"REPLY".to_vec());
        return Ok(set_var(shell, &name, plain(line)).max(eof_status));
    }
    let ifs = shell.ifs();
    if let Some(array) = &o.array {
        let fields: Vec<Vec<u8>> = split_all(&line, &ifs).into_iter().map(plain).collect();
        let items = fields.into_iter().map(|f| (None, f)).collect();
        let _ = shell.vars.unset(array);
        if let Err(e) = shell.vars.set_array(array, items, false) {
            shell.report(&e.message());
            return Ok(1);
        }
        return Ok(eof_status);
    }
    if names.is_empty() {
        return Ok(set_var(shell, b"REPLY", plain(line)).max(eof_status));
    }
    let values = split_for_read(&line, &ifs, names.len());
    let mut status = eof_status;
    for (name, value) in names.iter().zip(values) {
        status = status.max(set_var(shell, name, plain(value)));
    }
    Ok(status)
}

/// One input byte and whether a backslash quoted it.
type Ch = (u8, bool);

fn plain(chars: Vec<Ch>) -> Vec<u8> {
    chars.into_iter().map(|(b, _)| b).collect()
}

fn set_var(shell: &mut Shell, name: &[u8], value: Vec<u8>) -> i32 {
    match shell.assign_name(name, value) {
        Ok(()) => 0,
        Err(message) => {
            error(shell, b"read", &message);
            1
        }
    }
}

/// Reads the input of `read` (through the delimiter, which is dropped).
/// Without `-r` a backslash quotes the next byte and backslash-newline
/// continues the line; quoted bytes are never field separators.
fn read_input(o: &ReadOptions) -> (Vec<Ch>, bool) {
    if o.nchars.is_none() && !o.exact {
        return read_line_input(o);
    }
    let mut out: Vec<Ch> = Vec::new();
    let delim = if o.exact { None } else { Some(o.delim) };
    // Byte at a time: `-n` counts characters after escapes, and no input
    // past what read needs is consumed.
    let mut pending_escape = false;
    loop {
        if o.nchars.is_some_and(|n| out.len() >= n) {
            return (out, false);
        }
        let chunk = match read_until(o.fd, delim.unwrap_or(0), Some(1)) {
            Ok((chunk, _)) => chunk,
            Err(_) => return (out, true),
        };
        let Some(&b) = chunk.first() else {
            return (out, true);
        };
        if pending_escape {
            pending_escape = false;
            if b != b'\n' {
                out.push((b, true));
            }
            continue;
        }
        if !o.raw && b == b'\\' {
            pending_escape = true;
            continue;
        }
        if Some(b) == delim {
            return (out, false);
        }
        out.push((b, false));
    }
}

/// A whole line at once (a block read and a seek back on seekable input).
fn read_line_input(o: &ReadOptions) -> (Vec<Ch>, bool) {
    let mut out: Vec<Ch> = Vec::new();
    loop {
        let (mut line, eof) = match read_until(o.fd, o.delim, None) {
            Ok(x) => x,
            Err(_) => return (out, true),
        };
        let had_delim = !eof && line.last() == Some(&o.delim);
        if had_delim {
            line.pop();
        }
        let mut i = 0;
        let mut continued = false;
        while i < line.len() {
            let b = line[i];
            if !o.raw && b == b'\\' {
                match line.get(i + 1) {
                    Some(&next) => {
                        if next != b'\n' {
                            out.push((next, true));
                        }
                        i += 2;
                    }
                    None => {
                        // A backslash before the delimiter: the line goes on
                        // (for newline) or the delimiter is quoted.
                        if had_delim && o.delim == b'\n' {
                            continued = true;
                        } else if had_delim {
                            out.push((o.delim, true));
                            continued = true;
                        }
                        i += 1;
                    }
                }
                continue;
            }
            out.push((b, false));
            i += 1;
        }
        if eof {
            return (out, true);
        }
        if !continued {
            return (out, false);
        }
    }
}

fn is_ifs_ws(c: Ch, ifs: &[u8]) -> bool {
    !c.1 && matches!(c.0, b' ' | b'\t' | b'\n') && ifs.contains(&c.0)
}

fn is_ifs(c: Ch, ifs: &[u8]) -> bool {
    !c.1 && ifs.contains(&c.0)
}

/// Splits the whole line into fields (`read -a`).
fn split_all(s: &[Ch], ifs: &[u8]) -> Vec<Vec<Ch>> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let (field, remainder) = next_field(rest, ifs);
        match field {
            Some(f) => out.push(f),
            None => break,
        }
        rest = remainder;
    }
    out
}

/// The next IFS field of `s` and what follows its delimiter.
fn next_field<'a>(s: &'a [Ch], ifs: &[u8]) -> (Option<Vec<Ch>>, &'a [Ch]) {
    let start = s
        .iter()
        .position(|&c| !is_ifs_ws(c, ifs))
        .unwrap_or(s.len());
    let s = &s[start..];
    if s.is_empty() {
        return (None, s);
    }
    let end = s.iter().position(|&c| is_ifs(c, ifs)).unwrap_or(s.len());
    let field = s[..end].to_vec();
    let mut rest = &s[end..];
    // Consume the delimiter: whitespace, then at most one other IFS byte.
    let ws = rest.iter().take_while(|&&c| is_ifs_ws(c, ifs)).count();
    rest = &rest[ws..];
    if let Some(&c) = rest.first() {
        if is_ifs(c, ifs) && !is_ifs_ws(c, ifs) {
            rest = &rest[1..];
        }
    }
    (Some(field), rest)
}

/// `read a b c`: the first names get one field each, the last the rest.
fn split_for_read(s: &[Ch], ifs: &[u8], names: usize) -> Vec<Vec<Ch>> {
    let mut out = Vec::with_capacity(names);
    let mut rest = s;
    for _ in 0..names.saturating_sub(1) {
        let (field, remainder) = next_field(rest, ifs);
        out.push(field.unwrap_or_default());
        rest = remainder;
    }
    // The last name: the remainder without leading/trailing IFS
    // whitespace; a lone field keeps no trailing delimiter (bash).
    let start = rest
        .iter()
        .position(|&c| !is_ifs_ws(c, ifs))
        .unwrap_or(rest.len());
    let mut last = &rest[start..];
    while last.last().is_some_and(|&c| is_ifs_ws(c, ifs)) {
        last = &last[..last.len() - 1];
    }
    let (field, remainder) = next_field(last, ifs);
    let value = match field {
        Some(f) if remainder.is_empty() => f,
        _ => last.to_vec(),
    };
    out.push(value);
    out
}

/// `mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [array]`
pub fn mapfile(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut delim = b'\n';
    let mut count: Option<usize> = None;
    let mut origin: i64 = 0;
    let mut skip = 0usize;
    let mut trim = false;
    let mut fd = 0;
    let mut name = b"MAPFILE".to_vec();
    let mut i = 1;
    let num = |v: &[u8]| {
        std::str::from_utf8(v)
            .ok()
            .and_then(|s| s.parse::<i64>().ok())
    };
    let mut clear = true;
    let mut callback: Option<Vec<u8>> = None;
    let mut quantum = 5000usize;
    while i < argv.len() {
        let arg = argv[i].clone();
        let value = || argv.get(i + 1).cloned().unwrap_or_default();
        match arg.as_slice() {
            b"-d" => {
                delim = value().first().copied().unwrap_or(0);
                i += 1;
            }
            b"-n" => {
                count = num(&value()).map(|n| n as usize).filter(|&n| n > 0);
                i += 1;
            }
            b"-O" => {
                origin = num(&value()).unwrap_or(0);
                clear = false;
                i += 1;
            }
            b"-s" => {
                skip = num(&value()).unwrap_or(0) as usize;
                i += 1;
            }
            b"-u" => {
                fd = num(&value()).unwrap_or(0) as i32;
                i += 1;
            }
            b"-t" => trim = true,
            b"-C" => {
                callback = Some(value());
                i += 1;
            }
            b"-c" => {
                quantum = num(&value()).filter(|&n| n > 0).unwrap_or(5000) as usize;
                i += 1;
            }
            _ if arg.first() == Some(&b'-') && arg.len() > 1 => {
                error(
                    shell,
                    &argv[0],
                    format!("{}: invalid option", String::from_utf8_lossy(&arg)).as_bytes(),
                );
                return Ok(2);
            }
            _ => name = arg,
        }
        i += 1;
    }
    let mut items = Vec::new();
    let mut index = origin;
    let mut n = 0usize;
    loop {
        if count.is_some_and(|c| items.len() >= c) {
            break;
        }
        let (mut line, eof) = match read_until(fd, delim, None) {
            Ok(x) => x,
            Err(_) => break,
        };
        if line.is_empty() && eof {
            break;
        }
        if trim && line.last() == Some(&delim) {
            line.pop();
        }
        if n >= skip {
            // `-C callback -c N`: run "callback INDEX LINE" every N lines,
            // before that line is assigned.
            if let Some(cb) = &callback {
                if (items.len() + 1) % quantum == 0 {
                    let mut text = cb.clone();
                    text.extend_from_slice(format!(" {index} ").as_bytes());
                    text.extend(crate::expand::quote::single_quote(&line));
                    shell.run_text(&text, "mapfile")?;
                }
            }
            items.push((index, line));
            index += 1;
        }
        n += 1;
        if eof {
            break;
        }
    }
    if clear {
        let _ = shell.vars.unset(&name);
    }
    let items: Vec<crate::shell::vars::ArrayItem> = items
        .into_iter()
        .map(|(i, v)| (Some(crate::shell::vars::Subscript::Index(i)), v))
        .collect();
    match shell.vars.set_array(&name, items, !clear) {
        Ok(()) => Ok(0),
        Err(e) => {
            shell.report(&e.message());
            Ok(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &[u8]) -> Vec<Ch> {
        s.iter().map(|&b| (b, false)).collect()
    }

    fn s(v: Vec<Vec<Ch>>) -> Vec<String> {
        v.into_iter()
            .map(|x| String::from_utf8(plain(x)).unwrap())
            .collect()
    }

    #[test]
    fn read_splitting_matches_bash() {
        assert_eq!(s(split_for_read(&chars(b"x:y:"), b":", 2)), ["x", "y"]);
        assert_eq!(s(split_for_read(&chars(b"x:y:z:"), b":", 2)), ["x", "y:z:"]);
        assert_eq!(
            s(split_for_read(&chars(b"  x   y  z  "), b" \t\n", 2)),
            ["x", "y  z"]
        );
        assert_eq!(s(split_for_read(&chars(b"x"), b":", 3)), ["x", "", ""]);
    }

    #[test]
    fn escaped_separator_does_not_split() {
        let mut line = chars(b"x");
        line.push((b':', true));
        line.extend(chars(b"y:z"));
        assert_eq!(s(split_for_read(&line, b":", 2)), ["x:y", "z"]);
    }
}
