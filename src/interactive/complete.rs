//! Tab completion: what to offer for the word under the cursor. Command
//! names in command position (builtins, functions, aliases, reserved
//! words, PATH executables from the cache), directories after `cd` and
//! `pushd`, job specs after `fg`/`bg`/`kill`/`wait`/`disown`, variables
//! after `$` and `${`, `~user`, and file names everywhere else — inserted
//! with the quoting the word needs. Entry point: [`complete`].
//!
//! The shell's state reaches the editor as a [`View`] copied before each
//! prompt, so completing never touches the `Shell` itself.

mod paths;
mod quote;

use rustyline::completion::Pair;

use super::commands::CommandCache;
use super::lex::{self, Kind, Role};
use paths::{list, split_dir, user_names, Filter};
pub use quote::{quote, unquote, Style};

/// A job, as completion lists it.
#[derive(Debug, Clone, Default)]
pub struct JobView {
    pub id: usize,
    pub command: String,
}

/// What completion and highlighting know of the shell, refreshed before
/// each prompt.
#[derive(Debug, Clone, Default)]
pub struct View {
    pub builtins: Vec<String>,
    pub functions: Vec<String>,
    pub aliases: Vec<String>,
    pub variables: Vec<String>,
    pub jobs: Vec<JobView>,
    pub home: Vec<u8>,
    pub path: Vec<u8>,
}

/// Completes the word that ends at `pos`: the byte offset where the
/// replaced text starts, and the candidates.
pub fn complete(
    line: &str,
    pos: usize,
    view: &View,
    cache: &mut CommandCache,
) -> (usize, Vec<Pair>) {
    let pos = floor_boundary(line, pos);
    complete_in(&line[..pos], view, cache, 0)
}

/// Completes at the end of `before`; inside an unclosed `$(` or backquote
/// the text after it is completed as a command line of its own.
fn complete_in(
    before: &str,
    view: &View,
    cache: &mut CommandCache,
    depth: usize,
) -> (usize, Vec<Pair>) {
    let pos = before.len();
    let tokens = lex::tokenize(before);
    let last = tokens.list.last().copied();
    let (start, role, command) = match last {
        Some(t) if t.kind == Kind::Comment && t.end == pos => return (pos, Vec::new()),
        Some(t) if t.kind == Kind::Word && t.end == pos => (t.start, t.role, t.command),
        _ => (
            pos,
            tokens.next_role.unwrap_or(Role::Command),
            tokens.next_command,
        ),
    };
    let word = &before[start..];
    if last.is_some_and(|t| t.open && t.end == pos) && depth < 16 {
        let inner = word
            .rfind("$(")
            .map(|i| i + 2)
            .into_iter()
            .chain(word.rfind('`').map(|i| i + 1))
            .max();
        if let Some(inner) = inner {
            let (s, found) = complete_in(&word[inner..], view, cache, depth + 1);
            return (start + inner + s, found);
        }
    }
    let command_name = command
        .and_then(|i| tokens.list.get(i))
        .map(|t| &before[t.start..t.end])
        .unwrap_or("");
    if let Some(found) = complete_variable(word, start, view) {
        return found;
    }
    if let Some(rest) = word.strip_prefix('~') {
        if !rest.contains('/') && !rest.contains(['\'', '"', '\\']) {
            return (start, users(rest));
        }
    }
    match role {
        Role::Command => (start, commands(word, view, cache)),
        Role::Argument
            if is_job_command(command_name) && (word.starts_with('%') || word.is_empty()) =>
        {
            let jobs = jobs(word, view);
            if !jobs.is_empty() || word.starts_with('%') {
                return (start, jobs);
            }
            (start, files(word, Filter::All, view))
        }
        Role::Argument if matches!(command_name, "cd" | "pushd") => {
            (start, files(word, Filter::Directories, view))
        }
        Role::Assignment | Role::Argument => {
            let cut = value_start(word, role);
            (start + cut, files(&word[cut..], Filter::All, view))
        }
        _ => (start, files(word, Filter::All, view)),
    }
}

