//! The parser's cursor: the text being parsed, the position, the pending
//! here-documents, the nesting depth, tentative-parse checkpoints, and the
//! small token-level recognisers that the grammar in `command.rs`,
//! `word.rs`, `param.rs` and `cond.rs` is built from (names and digits
//! with nom; the operator table by hand, as it is the hottest path).
//!
//! The parser is recursive descent. Every construct that can nest goes
//! through [`Parser::nested`], which bounds the depth (so hostile input
//! gives an error, not a stack overflow) and grows the stack on demand
//! with `stacker`. Where the grammar needs a second look (`$((` that is
//! `$( (`), [`Parser::checkpoint`] / [`Parser::backtrack`] undo a failed
//! attempt and remember it, so nothing is tried twice at one position.

use std::cell::Cell;
use std::collections::HashSet;
use std::rc::Rc;

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::sequence::pair;
use nom::IResult;
use nom::Parser as _;

use super::ast::HereDoc;
use super::error::{ParseError, ParseErrorKind};
use super::source::Span;

/// Deepest nesting of commands, words and expansions we accept. Bash has no
/// limit and crashes somewhere past 10,000 levels; real scripts nest a few
/// dozen.
pub const MAX_DEPTH: usize = 1000;

/// Looks up alias definitions at parse time.
pub trait AliasLookup {
    fn alias(&self, name: &[u8]) -> Option<Vec<u8>>;
}

/// Settings that change how text parses.
#[derive(Clone, Copy, Default)]
pub struct ParseOptions<'a> {
    /// bash's `shopt -s extglob`: `@(a|b)` and friends are patterns.
    pub extglob: bool,
    pub aliases: Option<&'a dyn AliasLookup>,
    /// The text is all there will be: a backslash at the very end is a
    /// literal backslash rather than a request for a continuation line.
    pub final_input: bool,
}

pub type PResult<T> = Result<T, ParseError>;

/// An alias substituted into the buffer: `[start, start + inserted)` in the
/// buffer replaced `original` bytes of the source.
#[derive(Clone, Copy)]
struct Splice {
    start: usize,
    inserted: usize,
    original: usize,
}

pub struct Parser<'o> {
    pub(super) buf: Vec<u8>,
    pub(super) pos: usize,
    /// Added to every span: the offset of `buf` in the reported source.
    pub(super) base: usize,
    pub(super) depth: usize,
    pub(super) pending_heredocs: Vec<Rc<HereDoc>>,
    pub(super) opts: ParseOptions<'o>,
    splices: Vec<Splice>,
    /// Aliases being expanded (recursion guard): name, the buffer position
    /// at which the expansion ends, and whether the value ended in a blank.
    pub(super) active_aliases: Vec<(Vec<u8>, usize, bool)>,
    /// Buffer positions where the text of an alias whose value ended in a
    /// blank ends: the next word at or after one is checked for aliases.
    pub(super) alias_blank_ends: Vec<usize>,
    /// The last `case` item ended at `esac` without `;;`.
    pub(super) last_item_unterminated: bool,
    /// Tentative parses that failed, by buffer position, so that nested
    /// alternatives (`$((` that turns out to be `$( (`) are not retried at
    /// every level: without it, nesting N deep takes 2^N attempts.
    failed_attempts: HashSet<(usize, Attempt)>,
    /// A backslash-newline ended the input, which is not final.
    pub(super) continued_at_end: bool,
    /// Warnings found while parsing (a here-document ended by end of
    /// file), for the caller to report; taken with [`Parser::take_warnings`].
    pub(super) warnings: Vec<(String, Span)>,
    /// The last [`Parser::keyword_token`] answer: (position, length).
    keyword_cache: Cell<Option<(usize, usize)>>,
}

/// A tentative parse that may be undone in favour of another reading.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Attempt {
    /// `$((…))` rather than `$( (…) )`.
    ArithExpansion,
    /// `((…))` rather than `( (…) )`.
    ArithCommand,
    /// `[i]=value` in an array literal rather than a plain word.
    IndexedElement,
}

/// Where a tentative parse began: the cursor and the here-document queue.
#[derive(Clone, Copy)]
pub(super) struct Checkpoint {
    pos: usize,
    pending_heredocs: usize,
}

