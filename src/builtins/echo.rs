//! The `echo` builtin's pure core, plus the backslash-escape decoders that
//! `echo -e` and `printf` share.
//!
//! Main entry points: [`echo`] (the whole builtin, minus the write) and
//! [`expand_backslash_escapes`] (`echo -e` / `printf %b` argument decoding).
//! `printf`'s format-string escapes use [`format_escape`].
//!
//! bash has three slightly different decoders and scripts notice the
//! differences, so all three are reproduced:
//! * `echo -e` (bash's `ansicstr` with flags 1): `\1`..`\7` are *not* octal
//!   escapes, only `\0NNN` is; unknown escapes keep their backslash.
//! * `printf %b` (`bexpand`/`tescape` with `sawc`): `\NNN` and `\0NNN` are
//!   octal; `\'`, `\"` and `\?` keep their backslash; `\x` without a hex digit
//!   is an error message.
//! * the printf format itself (`tescape` without `sawc`): `\NNN` octal (at
//!   most 3 digits, so `\0101` is `\010` then `1`); `\'`, `\"`, `\?` lose the
//!   backslash; `\c` is not special.

/// bash's `echo`: leading words made only of the letters `n`, `e`, `E`
/// (after a `-`) are options; the rest are printed separated by spaces.
/// Escapes are only interpreted with `-e` (xpg_echo off, bash's default).
pub fn echo(args: &[Vec<u8>]) -> Vec<u8> {
    let mut newline = true;
    let mut escapes = false;
    let mut rest = args;
    while let Some((word, tail)) = rest.split_first() {
        let letters = match word.strip_prefix(b"-") {
            Some(l) if !l.is_empty() && l.iter().all(|c| b"neE".contains(c)) => l,
            _ => break,
        };
        for &c in letters {
            match c {
                b'n' => newline = false,
                b'e' => escapes = true,
                _ => escapes = false,
            }
        }
        rest = tail;
    }
    let mut out = Vec::new();
    for (i, word) in rest.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        if escapes {
            let (bytes, stop) = expand_backslash_escapes(word, false);
            out.extend_from_slice(&bytes);
            if stop {
                // `\c` suppresses everything after it, including the newline.
                return out;
            }
        } else {
            out.extend_from_slice(word);
        }
    }
    if newline {
        out.push(b'\n');
    }
    out
}

/// Interpret backslash escapes as `echo -e` (`printf_b == false`) or
/// `printf %b` (`printf_b == true`) do. Returns the bytes and whether `\c`
/// was seen (the caller must then stop all further output).
pub fn expand_backslash_escapes(s: &[u8], printf_b: bool) -> (Vec<u8>, bool) {
    if printf_b {
        let mut errors = Vec::new();
        expand_printf_b(s, &mut errors)
    } else {
        expand_echo(s)
    }
}

/// `printf %b` decoding, collecting bash's diagnostics (e.g. `missing hex
/// digit for \x`) into `errors`.
pub(crate) fn expand_printf_b(s: &[u8], errors: &mut Vec<Vec<u8>>) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' || i == s.len() {
            out.push(c);
            continue;
        }
        match tescape(&s[i..], true, &mut out, errors) {
            Escape::Consumed(n) => i += n,
            // The backslash was emitted; the next byte is copied as is.
            Escape::Literal => {}
            Escape::StopC => return (out, true),
        }
    }
    (out, false)
}

/// Decode one escape of a printf *format* string. `s` starts just after
/// the backslash. Returns how many bytes of `s` were used; 0 means a
/// literal backslash was emitted and `s[0]` must be processed normally.
pub(crate) fn format_escape(s: &[u8], out: &mut Vec<u8>, errors: &mut Vec<Vec<u8>>) -> usize {
    match tescape(s, false, out, errors) {
        Escape::Consumed(n) => n,
        Escape::Literal | Escape::StopC => 0,
    }
}

enum Escape {
    Consumed(usize),
    Literal,
    StopC,
}

