//! Variable attribute flags (`declare -aAilnrtux`): a small hand-rolled bit set
//! ([`Attributes`]) with conversions to and from `declare` option letters.

use std::ops::{BitAnd, BitOr, BitOrAssign, Not};

/// A set of variable attributes. Combine with `|`, test with [`Attributes::contains`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Attributes(u16);

impl Attributes {
    pub const NONE: Self = Self(0);
    /// `-x`: passed to children in the environment.
    pub const EXPORT: Self = Self(1);
    /// `-r`: assignment and unset fail.
    pub const READONLY: Self = Self(1 << 1);
    /// `-i`: the executor evaluates assigned values arithmetically.
    pub const INTEGER: Self = Self(1 << 2);
    /// `-l`: assigned values are lowercased.
    pub const LOWERCASE: Self = Self(1 << 3);
    /// `-u`: assigned values are uppercased.
    pub const UPPERCASE: Self = Self(1 << 4);
    /// `-n`: the value names another variable.
    pub const NAMEREF: Self = Self(1 << 5);
    /// `-a`: indexed array.
    pub const INDEXED: Self = Self(1 << 6);
    /// `-A`: associative array.
    pub const ASSOC: Self = Self(1 << 7);
    /// `-t`: trace (only meaningful for functions; kept for `declare -p`).
    pub const TRACE: Self = Self(1 << 8);

    /// Order in which bash prints the flag letters (`declare -airtx`).
    const PRINT_ORDER: [(u8, Attributes); 9] = [
        (b'a', Self::INDEXED),
        (b'A', Self::ASSOC),
        (b'i', Self::INTEGER),
        (b'n', Self::NAMEREF),
        (b'r', Self::READONLY),
        (b't', Self::TRACE),
        (b'x', Self::EXPORT),
        (b'l', Self::LOWERCASE),
        (b'u', Self::UPPERCASE),
    ];

    pub const fn empty() -> Self {
        Self::NONE
    }
    pub const fn bits(self) -> u16 {
        self.0
    }
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// True if every flag of `other` is set in `self`.
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }
    /// True if any flag of `other` is set in `self`.
    pub const fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }
    pub fn insert(&mut self, other: Self) {
        self.0 |= other.0;
    }
    pub fn remove(&mut self, other: Self) {
        self.0 &= !other.0;
    }
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
    pub const fn difference(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// The attribute selected by a `declare` option letter (`x`, `r`, `a`, ...).
    pub fn from_option_char(c: u8) -> Option<Self> {
        Self::PRINT_ORDER
            .iter()
            .find(|(ch, _)| *ch == c)
            .map(|(_, a)| *a)
    }

    /// The option letters of the set flags, in bash's `declare -p` order (`"airtx"`).
    pub fn flag_string(self) -> Vec<u8> {
        Self::PRINT_ORDER
            .iter()
            .filter(|(_, a)| self.contains(*a))
            .map(|(c, _)| *c)
            .collect()
    }
}

impl BitOr for Attributes {
    type Output = Self;
    fn bitor(self, rhs: Self) -> Self {
        Self(self.0 | rhs.0)
    }
}

impl BitOrAssign for Attributes {
    fn bitor_assign(&mut self, rhs: Self) {
        self.0 |= rhs.0;
    }
}

impl BitAnd for Attributes {
    type Output = Self;
    fn bitand(self, rhs: Self) -> Self {
        Self(self.0 & rhs.0)
    }
}

impl Not for Attributes {
    type Output = Self;
    fn not(self) -> Self {
        Self(!self.0 & 0x1ff)
    }
}

impl std::fmt::Debug for Attributes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Attributes(-{})",
            String::from_utf8_lossy(&self.flag_string())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_string_uses_bash_order() {
        let a = Attributes::EXPORT
            | Attributes::READONLY
            | Attributes::INDEXED
            | Attributes::INTEGER
            | Attributes::TRACE;
        assert_eq!(a.flag_string(), b"airtx");
        let b = Attributes::LOWERCASE | Attributes::EXPORT | Attributes::READONLY;
        assert_eq!(b.flag_string(), b"rxl");
        assert_eq!(
            (Attributes::ASSOC | Attributes::UPPERCASE).flag_string(),
            b"Au"
        );
        assert!(Attributes::NONE.flag_string().is_empty());
    }

    #[test]
    fn option_chars_round_trip() {
        for c in b"aAinrtxlu" {
            let a = Attributes::from_option_char(*c).unwrap();
            assert_eq!(a.flag_string(), vec![*c]);
        }
        assert_eq!(Attributes::from_option_char(b'q'), None);
        assert_eq!(Attributes::from_option_char(b'f'), None);
    }

    #[test]
    fn set_operations() {
        let mut a = Attributes::EXPORT | Attributes::INTEGER;
        assert!(a.contains(Attributes::EXPORT));
        assert!(!a.contains(Attributes::EXPORT | Attributes::READONLY));
        assert!(a.intersects(Attributes::EXPORT | Attributes::READONLY));
        a.remove(Attributes::EXPORT);
        assert_eq!(a, Attributes::INTEGER);
        a.insert(Attributes::NAMEREF);
        assert_eq!(a.difference(Attributes::INTEGER), Attributes::NAMEREF);
        assert_eq!(a & !Attributes::NAMEREF, Attributes::INTEGER);
        assert!(Attributes::empty().is_empty());
        assert_eq!(format!("{:?}", a), "Attributes(-in)");
    }
}
