//! `[[ … ]]` for the unparser. Our tree drops parentheses, so the
//! expression is re-read from its source: the operand words come from the
//! tree (with their spans), the operators and parentheses between them from
//! the text, and bash's own `[[` grammar puts them back together so the
//! output matches bash's `print_cond_node`: single spaces, a lone word as
//! `-n word`, `! !` cancelled. Without usable spans the tree is printed.

use super::Printer;
use crate::syntax::ast::{CondExpr, Word};
use crate::syntax::source::Span;

enum Tok<'a> {
    Word(&'a Word),
    Op(&'a [u8]),
}

/// bash's `COND_COM` tree, with its inversion flag.
enum Node<'a> {
    Group(Box<Node<'a>>),
    And(Box<Node<'a>>, Box<Node<'a>>),
    Or(Box<Node<'a>>, Box<Node<'a>>),
    Unary(&'a [u8], &'a Word),
    Binary(&'a Word, &'a [u8], &'a Word),
    Not(Box<Node<'a>>),
}

impl<'a> Printer<'a> {
    pub(super) fn cond_command(&mut self, expr: &'a CondExpr, span: Span) {
        let mut words = Vec::new();
        collect_words(expr, &mut words);
        let tree = self
            .cond_tokens(&words, span)
            .and_then(|toks| TokParser { toks, pos: 0 }.parse());
        match tree {
            Some(node) => self.cond_node(&node),
            None => self.cond_fallback(expr, false),
        }
    }

    /// Operators and operand words in source order, up to `]]`.
    fn cond_tokens(&self, words: &[&'a Word], span: Span) -> Option<Vec<Tok<'a>>> {
        if !self.slice(span).starts_with(b"[[") {
            return None;
        }
        let mut toks = Vec::new();
        let mut pos = span.start as usize + 2;
        for w in words {
            let start = w.span.start as usize;
            if start < pos || w.span.end < w.span.start {
                return None;
            }
            gap_tokens(self.src.get(pos..start)?, &mut toks);
            toks.push(Tok::Word(w));
            pos = w.span.end as usize;
        }
        let mut tail = Vec::new();
        gap_tokens(self.src.get(pos..span.end as usize)?, &mut tail);
        let end = tail
            .iter()
            .position(|t| matches!(t, Tok::Op(op) if op.starts_with(b"]]")))?;
        tail.truncate(end);
        toks.extend(tail);
        Some(toks)
    }

    fn cond_node(&mut self, node: &Node<'a>) {
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || match node {
            Node::Not(inner) => {
                self.put(b"! ");
                self.cond_node(inner);
            }
            Node::Group(inner) => {
                self.put(b"( ");
                self.cond_node(inner);
                self.put(b" )");
            }
            Node::And(l, r) | Node::Or(l, r) => {
                self.cond_node(l);
                self.put(if matches!(node, Node::And(..)) {
                    b" && "
                } else {
                    b" || "
                });
                self.cond_node(r);
            }
            Node::Unary(op, w) => {
                self.put(op);
                self.put(b" ");
                self.word(w);
            }
            Node::Binary(l, op, r) => {
                self.word(l);
                self.put(b" ");
                self.put(op);
                self.put(b" ");
                self.word(r);
            }
        });
    }

    /// The tree as parsed, for text whose spans cannot be trusted.
    fn cond_fallback(&mut self, expr: &'a CondExpr, in_and: bool) {
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || match expr {
            CondExpr::Not(inner) => {
                let mut e = &**inner;
                let mut negate = true;
                while let CondExpr::Not(next) = e {
                    e = next;
                    negate = !negate;
                }
                if negate {
                    self.put(b"! ");
                }
                let group = matches!(e, CondExpr::And(..) | CondExpr::Or(..));
                self.cond_grouped(e, group);
            }
            CondExpr::And(l, r) => {
                self.cond_grouped(l, matches!(**l, CondExpr::Or(..)));
                self.put(b" && ");
                self.cond_grouped(r, matches!(**r, CondExpr::Or(..)));
            }
            CondExpr::Or(l, r) => {
                self.cond_grouped(l, in_and);
                self.put(b" || ");
                self.cond_grouped(r, in_and);
            }
            CondExpr::Unary { op, operand } => {
                self.put(op);
                self.put(b" ");
                self.word(operand);
            }
            CondExpr::Binary { op, left, right } => {
                self.word(left);
                self.put(b" ");
                self.put(op);
                self.put(b" ");
                self.word(right);
            }
            CondExpr::Word(w) => {
                self.put(b"-n ");
                self.word(w);
            }
        });
    }

    fn cond_grouped(&mut self, expr: &'a CondExpr, group: bool) {
        if group {
            self.put(b"( ");
        }
        self.cond_fallback(expr, matches!(expr, CondExpr::And(..)));
        if group {
            self.put(b" )");
        }
    }
}

fn collect_words<'a>(expr: &'a CondExpr, out: &mut Vec<&'a Word>) {
    stacker::maybe_grow(32 * 1024, 1024 * 1024, || match expr {
        CondExpr::Not(e) => collect_words(e, out),
        CondExpr::And(l, r) | CondExpr::Or(l, r) => {
            collect_words(l, out);
            collect_words(r, out);
        }
        CondExpr::Unary { operand, .. } => out.push(operand),
        CondExpr::Binary { left, right, .. } => {
            out.push(left);
            out.push(right);
        }
        CondExpr::Word(w) => out.push(w),
    });
}

/// Splits the text between two operands into operator tokens.
fn gap_tokens<'a>(text: &'a [u8], out: &mut Vec<Tok<'a>>) {
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let len = match rest {
            [b' ' | b'\t' | b'\n', ..] => {
                i += 1;
                continue;
            }
            [b'\\', b'\n', ..] => {
                i += 2;
                continue;
            }
            [b'&', b'&', ..] | [b'|', b'|', ..] => 2,
            [b'(' | b')' | b'<' | b'>' | b'&' | b'|', ..] => 1,
            _ => rest
                .iter()
                .position(|b| b" \t\n()<>&|;".contains(b))
                .unwrap_or(rest.len()),
        };
        out.push(Tok::Op(&rest[..len]));
        i += len;
    }
}

