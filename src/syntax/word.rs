//! Words: quoting, tildes and extglob groups, parsed into [`WordPart`]s;
//! `$…` and backquote substitutions are in `subst.rs`, brace expansion
//! structure in `brace.rs`.
//!
//! One lexer serves every context a word can appear in; [`WordMode`] says
//! which bytes end the word and which quoting rules apply (a `${x:-…}`
//! operand inside double quotes treats `'` literally, a here-document body
//! treats `"` literally, and so on). Entry points: [`Parser::word`] for a
//! command word and [`Parser::word_in_mode`].

use super::ast::{PartKind, Program, Word, WordPart};
use super::brace::structure_braces;
use super::error::ParseError;
use super::parser::{is_delimiter, is_name_char, PResult, Parser};
pub(super) use super::subst::arith_text;
pub use super::subst::{decode_ansi_c, radix_digits};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMode {
    /// A command word: metacharacters end it; brace expansion applies.
    Normal,
    /// The value of `name=`: like `Normal` without brace expansion, with
    /// tilde expansion after `:`.
    Assignment,
    /// The operand of `${x…}`. `in_dquote`: the expansion is inside double
    /// quotes. `pattern`: the operand of `# % / ^ ,`, where single quotes
    /// quote even inside double quotes (bash and dash). `stop_slash` /
    /// `stop_colon`: `/` or `:` also end it.
    Param {
        in_dquote: bool,
        pattern: bool,
        stop_slash: bool,
        stop_colon: bool,
    },
    /// An array subscript: ends at the `]` that closes it.
    Subscript,
    /// `$((…))`: ends at the `)` that closes it.
    Arith,
    /// An alternative of `@(a|b)`: ends at `|` or the `)` that closes the
    /// group.
    ExtGlobAlt,
    /// The right side of `[[ x =~ re ]]`: parentheses nest, blanks end it.
    Regex,
    /// A here-document body: the whole text, `"` literal.
    HereDoc,
}

impl WordMode {
    fn quotes_active(self) -> bool {
        !matches!(
            self,
            WordMode::HereDoc
                | WordMode::Arith
                | WordMode::Param {
                    in_dquote: true,
                    pattern: false,
                    ..
                }
        )
    }

    fn is_dquote_like(self) -> bool {
        matches!(
            self,
            WordMode::HereDoc
                | WordMode::Param {
                    in_dquote: true,
                    ..
                }
        )
    }
}

/// Accumulates literal bytes between structured parts.
///
/// Literal text is usually a contiguous run of the buffer, so the builder
/// remembers it as a range and copies it once, exactly sized, when the part
/// is finished; only text interrupted by removed bytes (a backslash before
/// `$` in double quotes, a backslash-newline) is collected byte by byte.
struct PartBuilder {
    parts: Vec<WordPart>,
    /// Collected bytes that come before `run`.
    literal: Vec<u8>,
    /// `buf[start..end]`: the contiguous tail of the pending literal.
    run: Option<(usize, usize)>,
    /// Buffer range of the whole pending literal, for its span.
    literal_start: usize,
    literal_end: usize,
    /// Literal text is quoted (inside double quotes or a here-document).
    quoted_literal: bool,
}

impl PartBuilder {
    fn new(quoted_literal: bool) -> PartBuilder {
        PartBuilder {
            parts: Vec::new(),
            literal: Vec::new(),
            run: None,
            literal_start: 0,
            literal_end: 0,
            quoted_literal,
        }
    }

    fn is_empty(&self) -> bool {
        self.literal.is_empty() && self.run.is_none()
    }

    /// Adds the byte at the cursor, `b`, to the pending literal.
    fn push_byte(&mut self, p: &Parser, b: u8) {
        debug_assert_eq!(p.buf.get(p.pos), Some(&b));
        self.push_source(p, p.pos, p.pos + 1);
    }

    /// Appends `p.buf[p.pos..p.pos + len]` and moves the cursor past it.
    fn push_run(&mut self, p: &mut Parser, len: usize) {
        self.push_source(p, p.pos, p.pos + len);
        p.pos += len;
    }

    /// Adds `p.buf[start..end]` to the pending literal.
    fn push_source(&mut self, p: &Parser, start: usize, end: usize) {
        if self.is_empty() {
            self.literal_start = start;
        }
        self.run = match self.run {
            Some((s, e)) if e == start => Some((s, end)),
            Some((s, e)) => {
                self.literal.extend_from_slice(&p.buf[s..e]);
                Some((start, end))
            }
            None => Some((start, end)),
        };
        self.literal_end = end;
    }

