//! Tokenizer for arithmetic expressions: nom token parsers plus bash's
//! context rules (`++`/`--` meaning depends on the previous token) and
//! integer-constant decoding (`0x`, octal, `base#digits`).
//! Main entry point: [`Lexer::advance`], driven by the parser in `super`.

use super::ArithSyntaxError;
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while_m_n};
use nom::combinator::{recognize, value};
use nom::{IResult, Parser};

/// Operator tokens. `Assign(None)` is plain `=`; `Assign(Some(op))` is `op=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    LParen,
    RParen,
    Ques,
    Colon,
    Comma,
    Not,
    BitNot,
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Pow,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
    EqEq,
    Ne,
    Amp,
    Caret,
    Pipe,
    AndAnd,
    OrOr,
    Assign(Option<AssignKind>),
    PreInc,
    PreDec,
    PostInc,
    PostDec,
}

/// The binary operator inside a compound assignment token like `<<=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum AssignKind {
    Mul,
    Div,
    Mod,
    Add,
    Sub,
    Shl,
    Shr,
    And,
    Xor,
    Or,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
    Eof,
    Num(i64),
    /// Identifier with an optional `[...]` subscript, given as the byte
    /// range of the text between the brackets.
    Ident {
        name: Vec<u8>,
        sub: Option<(usize, usize)>,
    },
    Op(Op),
}

/// What came before the token being read; bash decides what `++` means
/// (and which error to report for a stray character) from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prev {
    Start,
    Operator,
    /// A number, or a completed `x++`/`x--` (bash then treats it as a number).
    Value,
    Ident,
    /// Right after a completed `++x`/`--x`: a following `++`/`--` is an error.
    PreIncDone,
}

/// bash's `cr_whitespace`: blanks and newline separate tokens.
pub(super) fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n')
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Characters that may make up an integer constant token (bash scans them
/// all, then validates in `number_value`).
fn is_number_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'#' | b'@' | b'_')
}

type Res<'a, T> = IResult<&'a [u8], T>;

fn whitespace(i: &[u8]) -> Res<'_, &[u8]> {
    take_while(is_ws).parse(i)
}

fn identifier(i: &[u8]) -> Res<'_, &[u8]> {
    recognize((
        take_while_m_n(1, 1, is_ident_start),
        take_while(is_ident_char),
    ))
    .parse(i)
}

fn number(i: &[u8]) -> Res<'_, &[u8]> {
    recognize((
        take_while_m_n(1, 1, |c: u8| c.is_ascii_digit()),
        take_while(is_number_char),
    ))
    .parse(i)
}

/// Operators of two or three characters that never depend on context.
fn long_op(i: &[u8]) -> Res<'_, Op> {
    alt((
        value(Op::Assign(Some(AssignKind::Shl)), tag("<<=")),
        value(Op::Assign(Some(AssignKind::Shr)), tag(">>=")),
        value(Op::EqEq, tag("==")),
        value(Op::Ne, tag("!=")),
        value(Op::Ge, tag(">=")),
        value(Op::Le, tag("<=")),
        value(Op::Shl, tag("<<")),
        value(Op::Shr, tag(">>")),
        value(Op::AndAnd, tag("&&")),
        value(Op::OrOr, tag("||")),
        value(Op::Pow, tag("**")),
    ))
    .parse(i)
}

/// `op=` compound assignments (tried after `++`/`--` handling, like bash).
fn assign_op(i: &[u8]) -> Res<'_, Op> {
    let kind = alt((
        value(AssignKind::Mul, tag("*=")),
        value(AssignKind::Div, tag("/=")),
        value(AssignKind::Mod, tag("%=")),
        value(AssignKind::Add, tag("+=")),
        value(AssignKind::Sub, tag("-=")),
        value(AssignKind::And, tag("&=")),
        value(AssignKind::Xor, tag("^=")),
        value(AssignKind::Or, tag("|=")),
    ));
    kind.map(|k| Op::Assign(Some(k))).parse(i)
}

fn single_op(i: &[u8]) -> Res<'_, Op> {
    alt((
        value(Op::Assign(None), tag("=")),
        value(Op::Gt, tag(">")),
        value(Op::Lt, tag("<")),
        value(Op::Plus, tag("+")),
        value(Op::Minus, tag("-")),
        value(Op::Star, tag("*")),
        value(Op::Slash, tag("/")),
        value(Op::Percent, tag("%")),
        value(Op::Not, tag("!")),
        value(Op::LParen, tag("(")),
        value(Op::RParen, tag(")")),
        value(Op::Amp, tag("&")),
        value(Op::Pipe, tag("|")),
        value(Op::Caret, tag("^")),
        value(Op::BitNot, tag("~")),
        value(Op::Ques, tag("?")),
        value(Op::Colon, tag(":")),
        value(Op::Comma, tag(",")),
    ))
    .parse(i)
}

