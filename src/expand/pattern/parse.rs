//! Pattern parser: turns the tokenized pattern into a tree of [`Node`]s
//! (literals, `?`, `*`, bracket expressions and extglob groups).
//!
//! Malformed constructs are never errors, they fall back to literal text the
//! way bash does: an unclosed `[` is a literal `[`, and an extglob operator
//! whose `(` is never closed is a literal operator character.

use super::chars::{to_lower, to_upper, Class, Tok};

/// Extglob groups nested deeper than this are taken literally, which bounds
/// the recursion of both the parser and the matcher.
pub(crate) const MAX_DEPTH: usize = 32;

/// A character code no text character has: an unknown collating symbol.
const INVALID_POINT: u32 = u32::MAX;

/// Longest `[:name:]` / `[.sym.]` body looked for.
const MAX_CLASS_NAME: usize = 32;

#[derive(Clone, Debug)]
pub(crate) enum Node {
    Lit(u32),
    Any,
    Star,
    Set(Bracket),
    Group(GroupKind, Vec<Vec<Node>>),
}

/// Which extglob operator a group carries.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum GroupKind {
    /// `?(…)`: zero or one.
    Opt,
    /// `*(…)`: zero or more.
    Star,
    /// `+(…)`: one or more.
    Plus,
    /// `@(…)`: exactly one.
    At,
    /// `!(…)`: anything except one.
    Not,
}

#[derive(Clone, Debug)]
pub(crate) struct Bracket {
    pub negated: bool,
    pub items: Vec<Item>,
}

#[derive(Clone, Copy, Debug)]
pub(crate) enum Item {
    Ch(u32),
    Range(u32, u32),
    Class(Class),
}

impl Bracket {
    /// Does character `c` belong to the set? With `nocase`, single characters
    /// and ranges also accept the other case of `c`; classes do not (bash:
    /// `[[:upper:]]` never matches `a`, even under nocasematch).
    pub(crate) fn matches(&self, c: u32, nocase: bool) -> bool {
        let hit = self.items.iter().any(|it| match *it {
            Item::Ch(x) => x == c || (nocase && (x == to_lower(c) || x == to_upper(c))),
            Item::Range(lo, hi) => {
                let within = |v: u32| lo <= v && v <= hi;
                within(c) || (nocase && (within(to_lower(c)) || within(to_upper(c))))
            }
            Item::Class(cl) => cl.matches(c),
        });
        hit != self.negated
    }
}

fn is(t: Option<&Tok>, c: u8) -> bool {
    matches!(t, Some(t) if !t.esc && t.c == u32::from(c))
}

