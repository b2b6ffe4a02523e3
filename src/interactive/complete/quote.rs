//! Quoting for completion: reading the word typed so far (its value and
//! the quote left open) and writing a completed name back so the shell
//! reads it as the same bytes.

/// The quoting in force at the end of a typed word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Single,
    Double,
}

/// A word typed so far: its value with quotes removed, the quote still
/// open and where it was opened (byte offset in the typed text).
#[derive(Debug, PartialEq, Eq)]
pub struct Typed {
    pub value: Vec<u8>,
    pub style: Style,
    pub opened_at: usize,
}

/// Removes the quoting of a partial word.
pub fn unquote(raw: &str) -> Typed {
    let b = raw.as_bytes();
    let mut value = Vec::with_capacity(b.len());
    let mut style = Style::Plain;
    let mut opened_at = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match (style, c) {
            (Style::Plain, b'\'') => {
                style = Style::Single;
                opened_at = i;
            }
            (Style::Plain, b'"') => {
                style = Style::Double;
                opened_at = i;
            }
            (Style::Single, b'\'') | (Style::Double, b'"') => style = Style::Plain,
            (Style::Plain, b'\\') => {
                if let Some(&n) = b.get(i + 1) {
                    if n != b'\n' {
                        value.push(n);
                    }
                    i += 2;
                    continue;
                }
            }
            (Style::Double, b'\\') if matches!(b.get(i + 1), Some(b'"' | b'\\' | b'$' | b'`')) => {
                value.push(b[i + 1]);
                i += 2;
                continue;
            }
            _ => value.push(c),
        }
        i += 1;
    }
    Typed {
        value,
        style,
        opened_at,
    }
}

/// Characters that need a backslash outside quotes.
fn special(c: u8, first: bool) -> bool {
    matches!(
        c,
        b' ' | b'\t'
            | b'\n'
            | b'\''
            | b'"'
            | b'\\'
            | b'$'
            | b'`'
            | b'|'
            | b'&'
            | b';'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'*'
            | b'?'
            | b'['
            | b']'
            | b'!'
            | b'{'
            | b'}'
    ) || (first && matches!(c, b'#' | b'~' | b'='))
}

/// Quotes `name` for insertion in `style`. A name that is not UTF-8 is
/// written as `$'…'` with `\xHH` escapes, so the exact bytes reach the
/// shell.
pub fn quote(name: &[u8], style: Style, at_word_start: bool) -> String {
    let Ok(text) = std::str::from_utf8(name) else {
        return ansi_c_quote(name);
    };
    let mut out = String::with_capacity(text.len() + 4);
    for (i, ch) in text.char_indices() {
        let needs = match style {
            Style::Plain => ch.is_ascii() && special(ch as u8, i == 0 && at_word_start),
            Style::Double => matches!(ch, '"' | '\\' | '$' | '`'),
            Style::Single => false,
        };
        if style == Style::Single && ch == '\'' {
            out.push_str("'\\''");
            continue;
        }
        if needs {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// `$'…'` quoting that survives any byte.
pub fn ansi_c_quote(name: &[u8]) -> String {
    let mut out = String::from("$'");
    for &b in name {
        match b {
            b'\'' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('\'');
    out
}

/// The closing quote for a finished word in `style`.
pub fn closing(style: Style) -> &'static str {
    match style {
        Style::Plain => "",
        Style::Single => "'",
        Style::Double => "\"",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquoting() {
        let t = unquote(r"my\ fi");
        assert_eq!((t.value.as_slice(), t.style), (&b"my fi"[..], Style::Plain));
        let t = unquote("x'a b");
        assert_eq!(
            (t.value.as_slice(), t.style, t.opened_at),
            (&b"xa b"[..], Style::Single, 1)
        );
        let t = unquote(r#""a\"b\c"#);
        assert_eq!(
            (t.value.as_slice(), t.style),
            (&br#"a"b\c"#[..], Style::Double)
        );
        let t = unquote("'a'b");
        assert_eq!((t.value.as_slice(), t.style), (&b"ab"[..], Style::Plain));
        assert_eq!(unquote("\\").value, b"");
    }

    #[test]
    fn quoting_round_trips_through_unquote() {
        for name in [
            "my file",
            "a'b",
            "q\"x",
            "$HOME",
            "a*b?[c]",
            "x&y;z|w",
            "(p)<q>",
            "back\\slash",
            "é ü",
            "!bang",
        ] {
            for style in [Style::Plain, Style::Double, Style::Single] {
                let open = match style {
                    Style::Plain => "",
                    Style::Single => "'",
                    Style::Double => "\"",
                };
                let text = format!(
                    "{open}{}{}",
                    quote(name.as_bytes(), style, true),
                    closing(style)
                );
                assert_eq!(
                    unquote(&text).value,
                    name.as_bytes(),
                    "{name} {style:?} {text}"
                );
            }
        }
    }

    #[test]
    fn plain_quoting() {
        assert_eq!(quote(b"my file", Style::Plain, true), "my\\ file");
        assert_eq!(quote(b"#x", Style::Plain, true), "\\#x");
        assert_eq!(quote(b"a#x", Style::Plain, true), "a#x");
        assert_eq!(quote(b"~x", Style::Plain, false), "~x");
        assert_eq!(
            quote(b"plain-name_1.txt", Style::Plain, true),
            "plain-name_1.txt"
        );
    }

    #[test]
    fn non_utf8_names() {
        assert_eq!(quote(b"a\xffb c", Style::Plain, true), "$'a\\xffb c'");
        assert_eq!(ansi_c_quote(b"it's"), "$'it\\'s'");
    }
}
