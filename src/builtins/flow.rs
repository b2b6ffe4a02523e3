//! Builtins that change control flow or report on it: `:`, `true`,
//! `false`, `exit`, `return`, `break`, `continue`, `trap`, `times`,
//! `caller`.

use super::{error, out, parse_number};
use crate::exec::{Status, Unwind};
use crate::shell::{Shell, TrapAction, TRAP_COUNT, TRAP_DEBUG, TRAP_ERR, TRAP_EXIT, TRAP_RETURN};
use crate::sys::signals;

pub fn colon(_: &mut Shell, _: &[Vec<u8>]) -> Status {
    Ok(0)
}

pub fn true_(_: &mut Shell, _: &[Vec<u8>]) -> Status {
    Ok(0)
}

pub fn false_(_: &mut Shell, _: &[Vec<u8>]) -> Status {
    Ok(1)
}

/// The status argument of `exit`/`return`: `$?` when absent.
fn status_arg(shell: &mut Shell, argv: &[Vec<u8>]) -> Result<i32, i32> {
    let Some(arg) = argv.get(1) else {
        return Ok(shell.last_status);
    };
    match parse_number(arg) {
        Some(n) => Ok((n & 0xff) as i32),
        None => {
            let mut m = arg.clone();
            m.extend_from_slice(b": numeric argument required");
            error(shell, &argv[0], &m);
            Err(2)
        }
    }
}

pub fn exit(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if argv.len() > 2 {
        error(shell, b"exit", b"too many arguments");
        return Ok(1);
    }
    if shell.interactive && shell.subshell_depth == 0 {
        let stopped = shell.jobs.iter().any(|j| j.is_stopped());
        if stopped && !shell.warned_stopped_jobs {
            shell.warned_stopped_jobs = true;
            let _ = crate::sys::fd::write_all_fd(2, b"There are stopped jobs.\n");
            return Ok(1);
        }
        let _ = crate::sys::fd::write_all_fd(2, b"exit\n");
    }
    match status_arg(shell, argv) {
        Ok(s) => Err(Unwind::Exit(s)),
        Err(s) => Err(Unwind::Exit(s)),
    }
}

pub fn return_(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if shell.call_stack.is_empty() && !shell.in_sourced_file() {
        error(
            shell,
            b"return",
            b"can only `return' from a function or sourced script",
        );
        return Ok(2);
    }
    match status_arg(shell, argv) {
        Ok(s) => Err(Unwind::Return(s)),
        Err(s) => Err(Unwind::Return(s)),
    }
}

fn loop_count(shell: &mut Shell, argv: &[Vec<u8>]) -> Result<usize, i32> {
    let Some(arg) = argv.get(1) else {
        return Ok(1);
    };
    match parse_number(arg) {
        Some(n) if n >= 1 => Ok(n as usize),
        Some(_) => {
            let mut m = arg.clone();
            m.extend_from_slice(b": loop count out of range");
            error(shell, &argv[0], &m);
            Err(1)
        }
        None => {
            let mut m = arg.clone();
            m.extend_from_slice(b": numeric argument required");
            error(shell, &argv[0], &m);
            Err(2)
        }
    }
}

pub fn break_(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    leave_loops(shell, argv, Unwind::Break)
}

pub fn continue_(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    leave_loops(shell, argv, Unwind::Continue)
}

/// `break [n]` / `continue [n]`: the unwind for n enclosing loops (at most
/// as many as there are).
fn leave_loops(shell: &mut Shell, argv: &[Vec<u8>], unwind: fn(usize) -> Unwind) -> Status {
    let n = match loop_count(shell, argv) {
        Ok(n) => n,
        Err(s) => return Ok(s),
    };
    if shell.loop_depth == 0 {
        let name = argv[0].clone();
        error(
            shell,
            &name,
            b"only meaningful in a `for', `while', or `until' loop",
        );
        return Ok(0);
    }
    Err(unwind(n.min(shell.loop_depth)))
}

pub fn times(shell: &mut Shell, _: &[Vec<u8>]) -> Status {
    let usage = |who| {
        // SAFETY: getrusage fills the struct we pass.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        unsafe { libc::getrusage(who, &mut ru) };
        let f = |t: libc::timeval| {
            let secs = t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            let m = (secs / 60.0).floor();
            format!("{}m{:.3}s", m as u64, secs - m * 60.0)
        };
        format!("{} {}\n", f(ru.ru_utime), f(ru.ru_stime))
    };
    let text = usage(libc::RUSAGE_SELF) + &usage(libc::RUSAGE_CHILDREN);
    Ok(out(shell, text.as_bytes()))
}