/// Parse a bracket expression whose `[` is at `toks[start]`. Returns the set
/// and the index just past its closing `]`, or None when it never closes.
/// `last_rb` is the index of the last unescaped `]` in `toks` (or None): no
/// bracket can close past it, which makes repeated failures cheap.
fn parse_bracket(toks: &[Tok], start: usize, last_rb: Option<usize>) -> Option<(Bracket, usize)> {
    if last_rb? <= start + 1 {
        return None;
    }
    let mut i = start + 1;
    let negated = is(toks.get(i), b'!') || is(toks.get(i), b'^');
    if negated {
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    loop {
        let t = *toks.get(i)?;
        if is(Some(&t), b']') && !first {
            return Some((Bracket { negated, items }, i + 1));
        }
        first = false;
        let (lo, next) = match special(toks, i) {
            Special::Class(cl, end) => {
                items.push(Item::Class(cl));
                i = end;
                continue;
            }
            Special::Equiv(c, end) => {
                // bash never lets `[=c=]` start a range.
                items.push(Item::Ch(c));
                i = end;
                continue;
            }
            Special::Coll(c, end) => (c, end),
            // bash skips the `[` of an unterminated `[:` and reads on.
            Special::OpenClass => {
                i += 1;
                continue;
            }
            // An unterminated `[.` swallows the rest: the bracket never closes.
            Special::OpenColl => return None,
            Special::No => (t.c, i + 1),
        };
        // `a-z`, unless the `-` is last (`[a-]`), where it is literal.
        let end_tok = toks.get(next + 1);
        if is(toks.get(next), b'-') && end_tok.is_some() && !is(end_tok, b']') {
            let (hi, after) = match special(toks, next + 1) {
                Special::Coll(c, end) => (c, end),
                Special::OpenColl => return None,
                _ => (toks[next + 1].c, next + 2),
            };
            // An unknown collating symbol as the end makes the range match nothing.
            let hi = if hi == INVALID_POINT { 0 } else { hi };
            items.push(Item::Range(lo, hi));
            i = after;
        } else {
            items.push(Item::Ch(lo));
            i = next;
        }
    }
}

/// What a `[` inside a bracket expression starts.
enum Special {
    /// `[:name:]`, and the index past it.
    Class(Class, usize),
    /// `[=c=]`.
    Equiv(u32, usize),
    /// `[.c.]` (a longer symbol name is an invalid point that matches nothing).
    Coll(u32, usize),
    /// `[:` with no `:]` after it.
    OpenClass,
    /// `[.` with no `.]` after it.
    OpenColl,
    /// Anything else: the `[` is an ordinary character.
    No,
}

/// Recognise `[:class:]`, `[=c=]` or `[.c.]` at `toks[i]`, the way bash's
/// bracket matcher does.
fn special(toks: &[Tok], i: usize) -> Special {
    if !is(toks.get(i), b'[') {
        return Special::No;
    }
    let Some(delim) = toks.get(i + 1).filter(|t| !t.esc).map(|t| t.c) else {
        return Special::No;
    };
    let (colon, dot) = (u32::from(b':'), u32::from(b'.'));
    if delim == u32::from(b'=') {
        // Only the exact form `[=c=]`.
        return match (
            toks.get(i + 2),
            is(toks.get(i + 3), b'='),
            is(toks.get(i + 4), b']'),
        ) {
            (Some(c), true, true) => Special::Equiv(c.c, i + 5),
            _ => Special::No,
        };
    }
    if delim != colon && delim != dot {
        return Special::No;
    }
    // Real names are short; bounding the search keeps parsing linear.
    let mut j = i + 2;
    let stop = toks.len().min(j + MAX_CLASS_NAME + 1);
    while j + 1 < stop {
        if !toks[j].esc && toks[j].c == delim && is(toks.get(j + 1), b']') {
            let body: Vec<u32> = toks[i + 2..j].iter().map(|t| t.c).collect();
            return match (delim == colon, body.as_slice()) {
                (true, _) => Special::Class(Class::from_name(&body), j + 2),
                (false, [c]) => Special::Coll(*c, j + 2),
                (false, _) => Special::Coll(INVALID_POINT, j + 2),
            };
        }
        j += 1;
    }
    if delim == colon {
        Special::OpenClass
    } else {
        Special::OpenColl
    }
}

struct Parser<'a> {
    toks: &'a [Tok],
    extglob: bool,
    last_rb: Option<usize>,
    /// For each unescaped `(`, the index of its matching `)` (usize::MAX if none).
    close: Vec<usize>,
}

/// Parse a whole pattern.
pub(crate) fn parse(toks: &[Tok], extglob: bool) -> Vec<Node> {
    let last_rb = toks.iter().rposition(|t| !t.esc && t.c == u32::from(b']'));
    let close = if extglob {
        match_parens(toks, last_rb)
    } else {
        Vec::new()
    };
    let p = Parser {
        toks,
        extglob,
        last_rb,
        close,
    };
    p.seq(0, toks.len(), 0)
}

