//! Redirections and here-documents for the unparser, as bash's
//! `print_redirection_list`: operators in bash's canonical spelling
//! (`> file`, `2>&1`, `0<&3`, `{fd}>&-`), here-document headers in place
//! and their bodies after the command, or after the next connector when the
//! command is part of a list or pipeline.

use super::Printer;
use crate::syntax::ast::{HereDoc, PartKind, Redirect, RedirectFd, RedirectOp, RedirectTarget};

impl<'a> Printer<'a> {
    /// The redirections of one command; `stderr` appends the `2>&1` that
    /// bash adds for `|&`.
    pub(super) fn redirect_list(&mut self, redirects: &'a [Redirect], stderr: bool) {
        let mut heredocs = Vec::new();
        self.was_heredoc = false;
        for (i, r) in redirects.iter().enumerate() {
            if let RedirectTarget::HereDoc(doc) = &r.target {
                self.heredoc_header(r, doc);
                heredocs.push(r);
            } else {
                self.redirect(r);
            }
            if i + 1 < redirects.len() || stderr {
                self.put(b" ");
            }
        }
        if stderr {
            self.put(b"2>&1");
        }
        if heredocs.is_empty() {
            return;
        }
        if self.printing_connection > 0 {
            self.deferred = heredocs;
        } else {
            self.heredoc_bodies(&heredocs);
        }
    }

    /// bash's `print_deferred_heredocs`: the connector text (a lone `;` is
    /// left out), then any waiting here-document bodies.
    pub(super) fn print_deferred_heredocs(&mut self, connector: &[u8]) {
        let show = !matches!(connector, [] | [b';']);
        if show {
            self.put(connector);
        }
        if !self.deferred.is_empty() {
            let docs = std::mem::take(&mut self.deferred);
            self.heredoc_bodies(&docs);
            if show {
                self.put(b" ");
            }
            self.was_heredoc = true;
        }
    }

    /// bash's `PRINT_DEFERRED_HEREDOCS`: only when some are waiting.
    pub(super) fn flush_deferred(&mut self, connector: &[u8]) {
        if !self.deferred.is_empty() {
            self.print_deferred_heredocs(connector);
        }
    }

