//! The shell's state: variables, positional parameters, options,
//! functions, aliases, traps, the job table and the bookkeeping special
//! parameters need. Plain data; the executor (`exec`) gives it behaviour.
//!
//! Everything a subshell may change lives here, so a forked child simply
//! owns its copy and nothing leaks back to the parent.

pub mod hash;
pub mod options;
pub mod vars;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use crate::jobs::JobTable;
use crate::syntax::ast::Command;
use crate::syntax::Source;

pub use options::Options;
pub use vars::Variables;

use crate::syntax::AliasLookup;

/// The alias definitions, shared between the shell (which changes them)
/// and a parser (which reads them between commands).
#[derive(Clone, Default)]
pub struct AliasTable(pub Rc<RefCell<HashMap<Vec<u8>, Vec<u8>>>>);

impl AliasLookup for AliasTable {
    fn alias(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.0.borrow().get(name).cloned()
    }
}

/// A defined function: its body and the source it was defined in (for
/// diagnostics that point into the body).
#[derive(Debug)]
pub struct Function {
    pub name: Vec<u8>,
    pub body: Command,
    pub source: Rc<Source>,
    /// The definition as written (`declare -f`, `type`).
    pub text: Vec<u8>,
}

/// What a trap does when its condition fires.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrapAction {
    /// `trap '' SIG`: ignore.
    Ignore,
    /// Run this command text.
    Command(Vec<u8>),
}

/// Trap conditions beyond signals, numbered after the signals.
pub const TRAP_EXIT: usize = 0;
pub const TRAP_ERR: usize = 65;
pub const TRAP_DEBUG: usize = 66;
pub const TRAP_RETURN: usize = 67;
pub const TRAP_COUNT: usize = 68;

pub struct Shell {
    pub vars: Variables,
    /// `$1`… (not `$0`).
    pub positional: Vec<Vec<u8>>,
    /// `$0`.
    pub arg0: Vec<u8>,
    pub opts: Options,
    pub functions: HashMap<Vec<u8>, Rc<Function>>,
    pub aliases: AliasTable,
    /// Indexed by signal number, or the `TRAP_*` constants.
    pub traps: Vec<Option<TrapAction>>,
    /// Traps are reset in subshells, but `$(trap)` still lists the
    /// parent's: this keeps them for that listing.
    pub parent_traps: Option<Vec<Option<TrapAction>>>,
    pub jobs: JobTable,
    /// `hash`: command name → path.
    pub hash: hash::HashTable,
    /// The shell's idea of the current directory (bash's
    /// `the_current_working_directory`): what `pwd` prints and `cd`
    /// resolves `..` against; `$PWD` is only a copy of it.
    pub cwd: Option<Vec<u8>>,
    /// Builtins turned off with `enable -n`.
    pub disabled_builtins: std::collections::HashSet<Vec<u8>>,
    /// `complete` specifications.
    pub completions: crate::builtins::complete::CompletionSpecs,
    /// `$?`
    pub last_status: i32,
    /// `$!`
    pub last_background: Option<i32>,
    /// `$$`: the top-level shell's pid, unchanged in subshells.
    pub shell_pid: i32,
    pub interactive: bool,
    pub login: bool,
    /// Nesting of subshells (`BASH_SUBSHELL`); > 0 in forked children.
    pub subshell_depth: usize,
    /// Running inside a forked child that must exit when done.
    pub is_forked_child: bool,
    /// Positive while running a condition, a non-final part of an and-or
    /// list, or a pipeline under `!`: `set -e` does not apply there
    /// (POSIX 2.8.1).
    pub errexit_suppressed: usize,
    /// Enclosing loops, for `break` / `continue`.
    pub loop_depth: usize,
    /// Function call nesting, with each frame's name and call site.
    pub call_stack: Vec<CallFrame>,
    /// Source being run, for diagnostics.
    pub source: Rc<Source>,
    pub started: Instant,
    /// `pushd`/`popd` stack (without the current directory).
    pub dir_stack: Vec<Vec<u8>>,
    /// Running a trap action: a nested trap for the same condition waits.
    pub in_trap: bool,
    /// The locale's character set is UTF-8: lengths count characters.
    pub utf8_locale: bool,
    /// Exit warning already given for stopped jobs.
    pub warned_stopped_jobs: bool,
    /// Commands read interactively so far (`\#` in prompts).
    pub command_number: usize,
    /// The history number of the next line (`\!` in prompts).
    pub history_number: usize,
    /// The controlling terminal, when this shell does job control.
    pub terminal: Option<crate::jobs::terminal::Terminal>,
    /// The shell should end by this signal (a foreground job was
    /// interrupted), so its parent sees the interrupt.
    pub killed_by: Option<i32>,
    /// The last status came from a context where `set -e` is ignored.
    pub status_exempt: bool,
    /// Byte offset of the command being run in `source` (for LINENO and
    /// messages).
    pub current_offset: u32,
    /// Status of the last command substitution in the current command.
    pub last_subst_status: Option<i32>,
    /// In a forked child, the command being run is its last: an external
    /// command may replace the process instead of forking again.
    pub exec_in_place: bool,
    /// The shell's ends of process substitutions of the current command.
    pub procsub_fds: Vec<i32>,
    /// `PIPESTATUS`.
    pub pipestatus: Vec<i32>,
    /// Nesting of `.`/`source`.
    pub source_depth: usize,
    /// `getopts` state: the OPTIND it last set and the position inside a
    /// bundle of option letters.
    pub getopts_optind: usize,
    pub getopts_offset: usize,
    /// Running a `-c` string (some error statuses differ, as in bash).
    pub command_string: bool,
    /// Commands come from standard input (`$-` has `s`).
    pub reading_stdin: bool,
    /// Nesting of command substitution, `eval` and `.` for `set -x`.
    pub trace_level: usize,
    /// Output of builtins run for `$(…)` without a fork (`echo`, `printf`).
    pub captured_output: Option<Vec<u8>>,
    /// Nesting of `run_command` (for growing the stack on demand).
    pub exec_depth: usize,
    /// `$_`: the last argument of the previous simple command.
    pub last_argument: Vec<u8>,
    /// The simple command being run (`BASH_COMMAND`).
    pub current_command: (crate::syntax::Span, Rc<Source>),
    /// The command history (shared with the line editor).
    pub history: crate::interactive::history::SharedHistory,
}

