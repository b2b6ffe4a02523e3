//! Brace expansion structure: finds `{a,b}` and `{x..y[..step]}` in the
//! parts of a word and turns them into [`PartKind::BraceList`] and
//! [`PartKind::BraceRange`] parts, following bash's `braces.c`.
//!
//! The lexer reads `{`, `,` and `}` as ordinary literal text; this pass
//! runs on the finished word, so a brace that turns out not to open an
//! expansion costs no backtracking in the lexer. bash's rules, which it
//! applies to the word's text:
//! - the first unquoted `{` that has a matching `}` opens the expansion;
//!   its `}` is the first one at its own nesting level after an unquoted
//!   `,` (or a `..` not directly before that `}`) at that level, so
//!   `{a}b,c}` is one expansion with alternatives `a}b` and `c`;
//! - the text inside is split at its top-level commas and each
//!   alternative is processed the same way; if it has no comma it must be
//!   a sequence expression, else the braces are literal;
//! - the text after the closing brace is processed as a word of its own;
//! - quoted text and `$…` expansions are opaque: braces inside them do not
//!   count (bash skips `${…}`, `$(…)`, `<(…)` and quotes the same way).
//!
//! Finding the closing brace can mean scanning to the end of the word for
//! every `{`, which bash does in quadratic time. Candidates that cannot
//! succeed (no separator followed by a `}` after them) are rejected in
//! constant time, and the remaining work is bounded by a budget
//! proportional to the word's length; a word beyond it is a parse error
//! rather than a hang. Nesting is bounded by [`MAX_DEPTH`].
//!
//! Entry point: [`structure_braces`].

use super::ast::{PartKind, WordPart};
use super::error::{ParseError, ParseErrorKind};
use super::parser::MAX_DEPTH;
use super::source::Span;

/// Scan steps allowed per token of the word, plus a fixed allowance.
const STEPS_PER_TOKEN: usize = 32;
const STEPS_BASE: usize = 1 << 16;

/// One unit of a word for the brace pass.
#[derive(Clone)]
enum Token {
    Open(Span),
    Close(Span),
    Comma(Span),
    /// Literal text between brace characters, or an opaque part.
    Part(WordPart),
}

/// Returns `parts` with brace expansions made into brace parts. Parts
/// without an unquoted `{` come back unchanged.
pub fn structure_braces(parts: Vec<WordPart>) -> Result<Vec<WordPart>, ParseError> {
    let has_open = parts
        .iter()
        .any(|p| matches!(&p.kind, PartKind::Literal(t) if t.contains(&b'{')));
    if !has_open {
        return Ok(parts);
    }
    let tokens = tokenize(parts);
    let mut pass = Pass::new(&tokens);
    pass.text(0, tokens.len())
}

/// Splits literal parts at `{`, `,` and `}`.
fn tokenize(parts: Vec<WordPart>) -> Vec<Token> {
    let mut tokens = Vec::new();
    for part in parts {
        let PartKind::Literal(text) = &part.kind else {
            tokens.push(Token::Part(part));
            continue;
        };
        if !text.iter().any(|b| matches!(b, b'{' | b',' | b'}')) {
            tokens.push(Token::Part(part));
            continue;
        }
        let at = |i: usize| byte_offset(part.span, text.len(), i);
        let mut piece_start = 0;
        for (i, &b) in text.iter().enumerate() {
            if !matches!(b, b'{' | b',' | b'}') {
                continue;
            }
            if piece_start < i {
                tokens.push(literal_token(&text[piece_start..i], at(piece_start), at(i)));
            }
            let span = Span {
                start: at(i),
                end: at(i + 1),
            };
            tokens.push(match b {
                b'{' => Token::Open(span),
                b',' => Token::Comma(span),
                _ => Token::Close(span),
            });
            piece_start = i + 1;
        }
        if piece_start < text.len() {
            tokens.push(literal_token(
                &text[piece_start..],
                at(piece_start),
                part.span.end,
            ));
        }
    }
    tokens
}

/// The source offset of byte `i` of a literal: exact unless the literal
/// lost bytes (a backslash-newline) between its span's ends.
fn byte_offset(span: Span, len: usize, i: usize) -> u32 {
    let offset = u32::try_from(i).unwrap_or(u32::MAX);
    if span.end - span.start == u32::try_from(len).unwrap_or(u32::MAX) {
        span.start + offset
    } else {
        span.start.saturating_add(offset).min(span.end)
    }
}

fn literal_token(text: &[u8], start: u32, end: u32) -> Token {
    Token::Part(WordPart {
        kind: PartKind::Literal(text.to_vec()),
        span: Span { start, end },
    })
}

/// Where a literal token holds `..`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dots {
    None,
    /// Only as its last two bytes (a separator unless `}` follows).
    AtEnd,
    /// Somewhere before its end.
    Inside,
}

struct Pass<'t> {
    tokens: &'t [Token],
    dots: Vec<Dots>,
    /// `next_separator[i]`: the first separator token at or after `i`.
    next_separator: Vec<usize>,
    /// `last_close[i]`: the last `}` token before `i`, plus one (0: none).
    last_close: Vec<usize>,
    steps_left: usize,
    depth: usize,
}

