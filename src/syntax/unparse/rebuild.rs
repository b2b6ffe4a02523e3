//! Words rebuilt from their parts in a canonical quoting, for text whose
//! spans do not point at it (alias expansions): `'…'` for quoted text,
//! `"…"` with backslashes inside double quotes, `${…}` for expansions.
//! Entry point: [`rebuild_parts`].

use super::word::single_quote;
use super::Printer;
use crate::syntax::ast::{
    ParamExpansion, ParamName, ParamOp, PartKind, ReplaceMode, Subscript, Word, WordPart,
};

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
pub(super) fn rebuild_parts(out: &mut Vec<u8>, parts: &[WordPart], in_dq: bool, p: &Printer<'_>) {
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
