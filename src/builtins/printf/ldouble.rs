//! An exact model of the x87 80-bit `long double` that bash's printf
//! computes with (`strtold` + `printf("%Lf")`), and a `strtold` emulation.
//!
//! Main entry point: [`strtold`]. Values are `mant * 2^exp` with a 64-bit
//! mantissa (explicit integer bit), correctly rounded to nearest-even like
//! glibc, so `printf '%.20f' 0.1` and `printf '%a' 1` (`0x8p-3`) match bash.

use super::bignum::Big;

/// Smallest exponent of the mantissa's unit bit (subnormal range).
const MIN_LSB_EXP: i64 = -16445;
/// Largest exponent of the top bit of a finite value.
const MAX_MSB_EXP: i64 = 16383;
/// Significant decimal digits kept before the rest is summarised by a
/// sticky digit: more than any halfway point between two binary80 values
/// has (about 11,500), so rounding stays exact.
const MAX_DIGITS: usize = 12_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// `mant * 2^exp`; normal values have bit 63 set, subnormals have
    /// `exp == -16445`, zero is `mant == 0, exp == 0`.
    Finite {
        mant: u64,
        exp: i32,
    },
    Inf,
    Nan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct LDouble {
    pub(super) neg: bool,
    pub(super) kind: Kind,
}

const ZERO: Kind = Kind::Finite { mant: 0, exp: 0 };

/// Result of [`strtold`]: the value, how many bytes were used (0 if no
/// number was found) and whether glibc would set `ERANGE`.
#[derive(Debug)]
pub(super) struct Parsed {
    pub(super) value: LDouble,
    pub(super) len: usize,
    pub(super) erange: bool,
}

impl LDouble {
    pub(super) fn from_u64(v: u64) -> LDouble {
        let (kind, _) = round_to_ld(&Big::from_u64(v), 0, false);
        LDouble { neg: false, kind }
    }
}

/// glibc `strtold` in the C/UTF-8 locale: leading white space, sign,
/// `inf`/`infinity`/`nan[(...)]`, decimal or `0x` hexadecimal floats.
pub(super) fn strtold(s: &[u8]) -> Parsed {
    let mut i = s.iter().take_while(|c| is_c_space(**c)).count();
    let neg = match s.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let rest = &s[i..];
    let found = special(rest)
        .or_else(|| hex(rest))
        .or_else(|| decimal(rest));
    match found {
        Some((kind, n, erange)) => Parsed {
            value: LDouble { neg, kind },
            len: i + n,
            erange,
        },
        None => Parsed {
            value: LDouble {
                neg: false,
                kind: ZERO,
            },
            len: 0,
            erange: false,
        },
    }
}

pub(super) fn is_c_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

fn starts_with_ci(s: &[u8], word: &[u8]) -> bool {
    s.len() >= word.len() && s[..word.len()].eq_ignore_ascii_case(word)
}

