//! Signal names, numbers and descriptions, as bash spells them.
//!
//! Owns: the name table behind `kill -l`, `trap -l`, `kill -s NAME` and
//! `trap ACTION NAME`, and the descriptions used in job messages
//! ("Killed", "Segmentation fault"). Pure functions; no system state.
//! Main entry points: [`signal_number`], [`signal_name`], [`all_signals`],
//! [`signal_description`]. `EXIT` (0) and other pseudo-signals (`ERR`,
//! `DEBUG`, `RETURN`) are the caller's business.

/// The highest signal number the shell handles (Linux `_NSIG - 1`).
pub const MAX_SIGNAL: i32 = 64;

/// Classic signals in number order, without the `SIG` prefix. Built from the
/// libc constants so the numbers are right for the target.
const CLASSIC: &[(i32, &str)] = &[
    (libc::SIGHUP, "HUP"),
    (libc::SIGINT, "INT"),
    (libc::SIGQUIT, "QUIT"),
    (libc::SIGILL, "ILL"),
    (libc::SIGTRAP, "TRAP"),
    (libc::SIGABRT, "ABRT"),
    (libc::SIGBUS, "BUS"),
    (libc::SIGFPE, "FPE"),
    (libc::SIGKILL, "KILL"),
    (libc::SIGUSR1, "USR1"),
    (libc::SIGSEGV, "SEGV"),
    (libc::SIGUSR2, "USR2"),
    (libc::SIGPIPE, "PIPE"),
    (libc::SIGALRM, "ALRM"),
    (libc::SIGTERM, "TERM"),
    (libc::SIGSTKFLT, "STKFLT"),
    (libc::SIGCHLD, "CHLD"),
    (libc::SIGCONT, "CONT"),
    (libc::SIGSTOP, "STOP"),
    (libc::SIGTSTP, "TSTP"),
    (libc::SIGTTIN, "TTIN"),
    (libc::SIGTTOU, "TTOU"),
    (libc::SIGURG, "URG"),
    (libc::SIGXCPU, "XCPU"),
    (libc::SIGXFSZ, "XFSZ"),
    (libc::SIGVTALRM, "VTALRM"),
    (libc::SIGPROF, "PROF"),
    (libc::SIGWINCH, "WINCH"),
    (libc::SIGIO, "IO"),
    (libc::SIGPWR, "PWR"),
    (libc::SIGSYS, "SYS"),
];

/// glibc's `strsignal` texts, which bash prints in job reports.
const DESCRIPTIONS: &[(i32, &str)] = &[
    (libc::SIGHUP, "Hangup"),
    (libc::SIGINT, "Interrupt"),
    (libc::SIGQUIT, "Quit"),
    (libc::SIGILL, "Illegal instruction"),
    (libc::SIGTRAP, "Trace/breakpoint trap"),
    (libc::SIGABRT, "Aborted"),
    (libc::SIGBUS, "Bus error"),
    (libc::SIGFPE, "Floating point exception"),
    (libc::SIGKILL, "Killed"),
    (libc::SIGUSR1, "User defined signal 1"),
    (libc::SIGSEGV, "Segmentation fault"),
    (libc::SIGUSR2, "User defined signal 2"),
    (libc::SIGPIPE, "Broken pipe"),
    (libc::SIGALRM, "Alarm clock"),
    (libc::SIGTERM, "Terminated"),
    (libc::SIGSTKFLT, "Stack fault"),
    (libc::SIGCHLD, "Child exited"),
    (libc::SIGCONT, "Continued"),
    (libc::SIGSTOP, "Stopped (signal)"),
    (libc::SIGTSTP, "Stopped"),
    (libc::SIGTTIN, "Stopped (tty input)"),
    (libc::SIGTTOU, "Stopped (tty output)"),
    (libc::SIGURG, "Urgent I/O condition"),
    (libc::SIGXCPU, "CPU time limit exceeded"),
    (libc::SIGXFSZ, "File size limit exceeded"),
    (libc::SIGVTALRM, "Virtual timer expired"),
    (libc::SIGPROF, "Profiling timer expired"),
    (libc::SIGWINCH, "Window changed"),
    (libc::SIGIO, "I/O possible"),
    (libc::SIGPWR, "Power failure"),
    (libc::SIGSYS, "Bad system call"),
];