    /// Adds `b`, written at `from..to` in the buffer with bytes that are
    /// removed (`\$` in double quotes stands for `$`).
    fn push_escaped(&mut self, p: &Parser, b: u8, from: usize, to: usize) {
        if self.is_empty() {
            self.literal_start = from;
        }
        if let Some((s, e)) = self.run.take() {
            self.literal.extend_from_slice(&p.buf[s..e]);
        }
        self.literal.push(b);
        self.literal_end = to;
    }

    fn flush(&mut self, p: &Parser) {
        if self.is_empty() {
            return;
        }
        let mut text = std::mem::take(&mut self.literal);
        if let Some((s, e)) = self.run.take() {
            if text.is_empty() {
                text = p.buf[s..e].to_vec();
            } else {
                text.extend_from_slice(&p.buf[s..e]);
            }
        }
        let kind = if self.quoted_literal {
            PartKind::Quoted(text)
        } else {
            PartKind::Literal(text)
        };
        let part = WordPart {
            kind,
            span: p.span(self.literal_start, self.literal_end),
        };
        self.push_part(part);
    }

    fn push_part(&mut self, part: WordPart) {
        // Most words have one or two parts: do not start at four.
        if self.parts.capacity() == 0 {
            self.parts.reserve_exact(1);
        }
        self.parts.push(part);
    }

    fn push(&mut self, p: &Parser, part: WordPart) {
        self.flush(p);
        self.push_part(part);
    }

    fn finish(mut self, p: &Parser) -> Vec<WordPart> {
        self.flush(p);
        self.parts
    }
}

