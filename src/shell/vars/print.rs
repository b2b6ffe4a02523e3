//! Output formats that must match bash byte for byte: `declare -p` lines,
//! `set` listing lines, and the quoting they use ([`quote_for_reuse`] for
//! `set`, double quotes or `$'...'` for `declare -p`). Valid UTF-8 printable
//! characters are kept raw (bash in a UTF-8 locale); other bytes become octal.

use super::{Special, Value, Var, Variables};

fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        (' '..='~').contains(&c)
    } else {
        !c.is_control()
    }
}

/// bash's `ansic_shouldquote`: any non-printable character or invalid UTF-8.
pub(crate) fn needs_ansic(s: &[u8]) -> bool {
    s.utf8_chunks()
        .any(|ch| !ch.invalid().is_empty() || !ch.valid().chars().all(is_printable))
}

fn push_octal(out: &mut Vec<u8>, b: u8) {
    out.extend_from_slice(&[
        b'\\',
        b'0' + (b >> 6),
        b'0' + ((b >> 3) & 7),
        b'0' + (b & 7),
    ]);
}

/// bash's `ansic_quote`: `$'...'` with C escapes.
pub(crate) fn ansic_quote(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 4);
    out.extend_from_slice(b"$'");
    for chunk in s.utf8_chunks() {
        for c in chunk.valid().chars() {
            let esc: &[u8] = match c {
                '\x1b' => b"\\E",
                '\x07' => b"\\a",
                '\x0b' => b"\\v",
                '\x08' => b"\\b",
                '\x0c' => b"\\f",
                '\n' => b"\\n",
                '\r' => b"\\r",
                '\t' => b"\\t",
                '\\' => b"\\\\",
                '\'' => b"\\'",
                c if is_printable(c) => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    continue;
                }
                c => {
                    let mut buf = [0u8; 4];
                    for b in c.encode_utf8(&mut buf).as_bytes() {
                        push_octal(&mut out, *b);
                    }
                    continue;
                }
            };
            out.extend_from_slice(esc);
        }
        for b in chunk.invalid() {
            push_octal(&mut out, *b);
        }
    }
    out.push(b'\'');
    out
}

/// bash's `sh_contains_shell_metas`.
pub(crate) fn has_shell_metas(s: &[u8]) -> bool {
    s.iter().enumerate().any(|(i, &c)| match c {
        b' ' | b'\t' | b'\n' | b'\'' | b'"' | b'\\' | b'|' | b'&' | b';' | b'(' | b')' | b'<'
        | b'>' | b'!' | b'{' | b'}' | b'*' | b'[' | b'?' | b']' | b'^' | b'$' | b'`' => true,
        b'~' => i == 0 || matches!(s[i - 1], b'=' | b':'),
        b'#' => i == 0,
        _ => false,
    })
}

/// bash's `sh_single_quote`: `'...'` with `'\''` for embedded quotes.
pub(crate) fn single_quote(s: &[u8]) -> Vec<u8> {
    if s == b"'" {
        return b"\\'".to_vec();
    }
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'\'');
    for &c in s {
        out.push(c);
        if c == b'\'' {
            out.extend_from_slice(b"\\''");
        }
    }
    out.push(b'\'');
    out
}

/// bash's `sh_double_quote`: `"..."` escaping `"`, `$`, `` ` `` and `\`.
pub(crate) fn double_quote(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() + 2);
    out.push(b'"');
    for &c in s {
        if matches!(c, b'"' | b'$' | b'`' | b'\\') {
            out.push(b'\\');
        }
        out.push(c);
    }
    out.push(b'"');
    out
}

/// Quote a value the way `set` prints it so it can be read back: raw if
/// safe, `'...'` if it has shell metacharacters, `$'...'` if it has control
/// characters or invalid UTF-8.
pub fn quote_for_reuse(value: &[u8]) -> Vec<u8> {
    if needs_ansic(value) {
        ansic_quote(value)
    } else if has_shell_metas(value) {
        single_quote(value)
    } else {
        value.to_vec()
    }
}

/// A value as `declare -p` prints it: always quoted.
fn declare_quote(s: &[u8]) -> Vec<u8> {
    if needs_ansic(s) {
        ansic_quote(s)
    } else {
        double_quote(s)
    }
}

fn assoc_key_quote(k: &[u8]) -> Vec<u8> {
    if needs_ansic(k) {
        ansic_quote(k)
    } else if has_shell_metas(k) || k == b"@" || k == b"*" {
        double_quote(k)
    } else {
        k.to_vec()
    }
}

/// `([0]="x" [1]="y")` / `([k]="v" )` (bash's assoc form has a trailing space).
fn array_body(value: &Value) -> Vec<u8> {
    let mut out = vec![b'('];
    match value {
        Value::Indexed(m) => {
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                out.extend_from_slice(format!("[{k}]=").as_bytes());
                out.extend_from_slice(&declare_quote(v));
            }
        }
        Value::Assoc(m) => {
            for (k, v) in m.iter() {
                out.push(b'[');
                out.extend_from_slice(&assoc_key_quote(k));
                out.extend_from_slice(b"]=");
                out.extend_from_slice(&declare_quote(v));
                out.push(b' ');
            }
        }
        Value::Str(_) => {}
    }
    out.push(b')');
    out
}