/// Decode an integer constant token the way bash's `strlong` does:
/// wrapping on overflow, `0x` hex, leading-0 octal, `base#digits`.
pub(super) fn number_value(tok: &[u8]) -> Result<i64, &'static str> {
    let mut i = 0;
    let mut base: i64 = 10;
    let mut found_base = false;
    if tok.first() == Some(&b'0') {
        if tok.len() == 1 {
            return Ok(0);
        }
        i = 1;
        if matches!(tok.get(1), Some(b'x' | b'X')) {
            base = 16;
            i = 2;
        } else {
            base = 8;
        }
        found_base = true;
    }
    let mut val: i64 = 0;
    while let Some(&c) = tok.get(i) {
        i += 1;
        if c == b'#' {
            if found_base {
                return Err("invalid number");
            }
            if !(2..=64).contains(&val) {
                return Err("invalid arithmetic base");
            }
            base = val;
            val = 0;
            found_base = true;
            // A base must be followed by at least one digit character.
            if !tok.get(i).is_some_and(|&d| is_number_char(d) && d != b'#') {
                return Err("invalid integer constant");
            }
            continue;
        }
        let digit = digit_value(c, base);
        if digit >= base {
            return Err("value too great for base");
        }
        val = val.wrapping_mul(base).wrapping_add(digit);
    }
    Ok(val)
}

/// Digit value in `base`: letters are case-insensitive up to base 36;
/// above that a-z are 10..35, A-Z 36..61, `@` 62 and `_` 63.
fn digit_value(c: u8, base: i64) -> i64 {
    let v = match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'z' => c - b'a' + 10,
        b'A'..=b'Z' if base <= 36 => c - b'A' + 10,
        b'A'..=b'Z' => c - b'A' + 36,
        b'@' => 62,
        b'_' => 63,
        _ => return i64::MAX,
    };
    i64::from(v)
}

