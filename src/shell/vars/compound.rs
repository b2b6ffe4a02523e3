//! Compound array assignment: `a=(x [5]=y z)`, `a+=(...)`, `declare -A m=(...)`
//! including bash 5.1's key/value-pair form `m=(k1 v1 k2 v2)`.

use std::collections::BTreeMap;

use super::nameref::OwnedTarget;
use super::value::{parse_int, real_index};
use super::write::{case_convert, entry_in, sub_text};
use super::{AssocMap, Attributes, Special, Subscript, Value, VarError, Variables};

/// One element of a compound assignment: optional `[subscript]=` and the value.
pub type ArrayItem<'a> = (Option<Subscript<'a>>, Vec<u8>);

fn build_indexed(
    name: &[u8],
    old: Option<Value>,
    items: Vec<ArrayItem>,
    append: bool,
    attrs: Attributes,
) -> (Value, Option<VarError>) {
    let mut m = match (append, old) {
        (true, Some(Value::Indexed(m))) => m,
        (true, Some(Value::Str(s))) => BTreeMap::from([(0, s)]),
        _ => BTreeMap::new(),
    };
    let mut next = m.keys().next_back().map_or(0, |k| k.saturating_add(1));
    let mut err = None;
    for (sub, mut v) in items {
        let idx = match sub {
            None => Some(next),
            Some(Subscript::Index(i)) => real_index(&m, i),
            Some(Subscript::Key(k)) => parse_int(k).and_then(|i| real_index(&m, i)),
        };
        let Some(idx) = idx else {
            if let Some(s) = sub {
                err.get_or_insert(VarError::BadSubscript(sub_text(name, s)));
            }
            continue;
        };
        case_convert(&mut v, attrs);
        m.insert(idx, v);
        next = idx.saturating_add(1);
    }
    (Value::Indexed(m), err)
}

fn build_assoc(
    name: &[u8],
    old: Option<Value>,
    items: Vec<ArrayItem>,
    append: bool,
    attrs: Attributes,
) -> (Value, Option<VarError>) {
    let mut m = match (append, old) {
        (true, Some(Value::Assoc(m))) => m,
        (true, Some(Value::Str(s))) => {
            let mut m = AssocMap::new();
            m.insert(b"0".to_vec(), s);
            m
        }
        _ => AssocMap::new(),
    };
    let pairs_form = matches!(items.first(), Some((None, _)));
    let mut err = None;
    let entries: Vec<(Vec<u8>, Vec<u8>)> = if pairs_form {
        key_value_pairs(items)
    } else {
        let mut out = Vec::with_capacity(items.len());
        for (sub, v) in items {
            match sub {
                Some(Subscript::Key(k)) => out.push((k.to_vec(), v)),
                Some(Subscript::Index(i)) => out.push((i.to_string().into_bytes(), v)),
                None => {
                    err.get_or_insert(VarError::AssocNeedsSubscript(name.to_vec(), v));
                }
            }
        }
        out
    };
    for (k, mut v) in entries {
        if k.is_empty() {
            err.get_or_insert(VarError::BadSubscript([name, b"[]"].concat()));
            continue;
        }
        case_convert(&mut v, attrs);
        m.insert(k, v);
    }
    (Value::Assoc(m), err)
}

/// `m=(k1 v1 k2 v2 k3)`: words alternate key, value; a missing last value is
/// empty. A word the executor parsed as `[k]=v` is a literal word here, as in
/// bash (which makes `[k]=v` the key).
fn key_value_pairs(items: Vec<ArrayItem>) -> Vec<(Vec<u8>, Vec<u8>)> {
    let words = items.into_iter().map(|(sub, v)| match sub {
        None => v,
        Some(Subscript::Key(k)) => [b"[", k, b"]=", &v].concat(),
        Some(Subscript::Index(i)) => [format!("[{i}]=").as_bytes(), &v].concat(),
    });
    let mut out = Vec::new();
    let mut words = words.peekable();
    while let Some(k) = words.next() {
        let v = words.next().unwrap_or_default();
        out.push((k, v));
    }
    out
}