impl Variables {
    /// The text after `name=`, or `None` if the variable is unset.
    fn value_text(&self, var: &Var, declare_style: bool) -> Option<Vec<u8>> {
        let quote = |s: &[u8]| {
            if declare_style {
                declare_quote(s)
            } else {
                quote_for_reuse(s)
            }
        };
        if var.special != Special::None {
            return Some(quote(&self.dynamic.value(var.special)));
        }
        Some(match var.value.as_ref()? {
            Value::Str(s) => quote(s),
            v => array_body(v),
        })
    }

    /// Exactly bash's `declare -p NAME` line (no newline), for the binding
    /// itself (a nameref prints as `declare -n r="target"`). `None` if no
    /// binding is visible ("declare: NAME: not found").
    pub fn declare_p(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        let (_, var) = self.lookup(name)?;
        let flags = var.attrs.flag_string();
        let mut out = b"declare -".to_vec();
        if flags.is_empty() {
            out.push(b'-');
        } else {
            out.extend_from_slice(&flags);
        }
        out.push(b' ');
        out.extend_from_slice(name);
        if let Some(body) = self.value_text(var, true) {
            out.push(b'=');
            out.extend_from_slice(&body);
        }
        Some(out)
    }

    /// One line of `set` output (`x='a b'`, `a=([0]="x")`); `None` if unset.
    pub fn set_listing_line(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        let (_, var) = self.lookup(name)?;
        let body = self.value_text(var, false)?;
        let mut out = Vec::with_capacity(name.len() + 1 + body.len());
        out.extend_from_slice(name);
        out.push(b'=');
        out.extend_from_slice(&body);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &[u8]) -> String {
        String::from_utf8_lossy(&quote_for_reuse(s)).into_owned()
    }

    #[test]
    fn set_quoting_matches_bash() {
        // Expected strings captured from bash 5.2 `set` output (C.UTF-8 locale).
        let cases: &[(&[u8], &str)] = &[
            (b"a#b", "a#b"),
            (b"#a", "'#a'"),
            (b"~a", "'~a'"),
            (b"a~", "a~"),
            (b"a=~", "'a=~'"),
            (b"a:~b", "'a:~b'"),
            (b"{x", "'{x'"),
            (b"x}", "'x}'"),
            (b"^", "'^'"),
            (b"%", "%"),
            (b"@", "@"),
            (b",", ","),
            (b"=", "="),
            (b"+", "+"),
            (b"a!", "'a!'"),
            ("é".as_bytes(), "é"),
            (b"\x7f", "$'\\177'"),
            (b"a\x1bb", "$'a\\Eb'"),
            (b"\xe9", "$'\\351'"),
            (b"\xc3", "$'\\303'"),
            (b"'", "\\'"),
            (b"it's", "'it'\\''s'"),
            (b"a b", "'a b'"),
            (b"abc", "abc"),
            (b"", ""),
            (b"\t\x01\xff\xc3\xa9", "$'\\t\\001\\377é'"),
            (b"a\"b$c`d\\e\nf", "$'a\"b$c`d\\\\e\\nf'"),
        ];
        for (input, want) in cases {
            assert_eq!(
                q(input),
                *want,
                "input {:?}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn declare_quoting() {
        assert_eq!(declare_quote(b"x\"y$z`\\"), b"\"x\\\"y\\$z\\`\\\\\"");
        assert_eq!(declare_quote(b""), b"\"\"");
        assert_eq!(declare_quote(b"\n"), b"$'\\n'");
        assert_eq!(declare_quote("\u{85}".as_bytes()), b"$'\\302\\205'");
        assert_eq!(declare_quote(b"\x07\x08\x0b\x0c\r"), b"$'\\a\\b\\v\\f\\r'");
    }

    #[test]
    fn assoc_keys_quoting() {
        // bash: ([ok_1.2-3]="3" ["a]"]="4" ["@"]="1" ["~"]="2" [é]="5" [a=b]="6" ["\$y"]="3")
        assert_eq!(assoc_key_quote(b"ok_1.2-3"), b"ok_1.2-3");
        assert_eq!(assoc_key_quote(b"a]"), b"\"a]\"");
        assert_eq!(assoc_key_quote(b"@"), b"\"@\"");
        assert_eq!(assoc_key_quote(b"*"), b"\"*\"");
        assert_eq!(assoc_key_quote(b"~"), b"\"~\"");
        assert_eq!(assoc_key_quote("é".as_bytes()), "é".as_bytes());
        assert_eq!(assoc_key_quote(b"a=b"), b"a=b");
        assert_eq!(assoc_key_quote(b"$y"), b"\"\\$y\"");
        assert_eq!(assoc_key_quote(b"a b"), b"\"a b\"");
        assert_eq!(assoc_key_quote(b"\x01"), b"$'\\001'");
    }
}
