//! Read side of the store: scalar and element lookups, `${a[@]}`, `${!a[@]}`,
//! `${#a[@]}`, set/exists tests and attribute queries. All reads follow
//! namerefs; plain scalar reads borrow the stored bytes.

use std::borrow::Cow;

use super::nameref::{is_all_subscript, Target};
use super::value::{parse_int, real_index};
use super::{Attributes, Special, Subscript, Value, Var, VarError, Variables};

/// A name after nameref resolution: a whole variable, or one element of a
/// base variable (nameref to `base[sub]`).
pub(crate) enum Resolved<'a> {
    Whole(&'a Var),
    Elem(&'a [u8], &'a Var, &'a [u8]),
}

fn subscript_is_zero(sub: Subscript) -> bool {
    match sub {
        Subscript::Index(i) => i == 0,
        Subscript::Key(k) => parse_int(k) == Some(0),
    }
}

impl Variables {
    /// Scalar value (`$name`): element 0 / key "0" of arrays; dynamic specials computed.
    pub fn get(&mut self, name: &[u8]) -> Option<Cow<'_, [u8]>> {
        self.read(name)
    }

    /// [`Variables::get`] through a shared reference (RANDOM still advances).
    pub fn read(&self, name: &[u8]) -> Option<Cow<'_, [u8]>> {
        let (_, var) = self.lookup(name)?;
        if !var.is_live_ref() {
            return self.scalar_of(var);
        }
        match self.resolve(name).ok()? {
            Target::Name(n) => self.scalar_of(self.lookup(n)?.1),
            Target::Element(base, sub) => self.read_ref_element(base, sub),
        }
    }

    pub(crate) fn scalar_of<'a>(&'a self, var: &'a Var) -> Option<Cow<'a, [u8]>> {
        if var.special != Special::None {
            return Some(Cow::Owned(self.dynamic.value(var.special)));
        }
        match var.value.as_ref()? {
            Value::Str(s) => Some(Cow::Borrowed(s)),
            Value::Indexed(m) => m.get(&0).map(|v| Cow::Borrowed(v.as_slice())),
            Value::Assoc(m) => m.get(b"0").map(|v| Cow::Borrowed(v.as_slice())),
        }
    }

    /// Value of a nameref's `base[sub]` target (`@`/`*` join all with spaces).
    fn read_ref_element<'a>(&'a self, base: &[u8], sub: &[u8]) -> Option<Cow<'a, [u8]>> {
        let (_, var) = self.lookup(base)?;
        if is_all_subscript(sub) {
            return Some(Cow::Owned(self.all_of(var)?.join(&b' ')));
        }
        let s = self.text_subscript(base, sub)?;
        self.element_of(base, var, s).ok().flatten()
    }

    fn element_of<'a>(
        &'a self,
        name: &[u8],
        var: &'a Var,
        sub: Subscript,
    ) -> Result<Option<Cow<'a, [u8]>>, VarError> {
        let bad = || VarError::BadSubscript(name.to_vec());
        let index_in = |m: &'a std::collections::BTreeMap<i64, Vec<u8>>, i: i64| {
            let idx = real_index(m, i).ok_or_else(bad)?;
            Ok(m.get(&idx).map(|v| Cow::Borrowed(v.as_slice())))
        };
        match (&var.value, sub) {
            (_, _) if var.special != Special::None => match sub {
                s if subscript_is_zero(s) => Ok(self.scalar_of(var)),
                Subscript::Index(i) if i < 0 => Err(bad()),
                _ => Ok(None),
            },
            (None, _) => Ok(None),
            (Some(Value::Indexed(m)), Subscript::Index(i)) => index_in(m, i),
            (Some(Value::Indexed(m)), Subscript::Key(k)) => {
                index_in(m, parse_int(k).ok_or_else(bad)?)
            }
            (Some(Value::Assoc(m)), Subscript::Key(k)) => {
                Ok(m.get(k).map(|v| Cow::Borrowed(v.as_slice())))
            }
            (Some(Value::Assoc(m)), Subscript::Index(i)) => Ok(m
                .get(i.to_string().as_bytes())
                .map(|v| Cow::Borrowed(v.as_slice()))),
            (Some(Value::Str(s)), sub) => match sub {
                s2 if subscript_is_zero(s2) => Ok(Some(Cow::Borrowed(s.as_slice()))),
                Subscript::Index(i) if i < 0 => Err(bad()),
                _ => Ok(None),
            },
        }
    }

    /// `${name[sub]}`; `None` if unset or the subscript is bad.
    pub fn get_element(&mut self, name: &[u8], sub: Subscript) -> Option<Cow<'_, [u8]>> {
        self.read_element(name, sub).ok().flatten()
    }

    /// Like [`Variables::get_element`] but reports bash's "bad array subscript"
    /// (negative index out of range, non-numeric index text).
    pub fn try_get_element(
        &mut self,
        name: &[u8],
        sub: Subscript,
    ) -> Result<Option<Cow<'_, [u8]>>, VarError> {
        self.read_element(name, sub)
    }

    pub(crate) fn read_element(
        &self,
        name: &[u8],
        sub: Subscript,
    ) -> Result<Option<Cow<'_, [u8]>>, VarError> {
        let Some((_, var)) = self.lookup(name) else {
            return Ok(None);
        };
        if !var.is_live_ref() {
            return self.element_of(name, var, sub);
        }
        match self.resolve(name)? {
            Target::Name(n) => match self.lookup(n) {
                Some((_, v)) => self.element_of(n, v, sub),
                None => Ok(None),
            },
            Target::Element(base, s) if subscript_is_zero(sub) => {
                Ok(self.read_ref_element(base, s))
            }
            Target::Element(..) => Ok(None),
        }
    }

    /// Resolve namerefs and find the binding; `None` if nothing is bound.
    pub(crate) fn resolved<'a>(&'a self, name: &'a [u8]) -> Option<Resolved<'a>> {
        match self.resolve(name).ok()? {
            Target::Name(n) => Some(Resolved::Whole(self.lookup(n)?.1)),
            Target::Element(b, s) => Some(Resolved::Elem(b, self.lookup(b)?.1, s)),
        }
    }

    fn all_of(&self, var: &Var) -> Option<Vec<Vec<u8>>> {
        if var.special != Special::None {
            return Some(vec![self.dynamic.value(var.special)]);
        }
        Some(match var.value.as_ref()? {
            Value::Str(s) => vec![s.clone()],
            Value::Indexed(m) => m.values().cloned().collect(),
            Value::Assoc(m) => m.values().map(<[u8]>::to_vec).collect(),
        })
    }

    /// `"${name[@]}"`: values in index / insertion order; a scalar is one element.
    /// `None` if unset (including a declared array never assigned).
    pub fn get_all(&mut self, name: &[u8]) -> Option<Vec<Vec<u8>>> {
        match self.resolved(name)? {
            Resolved::Whole(var) => self.all_of(var),
            Resolved::Elem(_, var, sub) if is_all_subscript(sub) => self.all_of(var),
            Resolved::Elem(b, _, sub) => {
                self.read_ref_element(b, sub).map(|v| vec![v.into_owned()])
            }
        }
    }

    /// `"${!name[@]}"`: indices (decimal) or keys; `["0"]` for a set scalar.
    pub fn keys(&mut self, name: &[u8]) -> Option<Vec<Vec<u8>>> {
        let var = match self.resolved(name)? {
            Resolved::Whole(var) => var,
            Resolved::Elem(_, var, sub) if is_all_subscript(sub) => var,
            Resolved::Elem(b, _, sub) => {
                return self.read_ref_element(b, sub).map(|_| vec![b"0".to_vec()]);
            }
        };
        if var.special != Special::None {
            return Some(vec![b"0".to_vec()]);
        }
        Some(match var.value.as_ref()? {
            Value::Str(_) => vec![b"0".to_vec()],
            Value::Indexed(m) => m.keys().map(|k| k.to_string().into_bytes()).collect(),
            Value::Assoc(m) => m.keys().map(<[u8]>::to_vec).collect(),
        })
    }

    /// `${#name[@]}`: number of elements (1 for a set scalar, 0 if unset).
    pub fn len_elements(&mut self, name: &[u8]) -> usize {
        let var = match self.resolved(name) {
            None => return 0,
            Some(Resolved::Whole(var)) => var,
            Some(Resolved::Elem(_, var, sub)) if is_all_subscript(sub) => var,
            Some(Resolved::Elem(b, _, sub)) => {
                return usize::from(self.read_ref_element(b, sub).is_some())
            }
        };
        if var.special != Special::None {
            return 1;
        }
        match &var.value {
            None => 0,
            Some(Value::Str(_)) => 1,
            Some(Value::Indexed(m)) => m.len(),
            Some(Value::Assoc(m)) => m.len(),
        }
    }

    /// `[[ -v name ]]`: has a scalar value (element 0 for arrays). Does not
    /// advance RANDOM.
    pub fn is_set(&mut self, name: &[u8]) -> bool {
        match self.resolved(name) {
            None => false,
            Some(Resolved::Elem(b, _, sub)) => self.read_ref_element(b, sub).is_some(),
            Some(Resolved::Whole(var)) => {
                var.special != Special::None
                    || match &var.value {
                        None => false,
                        Some(Value::Str(_)) => true,
                        Some(Value::Indexed(m)) => m.contains_key(&0),
                        Some(Value::Assoc(m)) => m.get(b"0").is_some(),
                    }
            }
        }
    }

    /// A binding (set or declared-unset) is visible under exactly this name.
    pub fn exists(&self, name: &[u8]) -> bool {
        self.lookup(name).is_some()
    }

    /// Attributes of the binding itself (namerefs not followed, for `declare -p`).
    pub fn attributes(&self, name: &[u8]) -> Option<Attributes> {
        self.lookup(name).map(|(_, v)| v.attrs)
    }

    /// Attributes of what `name` refers to after following namerefs; an
    /// element target reports its base's attributes minus the array flags.
    pub fn resolved_attributes(&self, name: &[u8]) -> Option<Attributes> {
        Some(match self.resolved(name)? {
            Resolved::Whole(v) => v.attrs,
            Resolved::Elem(_, v, _) => v.attrs.difference(Attributes::INDEXED | Attributes::ASSOC),
        })
    }

    fn resolved_has(&self, name: &[u8], a: Attributes) -> bool {
        self.resolved_attributes(name)
            .is_some_and(|x| x.contains(a))
    }

    /// Follows namerefs (the executor asks before evaluating a subscript).
    pub fn is_assoc(&self, name: &[u8]) -> bool {
        self.resolved_has(name, Attributes::ASSOC)
    }
    pub fn is_indexed(&self, name: &[u8]) -> bool {
        self.resolved_has(name, Attributes::INDEXED)
    }
    pub fn is_integer(&self, name: &[u8]) -> bool {
        self.resolved_has(name, Attributes::INTEGER)
    }
    pub fn is_readonly(&self, name: &[u8]) -> bool {
        self.resolved_has(name, Attributes::READONLY)
    }
}
