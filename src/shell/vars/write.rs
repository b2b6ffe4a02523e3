//! Write side of the store: scalar assignment and `+=`, element assignment,
//! compound array assignment, unset, and temp-scope (prefix) assignments.
//! Assignment goes to the nearest existing binding (dynamic scoping), else global.

use std::collections::BTreeMap;

use super::nameref::{is_all_subscript, valid_ref_target, OwnedTarget};
use super::value::{parse_int, real_index, FxMap};
use super::{AssocMap, Attributes, ScopeKind, Special, Subscript, Value, Var, VarError, Variables};

/// The binding `name` in one scope's map, created declared-unset if missing.
pub(crate) fn entry_in<'m>(vars: &'m mut FxMap<Vec<u8>, Var>, name: &[u8]) -> &'m mut Var {
    if !vars.contains_key(name) {
        return vars
            .entry(name.to_vec())
            .or_insert_with(|| Var::new(Attributes::NONE));
    }
    // Second lookup: returning get_mut's borrow conditionally is rejected by
    // the current borrow checker. The key was checked present just above.
    vars.get_mut(name).expect("binding checked present above")
}

/// `-l` / `-u` take effect on assignment (ASCII only).
pub(crate) fn case_convert(value: &mut [u8], attrs: Attributes) {
    if attrs.contains(Attributes::LOWERCASE) {
        value.make_ascii_lowercase();
    } else if attrs.contains(Attributes::UPPERCASE) {
        value.make_ascii_uppercase();
    }
}

fn put(slot: &mut Vec<u8>, value: Vec<u8>, append: bool, attrs: Attributes) {
    if append {
        slot.extend_from_slice(&value);
    } else {
        *slot = value;
    }
    case_convert(slot, attrs);
}

/// `name[sub]` as shown in "bad array subscript" messages.
pub(crate) fn sub_text(name: &[u8], sub: Subscript) -> Vec<u8> {
    let s = match sub {
        Subscript::Index(i) => i.to_string().into_bytes(),
        Subscript::Key(k) => k.to_vec(),
    };
    [name, b"[", &s, b"]"].concat()
}

pub(crate) fn subscript_is_zero(sub: Subscript) -> bool {
    match sub {
        Subscript::Index(i) => i == 0,
        Subscript::Key(k) => parse_int(k) == Some(0),
    }
}

/// Where an element assignment lands, decided before any conversion so a bad
/// subscript leaves the variable untouched.
enum Slot {
    Index(i64),
    Key(Vec<u8>),
}

fn element_slot(name: &[u8], var: &Var, sub: Subscript) -> Result<Slot, VarError> {
    let bad = || VarError::BadSubscript(sub_text(name, sub));
    let assoc = var.attrs.contains(Attributes::ASSOC) || matches!(var.value, Some(Value::Assoc(_)));
    if assoc {
        let key = match sub {
            Subscript::Key(k) => k.to_vec(),
            Subscript::Index(i) => i.to_string().into_bytes(),
        };
        return if key.is_empty() {
            Err(bad())
        } else {
            Ok(Slot::Key(key))
        };
    }
    let idx = match sub {
        Subscript::Index(i) => i,
        Subscript::Key(k) => parse_int(k).ok_or_else(bad)?,
    };
    if idx >= 0 {
        return Ok(Slot::Index(idx));
    }
    let resolved = match &var.value {
        Some(Value::Indexed(m)) => real_index(m, idx),
        Some(Value::Str(_)) => idx.checked_add(1).filter(|i| *i >= 0),
        _ if var.special != Special::None => idx.checked_add(1).filter(|i| *i >= 0),
        _ => None,
    };
    resolved.map(Slot::Index).ok_or_else(bad)
}

impl Variables {
    /// `name=value`. An indexed array gets element 0, an assoc key "0".
    pub fn set(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        self.assign(name, value, false)
    }

    /// `name+=value` (string append; the executor handles integer `+=`).
    pub fn append(&mut self, name: &[u8], value: &[u8]) -> Result<(), VarError> {
        self.assign(name, value.to_vec(), true)
    }