fn floor_boundary(line: &str, pos: usize) -> usize {
    let mut pos = pos.min(line.len());
    while !line.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

fn is_job_command(name: &str) -> bool {
    matches!(name, "fg" | "bg" | "kill" | "wait" | "disown" | "jobs")
}

/// Where the value to complete starts in `NAME=value` (after the last
/// `:` too, for PATH-like lists) or `--option=value`.
fn value_start(word: &str, role: Role) -> usize {
    let Some(eq) = word.find('=') else {
        return 0;
    };
    let head = &word[..eq];
    if role == Role::Assignment {
        let after = eq + 1;
        return word[after..].rfind(':').map_or(after, |c| after + c + 1);
    }
    if head.starts_with("--") && !head.contains(['\'', '"', '\\', '$']) {
        return eq + 1;
    }
    0
}

/// `$NA…` or `${NA…` at the end of the word.
fn complete_variable(word: &str, start: usize, view: &View) -> Option<(usize, Vec<Pair>)> {
    let dollar = word.rfind('$')?;
    if word[..dollar].ends_with('\\') || unquote(&word[..dollar]).style == Style::Single {
        return None;
    }
    let rest = &word[dollar + 1..];
    let (brace, name) = match rest.strip_prefix('{') {
        Some(n) => (true, n),
        None => (false, rest),
    };
    if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return None;
    }
    let found = view
        .variables
        .iter()
        .filter(|v| v.starts_with(name))
        .map(|v| Pair {
            display: v.clone(),
            replacement: if brace {
                format!("${{{v}}}")
            } else {
                format!("${v}")
            },
        })
        .collect();
    Some((start + dollar, found))
}

fn users(prefix: &str) -> Vec<Pair> {
    user_names(prefix.as_bytes())
        .into_iter()
        .filter_map(|n| String::from_utf8(n).ok())
        .map(|n| Pair {
            display: format!("~{n}"),
            replacement: format!("~{n}/"),
        })
        .collect()
}

fn jobs(word: &str, view: &View) -> Vec<Pair> {
    let want = word.strip_prefix('%').unwrap_or(word);
    view.jobs
        .iter()
        .filter(|j| j.id.to_string().starts_with(want) || j.command.starts_with(want))
        .map(|j| Pair {
            display: format!("%{}  {}", j.id, j.command),
            replacement: format!("%{} ", j.id),
        })
        .collect()
}

/// Command names: with a `/` they are paths; otherwise every kind of
/// command the shell knows.
fn commands(word: &str, view: &View, cache: &mut CommandCache) -> Vec<Pair> {
    let typed = unquote(word);
    if typed.value.contains(&b'/') {
        return files(word, Filter::Executables, view);
    }
    let prefix = typed.value.as_slice();
    cache.rescan_on_miss(prefix);
    let mut names: Vec<String> = cache
        .with_prefix(prefix)
        .iter()
        .filter_map(|n| String::from_utf8(n.clone()).ok())
        .collect();
    let known = view
        .builtins
        .iter()
        .chain(&view.functions)
        .chain(&view.aliases)
        .map(String::as_str)
        .chain(lex::KEYWORDS.iter().copied());
    names.extend(
        known
            .filter(|n| n.as_bytes().starts_with(prefix))
            .map(str::to_string),
    );
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|n| Pair {
            replacement: format!("{} ", quote(n.as_bytes(), Style::Plain, true)),
            display: n,
        })
        .collect()
}

/// File names for the typed (quoted, partial) word.
fn files(word: &str, filter: Filter, view: &View) -> Vec<Pair> {
    let typed = unquote(word);
    let (dir, prefix) = split_dir(&typed.value);
    // The raw text up to the last slash is kept as typed; the name part is
    // replaced, in the open quote's style if the quote began before it.
    let raw_dir_end = word.rfind('/').map_or(0, |i| i + 1);
    let style = if typed.style != Style::Plain && typed.opened_at < raw_dir_end {
        typed.style
    } else {
        Style::Plain
    };
    let at_word_start = raw_dir_end == 0;
    list(dir, prefix, filter, &view.home)
        .into_iter()
        .map(|f| {
            let quoted = quote(&f.name, style, at_word_start);
            let tail = if f.is_dir {
                "/".to_string()
            } else {
                format!("{} ", quote::closing(style))
            };
            let mut display = String::from_utf8_lossy(&f.name).into_owned();
            if f.is_dir {
                display.push('/');
            }
            Pair {
                display,
                replacement: format!("{}{quoted}{tail}", &word[..raw_dir_end]),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
