//! A compact, stable text form of the AST (`whelk --dump-ast`), used by the
//! parser tests: S-expressions with byte spans on words and commands.
//!
//! Example: `echo "a$x"` dumps as
//! `(simple@0-9 (w@0-4 (lit "echo")) (w@5-9 (dq (q "a") (param x))))`.
//! Simple commands, compound commands, functions, pipelines (when there is
//! more than one command, `!` or `time`), redirections and words carry
//! their spans; word parts do not (tests check those separately).

use std::fmt::Write;

use super::arith;
use super::ast::*;
use super::source::Span;

/// Renders a program, one complete command per line.
pub fn dump_program(program: &Program) -> String {
    let mut out = String::new();
    for item in &program.items {
        list_item(&mut out, item);
        out.push('\n');
    }
    out
}

fn bytes(out: &mut String, b: &[u8]) {
    let _ = write!(out, "{:?}", String::from_utf8_lossy(b));
}

fn span(out: &mut String, s: Span) {
    let _ = write!(out, "@{}-{}", s.start, s.end);
}

fn list_item(out: &mut String, item: &ListItem) {
    if item.background {
        out.push_str("(bg ");
    }
    and_or(out, &item.and_or);
    if item.background {
        out.push(')');
    }
}

fn program(out: &mut String, p: &Program) {
    out.push('[');
    for (i, item) in p.items.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        list_item(out, item);
    }
    out.push(']');
}

fn and_or(out: &mut String, a: &AndOr) {
    if a.rest.is_empty() {
        return pipeline(out, &a.first);
    }
    out.push_str("(andor ");
    pipeline(out, &a.first);
    for (op, p) in &a.rest {
        out.push_str(if *op == AndOrOp::And { " && " } else { " || " });
        pipeline(out, p);
    }
    out.push(')');
}

fn pipeline(out: &mut String, p: &Pipeline) {
    let plain = !p.negated && p.timed.is_none() && p.commands.len() == 1;
    if plain {
        return command(out, &p.commands[0]);
    }
    out.push_str("(pipe");
    span(out, p.span);
    if p.negated {
        out.push_str(" !");
    }
    match p.timed {
        Some(TimeFormat::Default) => out.push_str(" time"),
        Some(TimeFormat::Posix) => out.push_str(" time-p"),
        None => {}
    }
    for (i, c) in p.commands.iter().enumerate() {
        if i > 0 {
            out.push_str(if p.pipe_stderr[i - 1] { " |&" } else { " |" });
        }
        out.push(' ');
        command(out, c);
    }
    out.push(')');
}

fn command(out: &mut String, c: &Command) {
    match c {
        Command::Simple(s) => simple(out, s),
        Command::Compound(c) => compound(out, c),
        Command::Function(f) => {
            out.push_str("(function");
            span(out, f.span);
            out.push(' ');
            bytes(out, &f.name);
            out.push(' ');
            command(out, &f.body);
            out.push(')');
        }
    }
}

fn simple(out: &mut String, s: &SimpleCommand) {
    out.push_str("(simple");
    span(out, s.span);
    for a in &s.assignments {
        out.push(' ');
        assignment(out, a);
    }
    for w in &s.words {
        out.push(' ');
        word(out, w);
    }
    for r in &s.redirects {
        out.push(' ');
        redirect(out, r);
    }
    out.push(')');
}

fn assignment(out: &mut String, a: &Assignment) {
    out.push_str(if a.append { "(assign+ " } else { "(assign " });
    bytes(out, &a.name);
    if let Some(i) = &a.index {
        out.push_str(" [");
        word(out, i);
        out.push(']');
    }
    out.push(' ');
    match &a.value {
        AssignValue::Scalar(w) => word(out, w),
        AssignValue::Array(elements) => array(out, elements),
    }
    out.push(')');
}

fn array(out: &mut String, elements: &[ArrayElement]) {
    out.push_str("(array");
    for e in elements {
        out.push(' ');
        if let Some(i) = &e.index {
            out.push('[');
            word(out, i);
            out.push_str(if e.append { "]+=" } else { "]=" });
        }
        word(out, &e.value);
    }
    out.push(')');
}

