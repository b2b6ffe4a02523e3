//! Compound commands: groups, subshells, `if`, loops, `for`, `select`,
//! `case` (with `;&` and `;;&`), `(( ))` and `[[ ]]`, each under its own
//! redirections. Conditions run with `set -e` suppressed (POSIX 2.8.1).

mod select;

use super::{Status, Unwind};
use crate::shell::Shell;
use crate::syntax::ast::{CaseTerminator, CompoundCommand, CompoundKind, Program, Word};

impl Shell {
    pub(crate) fn run_compound(&mut self, cmd: &CompoundCommand) -> Status {
        self.current_offset = cmd.span.start;
        // Loops and conditions run more commands after any given one.
        if !matches!(
            cmd.kind,
            CompoundKind::Brace(_) | CompoundKind::If { .. } | CompoundKind::Case { .. }
        ) {
            self.exec_in_place = false;
        }
        let saved = match self.apply_redirects(&cmd.redirects) {
            Ok(saved) => saved,
            Err(status) => return Ok(status),
        };
        let result = self.run_compound_kind(&cmd.kind, cmd.span);
        drop(saved);
        result
    }

    fn run_compound_kind(&mut self, kind: &CompoundKind, span: crate::syntax::Span) -> Status {
        match kind {
            CompoundKind::Brace(body) => self.run_program(body),
            CompoundKind::Subshell(body) => self.run_subshell(body, span),
            CompoundKind::If {
                branches,
                else_body,
            } => {
                let tail = self.exec_in_place;
                for (condition, body) in branches {
                    if self.run_condition(condition)? == 0 {
                        self.exec_in_place = tail;
                        return self.run_program(body);
                    }
                }
                self.exec_in_place = tail;
                match else_body {
                    Some(body) => self.run_program(body),
                    None => Ok(0),
                }
            }
            CompoundKind::Loop {
                until,
                condition,
                body,
            } => self.run_loop(*until, condition, body),
            CompoundKind::For { name, words, body } => self.run_for(name, words.as_deref(), body),
            CompoundKind::ArithFor {
                init,
                condition,
                step,
                body,
            } => {
                if let Some(init) = init {
                    self.eval_arith_text(init, span)
                        .map_err(|e| self.expansion_failed(e))?;
                }
                let mut status = 0;
                self.loop_depth += 1;
                let result = loop {
                    if let Some(c) = condition {
                        self.trace_arith(c);
                        match self.eval_arith_text(c, span) {
                            Ok(0) => break Ok(status),
                            Ok(_) => {}
                            Err(e) => break Err(self.expansion_failed(e)),
                        }
                    }
                    match self.loop_body(body) {
                        Ok(LoopStep::Next(s)) => status = s,
                        Ok(LoopStep::Stop(s)) => break Ok(s),
                        Err(u) => break Err(u),
                    }
                    if let Some(s) = step {
                        self.trace_arith(s);
                        if let Err(e) = self.eval_arith_text(s, span) {
                            break Err(self.expansion_failed(e));
                        }
                    }
                };
                self.loop_depth -= 1;
                result
            }
            CompoundKind::Select { name, words, body } => {
                self.run_select(name, words.as_deref(), body)
            }
            CompoundKind::Case { word, items } => {
                if self.opts.xtrace() {
                    let mut line = b"case ".to_vec();
                    line.extend(self.source_text(word.span));
                    line.extend_from_slice(b" in");
                    self.trace(&line);
                }
                let subject = self
                    .expand_string(word)
                    .map_err(|e| self.expansion_failed(e))?;
                let mut status = 0;
                let mut i = 0;
                let mut falling = false;
                while i < items.len() {
                    let item = &items[i];
                    let mut matched = falling;
                    if !matched {
                        for pattern in &item.patterns {
                            let p = self
                                .expand_pattern(pattern)
                                .map_err(|e| self.expansion_failed(e))?;
                            if self.pattern_matches(&p, &subject) {
                                matched = true;
                                break;
                            }
                        }
                    }
                    falling = false;
                    if matched {
                        status = self.run_program(&item.body)?;
                        match item.terminator {
                            CaseTerminator::Break => return Ok(status),
                            CaseTerminator::FallThrough => falling = true,
                            CaseTerminator::Continue => {}
                        }
                    }
                    i += 1;
                }
                Ok(status)
            }
            CompoundKind::Arith(text) => {
                self.trace_arith(text);
                match self.eval_arith_text(text, span) {
                    Ok(n) => Ok(i32::from(n == 0)),
                    Err(e) => {
                        self.report_at(e.span, &e.message);
                        Ok(1)
                    }
                }
            }
            CompoundKind::Cond(expr) => match self.eval_cond(expr) {
                Ok(true) => Ok(0),
                Ok(false) => Ok(1),
                Err(Ok(status)) => Ok(status),
                Err(Err(e)) => Err(self.expansion_failed(e)),
            },
            CompoundKind::Coproc { name, body } => self.run_coproc(name, body),
        }
    }

