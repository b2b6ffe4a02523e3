//! A whelk session from invocation to exit status: set up the shell state
//! (options, special variables, signals, the terminal for an interactive
//! shell, start-up files), run the command string, script or standard
//! input, then run the EXIT trap and hang up jobs.

use std::os::unix::ffi::OsStrExt;
use std::rc::Rc;

use crate::cli::Invocation;
use crate::exec::{InputKind, Unwind};
use crate::shell::Shell;
use crate::syntax::{self, ParseOptions, Source};
use crate::sys::fd::write_all_fd;
use crate::sys::signals;

/// Runs the whole session; returns the exit status.
pub fn run(inv: Invocation) -> i32 {
    let _ = signals::init();
    let mut shell = Shell::new(inv.arg0.clone());
    shell.positional = inv.args.clone();
    shell.login = inv.login;
    shell.opts.set_shopt("login_shell", inv.login);
    shell.command_string = inv.command.is_some();
    for (name, on) in &inv.options {
        if !shell.opts.set_named(name, *on) {
            let _ = write_all_fd(
                2,
                format!("whelk: {name}: invalid option name\n").as_bytes(),
            );
            return 2;
        }
    }
    if inv.posix {
        shell.opts.set_named("posix", true);
    }
    if shell.opts.get("allexport") {
        shell.vars.set_allexport(true);
    }
    if inv.dump_ast {
        return dump_ast(&inv);
    }
    // SAFETY: isatty only inspects the descriptors.
    let terminals = unsafe { libc::isatty(0) == 1 && libc::isatty(2) == 1 };
    shell.interactive = match inv.interactive {
        Some(i) => i,
        None => inv.command.is_none() && (inv.script.is_none() || inv.stdin) && terminals,
    };
    init_variables(&mut shell);
    if shell.interactive {
        start_interactive(&mut shell, &inv);
        crate::interactive::init(&mut shell);
    } else if shell.opts.get("monitor") {
        shell.set_job_control(true);
    }
    run_startup_files(&mut shell, &inv);
    let result = run_input(&mut shell, &inv);
    finish(&mut shell, result)
}

/// An interactive shell: SIGINT caught (Ctrl-C returns to the prompt),
/// SIGTERM and SIGQUIT ignored, SIGHUP caught (jobs are hung up before the
/// shell exits), SIGWINCH caught; then job control — wait until in the
/// terminal's foreground, lead a process group, take the terminal, ignore
/// SIGTSTP/SIGTTIN/SIGTTOU — unless `+m` was given. Children get default
/// dispositions (`sys::spawn` resets every caught or shell-ignored signal).
fn start_interactive(shell: &mut Shell, inv: &Invocation) {
    let _ = signals::enter_interactive();
    let _ = signals::set_base(libc::SIGHUP, signals::Disposition::Catch);
    let _ = signals::set_base(libc::SIGWINCH, signals::Disposition::Catch);
    let monitor_off = inv.options.iter().any(|(n, on)| n == "monitor" && !*on);
    shell.set_job_control(!monitor_off);
    if !monitor_off && shell.terminal.is_none() {
        let _ = write_all_fd(2, b"whelk: no job control in this shell\n");
    }
    shell.opts.set_shopt("expand_aliases", true);
    // Line editing is on in interactive shells only (`set -o` shows it).
    if !shell.opts.get("vi") {
        shell.opts.set_named("emacs", true);
    }
}

fn dump_ast(inv: &Invocation) -> i32 {
    let (name, text) = match read_input_text(inv) {
        Ok(x) => x,
        Err(status) => return status,
    };
    let opts = ParseOptions {
        final_input: true,
        ..Default::default()
    };
    match syntax::parse_program(&text, opts) {
        Ok(program) => {
            let _ = write_all_fd(1, syntax::dump::dump_program(&program).as_bytes());
            0
        }
        Err(e) => {
            let source = Source::new(name, text);
            let _ = write_all_fd(2, &crate::diagnostic::render_parse_error(&source, &e));
            2
        }
    }
}

