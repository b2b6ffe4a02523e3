//! `dump`: a compact S-expression rendering of arithmetic trees, used by
//! tests to check structure. Main entry point: [`dump`].

use super::{ArithExpr, BinOp, BinTail, IncDecOp, UnaryOp, VarRef};

/// Compact S-expression form, e.g. `(+ 1 (* x 3))`; runs of one level
/// print left-nested (`(- (- a b) c)`); `a[i]` prints its parsed subscript.
pub fn dump(e: &ArithExpr) -> String {
    let mut out = String::new();
    dump_into(e, &mut out);
    out
}

fn dump_into(e: &ArithExpr, out: &mut String) {
    match e {
        ArithExpr::Num(n) => out.push_str(&n.to_string()),
        ArithExpr::Var(v) => dump_var(v, out),
        ArithExpr::Unary { op, operand } => {
            let sym = match op {
                UnaryOp::Plus => "+",
                UnaryOp::Minus => "-",
                UnaryOp::Not => "!",
                UnaryOp::BitNot => "~",
            };
            dump_list(out, sym, &[operand]);
        }
        ArithExpr::IncDec { op, var } => {
            let sym = match op {
                IncDecOp::PreInc => "pre++",
                IncDecOp::PreDec => "pre--",
                IncDecOp::PostInc => "post++",
                IncDecOp::PostDec => "post--",
            };
            out.push('(');
            out.push_str(sym);
            out.push(' ');
            dump_var(var, out);
            out.push(')');
        }
        ArithExpr::Binary { first, rest } => dump_run(first, rest, out),
        ArithExpr::Pow { base, exp, .. } => dump_list(out, "**", &[base, exp]),
        ArithExpr::Cond {
            cond,
            then,
            otherwise,
        } => dump_list(out, "?", &[cond, then, otherwise]),
        ArithExpr::Assign { var, op, value, .. } => {
            out.push('(');
            out.push_str(op.map_or("", BinOp::symbol));
            out.push_str("= ");
            dump_var(var, out);
            out.push(' ');
            dump_into(value, out);
            out.push(')');
        }
    }
}

fn dump_list(out: &mut String, sym: &str, args: &[&ArithExpr]) {
    out.push('(');
    out.push_str(sym);
    for a in args {
        out.push(' ');
        dump_into(a, out);
    }
    out.push(')');
}

fn dump_run(first: &ArithExpr, rest: &[BinTail], out: &mut String) {
    for t in rest.iter().rev() {
        out.push('(');
        out.push_str(t.op.symbol());
        out.push(' ');
    }
    dump_into(first, out);
    for t in rest {
        out.push(' ');
        dump_into(&t.rhs, out);
        out.push(')');
    }
}

fn dump_var(v: &VarRef, out: &mut String) {
    out.push_str(&String::from_utf8_lossy(&v.name));
    if let Some(sub) = &v.subscript {
        out.push('[');
        match &sub.expr {
            Ok(e) => dump_into(e, out),
            Err(_) => {
                out.push('?');
                out.push_str(&String::from_utf8_lossy(&sub.raw));
            }
        }
        out.push(']');
    }
}
