//! Arithmetic expression syntax (`$((...))`, `((...))`, `let`, array
//! subscripts): the AST, its parser (bash's grammar and error messages) and
//! a compact S-expression dump used by tests.
//! Main entry point: [`parse_arith`]; evaluation lives in `crate::expand::arith`.
//! Files: `arith/lex.rs` (tokens), `arith/parse.rs` (grammar), `arith/dump.rs`.
//!
//! Tokens are read by nom parsers (see `lex`); the grammar is hand-written
//! precedence climbing. Runs of one left-associative precedence level are
//! stored flat ([`ArithExpr::Binary`]) so a long `1+1+...+1` does not make
//! a deep tree; nesting (parentheses, unary operators, `?:`, assignments,
//! `**`, subscripts) and tree height are both capped so that neither the
//! parser, the evaluator nor `Drop` can overflow the stack.

mod dump;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

pub use dump::dump;
use std::fmt;
use std::sync::Arc;

/// Maximum parser nesting: each parenthesis, prefix operator, `?:` branch
/// and right operand of a binary, `**` or assignment operator takes a
/// level; a subscript takes `SUBSCRIPT_COST`. Deeper input is an error
/// (`RECURSION_MSG`), found in time linear in the input.
pub const MAX_NESTING: usize = 1000;
/// Maximum height of a parsed tree (the evaluator recurses this deep).
pub const MAX_HEIGHT: usize = 1000;
/// Nesting levels charged for entering a subscript (its path through the
/// parser is several times as deep as a parenthesis).
const SUBSCRIPT_COST: usize = 4;

/// bash's message for runaway recursion; also used for the limits above.
pub const RECURSION_MSG: &str = "expression recursion level exceeded";

/// A syntax error, with bash's wording: `message` already ends in
/// `(error token is "...")`; `offset` is where that token starts.
/// bash prints `EXPR: MESSAGE` where EXPR is `text[..expr_end]` with
/// leading blanks cut: the whole text, except after a malformed number,
/// where bash cuts the text (and the token) at the number's end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArithSyntaxError {
    pub message: String,
    pub offset: usize,
    pub expr_end: usize,
}

impl ArithSyntaxError {
    fn new(src: &[u8], msg: &str, offset: usize) -> Self {
        Self::cut(src, msg, offset, src.len())
    }

    /// An error whose token and expression end at `end`.
    fn cut(src: &[u8], msg: &str, offset: usize, end: usize) -> Self {
        let tok = src.get(offset..end).unwrap_or_default();
        ArithSyntaxError {
            message: with_token(msg, tok),
            offset,
            expr_end: end,
        }
    }
}

impl fmt::Display for ArithSyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ArithSyntaxError {}

/// `msg (error token is "tok")`, the suffix bash puts on arithmetic errors.
pub fn with_token(msg: &str, tok: &[u8]) -> String {
    format!(
        "{msg} (error token is \"{}\")",
        String::from_utf8_lossy(tok)
    )
}

/// A place in the source text, kept in nodes that can fail at run time so
/// the evaluator can quote bash's error token without the caller's help.
#[derive(Clone, PartialEq, Eq)]
pub struct SrcPos {
    pub src: Arc<[u8]>,
    pub offset: usize,
}

impl SrcPos {
    /// The whole expression as bash names it in errors (leading blanks cut).
    pub fn expression(&self) -> &[u8] {
        let skip = self.src.iter().take_while(|&&c| lex::is_ws(c)).count();
        &self.src[skip..]
    }

    /// bash's error token: the text from this position to the end.
    pub fn token(&self) -> &[u8] {
        self.src.get(self.offset..).unwrap_or_default()
    }
}

impl fmt::Debug for SrcPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "@{}", self.offset)
    }
}

/// A variable or array element reference: `name` or `name[subscript]`.
#[derive(Debug, Clone, PartialEq)]
pub struct VarRef {
    pub name: Vec<u8>,
    pub subscript: Option<Box<ArraySubscript>>,
    /// Start of the reference (error token for recursion errors).
    pub pos: SrcPos,
}

