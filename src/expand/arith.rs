//! Arithmetic evaluation with bash 5 semantics: signed 64-bit wrapping
//! integers, short-circuit `&& || ?:`, variables whose values are
//! themselves evaluated as expressions (never as shell code), and bash's
//! error messages. Variables are reached only through [`ArithEnv`].
//! Main entry points: [`eval_text`] (parse + evaluate) and [`eval`].
//!
//! Recursion is bounded: nested evaluations (variable values, indexed
//! subscripts) stop at `MAX_LEVELS` like bash, and the total evaluator
//! depth across them stays under `MAX_EVAL_DEPTH`.

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_vars;

use crate::syntax::arith::{
    parse_with_height, with_token, ArithExpr, ArithSyntaxError, BinOp, BinTail, IncDecOp, SrcPos,
    UnaryOp, VarRef, RECURSION_MSG,
};
use std::fmt;

/// Nested expression evaluations allowed (bash's MAX_EXPR_RECURSION_LEVEL).
pub const MAX_LEVELS: usize = 1024;
/// Evaluator recursion allowed in total, over all nested evaluations
/// (at least `MAX_HEIGHT`, so any one parsed tree fits).
pub const MAX_EVAL_DEPTH: usize = 1100;

/// How an array element is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subscript {
    /// Indexed array: the evaluated subscript (negative counts from the
    /// end; the environment resolves it).
    Index(i64),
    /// Associative array: the subscript text, blanks around it trimmed.
    Key(Vec<u8>),
}

/// The variables an expression can see.
pub trait ArithEnv {
    /// Current value of a variable (or array element); None when unset.
    fn get_var(&mut self, name: &[u8], sub: Option<&Subscript>) -> Option<Vec<u8>>;
    /// Assign an integer result (the evaluator formats it as decimal).
    fn set_var(&mut self, name: &[u8], sub: Option<&Subscript>, value: i64) -> Result<(), String>;
    /// True when `name` is an associative array (its subscript is a string key, not arithmetic).
    fn is_assoc(&self, name: &[u8]) -> bool;
    /// `set -u`: referencing an unset variable is an error.
    fn nounset(&self) -> bool;
    /// Whether the variable exists at all (any element set). Consulted only
    /// under `set -u` for an unset element: bash calls `a[5]` unbound only
    /// when `a` itself is unset. The default looks at element 0 / the scalar.
    fn var_exists(&mut self, name: &[u8]) -> bool {
        self.get_var(name, None).is_some()
    }
}

/// An evaluation error. `message` has bash's wording (with its
/// `(error token is "...")` suffix where bash has one); `expr` is the
/// expression bash names before it (`1/0` in `1/0: division by 0 ...`),
/// None for messages bash prints bare (`x: unbound variable`, errors from
/// `set_var`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArithError {
    pub message: String,
    pub expr: Option<Vec<u8>>,
}

impl ArithError {
    fn bare(message: String) -> Box<Self> {
        Box::new(ArithError {
            message,
            expr: None,
        })
    }

    #[inline(never)]
    fn at(msg: &str, pos: &SrcPos) -> Box<Self> {
        Box::new(ArithError {
            message: with_token(msg, pos.token()),
            expr: Some(pos.expression().to_vec()),
        })
    }

    fn in_text(message: String, text: &[u8]) -> Box<Self> {
        Box::new(ArithError {
            message,
            expr: Some(trim_start(text).to_vec()),
        })
    }

    /// The full diagnostic as bash prints it after `NAME: `:
    /// `EXPR: MESSAGE`, or just `MESSAGE`.
    pub fn render(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if let Some(e) = &self.expr {
            out.extend_from_slice(e);
            out.extend_from_slice(b": ");
        }
        out.extend_from_slice(self.message.as_bytes());
        out
    }
}

impl fmt::Display for ArithError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.render()))
    }
}

impl std::error::Error for ArithError {}

/// Internal result: errors are boxed to keep the recursive frames small.
type R = Result<i64, Box<ArithError>>;

/// Evaluate a parsed expression.
pub fn eval(expr: &ArithExpr, env: &mut dyn ArithEnv) -> Result<i64, ArithError> {
    Evaluator::new(env).eval(expr).map_err(|e| *e)
}

