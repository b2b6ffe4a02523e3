//! The arithmetic grammar: precedence climbing over the tokens from
//! `lex`, with bash's error messages and the nesting/height limits.
//! Main entry point: [`parse_nested`].

use super::lex::{self, AssignKind, Lexer, Op, Prev, Tok};
use super::{
    ArithExpr, ArithSyntaxError, ArraySubscript, BinOp, BinTail, IncDecOp, SrcPos, UnaryOp, VarRef,
    ASSIGN, COMMA, COND, MAX_HEIGHT, MAX_NESTING, POW, RECURSION_MSG, SUBSCRIPT_COST,
};
use std::sync::Arc;

/// A parsed subtree with its height (kept to enforce `MAX_HEIGHT`).
/// Results and errors are boxed so the recursive parser's frames stay
/// small (unoptimized builds keep a slot for every temporary).
pub(super) struct Built {
    pub(super) e: Box<ArithExpr>,
    pub(super) h: usize,
}

type PResult<T> = Result<T, Box<ArithSyntaxError>>;

/// Identifier token parts: name, position, subscript byte range.
type IdentParts = (Vec<u8>, SrcPos, Option<(usize, usize)>);

/// Parse `text` (a whole expression or a subscript) starting at `nesting`.
pub(super) fn parse_nested(text: &[u8], nesting: usize) -> PResult<Built> {
    if text.iter().all(|&c| lex::is_ws(c)) {
        return Ok(Built {
            e: Box::new(ArithExpr::Num(0)),
            h: 1,
        });
    }
    let mut p = Parser {
        lex: Lexer::new(text),
        src: Arc::from(text),
        nesting,
    };
    p.lex.advance()?;
    let e = p.expr(COMMA)?;
    if p.lex.tok != Tok::Eof {
        return Err(p.err("syntax error in expression"));
    }
    Ok(e)
}

struct Parser<'s> {
    lex: Lexer<'s>,
    src: Arc<[u8]>,
    nesting: usize,
}

/// What an operator token does in infix position.
enum Infix {
    Binary(BinOp),
    Pow,
    Cond,
    Assign(Option<BinOp>),
}

fn infix(op: Op) -> Option<Infix> {
    use BinOp::*;
    let b = match op {
        Op::Comma => Comma,
        Op::OrOr => Or,
        Op::AndAnd => And,
        Op::Pipe => BitOr,
        Op::Caret => BitXor,
        Op::Amp => BitAnd,
        Op::EqEq => Eq,
        Op::Ne => Ne,
        Op::Lt => Lt,
        Op::Le => Le,
        Op::Gt => Gt,
        Op::Ge => Ge,
        Op::Shl => Shl,
        Op::Shr => Shr,
        Op::Plus => Add,
        Op::Minus => Sub,
        Op::Star => Mul,
        Op::Slash => Div,
        Op::Percent => Mod,
        Op::Pow => return Some(Infix::Pow),
        Op::Ques => return Some(Infix::Cond),
        Op::Assign(k) => return Some(Infix::Assign(k.map(compound_op))),
        _ => return None,
    };
    Some(Infix::Binary(b))
}

fn compound_op(k: AssignKind) -> BinOp {
    match k {
        AssignKind::Mul => BinOp::Mul,
        AssignKind::Div => BinOp::Div,
        AssignKind::Mod => BinOp::Mod,
        AssignKind::Add => BinOp::Add,
        AssignKind::Sub => BinOp::Sub,
        AssignKind::Shl => BinOp::Shl,
        AssignKind::Shr => BinOp::Shr,
        AssignKind::And => BinOp::BitAnd,
        AssignKind::Xor => BinOp::BitXor,
        AssignKind::Or => BinOp::BitOr,
    }
}

fn infix_prec(i: &Infix) -> u8 {
    match i {
        Infix::Binary(b) => b.precedence(),
        Infix::Pow => POW,
        Infix::Cond => COND,
        Infix::Assign(_) => ASSIGN,
    }
}