/// bash's `tescape`. `in_b` is its `sawc != NULL` (decoding a `%b`
/// argument rather than the format).
fn tescape(s: &[u8], in_b: bool, out: &mut Vec<u8>, errors: &mut Vec<Vec<u8>>) -> Escape {
    let Some(&c) = s.first() else {
        out.push(b'\\');
        return Escape::Literal;
    };
    if let Some(b) = simple_escape(c) {
        out.push(b);
        return Escape::Consumed(1);
    }
    match c {
        b'0'..=b'7' => {
            // `%b` allows `\0` plus three digits; otherwise three in all.
            let max = if in_b && c == b'0' { 4 } else { 3 };
            let (v, n) = parse_digits(s, max, 8);
            out.push(v as u8);
            Escape::Consumed(n)
        }
        b'x' => {
            let (v, n) = parse_digits(&s[1..], 2, 16);
            if n == 0 {
                errors.push(b"missing hex digit for \\x".to_vec());
                out.push(b'\\');
                return Escape::Literal;
            }
            out.push(v as u8);
            Escape::Consumed(n + 1)
        }
        b'u' | b'U' => {
            let (v, n) = parse_digits(&s[1..], if c == b'u' { 4 } else { 8 }, 16);
            if n == 0 {
                let mut msg = b"missing unicode digit for \\".to_vec();
                msg.push(c);
                errors.push(msg);
                out.push(b'\\');
                return Escape::Literal;
            }
            push_u32_utf8(out, v);
            Escape::Consumed(n + 1)
        }
        b'\\' => {
            out.push(b'\\');
            Escape::Consumed(1)
        }
        b'\'' | b'"' | b'?' if !in_b => {
            out.push(c);
            Escape::Consumed(1)
        }
        b'c' if in_b => Escape::StopC,
        _ => {
            out.push(b'\\');
            Escape::Literal
        }
    }
}

/// The one-letter escapes common to every decoder.
fn simple_escape(c: u8) -> Option<u8> {
    Some(match c {
        b'a' => 0x07,
        b'b' => 0x08,
        b'e' | b'E' => 0x1b,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 0x0b,
        _ => return None,
    })
}

/// Parse up to `max` digits of `radix` at the start of `s`. Returns the
/// value and the number of digits used. Wrapping u32 is enough: bash keeps
/// only the low 8 bits of octal/hex bytes and `\U` has at most 8 digits.
fn parse_digits(s: &[u8], max: usize, radix: u32) -> (u32, usize) {
    let mut v: u32 = 0;
    let mut n = 0;
    while let Some(d) = s.get(n).and_then(|&c| (c as char).to_digit(radix)) {
        if n == max {
            break;
        }
        v = v.wrapping_mul(radix).wrapping_add(d);
        n += 1;
    }
    (v, n)
}

/// bash's `u32toutf8`: UTF-8 encoding extended to 5 and 6 byte forms (no
/// surrogate or range check), nothing for values of 2^31 and above.
pub(crate) fn push_u32_utf8(out: &mut Vec<u8>, v: u32) {
    let (len, first): (u32, u32) = match v {
        0..=0x7f => {
            out.push(v as u8);
            return;
        }
        0x80..=0x7ff => (2, 0xc0),
        0x800..=0xffff => (3, 0xe0),
        0x1_0000..=0x1f_ffff => (4, 0xf0),
        0x20_0000..=0x3ff_ffff => (5, 0xf8),
        0x400_0000..=0x7fff_ffff => (6, 0xfc),
        _ => return,
    };
    out.push((first | (v >> (6 * (len - 1)))) as u8);
    for k in (0..len - 1).rev() {
        out.push((0x80 | ((v >> (6 * k)) & 0x3f)) as u8);
    }
}

