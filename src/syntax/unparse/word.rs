//! Words for the unparser: the source text of each word, with the parts
//! bash rewrites at parse time replaced (`$(…)` and `<(…)` bodies
//! reformatted, `$'…'` single-quoted, `$"…"` double-quoted, compound array
//! values rejoined) and backslash-newline continuations removed outside
//! single quotes. Words whose spans do not match their parts (text that
//! came from an alias) are rebuilt from the parts instead.

use super::Printer;
use crate::syntax::ast::{
    ArithText, ArrayElement, AssignValue, Assignment, ParamExpansion, ParamName, ParamOp, PartKind,
    ReplaceMode, Subscript, Word, WordPart,
};
use crate::syntax::source::Span;

/// Where a part sits, for the rewrites that depend on quoting.
#[derive(Clone, Copy)]
struct Ctx {
    /// Directly inside `"…"`: `$'` there is plain text.
    direct_dq: bool,
    /// Anywhere inside `"…"` (also in a `${…}` operand there): bash
    /// inserts a decoded `$'…'` without quotes.
    in_dq: bool,
}

const TOP: Ctx = Ctx {
    direct_dq: false,
    in_dq: false,
};

/// A source range printed as other text.
struct Hole {
    start: usize,
    end: usize,
    text: Vec<u8>,
}

impl<'a> Printer<'a> {
    pub(super) fn word(&mut self, w: &'a Word) {
        let text = self.render_word(w);
        self.put(&text);
    }

    pub(super) fn render_word(&self, w: &'a Word) -> Vec<u8> {
        if self.fits(w.span, &w.parts) {
            let mut holes = Vec::new();
            self.part_holes(&w.parts, TOP, &mut holes);
            if let Some(text) = self.splice(w.span, holes) {
                return text;
            }
        }
        let mut out = Vec::new();
        rebuild_parts(&mut out, &w.parts, false, self);
        out
    }

    /// `name=value`, `name[i]+=value`, `name=(…)`.
    pub(super) fn assignment(&mut self, a: &'a Assignment) {
        if let AssignValue::Scalar(value) = &a.value {
            let head_ok = self.slice(a.span).starts_with(&a.name);
            let parts_ok = a.index.as_ref().is_none_or(|i| self.fits(i.span, &i.parts))
                && self.fits(value.span, &value.parts);
            if head_ok && parts_ok {
                let mut holes = Vec::new();
                if let Some(index) = &a.index {
                    self.part_holes(&index.parts, TOP, &mut holes);
                }
                self.part_holes(&value.parts, TOP, &mut holes);
                if let Some(text) = self.splice(a.span, holes) {
                    self.put(&text);
                    return;
                }
            }
        }
        self.put(&a.name);
        if let Some(index) = &a.index {
            self.put(b"[");
            self.word(index);
            self.put(b"]");
        }
        self.put(if a.append { b"+=" } else { b"=" });
        match &a.value {
            AssignValue::Scalar(value) => self.word(value),
            AssignValue::Array(elements) => {
                let text = self.array_text(elements);
                self.put(&text);
            }
        }
    }

    /// `(a [1]=b)`: elements joined by single spaces, as bash stores them.
    fn array_text(&self, elements: &'a [ArrayElement]) -> Vec<u8> {
        let mut out = vec![b'('];
        for (i, e) in elements.iter().enumerate() {
            if i > 0 {
                out.push(b' ');
            }
            if let Some(index) = &e.index {
                out.push(b'[');
                out.extend(self.render_word(index));
                out.push(b']');
                out.extend_from_slice(if e.append { b"+=" } else { b"=" });
            }
            out.extend(self.render_word(&e.value));
        }
        out.push(b')');
        out
    }

    /// The text inside `(( … ))`, as written.
    pub(super) fn arith_command_text(&mut self, text: &'a ArithText, outer: Span) {
        let inner = text.word.span;
        if inner.start >= outer.start && inner.end <= outer.end {
            self.word(&text.word);
        } else {
            let mut out = Vec::new();
            rebuild_parts(&mut out, &text.word.parts, true, self);
            self.put(&out);
        }
    }

