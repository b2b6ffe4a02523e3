//! `declare` / `typeset` / `local` / `export` / `readonly` attribute changes,
//! with or without an assignment, in the local, global or current binding.

use super::compound::ArrayItem;
use super::nameref::{valid_ref_target, OwnedTarget, NAMEREF_MAX};
use super::value::split_subscript;
use super::write::entry_in;
use super::{AssocMap, Attributes, ScopeKind, Special, Value, Var, VarError, Variables};

/// Which binding a `declare`-family builtin works on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclScope {
    /// `local`, or `declare` inside a function: the running function's scope.
    Local,
    /// `declare -g`: the global binding.
    Global,
    /// `export`, `readonly`, `declare` at top level: the nearest existing
    /// binding, else global.
    Current,
}

/// A resolved binding: scope index, name, and the subscript text when a
/// nameref pointed at `name[sub]`.
struct Loc {
    scope: usize,
    name: Vec<u8>,
    sub: Option<Vec<u8>>,
}

const ARRAYS: Attributes = Attributes::INDEXED.union(Attributes::ASSOC);
const CASES: Attributes = Attributes::LOWERCASE.union(Attributes::UPPERCASE);

/// bash's conflict rules: `-l -u` together cancel, one of them clears the
/// other, `-A` beats `-a`, and arrays cannot also be namerefs.
fn normalize(mut add: Attributes, mut remove: Attributes) -> (Attributes, Attributes) {
    if add.contains(CASES) {
        add.remove(CASES);
        remove.insert(CASES);
    } else if add.contains(Attributes::UPPERCASE) {
        remove.insert(Attributes::LOWERCASE);
    } else if add.contains(Attributes::LOWERCASE) {
        remove.insert(Attributes::UPPERCASE);
    }
    if add.contains(Attributes::ASSOC) {
        add.remove(Attributes::INDEXED);
    }
    if add.intersects(ARRAYS) {
        add.remove(Attributes::NAMEREF);
    }
    (add, remove)
}

fn is_array(v: &Var) -> (bool, bool) {
    let indexed =
        v.attrs.contains(Attributes::INDEXED) || matches!(v.value, Some(Value::Indexed(_)));
    let assoc = v.attrs.contains(Attributes::ASSOC) || matches!(v.value, Some(Value::Assoc(_)));
    (indexed, assoc)
}

/// Reject attribute changes bash refuses, before anything is mutated.
fn validate(
    name: &[u8],
    v: &Var,
    add: Attributes,
    remove: Attributes,
    assigning: bool,
) -> Result<(), VarError> {
    if v.attrs.contains(Attributes::READONLY) && remove.contains(Attributes::READONLY) {
        return Err(VarError::Readonly(name.to_vec()));
    }
    let (indexed, assoc) = is_array(v);
    if add.contains(Attributes::ASSOC) && indexed {
        return Err(VarError::IndexedToAssoc(name.to_vec()));
    }
    if add.contains(Attributes::INDEXED) && assoc {
        return Err(VarError::AssocToIndexed(name.to_vec()));
    }
    if remove.intersects(ARRAYS) && (indexed || assoc) {
        return Err(VarError::DestroyArray(name.to_vec()));
    }
    if add.contains(Attributes::NAMEREF) && !v.attrs.contains(Attributes::NAMEREF) {
        if indexed || assoc {
            return Err(VarError::NamerefArray(name.to_vec()));
        }
        if let (Some(Value::Str(s)), false) = (&v.value, assigning) {
            if !valid_ref_target(s) {
                return Err(VarError::InvalidNameref(s.clone()));
            }
            if s == name {
                return Err(VarError::NamerefSelf(name.to_vec()));
            }
        }
    }
    Ok(())
}

impl Variables {
    /// Change attributes (`declare -x name`, `local name`, `declare +i name`...).
    /// Converting a scalar to `-a`/`-A` makes it element 0 / key "0".
    pub fn declare(
        &mut self,
        name: &[u8],
        scope: DeclScope,
        add: Attributes,
        remove: Attributes,
    ) -> Result<(), VarError> {
        self.declare_loc(name, scope, add, remove, false).map(drop)
    }

    /// `local name`: a new, unset binding in the running function (inheriting
    /// only the export flag, and a temp binding's value, like bash).
    pub fn declare_local(&mut self, name: &[u8]) -> Result<(), VarError> {
        self.declare(name, DeclScope::Local, Attributes::NONE, Attributes::NONE)
    }