/// `echo -e` decoding (bash's `ansicstr` with flags 1).
fn expand_echo(s: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        i += 1;
        if c != b'\\' || i == s.len() {
            out.push(c);
            continue;
        }
        let e = s[i];
        i += 1;
        if let Some(b) = simple_escape(e) {
            out.push(b);
            continue;
        }
        match e {
            b'0' => {
                let (v, n) = parse_digits(&s[i..], 3, 8);
                out.push(v as u8);
                i += n;
            }
            b'x' => {
                let (v, n) = parse_digits(&s[i..], 2, 16);
                if n == 0 {
                    out.extend_from_slice(b"\\x");
                } else {
                    out.push(v as u8);
                }
                i += n;
            }
            b'u' | b'U' => {
                let (v, n) = parse_digits(&s[i..], if e == b'u' { 4 } else { 8 }, 16);
                if n == 0 {
                    out.extend_from_slice(&[b'\\', e]);
                } else {
                    push_u32_utf8(&mut out, v);
                }
                i += n;
            }
            b'\\' => out.push(b'\\'),
            b'c' => return (out, true),
            // `\1`..`\7`, `\'`, `\"`, `\?` and unknown escapes are kept.
            _ => out.extend_from_slice(&[b'\\', e]),
        }
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<Vec<u8>> {
        ws.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    fn e(s: &str) -> Vec<u8> {
        expand_backslash_escapes(s.as_bytes(), false).0
    }

    fn b(s: &str) -> (Vec<u8>, bool) {
        expand_backslash_escapes(s.as_bytes(), true)
    }

    #[test]
    fn echo_plain() {
        assert_eq!(echo(&words(&["a", "b"])), b"a b\n");
        assert_eq!(echo(&[]), b"\n");
        assert_eq!(echo(&words(&["a\\nb"])), b"a\\nb\n");
    }

    #[test]
    fn echo_options() {
        assert_eq!(echo(&words(&["-n", "-e", "x\\n"])), b"x\n");
        assert_eq!(echo(&words(&["-ne", "y\\t"])), b"y\t");
        assert_eq!(echo(&words(&["-eE", "\\n"])), b"\\n\n");
        assert_eq!(echo(&words(&["-Ee", "\\n"])), b"\n\n");
        assert_eq!(echo(&words(&["-nx", "a"])), b"-nx a\n");
        assert_eq!(echo(&words(&["-", "a"])), b"- a\n");
        assert_eq!(echo(&words(&["--", "a"])), b"-- a\n");
        assert_eq!(echo(&words(&["-n"])), b"");
        assert_eq!(echo(&words(&["-n", "-n", "a", "-n"])), b"a -n");
    }

    #[test]
    fn echo_backslash_c_stops_everything() {
        assert_eq!(echo(&words(&["-e", "a\\cb", "c"])), b"a");
        assert_eq!(echo(&words(&["-e", "b", "c\\cd", "e"])), b"b c");
        assert_eq!(echo(&words(&["-e", "a\\c"])), b"a");
    }

    #[test]
    fn echo_e_escapes() {
        assert_eq!(
            e("\\101|\\0101|\\01011|\\x41|\\x|\\xg"),
            b"\\101|A|A1|A|\\x|\\xg"
        );
        assert_eq!(e("\\u|\\u41|\\u00e9|\\U1F600"), "\\u|A|é|😀".as_bytes());
        assert_eq!(e("\\\"|\\?|\\q|\\\\|a\\"), b"\\\"|\\?|\\q|\\|a\\");
        assert_eq!(
            e("\\e\\E\\a\\b\\f\\v\\r\\t\\n"),
            b"\x1b\x1b\x07\x08\x0c\x0b\r\t\n"
        );
        assert_eq!(e("\\08|\\0|\\x0g|\\0400"), b"\x008|\x00|\x00g|\x00");
        assert_eq!(
            e("\\U7fffffff|\\U80000000|\\U00200000|\\uD800"),
            b"\xfd\xbf\xbf\xbf\xbf\xbf||\xf8\x88\x80\x80\x80|\xed\xa0\x80"
        );
    }

    #[test]
    fn echo_passes_invalid_utf8() {
        assert_eq!(echo(&[b"\xff\xfe".to_vec()]), b"\xff\xfe\n");
        assert_eq!(expand_backslash_escapes(b"\\xff\xc3", false).0, b"\xff\xc3");
    }

    #[test]
    fn printf_b_escapes() {
        assert_eq!(
            b("\\0101|\\101|\\01011|\\1011|\\x41|\\u00e9").0,
            "A|A|A1|A1|A|é".as_bytes()
        );
        assert_eq!(
            b("\\q|\\\\|a\\|\\\"|\\?|\\e|\\'").0,
            b"\\q|\\|a\\|\\\"|\\?|\x1b|\\'"
        );
        assert_eq!(b("\\0400|\\400|\\x0g|\\08").0, b"\x00|\x00|\x00g|\x008");
        assert_eq!(b("a\\cb"), (b"a".to_vec(), true));
        assert_eq!(b("ab"), (b"ab".to_vec(), false));
    }

    #[test]
    fn printf_b_reports_missing_digits() {
        let mut errs = Vec::new();
        let (out, stop) = expand_printf_b(b"\\xZ\\u", &mut errs);
        assert_eq!((out.as_slice(), stop), (&b"\\xZ\\u"[..], false));
        assert_eq!(
            errs,
            vec![
                b"missing hex digit for \\x".to_vec(),
                b"missing unicode digit for \\u".to_vec()
            ]
        );
    }

    #[test]
    fn format_escapes() {
        let run = |s: &[u8]| {
            let (mut out, mut errs) = (Vec::new(), Vec::new());
            let n = format_escape(s, &mut out, &mut errs);
            (out, n)
        };
        assert_eq!(run(b"0101"), (vec![0o10], 3));
        assert_eq!(run(b"1011"), (b"A".to_vec(), 3));
        assert_eq!(run(b"x411"), (b"A".to_vec(), 3));
        assert_eq!(run(b"\"x"), (b"\"".to_vec(), 1));
        assert_eq!(run(b"c"), (b"\\".to_vec(), 0));
        assert_eq!(run(b"q"), (b"\\".to_vec(), 0));
        assert_eq!(run(b""), (b"\\".to_vec(), 0));
        assert_eq!(run(b"U110000"), (b"\xf4\x90\x80\x80".to_vec(), 7));
        assert_eq!(run(b"UFFFFFFFF"), (vec![], 9));
        assert_eq!(run(b"u0000x"), (vec![0], 5));
    }
}
