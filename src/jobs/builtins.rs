//! Job-control builtins: `jobs`, `fg`, `bg`, `wait`, `kill`, `disown`,
//! `suspend`, with bash's options, output and messages.
//!
//! Owns: the registry [`find`] / [`NAMES`] that `builtins` consults, the
//! option parsing these builtins share, and `jobs`/`fg`/`bg`/`disown`/
//! `suspend`. `kill` and `wait` live in their own files. Waiting in the
//! foreground goes through the executor (`Shell::wait_job_foreground`),
//! so `fg` behaves exactly like a command started in the foreground.

mod kill;
mod wait;

use crate::builtins::{error, out, Builtin};
use crate::exec::Status;
use crate::jobs::spec::{current_job, resolve_job_spec};
use crate::jobs::{JobFormat, JobState};
use crate::shell::Shell;
use crate::sys::fd::write_all_fd;

pub const NAMES: &[&str] = &["bg", "disown", "fg", "jobs", "kill", "suspend", "wait"];

pub fn find(name: &[u8]) -> Option<Builtin> {
    let (name, run): (&'static str, crate::builtins::BuiltinFn) = match name {
        b"bg" => ("bg", bg),
        b"disown" => ("disown", disown),
        b"fg" => ("fg", fg),
        b"jobs" => ("jobs", jobs),
        b"kill" => ("kill", kill::kill),
        b"suspend" => ("suspend", suspend),
        b"wait" => ("wait", wait::wait),
        _ => return None,
    };
    Some(Builtin {
        name,
        special: false,
        run,
    })
}

/// Options as bash's `internal_getopt` reads them: bundles (`-lp`), an
/// option argument glued or in the next word, `--` ends them, the first
/// operand ends them.
#[derive(Debug, Default, PartialEq, Eq)]
struct Parsed {
    flags: Vec<u8>,
    /// Options that take an argument, with it.
    values: Vec<(u8, Vec<u8>)>,
    /// Index of the first operand in argv.
    rest: usize,
}

impl Parsed {
    fn has(&self, flag: u8) -> bool {
        self.flags.contains(&flag)
    }

    fn value(&self, flag: u8) -> Option<&[u8]> {
        self.values
            .iter()
            .rev()
            .find(|(f, _)| *f == flag)
            .map(|(_, v)| v.as_slice())
    }
}

#[derive(Debug, PartialEq, Eq)]
enum OptError {
    Invalid(u8),
    MissingArgument(u8),
}

/// `spec` lists option letters; a letter followed by `:` takes an argument.
fn parse_options(argv: &[Vec<u8>], spec: &[u8]) -> Result<Parsed, OptError> {
    let mut parsed = Parsed::default();
    let mut i = 1;
    while let Some(arg) = argv.get(i) {
        if arg == b"--" {
            i += 1;
            break;
        }
        if arg.len() < 2 || arg[0] != b'-' {
            break;
        }
        let mut k = 1;
        while k < arg.len() {
            let c = arg[k];
            let at = spec.iter().position(|&s| s == c && c != b':');
            let Some(at) = at else {
                return Err(OptError::Invalid(c));
            };
            if spec.get(at + 1) == Some(&b':') {
                let value = if k + 1 < arg.len() {
                    arg[k + 1..].to_vec()
                } else {
                    i += 1;
                    argv.get(i).cloned().ok_or(OptError::MissingArgument(c))?
                };
                parsed.values.push((c, value));
                break;
            }
            parsed.flags.push(c);
            k += 1;
        }
        i += 1;
    }
    parsed.rest = i.min(argv.len());
    Ok(parsed)
}

/// Reports an option error as bash does (`NAME: -z: invalid option` and
/// the usage line); returns the status 2.
fn option_error(shell: &mut Shell, name: &str, e: OptError, usage: &str) -> i32 {
    let message = match e {
        OptError::Invalid(c) => format!("-{}: invalid option", c as char),
        OptError::MissingArgument(c) => format!("-{}: option requires an argument", c as char),
    };
    error(shell, name.as_bytes(), message.as_bytes());
    print_usage(name, usage);
    2
}