fn redirect(out: &mut String, r: &Redirect) {
    out.push_str("(redir");
    span(out, r.span);
    match &r.fd {
        RedirectFd::Default => {}
        RedirectFd::Number(n) => {
            let _ = write!(out, " {n}");
        }
        RedirectFd::Variable(v) => {
            out.push_str(" {");
            out.push_str(&String::from_utf8_lossy(v));
            out.push('}');
        }
    }
    let op = match r.op {
        RedirectOp::Input => "<",
        RedirectOp::Output => ">",
        RedirectOp::Clobber => ">|",
        RedirectOp::Append => ">>",
        RedirectOp::DupInput => "<&",
        RedirectOp::DupOutput => ">&",
        RedirectOp::ReadWrite => "<>",
        RedirectOp::HereDoc => "<<",
        RedirectOp::HereString => "<<<",
        RedirectOp::OutputBoth => "&>",
        RedirectOp::AppendBoth => "&>>",
    };
    let _ = write!(out, " {op} ");
    match &r.target {
        RedirectTarget::Word(w) => word(out, w),
        RedirectTarget::HereDoc(doc) => {
            out.push_str("(heredoc ");
            bytes(out, &doc.delimiter);
            if doc.quoted {
                out.push_str(" quoted");
            }
            if doc.strip_tabs {
                out.push_str(" strip");
            }
            out.push(' ');
            match doc.body.get() {
                Some(body) => word(out, body),
                None => out.push_str("<unread>"),
            }
            out.push(')');
        }
    }
    out.push(')');
}

fn compound(out: &mut String, c: &CompoundCommand) {
    let name = match &c.kind {
        CompoundKind::Brace(_) => "brace",
        CompoundKind::Subshell(_) => "subshell",
        CompoundKind::If { .. } => "if",
        CompoundKind::Loop { until: false, .. } => "while",
        CompoundKind::Loop { until: true, .. } => "until",
        CompoundKind::For { .. } => "for",
        CompoundKind::ArithFor { .. } => "arith-for",
        CompoundKind::Select { .. } => "select",
        CompoundKind::Case { .. } => "case",
        CompoundKind::Arith(_) => "arith-cmd",
        CompoundKind::Cond(_) => "cond",
        CompoundKind::Coproc { .. } => "coproc",
    };
    out.push('(');
    out.push_str(name);
    span(out, c.span);
    match &c.kind {
        CompoundKind::Brace(p) => {
            out.push(' ');
            program(out, p);
        }
        CompoundKind::Subshell(p) => {
            out.push(' ');
            program(out, p);
        }
        CompoundKind::If {
            branches,
            else_body,
        } => {
            for (cond, body) in branches {
                out.push(' ');
                program(out, cond);
                out.push_str(" then ");
                program(out, body);
            }
            if let Some(e) = else_body {
                out.push_str(" else ");
                program(out, e);
            }
        }
        CompoundKind::Loop {
            condition, body, ..
        } => {
            out.push(' ');
            program(out, condition);
            out.push(' ');
            program(out, body);
        }
        CompoundKind::For { name, words, body } | CompoundKind::Select { name, words, body } => {
            out.push(' ');
            bytes(out, name);
            if let Some(words) = words {
                out.push_str(" in");
                for w in words {
                    out.push(' ');
                    word(out, w);
                }
            }
            out.push(' ');
            program(out, body);
        }
        CompoundKind::ArithFor {
            init,
            condition,
            step,
            body,
        } => {
            for part in [init, condition, step] {
                out.push(' ');
                match part {
                    Some(a) => arith_text(out, a),
                    None => out.push_str("()"),
                }
            }
            out.push(' ');
            program(out, body);
        }
        CompoundKind::Case { word: w, items } => {
            out.push(' ');
            word(out, w);
            for item in items {
                out.push_str(" (");
                for (i, p) in item.patterns.iter().enumerate() {
                    if i > 0 {
                        out.push_str(" | ");
                    }
                    word(out, p);
                }
                out.push_str(") ");
                program(out, &item.body);
                out.push_str(match item.terminator {
                    CaseTerminator::Break => " ;;",
                    CaseTerminator::FallThrough => " ;&",
                    CaseTerminator::Continue => " ;;&",
                });
            }
        }
        CompoundKind::Arith(a) => {
            out.push(' ');
            arith_text(out, a);
        }
        CompoundKind::Cond(e) => {
            out.push(' ');
            cond(out, e);
        }
        CompoundKind::Coproc { name, body } => {
            out.push(' ');
            bytes(out, name);
            out.push(' ');
            command(out, body);
        }
    }
    for r in &c.redirects {
        out.push(' ');
        redirect(out, r);
    }
    out.push(')');
}

