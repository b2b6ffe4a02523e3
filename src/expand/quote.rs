//! Quoting values so the shell can read them back: `${x@Q}`, `set -x`
//! traces, `declare -p`-style output.

/// bash's `${x@Q}`: single quotes, or `$'…'` when control bytes appear.
pub fn single_quote(s: &[u8]) -> Vec<u8> {
    if s.iter().any(|&b| b < 0x20 || b == 0x7f) {
        return ansi_c_quote(s);
    }
    let mut out = vec![b'\''];
    for &b in s {
        if b == b'\'' {
            out.extend_from_slice(b"'\\''");
        } else {
            out.push(b);
        }
    }
    out.push(b'\'');
    out
}

/// `$'…'` with C escapes.
pub fn ansi_c_quote(s: &[u8]) -> Vec<u8> {
    let mut out = b"$'".to_vec();
    for &b in s {
        match b {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x1b => out.extend_from_slice(b"\\E"),
            0x07 => out.extend_from_slice(b"\\a"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0b => out.extend_from_slice(b"\\v"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b if b < 0x20 || b == 0x7f => out.extend_from_slice(format!("\\{b:03o}").as_bytes()),
            b => out.push(b),
        }
    }
    out.push(b'\'');
    out
}

/// How `set -x` shows a word: as is when it needs no quoting, else
/// single-quoted like bash.
pub fn quote_for_display(s: &[u8]) -> Vec<u8> {
    let plain = !s.is_empty()
        && s.iter()
            .all(|&b| b.is_ascii_alphanumeric() || b >= 0x80 || b"_-+=./:,@%^".contains(&b));
    if plain {
        s.to_vec()
    } else if s
        .iter()
        .any(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f)
    {
        ansi_c_quote(s)
    } else {
        let mut out = vec![b'\''];
        for &b in s {
            if b == b'\'' {
                out.extend_from_slice(b"'\\''");
            } else {
                out.push(b);
            }
        }
        out.push(b'\'');
        out
    }
}

/// printf `%q`-style quoting with backslashes.
pub fn shell_quote_q(s: &[u8]) -> Vec<u8> {
    if s.is_empty() {
        return b"''".to_vec();
    }
    if s.iter().any(|&b| b < 0x20 || b == 0x7f) {
        return ansi_c_quote(s);
    }
    let mut out = Vec::with_capacity(s.len());
    for &b in s {
        if !(b.is_ascii_alphanumeric() || b >= 0x80 || b"_-+=./:,@%^".contains(&b)) {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_bash() {
        assert_eq!(single_quote(b"a b"), b"'a b'");
        assert_eq!(single_quote(b"it's"), b"'it'\\''s'");
        assert_eq!(single_quote(b"a\nb"), b"$'a\\nb'");
        assert_eq!(quote_for_display(b"abc"), b"abc");
        assert_eq!(quote_for_display(b""), b"''");
        assert_eq!(shell_quote_q(b"a b"), b"a\\ b");
    }
}
