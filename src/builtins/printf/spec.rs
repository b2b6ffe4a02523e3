//! Parsing of one printf conversion specification (`%[flags][width]
//! [.precision][length]conv`) the way bash scans it, and glibc-style
//! integer formatting.
//!
//! Main entry points: [`RawSpec::parse`] and [`format_int`].

use super::fmtfloat::pad;
use super::Spec;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Flags {
    pub(super) alt: bool,
    pub(super) group: bool,
    pub(super) plus: bool,
    pub(super) space: bool,
    pub(super) left: bool,
    pub(super) zero: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Width {
    None,
    Lit(u64),
    Star(i32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Precision {
    None,
    Star(i32),
    /// `.`, `.N`, or bash's `.-N` (`neg`); `digits` is None when no digit
    /// follows; `text` is what followed the `.` (used by `.-N`).
    Lit {
        neg: bool,
        digits: Option<u64>,
        text: Vec<u8>,
    },
}

#[derive(Clone, Debug)]
pub(super) struct RawSpec {
    pub(super) flags: Flags,
    pub(super) width: Width,
    pub(super) prec: Precision,
    pub(super) conv: u8,
    /// Index of the conversion character in the format.
    pub(super) conv_at: usize,
    /// The specification text, for diagnostics.
    pub(super) text: Vec<u8>,
}

/// Leading decimal digits of `s`: saturated value and count.
fn digits(s: &[u8]) -> (u64, usize) {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    let v = s[..n].iter().fold(0u64, |acc, d| {
        acc.saturating_mul(10).saturating_add((d - b'0') as u64)
    });
    (v, n)
}

impl RawSpec {
    /// Parse the specification whose `%` is `fmt[start]`. `star` fetches
    /// an int argument for each `*`, in order. `Err` means the format ended
    /// before a conversion character.
    pub(super) fn parse(
        fmt: &[u8],
        start: usize,
        mut star: impl FnMut() -> i32,
    ) -> Result<RawSpec, ()> {
        let mut j = start + 1;
        let mut flags = Flags::default();
        while let Some(&c) = fmt.get(j) {
            match c {
                b'#' => flags.alt = true,
                b'\'' => flags.group = true,
                b'-' => flags.left = true,
                b'+' => flags.plus = true,
                b' ' => flags.space = true,
                b'0' => flags.zero = true,
                _ => break,
            }
            j += 1;
        }
        let width = if fmt.get(j) == Some(&b'*') {
            j += 1;
            Width::Star(star())
        } else {
            let (v, n) = digits(&fmt[j..]);
            j += n;
            if n > 0 {
                Width::Lit(v)
            } else {
                Width::None
            }
        };
        let mut prec = Precision::None;
        if fmt.get(j) == Some(&b'.') {
            j += 1;
            if fmt.get(j) == Some(&b'*') {
                j += 1;
                prec = Precision::Star(star());
            } else {
                let text_start = j;
                let neg = fmt.get(j) == Some(&b'-');
                j += neg as usize;
                let (v, n) = digits(&fmt[j..]);
                j += n;
                let digits = (n > 0).then_some(v);
                prec = Precision::Lit {
                    neg,
                    digits,
                    text: fmt[text_start..j].to_vec(),
                };
            }
        }
        while fmt.get(j).is_some_and(|c| b"hjlLtz".contains(c)) {
            j += 1;
        }
        let conv = *fmt.get(j).ok_or(())?;
        Ok(RawSpec {
            flags,
            width,
            prec,
            conv,
            conv_at: j,
            text: fmt[start..=j].to_vec(),
        })
    }

    /// The `*` precision value bash hands to its string printer (0 if none).
    pub(super) fn star_precision(&self) -> i32 {
        match self.prec {
            Precision::Star(p) => p,
            _ => 0,
        }
    }

    /// What glibc prints for bash's `.-N` precision: it stops at the `-`
    /// as an unknown conversion, echoes the spec it parsed (precision 0),
    /// then the rest of the text (including the length modifier bash
    /// inserted) comes out literally. E.g. `%5.-3d` prints `%5.0-3ld`.
    pub(super) fn glibc_unknown(&self, text: &[u8]) -> Vec<u8> {
        let f = &self.flags;
        let (width, star_left) = match self.width {
            Width::Star(w) => (w.unsigned_abs() as u64, w < 0),
            Width::Lit(w) => (w, false),
            Width::None => (0, false),
        };
        let left = f.left || star_left;
        let mut out = b"%".to_vec();
        for (on, c) in [
            (f.alt, b'#'),
            (f.group, b'\''),
            (f.plus, b'+'),
            (f.space && !f.plus, b' '),
            (left, b'-'),
            (f.zero && !left, b'0'),
        ] {
            if on {
                out.push(c);
            }
        }
        if width != 0 {
            out.extend_from_slice(width.to_string().as_bytes());
        }
        out.extend_from_slice(b".0");
        out.extend_from_slice(text);
        match self.conv {
            b'd' | b'i' | b'o' | b'u' | b'x' | b'X' => out.push(b'l'),
            b'c' | b's' => {}
            _ => out.push(b'L'),
        }
        out.push(self.conv);
        out
    }
}

/// glibc's `%d %i %o %u %x %X` for a value given as sign and magnitude.
pub(super) fn format_int(neg: bool, mag: u64, spec: &Spec) -> Vec<u8> {
    let mut digits = match spec.conv {
        b'o' => format!("{mag:o}"),
        b'x' => format!("{mag:x}"),
        b'X' => format!("{mag:X}"),
        _ => mag.to_string(),
    }
    .into_bytes();
    if spec.prec == Some(0) && mag == 0 {
        digits.clear();
    }
    if let Some(p) = spec.prec {
        if digits.len() < p {
            let mut z = vec![b'0'; p - digits.len()];
            z.extend_from_slice(&digits);
            digits = z;
        }
    }
    if spec.alt && spec.conv == b'o' && digits.first() != Some(&b'0') {
        digits.insert(0, b'0');
    }
    let prefix: &[u8] = match spec.conv {
        b'x' if spec.alt && mag != 0 => b"0x",
        b'X' if spec.alt && mag != 0 => b"0X",
        _ => b"",
    };
    let sign: &[u8] = match spec.conv {
        b'd' | b'i' if neg => b"-",
        b'd' | b'i' if spec.plus => b"+",
        b'd' | b'i' if spec.space => b" ",
        _ => b"",
    };
    pad(
        sign,
        prefix,
        &digits,
        spec.width,
        spec.left,
        spec.zero && spec.prec.is_none(),
    )
}