fn print_usage(name: &str, usage: &str) {
    let _ = write_all_fd(2, format!("{name}: usage: {name} {usage}\n").as_bytes());
}

/// `NAME: message` through the shell's error reporting.
fn fail(shell: &mut Shell, name: &str, message: &[u8]) {
    error(shell, name.as_bytes(), message);
}

const JOBS_USAGE: &str = "[-lnprs] [jobspec ...] or jobs -x command [args]";

/// `jobs [-lnprs] [jobspec ...]`, `jobs -x command [args]`.
pub fn jobs(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let opts = match parse_options(argv, b"lnprsx") {
        Ok(o) => o,
        Err(e) => return Ok(option_error(shell, "jobs", e, JOBS_USAGE)),
    };
    if opts.has(b'x') {
        return jobs_exec(shell, &argv[opts.rest..]);
    }
    crate::jobs::reap::reap(&mut shell.jobs);
    let mut status = 0;
    let ids: Vec<usize> = if opts.rest < argv.len() {
        let mut ids = Vec::new();
        for spec in &argv[opts.rest..] {
            match resolve_job_spec(&shell.jobs, spec) {
                Ok(id) => ids.push(id),
                Err(e) => {
                    fail(shell, "jobs", &e.message());
                    status = 1;
                }
            }
        }
        ids
    } else {
        shell.jobs.iter().map(|j| j.id).collect()
    };
    let mut text = Vec::new();
    for id in ids {
        let Some(job) = shell.jobs.get(id) else {
            continue;
        };
        let state = job.state();
        if job.foreground
            || (opts.has(b'r') && state != JobState::Running)
            || (opts.has(b's') && state != JobState::Stopped)
            || (opts.has(b'n') && job.notified)
        {
            continue;
        }
        if opts.has(b'p') {
            let pid = job.processes.first().map_or(job.pgid, |p| p.pid);
            text.extend_from_slice(format!("{pid}\n").as_bytes());
        } else {
            let format = if opts.has(b'l') {
                JobFormat::Long
            } else {
                JobFormat::Standard
            };
            text.extend(shell.jobs.format_job(id, format).unwrap_or_default());
        }
        if let Some(job) = shell.jobs.get_mut(id) {
            job.notified = true;
        }
        if state == JobState::Done {
            shell.jobs.remove(id);
        }
    }
    let written = out(shell, &text);
    Ok(if written != 0 { written } else { status })
}

/// `jobs -x command args`: runs the command with each job spec among the
/// arguments replaced by the job's process group id.
fn jobs_exec(shell: &mut Shell, args: &[Vec<u8>]) -> Status {
    if args.is_empty() {
        print_usage("jobs", JOBS_USAGE);
        return Ok(2);
    }
    let mut argv = Vec::with_capacity(args.len());
    for arg in args {
        if arg.first() == Some(&b'%') {
            match resolve_job_spec(&shell.jobs, arg) {
                Ok(id) => {
                    let pgid = shell.jobs.get(id).map_or(0, |j| j.pgid);
                    argv.push(pgid.to_string().into_bytes());
                }
                Err(e) => {
                    fail(shell, "jobs", &e.message());
                    return Ok(1);
                }
            }
        } else {
            argv.push(arg.clone());
        }
    }
    match crate::builtins::find(&argv[0]) {
        Some(b) => (b.run)(shell, &argv),
        None => {
            let found = shell.find_command(&argv[0]);
            shell.run_external_found(argv, found)
        }
    }
}

/// The job `fg`/`bg` act on: the spec, or the current job.
fn job_for(shell: &mut Shell, name: &str, spec: Option<&Vec<u8>>) -> Option<usize> {
    let found = match spec {
        Some(spec) => resolve_job_spec(&shell.jobs, spec),
        None => current_job(&shell.jobs),
    };
    match found {
        Ok(id) => Some(id),
        Err(e) => {
            fail(shell, name, &e.message());
            None
        }
    }
}