const RTMIN_NAMES: [&str; 17] = [
    "RTMIN", "RTMIN+1", "RTMIN+2", "RTMIN+3", "RTMIN+4", "RTMIN+5", "RTMIN+6", "RTMIN+7",
    "RTMIN+8", "RTMIN+9", "RTMIN+10", "RTMIN+11", "RTMIN+12", "RTMIN+13", "RTMIN+14", "RTMIN+15",
    "RTMIN+16",
];
const RTMAX_NAMES: [&str; 17] = [
    "RTMAX", "RTMAX-1", "RTMAX-2", "RTMAX-3", "RTMAX-4", "RTMAX-5", "RTMAX-6", "RTMAX-7",
    "RTMAX-8", "RTMAX-9", "RTMAX-10", "RTMAX-11", "RTMAX-12", "RTMAX-13", "RTMAX-14", "RTMAX-15",
    "RTMAX-16",
];
const RT_DESCRIPTIONS: [&str; 33] = [
    "Real-time signal 0",
    "Real-time signal 1",
    "Real-time signal 2",
    "Real-time signal 3",
    "Real-time signal 4",
    "Real-time signal 5",
    "Real-time signal 6",
    "Real-time signal 7",
    "Real-time signal 8",
    "Real-time signal 9",
    "Real-time signal 10",
    "Real-time signal 11",
    "Real-time signal 12",
    "Real-time signal 13",
    "Real-time signal 14",
    "Real-time signal 15",
    "Real-time signal 16",
    "Real-time signal 17",
    "Real-time signal 18",
    "Real-time signal 19",
    "Real-time signal 20",
    "Real-time signal 21",
    "Real-time signal 22",
    "Real-time signal 23",
    "Real-time signal 24",
    "Real-time signal 25",
    "Real-time signal 26",
    "Real-time signal 27",
    "Real-time signal 28",
    "Real-time signal 29",
    "Real-time signal 30",
    "Real-time signal 31",
    "Real-time signal 32",
];

/// The real-time range `(SIGRTMIN, SIGRTMAX)`; glibc decides it at run time
/// (it reserves the first few for threads).
fn rt_range() -> (i32, i32) {
    (libc::SIGRTMIN(), libc::SIGRTMAX())
}

/// The name of signal `num` without `SIG` (`2` → `"INT"`, `37` →
/// `"RTMIN+3"`, `50` → `"RTMAX-14"`), as bash's `kill -l` lists it.
/// `None` for 0 (the caller's `EXIT`) and numbers that name no signal.
pub fn signal_name(num: i32) -> Option<&'static str> {
    if let Some(&(_, name)) = CLASSIC.iter().find(|&&(n, _)| n == num) {
        return Some(name);
    }
    let (min, max) = rt_range();
    if num < min || num > max {
        return None;
    }
    // bash names the lower half from RTMIN up and the upper half from RTMAX
    // down: 34..=49 are RTMIN+k, 50..=64 are RTMAX-k.
    let offset = usize::try_from(num - min).ok()?;
    if num - min <= (max - min) / 2 {
        RTMIN_NAMES.get(offset).copied()
    } else {
        RTMAX_NAMES.get(usize::try_from(max - num).ok()?).copied()
    }
}

/// Every signal with a name, in number order, for `kill -l` / `trap -l`.
pub fn all_signals() -> impl Iterator<Item = (i32, &'static str)> {
    (1..=MAX_SIGNAL).filter_map(|n| signal_name(n).map(|name| (n, name)))
}

/// Parses a signal given by name or number: `INT`, `SIGINT`, `int`,
/// `sigint`, `2`, `RTMIN+3`, `SIGRTMAX-2`. Numbers may carry surrounding
/// blanks (as bash's `legal_number` allows) and must be `0..=64`; `0` is
/// returned as `Some(0)` for `kill -0` — `EXIT` by name is the caller's.
/// Only the names [`signal_name`] produces are accepted (bash rejects
/// aliases such as `IOT`, `POLL`, `CLD` too).
pub fn signal_number(name: &[u8]) -> Option<i32> {
    let trimmed = name.trim_ascii();
    if !trimmed.is_empty() && trimmed.iter().all(u8::is_ascii_digit) {
        // At most a few digits are meaningful; longer runs cannot be <= 64
        // unless they are leading zeros.
        let value = trimmed.iter().try_fold(0i32, |acc, &d| {
            acc.checked_mul(10)?.checked_add(i32::from(d - b'0'))
        });
        return value.filter(|&n| n <= MAX_SIGNAL);
    }
    let bare = match name.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case(b"SIG") => &name[3..],
        _ => name,
    };
    all_signals()
        .find(|(_, n)| n.as_bytes().eq_ignore_ascii_case(bare))
        .map(|(num, _)| num)
}

