//! Substitutions inside words: `$…` (parameters, `$(…)`, `$((…))`, `$[…]`,
//! `$'…'`, `$"…"`), backquotes with their backslash rules, and process
//! substitution `<(…)` / `>(…)`. Command substitution bodies are parsed as
//! programs here, at parse time. Entry point: [`Parser::dollar`].

use super::arith::parse_arith;
use super::ast::{ArithText, PartKind, Word, WordPart};
use super::error::{ParseError, ParseErrorKind};
use super::parser::{Attempt, PResult, Parser};
use super::word::WordMode;

impl Parser<'_> {
    /// `` `…` ``: the text up to the closing backquote with its escapes
    /// removed, parsed as a program.
    pub(super) fn backquote(&mut self, in_dquote: bool) -> PResult<WordPart> {
        let start = self.pos;
        self.pos += 1;
        let mut text = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(ParseError::incomplete(
                        "unexpected end of file: unterminated backquote",
                        self.span_here(),
                    )
                    .with_opened("`` ` ``", self.span(start, start + 1)))
                }
                Some(b'`') => break,
                Some(b'\\') => {
                    let next = self.peek_at(1);
                    let drop = matches!(next, Some(b'$' | b'`' | b'\\'))
                        || (in_dquote && next == Some(b'"'));
                    if drop {
                        text.push(next.unwrap_or(b'\\'));
                        self.pos += 2;
                    } else {
                        text.push(b'\\');
                        self.pos += 1;
                    }
                }
                Some(b) => {
                    text.push(b);
                    self.pos += 1;
                }
            }
        }
        self.pos += 1;
        let mut sub = self.sub(text, self.offset(start + 1));
        let program = sub.nested(|p| p.whole_program())?;
        Ok(WordPart {
            kind: PartKind::CommandSub {
                program,
                backquoted: true,
            },
            span: self.span(start, self.pos),
        })
    }

    /// `$…` at the cursor; `None` when the `$` is literal.
    pub(super) fn dollar(&mut self, in_dquote: bool) -> PResult<Option<WordPart>> {
        let start = self.pos;
        let part = match self.peek_at(1) {
            Some(b'\'') if !in_dquote => {
                self.pos += 1;
                let quoted = self.single_quoted_raw()?;
                PartKind::Quoted(decode_ansi_c(&quoted))
            }
            Some(b'"') if !in_dquote => {
                self.pos += 1;
                let part = self.double_quoted()?;
                return Ok(Some(WordPart {
                    kind: part.kind,
                    span: self.span(start, self.pos),
                }));
            }
            Some(b'(') if self.peek_at(2) == Some(b'(') => match self.arith_expansion()? {
                Some(text) => PartKind::Arith(Box::new(text)),
                None => self.command_sub()?,
            },
            Some(b'(') => self.command_sub()?,
            Some(b'[') => {
                self.pos += 2;
                let word = self.word_in_mode(WordMode::Subscript)?;
                if self.peek() != Some(b']') {
                    return Err(self
                        .unexpected()
                        .with_opened("`$[`", self.span(start, start + 2)));
                }
                self.pos += 1;
                PartKind::Arith(Box::new(arith_text(word)))
            }
            Some(b'{') => PartKind::Param(Box::new(self.braced_param(in_dquote)?)),
            Some(_) => match self.unbraced_param() {
                Some(param) => PartKind::Param(Box::new(param)),
                None => return Ok(None),
            },
            None => return Ok(None),
        };
        Ok(Some(WordPart {
            kind: part,
            span: self.span(start, self.pos),
        }))
    }

    /// The raw text of `'…'` (for `$'…'`, where `\'` does not end it).
    fn single_quoted_raw(&mut self) -> PResult<Vec<u8>> {
        let start = self.pos;
        self.pos += 1;
        let mut text = Vec::new();
        loop {
            match self.peek() {
                None => {
                    return Err(ParseError::incomplete(
                        "unexpected end of file: unterminated $'…' quote",
                        self.span_here(),
                    )
                    .with_opened("`$'`", self.span(start, start + 1)))
                }
                Some(b'\'') => {
                    self.pos += 1;
                    return Ok(text);
                }
                Some(b'\\') if self.peek_at(1).is_some() => {
                    text.extend_from_slice(&self.buf[self.pos..self.pos + 2]);
                    self.pos += 2;
                }
                Some(b) => {
                    text.push(b);
                    self.pos += 1;
                }
            }
        }
    }

    /// `$(…)` at the cursor (on the `$`).
    fn command_sub(&mut self) -> PResult<PartKind> {
        let start = self.pos;
        self.pos += 2;
        let program = self
            .nested(|p| p.compound_list())
            .map_err(|e| e.with_opened("`$(`", self.span(start, start + 2)))?;
        self.skip_blanks_and_comment();
        if !self.operator(b")") {
            let err = self.unexpected();
            return Err(err.with_opened("`$(`", self.span(start, start + 2)));
        }
        Ok(PartKind::CommandSub {
            program,
            backquoted: false,
        })
    }

    /// `<(…)` or `>(…)` at the cursor.
    pub(super) fn process_sub(&mut self) -> PResult<WordPart> {
        let start = self.pos;
        let output = self.peek() == Some(b'>');
        self.pos += 2;
        let opener = if output { "`>(`" } else { "`<(`" };
        let program = self
            .nested(|p| p.compound_list())
            .map_err(|e| e.with_opened(opener, self.span(start, start + 2)))?;
        self.skip_blanks_and_comment();
        if !self.operator(b")") {
            return Err(self
                .unexpected()
                .with_opened(opener, self.span(start, start + 2)));
        }
        Ok(WordPart {
            kind: PartKind::ProcessSub { program, output },
            span: self.span(start, self.pos),
        })
    }

    /// `$((…))` at the cursor. `None` (cursor restored) when the text is
    /// really a command substitution starting with a subshell, `$( (…) )`.
    fn arith_expansion(&mut self) -> PResult<Option<ArithText>> {
        if self.attempt_failed(Attempt::ArithExpansion) {
            return Ok(None);
        }
        let save = self.checkpoint();
        let open = self.pos;
        self.pos += 3;
        let word = match self.word_in_mode(WordMode::Arith) {
            Ok(w) => w,
            Err(e) if e.kind != ParseErrorKind::Syntax => return Err(e),
            Err(_) => {
                self.backtrack(save, Attempt::ArithExpansion);
                return Ok(None);
            }
        };
        if self.starts_with(b"))") {
            self.pos += 2;
            return Ok(Some(arith_text(word)));
        }
        if self.at_end() {
            return Err(ParseError::incomplete(
                "unexpected end of file: unterminated $((",
                self.span_here(),
            )
            .with_opened("`$((`", self.span(open, open + 3)));
        }
        self.backtrack(save, Attempt::ArithExpansion);
        Ok(None)
    }
}

