//! A forgiving tokenizer for the line being edited, shared by completion
//! and highlighting: words (with quotes, `$(…)`, `${…}` and backquotes
//! kept together, and a flag when a quote is left open), operators and
//! comments, each with its role (command name, argument, assignment,
//! redirection target). Unlike `syntax::Parser` it never fails and runs
//! on every keystroke, so it is a single pass without recursion.
//! Entry point: [`tokenize`].

use crate::syntax::parser::operator_text;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Operator,
    Comment,
}

/// What a word is in its simple command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The command name (or a reserved word where a command may start).
    Command,
    Argument,
    /// `name=value` before the command name.
    Assignment,
    /// The target of a redirection, or the fd number before one.
    Redirect,
    /// A name that is not a command: `for NAME`, `function NAME`, `case WORD`.
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub role: Role,
    /// A quote or `$(`… is still open at the end of the word.
    pub open: bool,
    /// For an argument: the index of its command's token.
    pub command: Option<usize>,
}

/// The tokens of a line, and the role a word starting after them would have.
#[derive(Debug, Default)]
pub struct Tokens {
    pub list: Vec<Token>,
    pub next_role: Option<Role>,
    /// The command a word after the tokens would be an argument of.
    pub next_command: Option<usize>,
}

/// Reserved words after which a command may start.
const LEAD_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", "coproc",
];
/// Reserved words followed by a name, not a command.
const NAME_KEYWORDS: &[&str] = &["for", "select", "case", "function"];
/// Every reserved word (highlighting, completion).
pub const KEYWORDS: &[&str] = &[
    "!", "[[", "]]", "case", "coproc", "do", "done", "elif", "else", "esac", "fi", "for",
    "function", "if", "in", "select", "then", "time", "until", "while", "{", "}",
];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// The length of the UTF-8 character starting with byte `b`.
pub fn char_len(b: u8) -> usize {
    match b {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}

/// Splits `line` into tokens with roles.
pub fn tokenize(line: &str) -> Tokens {
    let b = line.as_bytes();
    let mut list = Vec::new();
    let mut i = 0;
    let mut word_may_start_comment = true;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' {
            i += 1;
            word_may_start_comment = true;
            continue;
        }
        let (kind, end, open) = if c == b'#' && word_may_start_comment {
            let end = b[i..]
                .iter()
                .position(|&x| x == b'\n')
                .map_or(b.len(), |n| i + n);
            (Kind::Comment, end, false)
        } else if c == b'\n' {
            (Kind::Operator, i + 1, false)
        } else if let Some(op) = operator_text(&b[i..]) {
            (Kind::Operator, i + op.len().max(1), false)
        } else {
            let (end, open) = scan_word(b, i);
            (Kind::Word, end.max(i + 1), open)
        };
        word_may_start_comment = kind != Kind::Word;
        list.push(Token {
            kind,
            start: i,
            end,
            role: Role::Argument,
            open,
            command: None,
        });
        i = end;
    }
    assign_roles(line, list)
}

/// The end of the word starting at `start`, and whether something is
/// left open.
fn scan_word(b: &[u8], start: usize) -> (usize, bool) {
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        if c == b' ' || c == b'\t' || c == b'\n' || b";&|<>()".contains(&c) {
            break;
        }
        if c == b'\\' {
            i += 1 + b.get(i + 1).map_or(0, |&n| char_len(n));
            continue;
        }
        if opens_construct(b, i) {
            let (end, closed) = skip_construct(b, i);
            if !closed {
                return (b.len(), true);
            }
            i = end;
            continue;
        }
        i += 1;
    }
    (i.min(b.len()), false)
}

/// Whether a quote, backquote, `$(` or `${` starts at `i`.
pub fn opens_construct(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b'\'' | b'"' | b'`') => true,
        Some(b'$') => matches!(b.get(i + 1), Some(b'(' | b'{')),
        _ => false,
    }
}