    fn assign(&mut self, name: &[u8], value: Vec<u8>, append: bool) -> Result<(), VarError> {
        let scope = match self.lookup(name) {
            Some((_, v)) if v.is_live_ref() => match self.deref_for_write(name)? {
                Some(OwnedTarget::Name(n)) => {
                    let s = self.find_scope(&n).unwrap_or(0);
                    return self.assign_in(s, &n, value, append);
                }
                Some(OwnedTarget::Element(b, s)) => {
                    return self.assign_text_element(&b, &s, value, append)
                }
                None => 0,
            },
            Some((i, _)) => i,
            None => 0,
        };
        self.assign_in(scope, name, value, append)
    }

    /// Assign to the binding of `name` in `scope` (created if missing). Does not
    /// follow namerefs: an unset nameref gets its target set instead.
    pub(crate) fn assign_in(
        &mut self,
        scope: usize,
        name: &[u8],
        value: Vec<u8>,
        append: bool,
    ) -> Result<(), VarError> {
        let scope = scope.min(self.scopes.len() - 1);
        let temp = self.scopes[scope].kind == ScopeKind::Temp;
        let allexport = self.allexport;
        let var = entry_in(&mut self.scopes[scope].vars, name);
        if var.attrs.contains(Attributes::READONLY) {
            return Err(VarError::Readonly(name.to_vec()));
        }
        if var.attrs.contains(Attributes::NAMEREF) {
            return self.set_ref_value(scope, name, value, false);
        }
        if allexport {
            var.attrs.insert(Attributes::EXPORT);
        }
        let attrs = var.attrs;
        if var.special != Special::None {
            self.dynamic.assign(var.special, &value);
        } else {
            match &mut var.value {
                Some(Value::Indexed(m)) => put(m.entry(0).or_default(), value, append, attrs),
                Some(Value::Assoc(m)) => match m.get_mut(b"0") {
                    Some(slot) => put(slot, value, append, attrs),
                    None => {
                        let mut slot = Vec::new();
                        put(&mut slot, value, append, attrs);
                        m.insert(b"0".to_vec(), slot);
                    }
                },
                Some(Value::Str(s)) => put(s, value, append, attrs),
                None => {
                    let mut v = value;
                    case_convert(&mut v, attrs);
                    // `declare -a e; e=2` makes e=([0]="2"); likewise -A with key "0".
                    var.value = Some(if attrs.contains(Attributes::INDEXED) {
                        Value::Indexed(BTreeMap::from([(0, v)]))
                    } else if attrs.contains(Attributes::ASSOC) {
                        let mut m = AssocMap::new();
                        m.insert(b"0".to_vec(), v);
                        Value::Assoc(m)
                    } else {
                        Value::Str(v)
                    });
                }
            }
        }
        let scalar = matches!(var.value, Some(Value::Str(_)));
        if scalar && (temp || attrs.contains(Attributes::EXPORT)) {
            self.env_touched(scope);
        }
        Ok(())
    }

    /// Assign the target of a nameref that has none yet (or via `declare -n`).
    pub(crate) fn set_ref_value(
        &mut self,
        scope: usize,
        name: &[u8],
        value: Vec<u8>,
        declaring: bool,
    ) -> Result<(), VarError> {
        if !valid_ref_target(&value) {
            return Err(if declaring {
                VarError::InvalidNameref(value)
            } else {
                VarError::InvalidName(value)
            });
        }
        if value == name {
            return Err(VarError::NamerefSelf(name.to_vec()));
        }
        let var = entry_in(&mut self.scopes[scope].vars, name);
        if var.attrs.contains(Attributes::READONLY) {
            return Err(VarError::Readonly(name.to_vec()));
        }
        var.value = Some(Value::Str(value));
        Ok(())
    }

    /// Assignment through a nameref whose target is `base[sub]` (text).
    pub(crate) fn assign_text_element(
        &mut self,
        base: &[u8],
        sub: &[u8],
        value: Vec<u8>,
        append: bool,
    ) -> Result<(), VarError> {
        let bad = || VarError::BadSubscript([base, b"[", sub, b"]"].concat());
        if is_all_subscript(sub) {
            return Err(bad());
        }
        let s = self.text_subscript(base, sub).ok_or_else(bad)?;
        self.assign_element(base, s, value, append)
    }

