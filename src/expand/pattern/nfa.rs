//! Compilation of a parsed pattern into Thompson-style NFA programs.
//!
//! `*`, `?`, brackets and the regular extglob operators (`?()` `*()` `+()`
//! `@()`) become ordinary NFA instructions. `!(…)` is not regular in NFA
//! form, so its body is compiled into a separate program that the simulator
//! (see `sim.rs`) runs on demand to learn which spans the body matches.

use super::chars::to_lower;
use super::parse::{Bracket, GroupKind, Node};

#[derive(Debug)]
pub(crate) enum Inst {
    /// One literal character (already lower-cased when matching without case).
    Lit(u32),
    /// `?`: any one character.
    Any,
    /// A bracket expression.
    Set(Box<Bracket>),
    /// `*`: consumes any character and stays here, or moves on without consuming.
    Star,
    /// Epsilon moves to every listed instruction.
    Fork(Vec<usize>),
    Jmp(usize),
    /// `!(…)`: program index of the body and this negation's slot number in
    /// its program; continues at the next instruction.
    Neg {
        prog: usize,
        slot: usize,
    },
    Match,
}

#[derive(Debug, Default)]
pub(crate) struct Program {
    pub insts: Vec<Inst>,
    /// Instruction index of each `Neg`, by slot.
    pub neg_pcs: Vec<usize>,
}

/// Program 0 is the whole pattern; the others are bodies of `!(…)` groups.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub progs: Vec<Program>,
}

impl Compiled {
    /// True when the pattern is a plain literal string (no wildcard at all).
    pub(crate) fn is_literal(&self) -> bool {
        self.progs.len() == 1
            && self.progs[0]
                .insts
                .iter()
                .all(|i| matches!(i, Inst::Lit(_) | Inst::Match))
    }
}

pub(crate) fn compile(nodes: &[Node], nocase: bool) -> Compiled {
    let mut c = Compiler {
        progs: Vec::new(),
        nocase,
    };
    let id = c.reserve();
    let mut prog = Program::default();
    c.seq(nodes, &mut prog);
    prog.insts.push(Inst::Match);
    c.progs[id] = prog;
    Compiled { progs: c.progs }
}

struct Compiler {
    progs: Vec<Program>,
    nocase: bool,
}

impl Compiler {
    fn reserve(&mut self) -> usize {
        self.progs.push(Program::default());
        self.progs.len() - 1
    }

    fn seq(&mut self, nodes: &[Node], p: &mut Program) {
        for node in nodes {
            match node {
                Node::Lit(c) => {
                    let c = if self.nocase { to_lower(*c) } else { *c };
                    p.insts.push(Inst::Lit(c));
                }
                Node::Any => p.insts.push(Inst::Any),
                Node::Star => p.insts.push(Inst::Star),
                Node::Set(b) => p.insts.push(Inst::Set(Box::new(b.clone()))),
                Node::Group(kind, alts) => self.group(*kind, alts, p),
            }
        }
    }

    fn group(&mut self, kind: GroupKind, alts: &[Vec<Node>], p: &mut Program) {
        match kind {
            GroupKind::Not => {
                let body = self.reserve();
                let mut bp = Program::default();
                self.alternation(alts, &mut bp, false, false);
                bp.insts.push(Inst::Match);
                self.progs[body] = bp;
                p.neg_pcs.push(p.insts.len());
                let slot = p.neg_pcs.len() - 1;
                p.insts.push(Inst::Neg { prog: body, slot });
            }
            GroupKind::At => self.alternation(alts, p, false, false),
            GroupKind::Opt => self.alternation(alts, p, true, false),
            GroupKind::Star => self.alternation(alts, p, true, true),
            GroupKind::Plus => {
                // L: one pass through the alternatives, then M: again or leave.
                let l = p.insts.len();
                self.alternation(alts, p, false, false);
                let m = p.insts.len();
                p.insts.push(Inst::Fork(vec![l, m + 1]));
            }
        }
    }

    /// `Fork` into each alternative, every alternative jumping to the end
    /// (or back to the fork when `repeat`); `skippable` adds an edge past it.
    fn alternation(&mut self, alts: &[Vec<Node>], p: &mut Program, skippable: bool, repeat: bool) {
        let fork = p.insts.len();
        p.insts.push(Inst::Fork(Vec::new()));
        let mut targets = Vec::with_capacity(alts.len() + 1);
        let mut jumps = Vec::with_capacity(alts.len());
        for alt in alts {
            targets.push(p.insts.len());
            self.seq(alt, p);
            jumps.push(p.insts.len());
            p.insts.push(Inst::Jmp(fork));
        }
        let end = p.insts.len();
        if skippable {
            targets.push(end);
        }
        p.insts[fork] = Inst::Fork(targets);
        if !repeat {
            for j in jumps {
                p.insts[j] = Inst::Jmp(end);
            }
        }
    }
}
