//! `umask` (octal and symbolic modes, `-S`, `-p`) and `ulimit` (every
//! limit Linux has, `-a` in bash's table format), after bash's
//! `umask.def` and `ulimit.def`. Entry points: [`umask`], [`ulimit`].

use nix::sys::resource::{getrlimit, setrlimit, Resource};

use super::{args, error, out};
use crate::exec::Status;
use crate::shell::Shell;

fn current_umask() -> u32 {
    // SAFETY: umask only swaps the process's mask; it is restored at once.
    unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m as u32
    }
}

fn set_umask(mask: u32) {
    // SAFETY: sets the process's file creation mask; no memory involved.
    unsafe { libc::umask(mask as libc::mode_t) };
}

/// `u=rwx,g=rx,o=rx` for a mask.
fn symbolic(mask: u32) -> String {
    let perm = |shift: u32| {
        let bits = (!mask >> shift) & 7;
        let mut s = String::new();
        for (bit, c) in [(4, 'r'), (2, 'w'), (1, 'x')] {
            if bits & bit != 0 {
                s.push(c);
            }
        }
        s
    };
    format!("u={},g={},o={}", perm(6), perm(3), perm(0))
}

/// bash's `read_octal`: at most 07777.
fn read_octal(s: &[u8]) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    let mut v: u32 = 0;
    for &c in s {
        if !(b'0'..=b'7').contains(&c) {
            return None;
        }
        v = v * 8 + u32::from(c - b'0');
        if v > 0o7777 {
            return None;
        }
    }
    Some(v)
}

/// Applies a symbolic mode (`u=rwx,g+w,o-x`) to the permission bits
/// (the complement of the mask); the error message on a bad mode.
pub fn parse_symbolic(mode: &[u8], initial: u32) -> Result<u32, Vec<u8>> {
    let mut bits = initial;
    for clause in mode.split(|&b| b == b',') {
        let mut s = clause.iter().copied().peekable();
        let mut who = 0u32;
        while let Some(c) = s.peek().copied().filter(|c| b"agou".contains(c)) {
            who |= match c {
                b'u' => 0o700,
                b'g' => 0o070,
                b'o' => 0o007,
                _ => 0o777,
            };
            s.next();
        }
        let op = s.next();
        if !matches!(op, Some(b'+' | b'-' | b'=')) {
            // bash prints the NUL that ended the mode, byte for byte.
            let c = op.unwrap_or(0);
            return Err([b"`".as_slice(), &[c], b"': invalid symbolic mode operator"].concat());
        }
        let mut perm = 0u32;
        for c in s {
            perm |= match c {
                b'r' => 0o444,
                b'w' => 0o222,
                b'x' => 0o111,
                _ => {
                    return Err(
                        [b"`".as_slice(), &[c], b"': invalid symbolic mode character"].concat(),
                    )
                }
            };
        }
        if who != 0 {
            perm &= who;
        }
        match op {
            Some(b'+') => bits |= perm,
            Some(b'-') => bits &= !perm,
            _ => {
                let who = if who == 0 { 0o777 } else { who };
                bits = (bits & !who) | perm;
            }
        }
    }
    Ok(bits)
}

pub fn umask(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "Sp") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let symbolically = parsed.has(b'S');
    let Some(mode) = argv.get(parsed.rest) else {
        let mask = current_umask();
        let mut text = String::new();
        if parsed.has(b'p') {
            text.push_str(if symbolically { "umask -S " } else { "umask " });
        }
        if symbolically {
            text.push_str(&symbolic(mask));
        } else {
            text.push_str(&format!("{mask:04o}"));
        }
        text.push('\n');
        return Ok(out(shell, text.as_bytes()));
    };
    let mask = if mode.first().is_some_and(u8::is_ascii_digit) {
        match read_octal(mode) {
            Some(m) => m,
            None => {
                error(
                    shell,
                    b"umask",
                    &[mode.as_slice(), b": octal number out of range"].concat(),
                );
                return Ok(1);
            }
        }
    } else {
        match parse_symbolic(mode, !current_umask() & 0o777) {
            Ok(bits) => !bits & 0o777,
            Err(m) => {
                error(shell, b"umask", &m);
                return Ok(1);
            }
        }
    };
    set_umask(mask);
    if symbolically {
        let text = format!("{}\n", symbolic(mask & 0o777));
        return Ok(out(shell, text.as_bytes()));
    }
    Ok(0)
}

/// One `ulimit` limit: option letter, resource, unit size, description,
/// unit name. A unit of 0 means bash's "POSIX block" (1024, or 512 in
/// posix mode).
struct Limit {
    letter: u8,
    resource: Option<Resource>,
    factor: u64,
    description: &'static str,
    units: Option<&'static str>,
}

