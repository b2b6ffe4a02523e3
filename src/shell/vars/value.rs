//! Variable values ([`Value`]: scalar, sparse indexed array, insertion-ordered
//! associative array via [`AssocMap`]) and the fast hasher the store's maps use.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// The value of a set variable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Str(Vec<u8>),
    /// Sparse: only assigned indices are present. Keys are never negative.
    Indexed(BTreeMap<i64, Vec<u8>>),
    Assoc(AssocMap),
}

/// FxHash-style hasher (as in rustc-hash 2): variable names are short and not attacker-chosen
/// in a way that matters to a shell, so a fast non-DoS-resistant hash is right.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = self.hash.wrapping_add(word).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(buf));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        // A multiplicative hash keeps its entropy in the high bits, but the
        // table indexes buckets by the low bits: rotate them down (as
        // rustc-hash 2 does), or names differing only in later bytes collide.
        self.hash.rotate_left(26)
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Associative array. It remembers insertion order and iterates in bash's
/// hash order (see [`AssocMap::iter`]). Overwriting a key keeps its
/// position; removing and re-adding makes it the newest.
#[derive(Clone, Default)]
pub struct AssocMap {
    /// Slots in insertion order; `None` marks a removed entry.
    entries: Vec<Option<(Vec<u8>, Vec<u8>)>>,
    index: FxMap<Vec<u8>, usize>,
}

impl AssocMap {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn len(&self) -> usize {
        self.index.len()
    }
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
    pub fn get(&self, key: &[u8]) -> Option<&Vec<u8>> {
        let slot = *self.index.get(key)?;
        self.entries.get(slot)?.as_ref().map(|(_, v)| v)
    }
    pub fn get_mut(&mut self, key: &[u8]) -> Option<&mut Vec<u8>> {
        let slot = *self.index.get(key)?;
        self.entries.get_mut(slot)?.as_mut().map(|(_, v)| v)
    }
    /// Insert or overwrite; returns the previous value.
    pub fn insert(&mut self, key: Vec<u8>, value: Vec<u8>) -> Option<Vec<u8>> {
        if let Some(old) = self.get_mut(&key) {
            return Some(std::mem::replace(old, value));
        }
        self.index.insert(key.clone(), self.entries.len());
        self.entries.push(Some((key, value)));
        None
    }
    pub fn remove(&mut self, key: &[u8]) -> Option<Vec<u8>> {
        let slot = self.index.remove(key)?;
        let (_, v) = self.entries.get_mut(slot)?.take()?;
        // Compact once tombstones dominate so iteration stays proportional to len.
        if self.entries.len() > 16 && self.entries.len() > 2 * self.index.len() {
            self.compact();
        }
        Some(v)
    }
    fn compact(&mut self) {
        self.entries.retain(Option::is_some);
        for (i, (k, _)) in self.entries.iter().flatten().enumerate() {
            if let Some(slot) = self.index.get_mut(k.as_slice()) {
                *slot = i;
            }
        }
    }
    /// `(key, value)` pairs in bash's order: bash keeps associative arrays
    /// in a 1024-bucket hash table (FNV-1 hash of the key), walks the buckets
    /// in order, and within a bucket lists the most recently added key
    /// first. Scripts that print `${!a[@]}` see the same order as in bash.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &[u8])> {
        let mut order: Vec<(usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(slot, e)| e.as_ref().map(|(k, _)| (bash_bucket(k), slot)))
            .collect();
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        order.into_iter().filter_map(move |(_, slot)| {
            self.entries[slot]
                .as_ref()
                .map(|(k, v)| (k.as_slice(), v.as_slice()))
        })
    }
    pub fn keys(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(k, _)| k)
    }
    pub fn values(&self) -> impl Iterator<Item = &[u8]> {
        self.iter().map(|(_, v)| v)
    }
}

impl PartialEq for AssocMap {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}
impl Eq for AssocMap {}

impl std::fmt::Debug for AssocMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.iter()
                    .map(|(k, v)| (String::from_utf8_lossy(k), String::from_utf8_lossy(v))),
            )
            .finish()
    }
}

/// Parse a decimal integer subscript written as text (optional blanks and
/// sign). The store does no arithmetic; the executor evaluates real expressions.
pub(crate) fn parse_int(text: &[u8]) -> Option<i64> {
    let t = text.trim_ascii();
    let (neg, digits) = match t.first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n: i64 = 0;
    for d in digits {
        n = n.wrapping_mul(10).wrapping_add(i64::from(d - b'0'));
    }
    Some(if neg { n.wrapping_neg() } else { n })
}

/// Split `name[sub]` into `(name, sub)`; `None` if not of that shape.
pub(crate) fn split_subscript(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let open = text.iter().position(|&c| c == b'[')?;
    if open == 0 || text.last() != Some(&b']') {
        return None;
    }
    Some((&text[..open], &text[open + 1..text.len() - 1]))
}

