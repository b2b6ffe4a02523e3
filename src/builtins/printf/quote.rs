//! bash's `printf %q` quoting: `''` for the empty word, `$'...'` when the
//! word holds anything non-printable (or invalid UTF-8), otherwise
//! backslashes before shell metacharacters.
//!
//! Main entry point: [`shell_quote`] (re-exported by `printf`).

use super::wprint::is_printable;

/// Quote `word` so the shell reads it back as the same bytes, exactly as
/// bash's `printf %q` does (UTF-8 locale).
pub fn shell_quote(word: &[u8]) -> Vec<u8> {
    if word.is_empty() {
        b"''".to_vec()
    } else if needs_ansi_c(word) {
        ansi_c_quote(word)
    } else {
        backslash_quote(word)
    }
}

/// The character starting at `s[i]`, if it is valid UTF-8: (code point, length).
fn char_at(s: &[u8], i: usize) -> Option<(u32, usize)> {
    let len = match s[i] {
        0x00..=0x7f => 1,
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return None,
    };
    let bytes = s.get(i..i + len)?;
    let c = std::str::from_utf8(bytes).ok()?.chars().next()?;
    Some((c as u32, len))
}

/// bash's `ansic_shouldquote`: any non-printable character or invalid byte.
fn needs_ansi_c(word: &[u8]) -> bool {
    let mut i = 0;
    while i < word.len() {
        match char_at(word, i) {
            Some((c, len)) if is_printable(c) => i += len,
            _ => return true,
        }
    }
    false
}

/// bash's `ansic_quote`: `$'...'` with C escapes, octal for other
/// non-printable bytes, printable characters copied.
fn ansi_c_quote(word: &[u8]) -> Vec<u8> {
    let mut out = b"$'".to_vec();
    let mut i = 0;
    while i < word.len() {
        let c = word[i];
        let escaped = match c {
            0x1b => Some(b'E'),
            0x07 => Some(b'a'),
            0x0b => Some(b'v'),
            0x08 => Some(b'b'),
            0x0c => Some(b'f'),
            b'\n' => Some(b'n'),
            b'\r' => Some(b'r'),
            b'\t' => Some(b't'),
            b'\\' | b'\'' => Some(c),
            _ => None,
        };
        if let Some(e) = escaped {
            out.extend_from_slice(&[b'\\', e]);
            i += 1;
            continue;
        }
        match char_at(word, i) {
            Some((cp, len)) if is_printable(cp) => {
                out.extend_from_slice(&word[i..i + len]);
                i += len;
            }
            // Only this byte is escaped; continuation bytes come next.
            _ => {
                out.extend_from_slice(&[
                    b'\\',
                    b'0' + (c >> 6),
                    b'0' + ((c >> 3) & 7),
                    b'0' + (c & 7),
                ]);
                i += 1;
            }
        }
    }
    out.push(b'\'');
    out
}

/// Bytes bash's `sh_backslash_quote` always escapes.
fn always_escaped(c: u8) -> bool {
    matches!(
        c,
        b'\t'
            | b'\n'
            | b' '
            | b'!'
            | b'"'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b','
            | b';'
            | b'<'
            | b'>'
            | b'?'
            | b'['
            | b'\\'
            | b']'
            | b'^'
            | b'`'
            | b'{'
            | b'|'
            | b'}'
    )
}

/// bash's `sh_backslash_quote` with flags 3: metacharacters, a leading
/// `#`, and `~` at the start or after `:`/`=` get a backslash.
fn backslash_quote(word: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(word.len() * 2);
    for (i, &c) in word.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(word[i - 1]) };
        let special = always_escaped(c)
            || (c == b'#' && i == 0)
            || (c == b'~' && matches!(prev, None | Some(b':') | Some(b'=')));
        if special {
            out.push(b'\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &[u8]) -> Vec<u8> {
        shell_quote(s)
    }

    #[test]
    fn simple_words() {
        assert_eq!(q(b""), b"''");
        assert_eq!(q(b"abc"), b"abc");
        assert_eq!(q(b"%+-./:=@_"), b"%+-./:=@_");
        assert_eq!(q(b"a b"), b"a\\ b");
    }

    #[test]
    fn metacharacters() {
        assert_eq!(
            q(b"!\"$&'()*,;<>?[\\]^`{|}"),
            b"\\!\\\"\\$\\&\\'\\(\\)\\*\\,\\;\\<\\>\\?\\[\\\\\\]\\^\\`\\{\\|\\}"
        );
        assert_eq!(q(b"$@`"), b"\\$@\\`");
    }

    #[test]
    fn tilde_and_hash() {
        assert_eq!(q(b"~x"), b"\\~x");
        assert_eq!(q(b"x~"), b"x~");
        assert_eq!(q(b"a:~"), b"a:\\~");
        assert_eq!(q(b"a=~"), b"a=\\~");
        assert_eq!(q(b"~"), b"\\~");
        assert_eq!(q(b"#a"), b"\\#a");
        assert_eq!(q(b"a#"), b"a#");
    }

    #[test]
    fn ansi_c_forms() {
        assert_eq!(q(b"\t"), b"$'\\t'");
        assert_eq!(q(b"\n"), b"$'\\n'");
        assert_eq!(q(b"a\x01"), b"$'a\\001'");
        assert_eq!(q(b"\x7f"), b"$'\\177'");
        assert_eq!(q(b"\x1b"), b"$'\\E'");
        assert_eq!(q(b"a b\tc"), b"$'a b\\tc'");
        assert_eq!(q(b"it's\n"), b"$'it\\'s\\n'");
        assert_eq!(q("é\n".as_bytes()), "$'é\\n'".as_bytes());
    }

    #[test]
    fn non_ascii() {
        assert_eq!(q("é".as_bytes()), "é".as_bytes());
        assert_eq!(q("😀 x".as_bytes()), "😀\\ x".as_bytes());
        assert_eq!(q(b"\xff"), b"$'\\377'");
        assert_eq!(q(b"a\xe9b"), b"$'a\\351b'");
        // U+2028 LINE SEPARATOR and U+0085 are not printable.
        assert_eq!(q(b"\xe2\x80\xa8"), b"$'\\342\\200\\250'");
        assert_eq!(q(b"\xc2\x85"), b"$'\\302\\205'");
        // Unassigned U+0378, noncharacter U+FFFF, surrogate, > U+10FFFF.
        assert_eq!(q(b"\xcd\xb8"), b"$'\\315\\270'");
        assert_eq!(q(b"\xef\xbf\xbf"), b"$'\\357\\277\\277'");
        assert_eq!(q(b"\xed\xa0\x80"), b"$'\\355\\240\\200'");
        assert_eq!(q(b"\xf4\x90\x80\x80"), b"$'\\364\\220\\200\\200'");
        // Format character U+200B, NBSP and private use are printable.
        assert_eq!(q(b"\xe2\x80\x8b"), b"\xe2\x80\x8b");
        assert_eq!(q(b"\xc2\xa0"), b"\xc2\xa0");
        assert_eq!(q(b"\xee\x80\x80"), b"\xee\x80\x80");
    }
}
