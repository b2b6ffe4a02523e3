//! `[[ … ]]`: no splitting or globbing of operands, patterns on the right
//! of `==`/`!=`, POSIX EREs for `=~` (setting `BASH_REMATCH`), arithmetic
//! operands for `-eq` and friends, and the file tests of `test`.

use crate::builtins::test::{binary_test, unary_test, TestEnv};
use crate::expand::{ExpandError, Kind};
use crate::shell::vars::Subscript as VarSub;
use crate::shell::Shell;
use crate::syntax::ast::{CondExpr, Word};
use crate::sys::regex::Regex;

/// `Err(Ok(status))`: the test could not be evaluated (status 2);
/// `Err(Err(e))`: an expansion error.
pub type CondResult = Result<bool, Result<i32, ExpandError>>;

impl Shell {
    pub(crate) fn eval_cond(&mut self, expr: &CondExpr) -> CondResult {
        match expr {
            CondExpr::Not(e) => Ok(!self.eval_cond(e)?),
            CondExpr::And(a, b) => Ok(self.eval_cond(a)? && self.eval_cond(b)?),
            CondExpr::Or(a, b) => Ok(self.eval_cond(a)? || self.eval_cond(b)?),
            CondExpr::Word(w) => Ok(!self.cond_string(w)?.is_empty()),
            CondExpr::Unary { op, operand } => {
                let value = self.cond_string(operand)?;
                self.trace_cond(&[op.as_slice(), &value]);
                match op.as_slice() {
                    b"-v" => Ok(self.is_var_set(&value)),
                    b"-o" => Ok(self.is_option_set(&value).unwrap_or(false)),
                    _ => Ok(unary_test(op, &value, self).unwrap_or(false)),
                }
            }
            CondExpr::Binary { op, left, right } => {
                let l = self.cond_string(left)?;
                if self.opts.xtrace() {
                    let r = self.expand_string(right).unwrap_or_default();
                    self.trace_cond(&[l.as_slice(), op, &r]);
                }
                match op.as_slice() {
                    b"==" | b"=" | b"!=" => {
                        let pattern = self.expand_pattern(right).map_err(Err)?;
                        let matched = self.pattern_matches(&pattern, &l);
                        Ok(matched == (op.as_slice() != b"!="))
                    }
                    b"=~" => self.regex_match(&l, right),
                    b"-eq" | b"-ne" | b"-lt" | b"-le" | b"-gt" | b"-ge" => {
                        let r = self.cond_string(right)?;
                        let a = self.cond_arith(&l, left)?;
                        let b = self.cond_arith(&r, right)?;
                        Ok(match op.as_slice() {
                            b"-eq" => a == b,
                            b"-ne" => a != b,
                            b"-lt" => a < b,
                            b"-le" => a <= b,
                            b"-gt" => a > b,
                            _ => a >= b,
                        })
                    }
                    _ => {
                        let r = self.cond_string(right)?;
                        match binary_test(op, &l, &r) {
                            Some(Ok(b)) => Ok(b),
                            Some(Err(message)) => {
                                self.report(&message);
                                Err(Ok(2))
                            }
                            None => Err(Ok(2)),
                        }
                    }
                }
            }
        }
    }

    /// `set -x` for one test of `[[ ]]`.
    fn trace_cond(&mut self, parts: &[&[u8]]) {
        if self.opts.xtrace() {
            let mut line = b"[[ ".to_vec();
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    line.push(b' ');
                }
                line.extend_from_slice(p);
            }
            line.extend_from_slice(b" ]]");
            self.trace(&line);
        }
    }

    fn cond_string(&mut self, w: &Word) -> Result<Vec<u8>, Result<i32, ExpandError>> {
        self.expand_string(w).map_err(Err)
    }

    fn cond_arith(&mut self, text: &[u8], w: &Word) -> Result<i64, Result<i32, ExpandError>> {
        crate::expand::arith::eval_text(text, self)
            .map_err(|e| Err(ExpandError::new(e.render(), w.span)))
    }

    /// `=~`: quoted parts of the right side match literally.
    fn regex_match(&mut self, text: &[u8], right: &Word) -> CondResult {
        let fields = self.expand_fields_for_regex(right).map_err(Err)?;
        let mut pattern = Vec::new();
        for (&b, &k) in fields.bytes.iter().zip(&fields.kinds) {
            if k == Kind::Quoted && b"\\.[]()*+?{}|^$".contains(&b) {
                pattern.push(b'\\');
            }
            pattern.push(b);
        }
        let nocase = self.opts.nocasematch();
        let Some(re) = Regex::new(&pattern, nocase) else {
            return Err(Ok(2));
        };
        match re.captures(text) {
            Some(groups) => {
                let items = groups.into_iter().map(|g| (None, g)).collect();
                let _ = self.vars.unset(b"BASH_REMATCH");
                let _ = self.vars.set_array(b"BASH_REMATCH", items, false);
                Ok(true)
            }
            None => {
                let _ = self.vars.unset(b"BASH_REMATCH");
                let _ = self.vars.set_array(b"BASH_REMATCH", Vec::new(), false);
                Ok(false)
            }
        }
    }

    fn expand_fields_for_regex(&mut self, w: &Word) -> Result<crate::expand::Field, ExpandError> {
        let fields = self.expand_word_fields(w)?;
        let mut out = crate::expand::Field::default();
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                out.push(b" ", Kind::Quoted);
            }
            out.bytes.extend(f.bytes);
            out.kinds.extend(f.kinds);
        }
        Ok(out)
    }

    /// `-v name` / `-v a[i]`.
    pub fn is_var_set(&mut self, name: &[u8]) -> bool {
        if let Some(open) = name.iter().position(|&b| b == b'[') {
            if name.ends_with(b"]") {
                let base = &name[..open];
                let sub = &name[open + 1..name.len() - 1];
                if sub == b"@" || sub == b"*" {
                    return self.vars.len_elements(base) > 0;
                }
                if self.vars.is_assoc(base) {
                    return self.vars.get_element(base, VarSub::Key(sub)).is_some();
                }
                let Ok(i) = crate::expand::arith::eval_text(sub, self) else {
                    return false;
                };
                return self.vars.get_element(base, VarSub::Index(i)).is_some();
            }
        }
        if name.len() == 1 && name[0].is_ascii_digit()
            || name.iter().all(u8::is_ascii_digit) && !name.is_empty()
        {
            let n: usize = std::str::from_utf8(name)
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            return n >= 1 && n <= self.positional.len();
        }
        self.vars.is_set(name)
    }

    pub fn is_option_set(&self, name: &[u8]) -> Option<bool> {
        let name = std::str::from_utf8(name).ok()?;
        crate::shell::options::SET_OPTIONS
            .iter()
            .any(|&(n, _)| n == name)
            .then(|| self.opts.get(name))
    }
}

impl TestEnv for Shell {
    fn is_var_set(&mut self, name: &[u8]) -> bool {
        Shell::is_var_set(self, name)
    }

    fn is_option_set(&self, name: &[u8]) -> Option<bool> {
        Shell::is_option_set(self, name)
    }
}