impl<'t> Pass<'t> {
    fn new(tokens: &'t [Token]) -> Pass<'t> {
        let n = tokens.len();
        let dots: Vec<Dots> = tokens.iter().map(dots).collect();
        let mut next_separator = vec![n; n + 1];
        for i in (0..n).rev() {
            let separator = matches!(tokens[i], Token::Comma(_)) || dots[i] != Dots::None;
            next_separator[i] = if separator { i } else { next_separator[i + 1] };
        }
        let mut last_close = vec![0; n + 1];
        for i in 0..n {
            let close = matches!(tokens[i], Token::Close(_));
            last_close[i + 1] = if close { i + 1 } else { last_close[i] };
        }
        Pass {
            tokens,
            dots,
            next_separator,
            last_close,
            steps_left: STEPS_BASE.saturating_add(n.saturating_mul(STEPS_PER_TOKEN)),
            depth: 0,
        }
    }

    /// The parts of `tokens[start..end]` processed as a word of its own
    /// (bash's `brace_expand` on that text): each expansion found, with
    /// the text after it processed again, in a loop.
    fn text(&mut self, mut start: usize, end: usize) -> Result<Vec<WordPart>, ParseError> {
        let mut out = Vec::new();
        while let Some((open, close)) = self.find_expansion(start, end)? {
            self.literal(start, open, &mut out);
            let span = self.span(open).to(self.span(close));
            if self.has_comma(open + 1, close) {
                let alternatives = self.alternatives(open + 1, close)?;
                out.push(WordPart {
                    kind: PartKind::BraceList(alternatives),
                    span,
                });
            } else if let Some(kind) = self.sequence(open + 1, close) {
                out.push(WordPart { kind, span });
            } else {
                // Not a valid sequence: the braces stay, and the text
                // after them is still searched.
                self.literal(open, close + 1, &mut out);
            }
            start = close + 1;
        }
        self.literal(start, end, &mut out);
        Ok(out)
    }

    /// The first `{` in `start..end` with a closing `}`: (open, close).
    fn find_expansion(
        &mut self,
        start: usize,
        end: usize,
    ) -> Result<Option<(usize, usize)>, ParseError> {
        for open in start..end {
            if !matches!(self.tokens[open], Token::Open(_)) || self.ignored_open(open, start, end) {
                continue;
            }
            // A `}` needs a separator before it at its level: without one
            // after this `{` and a `}` after that, no scan is needed.
            let separator = self.next_separator[open + 1];
            if separator >= end || self.last_close[end] <= separator + 1 {
                continue;
            }
            if let Some(close) = self.matching_close(open, end)? {
                return Ok(Some((open, close)));
            }
        }
        Ok(None)
    }

    /// bash ignores a `{` at the start of its text (or after an escaped
    /// blank) that is directly followed by `}`: `{}` is literal.
    fn ignored_open(&self, open: usize, start: usize, end: usize) -> bool {
        let after_blank = open > start
            && matches!(&self.tokens[open - 1], Token::Part(WordPart {
                kind: PartKind::Quoted(t),
                span,
            }) if matches!(t.as_slice(), [b' ' | b'\t' | b'\n']) && span.end - span.start == 2);
        (open == start || after_blank)
            && open + 1 < end
            && matches!(self.tokens[open + 1], Token::Close(_))
    }

    /// bash's `brace_gobbler` for `}`: the first `}` at the level of
    /// `open` after a separator at that level.
    fn matching_close(&mut self, open: usize, end: usize) -> Result<Option<usize>, ParseError> {
        let mut level = 0usize;
        let mut separated = false;
        for i in open + 1..end {
            self.step(open)?;
            match &self.tokens[i] {
                Token::Open(_) => level += 1,
                Token::Close(_) if level == 0 && separated => return Ok(Some(i)),
                Token::Close(_) => level = level.saturating_sub(1),
                Token::Comma(_) if level == 0 => separated = true,
                Token::Part(_) if level == 0 && self.counts_dots(i, end) => separated = true,
                _ => {}
            }
        }
        Ok(None)
    }

    /// A `..` in literal text counts as a separator unless it is directly
    /// followed by the `}` being looked for.
    fn counts_dots(&self, i: usize, end: usize) -> bool {
        match self.dots[i] {
            Dots::None => false,
            Dots::Inside => true,
            Dots::AtEnd => !(i + 1 < end && matches!(self.tokens[i + 1], Token::Close(_))),
        }
    }

    fn step(&mut self, at: usize) -> Result<(), ParseError> {
        match self.steps_left.checked_sub(1) {
            Some(left) => {
                self.steps_left = left;
                Ok(())
            }
            None => Err(ParseError {
                kind: ParseErrorKind::TooDeep,
                message: "brace expansion too complex to parse".into(),
                span: self.span(at),
                opened: None,
            }),
        }
    }

    /// bash splits the inside of the braces at commas only when its text
    /// holds one anywhere, at any level, even quoted (though not after a
    /// backslash): `{1..3',x'}` is one alternative, not a sequence.
    fn has_comma(&self, start: usize, end: usize) -> bool {
        self.tokens[start..end].iter().any(|t| match t {
            Token::Comma(_) => true,
            Token::Part(part) => quoted_comma(part),
            _ => false,
        })
    }

    /// The alternatives of `{…}`: split at top-level commas, each
    /// processed as a word of its own.
    fn alternatives(&mut self, start: usize, end: usize) -> Result<Vec<Vec<WordPart>>, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError {
                kind: ParseErrorKind::TooDeep,
                message: format!("brace expansions nested deeper than {MAX_DEPTH} levels"),
                span: self.span(start),
                opened: None,
            });
        }
        self.depth += 1;
        let result = stacker::maybe_grow(64 * 1024, 2 * 1024 * 1024, || {
            let mut alternatives = Vec::new();
            let mut level = 0usize;
            let mut from = start;
            for i in start..end {
                match self.tokens[i] {
                    Token::Open(_) => level += 1,
                    Token::Close(_) => level = level.saturating_sub(1),
                    Token::Comma(_) if level == 0 => {
                        alternatives.push(self.text(from, i)?);
                        from = i + 1;
                    }
                    _ => {}
                }
            }
            alternatives.push(self.text(from, end)?);
            Ok(alternatives)
        });
        self.depth -= 1;
        result
    }

    /// `x..y` or `x..y..step` as the whole inside of the braces.
    fn sequence(&self, start: usize, end: usize) -> Option<PartKind> {
        let [Token::Part(WordPart {
            kind: PartKind::Literal(text),
            ..
        })] = &self.tokens[start..end]
        else {
            return None;
        };
        let (first, rest) = split_at_dots(text)?;
        let (last, step) = match split_at_dots(rest) {
            Some((last, step)) => (last, Some(parse_int(step)?)),
            None => (rest, None),
        };
        let is_char = |f: &[u8]| matches!(f, [c] if c.is_ascii_alphabetic());
        let valid = (parse_int(first).is_some() && parse_int(last).is_some())
            || (is_char(first) && is_char(last));
        valid.then(|| PartKind::BraceRange {
            start: first.to_vec(),
            end: last.to_vec(),
            step,
        })
    }

    /// Appends `tokens[start..end]` as literal text, merging neighbours.
    fn literal(&self, start: usize, end: usize, out: &mut Vec<WordPart>) {
        for token in &self.tokens[start..end] {
            let (text, span): (&[u8], Span) = match token {
                Token::Open(span) => (b"{", *span),
                Token::Close(span) => (b"}", *span),
                Token::Comma(span) => (b",", *span),
                Token::Part(part) => match &part.kind {
                    PartKind::Literal(text) => (text, part.span),
                    _ => {
                        out.push(part.clone());
                        continue;
                    }
                },
            };
            match out.last_mut() {
                Some(WordPart {
                    kind: PartKind::Literal(prev),
                    span: prev_span,
                }) => {
                    prev.extend_from_slice(text);
                    *prev_span = prev_span.to(span);
                }
                _ => out.push(WordPart {
                    kind: PartKind::Literal(text.to_vec()),
                    span,
                }),
            }
        }
    }

    fn span(&self, i: usize) -> Span {
        match &self.tokens[i] {
            Token::Open(span) | Token::Close(span) | Token::Comma(span) => *span,
            Token::Part(part) => part.span,
        }
    }
}