    /// `declare [flags] name=value`. The value is stored as given (the executor
    /// has already evaluated it if the variable is or becomes `-i`); `-r` takes
    /// effect after the assignment; with `-n` the value is the target name.
    pub fn declare_set(
        &mut self,
        name: &[u8],
        scope: DeclScope,
        add: Attributes,
        remove: Attributes,
        value: Vec<u8>,
    ) -> Result<(), VarError> {
        // Validate a new reference before touching attributes (an existing
        // unset nameref is validated when its value is stored).
        if add.contains(Attributes::NAMEREF) && !add.intersects(ARRAYS) {
            if !valid_ref_target(&value) {
                return Err(VarError::InvalidNameref(value));
            }
            if value == name {
                return Err(VarError::NamerefSelf(name.to_vec()));
            }
        }
        let loc = self.declare_loc(
            name,
            scope,
            add.difference(Attributes::READONLY),
            remove,
            true,
        )?;
        let is_ref = self.scopes[loc.scope]
            .vars
            .get(loc.name.as_slice())
            .is_some_and(|v| v.attrs.contains(Attributes::NAMEREF));
        match &loc.sub {
            Some(s) => self.assign_text_element(&loc.name, s, value, false)?,
            None if is_ref => self.set_ref_value(loc.scope, &loc.name, value, true)?,
            None => self.assign_in(loc.scope, &loc.name, value, false)?,
        }
        self.finish_readonly(&loc, add);
        Ok(())
    }

    /// `declare [flags] name=(items)` / `local name=(...)` / `declare name+=(...)`.
    #[allow(clippy::too_many_arguments)]
    pub fn declare_array(
        &mut self,
        name: &[u8],
        scope: DeclScope,
        add: Attributes,
        remove: Attributes,
        items: Vec<ArrayItem>,
        append: bool,
    ) -> Result<(), VarError> {
        let loc = self.declare_loc(
            name,
            scope,
            add.difference(Attributes::READONLY),
            remove,
            true,
        )?;
        if let Some(s) = &loc.sub {
            return Err(VarError::BadSubscript(
                [&loc.name[..], b"[", s, b"]"].concat(),
            ));
        }
        let result = self.set_array_in(loc.scope, &loc.name, items, append);
        self.finish_readonly(&loc, add);
        result
    }

    fn finish_readonly(&mut self, loc: &Loc, add: Attributes) {
        if add.contains(Attributes::READONLY) {
            if let Some(v) = self.var_mut(loc.scope, &loc.name) {
                v.attrs.insert(Attributes::READONLY);
            }
        }
    }

    fn declare_loc(
        &mut self,
        name: &[u8],
        scope: DeclScope,
        add: Attributes,
        remove: Attributes,
        assigning: bool,
    ) -> Result<Loc, VarError> {
        let (add, remove) = normalize(add, remove);
        let deref = !add.union(remove).contains(Attributes::NAMEREF);
        let loc = match scope {
            DeclScope::Local => self.local_loc(name, deref)?,
            DeclScope::Global => self.global_loc(name, deref)?,
            DeclScope::Current => self.current_loc(name, deref)?,
        };
        self.apply_attrs(&loc, add, remove, assigning)?;
        Ok(loc)
    }

    fn current_loc(&self, name: &[u8], deref: bool) -> Result<Loc, VarError> {
        if deref {
            if let Some(t) = self.deref_for_write(name)? {
                let (n, sub) = match t {
                    OwnedTarget::Name(n) => (n, None),
                    OwnedTarget::Element(b, s) => (b, Some(s)),
                };
                let scope = self.find_scope(&n).unwrap_or(0);
                return Ok(Loc {
                    scope,
                    name: n,
                    sub,
                });
            }
        }
        let scope = self.find_scope(name).unwrap_or(0);
        Ok(Loc {
            scope,
            name: name.to_vec(),
            sub: None,
        })
    }