impl Variables {
    /// `name=(items)` / `name+=(items)`. Builds an associative array if the
    /// variable is one (or declared `-A`), else an indexed array. Bad items are
    /// skipped and the first such error is returned after the rest are assigned
    /// (bash warns per item and keeps going).
    pub fn set_array(
        &mut self,
        name: &[u8],
        items: Vec<ArrayItem>,
        append: bool,
    ) -> Result<(), VarError> {
        let scope = match self.lookup(name) {
            Some((_, v)) if v.is_live_ref() => match self.deref_for_write(name)? {
                Some(OwnedTarget::Name(n)) => {
                    let s = self.find_scope(&n).unwrap_or(0);
                    return self.set_array_in(s, &n, items, append);
                }
                Some(OwnedTarget::Element(b, s)) => {
                    return Err(VarError::BadSubscript([&b[..], b"[", &s, b"]"].concat()))
                }
                None => 0,
            },
            Some((i, _)) => i,
            None => 0,
        };
        self.set_array_in(scope, name, items, append)
    }

    /// Compound assignment to the binding in `scope` (no nameref following).
    pub(crate) fn set_array_in(
        &mut self,
        scope: usize,
        name: &[u8],
        items: Vec<ArrayItem>,
        append: bool,
    ) -> Result<(), VarError> {
        let scope = scope.min(self.scopes.len() - 1);
        let allexport = self.allexport;
        let var = entry_in(&mut self.scopes[scope].vars, name);
        if var.attrs.contains(Attributes::READONLY) {
            return Err(VarError::Readonly(name.to_vec()));
        }
        if var.attrs.contains(Attributes::NAMEREF) {
            // bash: "warning: r: removing nameref attribute"
            var.attrs.remove(Attributes::NAMEREF);
            var.value = None;
        }
        let was_env = var.attrs.contains(Attributes::EXPORT)
            && (var.special != Special::None || matches!(var.value, Some(Value::Str(_))));
        if var.special != Special::None {
            var.value = Some(Value::Str(self.dynamic.value(var.special)));
            var.special = Special::None;
        }
        if allexport {
            var.attrs.insert(Attributes::EXPORT);
        }
        let attrs = var.attrs;
        let assoc = attrs.contains(Attributes::ASSOC) || matches!(var.value, Some(Value::Assoc(_)));
        let old = var.value.take();
        let (value, err) = if assoc {
            build_assoc(name, old, items, append, attrs)
        } else {
            build_indexed(name, old, items, append, attrs)
        };
        var.value = Some(value);
        var.attrs.insert(if assoc {
            Attributes::ASSOC
        } else {
            Attributes::INDEXED
        });
        if was_env {
            self.env_touched(scope);
        }
        err.map_or(Ok(()), Err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::vars::DeclScope;

    fn items<'a>(list: &[(Option<Subscript<'a>>, &str)]) -> Vec<ArrayItem<'a>> {
        list.iter()
            .map(|(s, v)| (*s, v.as_bytes().to_vec()))
            .collect()
    }

    fn p(v: &mut Variables, name: &str) -> String {
        String::from_utf8(v.declare_p(name.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn sparse_and_appended() {
        let mut v = Variables::new();
        use Subscript::Index as I;
        let it = items(&[
            (Some(I(5)), "x"),
            (None, "y"),
            (Some(I(2)), "z"),
            (None, "w"),
        ]);
        v.set_array(b"a", it, false).unwrap();
        assert_eq!(
            p(&mut v, "a"),
            r#"declare -a a=([2]="z" [3]="w" [5]="x" [6]="y")"#
        );
        let it = items(&[(None, "p"), (Some(I(1)), "q"), (None, "r")]);
        v.set_array(b"a", it, true).unwrap();
        assert_eq!(
            p(&mut v, "a"),
            r#"declare -a a=([1]="q" [2]="r" [3]="w" [5]="x" [6]="y" [7]="p")"#
        );
        // a+=([0]=z) replaces rather than appends to the element
        v.set_array(b"b", items(&[(None, "x"), (None, "y")]), false)
            .unwrap();
        v.set_array(b"b", items(&[(Some(I(0)), "z")]), true)
            .unwrap();
        assert_eq!(p(&mut v, "b"), r#"declare -a b=([0]="z" [1]="y")"#);
    }

    #[test]
    fn negative_subscripts_in_compound() {
        let mut v = Variables::new();
        use Subscript::Index as I;
        v.set_array(
            b"a",
            items(&[(None, "1"), (None, "2"), (Some(I(-1)), "x")]),
            false,
        )
        .unwrap();
        assert_eq!(p(&mut v, "a"), r#"declare -a a=([0]="1" [1]="x")"#);
        let e = v.set_array(
            b"c",
            items(&[(None, "1"), (Some(I(-5)), "x"), (None, "2")]),
            false,
        );
        assert_eq!(e, Err(VarError::BadSubscript(b"c[-5]".to_vec())));
        assert_eq!(p(&mut v, "c"), r#"declare -a c=([0]="1" [1]="2")"#);
    }

    #[test]
    fn assoc_forms() {
        let mut v = Variables::new();
        v.declare(
            b"m",
            DeclScope::Current,
            Attributes::ASSOC,
            Attributes::NONE,
        )
        .unwrap();
        let it = items(&[
            (None, "k1"),
            (None, "v1"),
            (None, "k2"),
            (None, "v2"),
            (None, "k3"),
        ]);
        v.set_array(b"m", it, false).unwrap();
        assert_eq!(
            p(&mut v, "m"),
            r#"declare -A m=([k1]="v1" [k2]="v2" [k3]="" )"#
        );
        let it = items(&[(None, "a"), (None, "1"), (Some(Subscript::Key(b"b")), "2")]);
        v.set_array(b"m", it, false).unwrap();
        assert_eq!(p(&mut v, "m"), r#"declare -A m=([a]="1" ["[b]=2"]="" )"#);
        let it = items(&[(Some(Subscript::Key(b"a")), "1"), (None, "b"), (None, "2")]);
        let e = v.set_array(b"m", it, false);
        assert_eq!(
            e,
            Err(VarError::AssocNeedsSubscript(b"m".to_vec(), b"b".to_vec()))
        );
        assert_eq!(p(&mut v, "m"), r#"declare -A m=([a]="1" )"#);
        v.set_array(b"m", items(&[(Some(Subscript::Key(b"a")), "9")]), true)
            .unwrap();
        v.set_array(b"m", items(&[(Some(Subscript::Index(3)), "t")]), true)
            .unwrap();
        assert_eq!(p(&mut v, "m"), r#"declare -A m=([3]="t" [a]="9" )"#);
        let e = v.set_array(b"m", items(&[(Some(Subscript::Key(b"")), "5")]), true);
        assert_eq!(e, Err(VarError::BadSubscript(b"m[]".to_vec())));
    }

    #[test]
    fn case_and_readonly_and_nameref_removal() {
        let mut v = Variables::new();
        v.declare(
            b"u",
            DeclScope::Current,
            Attributes::UPPERCASE,
            Attributes::NONE,
        )
        .unwrap();
        v.set_array(b"u", items(&[(None, "ab"), (None, "cd")]), false)
            .unwrap();
        v.set_array(b"u", items(&[(None, "ef")]), true).unwrap();
        assert_eq!(
            p(&mut v, "u"),
            r#"declare -au u=([0]="AB" [1]="CD" [2]="EF")"#
        );
        v.declare_set(
            b"r",
            DeclScope::Current,
            Attributes::READONLY,
            Attributes::NONE,
            b"1".to_vec(),
        )
        .unwrap();
        assert_eq!(
            v.set_array(b"r", items(&[(None, "1")]), false),
            Err(VarError::Readonly(b"r".to_vec()))
        );
        v.declare(
            b"n",
            DeclScope::Current,
            Attributes::NAMEREF,
            Attributes::NONE,
        )
        .unwrap();
        v.set_array(b"n", items(&[(None, "1"), (None, "2")]), false)
            .unwrap();
        assert_eq!(p(&mut v, "n"), r#"declare -a n=([0]="1" [1]="2")"#);
    }

    #[test]
    fn scalar_becomes_array() {
        let mut v = Variables::new();
        v.set(b"x", b"1".to_vec()).unwrap();
        v.set_array(b"x", items(&[(None, "2")]), true).unwrap();
        assert_eq!(p(&mut v, "x"), r#"declare -a x=([0]="1" [1]="2")"#);
        v.set(b"y", b"1".to_vec()).unwrap();
        v.set_array(b"y", items(&[(None, "a"), (None, "b")]), false)
            .unwrap();
        assert_eq!(p(&mut v, "y"), r#"declare -a y=([0]="a" [1]="b")"#);
        v.set_array(b"e", Vec::new(), false).unwrap();
        assert_eq!(p(&mut v, "e"), "declare -a e=()");
    }
}