impl<'o> Parser<'o> {
    pub fn new(text: &[u8], opts: ParseOptions<'o>) -> Parser<'o> {
        Parser {
            buf: text.to_vec(),
            pos: 0,
            base: 0,
            depth: 0,
            pending_heredocs: Vec::new(),
            opts,
            splices: Vec::new(),
            active_aliases: Vec::new(),
            alias_blank_ends: Vec::new(),
            last_item_unterminated: false,
            failed_attempts: HashSet::new(),
            continued_at_end: false,
            warnings: Vec::new(),
            keyword_cache: Cell::new(None),
        }
    }

    /// A parser for text that sits at `base` in the reported source (the
    /// inside of backquotes).
    pub(super) fn sub(&self, text: Vec<u8>, base: usize) -> Parser<'o> {
        Parser {
            buf: text,
            pos: 0,
            base,
            depth: self.depth,
            pending_heredocs: Vec::new(),
            opts: self.opts,
            splices: Vec::new(),
            active_aliases: Vec::new(),
            alias_blank_ends: Vec::new(),
            last_item_unterminated: false,
            failed_attempts: HashSet::new(),
            continued_at_end: false,
            warnings: Vec::new(),
            keyword_cache: Cell::new(None),
        }
    }

    /// Warnings found so far (message, where).
    pub fn take_warnings(&mut self) -> Vec<(String, Span)> {
        std::mem::take(&mut self.warnings)
    }

    /// `shopt -s extglob` changed between commands.
    pub fn set_extglob(&mut self, on: bool) {
        self.opts.extglob = on;
    }

    /// Turns alias expansion on (with the table) or off.
    pub fn set_aliases(&mut self, aliases: Option<&'o dyn AliasLookup>) {
        self.opts.aliases = aliases;
    }

    /// The cursor, to pass to [`Parser::text_since`].
    pub fn position(&self) -> usize {
        self.pos
    }

    /// The text parsed since `start` (for `set -v`).
    pub fn text_since(&self, start: usize) -> &[u8] {
        &self.buf[start.min(self.pos)..self.pos]
    }

    // ----- positions and spans -------------------------------------------

    /// Maps a buffer position to a source offset, undoing alias splices:
    /// a position inside an alias's text maps to the start of the alias
    /// name in the source.
    pub(super) fn offset(&self, pos: usize) -> usize {
        self.map_position(pos, false)
    }

    /// Like [`Parser::offset`] for the end of a range: a position inside
    /// an alias's text maps to the end of the alias name, so that what
    /// came from an alias has the alias name's span.
    fn offset_end(&self, pos: usize) -> usize {
        self.map_position(pos, true)
    }

    fn map_position(&self, pos: usize, is_end: bool) -> usize {
        let mut out = pos;
        for s in self.splices.iter().rev() {
            if out >= s.start + s.inserted {
                out = out - s.inserted + s.original;
            } else if out > s.start || (is_end && out == s.start && s.inserted > 0) {
                out = if is_end {
                    s.start + s.original
                } else {
                    s.start
                };
            }
        }
        out + self.base
    }