const fn limit(
    letter: u8,
    resource: Option<Resource>,
    factor: u64,
    description: &'static str,
    units: Option<&'static str>,
) -> Limit {
    Limit {
        letter,
        resource,
        factor,
        description,
        units,
    }
}

/// bash's table on Linux, in its `ulimit -a` order. `-p` (pipe size) has
/// no resource: it is a fixed 8 blocks of 512 bytes.
static LIMITS: &[Limit] = &[
    limit(
        b'R',
        Some(Resource::RLIMIT_RTTIME),
        1,
        "real-time non-blocking time",
        Some("microseconds"),
    ),
    limit(
        b'c',
        Some(Resource::RLIMIT_CORE),
        0,
        "core file size",
        Some("blocks"),
    ),
    limit(
        b'd',
        Some(Resource::RLIMIT_DATA),
        1024,
        "data seg size",
        Some("kbytes"),
    ),
    limit(
        b'e',
        Some(Resource::RLIMIT_NICE),
        1,
        "scheduling priority",
        None,
    ),
    limit(
        b'f',
        Some(Resource::RLIMIT_FSIZE),
        0,
        "file size",
        Some("blocks"),
    ),
    limit(
        b'i',
        Some(Resource::RLIMIT_SIGPENDING),
        1,
        "pending signals",
        None,
    ),
    limit(
        b'l',
        Some(Resource::RLIMIT_MEMLOCK),
        1024,
        "max locked memory",
        Some("kbytes"),
    ),
    limit(
        b'm',
        Some(Resource::RLIMIT_RSS),
        1024,
        "max memory size",
        Some("kbytes"),
    ),
    limit(b'n', Some(Resource::RLIMIT_NOFILE), 1, "open files", None),
    limit(b'p', None, 512, "pipe size", Some("512 bytes")),
    limit(
        b'q',
        Some(Resource::RLIMIT_MSGQUEUE),
        1,
        "POSIX message queues",
        Some("bytes"),
    ),
    limit(
        b'r',
        Some(Resource::RLIMIT_RTPRIO),
        1,
        "real-time priority",
        None,
    ),
    limit(
        b's',
        Some(Resource::RLIMIT_STACK),
        1024,
        "stack size",
        Some("kbytes"),
    ),
    limit(
        b't',
        Some(Resource::RLIMIT_CPU),
        1,
        "cpu time",
        Some("seconds"),
    ),
    limit(
        b'u',
        Some(Resource::RLIMIT_NPROC),
        1,
        "max user processes",
        None,
    ),
    limit(
        b'v',
        Some(Resource::RLIMIT_AS),
        1024,
        "virtual memory",
        Some("kbytes"),
    ),
    limit(b'x', Some(Resource::RLIMIT_LOCKS), 1, "file locks", None),
];

const PIPE_BLOCKS: u64 = 8;

fn factor(shell: &Shell, l: &Limit) -> u64 {
    match l.factor {
        0 if shell.opts.get("posix") => 512,
        0 => 1024,
        f => f,
    }
}

fn get(l: &Limit) -> Result<(u64, u64), nix::errno::Errno> {
    match l.resource {
        Some(r) => getrlimit(r),
        None => Ok((PIPE_BLOCKS * 512, PIPE_BLOCKS * 512)),
    }
}

/// One value, with the description in front when several are shown.
fn format_one(shell: &Shell, l: &Limit, value: u64, labelled: bool) -> String {
    let mut s = String::new();
    if labelled {
        let unit = match l.units {
            Some(u) => format!("({u}, -{}) ", l.letter as char),
            None => format!("(-{}) ", l.letter as char),
        };
        s.push_str(&format!("{:<20} {:>20}", l.description, unit));
    }
    if value == libc::RLIM_INFINITY {
        s.push_str("unlimited\n");
    } else {
        s.push_str(&format!("{}\n", value / factor(shell, l)));
    }
    s
}

