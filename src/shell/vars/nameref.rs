//! Nameref (`declare -n`) resolution: following a chain of references to the
//! final variable name or `name[subscript]` element, with bash's loop limit.

use super::value::{parse_int, split_subscript};
use super::{is_valid_name, Subscript, Value, VarError, Variables};

/// bash's NAMEREF_MAX: longer chains are reported as circular.
pub(crate) const NAMEREF_MAX: usize = 8;

/// Where a name ends up after following namerefs.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target<'a> {
    Name(&'a [u8]),
    /// A nameref whose value is `base[sub]`; `sub` is unevaluated text.
    Element(&'a [u8], &'a [u8]),
}

/// [`Target`] detached from the store, for use across mutations.
#[derive(Debug)]
pub(crate) enum OwnedTarget {
    Name(Vec<u8>),
    Element(Vec<u8>, Vec<u8>),
}

/// A valid nameref value: `name` or `name[sub]`.
pub(crate) fn valid_ref_target(t: &[u8]) -> bool {
    is_valid_name(t) || split_subscript(t).is_some_and(|(b, _)| is_valid_name(b))
}

/// `@` and `*` subscripts select every element.
pub(crate) fn is_all_subscript(sub: &[u8]) -> bool {
    sub == b"@" || sub == b"*"
}

impl Variables {
    /// Follow namerefs from `name`. A name that is not a live nameref resolves
    /// to itself without allocating.
    pub(crate) fn resolve<'a>(&'a self, name: &'a [u8]) -> Result<Target<'a>, VarError> {
        let mut cur = name;
        for _ in 0..NAMEREF_MAX {
            let target = match self.lookup(cur) {
                Some((_, var)) if var.is_live_ref() => match &var.value {
                    Some(Value::Str(t)) => t.as_slice(),
                    _ => return Ok(Target::Name(cur)),
                },
                _ => return Ok(Target::Name(cur)),
            };
            if let Some((base, sub)) = split_subscript(target) {
                return Ok(Target::Element(base, sub));
            }
            cur = target;
        }
        Err(VarError::CircularRef(name.to_vec()))
    }

    /// `Some(target)` if `name` is a live nameref (the caller must operate on
    /// the target instead); `None` to operate on `name` itself.
    pub(crate) fn deref_for_write(&self, name: &[u8]) -> Result<Option<OwnedTarget>, VarError> {
        match self.lookup(name) {
            Some((_, var)) if var.is_live_ref() => {}
            _ => return Ok(None),
        }
        Ok(Some(match self.resolve(name)? {
            Target::Name(n) => OwnedTarget::Name(n.to_vec()),
            Target::Element(b, s) => OwnedTarget::Element(b.to_vec(), s.to_vec()),
        }))
    }

    /// Public view of nameref resolution: `Ok(None)` if `name` is not a nameref
    /// with a value; otherwise the final variable name and, for a `name[sub]`
    /// target, the unevaluated subscript text.
    #[allow(clippy::type_complexity)]
    pub fn resolve_nameref(
        &self,
        name: &[u8],
    ) -> Result<Option<(Vec<u8>, Option<Vec<u8>>)>, VarError> {
        Ok(self.deref_for_write(name)?.map(|t| match t {
            OwnedTarget::Name(n) => (n, None),
            OwnedTarget::Element(b, s) => (b, Some(s)),
        }))
    }

    /// The raw value of a nameref (what `${!ref}` expands to), if `name` is one.
    pub fn nameref_target(&self, name: &[u8]) -> Option<&[u8]> {
        match self.lookup(name)? {
            (_, v) if v.is_live_ref() => match &v.value {
                Some(Value::Str(t)) => Some(t),
                _ => None,
            },
            _ => None,
        }
    }