/// Turn a possibly negative index into a real one: negative counts back from
/// one past the highest assigned index, like bash.
pub(crate) fn real_index(map: &BTreeMap<i64, Vec<u8>>, idx: i64) -> Option<i64> {
    if idx >= 0 {
        return Some(idx);
    }
    let end = map.keys().next_back().map_or(0, |k| k.wrapping_add(1));
    let real = end.checked_add(idx)?;
    (real >= 0).then_some(real)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assoc_iterates_like_bash() {
        // Expected orders are bash 5.2's for the same operations.
        let mut m = AssocMap::new();
        m.insert(b"z".to_vec(), b"1".to_vec());
        m.insert(b"a".to_vec(), b"2".to_vec());
        m.insert(b"m".to_vec(), b"3".to_vec());
        assert_eq!(m.keys().collect::<Vec<_>>(), [b"z", b"m", b"a"]);
        assert_eq!(m.insert(b"z".to_vec(), b"9".to_vec()), Some(b"1".to_vec()));
        assert_eq!(m.keys().collect::<Vec<_>>(), [b"z", b"m", b"a"]);
        assert_eq!(m.remove(b"a"), Some(b"2".to_vec()));
        m.insert(b"a".to_vec(), b"5".to_vec());
        assert_eq!(m.keys().collect::<Vec<_>>(), [b"z", b"m", b"a"]);
        assert_eq!(m.values().collect::<Vec<_>>(), [b"9", b"3", b"5"]);
        assert_eq!(m.len(), 3);
        assert_eq!(m.remove(b"nope"), None);
    }

    #[test]
    fn assoc_compacts_after_many_removals() {
        let mut m = AssocMap::new();
        for i in 0..100u32 {
            m.insert(i.to_string().into_bytes(), vec![b'v']);
        }
        for i in 0..95u32 {
            assert!(m.remove(i.to_string().as_bytes()).is_some());
        }
        assert!(m.entries.len() < 40);
        let keys: Vec<_> = m.keys().map(<[u8]>::to_vec).collect();
        assert_eq!(keys, [b"96", b"97", b"95", b"98", b"99"]);
        assert_eq!(m.get(b"97"), Some(&b"v".to_vec()));
        assert!(m.get(b"3").is_none());
    }

    #[test]
    fn assoc_equality_compares_contents() {
        let mut a = AssocMap::new();
        a.insert(b"x".to_vec(), b"1".to_vec());
        a.insert(b"y".to_vec(), b"2".to_vec());
        let mut b = AssocMap::new();
        b.insert(b"y".to_vec(), b"2".to_vec());
        b.insert(b"x".to_vec(), b"1".to_vec());
        assert_eq!(a, b);
        assert_eq!(a, a.clone());
    }

    #[test]
    fn parse_int_accepts_decimal_only() {
        assert_eq!(parse_int(b"12"), Some(12));
        assert_eq!(parse_int(b" -3 "), Some(-3));
        assert_eq!(parse_int(b"+4"), Some(4));
        assert_eq!(parse_int(b""), None);
        assert_eq!(parse_int(b"-"), None);
        assert_eq!(parse_int(b"1+1"), None);
        assert_eq!(
            parse_int(b"99999999999999999999999"),
            parse_int(b"99999999999999999999999")
        );
    }

    #[test]
    fn split_subscript_shapes() {
        assert_eq!(split_subscript(b"a[3]"), Some((&b"a"[..], &b"3"[..])));
        assert_eq!(split_subscript(b"m[a b]"), Some((&b"m"[..], &b"a b"[..])));
        assert_eq!(split_subscript(b"a"), None);
        assert_eq!(split_subscript(b"[3]"), None);
        assert_eq!(split_subscript(b"a[3"), None);
    }

    #[test]
    fn negative_indices_count_from_end() {
        let mut m = BTreeMap::new();
        m.insert(0, b"a".to_vec());
        m.insert(5, b"b".to_vec());
        assert_eq!(real_index(&m, -1), Some(5));
        assert_eq!(real_index(&m, -6), Some(0));
        assert_eq!(real_index(&m, -7), None);
        assert_eq!(real_index(&m, 3), Some(3));
        assert_eq!(real_index(&BTreeMap::new(), -1), None);
        assert_eq!(real_index(&m, i64::MIN), None);
    }

    #[test]
    fn fx_hash_spreads_low_bits() {
        use std::hash::BuildHasher;
        let b = BuildHasherDefault::<FxHasher>::default();
        let buckets: std::collections::HashSet<u64> = (0..100)
            .map(|i| b.hash_one(format!("var{i}").as_bytes()) & 127)
            .collect();
        assert!(
            buckets.len() > 40,
            "only {} distinct buckets",
            buckets.len()
        );
    }

    #[test]
    fn fx_hash_distinguishes_padding() {
        use std::hash::BuildHasher;
        let b = BuildHasherDefault::<FxHasher>::default();
        assert_ne!(b.hash_one(&b"ab"[..]), b.hash_one(&b"ab\0"[..]));
        assert_eq!(b.hash_one(b"abc".to_vec()), b.hash_one(&b"abc"[..]));
    }
}

/// The bucket bash's `hash_string` (32-bit FNV-1) picks for a key in an
/// associative array's 1024-bucket table.
fn bash_bucket(key: &[u8]) -> usize {
    let mut h: u32 = 2166136261;
    for &b in key {
        h = h.wrapping_mul(16777619);
        h ^= u32::from(b);
    }
    (h & 1023) as usize
}

#[cfg(test)]
mod bash_order_tests {
    use super::AssocMap;

    #[test]
    fn iterates_in_bash_hash_order() {
        // Order printed by bash 5.2 for these insertions.
        let mut m = AssocMap::new();
        for k in [
            "a",
            "b",
            "c",
            "d",
            "e",
            "apple",
            "banana",
            "x1",
            "x2",
            "zz",
            "hello world",
            "10",
            "2",
        ] {
            m.insert(k.as_bytes().to_vec(), b"1".to_vec());
        }
        let keys: Vec<String> = m
            .keys()
            .map(|k| String::from_utf8_lossy(k).into_owned())
            .collect();
        assert_eq!(
            keys.join(" "),
            "x1 x2 2 hello world e d c b a zz apple 10 banana"
        );
    }
}