pub fn ulimit(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut spec = String::from("aSH");
    for l in LIMITS {
        spec.push(l.letter as char);
        spec.push(';');
    }
    let parsed = match args::parse(shell, argv, &spec) {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let hard = parsed.has(b'H');
    let soft = parsed.has(b'S');
    let mut cmds: Vec<(u8, Option<Vec<u8>>)> = parsed
        .opts
        .iter()
        .filter(|(c, _)| !b"aSH".contains(c))
        .cloned()
        .collect();
    let mut rest = &argv[parsed.rest..];
    if parsed.has(b'a') {
        let mut text = String::new();
        for l in LIMITS {
            if let Ok((cur, max)) = get(l) {
                text.push_str(&format_one(
                    shell,
                    l,
                    if hard && !soft { max } else { cur },
                    true,
                ));
            }
        }
        return Ok(out(shell, text.as_bytes()));
    }
    if cmds.is_empty() {
        cmds.push((b'f', rest.first().cloned()));
        rest = rest.get(1..).unwrap_or(&[]);
    }
    // POSIX: an operand is the value of the last option without one.
    if let (Some(v), Some(last)) = (rest.first(), cmds.last_mut()) {
        if last.1.is_none() {
            last.1 = Some(v.clone());
        }
    }
    let multiple = cmds.len() > 1;
    for (letter, value) in &cmds {
        let Some(l) = LIMITS.iter().find(|l| l.letter == *letter) else {
            continue;
        };
        if one_limit(shell, l, value.as_deref(), (hard, soft), multiple) != 0 {
            return Ok(1);
        }
    }
    Ok(0)
}

/// Shows or sets one limit; `mode` is (-H, -S).
fn one_limit(
    shell: &mut Shell,
    l: &Limit,
    value: Option<&[u8]>,
    mode: (bool, bool),
    multiple: bool,
) -> i32 {
    let (cur, max) = match get(l) {
        Ok(v) => v,
        Err(e) => {
            let m = format!("{}: cannot get limit: {}", l.description, e.desc());
            error(shell, b"ulimit", m.as_bytes());
            return 1;
        }
    };
    let Some(value) = value else {
        let shown = if mode.1 || !mode.0 { cur } else { max };
        let text = format_one(shell, l, shown, multiple);
        return out(shell, text.as_bytes());
    };
    let new = match value {
        b"hard" => max,
        b"soft" => cur,
        b"unlimited" => libc::RLIM_INFINITY,
        v if !v.is_empty() && v.iter().all(u8::is_ascii_digit) => {
            let n = std::str::from_utf8(v)
                .ok()
                .and_then(|s| s.parse::<u64>().ok());
            match n.and_then(|n| n.checked_mul(factor(shell, l))) {
                Some(n) => n,
                None => {
                    error(shell, b"ulimit", &[v, b": limit out of range"].concat());
                    return 1;
                }
            }
        }
        v => {
            error(shell, b"ulimit", &[v, b": invalid number"].concat());
            return 1;
        }
    };
    let (set_hard, set_soft) = if mode == (false, false) {
        (true, true)
    } else {
        mode
    };
    // An unprivileged user asking for an unlimited soft limit gets the
    // hard one (bash's `set_limit`).
    let new = if new == libc::RLIM_INFINITY && !set_hard && !nix::unistd::geteuid().is_root() {
        max
    } else {
        new
    };
    let result = match l.resource {
        Some(r) => setrlimit(
            r,
            if set_soft { new } else { cur },
            if set_hard { new } else { max },
        ),
        None => Err(nix::errno::Errno::EINVAL),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            let m = format!("{}: cannot modify limit: {}", l.description, e.desc());
            error(shell, b"ulimit", m.as_bytes());
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(mode: &str, mask: u32) -> Result<u32, String> {
        parse_symbolic(mode.as_bytes(), !mask & 0o777)
            .map(|b| !b & 0o777)
            .map_err(|e| String::from_utf8_lossy(&e).into_owned())
    }

    #[test]
    fn symbolic_modes_like_bash() {
        assert_eq!(sym("u=rwx,g=rx,o=", 0o022), Ok(0o027));
        assert_eq!(sym("g+w", 0o027), Ok(0o007));
        assert_eq!(sym("o-x,a+r", 0o007), Ok(0o003));
        assert_eq!(sym("a=", 0o003), Ok(0o777));
        assert_eq!(sym("+w", 0o777), Ok(0o555));
        assert_eq!(sym("=r", 0o022), Ok(0o333));
        assert!(sym("u=q", 0o022)
            .unwrap_err()
            .contains("`q': invalid symbolic mode character"));
        assert!(sym("o+x-w", 0o022).unwrap_err().contains("`-'"));
        assert!(sym("u", 0o022).unwrap_err().contains("operator"));
    }

    #[test]
    fn octal_limits() {
        assert_eq!(read_octal(b"022"), Some(0o22));
        assert_eq!(read_octal(b"1777"), Some(0o1777));
        assert_eq!(read_octal(b"8"), None);
        assert_eq!(read_octal(b"0777777"), None);
    }

    #[test]
    fn symbolic_listing() {
        assert_eq!(symbolic(0o022), "u=rwx,g=rx,o=rx");
        assert_eq!(symbolic(0o777), "u=,g=,o=");
    }
}