/// Parse and evaluate `text` (blank text is 0).
pub fn eval_text(text: &[u8], env: &mut dyn ArithEnv) -> Result<i64, ArithError> {
    let (ast, _) = parse(text).map_err(|e| *e)?;
    eval(&ast, env)
}

/// Parse a whole expression, naming it in any syntax error.
#[inline(never)]
fn parse(text: &[u8]) -> Result<(Box<ArithExpr>, usize), Box<ArithError>> {
    parse_with_height(text).map_err(|e| syntax_error(e, text))
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n')
}

fn trim_start(text: &[u8]) -> &[u8] {
    let skip = text.iter().take_while(|&&c| is_ws(c)).count();
    &text[skip..]
}

fn trim(text: &[u8]) -> &[u8] {
    let t = trim_start(text);
    let keep = t.len() - t.iter().rev().take_while(|&&c| is_ws(c)).count();
    &t[..keep]
}

/// Fast path for the common case of a value that is a plain decimal
/// integer (short enough not to overflow; no leading 0, which is octal).
fn plain_int(text: &[u8]) -> Option<i64> {
    let t = trim(text);
    let (neg, digits) = match t {
        [b'-', rest @ ..] => (true, rest),
        _ => (false, t),
    };
    let ok = matches!(digits, [b'1'..=b'9', ..] | [b'0'])
        && digits.len() <= 18
        && digits.iter().all(u8::is_ascii_digit);
    if !ok {
        return None;
    }
    let n = digits
        .iter()
        .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'));
    Some(if neg { -n } else { n })
}

/// Apply a binary operator (not `&&`, `||` or `,`, which need laziness).
fn apply(op: BinOp, a: i64, b: i64) -> Result<i64, &'static str> {
    use BinOp::*;
    Ok(match op {
        Mul => a.wrapping_mul(b),
        // wrapping_div/rem give bash's INT_MIN / -1 = INT_MIN, % -1 = 0.
        Div | Mod if b == 0 => return Err("division by 0"),
        Div => a.wrapping_div(b),
        Mod => a.wrapping_rem(b),
        Add => a.wrapping_add(b),
        Sub => a.wrapping_sub(b),
        // Shift counts are taken mod 64, as the x86-64 instructions bash
        // compiles to do (`1 << 64` is 1, `1 << -1` is INT_MIN).
        Shl => a.wrapping_shl(b as u32),
        Shr => a.wrapping_shr(b as u32),
        Lt => i64::from(a < b),
        Le => i64::from(a <= b),
        Gt => i64::from(a > b),
        Ge => i64::from(a >= b),
        Eq => i64::from(a == b),
        Ne => i64::from(a != b),
        BitAnd => a & b,
        BitXor => a ^ b,
        BitOr => a | b,
        And => i64::from(a != 0 && b != 0),
        Or => i64::from(a != 0 || b != 0),
        Comma => b,
    })
}

/// Wrapping exponentiation by squaring (`exp` >= 0).
fn ipow(mut base: i64, mut exp: i64) -> i64 {
    let mut result: i64 = 1;
    while exp != 0 {
        if exp & 1 != 0 {
            result = result.wrapping_mul(base);
        }
        exp >>= 1;
        base = base.wrapping_mul(base);
    }
    result
}

/// A syntax error in `text`, named the way bash names it.
fn syntax_error(e: ArithSyntaxError, text: &[u8]) -> Box<ArithError> {
    let named = text.get(..e.expr_end).unwrap_or(text);
    ArithError::in_text(e.message, named)
}

#[inline(never)]
fn too_deep() -> Box<ArithError> {
    ArithError::bare(RECURSION_MSG.to_string())
}

/// What a variable lookup found.
enum Lookup {
    Done(i64),
    /// A value that must be evaluated as an expression.
    Expr(Vec<u8>),
}

struct Evaluator<'e> {
    env: &'e mut dyn ArithEnv,
    /// Current evaluator recursion depth (all nesting levels together).
    depth: usize,
    /// Expressions being evaluated: the top one plus nested values/subscripts.
    levels: usize,
}

