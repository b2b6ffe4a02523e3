//! NFA simulation: runs a compiled program over a subject in
//! O(text × program) steps, never backtracking. Positions are byte offsets
//! of character boundaries; characters are decoded as the run reaches them,
//! so a search that ends early never looks at the rest of the text.
//!
//! Each thread carries the text position where its match started. When two
//! threads reach the same instruction at the same position only the one with
//! the preferred start survives (smallest for leftmost / longest-suffix
//! searches, largest for shortest-suffix ones): what can follow depends only
//! on the instruction and position, so the other thread can never do better.
//! Threads are seeded in preference order, so the first arrival wins.
//!
//! `!(body)` at position p is resolved by running the body's program from p
//! (memoised per start), then scheduling the continuation at every end
//! position the body does *not* reach. This keeps negation polynomial.

use std::cell::{Cell, RefCell};
use std::cmp::Reverse;
use std::collections::HashMap;
use std::rc::Rc;

use super::chars::{decode_at, to_lower};
use super::nfa::{Inst, Program};

const NONE: usize = usize::MAX;
/// Upper bound on memoised `!(…)` body end positions kept per match call.
const MEMO_BUDGET: usize = 1 << 22;
const SLASH: u32 = b'/' as u32;
const DOT: u32 = b'.' as u32;

/// `!(…)` body ends by (program, start position).
type Memo = HashMap<(usize, usize), Rc<Vec<usize>>>;

/// Which start position wins when threads meet.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pref {
    Min,
    Max,
}

impl Pref {
    fn better(self, a: usize, b: usize) -> bool {
        match self {
            Pref::Min => a < b,
            Pref::Max => a > b,
        }
    }

    /// Combine a stored start (maybe NONE) with a new one.
    fn pick(self, old: usize, new: usize) -> usize {
        if old == NONE || self.better(new, old) {
            new
        } else {
            old
        }
    }
}

/// Where matches may start: only at one position, or at every position from one on.
#[derive(Clone, Copy)]
pub(crate) enum Seed {
    At(usize),
    From(usize),
}

/// What the match callback wants next.
pub(crate) enum Flow {
    /// Keep going.
    Go,
    /// Start no new matches and drop threads whose start is worse than this match's.
    Cut,
    /// Stop the run now.
    Stop,
}

pub(crate) struct Matcher<'a> {
    pub progs: &'a [Program],
    pub text: &'a [u8],
    pub pathname: bool,
    pub period: bool,
    pub nocase: bool,
    memo: RefCell<Memo>,
    budget: Cell<usize>,
}