    /// The source of `span` with the holes filled in and continuations
    /// removed; `None` when the holes do not fit inside the span.
    fn splice(&self, span: Span, mut holes: Vec<Hole>) -> Option<Vec<u8>> {
        holes.sort_by_key(|h| h.start);
        let (start, end) = (span.start as usize, span.end as usize);
        let mut out = Vec::new();
        let mut pos = start;
        for hole in holes {
            if hole.start < pos || hole.end > end || hole.start > hole.end {
                return None;
            }
            drop_continuations(&mut out, self.src.get(pos..hole.start)?);
            out.extend_from_slice(&hole.text);
            pos = hole.end;
        }
        drop_continuations(&mut out, self.src.get(pos..end)?);
        Some(out)
    }

    /// Whether the parts' spans describe the source text under `span`
    /// (text that came from an alias has collapsed spans). Part ends are
    /// not trusted: a part's span may run on over the parts after it.
    fn fits(&self, span: Span, parts: &[WordPart]) -> bool {
        if span.start > span.end || span.end as usize > self.src.len() {
            return false;
        }
        let mut pos = span.start;
        for part in parts {
            let s = part.span;
            if s.start < pos || s.end > span.end || s.start > s.end {
                return false;
            }
            pos = s.start;
            let text = self.slice(s);
            let ok = match &part.kind {
                PartKind::Literal(lit) => without_continuations(text).starts_with(lit),
                PartKind::DoubleQuoted(inner) => {
                    (text.starts_with(b"\"") || text.starts_with(b"$\"")) && self.fits(s, inner)
                }
                PartKind::Param(_) | PartKind::Arith(_) => text.starts_with(b"$"),
                PartKind::CommandSub { backquoted, .. } => {
                    text.starts_with(if *backquoted { b"`" } else { b"$(" })
                }
                _ => !text.is_empty(),
            };
            if !ok {
                return false;
            }
        }
        true
    }

    fn part_holes(&self, parts: &'a [WordPart], ctx: Ctx, holes: &mut Vec<Hole>) {
        for part in parts {
            stacker::maybe_grow(32 * 1024, 1024 * 1024, || {
                self.part_hole(part, ctx, holes);
            });
        }
    }

    fn part_hole(&self, part: &'a WordPart, ctx: Ctx, holes: &mut Vec<Hole>) {
        let (start, end) = (part.span.start as usize, part.span.end as usize);
        let text = self.slice(part.span);
        let mut hole = |text: Vec<u8>| holes.push(Hole { start, end, text });
        let inner = Ctx {
            direct_dq: false,
            ..ctx
        };
        match &part.kind {
            PartKind::Quoted(value) if !ctx.direct_dq && text.starts_with(b"$'") => {
                holes.push(Hole {
                    start,
                    end: start + ansi_c_len(text),
                    text: if ctx.in_dq {
                        value.clone()
                    } else {
                        single_quote(value)
                    },
                });
            }
            // Protect single-quoted text from continuation removal.
            PartKind::Quoted(_) if !ctx.direct_dq && text.starts_with(b"'") => {
                let len = text[1..]
                    .iter()
                    .position(|&b| b == b'\'')
                    .map_or(text.len(), |i| i + 2);
                holes.push(Hole {
                    start,
                    end: start + len,
                    text: text[..len].to_vec(),
                });
            }
            PartKind::DoubleQuoted(parts) => {
                if text.starts_with(b"$\"") {
                    holes.push(Hole {
                        start,
                        end: start + 1,
                        text: Vec::new(),
                    });
                }
                let dq = Ctx {
                    direct_dq: true,
                    in_dq: true,
                };
                self.part_holes(parts, dq, holes);
            }
            PartKind::Param(pe) => self.param_holes(pe, inner, holes),
            PartKind::CommandSub {
                program,
                backquoted: false,
            } => match self.comsub_text(program) {
                Some(body) => hole([b"$(", &body[..], b")"].concat()),
                None => hole(text.to_vec()),
            },
            PartKind::ProcessSub { program, output } => match self.comsub_text(program) {
                Some(body) => {
                    let open: &[u8] = if *output { b">(" } else { b"<(" };
                    hole([open, &body[..], b")"].concat());
                }
                None => hole(text.to_vec()),
            },
            PartKind::Arith(at) => self.part_holes(&at.word.parts, inner, holes),
            PartKind::BraceList(alts)
            | PartKind::ExtGlob {
                alternatives: alts, ..
            } => {
                for alt in alts {
                    self.part_holes(alt, inner, holes);
                }
            }
            // The part's span may start with the `name=` before it.
            PartKind::ArrayLiteral(elements) => {
                let open = text.iter().position(|&b| b == b'(').unwrap_or(0);
                holes.push(Hole {
                    start: start + open,
                    end,
                    text: self.array_text(elements),
                });
            }
            _ => {}
        }
    }