    fn global_loc(&self, name: &[u8], deref: bool) -> Result<Loc, VarError> {
        let target = match self.scopes[0].vars.get(name) {
            Some(v) if deref && v.is_live_ref() => match &v.value {
                Some(Value::Str(t)) => Some(t.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(t) = target else {
            return Ok(Loc {
                scope: 0,
                name: name.to_vec(),
                sub: None,
            });
        };
        if let Some((b, s)) = split_subscript(&t) {
            let scope = self.find_scope(b).unwrap_or(0);
            return Ok(Loc {
                scope,
                name: b.to_vec(),
                sub: Some(s.to_vec()),
            });
        }
        self.current_loc(&t, true)
    }

    /// The running function's binding of `name`, created if needed. A local
    /// nameref is followed and its target made local (bash: `local -n r=$1;
    /// local r=(1 2)` creates a local array named by `$1`); an outer nameref
    /// is shadowed instead.
    fn local_loc(&mut self, name: &[u8], deref: bool) -> Result<Loc, VarError> {
        if self.func_depth == 0 {
            return Err(VarError::NotInFunction);
        }
        let fs = self.current_function_scope();
        let mut cur = name.to_vec();
        for _ in 0..NAMEREF_MAX {
            let target = match self.scopes[fs].vars.get(cur.as_slice()) {
                None => return self.new_local(fs, cur),
                Some(v) if deref && v.is_live_ref() => match &v.value {
                    Some(Value::Str(t)) => t.clone(),
                    _ => break,
                },
                Some(_) => break,
            };
            if let Some((b, sub)) = split_subscript(&target) {
                let scope = self.find_scope(b).unwrap_or(0);
                let (name, sub) = (b.to_vec(), Some(sub.to_vec()));
                return Ok(Loc { scope, name, sub });
            }
            cur = target;
        }
        let still_ref = self.scopes[fs]
            .vars
            .get(cur.as_slice())
            .is_some_and(|v| deref && v.is_live_ref());
        if still_ref {
            return Err(VarError::CircularRef(name.to_vec()));
        }
        Ok(Loc {
            scope: fs,
            name: cur,
            sub: None,
        })
    }

    /// `local name` in function scope `fs`: unset, inheriting only the export
    /// flag and a temp binding's value (bash's make_local_variable).
    fn new_local(&mut self, fs: usize, name: Vec<u8>) -> Result<Loc, VarError> {
        let (value, export) = match self.lookup(&name) {
            Some((_, v)) if v.attrs.contains(Attributes::READONLY) => {
                return Err(VarError::Readonly(name));
            }
            Some((i, v)) => {
                let temp = self.scopes[i].kind == ScopeKind::Temp;
                let value = match (&v.value, temp) {
                    (Some(Value::Str(s)), true) => Some(Value::Str(s.clone())),
                    _ => None,
                };
                (value, temp || v.attrs.contains(Attributes::EXPORT))
            }
            None => (None, false),
        };
        let attrs = if export {
            Attributes::EXPORT
        } else {
            Attributes::NONE
        };
        let in_env = export && value.is_some();
        let mut var = Var::new(attrs);
        var.value = value;
        self.scopes[fs].vars.insert(name.clone(), var);
        if in_env {
            self.env_touched(fs);
        }
        Ok(Loc {
            scope: fs,
            name,
            sub: None,
        })
    }

    fn apply_attrs(
        &mut self,
        loc: &Loc,
        add: Attributes,
        remove: Attributes,
        assigning: bool,
    ) -> Result<(), VarError> {
        let (add, remove) = if loc.sub.is_some() {
            // Through a nameref to `a[i]`: attributes go to the array itself.
            (add.difference(ARRAYS), remove.difference(ARRAYS))
        } else {
            (add, remove)
        };
        let mut dyn_value = None;
        if let Some(v) = self.scopes[loc.scope].vars.get(loc.name.as_slice()) {
            validate(&loc.name, v, add, remove, assigning)?;
            if v.special != Special::None && add.intersects(ARRAYS) {
                dyn_value = Some(self.dynamic.value(v.special));
            }
        }
        let var = entry_in(&mut self.scopes[loc.scope].vars, &loc.name);
        let was_env = var.attrs.contains(Attributes::EXPORT) && var.is_set();
        if let Some(d) = dyn_value {
            var.special = Special::None;
            var.value = Some(Value::Str(d));
        }
        if let Some(Value::Str(s)) = &mut var.value {
            let s = std::mem::take(s);
            if add.contains(Attributes::INDEXED) {
                var.value = Some(Value::Indexed([(0, s)].into()));
            } else if add.contains(Attributes::ASSOC) {
                let mut m = AssocMap::new();
                m.insert(b"0".to_vec(), s);
                var.value = Some(Value::Assoc(m));
            } else {
                var.value = Some(Value::Str(s));
            }
        }
        var.attrs = var.attrs.union(add).difference(remove);
        let now_env = var.attrs.contains(Attributes::EXPORT)
            && (var.special != Special::None || matches!(var.value, Some(Value::Str(_))));
        if was_env || now_env {
            self.env_touched(loc.scope);
        }
        Ok(())
    }
}
