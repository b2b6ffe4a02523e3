//! Here-document bodies: the queue of `<<` redirections whose bodies start
//! after the next newline, and the reader that fills them in.
//!
//! Bodies are read line by line, as POSIX describes, before any of their
//! text is parsed, so a `)` or `$(` inside a body cannot confuse the
//! surrounding grammar; an unquoted body is then parsed for `$`, `` ` ``
//! and `\` as in double quotes.

use super::ast::{PartKind, Word, WordPart};
use super::error::ParseError;
use super::parser::{PResult, Parser};
use super::source::Span;
use super::word::WordMode;

impl Parser<'_> {
    /// Reads the body of every pending here-document, in order, starting
    /// at the cursor (just after a newline).
    pub(super) fn read_pending_heredocs(&mut self) -> PResult<()> {
        let pending = std::mem::take(&mut self.pending_heredocs);
        for doc in pending {
            let body_start = self.pos;
            let mut text = Vec::new();
            let mut found = false;
            let mut body_end = self.buf.len();
            let mut unterminated_line = false;
            while !self.at_end() {
                let line_start = self.pos;
                let mark = text.len();
                let tabs = if doc.strip_tabs {
                    self.leading_tabs()
                } else {
                    0
                };
                self.pos += tabs;
                self.append_physical_line(&mut text);
                // In an unquoted body a backslash-newline joins lines before
                // the delimiter is looked for, as in bash and dash. The text
                // keeps it (the body's lexer removes it), so that spans in
                // the body stay exact.
                let mut joined = false;
                while !doc.quoted && ends_in_escape(&text[mark..]) && self.peek() == Some(b'\n') {
                    text.push(b'\n');
                    self.pos += 1;
                    self.append_physical_line(&mut text);
                    joined = true;
                }
                let is_delimiter = if joined {
                    without_continuations(&text[mark..]) == doc.delimiter
                } else {
                    text[mark..] == doc.delimiter[..]
                };
                if is_delimiter {
                    text.truncate(mark);
                    body_end = line_start;
                    self.skip_newline();
                    found = true;
                    break;
                }
                if self.peek() == Some(b'\n') {
                    text.push(b'\n');
                    self.skip_newline();
                } else {
                    // The last line of the input ends the body without a
                    // newline; bash adds one (below, outside the spans).
                    unterminated_line = true;
                }
            }
            if !found && self.opts.final_input {
                self.warnings.push((
                    format!(
                        "warning: here-document delimited by end-of-file (wanted `{}')",
                        String::from_utf8_lossy(&doc.delimiter)
                    ),
                    self.span(body_start, body_start),
                ));
            }
            if !found && !self.opts.final_input {
                let delimiter = String::from_utf8_lossy(&doc.delimiter);
                return Err(ParseError::incomplete(
                    format!("here-document delimited by `{delimiter}' is not closed"),
                    self.span_here(),
                ));
            }
            // The body's span ends before the delimiter line.
            let span = self.span(body_start, body_end);
            let word = if doc.quoted {
                Word {
                    parts: vec![WordPart {
                        kind: PartKind::Quoted(text),
                        span,
                    }],
                    span,
                }
            } else {
                let mut sub = self.sub(text, self.offset(body_start));
                let mut word = sub.word_in_mode(WordMode::HereDoc)?;
                word.span = span;
                word
            };
            let mut word = word;
            if unterminated_line {
                let end = Span {
                    start: span.end,
                    end: span.end,
                };
                word.parts.push(WordPart {
                    kind: PartKind::Quoted(b"\n".to_vec()),
                    span: end,
                });
            }
            // The cell is fresh: each here-doc is queued exactly once.
            let _ = doc.body.set(word);
        }
        Ok(())
    }
}

impl Parser<'_> {
    fn leading_tabs(&self) -> usize {
        self.rest().iter().take_while(|&&b| b == b'\t').count()
    }

    /// Appends the rest of the current line, without its newline, and
    /// moves to that newline.
    fn append_physical_line(&mut self, text: &mut Vec<u8>) {
        let rest = self.rest();
        let len = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        text.extend_from_slice(&rest[..len]);
        self.pos += len;
    }

    fn skip_newline(&mut self) {
        if self.peek() == Some(b'\n') {
            self.pos += 1;
        }
    }
}

/// `text` without its backslash-newlines (outside escaped backslashes).
fn without_continuations(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match (text[i], text.get(i + 1)) {
            (b'\\', Some(b'\n')) => i += 2,
            (b'\\', Some(&c)) => {
                out.extend_from_slice(&[b'\\', c]);
                i += 2;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The text ends in an odd number of backslashes: the last one escapes
/// the newline after it.
fn ends_in_escape(text: &[u8]) -> bool {
    text.iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}