/// The text of a `-c` string or script file, with its name.
fn read_input_text(inv: &Invocation) -> Result<(Vec<u8>, Vec<u8>), i32> {
    if let Some(cmd) = &inv.command {
        return Ok((b"-c".to_vec(), cmd.clone()));
    }
    if let Some(path) = inv.script.as_ref().filter(|_| !inv.stdin) {
        return match std::fs::read(std::ffi::OsStr::from_bytes(path)) {
            Ok(text) => Ok((path.clone(), text)),
            Err(e) => {
                let status = if e.kind() == std::io::ErrorKind::NotFound {
                    127
                } else {
                    126
                };
                let mut m = b"whelk: ".to_vec();
                m.extend_from_slice(path);
                m.extend_from_slice(b": ");
                m.extend_from_slice(crate::exec::describe_io_error(&e).as_bytes());
                m.push(b'\n');
                let _ = write_all_fd(2, &m);
                Err(status)
            }
        };
    }
    let mut text = Vec::new();
    let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut text);
    Ok((b"stdin".to_vec(), text))
}

fn run_input(shell: &mut Shell, inv: &Invocation) -> Result<i32, Unwind> {
    if inv.command.is_some() || (inv.script.is_some() && !inv.stdin) {
        let (name, text) = match read_input_text(inv) {
            Ok(x) => x,
            Err(status) => return Err(Unwind::Exit(status)),
        };
        let source = Rc::new(Source::new(name, text));
        return shell.run_source(source, InputKind::Main);
    }
    shell.reading_stdin = true;
    if shell.interactive {
        return crate::interactive::run(shell);
    }
    shell.run_fd_lines(0, b"stdin")
}

/// Runs the EXIT trap, hangs up jobs of an interactive shell, restores the
/// terminal, and gives the final status (or dies by the signal that
/// interrupted the shell, so its parent sees it).
fn finish(shell: &mut Shell, result: Result<i32, Unwind>) -> i32 {
    let status = match result {
        Ok(s) => s,
        Err(Unwind::Exit(s)) | Err(Unwind::Abort(s)) | Err(Unwind::Return(s)) => s,
        Err(Unwind::Break(_)) | Err(Unwind::Continue(_)) => shell.last_status,
    };
    shell.last_status = status;
    let status = shell.run_exit_trap(status);
    if shell.interactive {
        let hangup_trapped = shell
            .traps
            .get(libc::SIGHUP as usize)
            .is_some_and(|t| t.is_some());
        if signals::is_pending(libc::SIGHUP) && !hangup_trapped && shell.killed_by.is_none() {
            // The terminal went away (read saw its end first).
            shell.killed_by = Some(libc::SIGHUP);
        }
        shell.hang_up_jobs();
    }
    if let Some(t) = shell.terminal.as_ref() {
        t.release();
    }
    if let Some(sig) = shell.killed_by {
        // Dies of the signal with its default action, so the parent sees
        // how the shell ended.
        signals::die_of_signal(sig);
    }
    status & 0xff
}

