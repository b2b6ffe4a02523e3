//! glibc-exact `%e %E %f %F %g %G %a %A` formatting of 80-bit long double
//! values (see [`super::ldouble`]).
//!
//! Main entry point: [`format_float`]. Decimal conversions work from the
//! exact decimal expansion of the binary value and round half-to-even on
//! it, which is what glibc does in the default rounding mode.

use super::bignum::Big;
use super::ldouble::{Kind, LDouble};
use super::Spec;

/// Format `v` according to `spec` (conversion letter, flags, width and
/// precision already resolved).
pub(super) fn format_float(v: &LDouble, spec: &Spec) -> Vec<u8> {
    let upper = spec.conv.is_ascii_uppercase();
    let sign: &[u8] = if v.neg {
        b"-"
    } else if spec.plus {
        b"+"
    } else if spec.space {
        b" "
    } else {
        b""
    };
    let (mant, exp) = match v.kind {
        Kind::Finite { mant, exp } => (mant, exp),
        Kind::Inf | Kind::Nan => {
            let word: &[u8] = match (v.kind == Kind::Inf, upper) {
                (true, false) => b"inf",
                (true, true) => b"INF",
                (false, false) => b"nan",
                (false, true) => b"NAN",
            };
            // Zero padding never applies to inf and nan.
            return pad(sign, b"", word, spec.width, spec.left, false);
        }
    };
    let (prefix, body): (&[u8], Vec<u8>) = match spec.conv.to_ascii_lowercase() {
        b'a' => (
            if upper { b"0X" } else { b"0x" },
            hex_body(mant, exp, spec.prec, spec.alt, upper),
        ),
        conv => {
            let (digits, point) = exact_decimal(mant, exp);
            let body = match conv {
                b'e' => e_style(&digits, point, spec.prec.unwrap_or(6), spec.alt),
                b'f' => f_style(&digits, point, spec.prec.unwrap_or(6), spec.alt),
                _ => g_style(&digits, point, spec.prec.unwrap_or(6), spec.alt),
            };
            let body = if upper {
                body.to_ascii_uppercase()
            } else {
                body
            };
            (b"", body)
        }
    };
    pad(sign, prefix, &body, spec.width, spec.left, spec.zero)
}

/// Assemble `sign prefix body` padded to `width`: spaces on the right
/// (`-`), zeros after the prefix (`0`), or spaces on the left.
pub(super) fn pad(
    sign: &[u8],
    prefix: &[u8],
    body: &[u8],
    width: usize,
    left: bool,
    zero: bool,
) -> Vec<u8> {
    let len = sign.len() + prefix.len() + body.len();
    let fill = width.saturating_sub(len);
    let mut out = Vec::with_capacity(len + fill);
    if !left && !zero {
        out.resize(fill, b' ');
    }
    out.extend_from_slice(sign);
    out.extend_from_slice(prefix);
    if !left && zero {
        out.resize(out.len() + fill, b'0');
    }
    out.extend_from_slice(body);
    if left {
        out.resize(out.len() + fill, b' ');
    }
    out
}

/// The exact value as decimal digits (no leading or trailing zeros) and
/// the position of the decimal point: value = 0.DIGITS * 10^point.
fn exact_decimal(mant: u64, exp: i32) -> (Vec<u8>, i64) {
    if mant == 0 {
        return (Vec::new(), 0);
    }
    let mut n = Big::from_u64(mant);
    let scale = if exp >= 0 {
        n.shl(exp as usize);
        0
    } else {
        // m * 2^-k = m * 5^k / 10^k
        n.mul_pow5(exp.unsigned_abs() as u64);
        exp.unsigned_abs() as i64
    };
    let mut digits = n.to_decimal();
    let point = digits.len() as i64 - scale;
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, point)
}

/// Keep the first `keep` digits, rounding half-to-even on the exact tail.
/// The result has exactly `keep` digits; `true` means it carried out
/// (all nines became zeros and the value is 10^(point+1) scale).
fn round_digits(digits: &[u8], keep: usize) -> (Vec<u8>, bool) {
    let mut out: Vec<u8> = digits.iter().take(keep).copied().collect();
    out.resize(keep, b'0');
    let Some(&next) = digits.get(keep) else {
        return (out, false);
    };
    let rest_nonzero = digits[keep + 1..].iter().any(|&d| d != b'0');
    let last_odd = keep > 0 && (digits[keep - 1] - b'0') % 2 == 1;
    if next < b'5' || (next == b'5' && !rest_nonzero && !last_odd) {
        return (out, false);
    }
    for d in out.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return (out, false);
        }
    }
    (out, true)
}

