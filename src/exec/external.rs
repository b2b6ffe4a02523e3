//! External commands: search PATH (remembering hits in the hash table),
//! build argv and envp, and start the program with `sys::spawn` — or, in a
//! forked child whose last act this is, `execve` in place. Statuses follow
//! POSIX: 127 not found, 126 found but not executable.

use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;

use super::{Status, Unwind};
use crate::shell::Shell;
use crate::syntax::ast::SimpleCommand;
use crate::sys::spawn::{spawn, ChildPlan, PgroupPolicy, SpawnError};

/// The result of a PATH search.
pub enum Found {
    Path(Vec<u8>),
    /// Only non-executable files with this name were found.
    NotExecutable(Vec<u8>),
    NotFound,
}

impl Shell {
    pub(super) fn run_external(&mut self, cmd: &SimpleCommand, argv: Vec<Vec<u8>>) -> Status {
        self.vars.push_temp_scope();
        let result = self.run_external_in_temp_scope(cmd, argv);
        self.vars.pop_temp_scope();
        result
    }

    /// Prefix assignments are exported to the command only; a prefix
    /// `PATH=…` also changes where the command is looked up.
    fn run_external_in_temp_scope(&mut self, cmd: &SimpleCommand, argv: Vec<Vec<u8>>) -> Status {
        let mut path_changed = false;
        for a in &cmd.assignments {
            let crate::syntax::ast::AssignValue::Scalar(w) = &a.value else {
                continue;
            };
            let value = self
                .expand_string(w)
                .map_err(|e| self.expansion_failed(e))?;
            self.trace_assignment(&a.name, false, &value);
            path_changed |= a.name == b"PATH";
            if let Err(e) = self.vars.set_temp(&a.name, value) {
                self.report(&e.message());
                return Ok(1);
            }
        }
        if self.opts.xtrace() && !cmd.assignments.is_empty() {
            self.trace_command(&argv);
        }
        let name = argv[0].clone();
        let found = if path_changed && !name.contains(&b'/') {
            self.search_path(&name)
        } else {
            self.find_command(&name)
        };
        let path = match found {
            Found::Path(p) => p,
            Found::NotExecutable(_) => {
                return self.command_error(cmd, &name, "Permission denied", 126);
            }
            Found::NotFound => {
                let reason = if name.contains(&b'/') {
                    "No such file or directory"
                } else {
                    "command not found"
                };
                return self.command_error(cmd, &name, reason, 127);
            }
        };
        let saved = match self.apply_redirects(&cmd.redirects) {
            Ok(saved) => saved,
            Err(status) => return Ok(status),
        };
        let span = cmd.words.first().map_or(cmd.span, |w| w.span);
        let text = self.source_text(cmd.span);
        let result = self.spawn_and_wait(span, text, &path, &argv);
        drop(saved);
        result
    }

    fn command_error(
        &mut self,
        cmd: &SimpleCommand,
        name: &[u8],
        reason: &str,
        status: i32,
    ) -> Status {
        let span = cmd.words.first().map_or(cmd.span, |w| w.span);
        let mut message = name.to_vec();
        message.extend_from_slice(b": ");
        message.extend_from_slice(reason.as_bytes());
        // Redirections are still performed (files created), and the message
        // goes to the redirected stderr, as in bash.
        let saved = self.apply_redirects(&cmd.redirects);
        self.report_at(span, &message);
        drop(saved);
        Ok(status)
    }

    /// `command name args`: runs an external command looked up by the
    /// caller (`command -p` searches the standard PATH).
    pub(crate) fn run_external_found(&mut self, argv: Vec<Vec<u8>>, found: Found) -> Status {
        let span =
            crate::syntax::Span::new(self.current_offset as usize, self.current_offset as usize);
        match found {
            Found::Path(path) => {
                let text = argv.join(&b' ');
                self.spawn_and_wait(span, text, &path, &argv)
            }
            Found::NotExecutable(_) => {
                self.report_at(span, &[argv[0].as_slice(), b": Permission denied"].concat());
                Ok(126)
            }
            Found::NotFound => {
                let reason: &[u8] = if argv[0].contains(&b'/') {
                    b": No such file or directory"
                } else {
                    b": command not found"
                };
                self.report_at(span, &[argv[0].as_slice(), reason].concat());
                Ok(127)
            }
        }
    }

    /// A file to source: searched in PATH (readable files, POSIX `.`).
    pub fn search_path_readable(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        let path_var = self
            .vars
            .get(b"PATH")
            .map(|v| v.into_owned())
            .unwrap_or_default();
        for dir in path_var.split(|&b| b == b':') {
            let mut candidate = if dir.is_empty() {
                b".".to_vec()
            } else {
                dir.to_vec()
            };
            candidate.push(b'/');
            candidate.extend_from_slice(name);
            if is_regular_file(&candidate) {
                return Some(candidate);
            }
        }
        None
    }

