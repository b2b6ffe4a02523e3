//! POSIX extended regular expressions through the C library's `regcomp`
//! and `regexec`: exactly the leftmost-longest semantics bash's `=~` has.

use std::ffi::CString;

/// A compiled ERE.
pub struct Regex {
    compiled: Box<libc::regex_t>,
    /// Number of parenthesised groups (the libc crate hides `re_nsub`).
    groups: usize,
}

impl Regex {
    /// Compiles `pattern`; `None` if it is not a valid ERE (or holds NUL).
    pub fn new(pattern: &[u8], nocase: bool) -> Option<Regex> {
        let c = CString::new(pattern).ok()?;
        // SAFETY: regex_t is plain data that regcomp initialises; we only
        // use it after regcomp reports success.
        let mut compiled: Box<libc::regex_t> = Box::new(unsafe { std::mem::zeroed() });
        let mut flags = libc::REG_EXTENDED;
        if nocase {
            flags |= libc::REG_ICASE;
        }
        // SAFETY: compiled points to writable memory for a regex_t and c
        // is a NUL-terminated string that outlives the call.
        let rc = unsafe { libc::regcomp(&mut *compiled, c.as_ptr(), flags) };
        (rc == 0).then(|| Regex {
            compiled,
            groups: count_groups(pattern),
        })
    }

    /// Matches `text`; on success the whole match and each group (empty
    /// for groups that did not participate).
    pub fn captures(&self, text: &[u8]) -> Option<Vec<Vec<u8>>> {
        let c = CString::new(text).ok()?;
        let groups = self.groups + 1;
        let mut matches = vec![
            libc::regmatch_t {
                rm_so: -1,
                rm_eo: -1
            };
            groups
        ];
        // SAFETY: the regex was compiled by regcomp; matches has room for
        // `groups` entries and c is NUL-terminated.
        let rc =
            unsafe { libc::regexec(&*self.compiled, c.as_ptr(), groups, matches.as_mut_ptr(), 0) };
        if rc != 0 {
            return None;
        }

        Some(
            matches
                .iter()
                .map(|m| {
                    if m.rm_so < 0 {
                        Vec::new()
                    } else {
                        text[m.rm_so as usize..m.rm_eo as usize].to_vec()
                    }
                })
                .collect(),
        )
    }
}

/// Counts the capturing groups of an ERE: `(` outside bracket
/// expressions and not escaped.
fn count_groups(pattern: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < pattern.len() {
        match pattern[i] {
            b'\\' => i += 1,
            b'(' => count += 1,
            b'[' => i = bracket_end(pattern, i),
            _ => {}
        }
        i += 1;
    }
    count
}

/// The index of the `]` closing the bracket expression at `open`.
fn bracket_end(pattern: &[u8], open: usize) -> usize {
    let mut j = open + 1;
    if pattern.get(j) == Some(&b'^') {
        j += 1;
    }
    if pattern.get(j) == Some(&b']') {
        j += 1;
    }
    while j < pattern.len() && pattern[j] != b']' {
        if pattern[j] == b'[' && matches!(pattern.get(j + 1), Some(b':' | b'.' | b'=')) {
            let kind = pattern[j + 1];
            let close = pattern[j + 2..]
                .windows(2)
                .position(|w| w[0] == kind && w[1] == b']');
            j = close.map_or(pattern.len(), |c| j + 2 + c + 2);
            continue;
        }
        j += 1;
    }
    j
}

impl Drop for Regex {
    fn drop(&mut self) {
        // SAFETY: compiled holds a regex that regcomp initialised.
        unsafe { libc::regfree(&mut *self.compiled) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captures_groups_leftmost_longest() {
        let re = Regex::new(b"^(a|ab)(c|bcd)$", false).unwrap();
        let caps = re.captures(b"abcd").unwrap();
        assert_eq!(caps[0], b"abcd");
        assert!(Regex::new(b"(", false).is_none());
        assert!(Regex::new(b"x", false).unwrap().captures(b"y").is_none());
    }
}
