//! Syntax colours for the line being edited: command names by kind
//! (reserved word, builtin, function or alias, program found, not found),
//! quoted strings, parameters and substitutions, comments, and a quote
//! left open. Only SGR sequences are inserted, so the displayed width is
//! the line's own, as rustyline requires. Entry point: [`highlight`].
//!
//! It runs on every keystroke: the command lookup it is given must answer
//! from memory (the PATH cache), apart from one `stat` for a name with a
//! `/`.

use super::lex::{self, opens_construct, skip_construct, Kind, Role};

/// What a command name refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommandKind {
    Keyword,
    Builtin,
    /// A function or alias.
    Defined,
    External,
    Missing,
}

const RESET: &str = "\x1b[0m";
const KEYWORD: &str = "\x1b[1;35m";
const BUILTIN: &str = "\x1b[1;32m";
const DEFINED: &str = "\x1b[32m";
const EXTERNAL: &str = "\x1b[32m";
const MISSING: &str = "\x1b[31m";
const STRING: &str = "\x1b[33m";
const PARAMETER: &str = "\x1b[36m";
const COMMENT: &str = "\x1b[90m";
const UNCLOSED: &str = "\x1b[1;31m";
const OPERATOR: &str = "\x1b[1m";
/// Hints (history suggestions) are grey.
pub const HINT: &str = "\x1b[90m";

fn command_color(kind: CommandKind) -> &'static str {
    match kind {
        CommandKind::Keyword => KEYWORD,
        CommandKind::Builtin => BUILTIN,
        CommandKind::Defined => DEFINED,
        CommandKind::External => EXTERNAL,
        CommandKind::Missing => MISSING,
    }
}

/// The line with colours. `classify` says what a plain command name is.
pub fn highlight(line: &str, classify: &dyn Fn(&str) -> CommandKind) -> String {
    let b = line.as_bytes();
    let mut out = Painter {
        out: Vec::with_capacity(b.len() * 2),
    };
    let mut copied = 0;
    for t in lex::tokenize(line).list {
        out.plain(&b[copied..t.start]);
        let text = &line[t.start..t.end];
        match t.kind {
            Kind::Comment => out.colored(COMMENT, text.as_bytes()),
            Kind::Operator if text == "\n" => out.plain(b"\n"),
            Kind::Operator => out.colored(OPERATOR, text.as_bytes()),
            Kind::Word if t.role == Role::Command && is_plain(text) => {
                let kind = if lex::is_keyword(text) {
                    CommandKind::Keyword
                } else {
                    classify(text)
                };
                out.colored(command_color(kind), text.as_bytes());
            }
            Kind::Word if t.role == Role::Assignment => {
                let eq = text.find('=').map_or(0, |i| i + 1);
                out.plain(&text.as_bytes()[..eq]);
                paint_word(&mut out, &text.as_bytes()[eq..]);
            }
            Kind::Word => paint_word(&mut out, text.as_bytes()),
        }
        copied = t.end;
    }
    out.plain(&b[copied.min(b.len())..]);
    // Every colour was inserted between whole UTF-8 sequences, but fall
    // back to the plain line rather than ever showing something else.
    String::from_utf8(out.out).unwrap_or_else(|_| line.to_string())
}

/// A word without quoting or expansions: its text is the command name.
fn is_plain(word: &str) -> bool {
    !word.contains(['\'', '"', '\\', '$', '`'])
}

struct Painter {
    out: Vec<u8>,
}

impl Painter {
    fn plain(&mut self, text: &[u8]) {
        self.out.extend_from_slice(text);
    }

    fn colored(&mut self, color: &str, text: &[u8]) {
        if text.is_empty() {
            return;
        }
        self.out.extend_from_slice(color.as_bytes());
        self.out.extend_from_slice(text);
        self.out.extend_from_slice(RESET.as_bytes());
    }
}

/// The parts of an argument word.
fn paint_word(out: &mut Painter, w: &[u8]) {
    let mut i = 0;
    let mut plain_from = 0;
    while i < w.len() {
        let c = w[i];
        if c == b'\\' {
            i += 1 + w.get(i + 1).map_or(0, |&n| lex::char_len(n));
            continue;
        }
        let end = if opens_construct(w, i) {
            let (end, closed) = skip_construct(w, i);
            out.plain(&w[plain_from..i]);
            let part = &w[i..end.min(w.len())];
            match (closed, c) {
                (false, _) => out.colored(UNCLOSED, part),
                (true, b'"') => paint_double_quoted(out, part),
                (true, b'\'') => out.colored(STRING, part),
                _ => out.colored(PARAMETER, part),
            }
            end
        } else if c == b'$' {
            let len = parameter_len(&w[i + 1..]);
            if len == 0 {
                i += 1;
                continue;
            }
            out.plain(&w[plain_from..i]);
            out.colored(PARAMETER, &w[i..i + 1 + len]);
            i + 1 + len
        } else {
            i += 1;
            continue;
        };
        i = end.max(i + 1).min(w.len());
        plain_from = i;
    }
    out.plain(&w[plain_from.min(w.len())..]);
}

/// The length of a parameter name after `$`: a name, a digit or a special.
fn parameter_len(rest: &[u8]) -> usize {
    match rest.first() {
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count(),
        Some(c) if c.is_ascii_digit() || b"?#$!@*-".contains(c) => 1,
        _ => 0,
    }
}

/// `"…"` in the string colour, with expansions inside in theirs.
fn paint_double_quoted(out: &mut Painter, s: &[u8]) {
    out.out.extend_from_slice(STRING.as_bytes());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if c == b'\\' {
            let n = 1 + s.get(i + 1).map_or(0, |&n| lex::char_len(n));
            out.plain(&s[i..(i + n).min(s.len())]);
            i += n;
            continue;
        }
        let opens =
            (c == b'$' && matches!(s.get(i + 1), Some(b'(' | b'{'))) || (c == b'`' && i > 0);
        let len = if opens {
            skip_construct(s, i).0.saturating_sub(i)
        } else if c == b'$' {
            match parameter_len(&s[i + 1..]) {
                0 => 0,
                n => n + 1,
            }
        } else {
            0
        };
        if len > 0 && i + len <= s.len() {
            out.out.extend_from_slice(PARAMETER.as_bytes());
            out.plain(&s[i..i + len]);
            out.out.extend_from_slice(STRING.as_bytes());
            i += len;
        } else {
            let n = lex::char_len(c).min(s.len() - i);
            out.plain(&s[i..i + n]);
            i += n;
        }
    }
    out.out.extend_from_slice(RESET.as_bytes());
}

/// Removes SGR sequences (for tests and width checks).
pub fn strip_colors(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