    /// Starts the program and waits for it as a foreground job.
    fn spawn_and_wait(
        &mut self,
        span: crate::syntax::Span,
        text: Vec<u8>,
        path: &[u8],
        argv: &[Vec<u8>],
    ) -> Status {
        let c_argv: Vec<CString> = argv.iter().map(|a| cstring(a)).collect();
        let c_path = cstring(path);
        if self.is_forked_child && self.exec_in_place {
            return self.exec_replacing(&c_path, &c_argv);
        }
        let job_control = self.jobs.job_control();
        let pgroup = if job_control {
            PgroupPolicy::Lead
        } else {
            PgroupPolicy::Inherit
        };
        let tty = if job_control {
            self.terminal.as_ref().map(|t| t.fd())
        } else {
            None
        };
        // Children reset it; the shell must not die of a Ctrl-C meant
        // for the job even before it starts waiting.
        let caught = self.catch_sigint_for_wait();
        // The environment is borrowed from the store (cached there), not
        // copied: this runs for every external command.
        let spawned = {
            let plan = ChildPlan {
                path: c_path,
                argv: c_argv,
                envp: self.vars.environ(),
                fd_actions: Vec::new(),
                pgroup,
                foreground_tty: tty,
            };
            spawn(&plan)
        };
        match spawned {
            Ok(pid) => {
                let pgid = if job_control { pid } else { self.shell_pgid() };
                let process = crate::jobs::Process::new(pid, text.clone());
                self.wait_foreground(pgid, vec![process], text)
            }
            Err(e) => {
                self.end_sigint_catch(caught);
                self.spawn_failed(span, text, path, argv, e)
            }
        }
    }

    fn spawn_failed(
        &mut self,
        span: crate::syntax::Span,
        text: Vec<u8>,
        path: &[u8],
        argv: &[Vec<u8>],
        e: SpawnError,
    ) -> Status {
        match e {
            SpawnError::NoExec => {
                // A file without #! that execve rejects: run it as a script.
                let mut script_argv = vec![self.own_executable(), path.to_vec()];
                script_argv.extend_from_slice(&argv[1..]);
                let exe = cstring(&script_argv[0]);
                let c_argv: Vec<CString> = script_argv.iter().map(|a| cstring(a)).collect();
                let envp = self.vars.environ().to_vec();
                let plan = ChildPlan {
                    path: exe,
                    argv: c_argv,
                    envp: &envp,
                    fd_actions: Vec::new(),
                    pgroup: PgroupPolicy::Inherit,
                    foreground_tty: None,
                };
                match spawn(&plan) {
                    Ok(pid) => {
                        let pgid = self.shell_pgid();
                        let process = crate::jobs::Process::new(pid, text.clone());
                        self.wait_foreground(pgid, vec![process], text)
                    }
                    Err(_) => Ok(126),
                }
            }
            SpawnError::Exec(errno) => {
                let (reason, status) = match errno {
                    nix::errno::Errno::ENOENT => ("No such file or directory".to_string(), 127),
                    nix::errno::Errno::EACCES if is_directory(path) => {
                        ("Is a directory".into(), 126)
                    }
                    other => (other.desc().to_string(), 126),
                };
                // bash names the file it tried (a stale hashed path, say).
                let mut message = path.to_vec();
                message.extend_from_slice(b": ");
                message.extend_from_slice(reason.as_bytes());
                self.report_at(span, &message);
                Ok(status)
            }
            SpawnError::Fork(errno) => {
                let mut message = b"fork: ".to_vec();
                message.extend_from_slice(errno.desc().as_bytes());
                self.report_at(span, &message);
                Ok(254)
            }
        }
    }

    /// In a forked child: replace this process with the program.
    fn exec_replacing(&mut self, path: &CString, argv: &[CString]) -> Status {
        let envp = self.vars.environ().to_vec();
        let err = crate::sys::spawn::exec_in_place(path, argv, &envp);
        let name = argv
            .first()
            .map(|a| a.as_bytes().to_vec())
            .unwrap_or_default();
        let (reason, status) = match err {
            nix::errno::Errno::ENOENT => ("No such file or directory".to_string(), 127),
            nix::errno::Errno::ENOEXEC => {
                let mut script_argv = vec![self.own_executable()];
                script_argv.push(path.as_bytes().to_vec());
                script_argv.extend(argv[1..].iter().map(|a| a.as_bytes().to_vec()));
                let c: Vec<CString> = script_argv.iter().map(|a| cstring(a)).collect();
                let exe = cstring(&script_argv[0]);
                let _ = crate::sys::spawn::exec_in_place(&exe, &c, &envp);
                return Err(Unwind::Exit(126));
            }
            other => (other.desc().to_string(), 126),
        };
        let mut message = name;
        message.extend_from_slice(b": ");
        message.extend_from_slice(reason.as_bytes());
        self.report(&message);
        Err(Unwind::Exit(status))
    }

