//! The builtin registry: name → (special or regular, function). Builtins
//! write through file descriptors (never a buffered stdout a fork would
//! duplicate), report their own usage errors as bash does, and return an
//! exit status — or an [`Unwind`] for `exit`, `return`, `break`, ….
//!
//! One file per family; [`find`] is the lookup the executor uses.

mod args;
mod cd;
mod compgen;
pub mod complete;
mod dirstack;
pub mod echo;
mod enable;
mod flow;
mod help;
mod limits;
mod lookup;
pub mod printf;
mod run;
pub mod test;
mod text;
mod vars;

pub use cd::initial_cwd;
pub use compgen::generate as generate_completions;
pub use dirstack::dirstack_array;

use crate::exec::Status;
use crate::shell::Shell;
use crate::sys::fd::write_all_fd;

pub type BuiltinFn = fn(&mut Shell, &[Vec<u8>]) -> Status;

#[derive(Clone, Copy)]
pub struct Builtin {
    pub name: &'static str,
    /// POSIX special builtin: assignments before it persist, and it is
    /// found before functions.
    pub special: bool,
    pub run: BuiltinFn,
}

const fn special(name: &'static str, run: BuiltinFn) -> Builtin {
    Builtin {
        name,
        special: true,
        run,
    }
}

const fn regular(name: &'static str, run: BuiltinFn) -> Builtin {
    Builtin {
        name,
        special: false,
        run,
    }
}

/// Every builtin, sorted by name (binary search).
static BUILTINS: &[Builtin] = &[
    special(".", run::source),
    special(":", flow::colon),
    regular("[", text::bracket),
    regular("alias", run::alias),
    special("break", flow::break_),
    regular("builtin", run::builtin),
    regular("caller", flow::caller),
    regular("cd", cd::cd),
    regular("command", run::command),
    regular("compgen", compgen::compgen),
    regular("complete", complete::complete),
    regular("compopt", complete::compopt),
    special("continue", flow::continue_),
    regular("declare", vars::declare),
    regular("dirs", dirstack::dirs),
    regular("echo", text::echo),
    regular("enable", enable::enable),
    special("eval", run::eval),
    special("exec", run::exec),
    special("exit", flow::exit),
    special("export", vars::export),
    regular("false", flow::false_),
    regular("getopts", vars::getopts),
    regular("hash", lookup::hash),
    regular("help", help::help),
    regular("history", crate::interactive::history_builtin::history),
    regular("let", vars::let_),
    regular("local", vars::local),
    regular("logout", enable::logout),
    regular("mapfile", text::mapfile),
    regular("popd", dirstack::popd),
    regular("printf", text::printf),
    regular("pushd", dirstack::pushd),
    regular("pwd", cd::pwd),
    regular("read", text::read),
    regular("readarray", text::mapfile),
    special("readonly", vars::readonly),
    special("return", flow::return_),
    special("set", vars::set),
    special("shift", vars::shift),
    regular("shopt", vars::shopt),
    regular("source", run::source),
    regular("test", text::test),
    special("times", flow::times),
    special("trap", flow::trap),
    regular("true", flow::true_),
    regular("type", lookup::type_),
    regular("typeset", vars::declare),
    regular("ulimit", limits::ulimit),
    regular("umask", limits::umask),
    regular("unalias", run::unalias),
    special("unset", vars::unset),
];

/// Adds builtins defined in other modules (job control).
fn extra(name: &[u8]) -> Option<Builtin> {
    crate::jobs::builtins::find(name)
}

/// Looks up a builtin by name.
pub fn find(name: &[u8]) -> Option<Builtin> {
    match BUILTINS.binary_search_by(|b| b.name.as_bytes().cmp(name)) {
        Ok(i) => Some(BUILTINS[i]),
        Err(_) => extra(name),
    }
}

/// Looks up a builtin that `enable -n` has not turned off (what the
/// executor, `command`, `builtin` and `type` use).
pub fn find_enabled(shell: &Shell, name: &[u8]) -> Option<Builtin> {
    if shell.disabled_builtins.contains(name) {
        return None;
    }
    find(name)
}

/// All builtin names (completion, `enable`-style listings).
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = BUILTINS.iter().map(|b| b.name).collect();
    v.extend(crate::jobs::builtins::NAMES);
    v.sort_unstable();
    v
}

/// Writes to standard output; a write error is reported once and gives
/// status 1.
pub fn out(shell: &mut Shell, bytes: &[u8]) -> i32 {
    // `$(echo …)` run without forking collects output here.
    if let Some(buffer) = shell.captured_output.as_mut() {
        buffer.extend_from_slice(bytes);
        return 0;
    }
    match write_all_fd(1, bytes) {
        Ok(()) => 0,
        Err(e) => {
            let mut m = b"whelk: write error: ".to_vec();
            m.extend_from_slice(crate::exec::describe_io_error(&e).as_bytes());
            m.push(b'\n');
            let _ = write_all_fd(2, &m);
            1
        }
    }
}

/// `whelk: NAME: message` on standard error.
pub fn error(shell: &mut Shell, name: &[u8], message: &[u8]) {
    let mut m = name.to_vec();
    m.extend_from_slice(b": ");
    m.extend_from_slice(message);
    shell.report(&m);
}

/// Reads one line from `fd` without the newline; `None` at end of input.
pub fn read_line_fd(fd: i32) -> Option<Vec<u8>> {
    match crate::sys::lineread::read_until(fd, b'\n', None) {
        Ok((mut line, eof)) => {
            if eof && line.is_empty() {
                return None;
            }
            if line.last() == Some(&b'\n') {
                line.pop();
            }
            Some(line)
        }
        Err(_) => None,
    }
}

/// Parses a decimal argument (for `exit`, `shift`, `return`, …).
pub fn parse_number(arg: &[u8]) -> Option<i64> {
    let s = std::str::from_utf8(arg).ok()?.trim();
    s.parse::<i64>().ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn table_is_sorted_for_binary_search() {
        let names: Vec<&str> = super::BUILTINS.iter().map(|b| b.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}