/// The description bash prints for a job killed or stopped by `sig`
/// (glibc's `strsignal`): `9` → `"Killed"`, `11` → `"Segmentation fault"`,
/// `20` → `"Stopped"`. Unknown numbers give `"Unknown signal"`.
pub fn signal_description(sig: i32) -> &'static str {
    if let Some(&(_, text)) = DESCRIPTIONS.iter().find(|&&(n, _)| n == sig) {
        return text;
    }
    let (min, max) = rt_range();
    if (min..=max).contains(&sig) {
        if let Some(text) = usize::try_from(sig - min)
            .ok()
            .and_then(|i| RT_DESCRIPTIONS.get(i))
        {
            return text;
        }
    }
    "Unknown signal"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_names_match_bash_kill_l() {
        assert_eq!(signal_name(1), Some("HUP"));
        assert_eq!(signal_name(2), Some("INT"));
        assert_eq!(signal_name(9), Some("KILL"));
        assert_eq!(signal_name(16), Some("STKFLT"));
        assert_eq!(signal_name(17), Some("CHLD"));
        assert_eq!(signal_name(29), Some("IO"));
        assert_eq!(signal_name(30), Some("PWR"));
        assert_eq!(signal_name(31), Some("SYS"));
        assert_eq!(signal_name(0), None);
        assert_eq!(signal_name(32), None);
        assert_eq!(signal_name(65), None);
        assert_eq!(signal_name(-1), None);
    }

    #[test]
    fn realtime_names_split_at_the_middle_like_bash() {
        // bash 5.2 on glibc: 34) SIGRTMIN .. 49) SIGRTMIN+15, 50) SIGRTMAX-14 .. 64) SIGRTMAX
        assert_eq!(signal_name(34), Some("RTMIN"));
        assert_eq!(signal_name(37), Some("RTMIN+3"));
        assert_eq!(signal_name(49), Some("RTMIN+15"));
        assert_eq!(signal_name(50), Some("RTMAX-14"));
        assert_eq!(signal_name(62), Some("RTMAX-2"));
        assert_eq!(signal_name(64), Some("RTMAX"));
    }

    #[test]
    fn all_signals_lists_62_in_order() {
        let all: Vec<_> = all_signals().collect();
        assert_eq!(all.len(), 62);
        assert_eq!(all[0], (1, "HUP"));
        assert_eq!(all[30], (31, "SYS"));
        assert_eq!(all[31], (34, "RTMIN"));
        assert_eq!(all.last(), Some(&(64, "RTMAX")));
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn numbers_by_name_in_any_case_with_or_without_sig() {
        for spelling in [&b"INT"[..], b"SIGINT", b"int", b"sigint", b"SigInt"] {
            assert_eq!(signal_number(spelling), Some(2), "{spelling:?}");
        }
        assert_eq!(signal_number(b"RTMIN+3"), Some(37));
        assert_eq!(signal_number(b"sigrtmin+3"), Some(37));
        assert_eq!(signal_number(b"SIGRTMAX-2"), Some(62));
        assert_eq!(signal_number(b"RTMAX"), Some(64));
    }

    #[test]
    fn numbers_by_number() {
        assert_eq!(signal_number(b"0"), Some(0));
        assert_eq!(signal_number(b"15"), Some(15));
        assert_eq!(signal_number(b"02"), Some(2));
        assert_eq!(signal_number(b" 2"), Some(2));
        assert_eq!(signal_number(b"64"), Some(64));
        assert_eq!(signal_number(b"65"), None);
        assert_eq!(signal_number(b"99999999999999999999"), None);
        assert_eq!(signal_number(b"0000000000000000000009"), Some(9));
    }

    #[test]
    fn rejects_what_bash_rejects() {
        for bad in [
            &b""[..],
            b"SIG",
            b"IOT",
            b"POLL",
            b"CLD",
            b"EXIT",
            b"0x2",
            b"-2",
            b"RTMIN+20",
            b"INT ",
            b"\xff\xfe",
        ] {
            assert_eq!(signal_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_name_round_trips() {
        for (num, name) in all_signals() {
            assert_eq!(signal_number(name.as_bytes()), Some(num));
            assert_eq!(signal_number(format!("SIG{name}").as_bytes()), Some(num));
        }
    }

    #[test]
    fn descriptions_match_glibc_strsignal() {
        assert_eq!(signal_description(2), "Interrupt");
        assert_eq!(signal_description(9), "Killed");
        assert_eq!(signal_description(11), "Segmentation fault");
        assert_eq!(signal_description(15), "Terminated");
        assert_eq!(signal_description(19), "Stopped (signal)");
        assert_eq!(signal_description(20), "Stopped");
        assert_eq!(signal_description(21), "Stopped (tty input)");
        assert_eq!(signal_description(34), "Real-time signal 0");
        assert_eq!(signal_description(64), "Real-time signal 30");
        assert_eq!(signal_description(0), "Unknown signal");
        assert_eq!(signal_description(99), "Unknown signal");
    }
}