/// `fg`/`bg` need job control: bash's `no job control` otherwise.
fn check_job_control(shell: &mut Shell, name: &str) -> bool {
    if shell.jobs.job_control() {
        return true;
    }
    fail(shell, name, b"no job control");
    false
}

/// `fg [job_spec]`: continues the job in the foreground and waits for it.
pub fn fg(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let opts = match parse_options(argv, b"") {
        Ok(o) => o,
        Err(e) => return Ok(option_error(shell, "fg", e, "[job_spec]")),
    };
    if !check_job_control(shell, "fg") {
        return Ok(1);
    }
    crate::jobs::reap::reap(&mut shell.jobs);
    let Some(id) = job_for(shell, "fg", argv.get(opts.rest)) else {
        return Ok(1);
    };
    let Some(job) = shell.jobs.get_mut(id) else {
        return Ok(1);
    };
    if job.is_done() {
        fail(shell, "fg", b"job has terminated");
        return Ok(1);
    }
    let mut line = job.command.clone();
    line.push(b'\n');
    let was_stopped = job.is_stopped();
    let modes = job.saved_tmodes.take();
    out(shell, &line);
    shell.jobs.continue_job(id, true);
    shell.wait_job_foreground(id, modes.as_ref(), was_stopped)
}

/// `bg [job_spec ...]`: continues stopped jobs in the background.
pub fn bg(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let opts = match parse_options(argv, b"") {
        Ok(o) => o,
        Err(e) => return Ok(option_error(shell, "bg", e, "[job_spec ...]")),
    };
    if !check_job_control(shell, "bg") {
        return Ok(1);
    }
    crate::jobs::reap::reap(&mut shell.jobs);
    let specs: Vec<Option<&Vec<u8>>> = if opts.rest < argv.len() {
        argv[opts.rest..].iter().map(Some).collect()
    } else {
        vec![None]
    };
    let mut status = 0;
    for spec in specs {
        let Some(id) = job_for(shell, "bg", spec) else {
            status = 1;
            continue;
        };
        status = bg_one(shell, id).max(status);
    }
    Ok(status)
}

fn bg_one(shell: &mut Shell, id: usize) -> i32 {
    let Some(job) = shell.jobs.get(id) else {
        return 1;
    };
    if job.is_done() {
        fail(shell, "bg", b"job has terminated");
        return 1;
    }
    if job.is_running() {
        fail(
            shell,
            "bg",
            format!("job {id} already in background").as_bytes(),
        );
        return 0;
    }
    shell.jobs.continue_job(id, false);
    let Some(job) = shell.jobs.get(id) else {
        return 1;
    };
    let mut line = format!("[{id}]{} ", shell.jobs.marker(id) as char).into_bytes();
    line.extend_from_slice(&job.command);
    line.extend_from_slice(b" &\n");
    let _ = shell.signal_job(id, libc::SIGCONT);
    out(shell, &line)
}

const DISOWN_USAGE: &str = "[-h] [-ar] [jobspec ... | pid ...]";

/// `disown [-h] [-ar] [jobspec ... | pid ...]`: forget jobs (or with `-h`
/// keep them but never send them SIGHUP).
pub fn disown(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let opts = match parse_options(argv, b"ahr") {
        Ok(o) => o,
        Err(e) => return Ok(option_error(shell, "disown", e, DISOWN_USAGE)),
    };
    crate::jobs::reap::reap(&mut shell.jobs);
    let running_only = opts.has(b'r');
    let mut status = 0;
    let ids: Vec<usize> = if opts.rest < argv.len() {
        let mut ids = Vec::new();
        for arg in &argv[opts.rest..] {
            match disown_target(shell, arg) {
                Some(id) => ids.push(id),
                None => status = 1,
            }
        }
        ids
    } else if opts.has(b'a') || running_only {
        shell.jobs.iter().map(|j| j.id).collect()
    } else {
        match job_for(shell, "disown", None) {
            Some(id) => vec![id],
            None => return Ok(1),
        }
    };
    for id in ids {
        if running_only && !shell.jobs.get(id).is_some_and(|j| j.is_running()) {
            continue;
        }
        if opts.has(b'h') {
            if let Some(job) = shell.jobs.get_mut(id) {
                job.disowned = true;
            }
        } else {
            shell.jobs.remove(id);
        }
    }
    Ok(status)
}

