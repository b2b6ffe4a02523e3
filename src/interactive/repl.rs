//! The read-eval loop on a terminal. Before each prompt: pending traps,
//! job notices, the window size, `PROMPT_COMMAND`, the editor's view of
//! the shell, and the partial-line mark. Then a command is read (PS1, then
//! PS2 lines while it is unfinished, each line history-expanded), entered
//! in the history (and appended to `$HISTFILE`), `PS0` shown, and run.
//!
//! rustyline draws on standard output; the shell's prompt and editing
//! belong on standard error (bash's), so standard output is pointed at
//! standard error's terminal while the editor runs and restored after.

use std::os::fd::AsRawFd;
use std::rc::Rc;

use rustyline::config::Configurer;
use rustyline::error::ReadlineError;
use rustyline::{ColorMode, CompletionType, Config, EditMode, Editor};

use super::complete::{JobView, View};
use super::editor::{bind_keys, is_incomplete, WhelkHelper};
use super::histexpand::{self, Events};
use super::history::{Control, Entry, SharedHistory};
use super::prompt::{editor_prompt, partial_line_mark, run_prompt_command, show_ps0};
use super::{histfile, history_file, size_var};
use crate::exec::{InputKind, Status, Unwind};
use crate::shell::Shell;
use crate::syntax::Source;
use crate::sys::fd::{close, dup2, dup_high_cloexec, write_all_fd};
use crate::sys::signals;

/// What reading produced.
enum Input {
    Command(String),
    /// Nothing to run (`!!:p`, a failed history expansion).
    Nothing,
    Interrupted,
    Eof,
    /// The terminal failed: go on without the editor.
    Broken,
}

pub struct Repl {
    editor: Editor<WhelkHelper, SharedHistory>,
    history: SharedHistory,
    /// The line number the next command starts at (LINENO, messages).
    line_number: usize,
    /// Consecutive Ctrl-D presses ignored (`IGNOREEOF`).
    eofs: usize,
    histfile_failed: bool,
    /// Draw the partial-line mark (not on a dumb terminal).
    mark: bool,
    colors: bool,
}