    fn param_holes(&self, pe: &'a ParamExpansion, ctx: Ctx, holes: &mut Vec<Hole>) {
        if let Some(Subscript::Index(w)) = &pe.subscript {
            self.part_holes(&w.parts, ctx, holes);
        }
        for w in param_words(&pe.op) {
            self.part_holes(&w.parts, ctx, holes);
        }
    }
}

/// The operand words of a `${…}` operator.
fn param_words(op: &ParamOp) -> Vec<&Word> {
    match op {
        ParamOp::Default { word, .. }
        | ParamOp::Assign { word, .. }
        | ParamOp::Alternative { word, .. } => vec![word],
        ParamOp::Error { word, .. } => word.iter().collect(),
        ParamOp::RemovePrefix { pattern, .. } | ParamOp::RemoveSuffix { pattern, .. } => {
            vec![pattern]
        }
        ParamOp::Substring { offset, length } => std::iter::once(offset).chain(length).collect(),
        ParamOp::Replace {
            pattern,
            replacement,
            ..
        } => std::iter::once(pattern).chain(replacement).collect(),
        ParamOp::Case { pattern, .. } | ParamOp::Toggle { pattern, .. } => pattern.iter().collect(),
        _ => Vec::new(),
    }
}

/// The length of the `$'…'` at the start of `text` (all of it when the
/// closing quote is missing).
fn ansi_c_len(text: &[u8]) -> usize {
    let mut i = 2;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'\'' => return i + 1,
            _ => i += 1,
        }
    }
    text.len()
}