    pub(super) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.offset(start), self.offset_end(end))
    }

    pub(super) fn span_here(&self) -> Span {
        self.span(self.pos, self.pos)
    }

    // ----- tentative parses ------------------------------------------------

    pub(super) fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            pos: self.pos,
            pending_heredocs: self.pending_heredocs.len(),
        }
    }

    /// Undoes a failed tentative parse: back to the checkpoint, dropping
    /// here-documents it queued (the other reading queues them again), and
    /// remembers that `what` fails there.
    pub(super) fn backtrack(&mut self, to: Checkpoint, what: Attempt) {
        self.pos = to.pos;
        self.pending_heredocs.truncate(to.pending_heredocs);
        self.failed_attempts.insert((to.pos, what));
    }

    /// Whether `what` already failed at the cursor.
    pub(super) fn attempt_failed(&self, what: Attempt) -> bool {
        !self.failed_attempts.is_empty() && self.failed_attempts.contains(&(self.pos, what))
    }

    /// Replaces `buf[start..end]` by `text` (alias substitution).
    pub(super) fn splice(&mut self, start: usize, end: usize, text: &[u8]) {
        // Remembered answers are keyed by buffer positions, which move.
        self.failed_attempts.clear();
        self.keyword_cache.set(None);
        self.buf.splice(start..end, text.iter().copied());
        self.splices.push(Splice {
            start,
            inserted: text.len(),
            original: end - start,
        });
        let moved = |at: &mut usize| {
            if *at >= end {
                *at = *at + text.len() - (end - start);
            }
        };
        self.active_aliases.iter_mut().for_each(|a| moved(&mut a.1));
        self.alias_blank_ends.iter_mut().for_each(moved);
    }

    // ----- looking at the text ---------------------------------------------

    pub(super) fn rest(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    pub(super) fn peek_at(&self, n: usize) -> Option<u8> {
        self.buf.get(self.pos + n).copied()
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.buf.len()
    }

    pub(super) fn starts_with(&self, s: &[u8]) -> bool {
        self.rest().starts_with(s)
    }

    /// Runs a nom parser on the rest of the text; on success consumes what
    /// it matched.
    pub(super) fn run<'b, O>(
        &'b mut self,
        mut p: impl nom::Parser<&'b [u8], Output = O, Error = nom::error::Error<&'b [u8]>>,
    ) -> Option<O> {
        let input: &'b [u8] = &self.buf[self.pos..];
        match p.parse(input) {
            Ok((rest, out)) => {
                self.pos = self.buf.len() - rest.len();
                Some(out)
            }
            Err(_) => None,
        }
    }

    // ----- errors ----------------------------------------------------------

    pub(super) fn error_here(&self, message: impl Into<String>) -> ParseError {
        ParseError::syntax(message, self.span(self.pos, self.pos + 1))
    }

    /// "unexpected end of file" (incomplete) or "unexpected token `x'".
    pub(super) fn unexpected(&self) -> ParseError {
        if self.at_end() {
            return ParseError::incomplete("unexpected end of file", self.span_here());
        }
        let token = self.describe_token();
        ParseError::syntax(
            format!("syntax error near unexpected token `{token}'"),
            self.span(self.pos, self.pos + self.token_len()),
        )
    }

    /// A word that must follow on this line is missing (a redirection's
    /// target, the name after `function`): bash reports the newline as
    /// unexpected, even at the end of the input, rather than waiting for
    /// more.
    pub(super) fn missing_word(&self) -> ParseError {
        if self.at_end() || self.peek() == Some(b'\n') {
            return ParseError::syntax(
                "syntax error near unexpected token `newline'",
                self.span_here(),
            );
        }
        self.unexpected()
    }

    /// The next token as bash names it in "unexpected token" messages.
    pub(super) fn describe_token(&self) -> String {
        if self.peek() == Some(b'\n') {
            return "newline".into();
        }
        let rest = self.rest();
        String::from_utf8_lossy(&rest[..self.token_len()]).into_owned()
    }

    /// The length in bytes of the next token (an operator, a newline, or
    /// the text up to the next delimiter), for error spans.
    pub(super) fn token_len(&self) -> usize {
        let rest = self.rest();
        if rest.first() == Some(&b'\n') {
            return 1;
        }
        if let Some(op) = operator_text(rest) {
            return op.len();
        }
        rest.iter()
            .position(|&b| is_delimiter(b))
            .unwrap_or(rest.len())
            .max(1)
            .min(rest.len())
    }

    /// Runs `f` one nesting level deeper, refusing past [`MAX_DEPTH`] and
    /// growing the stack when it runs low.
    pub(super) fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError {
                kind: ParseErrorKind::TooDeep,
                message: format!("nesting deeper than {MAX_DEPTH} levels"),
                span: self.span(self.pos, self.pos + 1),
                opened: None,
            });
        }
        self.depth += 1;
        // Checking the stack costs a read of /proc/self/maps the first
        // time, so shallow input (nearly all scripts) never asks; every 8th
        // level checks, with a red zone that covers 8 levels of frames.
        let result = if self.depth.is_multiple_of(8) {
            stacker::maybe_grow(256 * 1024, 2 * 1024 * 1024, || f(self))
        } else {
            f(self)
        };
        self.depth -= 1;
        result
    }

    // ----- blanks, comments, newlines --------------------------------------

    /// Skips spaces, tabs and backslash-newline continuations.
    pub(super) fn skip_blanks(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.pos += 1,
                Some(b'\\') if self.peek_at(1) == Some(b'\n') => self.line_continuation(),
                _ => break,
            }
        }
    }

    /// Skips a backslash-newline, noting when it is the last thing in an
    /// input that may continue (the next line belongs to this one).
    pub(super) fn line_continuation(&mut self) {
        self.pos += 2;
        if self.at_end() && !self.opts.final_input {
            self.continued_at_end = true;
        }
    }

    /// Skips blanks and a comment, leaving the newline.
    pub(super) fn skip_blanks_and_comment(&mut self) {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            while let Some(b) = self.peek() {
                if b == b'\n' {
                    break;
                }
                self.pos += 1;
            }
        }
    }

    /// Consumes one newline and reads the bodies of pending here-documents.
    pub(super) fn newline(&mut self) -> PResult<bool> {
        self.skip_blanks_and_comment();
        if self.peek() != Some(b'\n') {
            return Ok(false);
        }
        self.pos += 1;
        self.read_pending_heredocs()?;
        Ok(true)
    }

    /// Skips any number of blank lines and comments (POSIX `linebreak`).
    pub(super) fn linebreak(&mut self) -> PResult<()> {
        while self.newline()? {}
        self.skip_blanks_and_comment();
        Ok(())
    }

    // ----- tokens --------------------------------------------------------

    /// True when the next token is the reserved word `word` (unquoted and
    /// followed by a delimiter).
    pub(super) fn at_keyword(&self, word: &[u8]) -> bool {
        let rest = self.rest();
        rest.starts_with(word) && rest.get(word.len()).is_none_or(|&b| is_delimiter(b))
    }

    /// The text up to the next delimiter when it is short enough to be a
    /// reserved word (the longest is `function`), else empty: one scan to
    /// compare against many reserved words.
    pub(super) fn keyword_token(&self) -> &[u8] {
        const LONGEST: usize = 8;
        let rest = self.rest();
        // Reserved words start with a lowercase letter or one of `{ } [ ] !`.
        match rest.first() {
            Some(b'a'..=b'z' | b'{' | b'}' | b'[' | b']' | b'!') => {}
            _ => return &[],
        }
        // Several callers look at the same position in turn.
        if let Some((pos, len)) = self.keyword_cache.get() {
            if pos == self.pos {
                return &rest[..len];
            }
        }
        let window = &rest[..rest.len().min(LONGEST + 1)];
        let len = match window.iter().position(|&b| is_delimiter(b)) {
            Some(n) => n,
            None if window.len() <= LONGEST => window.len(),
            None => 0,
        };
        self.keyword_cache.set(Some((self.pos, len)));
        &rest[..len]
    }

    /// Consumes the reserved word `word` if it is next.
    pub(super) fn keyword(&mut self, word: &[u8]) -> bool {
        self.skip_blanks_and_comment();
        if self.at_keyword(word) {
            self.pos += word.len();
            true
        } else {
            false
        }
    }

    /// Consumes `op` if the next operator is exactly `op` (not a longer one).
    pub(super) fn operator(&mut self, op: &[u8]) -> bool {
        self.skip_blanks();
        // Most calls fail on the first byte; only then look for the
        // longest operator there.
        if self.peek() == op.first().copied() && operator_text(self.rest()) == Some(op) {
            self.pos += op.len();
            true
        } else {
            false
        }
    }

    /// The next operator without consuming it.
    pub(super) fn peek_operator(&self) -> Option<&[u8]> {
        operator_text(self.rest())
    }

    /// A name (`[A-Za-z_][A-Za-z0-9_]*`) at the cursor, consumed.
    pub(super) fn name(&mut self) -> Option<Vec<u8>> {
        self.run(name_token).map(<[u8]>::to_vec)
    }
}