/// A whole line typed ahead while a command ran, still in the terminal's
/// (canonical mode) input queue. rustyline would read the queue in one
/// `read` and keep only its first line, so whole lines are taken here, one
/// at a time; a partial line is left for the editor.
fn typeahead_line() -> Option<String> {
    // SAFETY: tcgetattr fills a termios we own.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: as above; fd 0 is only inspected.
    if unsafe { libc::tcgetattr(0, &mut t) } != 0 || t.c_lflag & libc::ICANON == 0 {
        return None;
    }
    let mut queued: libc::c_int = 0;
    // SAFETY: FIONREAD stores the count of complete lines' bytes (in
    // canonical mode) into the int we pass.
    if unsafe { libc::ioctl(0, libc::FIONREAD, &mut queued) } != 0 || queued <= 0 {
        return None;
    }
    let mut buf = vec![0u8; 4096];
    // In canonical mode a read returns at most one line, without waiting:
    // a complete line is queued.
    let n = crate::sys::fd::read_fd(0, &mut buf).ok()?;
    buf.truncate(n);
    if buf.last() == Some(&b'\n') {
        buf.pop();
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

/// Runs `f` with standard output on standard error's file.
fn on_stderr<T>(f: impl FnOnce() -> T) -> T {
    let saved = dup_high_cloexec(1, 10).ok();
    let swapped = dup2(2, 1).is_ok();
    let result = f();
    if swapped {
        match &saved {
            Some(fd) => {
                let _ = dup2(fd.as_raw_fd(), 1);
            }
            None => {
                let _ = close(1);
            }
        }
    }
    result
}

impl Repl {
    pub fn new(shell: &mut Shell) -> Option<Repl> {
        let history = shell.history.clone();
        let config = Config::builder()
            .completion_type(CompletionType::List)
            .auto_add_history(false)
            .check_cursor_position(false)
            .bracketed_paste(true)
            .build();
        let mut editor = on_stderr(|| Editor::with_history(config, history.clone())).ok()?;
        bind_keys(&mut editor);
        editor.set_helper(Some(WhelkHelper {
            history: history.clone(),
            ..WhelkHelper::default()
        }));
        let mut repl = Repl {
            editor,
            history,
            line_number: 1,
            eofs: 0,
            histfile_failed: false,
            mark: true,
            colors: false,
        };
        repl.load_history(shell);
        Some(repl)
    }

    /// Reads `$HISTFILE` (trimmed to `HISTFILESIZE` first).
    fn load_history(&mut self, shell: &mut Shell) {
        let size = size_var(shell, b"HISTSIZE", Some(500));
        self.history.borrow_mut().set_max_len(size);
        let Some(path) = histfile(shell) else {
            return;
        };
        let _ = history_file::ensure_parent(&path);
        let entries = match size_var(shell, b"HISTFILESIZE", size) {
            Some(max) => history_file::truncate(&path, max),
            None => history_file::read(&path),
        };
        let mut h = self.history.borrow_mut();
        if let Ok(entries) = entries {
            h.file_seen = entries.len();
            h.extend(entries);
        }
        h.mark_session_start();
    }

    pub fn run(&mut self, shell: &mut Shell) -> Status {
        loop {
            self.before_prompt(shell)?;
            match self.read_command(shell) {
                Input::Command(text) => {
                    self.eofs = 0;
                    self.execute(shell, &text)?;
                }
                Input::Nothing => self.eofs = 0,
                Input::Interrupted => shell.last_status = 130,
                Input::Eof => {
                    if let Some(result) = self.end_of_input(shell) {
                        return result;
                    }
                }
                Input::Broken => return super::line_loop(shell),
            }
        }
    }

    fn before_prompt(&mut self, shell: &mut Shell) -> Result<(), Unwind> {
        if let Err(Unwind::Exit(s)) = shell.run_pending_traps() {
            return Err(Unwind::Exit(s));
        }
        if shell
            .traps
            .get(libc::SIGINT as usize)
            .is_none_or(|t| t.is_none())
        {
            // A Ctrl-C that interrupted the last command is dealt with.
            signals::take_pending_in(signals::signal_bit(libc::SIGINT));
        }
        shell.notify_job_changes();
        let columns = super::prompt::update_window_size(shell);
        run_prompt_command(shell)?;
        let size = size_var(shell, b"HISTSIZE", Some(500));
        self.history.borrow_mut().set_max_len(size);
        shell.history_number = self.history.borrow().next_number();
        let colors = self.configure(shell);
        self.colors = colors;
        if self.mark {
            let _ = write_all_fd(2, &partial_line_mark(columns, colors));
        }
        Ok(())
    }

    /// Copies the shell's state into the editor; returns whether colours
    /// are on.
    fn configure(&mut self, shell: &mut Shell) -> bool {
        let var = |shell: &mut Shell, name: &[u8]| {
            shell
                .vars
                .get(name)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        };
        let dumb = var(shell, b"TERM") == b"dumb";
        let colors = !dumb && var(shell, b"NO_COLOR").is_empty();
        self.mark = !dumb;
        self.editor.set_color_mode(if colors {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        });
        self.editor.set_edit_mode(if shell.opts.get("vi") {
            EditMode::Vi
        } else {
            EditMode::Emacs
        });
        let path = var(shell, b"PATH");
        let view = build_view(shell);
        let extglob = shell.opts.shopt("extglob").unwrap_or(false);
        if let Some(h) = self.editor.helper_mut() {
            h.cache.borrow_mut().refresh(&path);
            h.view = view;
            h.colors = colors;
            h.extglob = extglob;
        }
        colors
    }

    /// Reads one complete command: PS1, then PS2 lines while unfinished.
    fn read_command(&mut self, shell: &mut Shell) -> Input {
        let mut text = String::new();
        loop {
            let prompt = if text.is_empty() {
                editor_prompt(shell, b"PS1", b"$ ")
            } else {
                editor_prompt(shell, b"PS2", b"> ")
            };
            if let Some(h) = self.editor.helper_mut() {
                h.pending.clone_from(&text);
            }
            let read = match typeahead_line() {
                Some(line) => {
                    // Show it after the prompt, as if typed there.
                    let shown = if self.colors {
                        &prompt.styled
                    } else {
                        &prompt.raw
                    };
                    let _ = write_all_fd(2, format!("{shown}{line}\n").as_bytes());
                    Ok(line)
                }
                None => on_stderr(|| self.editor.readline(&prompt)),
            };
            let line = match read {
                Ok(line) => line,
                Err(ReadlineError::Interrupted) => return Input::Interrupted,
                Err(ReadlineError::Eof) if text.is_empty() => return Input::Eof,
                // Ctrl-D inside a command: run what there is, so the parser
                // reports what is missing.
                Err(ReadlineError::Eof) => return Input::Command(text),
                Err(ReadlineError::Signal(_)) => continue,
                Err(e) => {
                    let _ = write_all_fd(2, format!("whelk: line editor: {e}\n").as_bytes());
                    return Input::Broken;
                }
            };
            let line = match self.expand_history(shell, line, &text) {
                Ok(line) => line,
                Err(input) => return input,
            };
            text.push_str(&line);
            text.push('\n');
            let table = shell.aliases.clone();
            let aliases: Option<&dyn crate::syntax::AliasLookup> = if shell.aliases_enabled() {
                Some(&table)
            } else {
                None
            };
            let extglob = shell.opts.shopt("extglob").unwrap_or(false);
            if !is_incomplete(&text, extglob, aliases) {
                return Input::Command(text);
            }
        }
    }

    /// `!` expansion of a line read (when `set -o histexpand`).
    fn expand_history(
        &mut self,
        shell: &mut Shell,
        line: String,
        before: &str,
    ) -> Result<String, Input> {
        if !shell.opts.get("histexpand") || !line.contains(['!', '^']) {
            return Ok(line);
        }
        let result = {
            let list = self.history.borrow();
            let entries: Vec<&str> = list.iter().map(|e| e.line.as_str()).collect();
            let events = Events {
                entries: &entries,
                base: list.base(),
            };
            histexpand::expand(&line, &events)
        };
        match result {
            Ok(e) if e.print_only => {
                let _ = write_all_fd(2, format!("{}\n", e.line).as_bytes());
                self.record(shell, &format!("{before}{}", e.line));
                Err(Input::Nothing)
            }
            Ok(e) => {
                if e.changed {
                    let _ = write_all_fd(2, format!("{}\n", e.line).as_bytes());
                }
                Ok(e.line)
            }
            Err(message) => {
                let _ = write_all_fd(2, format!("whelk: {message}\n").as_bytes());
                Err(Input::Nothing)
            }
        }
    }

    /// Enters a command in the history and appends it to `$HISTFILE`.
    fn record(&mut self, shell: &mut Shell, text: &str) {
        if !shell.opts.get("history") {
            return;
        }
        let line = text.trim_end_matches('\n').to_string();
        let control = {
            let mut var = |n: &[u8]| {
                shell
                    .vars
                    .get(n)
                    .map(|v| v.into_owned())
                    .unwrap_or_default()
            };
            Control::parse(&var(b"HISTCONTROL"), &var(b"HISTIGNORE"))
        };
        let entry = Entry { line, time: now() };
        if !self.history.borrow_mut().push(entry.clone(), &control) {
            return;
        }
        let Some(path) = histfile(shell) else {
            return;
        };
        let result =
            history_file::ensure_parent(&path).and_then(|()| history_file::append(&path, &[entry]));
        if result.is_ok() {
            self.history.borrow_mut().file_seen += 1;
        }
        if let Err(e) = result {
            if !self.histfile_failed {
                self.histfile_failed = true;
                let m = format!(
                    "whelk: {}: {}\n",
                    path.display(),
                    crate::exec::describe_io_error(&e)
                );
                let _ = write_all_fd(2, m.as_bytes());
            }
        }
    }

    fn execute(&mut self, shell: &mut Shell, text: &str) -> Result<(), Unwind> {
        self.record(shell, text);
        // The window may have changed size while the line was edited.
        super::prompt::update_window_size(shell);
        show_ps0(shell);
        let mut source = Source::new("stdin", text.as_bytes().to_vec());
        source.first_line = self.line_number;
        self.line_number = self.line_number.saturating_add(text.matches('\n').count());
        let result = shell.run_source(Rc::new(source), InputKind::Sourced);
        shell.command_number = shell.command_number.saturating_add(1);
        match result {
            Ok(_) => Ok(()),
            Err(Unwind::Abort(s)) => {
                shell.last_status = s;
                Ok(())
            }
            Err(Unwind::Exit(s)) => Err(Unwind::Exit(s)),
            Err(_) => Ok(()),
        }
    }

    /// Ctrl-D on an empty line: `exit`, unless `ignoreeof`/`IGNOREEOF`
    /// says to refuse it a number of times. None: keep going.
    fn end_of_input(&mut self, shell: &mut Shell) -> Option<Status> {
        let limit = match shell.vars.get(b"IGNOREEOF") {
            Some(v) => Some(
                String::from_utf8_lossy(&v)
                    .trim()
                    .parse::<usize>()
                    .unwrap_or(10),
            ),
            None if shell.opts.get("ignoreeof") => Some(10),
            None => None,
        };
        if let Some(limit) = limit {
            if self.eofs < limit {
                self.eofs += 1;
                let _ = write_all_fd(2, b"Use \"exit\" to leave the shell.\n");
                return None;
            }
        }
        let exit = crate::builtins::find(b"exit")?;
        match (exit.run)(shell, &[b"exit".to_vec()]) {
            Ok(_) => None,
            Err(u) => Some(Err(u)),
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
}

fn lossy(v: &[u8]) -> String {
    String::from_utf8_lossy(v).into_owned()
}

/// The shell's names, for completion and highlighting.
fn build_view(shell: &mut Shell) -> View {
    let mut functions: Vec<String> = shell.functions.keys().map(|k| lossy(k)).collect();
    functions.sort();
    let mut aliases: Vec<String> = shell.aliases.0.borrow().keys().map(|k| lossy(k)).collect();
    aliases.sort();
    View {
        builtins: crate::builtins::names()
            .into_iter()
            .map(str::to_string)
            .collect(),
        functions,
        aliases,
        variables: shell.vars.names().iter().map(|n| lossy(n)).collect(),
        jobs: shell
            .jobs
            .iter()
            .map(|j| JobView {
                id: j.id,
                command: lossy(&j.command),
            })
            .collect(),
        home: shell
            .vars
            .get(b"HOME")
            .map(|v| v.into_owned())
            .unwrap_or_default(),
        path: shell
            .vars
            .get(b"PATH")
            .map(|v| v.into_owned())
            .unwrap_or_default(),
    }
}
