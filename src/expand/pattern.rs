//! Shell pattern matching over bytes: POSIX XCU 2.13 (`*`, `?`, bracket
//! expressions with classes) plus bash extglob (`?()` `*()` `+()` `@()` `!()`).
//! Entry point: [`Pattern::new`], then [`Pattern::matches`] (case, `[[ == ]]`,
//! glob components) or the prefix/suffix/find helpers for `${x#p}`, `${x%p}`
//! and `${x/p/r}`.
//!
//! Pattern text convention: a backslash quotes the next byte (the expander
//! turns quoted characters into `\c`); every other `*`, `?`, `[` and extglob
//! operator is active. Text is matched per character: valid UTF-8 sequences
//! are one character, any other byte is a character by itself, so invalid
//! UTF-8 never fails. Matching compiles the pattern into an NFA and simulates
//! it (see `sim.rs`), so it is polynomial for every pattern.

mod chars;
mod nfa;
mod parse;
mod sim;
#[cfg(test)]
mod tests;

use chars::{boundary_at_or_after, tokenize};
use nfa::{compile, Compiled};
use parse::{parse, Node};
use sim::{Flow, Matcher, Pref, Seed};

/// How a pattern is matched.
#[derive(Clone, Copy, Default, Debug)]
pub struct PatternOptions {
    /// Recognise `?(…)` `*(…)` `+(…)` `@(…)` `!(…)`.
    pub extglob: bool,
    /// Letters match regardless of case (nocasematch / nocaseglob).
    pub nocase: bool,
    /// `/` is never matched by `*`, `?`, `[…]` or `!(…)`.
    pub pathname: bool,
    /// A leading `.` (at the start, or after `/` with `pathname`) must be matched explicitly.
    pub period: bool,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Pattern {
    compiled: Compiled,
    opts: PatternOptions,
    /// The unescaped text when the pattern has no wildcard at all (fast path).
    literal: Option<Vec<u8>>,
}

impl Pattern {
    /// Compile `pattern` (escaped convention). Never fails: malformed
    /// constructs are literal text, as in bash.
    pub fn new(pattern: &[u8], opts: PatternOptions) -> Pattern {
        let nodes = parse(&tokenize(pattern), opts.extglob);
        let compiled = compile(&nodes, opts.nocase);
        let literal = (compiled.is_literal() && !opts.nocase).then(|| unescape(pattern));
        Pattern {
            compiled,
            opts,
            literal,
        }
    }

    /// Does the pattern contain any unescaped active construct? Unclosed `[`
    /// or extglob groups do not count, since they match literally.
    pub fn has_magic(pattern: &[u8], extglob: bool) -> bool {
        parse(&tokenize(pattern), extglob)
            .iter()
            .any(|n| !matches!(n, Node::Lit(_)))
    }

    fn matcher<'a>(&'a self, text: &'a [u8]) -> Matcher<'a> {
        let mut m = Matcher::new(&self.compiled.progs, text);
        m.pathname = self.opts.pathname;
        m.period = self.opts.period;
        m.nocase = self.opts.nocase;
        m
    }

    /// Does the pattern match the whole of `text`?
    pub fn matches(&self, text: &[u8]) -> bool {
        if let Some(lit) = &self.literal {
            return text == lit.as_slice();
        }
        let n = text.len();
        let mut found = false;
        self.matcher(text)
            .run(0, Seed::At(0), Pref::Min, &mut |end, _| {
                if end == n {
                    found = true;
                    Flow::Stop
                } else {
                    Flow::Go
                }
            });
        found
    }

    /// `${x#p}` / `${x##p}`: byte length of the shortest (or longest) prefix
    /// of `text` that the pattern matches.
    pub fn match_prefix(&self, text: &[u8], longest: bool) -> Option<usize> {
        let mut best = None;
        self.matcher(text)
            .run(0, Seed::At(0), Pref::Min, &mut |end, _| {
                best = Some(end);
                if longest {
                    Flow::Go
                } else {
                    Flow::Stop
                }
            });
        best
    }

    /// `${x%p}` / `${x%%p}`: byte index where the shortest (or longest)
    /// suffix of `text` that the pattern matches starts.
    pub fn match_suffix(&self, text: &[u8], longest: bool) -> Option<usize> {
        let n = text.len();
        // Longest suffix = earliest start, shortest = latest start.
        let pref = if longest { Pref::Min } else { Pref::Max };
        let mut best = None;
        self.matcher(text)
            .run(0, Seed::From(0), pref, &mut |end, start| {
                if end == n {
                    best = Some(start);
                }
                Flow::Go
            });
        best
    }

    /// `${x/p/r}`: the leftmost match starting at or after byte `from`, and
    /// the longest one among those, as a byte range `(start, end)`. The match
    /// may be empty. A `from` inside a UTF-8 character moves to the next one.
    /// Characters are decoded only as far as the search goes, so a
    /// replace-all loop calling this repeatedly does not rescan the text.
    pub fn find(&self, text: &[u8], from: usize) -> Option<(usize, usize)> {
        if from > text.len() {
            return None;
        }
        let base = boundary_at_or_after(text, from);
        let mut best: Option<(usize, usize)> = None;
        self.matcher(text)
            .run(0, Seed::From(base), Pref::Min, &mut |end, start| {
                best = match best {
                    Some((s, e)) if s < start || (s == start && e >= end) => Some((s, e)),
                    _ => Some((start, end)),
                };
                Flow::Cut
            });
        best
    }
}

/// Remove the backslash escapes (for a word that had no magic). A trailing
/// lone backslash stays.
pub fn unescape(pattern: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pattern.len());
    let mut i = 0;
    while i < pattern.len() {
        if pattern[i] == b'\\' && i + 1 < pattern.len() {
            i += 1;
        }
        out.push(pattern[i]);
        i += 1;
    }
    out
}
