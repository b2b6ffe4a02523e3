//! Redirections: `[n|{name}]op word` for every operator (`< > >| >> <&
//! >& <> << <<- <<< &> &>>`), with here-documents queued for their bodies
//! (read by `heredoc.rs` at the next newline). Entry points:
//! [`Parser::redirect`] and [`Parser::redirect_list`].

use std::cell::OnceCell;
use std::rc::Rc;

use super::ast::{
    HereDoc, PartKind, Redirect, RedirectFd, RedirectOp, RedirectTarget, Word, WordPart,
};
use super::parser::{is_name_char, is_name_start, PResult, Parser};

impl Parser<'_> {
    /// Redirections after a compound command.
    pub(super) fn redirect_list(&mut self) -> PResult<Vec<Redirect>> {
        let mut out = Vec::new();
        loop {
            self.skip_blanks();
            match self.redirect()? {
                Some(r) => out.push(r),
                None => return Ok(out),
            }
        }
    }

    /// A redirection at the cursor, if one starts here.
    pub(super) fn redirect(&mut self) -> PResult<Option<Redirect>> {
        // A redirection starts with a digit, `{`, `<`, `>` or `&`.
        if !matches!(self.peek(), Some(b'0'..=b'9' | b'{' | b'<' | b'>' | b'&')) {
            return Ok(None);
        }
        let start = self.pos;
        let fd = self.redirect_fd();
        let Some(op_text) = self.peek_operator() else {
            self.pos = start;
            return Ok(None);
        };
        let (op, strip_tabs) = match op_text {
            b"<" if self.peek_at(1) == Some(b'(') => {
                self.pos = start;
                return Ok(None);
            }
            b"<" => (RedirectOp::Input, false),
            b">" if self.peek_at(1) == Some(b'(') && fd == RedirectFd::Default => {
                self.pos = start;
                return Ok(None);
            }
            b">" => (RedirectOp::Output, false),
            b">|" => (RedirectOp::Clobber, false),
            b">>" => (RedirectOp::Append, false),
            b"<&" => (RedirectOp::DupInput, false),
            b">&" => (RedirectOp::DupOutput, false),
            b"<>" => (RedirectOp::ReadWrite, false),
            b"<<" => (RedirectOp::HereDoc, false),
            b"<<-" => (RedirectOp::HereDoc, true),
            b"<<<" => (RedirectOp::HereString, false),
            b"&>" if fd == RedirectFd::Default => (RedirectOp::OutputBoth, false),
            b"&>>" if fd == RedirectFd::Default => (RedirectOp::AppendBoth, false),
            _ => {
                self.pos = start;
                return Ok(None);
            }
        };
        self.pos += op_text.len();
        self.skip_blanks();
        // `2>` or `{fd}>` where the target should be is a redirection of
        // its own, which bash reports as unexpected (`echo > 2>x`).
        let target_start = self.pos;
        if self.redirect_fd() != RedirectFd::Default {
            self.pos = target_start;
            return Err(self.unexpected());
        }
        let word = if matches!(self.peek(), Some(b'<' | b'>')) && self.peek_at(1) == Some(b'(') {
            let part = self.process_sub()?;
            Some(self.continue_word(part)?)
        } else {
            self.brace_word()?
        };
        let Some(word) = word else {
            return Err(self.missing_word());
        };
        let target = if op == RedirectOp::HereDoc {
            let doc = Rc::new(HereDoc {
                delimiter: self.heredoc_delimiter(&word),
                quoted: word.has_quotes(),
                strip_tabs,
                body: OnceCell::new(),
            });
            self.pending_heredocs.push(Rc::clone(&doc));
            RedirectTarget::HereDoc(doc)
        } else {
            RedirectTarget::Word(word)
        };
        Ok(Some(Redirect {
            fd,
            op,
            target,
            span: self.span(start, self.pos),
        }))
    }

    /// `2>` / `{name}>`: the fd part of a redirection, consumed only when
    /// a redirection operator follows it directly.
    fn redirect_fd(&mut self) -> RedirectFd {
        let rest = self.rest();
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 && matches!(rest.get(digits), Some(b'<' | b'>')) {
            let n = std::str::from_utf8(&rest[..digits])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(i32::MAX);
            self.pos += digits;
            return RedirectFd::Number(n);
        }
        if rest.first() == Some(&b'{') {
            let len = rest[1..].iter().take_while(|&&b| is_name_char(b)).count();
            if len > 0
                && is_name_start(rest[1])
                && rest.get(1 + len) == Some(&b'}')
                && matches!(rest.get(2 + len), Some(b'<' | b'>'))
            {
                let name = rest[1..1 + len].to_vec();
                self.pos += len + 2;
                return RedirectFd::Variable(name);
            }
        }
        RedirectFd::Default
    }

    /// A here-document delimiter: the word's text after quote removal.
    fn heredoc_delimiter(&self, word: &Word) -> Vec<u8> {
        fn collect(parts: &[WordPart], out: &mut Vec<u8>, raw: &dyn Fn(&WordPart) -> Vec<u8>) {
            for part in parts {
                match &part.kind {
                    PartKind::Literal(t) | PartKind::Quoted(t) => out.extend_from_slice(t),
                    PartKind::DoubleQuoted(inner) => collect(inner, out, raw),
                    _ => out.extend(raw(part)),
                }
            }
        }
        let raw = |part: &WordPart| -> Vec<u8> {
            let (s, e) = (part.span.start as usize, part.span.end as usize);
            let (s, e) = (s.saturating_sub(self.base), e.saturating_sub(self.base));
            self.buf.get(s..e).map(<[u8]>::to_vec).unwrap_or_default()
        };
        let mut out = Vec::new();
        collect(&word.parts, &mut out, &raw);
        out
    }
}
