//! [`ParseError`]: what went wrong while parsing, and where.
//!
//! `Incomplete` is its own kind so the REPL and the stdin reader can ask for
//! more input instead of reporting an error.

use super::source::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// The input ended inside an open construct; more input may complete it.
    Incomplete,
    /// The input is wrong whatever follows.
    Syntax,
    /// Nesting deeper than the parser allows.
    TooDeep,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub message: String,
    pub span: Span,
    /// The construct left open, and where it was opened: ("`if`", span).
    pub opened: Option<(String, Span)>,
}

impl ParseError {
    pub fn syntax(message: impl Into<String>, span: Span) -> ParseError {
        ParseError {
            kind: ParseErrorKind::Syntax,
            message: message.into(),
            span,
            opened: None,
        }
    }

    pub fn incomplete(message: impl Into<String>, span: Span) -> ParseError {
        ParseError {
            kind: ParseErrorKind::Incomplete,
            message: message.into(),
            span,
            opened: None,
        }
    }

    pub fn is_incomplete(&self) -> bool {
        self.kind == ParseErrorKind::Incomplete
    }

    pub fn with_opened(mut self, what: &str, span: Span) -> ParseError {
        if self.opened.is_none() {
            self.opened = Some((what.to_string(), span));
        }
        self
    }
}
