//! The `printf` builtin's pure core: bash 5.2's format interpreter, minus
//! the writing (`-v`, option parsing and file descriptors are the caller's).
//!
//! Main entry points: [`format`] and [`shell_quote`] (`%q`).
//!
//! Like bash, numeric conversions are done the way glibc's printf does
//! them on an x86-64 `long double`; see the submodules for the exact
//! integer parsing, 80-bit float model and quoting rules.

mod bignum;
mod fmtfloat;
mod ldouble;
mod numarg;
pub use numarg::set_utf8_locale;
mod quote;
mod spec;
mod strftime;
mod wprint;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_float;
#[cfg(test)]
mod tests_text;

pub use quote::shell_quote;

use crate::builtins::echo::{expand_printf_b, format_escape};
use ldouble::LDouble;
use spec::{Precision, RawSpec, Width};

/// What one `printf` invocation produced.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PrintfOutput {
    /// Bytes for standard output (or the `-v` variable).
    pub output: Vec<u8>,
    /// Diagnostics, without the "whelk: printf: " prefix, in order.
    pub errors: Vec<Vec<u8>>,
    /// Exit status: 0, or 1 after a conversion or format error.
    pub status: i32,
    /// `%n` requests: (variable name, bytes output so far in the current
    /// pass over the format), for the caller to assign as integers.
    pub assignments: Vec<(Vec<u8>, i64)>,
}

/// Run `printf FORMAT ARGS...` (the format is reused while arguments
/// remain, provided a pass consumed at least one).
pub fn format(format: &[u8], args: &[Vec<u8>]) -> PrintfOutput {
    let mut p = Printer {
        args,
        next: 0,
        res: PrintfOutput::default(),
        conversion_error: false,
        pass_start: 0,
    };
    // bash treats the format as a C string.
    let format = &format[..format.iter().position(|&c| c == 0).unwrap_or(format.len())];
    let status = p.run(format);
    p.res.status = status;
    p.res
}

/// A resolved conversion as glibc's printf sees it.
#[derive(Clone, Debug, Default)]
struct Spec {
    conv: u8,
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

/// Largest field width or precision honoured; bigger ones (which bash
/// would try to print, gigabytes of padding) produce an error instead.
const MAX_FIELD: u64 = 1 << 26;

enum Flow {
    Next(usize),
    Stop(i32),
}

struct Printer<'a> {
    args: &'a [Vec<u8>],
    next: usize,
    res: PrintfOutput,
    conversion_error: bool,
    /// Output length when the current pass began (bash's `tw` for `%n`).
    pass_start: usize,
}

impl<'a> Printer<'a> {
    fn run(&mut self, format: &[u8]) -> i32 {
        if format.is_empty() {
            return 0;
        }
        loop {
            self.pass_start = self.res.output.len();
            if let Some(status) = self.pass(format) {
                return status;
            }
            if self.next == 0 || self.next >= self.args.len() {
                break;
            }
        }
        self.conversion_error as i32
    }

    /// One pass over the format; `Some(status)` ends the builtin early.
    fn pass(&mut self, fmt: &[u8]) -> Option<i32> {
        let mut i = 0;
        while i < fmt.len() {
            match fmt[i] {
                b'\\' => {
                    i += 1;
                    i += format_escape(&fmt[i..], &mut self.res.output, &mut self.res.errors);
                }
                b'%' if fmt.get(i + 1) == Some(&b'%') => {
                    self.res.output.push(b'%');
                    i += 2;
                }
                b'%' => match self.conversion(fmt, i) {
                    Flow::Next(n) => i = n,
                    Flow::Stop(status) => return Some(status),
                },
                c => {
                    self.res.output.push(c);
                    i += 1;
                }
            }
        }
        None
    }

    fn error(&mut self, parts: &[&[u8]]) {
        self.res.errors.push(parts.concat());
    }

    /// Handle the conversion starting with the `%` at `fmt[start]`.
    fn conversion(&mut self, fmt: &[u8], start: usize) -> Flow {
        let raw = match RawSpec::parse(fmt, start, || self.get_int()) {
            Ok(raw) => raw,
            Err(()) => {
                self.error(&[b"`", &fmt[start..], b"': missing format character"]);
                return Flow::Stop(1);
            }
        };
        let next = raw.conv_at + 1;
        match raw.conv {
            b'c' => {
                let c = self.get_chr();
                self.pf(&raw, Value::Char(c));
            }
            b's' => {
                let s = self.get_str();
                self.pf(&raw, Value::Str(s));
            }
            b'd' | b'i' => {
                let v = self.get_intmax();
                self.pf(&raw, Value::Signed(v));
            }
            b'o' | b'u' | b'x' | b'X' => {
                let v = self.get_uintmax();
                self.pf(&raw, Value::Unsigned(v));
            }
            b'e' | b'E' | b'f' | b'F' | b'g' | b'G' | b'a' | b'A' => {
                let v = self.get_float();
                self.pf(&raw, Value::Float(v));
            }
            b'(' => return self.time_conversion(fmt, start, &raw),
            b'n' => return self.store_count(next),
            b'b' => {
                let s = self.get_str();
                let (bytes, stop) = expand_printf_b(s, &mut self.res.errors);
                let precision = raw.star_precision();
                self.printstr(&raw, &bytes, precision);
                if stop {
                    // `\c`: stop all output; the status ignores earlier
                    // conversion errors, as in bash.
                    return Flow::Stop(0);
                }
            }
            b'q' | b'Q' => self.quote_conversion(&raw),
            c => {
                self.error(&[b"`", &[c], b"': invalid format character"]);
                return Flow::Stop(1);
            }
        }
        Flow::Next(next)
    }

