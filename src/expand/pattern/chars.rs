//! Character model for pattern matching: decoding byte strings into
//! characters, case folding and the POSIX character classes.
//!
//! Pattern and subject are decoded the same way: every valid UTF-8
//! sequence is one character (its code point) and every byte that is not
//! part of a valid sequence is a character of its own, coded as
//! `INVALID_BASE + byte`. Decoding therefore never fails and is injective,
//! so invalid UTF-8 still matches itself byte for byte.

/// Code of the character standing for an undecodable byte `b`: `INVALID_BASE + b`.
pub(crate) const INVALID_BASE: u32 = 0x11_0000;

/// Decode the character starting at `b[i]` (which must exist): (code, byte length).
pub(crate) fn decode_at(b: &[u8], i: usize) -> (u32, usize) {
    let first = b[i];
    if first < 0x80 {
        return (u32::from(first), 1);
    }
    let invalid = (INVALID_BASE + u32::from(first), 1);
    let len = match first {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return invalid,
    };
    let Some(seq) = b.get(i..i + len) else {
        return invalid;
    };
    // from_utf8 rejects overlong forms and surrogates, which we keep as bytes.
    match std::str::from_utf8(seq).ok().and_then(|s| s.chars().next()) {
        Some(ch) => (ch as u32, len),
        None => invalid,
    }
}

/// The first character boundary at or after byte `i` of `b`. Only bytes
/// 0x80..=0xBF can continue a character, so looking back at most three
/// bytes for the lead byte is enough to decide.
pub(crate) fn boundary_at_or_after(b: &[u8], i: usize) -> usize {
    if i >= b.len() {
        return b.len();
    }
    if !(0x80..=0xBF).contains(&b[i]) {
        return i; // a lead byte always starts a character
    }
    for back in 1..=3.min(i) {
        let j = i - back;
        if !(0x80..=0xBF).contains(&b[j]) {
            let (_, len) = decode_at(b, j);
            return if j + len > i { j + len } else { i };
        }
    }
    i
}

/// One pattern character and whether it was backslash-escaped (quoted), in
/// which case it is never special.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Tok {
    pub c: u32,
    pub esc: bool,
}

/// Split an escaped pattern into characters. A backslash quotes the next
/// byte; a trailing lone backslash stands for itself. Escapes are removed
/// before UTF-8 decoding so a multi-byte character is recognised whether the
/// expander escaped its first byte or every byte.
pub(crate) fn tokenize(p: &[u8]) -> Vec<Tok> {
    let mut raw = Vec::with_capacity(p.len());
    let mut esc = Vec::with_capacity(p.len());
    let mut i = 0;
    while i < p.len() {
        if p[i] == b'\\' {
            raw.push(*p.get(i + 1).unwrap_or(&b'\\'));
            esc.push(true);
            i += 2;
        } else {
            raw.push(p[i]);
            esc.push(false);
            i += 1;
        }
    }
    let mut toks = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let (c, len) = decode_at(&raw, i);
        toks.push(Tok { c, esc: esc[i] });
        i += len;
    }
    toks
}

fn as_char(c: u32) -> Option<char> {
    char::from_u32(c)
}

/// Lower-case form of `c` when it has a single-character one, else `c`.
pub(crate) fn to_lower(c: u32) -> u32 {
    if c < 0x80 {
        return u32::from((c as u8).to_ascii_lowercase());
    }
    single(as_char(c).map(|ch| ch.to_lowercase()), c)
}

/// Upper-case form of `c` when it has a single-character one, else `c`.
pub(crate) fn to_upper(c: u32) -> u32 {
    if c < 0x80 {
        return u32::from((c as u8).to_ascii_uppercase());
    }
    single(as_char(c).map(|ch| ch.to_uppercase()), c)
}

fn single(it: Option<impl Iterator<Item = char>>, orig: u32) -> u32 {
    let Some(mut it) = it else { return orig };
    match (it.next(), it.next()) {
        (Some(ch), None) => ch as u32,
        _ => orig,
    }
}

/// A `[:name:]` class inside a bracket expression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Class {
    Alpha,
    Digit,
    Alnum,
    Upper,
    Lower,
    Space,
    Blank,
    Punct,
    Print,
    Graph,
    Cntrl,
    Xdigit,
    Word,
    /// Unknown name: bash makes such a class match nothing.
    Invalid,
}

impl Class {
    pub(crate) fn from_name(name: &[u32]) -> Class {
        let s: String = name.iter().filter_map(|&c| as_char(c)).collect();
        match s.as_str() {
            "alpha" => Class::Alpha,
            "digit" => Class::Digit,
            "alnum" => Class::Alnum,
            "upper" => Class::Upper,
            "lower" => Class::Lower,
            "space" => Class::Space,
            "blank" => Class::Blank,
            "punct" => Class::Punct,
            "print" => Class::Print,
            "graph" => Class::Graph,
            "cntrl" => Class::Cntrl,
            "xdigit" => Class::Xdigit,
            "word" => Class::Word,
            _ => Class::Invalid,
        }
    }

    pub(crate) fn matches(self, c: u32) -> bool {
        if c < 0x80 {
            return self.matches_ascii(c as u8);
        }
        match as_char(c) {
            Some(ch) => self.matches_wide(ch),
            None => false, // undecodable bytes belong to no class
        }
    }

    fn matches_ascii(self, b: u8) -> bool {
        match self {
            Class::Alpha => b.is_ascii_alphabetic(),
            Class::Digit => b.is_ascii_digit(),
            Class::Alnum => b.is_ascii_alphanumeric(),
            Class::Upper => b.is_ascii_uppercase(),
            Class::Lower => b.is_ascii_lowercase(),
            // C isspace() includes the vertical tab, unlike is_ascii_whitespace.
            Class::Space => matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
            Class::Blank => matches!(b, b' ' | b'\t'),
            Class::Punct => b.is_ascii_punctuation(),
            Class::Print => (0x20..0x7f).contains(&b),
            Class::Graph => (0x21..0x7f).contains(&b),
            Class::Cntrl => b < 0x20 || b == 0x7f,
            Class::Xdigit => b.is_ascii_hexdigit(),
            Class::Word => b.is_ascii_alphanumeric() || b == b'_',
            Class::Invalid => false,
        }
    }

    fn matches_wide(self, ch: char) -> bool {
        let graph = !ch.is_control() && !ch.is_whitespace();
        match self {
            Class::Alpha => ch.is_alphabetic(),
            Class::Alnum | Class::Word => ch.is_alphanumeric(),
            Class::Upper => ch.is_uppercase(),
            Class::Lower => ch.is_lowercase(),
            Class::Space => ch.is_whitespace(),
            Class::Blank => ch.is_whitespace() && !matches!(ch, '\u{85}' | '\u{2028}' | '\u{2029}'),
            Class::Punct => graph && !ch.is_alphanumeric(),
            Class::Print => !ch.is_control(),
            Class::Graph => graph,
            Class::Cntrl => ch.is_control(),
            Class::Digit | Class::Xdigit | Class::Invalid => false,
        }
    }
}