/// `caller [n]`: the line and file (and function) of a call frame.
pub fn caller(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let depth = shell.call_stack.len();
    if depth == 0 {
        // At a script's top level bash answers "0 NULL"; elsewhere
        // (`-c`, interactive) there is no caller.
        if !shell.command_string && !shell.reading_stdin && argv.len() == 1 {
            return Ok(out(shell, b"0 NULL\n"));
        }
        return Ok(1);
    }
    let n = argv.get(1).and_then(|a| parse_number(a)).unwrap_or(-1);
    let line = if n < 0 {
        let frame = &shell.call_stack[depth - 1];
        let file = if depth >= 2 {
            shell.call_stack[depth - 2].source.name.clone()
        } else {
            shell.arg0.clone()
        };
        let mut l = format!("{} ", frame.call_line()).into_bytes();
        l.extend(file);
        l
    } else {
        let n = n as usize;
        if n >= depth {
            return Ok(1);
        }
        let frame = &shell.call_stack[depth - 1 - n];
        let caller_name = if depth - 1 - n == 0 {
            b"main".to_vec()
        } else {
            shell.call_stack[depth - 2 - n].name.clone()
        };
        let file = if depth - 1 - n == 0 {
            shell.arg0.clone()
        } else {
            shell.call_stack[depth - 2 - n].source.name.clone()
        };
        let mut l = format!("{} ", frame.call_line()).into_bytes();
        l.extend(caller_name);
        l.push(b' ');
        l.extend(file);
        l
    };
    let mut line = line;
    line.push(b'\n');
    Ok(out(shell, &line))
}

/// Maps a trap condition name or number to its slot.
fn trap_slot(name: &[u8]) -> Option<usize> {
    match name {
        b"EXIT" | b"0" => Some(TRAP_EXIT),
        b"ERR" => Some(TRAP_ERR),
        b"DEBUG" => Some(TRAP_DEBUG),
        b"RETURN" => Some(TRAP_RETURN),
        _ => signals::signal_number(name)
            .map(|n| n as usize)
            .filter(|&n| n > 0 && n < TRAP_COUNT),
    }
}

fn slot_name(slot: usize) -> String {
    match slot {
        TRAP_EXIT => "EXIT".into(),
        TRAP_ERR => "ERR".into(),
        TRAP_DEBUG => "DEBUG".into(),
        TRAP_RETURN => "RETURN".into(),
        n => signals::signal_name(n as i32).map_or_else(|| n.to_string(), |s| format!("SIG{s}")),
    }
}

/// `trap -p` style line for one slot.
fn trap_line(slot: usize, action: &TrapAction) -> Vec<u8> {
    let text = match action {
        TrapAction::Ignore => Vec::new(),
        TrapAction::Command(t) => t.clone(),
    };
    let mut line = b"trap -- ".to_vec();
    line.extend(crate::expand::quote::single_quote(&text));
    line.push(b' ');
    line.extend(slot_name(slot).into_bytes());
    line.push(b'\n');
    line
}

pub fn trap(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let mut args = &argv[1..];
    if args.first().map(|a| a.as_slice()) == Some(b"--") {
        args = &args[1..];
    }
    match args.first().map(|a| a.as_slice()) {
        None | Some(b"-p") => {
            let traps = shell
                .parent_traps
                .clone()
                .filter(|_| shell.traps.iter().all(Option::is_none));
            let traps = traps.unwrap_or_else(|| shell.traps.clone());
            let wanted: Option<Vec<usize>> =
                (args.len() > 1).then(|| args[1..].iter().filter_map(|a| trap_slot(a)).collect());
            let mut text = Vec::new();
            for (slot, action) in traps.iter().enumerate() {
                if let Some(action) = action {
                    if wanted.as_ref().is_none_or(|w| w.contains(&slot)) {
                        text.extend(trap_line(slot, action));
                    }
                }
            }
            return Ok(out(shell, &text));
        }
        Some(b"-l") => {
            let mut text = Vec::new();
            for (i, (num, name)) in signals::all_signals().enumerate() {
                text.extend(format!("{num:2}) SIG{name}").into_bytes());
                text.push(if i % 5 == 4 { b'\n' } else { b'\t' });
            }
            if text.last() != Some(&b'\n') {
                text.push(b'\n');
            }
            return Ok(out(shell, &text));
        }
        _ => {}
    }
    // `trap N…` (a number first) resets; `trap - SIG` resets; otherwise the
    // first operand is the action.
    let (action, conditions) = if trap_slot(&args[0]).is_some()
        && args[0].iter().all(u8::is_ascii_digit)
        || args.len() == 1
    {
        (None, args)
    } else if args[0] == b"-" {
        (None, &args[1..])
    } else if args[0].is_empty() {
        (Some(TrapAction::Ignore), &args[1..])
    } else {
        (Some(TrapAction::Command(args[0].clone())), &args[1..])
    };
    let mut status = 0;
    for cond in conditions {
        let Some(slot) = trap_slot(cond) else {
            let mut m = cond.clone();
            m.extend_from_slice(b": invalid signal specification");
            error(shell, b"trap", &m);
            status = 1;
            continue;
        };
        let is_signal = !matches!(slot, TRAP_EXIT | TRAP_ERR | TRAP_DEBUG | TRAP_RETURN);
        if is_signal {
            let sig = slot as i32;
            if signals::ignored_at_startup(sig) && !shell.interactive {
                continue;
            }
            let _ = match &action {
                None => signals::default(sig),
                Some(TrapAction::Ignore) => signals::ignore(sig),
                Some(TrapAction::Command(_)) => signals::catch(sig),
            };
        }
        shell.traps[slot] = action.clone();
    }
    shell.parent_traps = None;
    Ok(status)
}