/// Pair parentheses in one linear pass, skipping bracket expressions the way
/// the parser will, so that group extents are known without re-scanning
/// (re-scanning on every failed group would be quadratic per nesting level).
fn match_parens(toks: &[Tok], last_rb: Option<usize>) -> Vec<usize> {
    let mut close = vec![usize::MAX; toks.len()];
    let mut stack = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.esc {
            match t.c {
                0x5b /* [ */ => {
                    if let Some((_, end)) = parse_bracket(toks, i, last_rb) {
                        i = end;
                        continue;
                    }
                    // bash's scanner treats an unclosed `[` as running to the
                    // end, so no `)` after it closes a group opened before it.
                    stack.clear();
                }
                0x28 /* ( */ => stack.push(i),
                0x29 /* ) */ => {
                    if let Some(open) = stack.pop() {
                        close[open] = i;
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    close
}

fn group_kind(c: u32) -> Option<GroupKind> {
    Some(match char::from_u32(c)? {
        '?' => GroupKind::Opt,
        '*' => GroupKind::Star,
        '+' => GroupKind::Plus,
        '@' => GroupKind::At,
        '!' => GroupKind::Not,
        _ => return None,
    })
}

impl Parser<'_> {
    /// Parse `toks[lo..hi]` as a sequence.
    fn seq(&self, lo: usize, hi: usize, depth: usize) -> Vec<Node> {
        let mut out = Vec::new();
        let mut i = lo;
        while i < hi {
            let t = self.toks[i];
            if t.esc {
                out.push(Node::Lit(t.c));
                i += 1;
                continue;
            }
            if self.extglob && group_kind(t.c).is_some() && is(self.toks.get(i + 1), b'(') {
                if let Some((node, end)) = self.group_at(i, hi, depth) {
                    out.push(node);
                    i = end;
                    continue;
                }
                // Unclosed group: bash compares the rest of the pattern as a plain string.
                out.extend(self.toks[i..hi].iter().map(|t| Node::Lit(t.c)));
                break;
            }
            match char::from_u32(t.c) {
                Some('*') => {
                    if !matches!(out.last(), Some(Node::Star)) {
                        out.push(Node::Star);
                    }
                }
                Some('?') => out.push(Node::Any),
                Some('[') => match parse_bracket(self.toks, i, self.last_rb) {
                    Some((b, end)) if end <= hi => {
                        out.push(Node::Set(b));
                        i = end;
                        continue;
                    }
                    _ => out.push(Node::Lit(t.c)),
                },
                _ => out.push(Node::Lit(t.c)),
            }
            i += 1;
        }
        out
    }

    /// An extglob group starting at `i` (operator then `(`), closed before `hi`.
    fn group_at(&self, i: usize, hi: usize, depth: usize) -> Option<(Node, usize)> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let kind = group_kind(self.toks[i].c)?;
        let end = *self.close.get(i + 1)?;
        if end >= hi {
            return None;
        }
        let alts = self
            .split_alts(i + 2, end)
            .into_iter()
            .map(|(a, b)| self.seq(a, b, depth + 1))
            .collect();
        Some((Node::Group(kind, alts), end + 1))
    }

    /// Split `toks[lo..hi]` at the `|`s that are not nested in parentheses or brackets.
    fn split_alts(&self, lo: usize, hi: usize) -> Vec<(usize, usize)> {
        let mut alts = Vec::new();
        let mut start = lo;
        let mut i = lo;
        while i < hi {
            let t = self.toks[i];
            if !t.esc {
                if t.c == u32::from(b'[') {
                    if let Some((_, end)) = parse_bracket(self.toks, i, self.last_rb) {
                        if end <= hi {
                            i = end;
                            continue;
                        }
                    }
                } else if t.c == u32::from(b'(') && self.close[i] < hi {
                    i = self.close[i] + 1;
                    continue;
                } else if t.c == u32::from(b'|') {
                    alts.push((start, i));
                    start = i + 1;
                }
            }
            i += 1;
        }
        alts.push((start, hi));
        alts
    }
}
