//! The `[[ … ]]` expression grammar: `!`, `&&`, `||`, parentheses, unary
//! and binary tests. Inside `[[ ]]` words are not split or globbed, `<` and
//! `>` compare strings, the right side of `==`/`!=` is a pattern (extglob
//! always on, as in bash) and the right side of `=~` is a regular
//! expression whose parentheses and `|` need no quoting.

use super::ast::{CondExpr, Word};
use super::error::{ParseError, ParseErrorKind};
use super::parser::{PResult, Parser, MAX_DEPTH};
use super::word::WordMode;

const UNARY: &[&[u8]] = &[
    b"-a", b"-b", b"-c", b"-d", b"-e", b"-f", b"-g", b"-h", b"-k", b"-p", b"-r", b"-s", b"-t",
    b"-u", b"-w", b"-x", b"-G", b"-L", b"-N", b"-O", b"-S", b"-z", b"-n", b"-o", b"-v", b"-R",
];

const BINARY: &[&[u8]] = &[
    b"==", b"=", b"!=", b"=~", b"<", b">", b"-eq", b"-ne", b"-lt", b"-le", b"-gt", b"-ge", b"-nt",
    b"-ot", b"-ef",
];

impl Parser<'_> {
    /// The body of `[[ … ]]` after `[[`, through the closing `]]`.
    pub(super) fn cond_command(&mut self, start: usize) -> PResult<CondExpr> {
        let expr = self.cond_or(start)?;
        if self.keyword(b"]]") {
            return Ok(expr);
        }
        if self.at_end() {
            return Err(self.unclosed_cond(start));
        }
        Err(self.cond_error("syntax error in conditional expression: unexpected token"))
    }

    fn unclosed_cond(&self, start: usize) -> ParseError {
        ParseError::incomplete(
            "unexpected end of file: `[[` is never closed by `]]`",
            self.span_here(),
        )
        .with_opened("`[[`", self.span(start, start + 2))
    }

    /// `MESSAGE `tok'` at the next token (`newline` for a newline or the
    /// end of the input), as bash words its `[[ ]]` errors.
    fn cond_error(&self, message: &str) -> ParseError {
        let token = if self.at_end() {
            "newline".to_string()
        } else {
            self.describe_token()
        };
        let (head, tail) = message.split_once('|').unwrap_or((message, ""));
        ParseError::syntax(
            format!("{head} `{token}'{tail}"),
            self.span(self.pos, self.pos + self.token_len()),
        )
    }

    /// Where a new term may start (after `[[`, `&&`, `||`, `!` and `(`)
    /// newlines are allowed; the end of the input there is incomplete.
    fn cond_term_start(&mut self, start: usize) -> PResult<()> {
        self.linebreak()?;
        if self.at_end() {
            return Err(self.unclosed_cond(start));
        }
        Ok(())
    }

    /// `a || b || …`. Chains are built left-deep, so their length is
    /// bounded like any nesting (the tree is dropped and run recursively).
    fn cond_or(&mut self, start: usize) -> PResult<CondExpr> {
        let mut left = self.cond_and(start)?;
        let mut terms = 1;
        loop {
            self.linebreak()?;
            if !self.operator(b"||") {
                return Ok(left);
            }
            terms += 1;
            self.check_cond_chain(terms)?;
            let right = self.cond_and(start)?;
            left = CondExpr::Or(Box::new(left), Box::new(right));
        }
    }

    fn cond_and(&mut self, start: usize) -> PResult<CondExpr> {
        let mut left = self.cond_not(start)?;
        let mut terms = 1;
        loop {
            self.linebreak()?;
            if !self.operator(b"&&") {
                return Ok(left);
            }
            terms += 1;
            self.check_cond_chain(terms)?;
            let right = self.cond_not(start)?;
            left = CondExpr::And(Box::new(left), Box::new(right));
        }
    }

    fn check_cond_chain(&self, terms: usize) -> PResult<()> {
        if terms > MAX_DEPTH {
            return Err(ParseError {
                kind: ParseErrorKind::TooDeep,
                message: format!("more than {MAX_DEPTH} terms joined by `&&` or `||` in `[[ ]]`"),
                span: self.span(self.pos, self.pos + 1),
                opened: None,
            });
        }
        Ok(())
    }

    fn cond_not(&mut self, start: usize) -> PResult<CondExpr> {
        self.cond_term_start(start)?;
        if self.keyword(b"!") {
            let inner = self.nested(|p| p.cond_not(start))?;
            return Ok(CondExpr::Not(Box::new(inner)));
        }
        self.cond_primary(start)
    }

    fn cond_primary(&mut self, start: usize) -> PResult<CondExpr> {
        if self.operator(b"(") {
            let inner = self.nested(|p| p.cond_or(start))?;
            if self.operator(b")") {
                return Ok(inner);
            }
            if self.at_end() {
                return Err(self.unclosed_cond(start));
            }
            return Err(self.cond_error("unexpected token|, expected `)`"));
        }
        if self.cond_at_operator() {
            return Err(self.cond_error("unexpected token| in conditional command"));
        }
        let first = self.cond_word()?;
        self.skip_blanks();
        // A unary operator always takes the next word as its operand.
        if let Some(op) = first.as_literal().filter(|w| UNARY.contains(w)) {
            let op = op.to_vec();
            if self.cond_at_operator() || self.at_line_end() {
                return Err(self.cond_error("unexpected argument| to conditional unary operator"));
            }
            let operand = self.cond_word()?;
            return Ok(CondExpr::Unary { op, operand });
        }
        if self.cond_at_operator() {
            return Ok(CondExpr::Word(first));
        }
        if self.at_line_end() {
            return Err(self.cond_error("unexpected token|, conditional binary operator expected"));
        }
        let Some(op) = self.cond_binary_op() else {
            return Err(self.cond_error("conditional binary operator expected, got"));
        };
        self.skip_blanks();
        // A regular expression may start with `(`.
        let regex_start = op == b"=~" && self.peek() == Some(b'(');
        if (self.cond_at_operator() && !regex_start) || self.at_line_end() {
            return Err(self.cond_error("unexpected argument| to conditional binary operator"));
        }
        let right = if op == b"=~" {
            self.regex_word()?
        } else if op == b"==" || op == b"=" || op == b"!=" {
            let extglob = self.opts.extglob;
            self.opts.extglob = true;
            let word = self.cond_word();
            self.opts.extglob = extglob;
            word?
        } else {
            self.cond_word()?
        };
        Ok(CondExpr::Binary {
            op,
            left: first,
            right,
        })
    }

    /// `]]` or an operator that cannot be an operand: `&&`, `||`, `(`,
    /// `)`, `;`, `&`, `|`.
    fn cond_at_operator(&self) -> bool {
        self.at_keyword(b"]]")
            || matches!(
                self.peek_operator(),
                Some(b"&&" | b"||" | b"(" | b")" | b";" | b"&" | b"|" | b";;" | b"|&")
            )
    }

    fn at_line_end(&self) -> bool {
        self.at_end() || self.peek() == Some(b'\n') || self.peek() == Some(b'#')
    }

    fn cond_binary_op(&mut self) -> Option<Vec<u8>> {
        if matches!(self.peek_operator(), Some(b"<" | b">")) {
            let op = vec![self.buf[self.pos]];
            self.pos += 1;
            return Some(op);
        }
        let op = BINARY.iter().find(|op| self.at_keyword(op))?;
        self.pos += op.len();
        Some(op.to_vec())
    }

    fn cond_word(&mut self) -> PResult<Word> {
        match self.word()? {
            Some(word) => Ok(word),
            None => Err(self.cond_error("unexpected token| in conditional command")),
        }
    }

    fn regex_word(&mut self) -> PResult<Word> {
        let word = self.word_in_mode(WordMode::Regex)?;
        if word.parts.is_empty() {
            return Err(self.cond_error("unexpected argument| to conditional binary operator"));
        }
        Ok(word)
    }
}
