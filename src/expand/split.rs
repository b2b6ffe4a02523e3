//! Field splitting (XCU 2.6.5): only bytes that came from unquoted
//! expansions are split, by IFS. IFS whitespace runs form one delimiter
//! and are trimmed at the ends; each other IFS byte delimits a field, so
//! `a::b` with `IFS=:` has an empty middle field.

use super::field::{Field, Kind};

/// Splits one field; drops it entirely when it is empty and unquoted.
pub fn split_field(field: Field, ifs: &[u8]) -> Vec<Field> {
    let splittable = !ifs.is_empty() && field.kinds.contains(&Kind::Expanded);
    if !splittable {
        return if field.is_empty() && !field.has_quoted {
            Vec::new()
        } else {
            vec![field]
        };
    }
    let is_ifs = |b: u8| ifs.contains(&b);
    let is_ws = |b: u8| matches!(b, b' ' | b'\t' | b'\n') && ifs.contains(&b);
    let mut out = Vec::new();
    let mut cur = Field {
        has_quoted: field.has_quoted,
        ..Field::default()
    };
    let n = field.bytes.len();
    let splits_at = |i: usize| field.kinds[i] == Kind::Expanded && is_ifs(field.bytes[i]);
    let mut i = 0;
    let mut cur_has_content = false;
    while i < n {
        if !splits_at(i) {
            cur.push_byte(field.bytes[i], field.kinds[i]);
            cur_has_content = true;
            i += 1;
            continue;
        }
        // A delimiter: IFS whitespace, at most one other IFS byte, and the
        // whitespace around it.
        let mut saw_hard = false;
        while i < n && splits_at(i) && is_ws(field.bytes[i]) {
            i += 1;
        }
        if i < n && splits_at(i) && !is_ws(field.bytes[i]) {
            saw_hard = true;
            i += 1;
            while i < n && splits_at(i) && is_ws(field.bytes[i]) {
                i += 1;
            }
        }
        if cur_has_content || saw_hard || cur.has_quoted {
            out.push(std::mem::take(&mut cur));
        }
        cur_has_content = false;
    }
    if cur_has_content {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str, ifs: &str) -> Vec<String> {
        let mut f = Field::default();
        f.push(text.as_bytes(), Kind::Expanded);
        split_field(f, ifs.as_bytes())
            .into_iter()
            .map(|f| String::from_utf8(f.bytes).unwrap())
            .collect()
    }

    #[test]
    fn whitespace_runs_and_trimming() {
        assert_eq!(split("  a  b ", " \t\n"), ["a", "b"]);
        assert!(split("   ", " ").is_empty());
    }

    #[test]
    fn non_whitespace_delimiters_keep_empty_fields() {
        assert_eq!(split("a::b", ":"), ["a", "", "b"]);
        assert_eq!(split(":a", ":"), ["", "a"]);
        assert_eq!(split("a:", ":"), ["a"]);
        assert_eq!(split("a : b", " :"), ["a", "b"]);
    }

    #[test]
    fn quoted_bytes_never_split() {
        let mut f = Field::default();
        f.push(b"a b", Kind::Quoted);
        f.push(b" c", Kind::Expanded);
        let out: Vec<_> = split_field(f, b" ").into_iter().map(|f| f.bytes).collect();
        assert_eq!(out, vec![b"a b".to_vec(), b"c".to_vec()]);
    }
}