/// A `disown` operand: a number is a pid (bash's rule), else a job spec.
fn disown_target(shell: &mut Shell, arg: &[u8]) -> Option<usize> {
    let is_pid = !arg.is_empty() && arg.iter().all(u8::is_ascii_digit);
    let found = if is_pid {
        std::str::from_utf8(arg)
            .ok()
            .and_then(|s| s.parse::<i32>().ok())
            .and_then(|pid| shell.jobs.job_of_pid(pid))
    } else {
        resolve_job_spec(&shell.jobs, arg).ok()
    };
    if found.is_none() {
        let message = match resolve_job_spec(&shell.jobs, arg) {
            Err(e) if !is_pid => e.message(),
            _ => [arg, b": no such job"].concat(),
        };
        fail(shell, "disown", &message);
    }
    found
}

/// `suspend [-f]`: stop the shell until it gets SIGCONT.
pub fn suspend(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let opts = match parse_options(argv, b"f") {
        Ok(o) => o,
        Err(e) => return Ok(option_error(shell, "suspend", e, "[-f]")),
    };
    if opts.rest < argv.len() {
        fail(shell, "suspend", b"too many arguments");
        return Ok(2);
    }
    if !shell.jobs.job_control() {
        fail(shell, "suspend", b"cannot suspend: no job control");
        return Ok(1);
    }
    if shell.login && !opts.has(b'f') {
        fail(shell, "suspend", b"cannot suspend a login shell");
        return Ok(1);
    }
    shell.suspend_self();
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<Vec<u8>> {
        words.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn options_bundle_and_stop_at_operands() {
        let p = parse_options(&args(&["jobs", "-lp", "-r", "%1", "-s"]), b"lnprs").unwrap();
        assert_eq!(p.flags, b"lpr");
        assert_eq!(p.rest, 3);
        let p = parse_options(&args(&["jobs", "--", "-l"]), b"l").unwrap();
        assert!(p.flags.is_empty());
        assert_eq!(p.rest, 2);
        let p = parse_options(&args(&["jobs", "-"]), b"l").unwrap();
        assert_eq!(p.rest, 1);
    }

    #[test]
    fn option_arguments_glued_or_separate() {
        let p = parse_options(&args(&["wait", "-np", "v", "1"]), b"fnp:").unwrap();
        assert_eq!(p.flags, b"n");
        assert_eq!(p.value(b'p'), Some(&b"v"[..]));
        assert_eq!(p.rest, 3);
        let p = parse_options(&args(&["wait", "-pvar"]), b"fnp:").unwrap();
        assert_eq!(p.value(b'p'), Some(&b"var"[..]));
        assert_eq!(p.rest, 2);
    }

    #[test]
    fn option_errors() {
        assert_eq!(
            parse_options(&args(&["jobs", "-z"]), b"lnprs"),
            Err(OptError::Invalid(b'z'))
        );
        assert_eq!(
            parse_options(&args(&["wait", "-p"]), b"fnp:"),
            Err(OptError::MissingArgument(b'p'))
        );
        // `:` is never an option letter itself.
        assert_eq!(
            parse_options(&args(&["wait", "-:"]), b"p:"),
            Err(OptError::Invalid(b':'))
        );
    }

    #[test]
    fn registry_lists_every_name() {
        for name in NAMES {
            let b = find(name.as_bytes()).expect(name);
            assert_eq!(b.name, *name);
            assert!(!b.special);
        }
        assert!(find(b"job").is_none());
        let mut sorted = NAMES.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, NAMES);
    }
}