/// Skips the quoted string, backquote, `$(…)` or `${…}` starting at `i`:
/// its end, and whether it was closed. Nesting is tracked on an explicit
/// stack, so deep nesting costs no recursion.
pub fn skip_construct(b: &[u8], mut i: usize) -> (usize, bool) {
    let mut stack: Vec<u8> = Vec::new();
    match b.get(i) {
        Some(b'\'') => {
            return match b[i + 1..].iter().position(|&x| x == b'\'') {
                Some(n) => (i + n + 2, true),
                None => (b.len(), false),
            }
        }
        Some(&c @ (b'"' | b'`')) => {
            stack.push(c);
            i += 1;
        }
        Some(b'$') if matches!(b.get(i + 1), Some(b'(' | b'{')) => {
            stack.push(b[i + 1]);
            i += 2;
        }
        _ => return (i.saturating_add(1).min(b.len()), true),
    }
    while i < b.len() {
        let Some(&top) = stack.last() else {
            break;
        };
        let c = b[i];
        match (top, c) {
            (_, b'\\') => {
                i += 1 + b.get(i + 1).map_or(0, |&n| char_len(n));
                continue;
            }
            (b'"', b'"') | (b'`', b'`') | (b'(', b')') | (b'{', b'}') => {
                stack.pop();
            }
            (b'`', _) => {}
            (_, b'$') => {
                if let Some(&open @ (b'(' | b'{')) = b.get(i + 1) {
                    stack.push(open);
                    i += 2;
                    continue;
                }
            }
            (b'"', b'`') | (b'(' | b'{', b'`' | b'"') => stack.push(c),
            (b'(', b'(') => stack.push(b'('),
            (b'(' | b'{', b'\'') => match b[i + 1..].iter().position(|&x| x == b'\'') {
                Some(n) => i += n + 1,
                None => return (b.len(), false),
            },
            _ => {}
        }
        i += 1;
    }
    (i.min(b.len()), stack.is_empty())
}

fn is_assignment(word: &str) -> bool {
    match word.find('=') {
        Some(eq) => {
            let name = word[..eq].strip_suffix('+').unwrap_or(&word[..eq]);
            let name = name.split('[').next().unwrap_or("");
            crate::shell::vars::is_valid_name(name.as_bytes())
        }
        None => false,
    }
}

fn is_redirection(op: &str) -> bool {
    op.contains(['<', '>'])
}

/// Walks the tokens, deciding what each word is.
fn assign_roles(line: &str, mut list: Vec<Token>) -> Tokens {
    let mut expect = Role::Command;
    let mut redirect_pending = false;
    let mut command: Option<usize> = None;
    for idx in 0..list.len() {
        let t = list[idx];
        let text = &line[t.start..t.end];
        match t.kind {
            Kind::Comment => continue,
            Kind::Operator if is_redirection(text) => redirect_pending = true,
            Kind::Operator => {
                expect = Role::Command;
                command = None;
            }
            Kind::Word => {
                let fd_number = list.get(idx + 1).is_some_and(|n| {
                    n.kind == Kind::Operator
                        && n.start == t.end
                        && is_redirection(&line[n.start..n.end])
                        && text.bytes().all(|c| c.is_ascii_digit())
                });
                let role = if redirect_pending || fd_number {
                    redirect_pending = false;
                    Role::Redirect
                } else {
                    let role = word_role(text, expect);
                    expect = next_expect(text, role, expect);
                    if role == Role::Command && !is_keyword(text) {
                        command = Some(idx);
                    }
                    role
                };
                list[idx].role = role;
                if role == Role::Argument || role == Role::Redirect {
                    list[idx].command = command;
                }
            }
        }
    }
    Tokens {
        list,
        next_role: Some(if redirect_pending {
            Role::Redirect
        } else {
            expect
        }),
        next_command: command,
    }
}

fn word_role(text: &str, expect: Role) -> Role {
    match expect {
        Role::Command if is_assignment(text) => Role::Assignment,
        other => other,
    }
}

/// What the word after `text` is.
fn next_expect(text: &str, role: Role, expect: Role) -> Role {
    match role {
        Role::Assignment => Role::Command,
        Role::Command if LEAD_KEYWORDS.contains(&text) => Role::Command,
        Role::Command if NAME_KEYWORDS.contains(&text) => Role::Name,
        Role::Command => Role::Argument,
        Role::Name => Role::Argument,
        _ => expect,
    }
}

#[cfg(test)]
mod tests;