/// State of one run of one program.
struct Run<'p> {
    prog: &'p Program,
    pref: Pref,
    pos: usize,
    /// Threads waiting to consume the character at `pos`: (pc, start).
    clist: Vec<(usize, usize)>,
    /// Threads arriving at `pos`, before epsilon closure.
    seeds: Vec<(usize, usize)>,
    stack: Vec<(usize, usize)>,
    /// Position at which each instruction was last visited.
    mark: Vec<usize>,
    /// Per `!(…)` slot: best start of a thread resuming after it at each position.
    pending: Vec<Vec<usize>>,
    pending_max: usize,
    cutoff: Option<usize>,
    injecting: bool,
    stopped: bool,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(progs: &'a [Program], text: &'a [u8]) -> Matcher<'a> {
        Matcher {
            progs,
            text,
            pathname: false,
            period: false,
            nocase: false,
            memo: RefCell::new(HashMap::new()),
            budget: Cell::new(MEMO_BUDGET),
        }
    }

    /// Run program `prog`; `sink(end, start)` is called for every position
    /// where a match ends (once per position, with the preferred start).
    pub(crate) fn run(
        &self,
        prog: usize,
        seed: Seed,
        pref: Pref,
        sink: &mut dyn FnMut(usize, usize) -> Flow,
    ) {
        let n = self.text.len();
        let (start, injecting) = match seed {
            Seed::At(s) => (s, false),
            Seed::From(s) => (s, true),
        };
        let Some(prog) = self.progs.get(prog) else {
            return;
        };
        if start > n {
            return;
        }
        let mut r = Run {
            prog,
            pref,
            pos: start,
            clist: Vec::new(),
            seeds: vec![(0, start)],
            stack: Vec::new(),
            mark: vec![NONE; prog.insts.len()],
            pending: vec![Vec::new(); prog.neg_pcs.len()],
            pending_max: 0,
            cutoff: None,
            injecting,
            stopped: false,
        };
        loop {
            self.closure(&mut r, sink);
            if r.stopped || r.pos >= n {
                break;
            }
            if r.clist.is_empty() && !r.injecting && r.pending_max <= r.pos {
                break;
            }
            r.pos = self.step(&mut r);
            r.resume_pending();
            if r.injecting {
                r.seeds.push((0, r.pos));
            }
        }
    }

    /// Follow epsilon moves from the seeds, in preference order.
    fn closure(&self, r: &mut Run, sink: &mut dyn FnMut(usize, usize) -> Flow) {
        let mut seeds = std::mem::take(&mut r.seeds);
        match r.pref {
            Pref::Min => seeds.sort_by_key(|s| s.1),
            Pref::Max => seeds.sort_by_key(|s| Reverse(s.1)),
        }
        r.clist.clear();
        let prog = r.prog;
        for &seed in &seeds {
            if r.stopped {
                break;
            }
            if matches!(r.cutoff, Some(c) if r.pref.better(c, seed.1)) {
                continue;
            }
            r.stack.push(seed);
            while let Some((pc, start)) = r.stack.pop() {
                if r.mark[pc] == r.pos {
                    continue;
                }
                r.mark[pc] = r.pos;
                match &prog.insts[pc] {
                    Inst::Lit(_) | Inst::Any | Inst::Set(_) => r.clist.push((pc, start)),
                    Inst::Star => {
                        r.clist.push((pc, start));
                        r.stack.push((pc + 1, start));
                    }
                    Inst::Fork(ts) => r.stack.extend(ts.iter().rev().map(|&t| (t, start))),
                    Inst::Jmp(t) => r.stack.push((*t, start)),
                    Inst::Match => match sink(r.pos, start) {
                        Flow::Go => {}
                        Flow::Cut => {
                            r.cutoff = Some(r.cutoff.map_or(start, |c| r.pref.pick(c, start)));
                            r.injecting = false;
                        }
                        Flow::Stop => {
                            r.stopped = true;
                            r.stack.clear();
                        }
                    },
                    Inst::Neg { prog: body, slot } => {
                        if self.activate(r, *body, *slot, start) {
                            r.stack.push((pc + 1, start));
                        }
                    }
                }
            }
        }
        seeds.clear();
        r.seeds = seeds;
    }

    /// Advance every thread over the character at `r.pos`; returns the
    /// position after that character.
    fn step(&self, r: &mut Run) -> usize {
        let (c, len) = decode_at(self.text, r.pos);
        let lc = if self.nocase { to_lower(c) } else { c };
        let wild = self.wild_ok(r.pos);
        r.seeds.clear();
        for &(pc, start) in &r.clist {
            let next = match &r.prog.insts[pc] {
                Inst::Lit(l) if *l == lc => pc + 1,
                Inst::Any if wild => pc + 1,
                Inst::Set(b) if wild && b.matches(c, self.nocase) => pc + 1,
                Inst::Star if wild => pc,
                _ => continue,
            };
            r.seeds.push((next, start));
        }
        r.pos + len
    }

    /// A thread reached `!(body)` at `r.pos`: schedule its continuation at every
    /// end the body cannot reach. Returns whether the empty span is allowed.
    fn activate(&self, r: &mut Run, body: usize, slot: usize, start: usize) -> bool {
        let pos = r.pos;
        let limit = self.neg_limit(pos);
        let row = self.ends(body, pos);
        let mut empty_ok = false;
        let mut ri = 0;
        let mut k = pos;
        loop {
            while ri < row.len() && row[ri] < k {
                ri += 1;
            }
            if row.get(ri) != Some(&k) {
                if k == pos {
                    empty_ok = true;
                } else {
                    let pend = &mut r.pending[slot];
                    if pend.is_empty() {
                        *pend = vec![NONE; self.text.len() + 1];
                    }
                    pend[k] = r.pref.pick(pend[k], start);
                    r.pending_max = r.pending_max.max(k);
                }
            }
            if k >= limit {
                break;
            }
            k += decode_at(self.text, k).1;
        }
        empty_ok
    }

    /// Sorted end positions of matches of program `prog` starting at `start`.
    pub(crate) fn ends(&self, prog: usize, start: usize) -> Rc<Vec<usize>> {
        if let Some(v) = self.memo.borrow().get(&(prog, start)) {
            return Rc::clone(v);
        }
        let mut out = Vec::new();
        self.run(prog, Seed::At(start), Pref::Min, &mut |end, _| {
            out.push(end);
            Flow::Go
        });
        let out = Rc::new(out);
        let cost = out.len() + 1;
        if self.budget.get() >= cost {
            self.budget.set(self.budget.get() - cost);
            self.memo
                .borrow_mut()
                .insert((prog, start), Rc::clone(&out));
        }
        out
    }

    /// Is `pos` the start of a file-name component (for the leading-period rule)?
    fn seg_start(&self, pos: usize) -> bool {
        // `/` is ASCII, so the byte before a boundary being `/` means the
        // previous character is `/`.
        pos == 0 || (self.pathname && self.text[pos - 1] == b'/')
    }

    /// May a wildcard (`?`, `*`, `[…]`, `!(…)`) consume the character at `pos`?
    fn wild_ok(&self, pos: usize) -> bool {
        let c = decode_at(self.text, pos).0;
        let slash = self.pathname && c == SLASH;
        let leading_dot = self.period && c == DOT && self.seg_start(pos);
        !slash && !leading_dot
    }

    /// Furthest end of a span a negation starting at `pos` may consume.
    fn neg_limit(&self, pos: usize) -> usize {
        let n = self.text.len();
        if pos < n && !self.wild_ok(pos) {
            return pos;
        }
        if !self.pathname {
            return n;
        }
        self.text[pos..]
            .iter()
            .position(|&b| b == b'/')
            .map_or(n, |i| pos + i)
    }
}

impl Run<'_> {
    /// Threads resuming after a `!(…)` at the current position become seeds.
    fn resume_pending(&mut self) {
        for (slot, pend) in self.pending.iter().enumerate() {
            if let Some(&s) = pend.get(self.pos) {
                if s != NONE {
                    self.seeds.push((self.prog.neg_pcs[slot] + 1, s));
                }
            }
        }
    }
}