/// `inf`, `infinity`, `nan`, `nan(chars)`.
fn special(s: &[u8]) -> Option<(Kind, usize, bool)> {
    if starts_with_ci(s, b"infinity") {
        return Some((Kind::Inf, 8, false));
    }
    if starts_with_ci(s, b"inf") {
        return Some((Kind::Inf, 3, false));
    }
    if !starts_with_ci(s, b"nan") {
        return None;
    }
    let mut n = 3;
    if s.get(3) == Some(&b'(') {
        let inner = s[4..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        if s.get(4 + inner) == Some(&b')') {
            n = 5 + inner;
        }
    }
    Some((Kind::Nan, n, false))
}

/// Digits of a number being parsed: `value = digits * base^scale`.
struct Mantissa {
    big: Big,
    count: usize,
    scale: i64,
    sticky: bool,
    any: bool,
}

impl Mantissa {
    fn new() -> Mantissa {
        Mantissa {
            big: Big::default(),
            count: 0,
            scale: 0,
            sticky: false,
            any: false,
        }
    }

    /// Add one digit; `fraction` says it is after the radix point.
    fn push(&mut self, d: u32, radix: u32, cap: usize, fraction: bool) {
        self.any = true;
        if self.count == 0 && d == 0 {
            // Leading zeros are not significant.
            self.scale -= fraction as i64;
        } else if self.count < cap {
            self.big.mul_add_small(radix, d);
            self.count += 1;
            self.scale -= fraction as i64;
        } else {
            self.sticky |= d != 0;
            self.scale += !fraction as i64;
        }
    }

    /// Scan `digits[.digits]` from `s`; returns bytes used.
    fn scan(&mut self, s: &[u8], radix: u32, cap: usize) -> usize {
        let mut i = 0;
        let mut fraction = false;
        while let Some(&c) = s.get(i) {
            if let Some(d) = (c as char).to_digit(radix) {
                self.push(d, radix, cap, fraction);
            } else if c == b'.' && !fraction {
                fraction = true;
            } else {
                break;
            }
            i += 1;
        }
        i
    }
}

/// An optional exponent: marker letter, sign, at least one digit.
/// Returns (exponent, bytes used); saturates far beyond any real range.
fn exponent(s: &[u8], markers: &[u8]) -> (i64, usize) {
    if !s.first().is_some_and(|c| markers.contains(c)) {
        return (0, 0);
    }
    let (neg, start) = match s.get(1) {
        Some(b'-') => (true, 2),
        Some(b'+') => (false, 2),
        _ => (false, 1),
    };
    let digits = s[start..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return (0, 0);
    }
    let v = s[start..start + digits].iter().fold(0i64, |acc, d| {
        acc.saturating_mul(10)
            .saturating_add((d - b'0') as i64)
            .min(1 << 40)
    });
    (if neg { -v } else { v }, start + digits)
}

fn hex(s: &[u8]) -> Option<(Kind, usize, bool)> {
    if !starts_with_ci(s, b"0x") {
        return None;
    }
    let body = &s[2..];
    let first_ok = match body.first() {
        Some(c) if c.is_ascii_hexdigit() => true,
        Some(b'.') => body.get(1).is_some_and(|c| c.is_ascii_hexdigit()),
        _ => false,
    };
    if !first_ok {
        return None; // only the leading `0` is a number
    }
    let mut m = Mantissa::new();
    let n = m.scan(body, 16, 32);
    let (e, en) = exponent(&body[n..], b"pP");
    let len = 2 + n + en;
    if m.big.is_zero() {
        return Some((ZERO, len, false));
    }
    let (kind, erange) = round_to_ld(&m.big, e.saturating_add(4 * m.scale), m.sticky);
    Some((kind, len, erange))
}

fn decimal(s: &[u8]) -> Option<(Kind, usize, bool)> {
    let mut m = Mantissa::new();
    let n = m.scan(s, 10, MAX_DIGITS);
    if !m.any {
        return None;
    }
    let (e, en) = exponent(&s[n..], b"eE");
    if m.sticky {
        // A trailing non-zero digit stands for everything dropped.
        m.big.mul_add_small(10, 1);
        m.count += 1;
        m.scale -= 1;
    }
    let (kind, erange) = decimal_to_ld(&m.big, m.count as i64, m.scale.saturating_add(e));
    Some((kind, n + en, erange))
}

/// Correctly rounded `d * 10^e10`, where `d` has `nd` digits.
fn decimal_to_ld(d: &Big, nd: i64, e10: i64) -> (Kind, bool) {
    if d.is_zero() {
        return (ZERO, false);
    }
    if nd + e10 > 4934 {
        return (Kind::Inf, true);
    }
    if nd + e10 < -4952 {
        return (ZERO, true);
    }
    if e10 >= 0 {
        let mut n = d.clone();
        n.mul_pow10(e10 as u64);
        return round_to_ld(&n, 0, false);
    }
    // d / 10^k: scale so the quotient has 66-67 bits, enough to round.
    let mut divisor = Big::from_u64(1);
    divisor.mul_pow10(e10.unsigned_abs());
    let shift = divisor.bit_len() as i64 + 66 - d.bit_len() as i64;
    let mut n = d.clone();
    if shift >= 0 {
        n.shl(shift as usize);
    } else {
        divisor.shl(shift.unsigned_abs() as usize);
    }
    let (q, inexact) = n.div_small_quotient(&divisor);
    round_to_ld(&Big::from_u128(q), -shift, inexact)
}

/// Round `q * 2^e` (plus a sticky bit for a non-zero remainder below it)
/// to a binary80 value, nearest-even. Returns the value and ERANGE.
fn round_to_ld(q: &Big, e: i64, sticky: bool) -> (Kind, bool) {
    let bl = q.bit_len() as i64;
    if bl == 0 {
        return (ZERO, sticky);
    }
    let msb = bl - 1 + e;
    if msb > MAX_MSB_EXP {
        return (Kind::Inf, true);
    }
    if msb < MIN_LSB_EXP - 1 {
        return (ZERO, true);
    }
    let mut lsb = (msb - 63).max(MIN_LSB_EXP);
    let drop = lsb - e;
    let (mut mant, half, rest) = if drop <= 0 {
        (q.bits_from(0) << drop.unsigned_abs(), false, sticky)
    } else {
        let d = drop as u64;
        (q.bits_from(d), q.bit(d - 1), sticky || q.any_below(d - 1))
    };
    if half && (rest || mant & 1 == 1) {
        mant = mant.wrapping_add(1);
        if mant == 0 {
            mant = 1 << 63;
            lsb += 1;
        }
    }
    if lsb + 63 > MAX_MSB_EXP {
        return (Kind::Inf, true);
    }
    let inexact = half || rest;
    let tiny = mant >> 63 == 0;
    if mant == 0 {
        return (ZERO, true);
    }
    (
        Kind::Finite {
            mant,
            exp: lsb as i32,
        },
        tiny && inexact,
    )
}