    /// Runs a condition list with `set -e` suppressed.
    pub(crate) fn run_condition(&mut self, program: &Program) -> Status {
        let tail = std::mem::replace(&mut self.exec_in_place, false);
        let _ = tail;
        self.errexit_suppressed += 1;
        let result = self.run_program(program);
        self.errexit_suppressed -= 1;
        result
    }

    fn run_loop(&mut self, until: bool, condition: &Program, body: &Program) -> Status {
        let mut status = 0;
        self.loop_depth += 1;
        let result = loop {
            match self.run_condition(condition) {
                Ok(s) if (s == 0) == until => break Ok(status),
                Ok(_) => {}
                Err(Unwind::Break(n)) => break self.leave_loop(Unwind::Break(n), status),
                Err(Unwind::Continue(n)) if n <= 1 => continue,
                Err(u) => break self.leave_loop(u, status),
            }
            match self.loop_body(body) {
                Ok(LoopStep::Next(s)) => status = s,
                Ok(LoopStep::Stop(s)) => break Ok(s),
                Err(u) => break Err(u),
            }
        };
        self.loop_depth -= 1;
        result
    }

    /// Propagates a `break`/`continue` that targets an outer loop.
    fn leave_loop(&mut self, unwind: Unwind, status: i32) -> Status {
        match unwind {
            Unwind::Break(n) if n > 1 => Err(Unwind::Break(n - 1)),
            Unwind::Break(_) => Ok(status),
            Unwind::Continue(n) if n > 1 => Err(Unwind::Continue(n - 1)),
            other => Err(other),
        }
    }

    /// Runs a loop body once and says whether to go on.
    fn loop_body(&mut self, body: &Program) -> Result<LoopStep, Unwind> {
        match self.run_program(body) {
            Ok(s) => Ok(LoopStep::Next(s)),
            Err(Unwind::Break(n)) if n > 1 => Err(Unwind::Break(n - 1)),
            Err(Unwind::Break(_)) => Ok(LoopStep::Stop(0)),
            Err(Unwind::Continue(n)) if n > 1 => Err(Unwind::Continue(n - 1)),
            Err(Unwind::Continue(_)) => Ok(LoopStep::Next(0)),
            Err(u) => Err(u),
        }
    }

    fn loop_items(&mut self, words: Option<&[Word]>) -> Result<Vec<Vec<u8>>, Unwind> {
        match words {
            Some(words) => self
                .expand_words(words)
                .map_err(|e| self.expansion_failed(e)),
            None => Ok(self.positional.clone()),
        }
    }

    fn run_for(&mut self, name: &[u8], words: Option<&[Word]>, body: &Program) -> Status {
        let items = self.loop_items(words)?;
        let mut status = 0;
        self.loop_depth += 1;
        let mut result = Ok(0);
        let header = self.opts.xtrace().then(|| {
            let mut line = b"for ".to_vec();
            line.extend_from_slice(name);
            line.extend_from_slice(b" in");
            for item in &items {
                line.push(b' ');
                line.extend(crate::expand::quote_for_display(item));
            }
            line
        });
        for item in items {
            if let Some(h) = &header {
                if self.opts.xtrace() {
                    self.trace(h);
                }
            }
            if let Err(e) = self.vars.set(name, item) {
                self.report(&e.message());
                result = Ok(1);
                break;
            }
            match self.loop_body(body) {
                Ok(LoopStep::Next(s)) => status = s,
                Ok(LoopStep::Stop(s)) => {
                    status = s;
                    break;
                }
                Err(u) => {
                    result = Err(u);
                    break;
                }
            }
        }
        self.loop_depth -= 1;
        match result {
            Ok(0) => Ok(status),
            other => other,
        }
    }
}

impl Shell {
    /// `set -x` for `(( … ))` and `for ((…))` sections.
    fn trace_arith(&mut self, text: &crate::syntax::ast::ArithText) {
        if self.opts.xtrace() {
            let shown = self.expand_quoted(&text.word).unwrap_or_default();
            let mut line = b"(( ".to_vec();
            line.extend(shown);
            line.extend_from_slice(b" ))");
            self.trace(&line);
        }
    }
}

enum LoopStep {
    Next(i32),
    Stop(i32),
}