fn dots(token: &Token) -> Dots {
    let Token::Part(WordPart {
        kind: PartKind::Literal(text),
        ..
    }) = token
    else {
        return Dots::None;
    };
    match text.windows(2).rposition(|w| w == b"..") {
        None => Dots::None,
        Some(at) if at + 2 == text.len() && !text[..at + 1].windows(2).any(|w| w == b"..") => {
            Dots::AtEnd
        }
        Some(_) => Dots::Inside,
    }
}

/// A comma inside quotes other than a backslash.
fn quoted_comma(part: &WordPart) -> bool {
    match &part.kind {
        PartKind::Quoted(text) => part.span.end - part.span.start != 2 && text.contains(&b','),
        PartKind::DoubleQuoted(inner) => inner.iter().any(quoted_comma_inside),
        _ => false,
    }
}

fn quoted_comma_inside(part: &WordPart) -> bool {
    matches!(&part.kind, PartKind::Quoted(text) if text.contains(&b','))
}

/// `(before, after)` the first `..`.
fn split_at_dots(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let at = text.windows(2).position(|w| w == b"..")?;
    Some((&text[..at], &text[at + 2..]))
}

/// An integer as bash's `strtoimax` reads it in a sequence expression:
/// optional sign, decimal digits, no overflow.
fn parse_int(text: &[u8]) -> Option<i64> {
    let digits = text.strip_prefix(b"+").unwrap_or(text);
    let body = digits.strip_prefix(b"-").unwrap_or(digits);
    if body.is_empty() || !body.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(digits).ok()?.parse().ok()
}