/// `%f`: digits rounded at `prec` places after the point.
fn f_style(digits: &[u8], point: i64, prec: usize, alt: bool) -> Vec<u8> {
    let keep = point.saturating_add(prec as i64);
    let (mut d, mut point) = if keep < 0 || digits.is_empty() {
        (Vec::new(), 0) // rounds to zero
    } else {
        let (d, carry) = round_digits(digits, keep as usize);
        if carry {
            let mut one = vec![b'1'];
            one.extend_from_slice(&d);
            (one, point + 1)
        } else {
            (d, point)
        }
    };
    // Now d holds point+prec digits (or is empty for zero).
    if point < 0 {
        let mut z = vec![b'0'; point.unsigned_abs() as usize];
        z.extend_from_slice(&d);
        d = z;
        point = 0;
    }
    let int_len = point as usize;
    let mut out = Vec::with_capacity(d.len() + 2);
    if int_len == 0 {
        out.push(b'0');
    } else {
        out.extend_from_slice(&d[..int_len.min(d.len())]);
    }
    if prec > 0 || alt {
        out.push(b'.');
    }
    let frac = d.get(int_len..).unwrap_or(&[]);
    out.extend_from_slice(&frac[..frac.len().min(prec)]);
    out.resize(out.len() + prec - frac.len().min(prec), b'0');
    out
}

/// `%e`: one digit, point, `prec` digits, exponent of at least 2 digits.
fn e_style(digits: &[u8], point: i64, prec: usize, alt: bool) -> Vec<u8> {
    let (d, x) = e_digits(digits, point, prec + 1);
    let mut out = Vec::with_capacity(prec + 8);
    out.push(d[0]);
    if prec > 0 || alt {
        out.push(b'.');
    }
    out.extend_from_slice(&d[1..]);
    out.push(b'e');
    out.push(if x < 0 { b'-' } else { b'+' });
    out.extend_from_slice(format!("{:02}", x.unsigned_abs()).as_bytes());
    out
}

/// `n` significant digits (n >= 1) and the decimal exponent, after rounding.
fn e_digits(digits: &[u8], point: i64, n: usize) -> (Vec<u8>, i64) {
    if digits.is_empty() {
        return (vec![b'0'; n], 0);
    }
    let (mut d, carry) = round_digits(digits, n);
    if carry {
        d.insert(0, b'1');
        d.pop();
        return (d, point);
    }
    (d, point - 1)
}

/// `%g`: `%e` or `%f` style depending on the exponent, trailing zeros
/// removed unless `#`.
fn g_style(digits: &[u8], point: i64, prec: usize, alt: bool) -> Vec<u8> {
    let p = prec.max(1);
    let (_, x) = e_digits(digits, point, p);
    let mut out = if (p as i64) > x && x >= -4 {
        f_style(digits, point, (p as i64 - 1 - x) as usize, alt)
    } else {
        e_style(digits, point, p - 1, alt)
    };
    if !alt {
        let exp_at = out.iter().position(|&c| c == b'e').unwrap_or(out.len());
        let mut mantissa = out[..exp_at].to_vec();
        if mantissa.contains(&b'.') {
            while mantissa.last() == Some(&b'0') {
                mantissa.pop();
            }
            if mantissa.last() == Some(&b'.') {
                mantissa.pop();
            }
        }
        mantissa.extend_from_slice(&out[exp_at..]);
        out = mantissa;
    }
    out
}

/// `%a` body after `0x`, the way glibc prints x87 long doubles: the
/// leading hex digit is the mantissa's top nibble (`1.0` is `0x8p-3`).
fn hex_body(mant: u64, exp: i32, prec: Option<usize>, alt: bool, upper: bool) -> Vec<u8> {
    let digit = |v: u64| {
        let c = b"0123456789abcdef"[(v & 15) as usize];
        if upper {
            c.to_ascii_uppercase()
        } else {
            c
        }
    };
    let mut lead = mant >> 60;
    let mut exponent: i64 = if mant == 0 { 0 } else { exp as i64 + 60 };
    let mut frac: Vec<u64> = (0..15).rev().map(|k| (mant >> (4 * k)) & 15).collect();
    while frac.last() == Some(&0) {
        frac.pop();
    }
    let prec = prec.unwrap_or(frac.len());
    if prec < frac.len() {
        let next = frac[prec];
        let more = next & 7 != 0 || prec + 1 < frac.len();
        let last = if prec > 0 { frac[prec - 1] } else { lead };
        frac.truncate(prec);
        if next >= 8 && (more || last & 1 == 1) && hex_increment(&mut frac) {
            // Carry into the leading digit; past `f` it restarts at 1.
            if lead == 15 {
                lead = 1;
                exponent += 4;
            } else {
                lead += 1;
            }
        }
    }
    let mut out = vec![digit(lead)];
    if prec > 0 || alt {
        out.push(b'.');
    }
    out.extend(frac.iter().map(|&d| digit(d)));
    out.resize(out.len() + prec - frac.len(), b'0');
    out.push(if upper { b'P' } else { b'p' });
    out.push(if exponent < 0 { b'-' } else { b'+' });
    out.extend_from_slice(exponent.unsigned_abs().to_string().as_bytes());
    out
}

/// Add one to a hex digit string; true if it carried out of the front.
fn hex_increment(frac: &mut [u64]) -> bool {
    for d in frac.iter_mut().rev() {
        if *d == 15 {
            *d = 0;
        } else {
            *d += 1;
            return false;
        }
    }
    true
}