impl Parser<'_> {
    fn err(&self, msg: &str) -> Box<ArithSyntaxError> {
        Box::new(self.lex.error(msg, self.lex.err_offset()))
    }

    fn pos(&self, offset: usize) -> SrcPos {
        SrcPos {
            src: Arc::clone(&self.src),
            offset,
        }
    }

    fn enter(&mut self) -> PResult<()> {
        if self.nesting >= MAX_NESTING {
            return Err(self.err(RECURSION_MSG));
        }
        self.nesting += 1;
        Ok(())
    }

    /// Box a new node of height `h`, enforcing `MAX_HEIGHT`. Node building
    /// happens in small non-recursive helpers like this one so that the
    /// recursive functions' frames stay small.
    #[inline(never)]
    fn built(&self, e: ArithExpr, h: usize) -> PResult<Built> {
        if h > MAX_HEIGHT {
            return Err(self.err(RECURSION_MSG));
        }
        Ok(Built { e: Box::new(e), h })
    }

    /// Precedence climbing: an operand, then every infix operator binding
    /// at least as tightly as `min`. (On error the whole parse is abandoned,
    /// so `nesting` need not be restored on those paths.)
    fn expr(&mut self, min: u8) -> PResult<Built> {
        self.enter()?;
        let mut lhs = self.operand()?;
        while let Some(inf) = self.infix_at(min) {
            lhs = self.infix_step(lhs, inf)?;
        }
        self.nesting -= 1;
        Ok(lhs)
    }

    /// The current token as an infix operator binding at least `min`.
    fn infix_at(&self, min: u8) -> Option<Infix> {
        let Tok::Op(op) = self.lex.tok else {
            return None;
        };
        infix(op).filter(|i| infix_prec(i) >= min)
    }

    fn infix_step(&mut self, lhs: Built, inf: Infix) -> PResult<Built> {
        match inf {
            Infix::Binary(b) => self.binary(lhs, b),
            Infix::Pow => self.power(lhs),
            Infix::Cond => self.conditional(lhs),
            Infix::Assign(a) => self.assignment(lhs, a),
        }
    }

    /// `lhs op rhs`, appended to `lhs` when it is a run of the same level.
    fn binary(&mut self, lhs: Built, op: BinOp) -> PResult<Built> {
        self.lex.advance()?;
        let pos = self.pos(self.lex.start);
        let rhs = self.expr(op.precedence() + 1)?;
        self.join_run(lhs, op, rhs, pos)
    }

    #[inline(never)]
    fn join_run(&self, lhs: Built, op: BinOp, rhs: Built, pos: SrcPos) -> PResult<Built> {
        let level = op.precedence();
        let tail = BinTail {
            op,
            rhs: *rhs.e,
            pos,
        };
        match *lhs.e {
            ArithExpr::Binary { first, mut rest }
                if rest.first().is_some_and(|t| t.op.precedence() == level) =>
            {
                rest.push(tail);
                let h = lhs.h.max(rhs.h + 1);
                self.built(ArithExpr::Binary { first, rest }, h)
            }
            e => {
                let h = lhs.h.max(rhs.h) + 1;
                let first = Box::new(e);
                self.built(
                    ArithExpr::Binary {
                        first,
                        rest: vec![tail],
                    },
                    h,
                )
            }
        }
    }

    fn power(&mut self, base: Built) -> PResult<Built> {
        self.lex.advance()?;
        let exp = self.expr(POW)?;
        self.make_pow(base, exp)
    }

    #[inline(never)]
    fn make_pow(&self, base: Built, exp: Built) -> PResult<Built> {
        let pos = self.pos(self.lex.err_offset());
        let h = base.h.max(exp.h) + 1;
        let (base, exp) = (base.e, exp.e);
        self.built(ArithExpr::Pow { base, exp, pos }, h)
    }

    /// `cond ? then : otherwise`; `then` is a full (comma) expression,
    /// `otherwise` binds like another conditional (as in bash).
    fn conditional(&mut self, cond: Built) -> PResult<Built> {
        self.lex.advance()?;
        if matches!(self.lex.tok, Tok::Eof | Tok::Op(Op::Colon)) {
            return Err(self.err("expression expected"));
        }
        let then = self.expr(COMMA)?;
        if self.lex.tok != Tok::Op(Op::Colon) {
            return Err(self.err("`:' expected for conditional expression"));
        }
        self.lex.advance()?;
        if self.lex.tok == Tok::Eof {
            return Err(self.err("expression expected"));
        }
        let otherwise = self.expr(COND)?;
        self.make_cond(cond, then, otherwise)
    }

    #[inline(never)]
    fn make_cond(&self, cond: Built, then: Built, otherwise: Built) -> PResult<Built> {
        let h = cond.h.max(then.h).max(otherwise.h) + 1;
        let (cond, then, otherwise) = (cond.e, then.e, otherwise.e);
        self.built(
            ArithExpr::Cond {
                cond,
                then,
                otherwise,
            },
            h,
        )
    }

    /// `var = value`: only a bare variable token may stand on the left
    /// (not `(x)`, `-x`, `x++`, `a ? b : x`, ...).
    fn assignment(&mut self, lhs: Built, op: Option<BinOp>) -> PResult<Built> {
        if !matches!(*lhs.e, ArithExpr::Var(_)) || self.lex.prev != Prev::Ident {
            return Err(self.err("attempted assignment to non-variable"));
        }
        self.lex.advance()?;
        let value = self.expr(ASSIGN)?;
        // bash reports `/= 0` at the token after the value (or the last one).
        let pos = self.pos(self.lex.err_offset());
        self.make_assign(lhs, op, value, pos)
    }

    #[inline(never)]
    fn make_assign(
        &self,
        lhs: Built,
        op: Option<BinOp>,
        value: Built,
        pos: SrcPos,
    ) -> PResult<Built> {
        let ArithExpr::Var(var) = *lhs.e else {
            return Err(self.err("attempted assignment to non-variable"));
        };
        let h = lhs.h.max(value.h) + 1;
        let value = value.e;
        self.built(
            ArithExpr::Assign {
                var,
                op,
                value,
                pos,
            },
            h,
        )
    }

    /// An operand: prefix operators `! ~ - +` (which bind tighter than
    /// `**`), a parenthesized expression, or an atom. Kept tiny: it is on
    /// every recursion path.
    fn operand(&mut self) -> PResult<Built> {
        match self.lex.tok {
            Tok::Op(Op::LParen) => self.parenthesized(),
            Tok::Op(op @ (Op::Not | Op::BitNot | Op::Minus | Op::Plus)) => self.prefixed(op),
            _ => self.atom(),
        }
    }

    fn parenthesized(&mut self) -> PResult<Built> {
        self.lex.advance()?;
        let e = self.expr(COMMA)?;
        if self.lex.tok != Tok::Op(Op::RParen) {
            return Err(self.err("missing `)'"));
        }
        self.lex.advance()?;
        Ok(e)
    }

    fn prefixed(&mut self, op: Op) -> PResult<Built> {
        self.enter()?;
        self.lex.advance()?;
        let operand = self.operand()?;
        self.nesting -= 1;
        self.make_unary(op, operand)
    }

    #[inline(never)]
    fn make_unary(&self, op: Op, operand: Built) -> PResult<Built> {
        let op = match op {
            Op::Not => UnaryOp::Not,
            Op::BitNot => UnaryOp::BitNot,
            Op::Minus => UnaryOp::Minus,
            _ => UnaryOp::Plus,
        };
        let h = operand.h + 1;
        self.built(
            ArithExpr::Unary {
                op,
                operand: operand.e,
            },
            h,
        )
    }

    /// `++x`, `--x`, a number, or a variable with optional `++`/`--`.
    fn atom(&mut self) -> PResult<Built> {
        match self.lex.tok {
            Tok::Op(Op::PreInc) => self.pre_inc_dec(IncDecOp::PreInc),
            Tok::Op(Op::PreDec) => self.pre_inc_dec(IncDecOp::PreDec),
            Tok::Num(n) => {
                self.lex.advance()?;
                self.built(ArithExpr::Num(n), 1)
            }
            Tok::Ident { .. } => self.variable(),
            _ => Err(self.err("syntax error: operand expected")),
        }
    }

    fn pre_inc_dec(&mut self, op: IncDecOp) -> PResult<Built> {
        self.lex.advance()?;
        // The lexer only makes `++` a prefix when an identifier follows.
        let var = self.var_ref()?;
        self.lex.advance_after(Prev::PreIncDone)?;
        self.make_inc_dec(op, var)
    }

    /// A variable, possibly followed by `++`/`--`.
    fn variable(&mut self) -> PResult<Built> {
        let var = self.var_ref()?;
        self.lex.advance()?;
        let op = match self.lex.tok {
            Tok::Op(Op::PostInc) => IncDecOp::PostInc,
            Tok::Op(Op::PostDec) => IncDecOp::PostDec,
            _ => return self.make_var(var),
        };
        self.lex.advance_after(Prev::Value)?;
        self.make_inc_dec(op, var)
    }

    #[inline(never)]
    fn make_var(&self, var: (VarRef, usize)) -> PResult<Built> {
        self.built(ArithExpr::Var(var.0), var.1)
    }

    #[inline(never)]
    fn make_inc_dec(&self, op: IncDecOp, var: (VarRef, usize)) -> PResult<Built> {
        let (var, h) = var;
        self.built(ArithExpr::IncDec { op, var }, h + 1)
    }

    /// The current identifier token as a `VarRef`, with its height.
    fn var_ref(&mut self) -> PResult<(VarRef, usize)> {
        let (name, pos, range) = self.ident_parts()?;
        let (subscript, h) = match range {
            Some((a, b)) => self.subscript(a, b),
            None => (None, 1),
        };
        Ok((
            VarRef {
                name,
                subscript,
                pos,
            },
            h,
        ))
    }

    #[inline(never)]
    fn ident_parts(&self) -> PResult<IdentParts> {
        match &self.lex.tok {
            Tok::Ident { name, sub } => Ok((name.clone(), self.pos(self.lex.start), *sub)),
            _ => Err(self.err("syntax error: operand expected")),
        }
    }

    /// Parse `src[a..b]` as a separate expression (bash evaluates a
    /// subscript on its own). Failure is kept, not raised: for an
    /// associative array the text is a key and need not parse.
    fn subscript(&mut self, a: usize, b: usize) -> (Option<Box<ArraySubscript>>, usize) {
        let raw = self.lex.src[a..b].to_vec();
        // The path through a subscript costs several frames: charge more.
        let parsed = if self.nesting + SUBSCRIPT_COST > MAX_NESTING {
            Err(Box::new(ArithSyntaxError::new(&raw, RECURSION_MSG, 0)))
        } else {
            parse_nested(&raw, self.nesting + SUBSCRIPT_COST)
        };
        let h = parsed.as_ref().map_or(1, |b| b.h + 1);
        let expr = parsed.map(|b| b.e).map_err(|e| *e);
        (Some(Box::new(ArraySubscript { raw, expr })), h)
    }
}
