//! [`Field`]: the bytes of a word being expanded, each tagged with the
//! [`Kind`] that field splitting and pathname expansion need to know.

/// Where a byte of an expanded word came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Unquoted text written in the script: glob characters are active,
    /// but it is never split.
    Literal,
    /// The unquoted result of an expansion: split by IFS and globbed.
    Expanded,
    /// Quoted: neither split nor globbed.
    Quoted,
}

/// One field under construction.
#[derive(Debug, Clone, Default)]
pub struct Field {
    pub bytes: Vec<u8>,
    pub kinds: Vec<Kind>,
    /// A quoted part contributed (perhaps nothing): `""` is a field.
    pub has_quoted: bool,
}

impl Field {
    pub fn push(&mut self, text: &[u8], kind: Kind) {
        self.bytes.extend_from_slice(text);
        self.kinds.extend(std::iter::repeat_n(kind, text.len()));
    }

    pub fn push_byte(&mut self, b: u8, kind: Kind) {
        self.bytes.push(b);
        self.kinds.push(kind);
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Whether pathname expansion applies: an unquoted `*`, `?` or `[`
    /// (or an extglob group, which the expander writes unquoted).
    pub fn has_glob_chars(&self, extglob: bool) -> bool {
        self.bytes
            .iter()
            .zip(&self.kinds)
            .enumerate()
            .any(|(i, (&b, &k))| {
                k != Kind::Quoted
                    && (matches!(b, b'*' | b'?' | b'[')
                        || (extglob
                            && matches!(b, b'+' | b'@' | b'!')
                            && self.bytes.get(i + 1) == Some(&b'(')))
            })
    }

    /// The text as a pattern: quoted bytes that would be special are
    /// escaped with a backslash, the convention `expand::pattern` reads.
    pub fn to_pattern(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes.len() + 8);
        for (&b, &k) in self.bytes.iter().zip(&self.kinds) {
            if k == Kind::Quoted && is_pattern_special(b) {
                out.push(b'\\');
            }
            out.push(b);
        }
        out
    }
}

/// Bytes that mean something in a pattern.
pub fn is_pattern_special(b: u8) -> bool {
    matches!(
        b,
        b'\\' | b'*' | b'?' | b'[' | b']' | b'(' | b')' | b'|' | b'!' | b'@' | b'+' | b'^' | b'-'
    )
}

/// Escapes every pattern-special byte of `text` (a fully quoted string).
pub fn escape_pattern(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    for &b in text {
        if is_pattern_special(b) {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}
