//! `unset` (bash 5.2 default semantics) and temp-scope assignments
//! (`FOO=1 cmd` for functions and builtins).
//!
//! Unsetting a local of the running function keeps it local but unset (so the
//! global stays hidden); unsetting any other binding (global, a temp binding,
//! a calling function's local) removes it, revealing the next one out.

use super::nameref::{is_all_subscript, OwnedTarget};
use super::value::{parse_int, real_index};
use super::write::{entry_in, subscript_is_zero};
use super::{Attributes, ScopeKind, Special, Subscript, Value, VarError, Variables};

impl Variables {
    /// `unset name` (follows namerefs; a `name[sub]` target unsets that element).
    pub fn unset(&mut self, name: &[u8]) -> Result<(), VarError> {
        self.unset_with(name, false)
    }

    /// `unset` / `unset -n`: with `no_deref`, a nameref itself is removed.
    pub fn unset_with(&mut self, name: &[u8], no_deref: bool) -> Result<(), VarError> {
        if !no_deref {
            match self.deref_for_write(name)? {
                Some(OwnedTarget::Name(n)) => return self.unset_binding(&n),
                Some(OwnedTarget::Element(b, s)) => return self.unset_text_element(&b, &s),
                None => {}
            }
        }
        self.unset_binding(name)
    }

    fn unset_binding(&mut self, name: &[u8]) -> Result<(), VarError> {
        let Some((scope, var)) = self.lookup(name) else {
            return Ok(());
        };
        if var.attrs.contains(Attributes::READONLY) {
            return Err(VarError::CannotUnset(name.to_vec()));
        }
        let in_env = var.is_set()
            && (var.attrs.contains(Attributes::EXPORT)
                || self.scope_kind(scope) == ScopeKind::Temp);
        let running_local = scope != 0 && scope == self.current_function_scope();
        if running_local {
            if let Some(v) = self.var_mut(scope, name) {
                v.value = None;
                v.attrs = Attributes::NONE;
                v.special = Special::None;
            }
        } else {
            self.scopes[scope].vars.remove(name);
        }
        if in_env {
            self.env_touched(scope);
        }
        Ok(())
    }

    fn unset_text_element(&mut self, base: &[u8], sub: &[u8]) -> Result<(), VarError> {
        if is_all_subscript(sub) {
            return self.unset_binding(base);
        }
        let bad = || VarError::BadSubscript([base, b"[", sub, b"]"].concat());
        let s = self.text_subscript(base, sub).ok_or_else(bad)?;
        self.unset_element_plain(base, s)
    }

    /// `unset 'name[sub]'`. Element 0 of a scalar unsets the scalar (bash);
    /// `unset 'a[@]'` is the caller's job (call [`Variables::unset`]).
    pub fn unset_element(&mut self, name: &[u8], sub: Subscript) -> Result<(), VarError> {
        match self.deref_for_write(name)? {
            Some(OwnedTarget::Name(n)) => self.unset_element_plain(&n, sub),
            Some(OwnedTarget::Element(b, s)) if subscript_is_zero(sub) => {
                self.unset_text_element(&b, &s)
            }
            Some(OwnedTarget::Element(..)) => Ok(()),
            None => self.unset_element_plain(name, sub),
        }
    }

    fn unset_element_plain(&mut self, name: &[u8], sub: Subscript) -> Result<(), VarError> {
        let Some(scope) = self.find_scope(name) else {
            return Ok(());
        };
        let Some(var) = self.var_mut(scope, name) else {
            return Ok(());
        };
        if var.attrs.contains(Attributes::READONLY) {
            return Err(VarError::CannotUnset(name.to_vec()));
        }
        // bash reports the bad subscript without the name: "unset: [-5]: ..."
        let bad = |s: Subscript| match s {
            Subscript::Index(i) => VarError::BadSubscript(format!("[{i}]").into_bytes()),
            Subscript::Key(k) => VarError::BadSubscript([b"[", k, b"]"].concat()),
        };
        let scalar = var.special != Special::None
            || match var.value {
                Some(Value::Str(_)) => true,
                None => !var
                    .attrs
                    .intersects(Attributes::INDEXED | Attributes::ASSOC),
                _ => false,
            };
        if scalar {
            // bash: x=1; unset 'x[0]' unsets x; unset 'x[1]' -> "x: not an array variable"
            return if subscript_is_zero(sub) {
                self.unset_binding(name)
            } else {
                Err(VarError::NotArray(name.to_vec()))
            };
        }
        match &mut var.value {
            Some(Value::Indexed(m)) => {
                let idx = match sub {
                    Subscript::Index(i) => Some(i),
                    Subscript::Key(k) => parse_int(k),
                };
                match idx.and_then(|i| real_index(m, i)) {
                    Some(i) => {
                        m.remove(&i);
                        Ok(())
                    }
                    None => Err(bad(sub)),
                }
            }
            Some(Value::Assoc(m)) => {
                let key = match sub {
                    Subscript::Key(k) => k.to_vec(),
                    Subscript::Index(i) => i.to_string().into_bytes(),
                };
                if key.is_empty() {
                    return Err(bad(sub));
                }
                m.remove(&key);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// `NAME=value` prefix assignment into the innermost temp scope: visible to
    /// lookups and exported to children until [`Variables::pop_temp_scope`].
    /// Without a temp scope this is a plain [`Variables::set`].
    pub fn set_temp(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        let Some(ti) = self.scopes.iter().rposition(|s| s.kind == ScopeKind::Temp) else {
            return self.set(name, value);
        };
        if self
            .lookup(name)
            .is_some_and(|(_, v)| v.attrs.contains(Attributes::READONLY))
        {
            return Err(VarError::Readonly(name.to_vec()));
        }
        let var = entry_in(&mut self.scopes[ti].vars, name);
        var.value = Some(Value::Str(value));
        var.attrs = Attributes::EXPORT;
        var.special = Special::None;
        self.env_touched(ti);
        Ok(())
    }
}