/// bash's `sh_single_quote`: `'…'` with each `'` as `'\''`; a lone `'`
/// is `\'`.
pub(super) fn single_quote(text: &[u8]) -> Vec<u8> {
    if text == b"'" {
        return b"\\'".to_vec();
    }
    let mut out = vec![b'\''];
    for &b in text {
        if b == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

/// Copies `text` without its backslash-newline pairs (an escaped
/// backslash before a newline stays).
fn drop_continuations(out: &mut Vec<u8>, text: &[u8]) {
    let mut i = 0;
    while i < text.len() {
        match (text[i], text.get(i + 1)) {
            (b'\\', Some(b'\n')) => i += 2,
            (b'\\', Some(&next)) => {
                out.extend_from_slice(&[b'\\', next]);
                i += 2;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
}

fn without_continuations(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    drop_continuations(&mut out, text);
    out
}

/// A here-document body rebuilt from its parts (for bodies whose source
/// text is not available).
pub(super) fn heredoc_fallback(word: &Word, p: &Printer<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    for part in &word.parts {
        match &part.kind {
            PartKind::Quoted(t) if matches!(t.as_slice(), b"$" | b"`" | b"\\") => {
                out.push(b'\\');
                out.extend_from_slice(t);
            }
            PartKind::Literal(t) | PartKind::Quoted(t) => out.extend_from_slice(t),
            _ => rebuild_parts(&mut out, std::slice::from_ref(part), true, p),
        }
    }
    out
}

/// Rebuilds parts in a canonical quoting (for text without usable spans).
fn rebuild_parts(out: &mut Vec<u8>, parts: &[WordPart], in_dq: bool, p: &Printer<'_>) {
    for (i, part) in parts.iter().enumerate() {
        let next_is_name = match parts.get(i + 1).map(|n| &n.kind) {
            Some(PartKind::Literal(t) | PartKind::Quoted(t)) => t
                .first()
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_'),
            _ => false,
        };
        rebuild_part(out, part, in_dq, next_is_name, p);
    }
}

fn rebuild_part(
    out: &mut Vec<u8>,
    part: &WordPart,
    in_dq: bool,
    next_is_name: bool,
    p: &Printer<'_>,
) {
    match &part.kind {
        PartKind::Literal(t) => out.extend_from_slice(t),
        PartKind::Quoted(t) if in_dq => {
            for &b in t {
                if matches!(b, b'$' | b'`' | b'"' | b'\\') {
                    out.push(b'\\');
                }
                out.push(b);
            }
        }
        PartKind::Quoted(t) => out.extend(single_quote(t)),
        PartKind::DoubleQuoted(inner) => {
            out.push(b'"');
            rebuild_parts(out, inner, true, p);
            out.push(b'"');
        }
        PartKind::Tilde(user) => {
            out.push(b'~');
            out.extend_from_slice(user);
        }
        PartKind::Param(pe) => rebuild_param(out, pe, in_dq, next_is_name, p),
        PartKind::CommandSub {
            program,
            backquoted,
        } => {
            let body = p.comsub_text(program).unwrap_or_default();
            if *backquoted {
                out.push(b'`');
                out.extend(body);
                out.push(b'`');
            } else {
                out.extend_from_slice(b"$(");
                out.extend(body);
                out.push(b')');
            }
        }
        PartKind::Arith(at) => {
            out.extend_from_slice(b"$((");
            rebuild_parts(out, &at.word.parts, true, p);
            out.extend_from_slice(b"))");
        }
        PartKind::ProcessSub { program, output } => {
            out.extend_from_slice(if *output { b">(" } else { b"<(" });
            out.extend(p.comsub_text(program).unwrap_or_default());
            out.push(b')');
        }
        PartKind::BraceList(alts) => {
            out.push(b'{');
            for (i, alt) in alts.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                rebuild_parts(out, alt, in_dq, p);
            }
            out.push(b'}');
        }
        PartKind::BraceRange { start, end, step } => {
            out.push(b'{');
            out.extend_from_slice(start);
            out.extend_from_slice(b"..");
            out.extend_from_slice(end);
            if let Some(step) = step {
                out.extend_from_slice(format!("..{step}").as_bytes());
            }
            out.push(b'}');
        }
        PartKind::ArrayLiteral(elements) => out.extend(p.array_text(elements)),
        PartKind::ExtGlob { op, alternatives } => {
            out.push(*op);
            out.push(b'(');
            for (i, alt) in alternatives.iter().enumerate() {
                if i > 0 {
                    out.push(b'|');
                }
                rebuild_parts(out, alt, in_dq, p);
            }
            out.push(b')');
        }
    }
}

fn rebuild_param(
    out: &mut Vec<u8>,
    pe: &ParamExpansion,
    in_dq: bool,
    next_is_name: bool,
    p: &Printer<'_>,
) {
    let name: Vec<u8> = match &pe.name {
        ParamName::Variable(n) => n.clone(),
        ParamName::Positional(n) => n.to_string().into_bytes(),
        ParamName::Special(c) => vec![*c],
    };
    let short = pe.subscript.is_none()
        && !pe.indirect
        && matches!(pe.op, ParamOp::Plain)
        && match &pe.name {
            ParamName::Variable(_) => !next_is_name,
            ParamName::Positional(n) => *n < 10,
            ParamName::Special(_) => true,
        };
    out.push(b'$');
    if short {
        out.extend_from_slice(&name);
        return;
    }
    out.push(b'{');
    if matches!(pe.op, ParamOp::Length) {
        out.push(b'#');
    }
    if pe.indirect || matches!(pe.op, ParamOp::PrefixNames { .. } | ParamOp::Keys { .. }) {
        out.push(b'!');
    }
    if let ParamOp::Bad(text) = &pe.op {
        out.extend_from_slice(text);
        out.push(b'}');
        return;
    }
    out.extend_from_slice(&name);
    match &pe.subscript {
        Some(Subscript::At) => out.extend_from_slice(b"[@]"),
        Some(Subscript::Star) => out.extend_from_slice(b"[*]"),
        Some(Subscript::Index(w)) => {
            out.push(b'[');
            rebuild_parts(out, &w.parts, in_dq, p);
            out.push(b']');
        }
        None => {}
    }
    rebuild_param_op(out, &pe.op, in_dq, p);
    out.push(b'}');
}

fn rebuild_param_op(out: &mut Vec<u8>, op: &ParamOp, in_dq: bool, p: &Printer<'_>) {
    let colon = |c: bool| -> &[u8] {
        if c {
            b":"
        } else {
            b""
        }
    };
    let (head, words): (Vec<u8>, Vec<&Word>) = match op {
        ParamOp::Default { colon: c, word } => ([colon(*c), b"-"].concat(), vec![word]),
        ParamOp::Assign { colon: c, word } => ([colon(*c), b"="].concat(), vec![word]),
        ParamOp::Error { colon: c, word } => ([colon(*c), b"?"].concat(), word.iter().collect()),
        ParamOp::Alternative { colon: c, word } => ([colon(*c), b"+"].concat(), vec![word]),
        ParamOp::RemovePrefix { longest, pattern } => (
            if *longest {
                b"##".to_vec()
            } else {
                b"#".to_vec()
            },
            vec![pattern],
        ),
        ParamOp::RemoveSuffix { longest, pattern } => (
            if *longest {
                b"%%".to_vec()
            } else {
                b"%".to_vec()
            },
            vec![pattern],
        ),
        ParamOp::Substring { offset, length } => {
            out.push(b':');
            rebuild_parts(out, &offset.parts, in_dq, p);
            if let Some(length) = length {
                out.push(b':');
                rebuild_parts(out, &length.parts, in_dq, p);
            }
            return;
        }
        ParamOp::Replace {
            mode,
            pattern,
            replacement,
        } => {
            out.extend_from_slice(match mode {
                ReplaceMode::First => b"/",
                ReplaceMode::All => b"//",
                ReplaceMode::Prefix => b"/#",
                ReplaceMode::Suffix => b"/%",
            });
            rebuild_parts(out, &pattern.parts, in_dq, p);
            if let Some(r) = replacement {
                out.push(b'/');
                rebuild_parts(out, &r.parts, in_dq, p);
            }
            return;
        }
        ParamOp::Case {
            upper,
            all,
            pattern,
        } => {
            let c = if *upper { b'^' } else { b',' };
            let head = if *all { vec![c, c] } else { vec![c] };
            (head, pattern.iter().collect())
        }
        ParamOp::Toggle { all, pattern } => (
            if *all { b"~~".to_vec() } else { b"~".to_vec() },
            pattern.iter().collect(),
        ),
        ParamOp::Transform(c) => (vec![b'@', *c], Vec::new()),
        ParamOp::PrefixNames { star } => (
            if *star { b"*".to_vec() } else { b"@".to_vec() },
            Vec::new(),
        ),
        ParamOp::Keys { star } => (
            if *star {
                b"[*]".to_vec()
            } else {
                b"[@]".to_vec()
            },
            Vec::new(),
        ),
        ParamOp::Plain | ParamOp::Length | ParamOp::Bad(_) => (Vec::new(), Vec::new()),
    };
    out.extend_from_slice(&head);
    for w in words {
        rebuild_parts(out, &w.parts, in_dq, p);
    }
}
