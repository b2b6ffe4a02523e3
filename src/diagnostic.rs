//! The one place that renders errors for people: a first line editors and
//! CI can parse, `whelk: FILE:LINE:COL: message`, then the source line and
//! a caret under the column.

use crate::syntax::{ParseError, ParseErrorKind, Source, Span};

/// `whelk: FILE:LINE:COL: message` plus the line and a caret.
pub fn render(source: &Source, span: Span, message: &str) -> Vec<u8> {
    let at = source.line_col(span.start);
    let mut out = Vec::new();
    out.extend_from_slice(b"whelk: ");
    out.extend_from_slice(&source.name);
    out.extend_from_slice(format!(":{}:{}: {}\n", at.line, at.column, message).as_bytes());
    let line = source.line_text(span.start);
    if !line.is_empty() && line.len() <= 500 {
        let gutter = format!("{:>5} | ", at.line);
        out.extend_from_slice(gutter.as_bytes());
        out.extend_from_slice(line);
        out.push(b'\n');
        out.extend_from_slice(b"      | ");
        for &b in line.iter().take(at.column - 1) {
            out.push(if b == b'\t' { b'\t' } else { b' ' });
        }
        let width = (span.end.saturating_sub(span.start) as usize).clamp(1, line.len().max(1));
        out.extend(std::iter::repeat_n(
            b'^',
            width.min(line.len() + 1 - at.column.min(line.len())),
        ));
        out.push(b'\n');
    }
    out
}

/// A runtime error: the one line `whelk: FILE:LINE:COL: message`. (Scripts
/// often capture and search stderr, so runtime errors carry no excerpt.)
pub fn render_runtime(source: &Source, span: Span, message: &[u8]) -> Vec<u8> {
    let at = source.line_col(span.start);
    let mut out = b"whelk: ".to_vec();
    out.extend_from_slice(&source.name);
    out.extend_from_slice(format!(":{}:{}: ", at.line, at.column).as_bytes());
    out.extend_from_slice(message);
    out.push(b'\n');
    out
}

/// A syntax error, naming the construct left open when there is one.
pub fn render_parse_error(source: &Source, error: &ParseError) -> Vec<u8> {
    let mut message = match error.kind {
        ParseErrorKind::TooDeep => format!("syntax error: {}", error.message),
        _ if error.message.starts_with("syntax error") => error.message.clone(),
        _ => format!("syntax error: {}", error.message),
    };
    if let Some((what, span)) = &error.opened {
        let at = source.line_col(span.start);
        if !error.message.contains("opened at") {
            message.push_str(&format!(" ({what} opened at {}:{})", at.line, at.column));
        }
    }
    render(source, error.span, &message)
}
