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
            while !self.at_end() {
                let rest = self.rest();
                let line_len = rest.iter().position(|&b| b == b'\n');
                let line = &rest[..line_len.unwrap_or(rest.len())];
                let consumed = line_len.map_or(rest.len(), |n| n + 1);
                let line = if doc.strip_tabs {
                    let tabs = line.iter().take_while(|&&b| b == b'\t').count();
                    &line[tabs..]
                } else {
                    line
                };
                if line == doc.delimiter.as_slice() {
                    self.pos += consumed;
                    found = true;
                    break;
                }
                text.extend_from_slice(line);
                text.push(b'\n');
                self.pos += consumed;
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
            let span = self.span(body_start, self.pos);
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
            // The cell is fresh: each here-doc is queued exactly once.
            let _ = doc.body.set(word);
        }
        Ok(())
    }
}