fn cond(out: &mut String, e: &CondExpr) {
    match e {
        CondExpr::Not(e) => {
            out.push_str("(! ");
            cond(out, e);
            out.push(')');
        }
        CondExpr::And(a, b) | CondExpr::Or(a, b) => {
            out.push_str(if matches!(e, CondExpr::And(..)) {
                "(&& "
            } else {
                "(|| "
            });
            cond(out, a);
            out.push(' ');
            cond(out, b);
            out.push(')');
        }
        CondExpr::Unary { op, operand } => {
            out.push('(');
            out.push_str(&String::from_utf8_lossy(op));
            out.push(' ');
            word(out, operand);
            out.push(')');
        }
        CondExpr::Binary { op, left, right } => {
            out.push('(');
            out.push_str(&String::from_utf8_lossy(op));
            out.push(' ');
            word(out, left);
            out.push(' ');
            word(out, right);
            out.push(')');
        }
        CondExpr::Word(w) => word(out, w),
    }
}

fn arith_text(out: &mut String, a: &ArithText) {
    match &a.expr {
        Some(e) => out.push_str(&arith::dump(e)),
        None => {
            out.push_str("(arith-text ");
            word(out, &a.word);
            out.push(')');
        }
    }
}

/// Renders one word: `(w@START-END part...)`.
pub fn word(out: &mut String, w: &Word) {
    out.push_str("(w");
    span(out, w.span);
    parts(out, &w.parts);
    out.push(')');
}

fn parts(out: &mut String, ps: &[WordPart]) {
    for p in ps {
        out.push(' ');
        part(out, p);
    }
}

fn part(out: &mut String, p: &WordPart) {
    match &p.kind {
        PartKind::Literal(t) => {
            out.push_str("(lit ");
            bytes(out, t);
            out.push(')');
        }
        PartKind::Quoted(t) => {
            out.push_str("(q ");
            bytes(out, t);
            out.push(')');
        }
        PartKind::DoubleQuoted(inner) => {
            out.push_str("(dq");
            parts(out, inner);
            out.push(')');
        }
        PartKind::Tilde(user) => {
            out.push_str("(tilde ");
            bytes(out, user);
            out.push(')');
        }
        PartKind::Param(param) => param_expansion(out, param),
        PartKind::CommandSub {
            program: p,
            backquoted,
        } => {
            out.push_str(if *backquoted { "(bq " } else { "(cmdsub " });
            program(out, p);
            out.push(')');
        }
        PartKind::Arith(a) => {
            out.push_str("(arith ");
            arith_text(out, a);
            out.push(')');
        }
        PartKind::ProcessSub { program: p, output } => {
            out.push_str(if *output { "(procsub> " } else { "(procsub< " });
            program(out, p);
            out.push(')');
        }
        PartKind::BraceList(alts) => {
            out.push_str("(brace");
            for alt in alts {
                out.push_str(" (");
                parts(out, alt);
                out.push(')');
            }
            out.push(')');
        }
        PartKind::BraceRange { start, end, step } => {
            out.push_str("(range ");
            bytes(out, start);
            out.push(' ');
            bytes(out, end);
            if let Some(s) = step {
                let _ = write!(out, " {s}");
            }
            out.push(')');
        }
        PartKind::ArrayLiteral(elements) => array(out, elements),
        PartKind::ExtGlob { op, alternatives } => {
            let _ = write!(out, "(extglob {}", *op as char);
            for alt in alternatives {
                out.push_str(" (");
                parts(out, alt);
                out.push(')');
            }
            out.push(')');
        }
    }
}

