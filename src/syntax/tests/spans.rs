//! Span invariants, checked on every parsed table case: nested nodes lie
//! inside their parents and in source order, and each word part's span
//! covers the text its kind implies. Panics with the offending node.

use crate::syntax::ast::*;
use crate::syntax::source::Span;

/// Checks every span in `program`, parsed from `src`.
#[track_caller]
pub fn check_program(src: &[u8], program: &Program) {
    let checker = Checker {
        src,
        in_heredoc: std::cell::Cell::new(false),
    };
    checker.program(program, Span::new(0, src.len()), true);
}

struct Checker<'s> {
    src: &'s [u8],
    /// Checking a here-document body, where `\"` is not an escape.
    in_heredoc: std::cell::Cell<bool>,
}

impl Checker<'_> {
    fn text(&self, span: Span) -> &[u8] {
        &self.src[span.start as usize..span.end as usize]
    }

    #[track_caller]
    fn inside(&self, what: &str, span: Span, parent: Span) {
        assert!(
            span.start <= span.end && span.end as usize <= self.src.len(),
            "{what} span {span:?} is not a range of the {} bytes of source",
            self.src.len()
        );
        assert!(
            parent.start <= span.start && span.end <= parent.end,
            "{what} span {span:?} ({:?}) is outside its parent {parent:?} ({:?})",
            String::from_utf8_lossy(self.text(span)),
            String::from_utf8_lossy(self.text(parent)),
        );
    }

    #[track_caller]
    fn starts_ends(&self, what: &str, span: Span, open: &[u8], close: &[u8]) {
        let text = self.text(span);
        assert!(
            text.starts_with(open) && text.ends_with(close) && text.len() >= open.len(),
            "{what} span {span:?} covers {:?}, not {:?}…{:?}",
            String::from_utf8_lossy(text),
            String::from_utf8_lossy(open),
            String::from_utf8_lossy(close),
        );
    }

    /// `exact`: spans map one to one onto the source (false inside
    /// backquotes, whose text had escapes removed, and in `<<-` bodies).
    fn program(&self, p: &Program, parent: Span, exact: bool) {
        let mut last_end = parent.start;
        for item in &p.items {
            self.inside("list item", item.span, parent);
            assert!(
                item.span.start >= last_end,
                "list items overlap at {:?}",
                item.span
            );
            last_end = item.span.end;
            self.and_or(&item.and_or, item.span, exact);
        }
    }

    fn and_or(&self, a: &AndOr, parent: Span, exact: bool) {
        self.pipeline(&a.first, parent, exact);
        for (_, p) in &a.rest {
            assert!(
                p.span.start >= a.first.span.end,
                "and-or pipelines out of order"
            );
            self.pipeline(p, parent, exact);
        }
    }

    fn pipeline(&self, p: &Pipeline, parent: Span, exact: bool) {
        self.inside("pipeline", p.span, parent);
        let mut last_end = p.span.start;
        for c in &p.commands {
            self.inside("command", c.span(), p.span);
            assert!(c.span().start >= last_end, "pipeline commands overlap");
            last_end = c.span().end;
            self.command(c, exact);
        }
    }

    fn command(&self, c: &Command, exact: bool) {
        match c {
            Command::Simple(s) => {
                for a in &s.assignments {
                    self.inside("assignment", a.span, s.span);
                    if exact {
                        let name = &self.text(a.span)[..a.name.len()];
                        assert_eq!(
                            name,
                            &a.name[..],
                            "assignment span does not start at its name"
                        );
                    }
                    if let Some(i) = &a.index {
                        self.word(i, a.span, exact);
                    }
                    match &a.value {
                        AssignValue::Scalar(w) => self.word(w, a.span, exact),
                        AssignValue::Array(elements) => self.elements(elements, a.span, exact),
                    }
                }
                self.words(&s.words, s.span, exact);
                for r in &s.redirects {
                    self.redirect(r, s.span, exact);
                }
            }
            Command::Compound(c) => self.compound(c, exact),
            Command::Function(f) => {
                self.inside("function body", f.body.span(), f.span);
                self.command(&f.body, exact);
            }
        }
    }

    fn words(&self, words: &[Word], parent: Span, exact: bool) {
        let mut last_end = parent.start;
        for w in words {
            assert!(w.span.start >= last_end, "words overlap at {:?}", w.span);
            last_end = w.span.end;
            self.word(w, parent, exact);
        }
    }

    fn redirect(&self, r: &Redirect, parent: Span, exact: bool) {
        self.inside("redirection", r.span, parent);
        match &r.target {
            RedirectTarget::Word(w) => self.word(w, r.span, exact),
            RedirectTarget::HereDoc(doc) => {
                if let Some(body) = doc.body.get() {
                    let whole = Span::new(0, self.src.len());
                    self.in_heredoc.set(true);
                    self.word(body, whole, exact && !doc.strip_tabs);
                    self.in_heredoc.set(false);
                }
            }
        }
    }

    fn elements(&self, elements: &[ArrayElement], parent: Span, exact: bool) {
        for e in elements {
            if let Some(i) = &e.index {
                self.word(i, parent, exact);
            }
            self.word(&e.value, parent, exact);
        }
    }

    fn compound(&self, c: &CompoundCommand, exact: bool) {
        let span = c.span;
        let body = |p: &Program| self.program(p, span, exact);
        match &c.kind {
            CompoundKind::Brace(p) => {
                self.starts_ends("brace group", span, b"{", b"");
                body(p);
            }
            CompoundKind::Subshell(p) => {
                self.starts_ends("subshell", span, b"(", b"");
                body(p);
            }
            CompoundKind::If {
                branches,
                else_body,
            } => {
                self.starts_ends("if", span, b"if", b"");
                for (condition, then) in branches {
                    body(condition);
                    body(then);
                }
                if let Some(e) = else_body {
                    body(e);
                }
            }
            CompoundKind::Loop {
                condition, body: b, ..
            } => {
                body(condition);
                body(b);
            }
            CompoundKind::For { words, body: b, .. }
            | CompoundKind::Select { words, body: b, .. } => {
                if let Some(words) = words {
                    self.words(words, span, exact);
                }
                body(b);
            }
            CompoundKind::ArithFor {
                init,
                condition,
                step,
                body: b,
            } => {
                for a in [init, condition, step].into_iter().flatten() {
                    self.word(&a.word, span, exact);
                }
                body(b);
            }
            CompoundKind::Case { word, items } => {
                self.starts_ends("case", span, b"case", b"");
                self.word(word, span, exact);
                for item in items {
                    self.inside("case item", item.span, span);
                    self.words(&item.patterns, item.span, exact);
                    self.program(&item.body, item.span, exact);
                }
            }
            CompoundKind::Arith(a) => {
                self.starts_ends("((", span, b"((", b"");
                self.word(&a.word, span, exact);
            }
            CompoundKind::Cond(e) => {
                self.starts_ends("[[", span, b"[[", b"");
                self.cond(e, span, exact);
            }
            CompoundKind::Coproc { body: b, .. } => {
                self.inside("coproc body", b.span(), span);
                self.command(b, exact);
            }
        }
        for r in &c.redirects {
            self.redirect(r, span, exact);
        }
    }

    fn cond(&self, e: &CondExpr, parent: Span, exact: bool) {
        match e {
            CondExpr::Not(e) => self.cond(e, parent, exact),
            CondExpr::And(a, b) | CondExpr::Or(a, b) => {
                self.cond(a, parent, exact);
                self.cond(b, parent, exact);
            }
            CondExpr::Unary { operand, .. } => self.word(operand, parent, exact),
            CondExpr::Binary { left, right, .. } => {
                self.word(left, parent, exact);
                self.word(right, parent, exact);
            }
            CondExpr::Word(w) => self.word(w, parent, exact),
        }
    }

    #[track_caller]
    fn word(&self, w: &Word, parent: Span, exact: bool) {
        self.inside("word", w.span, parent);
        self.parts(&w.parts, w.span, exact);
    }

    fn parts(&self, parts: &[WordPart], parent: Span, exact: bool) {
        let mut last_end = parent.start;
        for p in parts {
            self.inside("word part", p.span, parent);
            assert!(
                p.span.start >= last_end,
                "word parts overlap or are out of order at {:?} in {:?}",
                p.span,
                String::from_utf8_lossy(self.text(parent))
            );
            last_end = p.span.end;
            self.part(p, exact);
        }
    }

    fn part(&self, p: &WordPart, exact: bool) {
        let span = p.span;
        match &p.kind {
            PartKind::Literal(t) => {
                if exact {
                    let text = without_line_continuations(self.text(span));
                    assert_eq!(
                        String::from_utf8_lossy(&text),
                        String::from_utf8_lossy(t),
                        "literal part's span {span:?} does not cover its text"
                    );
                }
            }
            PartKind::Quoted(t) => {
                // The newline bash adds to a here-document's last line
                // when the input ends without one is not in the source.
                let added_newline = self.in_heredoc.get() && span.start == span.end && t == b"\n";
                if exact && !added_newline {
                    self.quoted(t, span);
                }
            }
            PartKind::DoubleQuoted(inner) => {
                if exact {
                    self.starts_ends("double quotes", span, b"", b"\"");
                }
                self.parts(inner, span, exact);
            }
            PartKind::Tilde(user) => {
                if exact {
                    assert_eq!(&self.text(span)[1..], &user[..], "tilde span");
                }
            }
            PartKind::Param(param) => {
                if exact {
                    self.starts_ends("parameter expansion", span, b"$", b"");
                }
                self.param(param, span, exact);
            }
            PartKind::CommandSub {
                program,
                backquoted,
            } => {
                if exact {
                    if *backquoted {
                        self.starts_ends("backquotes", span, b"`", b"`");
                    } else {
                        self.starts_ends("command substitution", span, b"$(", b")");
                    }
                }
                self.program(program, span, exact && !*backquoted);
            }
            PartKind::Arith(a) => {
                if exact && !self.text(span).starts_with(b"$[") {
                    self.starts_ends("arithmetic expansion", span, b"$((", b"))");
                }
                self.word(&a.word, span, exact);
            }
            PartKind::ProcessSub { program, output } => {
                let open: &[u8] = if *output { b">(" } else { b"<(" };
                if exact {
                    self.starts_ends("process substitution", span, open, b")");
                }
                self.program(program, span, exact);
            }
            PartKind::BraceList(alternatives) => {
                if exact {
                    self.starts_ends("brace expansion", span, b"{", b"}");
                }
                for alt in alternatives {
                    self.parts(alt, span, exact);
                }
            }
            PartKind::BraceRange { .. } => {
                if exact {
                    self.starts_ends("brace sequence", span, b"{", b"}");
                }
            }
            PartKind::ArrayLiteral(elements) => {
                if exact {
                    self.starts_ends("array literal", span, b"(", b")");
                }
                self.elements(elements, span, exact);
            }
            PartKind::ExtGlob { op, alternatives } => {
                if exact {
                    self.starts_ends("extglob", span, &[*op, b'('], b")");
                }
                for alt in alternatives {
                    self.parts(alt, span, exact);
                }
            }
        }
    }

    /// A quoted part is `'…'`, `$'…'`, a backslash and its byte, or text
    /// inside double quotes or a here-document.
    fn quoted(&self, t: &[u8], span: Span) {
        let text = self.text(span);
        match text {
            [b'\'', inner @ .., b'\''] if inner == t => {}
            [b'$', b'\'', .., b'\''] => {}
            [b'\\', c] if t == [*c] => {}
            _ => {
                let unescaped = dquote_unescape(text, self.in_heredoc.get());
                assert_eq!(
                    String::from_utf8_lossy(&unescaped),
                    String::from_utf8_lossy(t),
                    "quoted part's span {span:?} does not cover its text"
                );
            }
        }
    }

    fn param(&self, p: &ParamExpansion, span: Span, exact: bool) {
        if let Some(Subscript::Index(w)) = &p.subscript {
            self.word(w, span, exact);
        }
        let words: Vec<&Word> = match &p.op {
            ParamOp::Default { word, .. }
            | ParamOp::Assign { word, .. }
            | ParamOp::Alternative { word, .. } => vec![word],
            ParamOp::Error { word, .. } => word.iter().collect(),
            ParamOp::RemovePrefix { pattern, .. } | ParamOp::RemoveSuffix { pattern, .. } => {
                vec![pattern]
            }
            ParamOp::Substring { offset, length } => {
                std::iter::once(offset).chain(length.iter()).collect()
            }
            ParamOp::Replace {
                pattern,
                replacement,
                ..
            } => std::iter::once(pattern).chain(replacement.iter()).collect(),
            ParamOp::Case { pattern, .. } => pattern.iter().collect(),
            _ => Vec::new(),
        };
        let mut last_end = span.start;
        for w in words {
            assert!(
                w.span.start >= last_end,
                "operands of {span:?} out of order"
            );
            last_end = w.span.end;
            self.word(w, span, exact);
        }
    }
}

fn without_line_continuations(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i] == b'\\' && text.get(i + 1) == Some(&b'\n') {
            i += 2;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

/// Text inside double quotes (or an unquoted here-document) with the
/// backslashes that quote `$ ` " \` (not `"` in a here-document) and line
/// continuations removed.
fn dquote_unescape(text: &[u8], heredoc: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        match (text[i], text.get(i + 1)) {
            (b'\\', Some(b'\n')) => i += 2,
            (b'\\', Some(&c)) if matches!(c, b'$' | b'`' | b'\\') || (c == b'"' && !heredoc) => {
                out.push(c);
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