impl Parser<'_> {
    /// A command word at the cursor, or `None` if a delimiter is next.
    pub(super) fn word(&mut self) -> PResult<Option<Word>> {
        self.skip_blanks();
        match self.peek() {
            None => Ok(None),
            // A `#` that starts a word starts a comment.
            Some(b) if is_delimiter(b) || b == b'#' => Ok(None),
            Some(_) => self.word_in_mode(WordMode::Normal).map(Some),
        }
    }

    /// A word in a place where bash applies brace expansion (command
    /// words, redirection targets, `for` lists, array elements), with
    /// `{a,b}` and `{1..3}` made into brace parts; elsewhere (`case`
    /// patterns, `[[ ]]`, assignments) braces are literal text.
    pub(super) fn brace_word(&mut self) -> PResult<Option<Word>> {
        let Some(mut word) = self.word()? else {
            return Ok(None);
        };
        word.parts = structure_braces(std::mem::take(&mut word.parts))?;
        Ok(Some(word))
    }

    /// A word in the given mode; may be empty.
    pub(super) fn word_in_mode(&mut self, mode: WordMode) -> PResult<Word> {
        let start = self.pos;
        let parts = self.parts(mode)?;
        Ok(Word {
            parts,
            span: self.span(start, self.pos),
        })
    }

    /// Lexes parts until the mode's terminator (not consumed).
    pub(super) fn parts(&mut self, mode: WordMode) -> PResult<Vec<WordPart>> {
        self.nested(|p| p.parts_inner(mode))
    }

    fn parts_inner(&mut self, mode: WordMode) -> PResult<Vec<WordPart>> {
        // Literal text of a `${x…}` operand stays unquoted even inside double
        // quotes: it may be a pattern. The expander applies the quoting.
        let mut out = PartBuilder::new(mode == WordMode::HereDoc);
        let mut depth = 0usize;
        if matches!(
            mode,
            WordMode::Normal
                | WordMode::Assignment
                | WordMode::Param {
                    in_dquote: false,
                    ..
                }
        ) {
            self.tilde(&mut out, mode);
        }
        while let Some(b) = self.peek() {
            // Most bytes are plain text in every mode: take them in one run.
            let plain = self.rest().iter().take_while(|&&b| is_plain(b)).count();
            if plain > 0 {
                out.push_run(self, plain);
                continue;
            }
            if self.ends_word(mode, b, depth) {
                break;
            }
            match b {
                b'\'' if mode.quotes_active() => {
                    let part = self.single_quoted()?;
                    out.push(self, part);
                }
                b'"' if mode != WordMode::HereDoc => {
                    let part = self.double_quoted()?;
                    out.push(self, part);
                }
                b'\\' => self.backslash(&mut out, mode)?,
                b'$' => match self.dollar(!mode.quotes_active())? {
                    Some(part) => out.push(self, part),
                    None => {
                        out.push_byte(self, b'$');
                        self.pos += 1;
                    }
                },
                b'`' => {
                    let part = self.backquote(mode.is_dquote_like())?;
                    out.push(self, part);
                }
                b'?' | b'*' | b'+' | b'@' | b'!'
                    if self.peek_at(1) == Some(b'(') && self.extglob_allowed(mode) =>
                {
                    let part = self.extglob()?;
                    out.push(self, part);
                }
                b':' if mode == WordMode::Assignment => {
                    out.push_byte(self, b);
                    self.pos += 1;
                    self.tilde(&mut out, mode);
                }
                _ => {
                    depth = track_depth(mode, b, depth);
                    out.push_byte(self, b);
                    self.pos += 1;
                }
            }
        }
        Ok(out.finish(self))
    }

    fn extglob_allowed(&self, mode: WordMode) -> bool {
        self.opts.extglob
            && matches!(
                mode,
                WordMode::Normal | WordMode::ExtGlobAlt | WordMode::Param { .. }
            )
    }

    /// Whether byte `b` (unquoted, at nesting `depth`) ends a word in `mode`.
    fn ends_word(&self, mode: WordMode, b: u8, depth: usize) -> bool {
        match mode {
            WordMode::Normal | WordMode::Assignment => is_delimiter(b),
            // bash reads an extglob group to its matching `)`: blanks and
            // operators inside are part of the pattern.
            WordMode::ExtGlobAlt => matches!(b, b'|' | b')') && depth == 0,
            WordMode::Param {
                stop_slash,
                stop_colon,
                ..
            } => {
                (b == b'}' && depth == 0) || (stop_slash && b == b'/') || (stop_colon && b == b':')
            }
            WordMode::Subscript => b == b']' && depth == 0,
            WordMode::Arith => b == b')' && depth == 0,
            WordMode::Regex => matches!(b, b' ' | b'\t' | b'\n' | b')') && depth == 0,
            WordMode::HereDoc => false,
        }
    }

    /// `~user` at the start of a word (or after `:` in an assignment).
    fn tilde(&mut self, out: &mut PartBuilder, mode: WordMode) {
        if self.peek() != Some(b'~') {
            return;
        }
        let rest = self.rest();
        let mut n = 1;
        while let Some(&b) = rest.get(n) {
            let ends = b == b'/'
                || is_delimiter(b)
                || (mode == WordMode::Assignment && b == b':')
                || (matches!(mode, WordMode::Param { .. }) && b == b'}');
            if ends {
                break;
            }
            if matches!(
                b,
                b'\'' | b'"' | b'\\' | b'$' | b'`' | b'{' | b'*' | b'?' | b'['
            ) {
                return; // a quoted or expanded user name: no tilde prefix
            }
            n += 1;
        }
        let user = rest[1..n].to_vec();
        let start = self.pos;
        self.pos += n;
        out.push(
            self,
            WordPart {
                kind: PartKind::Tilde(user),
                span: self.span(start, self.pos),
            },
        );
    }

    fn single_quoted(&mut self) -> PResult<WordPart> {
        let start = self.pos;
        self.pos += 1;
        let Some(len) = self.rest().iter().position(|&b| b == b'\'') else {
            self.pos = self.buf.len();
            return Err(ParseError::incomplete(
                "unexpected end of file: unterminated single quote",
                self.span_here(),
            )
            .with_opened("`'`", self.span(start, start + 1)));
        };
        let text = self.rest()[..len].to_vec();
        self.pos += len + 1;
        Ok(WordPart {
            kind: PartKind::Quoted(text),
            span: self.span(start, self.pos),
        })
    }

    /// `"…"` at the cursor.
    pub(super) fn double_quoted(&mut self) -> PResult<WordPart> {
        let start = self.pos;
        self.pos += 1;
        let inner = self.nested(|p| p.double_quoted_inner())?;
        if self.peek() != Some(b'"') {
            return Err(ParseError::incomplete(
                "unexpected end of file: unterminated double quote",
                self.span_here(),
            )
            .with_opened("`\"`", self.span(start, start + 1)));
        }
        self.pos += 1;
        Ok(WordPart {
            kind: PartKind::DoubleQuoted(inner),
            span: self.span(start, self.pos),
        })
    }

    fn double_quoted_inner(&mut self) -> PResult<Vec<WordPart>> {
        let mut out = PartBuilder::new(true);
        while let Some(b) = self.peek() {
            let plain = self.rest().iter().take_while(|&&b| is_plain(b)).count();
            if plain > 0 {
                out.push_run(self, plain);
                continue;
            }
            match b {
                b'"' => break,
                b'\\' => match self.peek_at(1) {
                    Some(b'\n') => self.pos += 2,
                    Some(c @ (b'$' | b'`' | b'"' | b'\\')) => {
                        out.push_escaped(self, c, self.pos, self.pos + 2);
                        self.pos += 2;
                    }
                    _ => {
                        out.push_byte(self, b'\\');
                        self.pos += 1;
                    }
                },
                b'$' => match self.dollar(true)? {
                    Some(part) => out.push(self, part),
                    None => {
                        out.push_byte(self, b'$');
                        self.pos += 1;
                    }
                },
                b'`' => {
                    let part = self.backquote(true)?;
                    out.push(self, part);
                }
                _ => {
                    out.push_byte(self, b);
                    self.pos += 1;
                }
            }
        }
        Ok(out.finish(self))
    }

    fn backslash(&mut self, out: &mut PartBuilder, mode: WordMode) -> PResult<()> {
        let start = self.pos;
        match self.peek_at(1) {
            Some(b'\n') => {
                self.line_continuation();
                Ok(())
            }
            None => {
                if self.opts.final_input || mode == WordMode::HereDoc {
                    out.push_byte(self, b'\\');
                    self.pos += 1;
                    Ok(())
                } else {
                    Err(ParseError::incomplete(
                        "unexpected end of file after `\\'",
                        self.span(start, start + 1),
                    ))
                }
            }
            Some(c) => {
                let escapes = if mode.is_dquote_like() {
                    matches!(c, b'$' | b'`' | b'\\')
                        || (matches!(c, b'}' | b'"' | b'&') && mode != WordMode::HereDoc)
                } else {
                    true
                };
                if !escapes {
                    // The backslash stays, and the byte after it is plain
                    // text (it neither nests nor closes anything).
                    out.push_byte(self, b'\\');
                    self.pos += 1;
                    out.push_byte(self, c);
                    self.pos += 1;
                    return Ok(());
                }
                self.pos += 2;
                out.push(
                    self,
                    WordPart {
                        kind: PartKind::Quoted(vec![c]),
                        span: self.span(start, self.pos),
                    },
                );
                Ok(())
            }
        }
    }

    /// `@(a|b)` and friends at the cursor.
    fn extglob(&mut self) -> PResult<WordPart> {
        let start = self.pos;
        let op = self.buf[self.pos];
        self.pos += 2;
        let mut alternatives = Vec::new();
        loop {
            let parts = self.parts(WordMode::ExtGlobAlt)?;
            alternatives.push(parts);
            match self.peek() {
                Some(b'|') => self.pos += 1,
                Some(b')') => {
                    self.pos += 1;
                    break;
                }
                None => {
                    return Err(ParseError::incomplete(
                        "unexpected end of file in extended glob pattern",
                        self.span_here(),
                    ))
                }
                Some(_) => return Err(self.unexpected()),
            }
        }
        Ok(WordPart {
            kind: PartKind::ExtGlob { op, alternatives },
            span: self.span(start, self.pos),
        })
    }

    /// Parses everything up to the end of the buffer as a program.
    pub(super) fn whole_program(&mut self) -> PResult<Program> {
        let program = self.compound_list()?;
        self.skip_blanks_and_comment();
        if !self.at_end() {
            return Err(self.unexpected());
        }
        Ok(program)
    }
}

/// Bytes that mean nothing special in any [`WordMode`]: no delimiter,
/// quote, expansion, brace, bracket, pattern or separator character. The
/// lexer copies runs of them without looking at the mode.
fn is_plain(b: u8) -> bool {
    PLAIN[usize::from(b)]
}

const PLAIN: [bool; 256] = {
    let special = b" \t\n;&|()<>'\"\\$`{},[]?*+@!:/";
    let mut table = [true; 256];
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = false;
        i += 1;
    }
    table
};

/// Parenthesis/bracket/brace nesting for the modes that count it.
fn track_depth(mode: WordMode, b: u8, depth: usize) -> usize {
    let (open, close) = match mode {
        WordMode::Arith | WordMode::Regex | WordMode::ExtGlobAlt => (b'(', b')'),
        WordMode::Subscript => (b'[', b']'),
        _ => return depth,
    };
    if b == open {
        depth + 1
    } else if b == close {
        depth.saturating_sub(1)
    } else {
        depth
    }
}

/// True when `b` may appear in a variable name.
pub fn name_char(b: u8) -> bool {
    is_name_char(b)
}
