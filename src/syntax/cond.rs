//! The `[[ … ]]` expression grammar: `!`, `&&`, `||`, parentheses, unary
//! and binary tests. Inside `[[ ]]` words are not split or globbed, `<` and
//! `>` compare strings, the right side of `==`/`!=` is a pattern (extglob
//! always on, as in bash) and the right side of `=~` is a regular
//! expression whose parentheses and `|` need no quoting.

use super::ast::CondExpr;
use super::ast::Word;
use super::parser::{PResult, Parser};
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
        self.cond_blanks()?;
        if self.at_keyword(b"]]") {
            return Err(self.unexpected());
        }
        let expr = self.cond_or()?;
        self.cond_blanks()?;
        if !self.keyword(b"]]") {
            if self.at_end() {
                return Err(self.unclosed_cond(start));
            }
            return Err(self.unexpected());
        }
        Ok(expr)
    }

    fn unclosed_cond(&self, start: usize) -> super::error::ParseError {
        super::error::ParseError::incomplete(
            "unexpected end of file: `[[` is never closed by `]]`",
            self.span_here(),
        )
        .with_opened("`[[`", self.span(start, start + 2))
    }

    /// Newlines are allowed anywhere between the tokens of `[[ ]]`.
    fn cond_blanks(&mut self) -> PResult<()> {
        self.linebreak()
    }

    fn cond_or(&mut self) -> PResult<CondExpr> {
        let mut left = self.cond_and()?;
        loop {
            self.cond_blanks()?;
            if !self.operator(b"||") {
                return Ok(left);
            }
            let right = self.cond_and()?;
            left = CondExpr::Or(Box::new(left), Box::new(right));
        }
    }

    fn cond_and(&mut self) -> PResult<CondExpr> {
        let mut left = self.cond_not()?;
        loop {
            self.cond_blanks()?;
            if !self.operator(b"&&") {
                return Ok(left);
            }
            let right = self.cond_not()?;
            left = CondExpr::And(Box::new(left), Box::new(right));
        }
    }

    fn cond_not(&mut self) -> PResult<CondExpr> {
        self.cond_blanks()?;
        if self.keyword(b"!") {
            let inner = self.nested(|p| p.cond_not())?;
            return Ok(CondExpr::Not(Box::new(inner)));
        }
        self.cond_primary()
    }

    fn cond_primary(&mut self) -> PResult<CondExpr> {
        self.cond_blanks()?;
        if self.operator(b"(") {
            let inner = self.nested(|p| p.cond_or())?;
            self.cond_blanks()?;
            if !self.operator(b")") {
                return Err(self.unexpected());
            }
            return Ok(inner);
        }
        let first = self.cond_word()?;
        // A unary operator applies when an operand follows it.
        if let Some(op) = first.as_literal().filter(|w| UNARY.contains(w)) {
            let op = op.to_vec();
            self.cond_blanks()?;
            if !self.cond_at_end() {
                let operand = self.cond_word()?;
                return Ok(CondExpr::Unary { op, operand });
            }
        }
        self.cond_blanks()?;
        if let Some(op) = self.cond_binary_op() {
            self.cond_blanks()?;
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
            return Ok(CondExpr::Binary {
                op,
                left: first,
                right,
            });
        }
        Ok(CondExpr::Word(first))
    }

    fn cond_at_end(&self) -> bool {
        self.at_keyword(b"]]")
            || matches!(self.peek_operator(), Some(b"&&" | b"||" | b")"))
            || self.at_end()
    }

    fn cond_binary_op(&mut self) -> Option<Vec<u8>> {
        if matches!(self.peek_operator(), Some(b"<" | b">")) {
            let op = vec![self.buf[self.pos]];
            self.pos += 1;
            return Some(op);
        }
        let op = BINARY.iter().find(|op| {
            op.len() > 1 && self.at_keyword(op) || (op.len() == 1 && self.at_keyword(op))
        })?;
        self.pos += op.len();
        Some(op.to_vec())
    }

    fn cond_word(&mut self) -> PResult<Word> {
        if self.at_keyword(b"]]") || self.at_end() {
            if self.at_end() {
                return Err(super::error::ParseError::incomplete(
                    "unexpected end of file in `[[ ]]`",
                    self.span_here(),
                ));
            }
            return Err(self.unexpected());
        }
        match self.word()? {
            Some(word) => Ok(word),
            None => Err(self.unexpected()),
        }
    }

    fn regex_word(&mut self) -> PResult<Word> {
        if self.at_keyword(b"]]") || self.at_end() {
            return Err(self.unexpected());
        }
        let word = self.word_in_mode(WordMode::Regex)?;
        if word.parts.is_empty() {
            return Err(self.unexpected());
        }
        Ok(word)
    }
}