    /// `%n`: record the byte count for the variable named by the argument.
    fn store_count(&mut self, next: usize) -> Flow {
        let name = self.get_str();
        if name.is_empty() {
            return Flow::Next(next);
        }
        let valid = (name[0].is_ascii_alphabetic() || name[0] == b'_')
            && name.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
        if !valid {
            self.error(&[b"`", name, b"': not a valid identifier"]);
            return Flow::Stop(1);
        }
        let count = (self.res.output.len() - self.pass_start) as i64;
        self.res.assignments.push((name.to_vec(), count));
        Flow::Next(next)
    }

    /// `%q` / `%Q`. `%Q` applies a literal precision to the unquoted
    /// argument and then prints the whole quoted result.
    fn quote_conversion(&mut self, raw: &RawSpec) {
        let mut arg = self.get_str();
        let mut precision = raw.star_precision();
        let q_digits = match &raw.prec {
            Precision::Lit {
                digits: Some(d), ..
            } if raw.conv == b'Q' => Some(*d),
            _ => None,
        };
        if let Some(d) = q_digits {
            precision = d.min(i32::MAX as u64) as i32;
            arg = &arg[..arg.len().min(precision as usize)];
        }
        let quoted = shell_quote(arg);
        if raw.conv == b'Q' {
            precision = precision.max(quoted.len().min(i32::MAX as usize) as i32);
        }
        self.printstr(raw, &quoted, precision);
    }

    /// `%(fmt)T`: strftime of the argument (seconds; -1 or missing = now).
    fn time_conversion(&mut self, fmt: &[u8], start: usize, raw: &RawSpec) -> Flow {
        let open = raw.conv_at;
        let mut depth = 1;
        let mut close = open + 1;
        while close < fmt.len() {
            match fmt[close] {
                b'(' => depth += 1,
                b')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                break;
            }
            close += 1;
        }
        let after = fmt
            .get(close + 1)
            .copied()
            .filter(|_| close < fmt.len())
            .unwrap_or(0);
        if after != b'T' {
            self.error(&[
                b"warning: `",
                &[after],
                b"': invalid time format specification",
            ]);
            // Print the `%` and rescan the rest as ordinary text.
            self.res.output.push(b'%');
            return Flow::Next(start + 1);
        }
        let mut tfmt = &fmt[open + 1..close];
        if tfmt.is_empty() {
            tfmt = b"%X";
        }
        let secs = if self.next < self.args.len() {
            self.get_intmax()
        } else {
            -1
        };
        let text = strftime::format_time(tfmt, secs);
        let precision = raw.star_precision();
        self.printstr(raw, &text, precision);
        Flow::Next(close + 2)
    }

    /// bash's `printstr`, used by `%b`, `%q` and `%T`: byte-wise precision
    /// and space padding. `precision` is the `*` value (or %Q's length).
    fn printstr(&mut self, raw: &RawSpec, s: &[u8], precision: i32) {
        let mut left = raw.flags.left;
        let width = match raw.width {
            Width::Star(w) => {
                left |= w < 0;
                w.unsigned_abs() as u64
            }
            Width::Lit(w) => w.min(i32::MAX as u64),
            Width::None => 0,
        };
        let pr: i64 = match &raw.prec {
            Precision::None => -1,
            Precision::Star(_) => precision as i64,
            Precision::Lit {
                neg: false,
                digits: Some(d),
                ..
            } => {
                let pr = (*d).min(i32::MAX as u64) as i64;
                if pr < precision as i64 && precision < i32::MAX {
                    precision as i64
                } else {
                    pr
                }
            }
            // "a null digit string is treated as zero"; so is `.-N`.
            Precision::Lit { .. } => 0,
        };
        if width > MAX_FIELD {
            self.too_large(raw);
            return;
        }
        let nc = if pr >= 0 {
            (pr as usize).min(s.len())
        } else {
            s.len()
        };
        let bytes = fmtfloat::pad(b"", b"", &s[..nc], width as usize, left, false);
        self.res.output.extend_from_slice(&bytes);
    }

    fn too_large(&mut self, raw: &RawSpec) {
        let text = raw.text.clone();
        self.error(&[&text, b": field width or precision too large"]);
        self.conversion_error = true;
    }
}

/// An argument converted for one of the C-printf conversions.
enum Value<'a> {
    Char(u8),
    Str(&'a [u8]),
    Signed(i64),
    Unsigned(u64),
    Float(LDouble),
}

