//! Words for the unparser: the source text of each word, with the parts
//! bash rewrites at parse time replaced (`$(…)` and `<(…)` bodies
//! reformatted, `$'…'` single-quoted, `$"…"` double-quoted, compound array
//! values rejoined) and backslash-newline continuations removed outside
//! single quotes. Words whose spans do not match their parts (text that
//! came from an alias) are rebuilt from the parts instead.

use super::Printer;
use crate::syntax::ast::{
    ArithText, ArrayElement, AssignValue, Assignment, ParamExpansion, ParamOp, PartKind, Subscript,
    Word, WordPart,
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
        self.render(w, false)
    }

    /// Arithmetic text: parsed like the inside of double quotes.
    pub(super) fn render_arith(&self, w: &'a Word) -> Vec<u8> {
        self.render(w, true)
    }

    fn render(&self, w: &'a Word, dq: bool) -> Vec<u8> {
        if self.fits_in(w.span, &w.parts, dq) {
            let mut holes = Vec::new();
            let ctx = Ctx {
                direct_dq: dq,
                in_dq: dq,
            };
            self.part_holes(&w.parts, ctx, &mut holes);
            if let Some(text) = self.splice(w.span, holes) {
                return text;
            }
        }
        let mut out = Vec::new();
        super::rebuild::rebuild_parts(&mut out, &w.parts, dq, self);
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
    pub(super) fn array_text(&self, elements: &'a [ArrayElement]) -> Vec<u8> {
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
        let out = if inner.start >= outer.start && inner.end <= outer.end {
            self.render_arith(&text.word)
        } else {
            let mut out = Vec::new();
            super::rebuild::rebuild_parts(&mut out, &text.word.parts, true, self);
            out
        };
        self.put(&out);
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
        self.fits_in(span, parts, false)
    }

    fn fits_in(&self, span: Span, parts: &[WordPart], in_dq: bool) -> bool {
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
            if !self.part_fits(part, in_dq) {
                return false;
            }
        }
        true
    }

    /// Whether the source under a part starts the way the part must.
    fn part_fits(&self, part: &WordPart, in_dq: bool) -> bool {
        let text = self.slice(part.span);
        let first = text.first().copied();
        match &part.kind {
            PartKind::Literal(lit) => without_continuations(text).starts_with(lit),
            PartKind::Quoted(q) if in_dq => first == Some(b'\\') || text.starts_with(q),
            PartKind::Quoted(_) => matches!(first, Some(b'\'' | b'\\' | b'$')),
            PartKind::DoubleQuoted(inner) => {
                (first == Some(b'"') || text.starts_with(b"$\""))
                    && self.fits_in(part.span, inner, true)
            }
            PartKind::Param(_) | PartKind::Arith(_) => first == Some(b'$'),
            PartKind::CommandSub { backquoted, .. } => {
                text.starts_with(if *backquoted { b"`" } else { b"$(" })
            }
            PartKind::ProcessSub { .. } => matches!(first, Some(b'<' | b'>')),
            PartKind::Tilde(_) => first == Some(b'~'),
            PartKind::BraceList(_) | PartKind::BraceRange { .. } => first == Some(b'{'),
            PartKind::ExtGlob { op, .. } => first == Some(*op),
            PartKind::ArrayLiteral(_) => text.contains(&b'('),
        }
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