    /// Evaluate the textual subscript of a nameref target. The store does no
    /// arithmetic: integers and (one level of) variable names holding integers
    /// are understood; the executor expands real expressions before `declare -n`.
    pub(crate) fn text_subscript<'s>(&self, base: &[u8], sub: &'s [u8]) -> Option<Subscript<'s>> {
        let assoc = self.lookup(base).is_some_and(|(_, v)| {
            matches!(v.value, Some(Value::Assoc(_))) || v.attrs.contains(super::Attributes::ASSOC)
        });
        if assoc {
            return Some(Subscript::Key(sub));
        }
        if let Some(n) = parse_int(sub) {
            return Some(Subscript::Index(n));
        }
        let name = sub.trim_ascii();
        if !is_valid_name(name) {
            return None;
        }
        match self.lookup(name) {
            Some((_, v)) => match &v.value {
                Some(Value::Str(s)) if s.trim_ascii().is_empty() => Some(Subscript::Index(0)),
                Some(Value::Str(s)) => parse_int(s).map(Subscript::Index),
                None => Some(Subscript::Index(0)),
                _ => None,
            },
            None => Some(Subscript::Index(0)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::vars::{Attributes, DeclScope};

    fn nameref(v: &mut Variables, name: &[u8], target: &[u8]) {
        v.declare_set(
            name,
            DeclScope::Current,
            Attributes::NAMEREF,
            Attributes::NONE,
            target.to_vec(),
        )
        .unwrap();
    }

    #[test]
    fn resolves_chains_and_elements() {
        let mut v = Variables::new();
        nameref(&mut v, b"a", b"b");
        nameref(&mut v, b"b", b"c");
        assert_eq!(v.resolve(b"a").unwrap(), Target::Name(b"c"));
        assert_eq!(v.resolve(b"x").unwrap(), Target::Name(b"x"));
        nameref(&mut v, b"e", b"arr[3]");
        assert_eq!(v.resolve(b"e").unwrap(), Target::Element(b"arr", b"3"));
        assert_eq!(v.nameref_target(b"a"), Some(&b"b"[..]));
        assert_eq!(v.nameref_target(b"c"), None);
        assert_eq!(
            v.resolve_nameref(b"e").unwrap(),
            Some((b"arr".to_vec(), Some(b"3".to_vec())))
        );
        assert_eq!(v.resolve_nameref(b"zz").unwrap(), None);
    }

    #[test]
    fn loops_hit_the_limit() {
        let mut v = Variables::new();
        nameref(&mut v, b"a", b"b");
        nameref(&mut v, b"b", b"a");
        assert_eq!(v.resolve(b"a"), Err(VarError::CircularRef(b"a".to_vec())));
        // A straight chain longer than the limit is also "circular", like bash.
        let names: Vec<Vec<u8>> = (0..10).map(|i| format!("n{i}").into_bytes()).collect();
        for w in names.windows(2) {
            nameref(&mut v, &w[0], &w[1]);
        }
        assert!(matches!(v.resolve(b"n0"), Err(VarError::CircularRef(_))));
        assert_eq!(v.resolve(b"n5").unwrap(), Target::Name(b"n9"));
    }

    #[test]
    fn text_subscripts() {
        let mut v = Variables::new();
        v.set(b"i", b"2".to_vec()).unwrap();
        v.set(b"s", b"abc".to_vec()).unwrap();
        assert_eq!(v.text_subscript(b"a", b" 4 "), Some(Subscript::Index(4)));
        assert_eq!(v.text_subscript(b"a", b"i"), Some(Subscript::Index(2)));
        assert_eq!(
            v.text_subscript(b"a", b"unset_thing"),
            Some(Subscript::Index(0))
        );
        assert_eq!(v.text_subscript(b"a", b"s"), None);
        assert_eq!(v.text_subscript(b"a", b"i+1"), None);
        v.declare(
            b"m",
            DeclScope::Current,
            Attributes::ASSOC,
            Attributes::NONE,
        )
        .unwrap();
        assert_eq!(v.text_subscript(b"m", b"i+1"), Some(Subscript::Key(b"i+1")));
        assert!(valid_ref_target(b"a[x y]"));
        assert!(!valid_ref_target(b"1a"));
        assert!(!valid_ref_target(b"[1]"));
    }
}