/// Offset just past the `]` matching the `[` at `open`, counting nesting.
fn match_bracket(src: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &c) in src.iter().enumerate().skip(open) {
        match c {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// One-token-lookahead tokenizer over the whole expression text.
pub(super) struct Lexer<'s> {
    pub(super) src: &'s [u8],
    /// Offset just past the current token.
    pos: usize,
    pub(super) tok: Tok,
    /// Offset where the current token starts.
    pub(super) start: usize,
    /// Start of the most recent non-EOF token: bash's `lasttp`, the place
    /// error messages point at once the input is exhausted.
    last_start: Option<usize>,
    pub(super) prev: Prev,
}

impl<'s> Lexer<'s> {
    pub(super) fn new(src: &'s [u8]) -> Self {
        Lexer {
            src,
            pos: 0,
            tok: Tok::Eof,
            start: 0,
            last_start: None,
            prev: Prev::Start,
        }
    }

    /// Offset of the "error token": the current token, or at end of input
    /// the last real token (as bash reports it).
    pub(super) fn err_offset(&self) -> usize {
        match self.tok {
            Tok::Eof => self.last_start.unwrap_or(self.src.len()),
            _ => self.start,
        }
    }

    pub(super) fn error(&self, msg: &str, offset: usize) -> ArithSyntaxError {
        ArithSyntaxError::new(self.src, msg, offset)
    }

    /// Read the next token, classifying the one being left behind so that
    /// context-dependent operators are read the way bash reads them.
    #[inline(never)]
    pub(super) fn advance(&mut self) -> Result<(), Box<ArithSyntaxError>> {
        let prev = std::mem::replace(&mut self.tok, Tok::Eof);
        self.prev = match prev {
            Tok::Eof => self.prev,
            Tok::Num(_) => Prev::Value,
            Tok::Ident { .. } => Prev::Ident,
            Tok::Op(_) => Prev::Operator,
        };
        self.read(self.prev).map_err(Box::new)
    }

    /// Like `advance`, but the parser overrides the context (after `x++`
    /// or `++x`, where bash pretends the previous token was a number).
    #[inline(never)]
    pub(super) fn advance_after(&mut self, prev: Prev) -> Result<(), Box<ArithSyntaxError>> {
        self.tok = Tok::Eof;
        self.prev = prev;
        self.read(prev).map_err(Box::new)
    }

    fn read(&mut self, prev: Prev) -> Result<(), ArithSyntaxError> {
        let Some(start) = self.token_start(self.pos) else {
            self.start = self.src.len();
            self.pos = self.start;
            self.tok = Tok::Eof;
            return Ok(());
        };
        self.start = start;
        self.last_start = Some(start);
        let (tok, len) = self.scan(start, prev)?;
        if matches!(tok, Tok::Ident { .. }) {
            self.peek_after_ident(start + len)?;
        }
        self.tok = tok;
        self.pos = start + len;
        Ok(())
    }

    /// Where the next token starts, skipping blanks; None at the end.
    fn token_start(&self, from: usize) -> Option<usize> {
        let rest = self.src.get(from..).unwrap_or_default();
        let rest = whitespace(rest).map_or(rest, |(r, _)| r);
        (!rest.is_empty()).then(|| self.src.len() - rest.len())
    }

    /// bash reads one token past every identifier (to see whether `=`
    /// follows), and that read reports errors first: in `x y 08` the bad
    /// number is the error, not the stray `y`. Mirror those early reads.
    fn peek_after_ident(&self, mut at: usize) -> Result<(), ArithSyntaxError> {
        while let Some(start) = self.token_start(at) {
            let (tok, len) = self.scan(start, Prev::Ident)?;
            if !matches!(tok, Tok::Ident { .. }) {
                break;
            }
            at = start + len;
        }
        Ok(())
    }

    /// Recognize the token at `start` (not at the end, not a blank);
    /// returns it with its length.
    fn scan(&self, start: usize, prev: Prev) -> Result<(Tok, usize), ArithSyntaxError> {
        let rest = &self.src[start..];
        if let Ok((_, name)) = identifier(rest) {
            return self.scan_ident(start, name);
        }
        if let Ok((_, digits)) = number(rest) {
            let end = start + digits.len();
            let n =
                number_value(digits).map_err(|m| ArithSyntaxError::cut(self.src, m, start, end))?;
            return Ok((Tok::Num(n), digits.len()));
        }
        if let Ok((r, op)) = long_op(rest) {
            return Ok((Tok::Op(op), rest.len() - r.len()));
        }
        if let Some(op) = self.inc_dec(start, prev)? {
            return Ok((Tok::Op(op), 2));
        }
        if let Ok((r, op)) = assign_op(rest).or_else(|_| single_op(rest)) {
            return Ok((Tok::Op(op), rest.len() - r.len()));
        }
        // bash blames the operand when one was due, else the operator.
        let msg = match prev {
            Prev::Start | Prev::Operator => "syntax error: operand expected",
            _ => "syntax error: invalid arithmetic operator",
        };
        Err(self.error(msg, start))
    }

    fn scan_ident(&self, start: usize, name: &[u8]) -> Result<(Tok, usize), ArithSyntaxError> {
        let open = start + name.len();
        if self.src.get(open) != Some(&b'[') {
            let tok = Tok::Ident {
                name: name.to_vec(),
                sub: None,
            };
            return Ok((tok, name.len()));
        }
        let Some(end) = match_bracket(self.src, open) else {
            return Err(self.error("bad array subscript", start));
        };
        let tok = Tok::Ident {
            name: name.to_vec(),
            sub: Some((open + 1, end - 1)),
        };
        Ok((tok, end - start))
    }

    /// bash's rules for a doubled `+`/`-`: after an identifier it is a
    /// post-increment; after `++x` it is an error; when an identifier
    /// follows (blanks allowed) it is a pre-increment; otherwise it is two
    /// separate unary/binary signs (returns None so a single sign is read).
    fn inc_dec(&self, start: usize, prev: Prev) -> Result<Option<Op>, ArithSyntaxError> {
        let rest = &self.src[start..];
        let (inc, dec) = match rest {
            [b'+', b'+', ..] => (true, false),
            [b'-', b'-', ..] => (false, true),
            _ => return Ok(None),
        };
        debug_assert!(inc != dec);
        if prev == Prev::Ident {
            return Ok(Some(if inc { Op::PostInc } else { Op::PostDec }));
        }
        if prev == Prev::PreIncDone {
            let msg = if inc { "++" } else { "--" };
            let msg = format!("{msg}: assignment requires lvalue");
            return Err(self.error(&msg, start));
        }
        let after = &rest[2..];
        let after = whitespace(after).map_or(after, |(r, _)| r);
        if after.first().copied().is_some_and(is_ident_start) {
            return Ok(Some(if inc { Op::PreInc } else { Op::PreDec }));
        }
        Ok(None)
    }
}
