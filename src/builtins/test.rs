//! The `test` / `[` builtin's evaluator, plus the operator primitives that
//! `[[ ... ]]` reuses once its operands are expanded.
//!
//! Main entry points: [`evaluate`] (a whole `test` command line),
//! [`unary_test`] and [`binary_test`] (single operators, in `ops`).
//!
//! The grammar follows bash's test.c exactly: POSIX special cases for
//! 0-4 arguments (so `[ "$x" = = ]` and `[ ! -n ]` mean what POSIX says),
//! then the classic `!`, `-a`, `-o`, `( )` precedence grammar beyond.
//! Errors are bash's messages without the "test: " prefix; the caller
//! reports them with exit status 2.

mod ops;

#[cfg(test)]
mod tests;

pub use ops::{binary_test, unary_test};

/// Shell state the tests need.
pub trait TestEnv {
    /// `-v NAME`: whether the variable is set. `NAME` may carry a
    /// subscript (`a[i]`) or be a positional parameter number, as in bash.
    fn is_var_set(&mut self, name: &[u8]) -> bool;
    /// `-o OPTNAME`: `Some(state)`, or `None` for an unknown option name
    /// (which makes the test false, silently, like bash).
    fn is_option_set(&self, name: &[u8]) -> Option<bool>;
    /// `-R NAME`: whether `NAME` is a set variable with the nameref
    /// attribute. Shells without namerefs can keep the default.
    fn is_nameref(&mut self, _name: &[u8]) -> bool {
        false
    }
}

/// Evaluate a `test` command. `args` excludes the command name and, for
/// `[`, the closing `]` (the caller checks it and reports "missing `]'").
/// `Err` carries the diagnostic; the exit status is then 2.
pub fn evaluate(args: &[Vec<u8>], env: &mut dyn TestEnv) -> Result<bool, Vec<u8>> {
    let mut p = Parser {
        args,
        pos: 0,
        env,
        depth: 0,
    };
    let value = p.posix_test()?;
    if p.pos != args.len() {
        let arg = &args[p.pos];
        if arg.first() == Some(&b'-') {
            return Err([b"syntax error: `", arg.as_slice(), b"' unexpected"].concat());
        }
        return Err(b"too many arguments".to_vec());
    }
    Ok(value)
}

/// Deepest `( ... )` nesting accepted, to bound recursion.
const MAX_DEPTH: usize = 1000;

type Res<T> = Result<T, Vec<u8>>;

fn msg(arg: &[u8], text: &[u8]) -> Vec<u8> {
    [arg, text].concat()
}

fn beyond<T>() -> Res<T> {
    Err(b"argument expected".to_vec())
}

struct Parser<'a> {
    args: &'a [Vec<u8>],
    pos: usize,
    env: &'a mut dyn TestEnv,
    depth: usize,
}

impl<'a> Parser<'a> {
    /// POSIX's rules by argument count, then the full grammar.
    fn posix_test(&mut self) -> Res<bool> {
        let a = self.args;
        let argc = a.len();
        let value = match argc {
            0 => false,
            1 => !a[0].is_empty(),
            2 => self.two(&a[0], &a[1])?,
            3 => self.three(&a[0], &a[1], &a[2])?,
            4 if a[0] == b"!" => !self.three(&a[1], &a[2], &a[3])?,
            4 if a[0] == b"(" && a[3] == b")" => self.two(&a[1], &a[2])?,
            _ => return self.expr(),
        };
        self.pos = argc;
        Ok(value)
    }

    fn two(&mut self, a: &[u8], b: &[u8]) -> Res<bool> {
        if a == b"!" {
            return Ok(b.is_empty());
        }
        if !ops::is_unary_op(a) {
            return Err(msg(a, b": unary operator expected"));
        }
        if a == b"-t" && ops::legal_number(b).is_none() {
            return Ok(false);
        }
        Ok(ops::unary(a, b, self.env))
    }

    fn three(&mut self, a: &[u8], b: &[u8], c: &[u8]) -> Res<bool> {
        if ops::is_binary_op(b) {
            return ops::binary(b, a, c);
        }
        match b {
            b"-a" => return Ok(!a.is_empty() && !c.is_empty()),
            b"-o" => return Ok(!a.is_empty() || !c.is_empty()),
            _ => {}
        }
        if a == b"!" {
            return Ok(!self.two(b, c)?);
        }
        // bash only looks at the first characters here.
        if a.first() == Some(&b'(') && c.first() == Some(&b')') {
            return Ok(!b.is_empty());
        }
        Err(msg(b, b": binary operator expected"))
    }

    fn at(&self, i: usize) -> Option<&'a [u8]> {
        self.args.get(i).map(|a| a.as_slice())
    }

    /// expr: or. (`-o` binds loosest; both sides are always evaluated, so
    /// iterating is equivalent to bash's right recursion.)
    fn expr(&mut self) -> Res<bool> {
        if self.pos >= self.args.len() {
            return beyond();
        }
        let mut value = self.and()?;
        while self.at(self.pos) == Some(b"-o") {
            self.pos += 1;
            let rhs = self.and()?;
            value = value || rhs;
        }
        Ok(value)
    }

    fn and(&mut self) -> Res<bool> {
        let mut value = self.term()?;
        while self.at(self.pos) == Some(b"-a") {
            self.pos += 1;
            let rhs = self.term()?;
            value = value && rhs;
        }
        Ok(value)
    }

    fn term(&mut self) -> Res<bool> {
        let Some(word) = self.at(self.pos) else {
            return beyond();
        };
        let argc = self.args.len();
        if word == b"!" {
            let mut negate = false;
            while self.at(self.pos) == Some(b"!") {
                self.pos += 1;
                if self.pos >= argc {
                    return beyond();
                }
                negate = !negate;
            }
            return Ok(negate ^ self.term()?);
        }
        if word == b"(" {
            return self.parenthesized();
        }
        let args = self.args;
        if self.pos + 3 <= argc && ops::is_binary_op(&args[self.pos + 1]) {
            let (l, op, r) = (&args[self.pos], &args[self.pos + 1], &args[self.pos + 2]);
            self.pos += 3;
            return ops::binary(op, l, r);
        }
        if self.pos + 2 <= argc && ops::is_unary_op(word) {
            return Ok(self.unary_operator(word));
        }
        self.pos += 1;
        Ok(!word.is_empty())
    }

    fn parenthesized(&mut self) -> Res<bool> {
        self.pos += 1;
        if self.pos >= self.args.len() {
            return beyond();
        }
        if self.depth >= MAX_DEPTH {
            return Err(b"expression nested too deeply".to_vec());
        }
        self.depth += 1;
        let value = self.expr()?;
        self.depth -= 1;
        match self.at(self.pos) {
            None => Err(b"`)' expected".to_vec()),
            Some(b")") => {
                self.pos += 1;
                Ok(value)
            }
            Some(other) => Err(msg(b"`)' expected, found ", other)),
        }
    }

    /// A unary operator with its operand at `pos + 1` (`-t` takes it only
    /// if it is a number).
    fn unary_operator(&mut self, op: &[u8]) -> bool {
        self.pos += 1;
        let args = self.args;
        let operand = args[self.pos].as_slice();
        if op == b"-t" && ops::legal_number(operand).is_none() {
            return false;
        }
        self.pos += 1;
        ops::unary(op, operand, self.env)
    }
}
