//! Parameter expansions: `$name`, `$1`, `$@`, and every `${…}` form, POSIX
//! and bash, parsed into [`ParamExpansion`].
//!
//! Unknown operators are not syntax errors: like bash and dash, whelk
//! reports "bad substitution" only when such an expansion is evaluated, so
//! the text is kept as [`ParamOp::Bad`].

use super::ast::{ParamExpansion, ParamName, ParamOp, ReplaceMode, Subscript, Word};
use super::error::ParseError;
use super::parser::{is_name_char, is_name_start, PResult, Parser};
use super::word::WordMode;

fn is_special(b: u8) -> bool {
    matches!(b, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!' | b'0')
}

impl Parser<'_> {
    /// `$name`, `$1`, `$?`… with the cursor on `$`; `None` when the `$` is
    /// not followed by a parameter.
    pub(super) fn unbraced_param(&mut self) -> Option<ParamExpansion> {
        let b = self.peek_at(1)?;
        let name = if is_name_start(b) {
            self.pos += 1;
            ParamName::Variable(self.name()?)
        } else if b.is_ascii_digit() && b != b'0' {
            self.pos += 2;
            ParamName::Positional(u32::from(b - b'0'))
        } else if is_special(b) {
            self.pos += 2;
            ParamName::Special(b)
        } else {
            return None;
        };
        Some(ParamExpansion {
            name,
            subscript: None,
            indirect: false,
            op: ParamOp::Plain,
        })
    }

    /// `${…}` with the cursor on `$`.
    pub(super) fn braced_param(&mut self, in_dquote: bool) -> PResult<ParamExpansion> {
        let start = self.pos;
        self.pos += 2;
        let result = self.nested(|p| p.braced_param_inner(in_dquote));
        let param = result.map_err(|e| e.with_opened("`${`", self.span(start, start + 2)))?;
        if self.peek() != Some(b'}') {
            if self.at_end() {
                return Err(ParseError::incomplete(
                    "unexpected end of file: `${` is not closed by `}`",
                    self.span_here(),
                )
                .with_opened("`${`", self.span(start, start + 2)));
            }
            return Err(self.error_here("bad substitution: expected `}`"));
        }
        self.pos += 1;
        Ok(param)
    }

    fn braced_param_inner(&mut self, in_dquote: bool) -> PResult<ParamExpansion> {
        // ${#x}: length, unless `#` is itself the parameter (${#}, ${#-x}).
        if self.peek() == Some(b'#') && self.length_follows() {
            self.pos += 1;
            if let Some((name, subscript)) = self.param_name_and_subscript()? {
                return Ok(ParamExpansion {
                    name,
                    subscript,
                    indirect: false,
                    op: ParamOp::Length,
                });
            }
            return self.bad_param();
        }
        let mut indirect = false;
        if self.peek() == Some(b'!') && !matches!(self.peek_at(1), Some(b'}')) {
            if let Some(p) = self.prefix_or_keys()? {
                return Ok(p);
            }
            self.pos += 1;
            indirect = true;
        }
        let Some((name, subscript)) = self.param_name_and_subscript()? else {
            return self.bad_param();
        };
        let op = self.param_op(in_dquote)?;
        Ok(ParamExpansion {
            name,
            subscript,
            indirect,
            op,
        })
    }

    /// After `${`, on `#`: is this `${#param}` (length)?
    fn length_follows(&self) -> bool {
        let rest = &self.rest()[1..];
        let Some(&b) = rest.first() else {
            return false;
        };
        let len = if is_name_start(b) {
            rest.iter().take_while(|&&c| is_name_char(c)).count()
        } else if b.is_ascii_digit() {
            rest.iter().take_while(|c| c.is_ascii_digit()).count()
        } else if is_special(b) {
            1
        } else {
            return false;
        };
        matches!(rest.get(len), Some(b'}') | Some(b'['))
    }

    /// `${!prefix*}`, `${!prefix@}`, `${!a[@]}`, `${!a[*]}`; cursor on `!`.
    fn prefix_or_keys(&mut self) -> PResult<Option<ParamExpansion>> {
        let rest = &self.rest()[1..];
        let len = rest.iter().take_while(|&&c| is_name_char(c)).count();
        if len == 0 || !is_name_start(rest[0]) {
            return Ok(None);
        }
        let name = rest[..len].to_vec();
        let tail = &rest[len..];
        let op = if tail.starts_with(b"*}") || tail.starts_with(b"@}") {
            let star = tail[0] == b'*';
            self.pos += 1 + len + 1;
            ParamOp::PrefixNames { star }
        } else if tail.starts_with(b"[@]}") || tail.starts_with(b"[*]}") {
            let star = tail[1] == b'*';
            self.pos += 1 + len + 3;
            ParamOp::Keys { star }
        } else {
            return Ok(None);
        };
        Ok(Some(ParamExpansion {
            name: ParamName::Variable(name),
            subscript: None,
            indirect: false,
            op,
        }))
    }

    /// A `${…}` body that names no parameter: kept whole as `Bad`.
    fn bad_param(&mut self) -> PResult<ParamExpansion> {
        let start = self.pos;
        self.operand(false, false, false)?;
        Ok(ParamExpansion {
            name: ParamName::Variable(Vec::new()),
            subscript: None,
            indirect: false,
            op: ParamOp::Bad(self.buf[start..self.pos].to_vec()),
        })
    }

    fn param_name_and_subscript(&mut self) -> PResult<Option<(ParamName, Option<Subscript>)>> {
        let name = match self.peek() {
            Some(b) if is_name_start(b) => ParamName::Variable(self.name().unwrap_or_default()),
            Some(b) if b.is_ascii_digit() => {
                let digits: Vec<u8> = self
                    .rest()
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .copied()
                    .collect();
                self.pos += digits.len();
                if digits == b"0" {
                    ParamName::Special(b'0')
                } else {
                    let n = std::str::from_utf8(&digits)
                        .ok()
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(u32::MAX);
                    ParamName::Positional(n)
                }
            }
            // `${${…}}` and `${$(…)}`: the `$` starts a nested expansion
            // (bad as a whole, but its braces and parentheses nest, as
            // bash reads them), not the PID parameter.
            Some(b'$') if matches!(self.peek_at(1), Some(b'{' | b'(')) => return Ok(None),
            Some(b) if is_special(b) => {
                self.pos += 1;
                ParamName::Special(b)
            }
            _ => return Ok(None),
        };
        let subscript = if self.peek() == Some(b'[') && matches!(name, ParamName::Variable(_)) {
            Some(self.subscript()?)
        } else {
            None
        };
        Ok(Some((name, subscript)))
    }

    /// `[…]` after a name, cursor on `[`.
    pub(super) fn subscript(&mut self) -> PResult<Subscript> {
        self.pos += 1;
        let word = self.word_in_mode(WordMode::Subscript)?;
        if self.peek() != Some(b']') {
            if self.at_end() {
                return Err(ParseError::incomplete(
                    "unexpected end of file in array subscript",
                    self.span_here(),
                ));
            }
            return Err(self.error_here("expected `]` to close the subscript"));
        }
        self.pos += 1;
        Ok(match word.as_literal() {
            Some(b"@") => Subscript::At,
            Some(b"*") => Subscript::Star,
            _ => Subscript::Index(word),
        })
    }

    /// A word operand (`- = ? +`, offsets): quotes as the context has them.
    fn operand(&mut self, in_dquote: bool, stop_slash: bool, stop_colon: bool) -> PResult<Word> {
        self.word_in_mode(WordMode::Param {
            in_dquote,
            pattern: false,
            stop_slash,
            stop_colon,
        })
    }

    /// A pattern or replacement operand (`# % / ^ ,`).
    fn pattern_operand(&mut self, in_dquote: bool, stop_slash: bool) -> PResult<Word> {
        self.word_in_mode(WordMode::Param {
            in_dquote,
            pattern: true,
            stop_slash,
            stop_colon: false,
        })
    }

    fn param_op(&mut self, q: bool) -> PResult<ParamOp> {
        let Some(b) = self.peek() else {
            return Ok(ParamOp::Plain);
        };
        let next = self.peek_at(1);
        let op = match b {
            b'}' => return Ok(ParamOp::Plain),
            b':' if matches!(next, Some(b'-' | b'=' | b'?' | b'+')) => {
                self.pos += 1;
                return self.default_family(true, q);
            }
            b'-' | b'=' | b'?' | b'+' => return self.default_family(false, q),
            b'#' | b'%' => {
                let longest = next == Some(b);
                self.pos += if longest { 2 } else { 1 };
                let pattern = self.pattern_operand(q, false)?;
                if b == b'#' {
                    ParamOp::RemovePrefix { longest, pattern }
                } else {
                    ParamOp::RemoveSuffix { longest, pattern }
                }
            }
            b'/' => {
                self.pos += 1;
                let mode = match self.peek() {
                    Some(b'/') => ReplaceMode::All,
                    Some(b'#') => ReplaceMode::Prefix,
                    Some(b'%') => ReplaceMode::Suffix,
                    _ => ReplaceMode::First,
                };
                if mode != ReplaceMode::First {
                    self.pos += 1;
                }
                let pattern = self.pattern_operand(q, true)?;
                let replacement = if self.peek() == Some(b'/') {
                    self.pos += 1;
                    Some(self.pattern_operand(q, false)?)
                } else {
                    None
                };
                ParamOp::Replace {
                    mode,
                    pattern,
                    replacement,
                }
            }
            b'~' => {
                let all = next == Some(b'~');
                self.pos += if all { 2 } else { 1 };
                let pattern = self.pattern_operand(q, false)?;
                let pattern = (!pattern.parts.is_empty()).then_some(pattern);
                ParamOp::Toggle { all, pattern }
            }
            b'^' | b',' => {
                let all = next == Some(b);
                self.pos += if all { 2 } else { 1 };
                let pattern = self.pattern_operand(q, false)?;
                let pattern = (!pattern.parts.is_empty()).then_some(pattern);
                ParamOp::Case {
                    upper: b == b'^',
                    all,
                    pattern,
                }
            }
            b'@' if next.is_some_and(|c| b"QEPAaUuLKk".contains(&c))
                && self.peek_at(2) == Some(b'}') =>
            {
                self.pos += 2;
                ParamOp::Transform(next.unwrap_or(b'Q'))
            }
            b':' => {
                self.pos += 1;
                let start = self.pos;
                let offset = self.operand(q, false, true)?;
                // `${x:}` is a bad substitution; `${x::2}` has offset 0.
                if offset.parts.is_empty() && self.peek() != Some(b':') {
                    let _ = self.operand(q, false, false)?;
                    return Ok(ParamOp::Bad(self.buf[start - 1..self.pos].to_vec()));
                }
                let length = if self.peek() == Some(b':') {
                    self.pos += 1;
                    Some(self.operand(q, false, false)?)
                } else {
                    None
                };
                ParamOp::Substring { offset, length }
            }
            _ => {
                let start = self.pos;
                let _ = self.operand(q, false, false)?;
                ParamOp::Bad(self.buf[start..self.pos].to_vec())
            }
        };
        Ok(op)
    }

    /// `- = ? +` after an optional `:` (cursor on the operator).
    fn default_family(&mut self, colon: bool, q: bool) -> PResult<ParamOp> {
        let b = self.peek().unwrap_or(b'-');
        self.pos += 1;
        let word = self.operand(q, false, false)?;
        Ok(match b {
            b'-' => ParamOp::Default { colon, word },
            b'=' => ParamOp::Assign { colon, word },
            b'?' => ParamOp::Error {
                colon,
                word: (!word.parts.is_empty()).then_some(word),
            },
            _ => ParamOp::Alternative { colon, word },
        })
    }
}