impl<'e> Evaluator<'e> {
    fn new(env: &'e mut dyn ArithEnv) -> Self {
        Evaluator {
            env,
            depth: 0,
            levels: 1,
        }
    }

    fn eval(&mut self, e: &ArithExpr) -> R {
        if self.depth >= MAX_EVAL_DEPTH {
            // Unreachable for trees from the parser (nested evaluations are
            // checked before they start); kept so no input can overflow.
            return Err(too_deep());
        }
        self.depth += 1;
        let r = match e {
            ArithExpr::Num(n) => Ok(*n),
            ArithExpr::Var(v) => self.read_var(v),
            ArithExpr::Unary { op, operand } => self.unary(*op, operand),
            ArithExpr::IncDec { op, var } => self.inc_dec(*op, var),
            ArithExpr::Binary { first, rest } => self.run(first, rest),
            ArithExpr::Pow { base, exp, pos } => self.pow(base, exp, pos),
            ArithExpr::Cond {
                cond,
                then,
                otherwise,
            } => self.cond(cond, then, otherwise),
            ArithExpr::Assign {
                var,
                op,
                value,
                pos,
            } => self.assign(var, *op, value, pos),
        };
        self.depth -= 1;
        r
    }

    fn unary(&mut self, op: UnaryOp, operand: &ArithExpr) -> R {
        let x = self.eval(operand)?;
        Ok(match op {
            UnaryOp::Plus => x,
            UnaryOp::Minus => x.wrapping_neg(),
            UnaryOp::Not => i64::from(x == 0),
            UnaryOp::BitNot => !x,
        })
    }

    fn cond(&mut self, cond: &ArithExpr, then: &ArithExpr, otherwise: &ArithExpr) -> R {
        if self.eval(cond)? != 0 {
            self.eval(then)
        } else {
            self.eval(otherwise)
        }
    }

    /// A run of one precedence level, left to right; `&&`/`||` skip their
    /// right operand (no assignments, no errors) once the result is known.
    fn run(&mut self, first: &ArithExpr, rest: &[BinTail]) -> R {
        let mut acc = self.eval(first)?;
        for t in rest {
            acc = match t.op {
                BinOp::And if acc == 0 => 0,
                BinOp::Or if acc != 0 => 1,
                op => {
                    let rhs = self.eval(&t.rhs)?;
                    apply(op, acc, rhs).map_err(|m| ArithError::at(m, &t.pos))?
                }
            };
        }
        Ok(acc)
    }

    fn pow(&mut self, base: &ArithExpr, exp: &ArithExpr, pos: &SrcPos) -> R {
        let b = self.eval(base)?;
        let e = self.eval(exp)?;
        match e {
            0 => Ok(1),
            e if e < 0 => Err(ArithError::at("exponent less than 0", pos)),
            e => Ok(ipow(b, e)),
        }
    }

    fn inc_dec(&mut self, op: IncDecOp, var: &VarRef) -> R {
        let sub = self.subscript(var)?;
        let old = self.value_of(var, sub.as_ref())?;
        let new = match op {
            IncDecOp::PreInc | IncDecOp::PostInc => old.wrapping_add(1),
            IncDecOp::PreDec | IncDecOp::PostDec => old.wrapping_sub(1),
        };
        self.store(var, sub.as_ref(), new)?;
        Ok(match op {
            IncDecOp::PreInc | IncDecOp::PreDec => new,
            IncDecOp::PostInc | IncDecOp::PostDec => old,
        })
    }

    /// `var = value` / `var op= value`; the subscript and the old value are
    /// read before the right-hand side is evaluated (bash's order).
    fn assign(&mut self, var: &VarRef, op: Option<BinOp>, value: &ArithExpr, pos: &SrcPos) -> R {
        let sub = self.subscript(var)?;
        let old = match op {
            Some(_) => self.value_of(var, sub.as_ref())?,
            None => 0,
        };
        let rhs = self.eval(value)?;
        let result = match op {
            Some(op) => apply(op, old, rhs).map_err(|m| ArithError::at(m, pos))?,
            None => rhs,
        };
        self.store(var, sub.as_ref(), result)?;
        Ok(result)
    }