impl<'a> Printer<'a> {
    /// What bash gets from glibc `printf` for the conversions it passes
    /// through (`%c %s %d %i %o %u %x %X` and the floats).
    fn pf(&mut self, raw: &RawSpec, value: Value) {
        if let Precision::Lit {
            neg: true, text, ..
        } = &raw.prec
        {
            let bytes = raw.glibc_unknown(text);
            self.res.output.extend_from_slice(&bytes);
            return;
        }
        let Some(spec) = self.resolve(raw) else {
            return;
        };
        let bytes = match value {
            Value::Char(c) => fmtfloat::pad(b"", b"", &[c], spec.width, spec.left, false),
            Value::Str(s) => {
                let n = spec.prec.map_or(s.len(), |p| p.min(s.len()));
                fmtfloat::pad(b"", b"", &s[..n], spec.width, spec.left, false)
            }
            Value::Signed(v) => spec::format_int(v < 0, v.unsigned_abs(), &spec),
            Value::Unsigned(v) => spec::format_int(false, v, &spec),
            Value::Float(v) => fmtfloat::format_float(&v, &spec),
        };
        self.res.output.extend_from_slice(&bytes);
    }

    /// Width and precision as glibc applies them; `None` when the
    /// conversion prints nothing (glibc's EOVERFLOW for literal values
    /// beyond INT_MAX, or our size limit).
    fn resolve(&mut self, raw: &RawSpec) -> Option<Spec> {
        let f = &raw.flags;
        let mut spec = Spec {
            conv: raw.conv,
            left: f.left,
            plus: f.plus,
            space: f.space,
            alt: f.alt,
            zero: f.zero,
            ..Spec::default()
        };
        let width = match raw.width {
            Width::Star(w) => {
                spec.left |= w < 0;
                w.unsigned_abs() as u64
            }
            Width::Lit(w) => w,
            Width::None => 0,
        };
        let prec = match &raw.prec {
            Precision::Star(p) => u64::try_from(*p).ok(),
            Precision::Lit { digits, .. } => Some(digits.unwrap_or(0)),
            Precision::None => None,
        };
        if width > i32::MAX as u64 || prec.is_some_and(|p| p > i32::MAX as u64) {
            return None;
        }
        // A precision only produces output for numbers (`%s` just cuts).
        let numeric = !matches!(raw.conv, b'c' | b's');
        if width > MAX_FIELD || (numeric && prec.is_some_and(|p| p > MAX_FIELD)) {
            self.too_large(raw);
            return None;
        }
        spec.width = width as usize;
        spec.prec = prec.map(|p| p as usize);
        Some(spec)
    }
}

/// Argument fetching, with bash's conversions and diagnostics.
impl<'a> Printer<'a> {
    fn take_arg(&mut self) -> Option<&'a [u8]> {
        let arg = self.args.get(self.next)?;
        self.next += 1;
        Some(arg)
    }

    fn get_str(&mut self) -> &'a [u8] {
        self.take_arg().unwrap_or(b"")
    }

    /// First byte of the argument; NUL for an empty or missing one.
    fn get_chr(&mut self) -> u8 {
        self.take_arg()
            .and_then(|a| a.first().copied())
            .unwrap_or(0)
    }

    fn bad_number(&mut self, arg: &[u8], len: usize, erange: bool) {
        if len < arg.len() {
            self.res.errors.push(numarg::invalid_number_message(arg));
            self.conversion_error = true;
        } else if erange {
            self.error(&[b"warning: ", arg, b": Numerical result out of range"]);
        }
    }

    fn get_intmax(&mut self) -> i64 {
        let Some(arg) = self.take_arg() else {
            return 0;
        };
        if numarg::is_char_code(arg) {
            return numarg::char_code(arg) as i64;
        }
        let p = numarg::strtoimax(arg);
        self.bad_number(arg, p.len, p.erange);
        p.value
    }

    fn get_uintmax(&mut self) -> u64 {
        let Some(arg) = self.take_arg() else {
            return 0;
        };
        if numarg::is_char_code(arg) {
            return numarg::char_code(arg);
        }
        let p = numarg::strtoumax(arg);
        self.bad_number(arg, p.len, p.erange);
        p.value
    }

    fn get_float(&mut self) -> LDouble {
        let Some(arg) = self.take_arg() else {
            return LDouble::from_u64(0);
        };
        if numarg::is_char_code(arg) {
            return LDouble::from_u64(numarg::char_code(arg));
        }
        let p = ldouble::strtold(arg);
        self.bad_number(arg, p.len, p.erange);
        p.value
    }

    /// A `*` width or precision. bash clamps to the int range (naming the
    /// *following* argument in the warning) unless the value came from the
    /// last argument, in which case it is truncated like a C cast.
    fn get_int(&mut self) -> i32 {
        let v = self.get_intmax();
        let Some(following) = self.args.get(self.next) else {
            return v as i32;
        };
        match i32::try_from(v) {
            Ok(v) => v,
            Err(_) => {
                let following = following.clone();
                self.error(&[b"warning: ", &following, b": Numerical result out of range"]);
                if v > 0 {
                    i32::MAX
                } else {
                    i32::MIN
                }
            }
        }
    }
}
