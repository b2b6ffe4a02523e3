//! A minimal unsigned big integer, just enough for exact decimal <-> binary
//! conversion of x87 80-bit `long double` values (bash's printf uses
//! `strtold` and `%Lf`), so results match glibc digit for digit.
//!
//! Sizes stay bounded: the largest numbers are about 2^16384 * 10^12000
//! (callers cap digit counts and exponents), a few thousand limbs.

use std::cmp::Ordering;

/// Little-endian base-2^32 limbs, no high zero limbs (zero = empty).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Big {
    limbs: Vec<u32>,
}

impl Big {
    pub(super) fn from_u64(v: u64) -> Big {
        let mut b = Big {
            limbs: vec![v as u32, (v >> 32) as u32],
        };
        b.trim();
        b
    }

    pub(super) fn from_u128(v: u128) -> Big {
        let limbs = (0..4).map(|k| (v >> (32 * k)) as u32).collect();
        let mut b = Big { limbs };
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
    }

    pub(super) fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// self = self * m + a
    pub(super) fn mul_add_small(&mut self, m: u32, a: u32) {
        let mut carry = a as u64;
        for limb in &mut self.limbs {
            let v = (*limb as u64) * (m as u64) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
        self.trim();
    }

    /// self *= 5^k
    pub(super) fn mul_pow5(&mut self, mut k: u64) {
        const P13: u32 = 1_220_703_125; // 5^13, the largest power of 5 in u32
        while k >= 13 {
            self.mul_add_small(P13, 0);
            k -= 13;
        }
        self.mul_add_small(5u32.pow(k as u32), 0);
    }

    /// self *= 10^k
    pub(super) fn mul_pow10(&mut self, k: u64) {
        self.mul_pow5(k);
        self.shl(k as usize);
    }

    pub(super) fn shl(&mut self, bits: usize) {
        if self.is_zero() {
            return;
        }
        let (words, bits) = (bits / 32, bits % 32);
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.limbs {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        self.limbs.splice(0..0, std::iter::repeat_n(0, words));
    }

    /// self >>= 1
    pub(super) fn shr1(&mut self) {
        let mut carry = 0u32;
        for limb in self.limbs.iter_mut().rev() {
            let v = *limb;
            *limb = (v >> 1) | carry;
            carry = v << 31;
        }
        self.trim();
    }

    pub(super) fn bit_len(&self) -> u64 {
        match self.limbs.last() {
            None => 0,
            Some(&top) => self.limbs.len() as u64 * 32 - top.leading_zeros() as u64,
        }
    }

    pub(super) fn bit(&self, i: u64) -> bool {
        let word = (i / 32) as usize;
        self.limbs
            .get(word)
            .is_some_and(|w| (w >> (i % 32)) & 1 == 1)
    }

    /// Whether any of the bits below `i` is set.
    pub(super) fn any_below(&self, i: u64) -> bool {
        let word = (i / 32) as usize;
        if self
            .limbs
            .iter()
            .take(word.min(self.limbs.len()))
            .any(|&w| w != 0)
        {
            return true;
        }
        let mask = (1u64 << (i % 32)) - 1;
        self.limbs
            .get(word)
            .is_some_and(|&w| (w as u64) & mask != 0)
    }

    /// Bits `[lo, lo + 64)` as a u64.
    pub(super) fn bits_from(&self, lo: u64) -> u64 {
        (0..64).fold(0u64, |acc, k| acc | ((self.bit(lo + k) as u64) << k))
    }

    /// self -= other; requires self >= other.
    pub(super) fn sub_assign(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.limbs.iter_mut().enumerate() {
            let o = other.limbs.get(i).copied().unwrap_or(0) as i64;
            let mut v = *limb as i64 - o - borrow;
            borrow = 0;
            if v < 0 {
                v += 1 << 32;
                borrow = 1;
            }
            *limb = v as u32;
        }
        self.trim();
    }

    /// Quotient (which must fit in u128) and whether the remainder is
    /// non-zero, by restoring binary long division.
    pub(super) fn div_small_quotient(&self, divisor: &Big) -> (u128, bool) {
        let mut rem = self.clone();
        let qbits = self.bit_len().saturating_sub(divisor.bit_len()) + 1;
        debug_assert!(qbits <= 128);
        let mut d = divisor.clone();
        d.shl((qbits - 1) as usize);
        let mut q: u128 = 0;
        for i in (0..qbits.min(128)).rev() {
            if rem.cmp(&d) != Ordering::Less {
                rem.sub_assign(&d);
                q |= 1 << i;
            }
            d.shr1();
        }
        (q, !rem.is_zero())
    }

    /// Decimal digits (ASCII), empty for zero.
    pub(super) fn to_decimal(&self) -> Vec<u8> {
        const CHUNK: u64 = 1_000_000_000;
        let mut limbs = self.limbs.clone();
        let mut chunks = Vec::new();
        while !limbs.is_empty() {
            let mut rem = 0u64;
            for limb in limbs.iter_mut().rev() {
                let v = (rem << 32) | *limb as u64;
                *limb = (v / CHUNK) as u32;
                rem = v % CHUNK;
            }
            while limbs.last() == Some(&0) {
                limbs.pop();
            }
            chunks.push(rem as u32);
        }
        let mut out = Vec::with_capacity(chunks.len() * 9);
        for (i, c) in chunks.iter().rev().enumerate() {
            let s = if i == 0 {
                c.to_string()
            } else {
                format!("{c:09}")
            };
            out.extend_from_slice(s.as_bytes());
        }
        out
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.limbs
            .len()
            .cmp(&other.limbs.len())
            .then_with(|| self.limbs.iter().rev().cmp(other.limbs.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_round_trip() {
        let mut b = Big::from_u64(0);
        for d in b"123456789012345678901234567890" {
            b.mul_add_small(10, (d - b'0') as u32);
        }
        assert_eq!(b.to_decimal(), b"123456789012345678901234567890");
        assert_eq!(Big::from_u64(0).to_decimal(), b"");
        assert_eq!(Big::from_u64(1_000_000_000).to_decimal(), b"1000000000");
    }

    #[test]
    fn powers_and_shifts() {
        let mut b = Big::from_u64(3);
        b.mul_pow10(20);
        assert_eq!(b.to_decimal(), b"300000000000000000000");
        let mut c = Big::from_u64(1);
        c.shl(100);
        assert_eq!(c.bit_len(), 101);
        assert!(c.bit(100) && !c.bit(99) && !c.any_below(100));
        c.shr1();
        assert_eq!(c.bit_len(), 100);
    }

    #[test]
    fn division() {
        let mut n = Big::from_u64(1);
        n.shl(100);
        let mut d = Big::from_u64(1);
        d.mul_pow10(10);
        let (q, inexact) = n.div_small_quotient(&d);
        assert_eq!(q, (1u128 << 100) / 10_000_000_000);
        assert!(inexact);
        let (q, inexact) = Big::from_u64(100).div_small_quotient(&Big::from_u64(25));
        assert_eq!((q, inexact), (4, false));
    }
}