/// bash's `[[` grammar over the tokens: `||` and `&&` associate to the
/// right, `!` toggles its term's inversion.
struct TokParser<'a> {
    toks: Vec<Tok<'a>>,
    pos: usize,
}

impl<'a> TokParser<'a> {
    fn parse(mut self) -> Option<Node<'a>> {
        let node = self.or(0)?;
        (self.pos == self.toks.len()).then_some(node)
    }

    fn op(&self, at: usize) -> Option<&'a [u8]> {
        match self.toks.get(at) {
            Some(Tok::Op(op)) => Some(op),
            _ => None,
        }
    }

    fn word(&self, at: usize) -> Option<&'a Word> {
        match self.toks.get(at) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn or(&mut self, depth: usize) -> Option<Node<'a>> {
        let left = self.and(depth)?;
        if self.op(self.pos) == Some(b"||") {
            self.pos += 1;
            let right = self.or(depth + 1)?;
            return Some(Node::Or(Box::new(left), Box::new(right)));
        }
        Some(left)
    }

    fn and(&mut self, depth: usize) -> Option<Node<'a>> {
        let left = self.term(depth)?;
        if self.op(self.pos) == Some(b"&&") {
            self.pos += 1;
            let right = self.and(depth + 1)?;
            return Some(Node::And(Box::new(left), Box::new(right)));
        }
        Some(left)
    }

    fn term(&mut self, depth: usize) -> Option<Node<'a>> {
        if depth > super::MAX_DEPTH {
            return None;
        }
        stacker::maybe_grow(32 * 1024, 1024 * 1024, || self.term_inner(depth))
    }

    fn term_inner(&mut self, depth: usize) -> Option<Node<'a>> {
        let at = self.pos;
        if let Some(w) = self.word(at) {
            if let (Some(op), Some(right)) = (self.op(at + 1), self.word(at + 2)) {
                if !is_connective(op) {
                    self.pos += 3;
                    return Some(Node::Binary(w, op, right));
                }
            }
            self.pos += 1;
            return Some(Node::Unary(b"-n", w));
        }
        match self.op(at)? {
            b"(" => {
                self.pos += 1;
                let inner = self.or(depth + 1)?;
                if self.op(self.pos) != Some(b")") {
                    return None;
                }
                self.pos += 1;
                Some(Node::Group(Box::new(inner)))
            }
            b"!" => {
                self.pos += 1;
                Some(match self.term(depth + 1)? {
                    Node::Not(inner) => *inner,
                    node => Node::Not(Box::new(node)),
                })
            }
            op if is_connective(op) => None,
            op => {
                let w = self.word(at + 1)?;
                self.pos += 2;
                Some(Node::Unary(op, w))
            }
        }
    }
}

/// Tokens that join or group terms rather than test operands.
fn is_connective(op: &[u8]) -> bool {
    matches!(op, b"&&" | b"||" | b"(" | b")" | b"!")
}
