//! The interactive shell: a REPL on rustyline with prompts (PS1, PS2, PS0,
//! `PROMPT_COMMAND`), a history shared with the `history` builtin and
//! saved to `$HISTFILE` an entry at a time, `!` history expansion, Tab
//! completion, syntax colours and history hints. Entry points: [`init`]
//! (before the start-up files) and [`run`].
//!
//! Layout: `repl` (the loop), `editor` (the rustyline helper), `prompt`,
//! `history` + `history_file` + `history_builtin`, `histexpand`,
//! `complete` + `commands` (the PATH cache), `highlight`, `lex` (the
//! forgiving tokenizer both use).
//!
//! When standard input is not a terminal (`whelk -i < file`), rustyline
//! cannot edit it: the shell reads lines as a script would, with prompts.

pub mod commands;
pub mod complete;
pub mod editor;
pub mod highlight;
pub mod histexpand;
pub mod history;
pub mod history_builtin;
pub mod history_file;
pub mod lex;
pub mod prompt;
mod repl;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use crate::exec::{Status, Unwind};
use crate::shell::Shell;

/// Settings of an interactive shell, made before the start-up files run so
/// they can change them: `set -o history` and `set -o histexpand` on, and
/// bash's defaults for `HISTFILE`, `HISTSIZE` and `HISTFILESIZE`.
pub fn init(shell: &mut Shell) {
    shell.opts.set_named("history", true);
    shell.opts.set_named("histexpand", true);
    if shell.vars.get(b"HISTFILE").is_none() {
        if let Some(path) = default_histfile(shell) {
            let _ = shell.vars.set(b"HISTFILE", path);
        }
    }
    for name in [&b"HISTSIZE"[..], b"HISTFILESIZE"] {
        if shell.vars.get(name).is_none() {
            let _ = shell.vars.set(name, b"500".to_vec());
        }
    }
}

/// `${XDG_STATE_HOME:-$HOME/.local/state}/whelk/history`.
fn default_histfile(shell: &mut Shell) -> Option<Vec<u8>> {
    let state = match shell.vars.get(b"XDG_STATE_HOME").filter(|v| !v.is_empty()) {
        Some(dir) => dir.into_owned(),
        None => {
            let home = shell.vars.get(b"HOME").filter(|v| !v.is_empty())?;
            [home.as_ref(), b"/.local/state"].concat()
        }
    };
    Some([state.as_slice(), b"/whelk/history"].concat())
}

/// The history file, when `HISTFILE` names one.
pub fn histfile(shell: &mut Shell) -> Option<PathBuf> {
    let v = shell.vars.get(b"HISTFILE").filter(|v| !v.is_empty())?;
    Some(PathBuf::from(OsStr::from_bytes(&v)))
}

/// A numeric history size variable: None for unlimited (negative), or the
/// default when unset or not a number.
pub fn size_var(shell: &mut Shell, name: &[u8], default: Option<usize>) -> Option<usize> {
    let Some(v) = shell.vars.get(name) else {
        return default;
    };
    let text = String::from_utf8_lossy(&v);
    match text.trim().parse::<i64>() {
        Ok(n) if n < 0 => None,
        Ok(n) => Some(usize::try_from(n).unwrap_or(usize::MAX)),
        Err(_) => default,
    }
}

/// Runs the interactive loop until `exit` or end of input.
pub fn run(shell: &mut Shell) -> Status {
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(0) } != 1 {
        return line_loop(shell);
    }
    match repl::Repl::new(shell) {
        Some(mut r) => r.run(shell),
        None => line_loop(shell),
    }
}

/// Reads lines as a script would (with prompts): for `-i` on a pipe or a
/// file, or when the line editor cannot start.
pub(crate) fn line_loop(shell: &mut Shell) -> Status {
    loop {
        shell.notify_job_changes();
        match shell.run_fd_lines(0, b"stdin") {
            Ok(status) => return Ok(status),
            Err(Unwind::Abort(status)) => {
                shell.last_status = status;
                continue;
            }
            Err(other) => return Err(other),
        }
    }
}
