//! Numeric argument conversion for printf, as bash does it with glibc's
//! `strtoimax`/`strtoumax` (base 0) and its `'c` character-code rule.
//!
//! Main entry points: [`strtoimax`], [`strtoumax`], [`char_code`],
//! [`invalid_number_message`].

use super::ldouble::is_c_space;

/// Result of a C integer parse: value, bytes used (0 when no digits were
/// found, like `endptr == nptr`), and whether the value overflowed.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct IntParse<T> {
    pub(super) value: T,
    pub(super) len: usize,
    pub(super) erange: bool,
}

/// Sign, magnitude (saturated), overflow flag and length of a base-0 C
/// integer at the start of `s`.
fn parse_magnitude(s: &[u8]) -> (bool, u64, bool, usize) {
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
    let radix = if s.get(i) == Some(&b'0')
        && matches!(s.get(i + 1), Some(b'x' | b'X'))
        && s.get(i + 2).is_some_and(|c| c.is_ascii_hexdigit())
    {
        i += 2;
        16
    } else if s.get(i) == Some(&b'0') {
        8
    } else {
        10
    };
    let start = i;
    let mut mag: u64 = 0;
    let mut overflow = false;
    while let Some(d) = s.get(i).and_then(|&c| (c as char).to_digit(radix)) {
        match mag
            .checked_mul(radix as u64)
            .and_then(|m| m.checked_add(d as u64))
        {
            Some(m) => mag = m,
            None => overflow = true,
        }
        i += 1;
    }
    if i == start {
        return (false, 0, false, 0);
    }
    (neg, mag, overflow, i)
}

/// glibc `strtoimax(s, &end, 0)`.
pub(super) fn strtoimax(s: &[u8]) -> IntParse<i64> {
    let (neg, mag, overflow, len) = parse_magnitude(s);
    let limit = if neg { 1u64 << 63 } else { i64::MAX as u64 };
    if overflow || mag > limit {
        let value = if neg { i64::MIN } else { i64::MAX };
        return IntParse {
            value,
            len,
            erange: true,
        };
    }
    let value = if neg {
        (mag as i64).wrapping_neg()
    } else {
        mag as i64
    };
    IntParse {
        value,
        len,
        erange: false,
    }
}

/// glibc `strtoumax(s, &end, 0)`: negative numbers wrap around.
pub(super) fn strtoumax(s: &[u8]) -> IntParse<u64> {
    let (neg, mag, overflow, len) = parse_magnitude(s);
    if overflow {
        return IntParse {
            value: u64::MAX,
            len,
            erange: true,
        };
    }
    let value = if neg { mag.wrapping_neg() } else { mag };
    IntParse {
        value,
        len,
        erange: false,
    }
}

/// Whether bash takes `arg` as a character code (`'c` or `"c`).
pub(super) fn is_char_code(arg: &[u8]) -> bool {
    matches!(arg.first(), Some(b'\'' | b'"'))
}

/// Whether the locale's character set is UTF-8 (set by the shell from
/// LC_ALL/LC_CTYPE/LANG before each `printf`; in the C locale `'c` gives
/// the first byte, as in bash).
static UTF8_LOCALE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Tells `printf` whether characters are UTF-8 sequences or single bytes.
pub fn set_utf8_locale(on: bool) {
    UTF8_LOCALE.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The code of the character after the quote: a UTF-8 character's code
/// point, else the single byte (0 if there is none). Trailing characters
/// are ignored, as in bash.
pub(super) fn char_code(arg: &[u8]) -> u64 {
    let rest = arg.get(1..).unwrap_or(&[]);
    let Some(&first) = rest.first() else {
        return 0;
    };
    if !UTF8_LOCALE.load(std::sync::atomic::Ordering::Relaxed) {
        return u64::from(first);
    }
    let len = match first {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    };
    rest.get(..len)
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|s| s.chars().next())
        .map_or(first as u64, |c| c as u64)
}

/// bash's `sh_invalidnum` message for a badly formed argument.
pub(super) fn invalid_number_message(arg: &[u8]) -> Vec<u8> {
    let what: &[u8] = match arg {
        [b'0', d, ..] if d.is_ascii_digit() => b"invalid octal number",
        [b'0', b'x', ..] => b"invalid hex number",
        _ => b"invalid number",
    };
    [arg, b": ", what].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn i(s: &str) -> (i64, usize, bool) {
        let p = strtoimax(s.as_bytes());
        (p.value, p.len, p.erange)
    }

    #[test]
    fn signed_bases() {
        assert_eq!(i("42"), (42, 2, false));
        assert_eq!(i(" +5"), (5, 3, false));
        assert_eq!(i(" -0x1F"), (-31, 6, false));
        assert_eq!(i("0777"), (511, 4, false));
        assert_eq!(i("09"), (0, 1, false));
        assert_eq!(i("0x"), (0, 1, false));
        assert_eq!(i("0x1g"), (1, 3, false));
        assert_eq!(i("5 "), (5, 1, false));
    }

    #[test]
    fn no_digits() {
        assert_eq!(i(""), (0, 0, false));
        assert_eq!(i("-"), (0, 0, false));
        assert_eq!(i(" "), (0, 0, false));
        assert_eq!(i("abc"), (0, 0, false));
    }

    #[test]
    fn overflow() {
        assert_eq!(i("99999999999999999999"), (i64::MAX, 20, true));
        assert_eq!(i("-99999999999999999999"), (i64::MIN, 21, true));
        assert_eq!(i("-9223372036854775808"), (i64::MIN, 20, false));
        assert_eq!(i("9223372036854775808"), (i64::MAX, 19, true));
    }

    #[test]
    fn unsigned() {
        assert_eq!(
            strtoumax(b"-1"),
            IntParse {
                value: u64::MAX,
                len: 2,
                erange: false
            }
        );
        assert_eq!(strtoumax(b"99999999999999999999").value, u64::MAX);
        assert!(strtoumax(b"-99999999999999999999").erange);
        assert_eq!(strtoumax(b"0xff").value, 255);
    }

    #[test]
    fn char_codes() {
        assert_eq!(char_code(b"'a"), 97);
        assert_eq!(char_code("'é".as_bytes()), 233);
        assert_eq!(char_code(b"'"), 0);
        assert_eq!(char_code(b"'\xff"), 255);
        assert_eq!(char_code(b"'\xc3\xa9x"), 233);
        assert_eq!(char_code(b"\"ab"), 97);
    }

    #[test]
    fn invalid_messages() {
        assert_eq!(invalid_number_message(b"09"), b"09: invalid octal number");
        assert_eq!(invalid_number_message(b"0x1g"), b"0x1g: invalid hex number");
        assert_eq!(invalid_number_message(b"0X1g"), b"0X1g: invalid number");
        assert_eq!(invalid_number_message(b"1.5"), b"1.5: invalid number");
    }
}