/// Special variables every session starts with.
fn init_variables(shell: &mut Shell) {
    let set_default = |shell: &mut Shell, name: &[u8], value: &[u8]| {
        if shell.vars.get(name).is_none() {
            let _ = shell.vars.set(name, value.to_vec());
        }
    };
    let ppid = nix::unistd::getppid().as_raw().to_string().into_bytes();
    let _ = shell.vars.set(b"PPID", ppid);
    let level = shell
        .vars
        .get(b"SHLVL")
        .and_then(|v| {
            std::str::from_utf8(&v)
                .ok()
                .and_then(|s| s.trim().parse::<i64>().ok())
        })
        .unwrap_or(0);
    let _ = shell
        .vars
        .set(b"SHLVL", (level + 1).to_string().into_bytes());
    let _ = shell.vars.declare(
        b"SHLVL",
        crate::shell::vars::DeclScope::Global,
        crate::shell::vars::Attributes::EXPORT,
        crate::shell::vars::Attributes::NONE,
    );
    set_default(
        shell,
        b"PS1",
        if nix::unistd::geteuid().is_root() {
            b"# "
        } else {
            b"$ "
        },
    );
    set_default(shell, b"PS2", b"> ");
    set_default(shell, b"PS4", b"+ ");
    // Without PATH in the environment bash uses a default one.
    set_default(
        shell,
        b"PATH",
        b"/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin:.",
    );
    // bash resets IFS at start-up whatever the environment says.
    let _ = shell.vars.set(b"IFS", b" \t\n".to_vec());
    let _ = shell.vars.set(b"OPTIND", b"1".to_vec());
    let _ = shell.vars.set(
        b"WHELK_VERSION",
        env!("CARGO_PKG_VERSION").as_bytes().to_vec(),
    );
    let uid = nix::unistd::getuid().as_raw().to_string().into_bytes();
    let euid = nix::unistd::geteuid().as_raw().to_string().into_bytes();
    set_default(shell, b"UID", &uid);
    set_default(shell, b"EUID", &euid);
    // bash scripts test BASH_VERSION to enable their bash code paths;
    // whelk implements those paths, so it reports the bash level it
    // follows (WHELK_VERSION names whelk itself).
    set_default(shell, b"BASH_VERSION", b"5.2.15(1)-release");
    if shell.vars.get(b"BASH_VERSINFO").is_none() {
        let items = [
            &b"5"[..],
            b"2",
            b"15",
            b"1",
            b"release",
            b"x86_64-pc-linux-gnu",
        ]
        .iter()
        .map(|v| (None, v.to_vec()))
        .collect();
        let _ = shell.vars.set_array(b"BASH_VERSINFO", items, false);
    }
    let readonly = crate::shell::vars::Attributes::READONLY;
    for name in [&b"PPID"[..], b"UID", b"EUID", b"BASH_VERSINFO"] {
        let _ = shell.vars.declare(
            name,
            crate::shell::vars::DeclScope::Global,
            readonly,
            crate::shell::vars::Attributes::NONE,
        );
    }
    if let Ok(cwd) = std::env::current_dir() {
        let cwd = cwd.as_os_str().as_bytes().to_vec();
        let pwd_ok = shell.vars.get(b"PWD").is_some_and(|p| {
            std::fs::canonicalize(std::ffi::OsStr::from_bytes(&p))
                .is_ok_and(|c| c.as_os_str().as_bytes() == cwd.as_slice())
        });
        if !pwd_ok {
            let _ = shell.vars.set(b"PWD", cwd);
        }
    }
    if shell.vars.get(b"HOME").is_none() {
        if let Some(u) = crate::sys::users::by_uid(nix::unistd::getuid().as_raw()) {
            let _ = shell.vars.set(b"HOME", u.home);
        }
    }
    if shell.interactive && shell.vars.get(b"SHELL").is_none() {
        let exe = shell.own_executable();
        let _ = shell.vars.set(b"SHELL", exe);
    }
    shell.update_locale();
}

/// Login shells read /etc/profile and ~/.profile; interactive shells then
/// read $ENV and ~/.whelkrc (or the XDG location, or --rcfile).
fn run_startup_files(shell: &mut Shell, inv: &Invocation) {
    let home = shell
        .vars
        .get(b"HOME")
        .map(|v| v.into_owned())
        .unwrap_or_default();
    let in_home = |name: &[u8]| [home.as_slice(), b"/", name].concat();
    if shell.login && !inv.noprofile {
        run_file_if_exists(shell, b"/etc/profile");
        run_file_if_exists(shell, &in_home(b".profile"));
    }
    if !shell.interactive || inv.norc {
        return;
    }
    if let Some(env) = shell.vars.get(b"ENV").map(|v| v.into_owned()) {
        let word = crate::syntax::ast::Word {
            parts: vec![crate::syntax::ast::WordPart {
                kind: crate::syntax::ast::PartKind::Quoted(env.clone()),
                span: Default::default(),
            }],
            span: Default::default(),
        };
        let path = shell.expand_string(&word).unwrap_or(env);
        run_file_if_exists(shell, &path);
    }
    if let Some(rc) = &inv.rcfile {
        run_file_if_exists(shell, rc);
        return;
    }
    let xdg = shell
        .vars
        .get(b"XDG_CONFIG_HOME")
        .map(|v| v.into_owned())
        .unwrap_or_else(|| in_home(b".config"));
    let xdg_rc = [xdg.as_slice(), b"/whelk/whelkrc"].concat();
    let home_rc = in_home(b".whelkrc");
    if std::path::Path::new(std::ffi::OsStr::from_bytes(&home_rc)).exists() {
        run_file_if_exists(shell, &home_rc);
    } else {
        run_file_if_exists(shell, &xdg_rc);
    }
}

fn run_file_if_exists(shell: &mut Shell, path: &[u8]) {
    let Ok(text) = std::fs::read(std::ffi::OsStr::from_bytes(path)) else {
        return;
    };
    let source = Rc::new(Source::new(path.to_vec(), text));
    shell.source_depth += 1;
    let _ = shell.run_source(source, InputKind::Sourced);
    shell.source_depth -= 1;
}