    fn store(
        &mut self,
        var: &VarRef,
        sub: Option<&Subscript>,
        value: i64,
    ) -> Result<(), Box<ArithError>> {
        self.env
            .set_var(&var.name, sub, value)
            .map_err(ArithError::bare)
    }

    /// Read a variable for its value (the hot path of a nested variable
    /// chain, so kept small; the work is in `resolve`).
    fn read_var(&mut self, var: &VarRef) -> R {
        match self.resolve(var)? {
            Lookup::Done(n) => Ok(n),
            Lookup::Expr(text) => self.nested(&text, &var.pos),
        }
    }

    #[inline(never)]
    fn resolve(&mut self, var: &VarRef) -> Result<Lookup, Box<ArithError>> {
        let sub = self.subscript(var)?;
        self.lookup(var, sub.as_ref())
    }

    /// The numeric value of a variable: unset or empty is 0 (or an error
    /// under `set -u`); anything else is evaluated as an expression.
    fn value_of(&mut self, var: &VarRef, sub: Option<&Subscript>) -> R {
        match self.lookup(var, sub)? {
            Lookup::Done(n) => Ok(n),
            Lookup::Expr(text) => self.nested(&text, &var.pos),
        }
    }

    /// Fetch a variable, settling the cases that need no evaluation.
    #[inline(never)]
    fn lookup(&mut self, var: &VarRef, sub: Option<&Subscript>) -> Result<Lookup, Box<ArithError>> {
        let Some(text) = self.env.get_var(&var.name, sub) else {
            if self.env.nounset() && (sub.is_none() || !self.env.var_exists(&var.name)) {
                let name = String::from_utf8_lossy(&var.name);
                return Err(ArithError::bare(format!("{name}: unbound variable")));
            }
            return Ok(Lookup::Done(0));
        };
        if let Some(n) = plain_int(&text) {
            return Ok(Lookup::Done(n));
        }
        if text.iter().all(|&c| is_ws(c)) {
            return Ok(Lookup::Done(0));
        }
        Ok(Lookup::Expr(text))
    }

    /// Evaluate `text` as a nested expression (a variable's value); `at`
    /// is the reference that asked for it.
    fn nested(&mut self, text: &[u8], at: &SrcPos) -> R {
        if self.levels >= MAX_LEVELS {
            return Err(ArithError::at(RECURSION_MSG, at));
        }
        let (ast, height) = parse(text)?;
        self.enter_level(height, at)?;
        let r = self.eval(&ast);
        self.levels -= 1;
        r
    }

    /// Start a nested evaluation of a tree of `height`, within the limits.
    #[inline(never)]
    fn enter_level(&mut self, height: usize, at: &SrcPos) -> Result<(), Box<ArithError>> {
        if self.levels >= MAX_LEVELS || self.depth + height > MAX_EVAL_DEPTH {
            return Err(ArithError::at(RECURSION_MSG, at));
        }
        self.levels += 1;
        Ok(())
    }

    /// Resolve `var`'s subscript: a trimmed string key for associative
    /// arrays, else the arithmetic value of the subscript.
    fn subscript(&mut self, var: &VarRef) -> Result<Option<Subscript>, Box<ArithError>> {
        let Some(sub) = &var.subscript else {
            return Ok(None);
        };
        if matches!(sub.raw.as_slice(), b"" | b"@" | b"*") {
            let name = String::from_utf8_lossy(&var.name);
            let raw = String::from_utf8_lossy(&sub.raw);
            return Err(ArithError::bare(format!(
                "{name}[{raw}]: bad array subscript"
            )));
        }
        if self.env.is_assoc(&var.name) {
            return Ok(Some(Subscript::Key(trim(&sub.raw).to_vec())));
        }
        let ast = match &sub.expr {
            Ok(ast) => ast,
            Err(e) => return Err(syntax_error(e.clone(), &sub.raw)),
        };
        // The subscript's height is already part of the enclosing tree's.
        self.enter_level(0, &var.pos)?;
        let i = self.eval(ast);
        self.levels -= 1;
        let i = i?;
        Ok(Some(Subscript::Index(i)))
    }
}