/// Arithmetic text with its tree when it has no expansions and parses.
pub(super) fn arith_text(word: Word) -> ArithText {
    let mut literal = Vec::new();
    let mut plain = true;
    for part in &word.parts {
        match &part.kind {
            PartKind::Literal(t) | PartKind::Quoted(t) => literal.extend_from_slice(t),
            _ => plain = false,
        }
    }
    let expr = if plain {
        parse_arith(&literal).ok()
    } else {
        None
    };
    ArithText { word, expr }
}

/// Decodes the escapes of `$'…'`.
pub fn decode_ansi_c(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b != b'\\' || i + 1 >= text.len() {
            out.push(b);
            i += 1;
            continue;
        }
        let c = text[i + 1];
        i += 2;
        match c {
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'e' | b'E' => out.push(0x1b),
            b'f' => out.push(0x0c),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(0x0b),
            b'\\' | b'\'' | b'"' | b'?' => out.push(c),
            b'0'..=b'7' => {
                let (value, used) = radix_digits(&text[i - 1..], 8, 3);
                out.push(value as u8);
                i += used - 1;
            }
            b'x' => {
                let (value, used) = radix_digits(&text[i..], 16, 2);
                if used == 0 {
                    out.extend_from_slice(b"\\x");
                } else {
                    out.push(value as u8);
                    i += used;
                }
            }
            b'u' | b'U' => {
                let max = if c == b'u' { 4 } else { 8 };
                let (value, used) = radix_digits(&text[i..], 16, max);
                if used == 0 {
                    out.push(b'\\');
                    out.push(c);
                } else {
                    let ch = char::from_u32(value).unwrap_or('\u{FFFD}');
                    let mut tmp = [0u8; 4];
                    out.extend_from_slice(ch.encode_utf8(&mut tmp).as_bytes());
                    i += used;
                }
            }
            b'c' if i < text.len() => {
                out.push(text[i] & 0x1f);
                i += 1;
            }
            _ => {
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    out
}

/// Up to `max` digits of `radix` at the start of `text`: (value, count).
pub fn radix_digits(text: &[u8], radix: u32, max: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut used = 0;
    for &b in text.iter().take(max) {
        match (b as char).to_digit(radix) {
            Some(d) => {
                value = value.wrapping_mul(radix).wrapping_add(d);
                used += 1;
            }
            None => break,
        }
    }
    (value, used)
}
