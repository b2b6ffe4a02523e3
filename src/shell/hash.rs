//! The command hash table (`hash`): command name → the path a PATH search
//! found, with bash's hit counts. Entry point: [`HashTable`].
//!
//! bash forgets every remembered path when PATH is assigned; whelk has no
//! assignment hook, so the table remembers the PATH it was filled under and
//! empties itself when it sees a different one ([`HashTable::sync`]).
//! Listings come out in the order bash's own table walks them (256 buckets
//! chosen by an FNV-1 hash of the name, newest entry first within a bucket),
//! so `hash` output matches bash byte for byte.

use std::collections::HashMap;

/// bash's `FILENAME_HASH_BUCKETS`.
const BUCKETS: u32 = 256;

/// One remembered command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    pub path: Vec<u8>,
    /// Times the entry was used since it was added (`hash` "hits").
    pub hits: u32,
    /// Insertion order, for the listing order.
    seq: u64,
}

#[derive(Debug, Clone, Default)]
pub struct HashTable {
    entries: HashMap<Vec<u8>, Hashed>,
    /// The PATH value the entries were found under.
    path_var: Option<Vec<u8>>,
    next_seq: u64,
}

/// bash's `hash_string`: 32-bit FNV-1.
fn fnv1(name: &[u8]) -> u32 {
    name.iter().fold(2_166_136_261u32, |h, &b| {
        h.wrapping_mul(16_777_619) ^ u32::from(b)
    })
}

impl HashTable {
    /// Empties the table when PATH changed since it was filled.
    pub fn sync(&mut self, path_var: &[u8]) {
        if self.path_var.as_deref() != Some(path_var) {
            if !self.entries.is_empty() {
                self.entries.clear();
            }
            self.path_var = Some(path_var.to_vec());
        }
    }

    /// The path remembered for `name`, counting a hit (bash counts every
    /// lookup: running the command, `type`, `command -v`, `hash -t`).
    pub fn lookup(&mut self, name: &[u8]) -> Option<Vec<u8>> {
        let entry = self.entries.get_mut(name)?;
        entry.hits = entry.hits.saturating_add(1);
        Some(entry.path.clone())
    }

    /// The entry for `name` without counting a hit.
    pub fn get(&self, name: &[u8]) -> Option<&Hashed> {
        self.entries.get(name)
    }

    /// Remembers `path` for `name` with `hits` hits. An existing entry keeps
    /// its place in the listing, as in bash.
    pub fn insert(&mut self, name: &[u8], path: Vec<u8>, hits: u32) {
        if let Some(e) = self.entries.get_mut(name) {
            e.path = path;
            e.hits = hits;
            return;
        }
        self.next_seq += 1;
        let seq = self.next_seq;
        self.entries
            .insert(name.to_vec(), Hashed { path, hits, seq });
    }

    /// Forgets `name`; false if it was not remembered.
    pub fn remove(&mut self, name: &[u8]) -> bool {
        self.entries.remove(name).is_some()
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Every entry in bash's listing order.
    pub fn in_bash_order(&self) -> Vec<(&[u8], &Hashed)> {
        let mut v: Vec<(&[u8], &Hashed)> = self
            .entries
            .iter()
            .map(|(k, e)| (k.as_slice(), e))
            .collect();
        v.sort_by_key(|(k, e)| (fnv1(k) & (BUCKETS - 1), std::cmp::Reverse(e.seq)));
        v
    }
}

/// The order bash's 512-bucket completion table lists names in, given
/// their insertion order (`complete -p`).
pub fn bash_table_order<T>(items: &mut [(Vec<u8>, u64, T)], buckets: u32) {
    items.sort_by_key(|(k, seq, _)| (fnv1(k) & (buckets - 1), std::cmp::Reverse(*seq)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(t: &HashTable) -> Vec<String> {
        t.in_bash_order()
            .iter()
            .map(|(k, _)| String::from_utf8_lossy(k).into_owned())
            .collect()
    }

    #[test]
    fn listing_follows_bash_bucket_order() {
        // Order taken from bash 5.2's `hash` after hashing these in this order.
        let mut t = HashTable::default();
        for n in [
            "ls", "cat", "mv", "cp", "rm", "sed", "awk", "grep", "head", "tail", "sort", "uniq",
            "wc", "tr", "cut", "env", "id",
        ] {
            t.insert(n.as_bytes(), format!("/usr/bin/{n}").into_bytes(), 0);
        }
        assert_eq!(
            names(&t),
            [
                "mv", "tr", "head", "uniq", "grep", "cut", "cp", "env", "tail", "ls", "id", "cat",
                "awk", "sort", "sed", "wc", "rm"
            ]
        );
    }

    #[test]
    fn lookup_counts_hits_and_insert_keeps_place() {
        let mut t = HashTable::default();
        t.insert(b"ls", b"/bin/ls".to_vec(), 1);
        assert_eq!(t.lookup(b"ls"), Some(b"/bin/ls".to_vec()));
        assert_eq!(t.get(b"ls").map(|e| e.hits), Some(2));
        t.insert(b"ls", b"/usr/bin/ls".to_vec(), 0);
        assert_eq!(t.get(b"ls").map(|e| e.hits), Some(0));
        assert!(t.lookup(b"nosuch").is_none());
        assert!(t.remove(b"ls"));
        assert!(!t.remove(b"ls"));
    }

    #[test]
    fn sync_empties_on_path_change_only() {
        let mut t = HashTable::default();
        t.sync(b"/bin");
        t.insert(b"ls", b"/bin/ls".to_vec(), 1);
        t.sync(b"/bin");
        assert_eq!(t.len(), 1);
        t.sync(b"/usr/bin");
        assert!(t.is_empty());
    }

    #[test]
    fn completion_table_order_matches_bash() {
        let mut items: Vec<(Vec<u8>, u64, ())> = [
            "foo",
            "bar",
            "git",
            "mix",
            "all",
            "q",
            "_EmptycmD_",
            "_DefaultCmD_",
            "_InitialWorD_",
        ]
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_bytes().to_vec(), i as u64, ()))
        .collect();
        bash_table_order(&mut items, 512);
        let got: Vec<&[u8]> = items.iter().map(|(k, _, _)| k.as_slice()).collect();
        let want: Vec<&[u8]> = vec![
            b"foo",
            b"bar",
            b"_InitialWorD_",
            b"git",
            b"all",
            b"mix",
            b"_DefaultCmD_",
            b"q",
            b"_EmptycmD_",
        ];
        assert_eq!(got, want);
    }
}