    /// `name[sub]=value`. Converts a scalar (or nothing) into an indexed array;
    /// an assoc array (or a name declared `-A`) takes keys.
    pub fn set_element(
        &mut self,
        name: &[u8],
        sub: Subscript,
        value: Vec<u8>,
    ) -> Result<(), VarError> {
        self.assign_element(name, sub, value, false)
    }

    /// `name[sub]+=value` (string append to the element).
    pub fn append_element(
        &mut self,
        name: &[u8],
        sub: Subscript,
        value: &[u8],
    ) -> Result<(), VarError> {
        self.assign_element(name, sub, value.to_vec(), true)
    }

    fn assign_element(
        &mut self,
        name: &[u8],
        sub: Subscript,
        value: Vec<u8>,
        append: bool,
    ) -> Result<(), VarError> {
        let scope = match self.lookup(name) {
            Some((_, v)) if v.is_live_ref() => match self.deref_for_write(name)? {
                Some(OwnedTarget::Name(n)) => {
                    let s = self.find_scope(&n).unwrap_or(0);
                    return self.assign_element_in(s, &n, sub, value, append);
                }
                Some(OwnedTarget::Element(b, s)) if subscript_is_zero(sub) => {
                    return self.assign_text_element(&b, &s, value, append)
                }
                Some(OwnedTarget::Element(b, s)) => {
                    return Err(VarError::BadSubscript([&b[..], b"[", &s, b"]"].concat()))
                }
                None => 0,
            },
            Some((i, _)) => i,
            None => 0,
        };
        self.assign_element_in(scope, name, sub, value, append)
    }

    fn assign_element_in(
        &mut self,
        scope: usize,
        name: &[u8],
        sub: Subscript,
        value: Vec<u8>,
        append: bool,
    ) -> Result<(), VarError> {
        let scope = scope.min(self.scopes.len() - 1);
        let allexport = self.allexport;
        let var = entry_in(&mut self.scopes[scope].vars, name);
        if var.attrs.contains(Attributes::READONLY) {
            return Err(VarError::Readonly(name.to_vec()));
        }
        if var.attrs.contains(Attributes::NAMEREF) {
            // bash: `declare -n r; r[1]=x` -> "`': not a valid identifier"
            return Err(VarError::InvalidName(Vec::new()));
        }
        if var.special != Special::None && subscript_is_zero(sub) {
            return self.assign_in(scope, name, value, append);
        }
        let slot = element_slot(name, var, sub)?;
        let was_env = var.attrs.contains(Attributes::EXPORT)
            && (var.special != Special::None || matches!(var.value, Some(Value::Str(_))));
        if var.special != Special::None {
            // An element beyond 0 turns the special into a plain array.
            var.value = Some(Value::Str(self.dynamic.value(var.special)));
            var.special = Special::None;
        }
        if allexport {
            var.attrs.insert(Attributes::EXPORT);
        }
        let attrs = var.attrs;
        match (var.value.take(), slot) {
            (Some(Value::Assoc(mut m)), Slot::Key(k)) => {
                store_key(&mut m, k, value, append, attrs);
                var.value = Some(Value::Assoc(m));
            }
            (old, Slot::Key(k)) => {
                let mut m = AssocMap::new();
                if let Some(Value::Str(s)) = old {
                    m.insert(b"0".to_vec(), s);
                }
                store_key(&mut m, k, value, append, attrs);
                var.value = Some(Value::Assoc(m));
                var.attrs.insert(Attributes::ASSOC);
            }
            (old, Slot::Index(i)) => {
                let mut m = match old {
                    Some(Value::Indexed(m)) => m,
                    Some(Value::Str(s)) => BTreeMap::from([(0, s)]),
                    _ => BTreeMap::new(),
                };
                put(m.entry(i).or_default(), value, append, attrs);
                var.value = Some(Value::Indexed(m));
                var.attrs.insert(Attributes::INDEXED);
            }
        }
        if was_env {
            self.env_touched(scope);
        }
        Ok(())
    }
}

fn store_key(m: &mut AssocMap, key: Vec<u8>, value: Vec<u8>, append: bool, attrs: Attributes) {
    match m.get_mut(&key) {
        Some(slot) => put(slot, value, append, attrs),
        None => {
            let mut slot = Vec::new();
            put(&mut slot, value, append, attrs);
            m.insert(key, slot);
        }
    }
}