/// The text between `[` and `]`. For indexed arrays it is arithmetic
/// (`expr`); for associative arrays the raw text is the key, which need not
/// parse, so a parse failure is kept and only reported if it is used.
#[derive(Debug, Clone, PartialEq)]
pub struct ArraySubscript {
    pub raw: Vec<u8>,
    pub expr: Result<Box<ArithExpr>, ArithSyntaxError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    Plus,
    Minus,
    Not,
    BitNot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IncDecOp {
    PreInc,
    PreDec,
    PostInc,
    PostDec,
}

/// Left-associative binary operators (also the operator of `op=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Comma,
    Or,
    And,
    BitOr,
    BitXor,
    BitAnd,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Shl,
    Shr,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

// Binding strength for precedence climbing (higher binds tighter).
const COMMA: u8 = 1;
const ASSIGN: u8 = 2;
const COND: u8 = 3;
const POW: u8 = 14;

impl BinOp {
    /// bash's precedence level; between `COND` and `POW`.
    pub fn precedence(self) -> u8 {
        use BinOp::*;
        match self {
            Comma => COMMA,
            Or => 4,
            And => 5,
            BitOr => 6,
            BitXor => 7,
            BitAnd => 8,
            Eq | Ne => 9,
            Lt | Le | Gt | Ge => 10,
            Shl | Shr => 11,
            Add | Sub => 12,
            Mul | Div | Mod => 13,
        }
    }

    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Comma => ",",
            Or => "||",
            And => "&&",
            BitOr => "|",
            BitXor => "^",
            BitAnd => "&",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            Shl => "<<",
            Shr => ">>",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
        }
    }
}

/// One `op rhs` step of a [`ArithExpr::Binary`] run.
#[derive(Debug, Clone, PartialEq)]
pub struct BinTail {
    pub op: BinOp,
    pub rhs: ArithExpr,
    /// Start of `rhs`: the error token for division by zero.
    pub pos: SrcPos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ArithExpr {
    Num(i64),
    Var(VarRef),
    Unary {
        op: UnaryOp,
        operand: Box<ArithExpr>,
    },
    IncDec {
        op: IncDecOp,
        var: VarRef,
    },
    /// `first op1 e1 op2 e2 ...`, all operators of one precedence level,
    /// evaluated left to right (`a - b + c` is `(a - b) + c`).
    Binary {
        first: Box<ArithExpr>,
        rest: Vec<BinTail>,
    },
    /// `base ** exp` (right-associative). `pos`: error token for a
    /// negative exponent (the token after the exponent, as bash reports).
    Pow {
        base: Box<ArithExpr>,
        exp: Box<ArithExpr>,
        pos: SrcPos,
    },
    Cond {
        cond: Box<ArithExpr>,
        then: Box<ArithExpr>,
        otherwise: Box<ArithExpr>,
    },
    /// `var = value` (`op` None) or `var op= value`. `pos`: the error
    /// token for `/= 0` (the token after `value`, as bash reports it).
    Assign {
        var: VarRef,
        op: Option<BinOp>,
        value: Box<ArithExpr>,
        pos: SrcPos,
    },
}

/// Parse an arithmetic expression. Blank text is valid and means 0.
pub fn parse_arith(text: &[u8]) -> Result<ArithExpr, ArithSyntaxError> {
    parse_with_height(text).map(|(e, _)| *e)
}

/// `parse_arith` plus the tree's height (at most `MAX_HEIGHT`), which the
/// evaluator uses to keep nested evaluations within its stack budget.
pub fn parse_with_height(text: &[u8]) -> Result<(Box<ArithExpr>, usize), ArithSyntaxError> {
    match parse::parse_nested(text, 0) {
        Ok(b) => Ok((b.e, b.h)),
        Err(e) => Err(*e),
    }
}
