//! POSIX extended regular expressions through the C library's `regcomp`
//! and `regexec`: exactly the leftmost-longest semantics bash's `=~` has.

use std::ffi::CString;

/// A compiled ERE.
pub struct Regex {
    compiled: Box<libc::regex_t>,
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
        (rc == 0).then_some(Regex { compiled })
    }

    /// Matches `text`; on success the whole match and each group (empty
    /// for groups that did not participate).
    pub fn captures(&self, text: &[u8]) -> Option<Vec<Vec<u8>>> {
        let c = CString::new(text).ok()?;
        // regex_t's group count is not exposed by the libc crate; bash
        // itself caps BASH_REMATCH at the groups that exist, so ask for a
        // generous number and trim the unused tail.
        let groups = 64;
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
        let used = matches
            .iter()
            .rposition(|m| m.rm_so >= 0)
            .map_or(1, |i| i + 1);
        Some(
            matches[..used]
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
