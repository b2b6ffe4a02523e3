//! Assignments: `name=value`, `name+=value`, `name[i]=value`, array
//! literals `name=(a [i]=b)`, and the `name=value` arguments of declaration
//! builtins (`export`, `local`, …), which are read as assignments.
//! Entry points: [`Parser::assignment`], [`Parser::declaration_argument`]
//! and [`assignment_prefix`].

use super::ast::{ArrayElement, AssignValue, Assignment, PartKind, Word, WordPart};
use super::error::ParseError;
use super::parser::{is_delimiter, is_name_char, is_name_start, Attempt, PResult, Parser};
use super::word::WordMode;

impl Parser<'_> {
    /// `name=value`, `name[i]=value`, `name+=…`, `name=(…)` at the cursor.
    pub(super) fn assignment(&mut self) -> PResult<Option<Assignment>> {
        let Some(name_len) = assignment_prefix(self.rest()) else {
            return Ok(None);
        };
        let start = self.pos;
        let name = self.buf[start..start + name_len].to_vec();
        self.pos += name_len;
        let index = if self.peek() == Some(b'[') {
            self.pos += 1;
            let word = self.word_in_mode(WordMode::Subscript)?;
            self.pos += 1; // the `]` that assignment_prefix found
            Some(word)
        } else {
            None
        };
        let append = self.peek() == Some(b'+');
        self.pos += if append { 2 } else { 1 };
        let value = if self.peek() == Some(b'(') && index.is_none() {
            AssignValue::Array(self.array_literal()?)
        } else {
            AssignValue::Scalar(self.word_in_mode(WordMode::Assignment)?)
        };
        Ok(Some(Assignment {
            name,
            index,
            append,
            value,
            span: self.span(start, self.pos),
        }))
    }

    /// `(a [1]=b c)` with the cursor on `(`.
    fn array_literal(&mut self) -> PResult<Vec<ArrayElement>> {
        let open = self.pos;
        self.pos += 1;
        let mut elements = Vec::new();
        loop {
            self.linebreak()?;
            match self.peek() {
                None => {
                    return Err(ParseError::incomplete(
                        "unexpected end of file in array assignment",
                        self.span_here(),
                    )
                    .with_opened("`(`", self.span(open, open + 1)))
                }
                Some(b')') => {
                    self.pos += 1;
                    return Ok(elements);
                }
                _ => {}
            }
            if self.peek() == Some(b'[') {
                if let Some(element) = self.indexed_element()? {
                    elements.push(element);
                    continue;
                }
            }
            match self.brace_word()? {
                Some(value) => elements.push(ArrayElement {
                    index: None,
                    append: false,
                    value,
                }),
                None => return Err(self.unexpected()),
            }
        }
    }

    /// `[i]=value` inside an array literal.
    fn indexed_element(&mut self) -> PResult<Option<ArrayElement>> {
        if self.attempt_failed(Attempt::IndexedElement) {
            return Ok(None);
        }
        let save = self.checkpoint();
        self.pos += 1;
        let index = self.word_in_mode(WordMode::Subscript)?;
        if self.peek() != Some(b']') {
            self.backtrack(save, Attempt::IndexedElement);
            return Ok(None);
        }
        self.pos += 1;
        let append = self.starts_with(b"+=");
        if !append && self.peek() != Some(b'=') {
            self.backtrack(save, Attempt::IndexedElement);
            return Ok(None);
        }
        self.pos += if append { 2 } else { 1 };
        let value = self.word_in_mode(WordMode::Assignment)?;
        Ok(Some(ArrayElement {
            index: Some(index),
            append,
            value,
        }))
    }

    /// An argument of `declare`/`local`/…: `name=(…)` becomes a word whose
    /// last part is an array literal; other words parse normally.
    pub(super) fn declaration_argument(&mut self) -> PResult<Option<Word>> {
        let Some((_, head_len)) = assignment_head(self.rest(), true) else {
            return Ok(None);
        };
        let start = self.pos;
        let head = self.rest()[..head_len].to_vec();
        self.pos += head_len;
        let head_part = WordPart {
            kind: PartKind::Literal(head),
            span: self.span(start, self.pos),
        };
        let mut parts = vec![head_part];
        if self.peek() == Some(b'(') {
            let open = self.pos;
            let elements = self.array_literal()?;
            parts.push(WordPart {
                kind: PartKind::ArrayLiteral(elements),
                span: self.span(open, self.pos),
            });
        } else {
            // The value is read as in an assignment: `export P=~/bin:~/x`
            // expands both tildes in bash and dash.
            let mut value = self.word_in_mode(WordMode::Assignment)?.parts.into_iter();
            if let Some(first) = value.next() {
                match (&mut parts[0].kind, first.kind) {
                    (PartKind::Literal(head), PartKind::Literal(text)) => {
                        head.extend_from_slice(&text);
                        parts[0].span = parts[0].span.to(first.span);
                    }
                    (_, kind) => parts.push(WordPart {
                        kind,
                        span: first.span,
                    }),
                }
            }
            parts.extend(value);
        }
        Ok(Some(Word {
            parts,
            span: self.span(start, self.pos),
        }))
    }
}

/// If `text` starts with `name=`, `name+=`, `name[…]=` or `name[…]+=`,
/// the length of the name.
pub fn assignment_prefix(text: &[u8]) -> Option<usize> {
    assignment_head(text, false).map(|(name_len, _)| name_len)
}

/// `(name length, head length)` of `name[…]+=` at the start of `text`,
/// the head running through the `=`. A subscript may hold blanks at the
/// start of a command (`a[i + 1]=x`) but not in an argument
/// (`in_word`), where a blank ends the word.
fn assignment_head(text: &[u8], in_word: bool) -> Option<(usize, usize)> {
    let first = *text.first()?;
    if !is_name_start(first) {
        return None;
    }
    let name_len = text.iter().take_while(|&&b| is_name_char(b)).count();
    let mut i = name_len;
    if text.get(i) == Some(&b'[') {
        let mut depth = 0usize;
        loop {
            match *text.get(i)? {
                b'[' => depth += 1,
                b']' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                b'\n' => return None,
                b if in_word && is_delimiter(b) => return None,
                _ => {}
            }
            i += 1;
        }
        i += 1;
    }
    if text.get(i) == Some(&b'+') {
        i += 1;
    }
    (text.get(i) == Some(&b'=')).then_some((name_len, i + 1))
}