/// Bytes that end an unquoted word.
pub fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

pub fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

pub fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// nom: a shell name.
pub fn name_token(input: &[u8]) -> IResult<&[u8], &[u8]> {
    recognize(pair(
        satisfy(|c| c.is_ascii_alphabetic() || c == '_'),
        take_while(is_name_char),
    ))
    .parse(input)
}

/// nom: a run of decimal digits.
pub fn digits(input: &[u8]) -> IResult<&[u8], &[u8]> {
    take_while1(|b: u8| b.is_ascii_digit()).parse(input)
}

/// The control or redirection operator at the start of `input`, if any,
/// longest match first (`;;&` before `;;` before `;`).
///
/// Hand-written rather than a nom `alt` of tags: it runs several times per
/// token, and a match on the first byte is a large share of parse speed.
pub fn operator_text(input: &[u8]) -> Option<&[u8]> {
    let second = input.get(1).copied();
    let third = input.get(2).copied();
    let len = match *input.first()? {
        b';' => match (second, third) {
            (Some(b';'), Some(b'&')) => 3,
            (Some(b';' | b'&'), _) => 2,
            _ => 1,
        },
        b'&' => match (second, third) {
            (Some(b'>'), Some(b'>')) => 3,
            (Some(b'&' | b'>'), _) => 2,
            _ => 1,
        },
        b'|' => match second {
            Some(b'|' | b'&') => 2,
            _ => 1,
        },
        b'<' => match (second, third) {
            (Some(b'<'), Some(b'<' | b'-')) => 3,
            (Some(b'<' | b'&' | b'>'), _) => 2,
            _ => 1,
        },
        b'>' => match second {
            Some(b'>' | b'&' | b'|') => 2,
            _ => 1,
        },
        b'(' | b')' => 1,
        _ => return None,
    };
    Some(&input[..len])
}
