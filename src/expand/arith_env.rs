//! Arithmetic expansion glue: evaluates `$((…))` text against the shell's
//! variables through the evaluator's [`ArithEnv`] trait.

use super::arith::{eval, eval_text, ArithEnv, Subscript};
use super::{ExpandError, ExpandResult};
use crate::shell::vars::Subscript as VarSub;
use crate::shell::Shell;
use crate::syntax::ast::{ArithText, Word};
use crate::syntax::Span;

impl ArithEnv for Shell {
    fn get_var(&mut self, name: &[u8], sub: Option<&Subscript>) -> Option<Vec<u8>> {
        match sub {
            None => match name {
                b"LINENO" => Some(self.current_line().to_string().into_bytes()),
                _ => self.vars.get(name).map(|v| v.into_owned()),
            },
            Some(Subscript::Index(i)) => self
                .vars
                .get_element(name, VarSub::Index(*i))
                .map(|v| v.into_owned()),
            Some(Subscript::Key(k)) => self
                .vars
                .get_element(name, VarSub::Key(k))
                .map(|v| v.into_owned()),
        }
    }

    fn set_var(&mut self, name: &[u8], sub: Option<&Subscript>, value: i64) -> Result<(), String> {
        let text = value.to_string().into_bytes();
        let result = match sub {
            None => self.vars.set(name, text),
            Some(Subscript::Index(i)) => self.vars.set_element(name, VarSub::Index(*i), text),
            Some(Subscript::Key(k)) => self.vars.set_element(name, VarSub::Key(k), text),
        };
        result.map_err(|e| String::from_utf8_lossy(&e.message()).into_owned())
    }

    fn is_assoc(&self, name: &[u8]) -> bool {
        self.vars.is_assoc(name)
    }

    fn nounset(&self) -> bool {
        self.opts.nounset()
    }

    fn var_exists(&mut self, name: &[u8]) -> bool {
        self.vars.is_set(name) || self.vars.len_elements(name) > 0
    }
}

impl Shell {
    /// Evaluates `$((…))`, `((…))` or a `for ((…))` section.
    pub fn eval_arith_text(&mut self, text: &ArithText, span: Span) -> ExpandResult<i64> {
        let result = match &text.expr {
            Some(expr) => eval(expr, self),
            None => {
                let expanded = self.expand_quoted(&text.word)?;
                eval_text(&expanded, self)
            }
        };
        result.map_err(|e| ExpandError::new(e.render(), span))
    }

    /// Evaluates a word as arithmetic (substring offsets, subscripts).
    pub fn eval_arith_word(&mut self, word: &Word, span: Span) -> ExpandResult<i64> {
        let expanded = self.expand_quoted(word)?;
        eval_text(&expanded, self).map_err(|e| ExpandError::new(e.render(), span))
    }
}