    fn heredoc_bodies(&mut self, docs: &[&'a Redirect]) {
        self.put(b"\n");
        for r in docs {
            if let RedirectTarget::HereDoc(doc) = &r.target {
                let body = self.heredoc_body(doc);
                self.put(&body);
                self.put(&doc.delimiter);
            }
            self.put(b"\n");
        }
        self.was_heredoc = true;
    }

    fn heredoc_header(&mut self, r: &Redirect, doc: &HereDoc) {
        self.redirect_fd(&r.fd, 0);
        self.put(if doc.strip_tabs { b"<<-" } else { b"<<" });
        if doc.quoted {
            let quoted = super::word::single_quote(&doc.delimiter);
            self.put(&quoted);
        } else {
            self.put(&doc.delimiter);
        }
    }

    /// A here-document body as bash keeps it: tabs stripped for `<<-`,
    /// backslash-newline joined when the delimiter was unquoted.
    fn heredoc_body(&self, doc: &HereDoc) -> Vec<u8> {
        let Some(word) = doc.body.get() else {
            return Vec::new();
        };
        if let [part] = word.parts.as_slice() {
            if let (true, PartKind::Quoted(text)) = (doc.quoted, &part.kind) {
                return text.clone();
            }
        }
        let raw = self.slice(word.span);
        if raw.is_empty() && !word.parts.is_empty() {
            return super::rebuild::heredoc_fallback(word, self);
        }
        heredoc_lines(raw, doc)
    }

    /// The fd in front of an operator: `{name}`, or the number unless it is
    /// the operator's default.
    fn redirect_fd(&mut self, fd: &RedirectFd, default: i32) {
        match fd {
            RedirectFd::Default => {}
            RedirectFd::Number(n) if *n == default => {}
            RedirectFd::Number(n) => self.put(n.to_string().as_bytes()),
            RedirectFd::Variable(name) => {
                self.put(b"{");
                self.put(name);
                self.put(b"}");
            }
        }
    }

    /// The fd in front of a duplication, printed even when it is the
    /// default (`0<&3`, `1>&2`).
    fn redirect_fd_always(&mut self, fd: &RedirectFd, default: i32) {
        match fd {
            RedirectFd::Default => self.put(default.to_string().as_bytes()),
            RedirectFd::Number(n) => self.put(n.to_string().as_bytes()),
            RedirectFd::Variable(_) => self.redirect_fd(fd, default),
        }
    }

    fn redirect(&mut self, r: &'a Redirect) {
        let RedirectTarget::Word(target) = &r.target else {
            return;
        };
        let (default, op): (i32, &[u8]) = match r.op {
            RedirectOp::Input => (0, b"< "),
            RedirectOp::Output => (1, b"> "),
            RedirectOp::Clobber => (1, b">| "),
            RedirectOp::Append => (1, b">> "),
            // bash compares `<>`'s fd with 1, so `<> f` prints as `0<> f`.
            RedirectOp::ReadWrite => (1, b"<> "),
            RedirectOp::HereString => (0, b"<<< "),
            RedirectOp::DupInput => return self.duplication(r, target, 0, b"<&"),
            RedirectOp::DupOutput => return self.duplication(r, target, 1, b">&"),
            RedirectOp::OutputBoth if self.written_as_dup(r) => {
                return self.duplication(r, target, 1, b">&")
            }
            RedirectOp::OutputBoth => (-1, b"&> "),
            RedirectOp::AppendBoth => (-1, b"&>> "),
            RedirectOp::HereDoc => return,
        };
        if r.op == RedirectOp::ReadWrite && r.fd == RedirectFd::Default {
            self.put(b"0");
        } else if default >= 0 {
            self.redirect_fd(&r.fd, default);
        }
        self.put(op);
        self.word(target);
    }

    /// `>&word` (rather than `&>word`) in the source.
    fn written_as_dup(&self, r: &Redirect) -> bool {
        let text = self.slice(r.span);
        let op_start = match text.first() {
            Some(b'{') => text.iter().position(|&b| b == b'}').map_or(0, |i| i + 1),
            _ => text.iter().take_while(|b| b.is_ascii_digit()).count(),
        };
        text[op_start..].starts_with(b">&")
    }

    /// `<&` / `>&` in bash's four forms: a number (`2>&1`), `-` (always
    /// printed `>&-`), a number or word followed by `-` (a move) or any
    /// other word (`>&$fd`, which omits a default fd).
    fn duplication(
        &mut self,
        r: &'a Redirect,
        target: &'a crate::syntax::ast::Word,
        default: i32,
        op: &[u8],
    ) {
        let text = target.as_literal();
        if let Some(n) = text.and_then(fd_number) {
            self.redirect_fd_always(&r.fd, default);
            self.put(op);
            self.put(n.to_string().as_bytes());
            return;
        }
        if text == Some(b"-") {
            self.redirect_fd_always(&r.fd, default);
            self.put(b">&-");
            return;
        }
        let rendered = self.render_word(target);
        if let Some(stem) = rendered.strip_suffix(b"-") {
            self.redirect_fd_always(&r.fd, default);
            self.put(op);
            match fd_number(stem) {
                Some(n) => self.put(n.to_string().as_bytes()),
                None => self.put(stem),
            }
            self.put(b"-");
            return;
        }
        self.redirect_fd(&r.fd, default);
        self.put(op);
        self.put(&rendered);
    }
}

/// An all-digits word that fits an `int`, as bash's `NUMBER` token.
fn fd_number(text: &[u8]) -> Option<i32> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// Re-reads a here-document body from its source text (which runs through
/// the delimiter line), the way bash stores it.
fn heredoc_lines(raw: &[u8], doc: &HereDoc) -> Vec<u8> {
    let mut out = Vec::new();
    let mut joined = false;
    let mut rest = raw;
    while !rest.is_empty() {
        let (line, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, &[][..]),
        };
        rest = next;
        let mut line = line;
        if !joined && doc.strip_tabs {
            let tabs = line.iter().take_while(|&&b| b == b'\t').count();
            line = &line[tabs..];
        }
        if !joined && line == doc.delimiter.as_slice() {
            break;
        }
        joined = !doc.quoted && ends_in_continuation(line);
        if joined {
            out.extend_from_slice(&line[..line.len() - 1]);
        } else {
            out.extend_from_slice(line);
            out.push(b'\n');
        }
    }
    out
}

/// The line ends in a backslash that is not itself escaped.
fn ends_in_continuation(line: &[u8]) -> bool {
    let backslashes = line.iter().rev().take_while(|&&b| b == b'\\').count();
    backslashes % 2 == 1
}
