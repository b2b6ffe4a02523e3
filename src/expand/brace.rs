//! Brace expansion (`{a,b}`, `{1..10..2}`, `{a..e}`) on the word's
//! structure, before any other expansion, as bash does it: the result is
//! a list of part sequences, one per generated word, left to right.

use crate::syntax::ast::{PartKind, WordPart};

/// Most words one brace expression may generate; beyond it the range is
/// left unexpanded rather than exhausting memory.
const MAX_WORDS: usize = 1 << 20;

/// Expands every brace part of `parts` into the cartesian product.
pub fn expand_braces(parts: &[WordPart]) -> Vec<Vec<WordPart>> {
    let mut results: Vec<Vec<WordPart>> = vec![Vec::new()];
    for part in parts {
        let options: Vec<Vec<WordPart>> = match &part.kind {
            PartKind::BraceList(alternatives) => alternatives
                .iter()
                .flat_map(|alt| expand_braces(alt))
                .collect(),
            PartKind::BraceRange { start, end, step } => match range_words(start, end, *step) {
                Some(words) => words
                    .into_iter()
                    .map(|w| {
                        vec![WordPart {
                            kind: PartKind::Literal(w),
                            span: part.span,
                        }]
                    })
                    .collect(),
                None => vec![vec![part.clone()]],
            },
            _ => {
                for r in &mut results {
                    r.push(part.clone());
                }
                continue;
            }
        };
        if results.len().saturating_mul(options.len()) > MAX_WORDS {
            for r in &mut results {
                r.push(part.clone());
            }
            continue;
        }
        let mut next = Vec::with_capacity(results.len() * options.len());
        for r in &results {
            for o in &options {
                let mut combined = r.clone();
                combined.extend(o.iter().cloned());
                next.push(combined);
            }
        }
        results = next;
    }
    results
}

/// The words of `{start..end..step}`, or `None` when it is not a valid
/// sequence (left as written).
fn range_words(start: &[u8], end: &[u8], step: Option<i64>) -> Option<Vec<Vec<u8>>> {
    let parse = |b: &[u8]| std::str::from_utf8(b).ok()?.parse::<i64>().ok();
    let step = step.unwrap_or(1).checked_abs()?.max(1);
    if let (Some(a), Some(b)) = (parse(start), parse(end)) {
        // Zero padding when either endpoint is written with leading zeros.
        let width = |s: &[u8]| {
            let digits = s.strip_prefix(b"-").unwrap_or(s);
            (digits.len() > 1 && digits[0] == b'0').then_some(s.len())
        };
        let pad = width(start).max(width(end)).unwrap_or(0);
        let count = (a.abs_diff(b) / step.unsigned_abs()) as usize + 1;
        if count > MAX_WORDS {
            return None;
        }
        let mut out = Vec::with_capacity(count);
        let mut n = a;
        for _ in 0..count {
            out.push(if n < 0 && pad > 0 {
                format!("-{:0>w$}", -(n as i128), w = pad - 1).into_bytes()
            } else {
                format!("{n:0>pad$}").into_bytes()
            });
            n = if a <= b {
                n.saturating_add(step)
            } else {
                n.saturating_sub(step)
            };
        }
        return Some(out);
    }
    if start.len() == 1 && end.len() == 1 {
        let (a, b) = (start[0] as i64, end[0] as i64);
        let mut out = Vec::new();
        let mut n = a;
        loop {
            out.push(vec![n as u8]);
            if n == b {
                break;
            }
            n += if a <= b { step } else { -step };
            if (a <= b && n > b) || (a > b && n < b) {
                break;
            }
        }
        return Some(out);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(v: Vec<Vec<u8>>) -> Vec<String> {
        v.into_iter()
            .map(|w| String::from_utf8(w).unwrap())
            .collect()
    }

    #[test]
    fn numeric_ranges_with_step_and_padding() {
        assert_eq!(
            strs(range_words(b"1", b"5", Some(2)).unwrap()),
            ["1", "3", "5"]
        );
        assert_eq!(
            strs(range_words(b"3", b"1", None).unwrap()),
            ["3", "2", "1"]
        );
        assert_eq!(
            strs(range_words(b"01", b"03", None).unwrap()),
            ["01", "02", "03"]
        );
        assert_eq!(
            strs(range_words(b"-1", b"1", None).unwrap()),
            ["-1", "0", "1"]
        );
    }

    #[test]
    fn letter_ranges() {
        assert_eq!(
            strs(range_words(b"a", b"e", Some(2)).unwrap()),
            ["a", "c", "e"]
        );
        assert_eq!(
            strs(range_words(b"c", b"a", None).unwrap()),
            ["c", "b", "a"]
        );
    }
}