fn param_expansion(out: &mut String, p: &ParamExpansion) {
    out.push_str("(param ");
    if p.indirect {
        out.push('!');
    }
    match &p.name {
        ParamName::Variable(v) => out.push_str(&String::from_utf8_lossy(v)),
        ParamName::Positional(n) => {
            let _ = write!(out, "{n}");
        }
        ParamName::Special(c) => out.push(*c as char),
    }
    match &p.subscript {
        None => {}
        Some(Subscript::At) => out.push_str("[@]"),
        Some(Subscript::Star) => out.push_str("[*]"),
        Some(Subscript::Index(w)) => {
            out.push('[');
            word(out, w);
            out.push(']');
        }
    }
    param_op(out, &p.op);
    out.push(')');
}

fn param_op(out: &mut String, op: &ParamOp) {
    let colon = |c: bool| if c { ":" } else { "" };
    match op {
        ParamOp::Plain => {}
        ParamOp::Length => out.push_str(" length"),
        ParamOp::Default { colon: c, word: w } => {
            let _ = write!(out, " {}- ", colon(*c));
            word(out, w);
        }
        ParamOp::Assign { colon: c, word: w } => {
            let _ = write!(out, " {}= ", colon(*c));
            word(out, w);
        }
        ParamOp::Error { colon: c, word: w } => {
            let _ = write!(out, " {}?", colon(*c));
            if let Some(w) = w {
                out.push(' ');
                word(out, w);
            }
        }
        ParamOp::Alternative { colon: c, word: w } => {
            let _ = write!(out, " {}+ ", colon(*c));
            word(out, w);
        }
        ParamOp::RemovePrefix { longest, pattern } => {
            out.push_str(if *longest { " ## " } else { " # " });
            word(out, pattern);
        }
        ParamOp::RemoveSuffix { longest, pattern } => {
            out.push_str(if *longest { " %% " } else { " % " });
            word(out, pattern);
        }
        ParamOp::Substring { offset, length } => {
            out.push_str(" substr ");
            word(out, offset);
            if let Some(l) = length {
                out.push(' ');
                word(out, l);
            }
        }
        ParamOp::Replace {
            mode,
            pattern,
            replacement,
        } => {
            let m = match mode {
                ReplaceMode::First => "/",
                ReplaceMode::All => "//",
                ReplaceMode::Prefix => "/#",
                ReplaceMode::Suffix => "/%",
            };
            let _ = write!(out, " {m} ");
            word(out, pattern);
            if let Some(r) = replacement {
                out.push(' ');
                word(out, r);
            }
        }
        ParamOp::Case {
            upper,
            all,
            pattern,
        } => {
            let c = if *upper { "^" } else { "," };
            let _ = write!(out, " {}", if *all { c.repeat(2) } else { c.to_string() });
            if let Some(p) = pattern {
                out.push(' ');
                word(out, p);
            }
        }
        ParamOp::Toggle { all, pattern } => {
            out.push_str(if *all { " ~~" } else { " ~" });
            if let Some(p) = pattern {
                out.push(' ');
                word(out, p);
            }
        }
        ParamOp::Transform(t) => {
            let _ = write!(out, " @{}", *t as char);
        }
        ParamOp::PrefixNames { star } => out.push_str(if *star { " prefix*" } else { " prefix@" }),
        ParamOp::Keys { star } => out.push_str(if *star { " keys*" } else { " keys@" }),
        ParamOp::Bad(text) => {
            out.push_str(" bad ");
            bytes(out, text);
        }
    }
}