    /// Path of the running whelk binary (to run ENOEXEC scripts).
    pub(crate) fn own_executable(&self) -> Vec<u8> {
        std::env::current_exe()
            .map(|p| p.as_os_str().as_bytes().to_vec())
            .unwrap_or_else(|_| b"/proc/self/exe".to_vec())
    }

    pub(crate) fn shell_pgid(&self) -> i32 {
        // SAFETY: getpgrp cannot fail and touches no memory.
        unsafe { libc::getpgrp() }
    }

    /// Finds a command: a name with `/` is used as is; otherwise the hash
    /// table, then each PATH directory.
    pub fn find_command(&mut self, name: &[u8]) -> Found {
        if name.contains(&b'/') {
            return if is_executable_file(name) {
                Found::Path(name.to_vec())
            } else if std::fs::metadata(std::ffi::OsStr::from_bytes(name)).is_ok() {
                Found::NotExecutable(name.to_vec())
            } else {
                Found::NotFound
            };
        }
        if let Some(path) = self.hash_lookup(name) {
            // Like bash, a remembered path is trusted (and fails to run if
            // the file went away) unless `shopt -s checkhash` or posix mode.
            let check = self.opts.shopt("checkhash").unwrap_or(false) || self.opts.get("posix");
            if !check || is_executable_file(&path) {
                return Found::Path(path);
            }
            self.hash.remove(name);
        }
        let found = self.search_path(name);
        if let Found::Path(p) = &found {
            if self.opts.get("hashall") {
                self.hash.insert(name, p.clone(), 1);
            }
        }
        found
    }

    /// The hashed path of `name` (counting a hit), after forgetting the
    /// table if PATH changed since it was filled.
    pub fn hash_lookup(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        if !self.opts.get("hashall") {
            return None;
        }
        self.sync_hash();
        self.hash.lookup(name)
    }

    /// Empties the hash table if PATH changed since it was filled.
    pub fn sync_hash(&mut self) {
        let path_var = self
            .vars
            .get(b"PATH")
            .map(|v| v.into_owned())
            .unwrap_or_default();
        self.hash.sync(&path_var);
    }

    /// Searches PATH only.
    pub fn search_path(&mut self, name: &[u8]) -> Found {
        let path_var = self
            .vars
            .get(b"PATH")
            .map(|v| v.into_owned())
            .unwrap_or_default(); // unset PATH: only the current directory, as in bash
        let mut not_executable = None;
        for dir in path_var.split(|&b| b == b':') {
            let mut candidate = if dir.is_empty() {
                b".".to_vec()
            } else {
                dir.to_vec()
            };
            candidate.push(b'/');
            candidate.extend_from_slice(name);
            if is_executable_file(&candidate) {
                return Found::Path(candidate);
            }
            if not_executable.is_none() && is_regular_file(&candidate) {
                not_executable = Some(candidate);
            }
        }
        match not_executable {
            Some(p) => Found::NotExecutable(p),
            None => Found::NotFound,
        }
    }
}

pub fn cstring(bytes: &[u8]) -> CString {
    // Shell words cannot contain NUL: the parser and read stop at it.
    CString::new(
        bytes
            .iter()
            .copied()
            .filter(|&b| b != 0)
            .collect::<Vec<u8>>(),
    )
    .unwrap_or_default()
}

fn is_regular_file(path: &[u8]) -> bool {
    std::fs::metadata(std::ffi::OsStr::from_bytes(path)).is_ok_and(|m| m.is_file())
}

fn is_directory(path: &[u8]) -> bool {
    std::fs::metadata(std::ffi::OsStr::from_bytes(path)).is_ok_and(|m| m.is_dir())
}

/// A regular file we may execute (access(2) with X_OK, as the kernel
/// would check it).
pub fn is_executable_file(path: &[u8]) -> bool {
    if !is_regular_file(path) {
        return false;
    }
    let c = cstring(path);
    // SAFETY: c is a valid NUL-terminated path; access reads it only.
    unsafe { libc::access(c.as_ptr(), libc::X_OK) == 0 }
}