impl CallFrame {
    /// The line the function was called from.
    pub fn call_line(&self) -> usize {
        self.call_site.0.line_col(self.call_site.1).line
    }
}

#[derive(Debug, Clone)]
pub struct CallFrame {
    pub name: Vec<u8>,
    pub source: Rc<Source>,
    /// Where the call was made: the caller's source and byte offset (the
    /// line number is computed only when asked for).
    pub call_site: (Rc<Source>, u32),
    /// The function's arguments, kept only under `shopt -s extdebug`
    /// (for BASH_ARGV and BASH_ARGC).
    pub saved_positional: Vec<Vec<u8>>,
}

impl Shell {
    pub fn new(arg0: Vec<u8>) -> Shell {
        let mut vars = Variables::new();
        vars.import_environ();
        Shell {
            vars,
            positional: Vec::new(),
            arg0,
            opts: Options::default(),
            functions: HashMap::new(),
            aliases: AliasTable::default(),
            traps: vec![None; TRAP_COUNT],
            parent_traps: None,
            jobs: JobTable::default(),
            hash: hash::HashTable::default(),
            cwd: crate::builtins::initial_cwd(),
            disabled_builtins: Default::default(),
            completions: Default::default(),
            last_status: 0,
            last_background: None,
            shell_pid: std::process::id() as i32,
            interactive: false,
            login: false,
            subshell_depth: 0,
            is_forked_child: false,
            errexit_suppressed: 0,
            loop_depth: 0,
            call_stack: Vec::new(),
            source: Rc::new(Source::new("whelk", Vec::new())),
            started: Instant::now(),
            dir_stack: Vec::new(),
            in_trap: false,
            utf8_locale: false,
            warned_stopped_jobs: false,
            command_number: 1,
            history_number: 1,
            terminal: None,
            killed_by: None,
            status_exempt: false,
            current_offset: 0,
            last_subst_status: None,
            exec_in_place: false,
            procsub_fds: Vec::new(),
            pipestatus: Vec::new(),
            source_depth: 0,
            getopts_optind: 1,
            getopts_offset: 0,
            command_string: false,
            reading_stdin: false,
            trace_level: 0,
            last_argument: Vec::new(),
            exec_depth: 0,
            captured_output: None,
            current_command: (
                Default::default(),
                Rc::new(Source::new("whelk", Vec::new())),
            ),
            history: Default::default(),
        }
    }

    /// Recomputes whether the character set is UTF-8 from LC_ALL,
    /// LC_CTYPE and LANG (at start-up and when one of them is assigned).
    pub fn update_locale(&mut self) {
        let locale = [b"LC_ALL".as_slice(), b"LC_CTYPE", b"LANG"]
            .iter()
            .find_map(|n| {
                self.vars
                    .get(n)
                    .filter(|v| !v.is_empty())
                    .map(|v| v.into_owned())
            })
            .unwrap_or_default()
            .to_ascii_lowercase();
        self.utf8_locale =
            locale.windows(4).any(|w| w == b"utf8") || locale.windows(5).any(|w| w == b"utf-8");
    }

    /// Running a file through `.`/`source` (where `return` is allowed).
    pub fn in_sourced_file(&self) -> bool {
        self.source_depth > 0
    }

    /// `set -m` / `set +m`: job control needs a terminal to hand out.
    pub fn set_job_control(&mut self, on: bool) {
        if on && self.terminal.is_none() {
            if let Ok(t) = crate::jobs::terminal::Terminal::init_interactive(2) {
                self.terminal = Some(t);
            }
        }
        // A script may use `set -m` without a terminal (jobs still get
        // their own process groups and stops are reported), as in bash;
        // an interactive shell needs the terminal.
        let enabled = on && (self.terminal.is_some() || !self.interactive);
        self.jobs.set_job_control(enabled);
        self.opts.set_named("monitor", enabled);
    }
}
