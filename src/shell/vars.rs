//! The shell's variable store, with bash semantics: scalars, sparse indexed and
//! associative arrays, attributes (`declare -aAilnrtux`), dynamic scoping over
//! function scopes, temporary (prefix-assignment) scopes, namerefs, the dynamic
//! specials (RANDOM, SRANDOM, SECONDS, EPOCHSECONDS, EPOCHREALTIME) and the
//! cached environment block for children.
//!
//! Entry point: [`Variables`]. The executor owns one and routes every lookup and
//! assignment through it. Reads of plain scalars allocate nothing.
//!
//! Submodules: `attrs` (flags), `value` (values, assoc map, hasher), `error`,
//! `nameref` (resolution), `read`, `write` (assignment), `compound` (`a=(...)`),
//! `unset` (unset and temp assignments), `declare`, `dynamic`, `env`, `print`
//! (`declare -p` / `set` output), `tests` (cross-cutting behaviour tests).

mod attrs;
mod compound;
mod declare;
mod dynamic;
mod env;
mod error;
mod nameref;
mod print;
mod read;
mod unset;
mod value;
mod write;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_arrays;
#[cfg(test)]
mod tests_bash;
#[cfg(test)]
mod tests_ref;

pub use attrs::Attributes;
pub use compound::ArrayItem;
pub use declare::DeclScope;
pub use env::EnvPtrs;
pub use error::VarError;
pub use print::quote_for_reuse;
pub use value::{AssocMap, Value};

use value::FxMap;

/// An array subscript already evaluated by the executor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subscript<'a> {
    /// Indexed-array index; negative counts back from the end like bash.
    Index(i64),
    /// Associative-array key (or decimal text for an indexed array).
    Key(&'a [u8]),
}

/// Which dynamic special a variable is; lost when the variable is unset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Special {
    None,
    Random,
    Srandom,
    Seconds,
    EpochSeconds,
    EpochRealtime,
}

/// One binding. `value == None` means declared but unset (`declare x`, `local x`).
#[derive(Clone, Debug)]
pub(crate) struct Var {
    pub value: Option<Value>,
    pub attrs: Attributes,
    pub special: Special,
}

impl Var {
    pub fn new(attrs: Attributes) -> Self {
        Var {
            value: None,
            attrs,
            special: Special::None,
        }
    }
    /// A nameref that currently points somewhere (an unset nameref acts like a
    /// plain variable: assigning to it sets its target).
    pub fn is_live_ref(&self) -> bool {
        self.attrs.contains(Attributes::NAMEREF)
            && matches!(&self.value, Some(Value::Str(t)) if !t.is_empty())
    }
    pub fn is_set(&self) -> bool {
        self.value.is_some() || self.special != Special::None
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Global,
    Function,
    Temp,
}

#[derive(Clone, Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    pub vars: FxMap<Vec<u8>, Var>,
    /// Some binding here was (or became) part of the environment, so popping
    /// the scope must invalidate the cached environment.
    pub affects_env: bool,
}

impl Scope {
    fn new(kind: ScopeKind) -> Self {
        Scope {
            kind,
            vars: FxMap::default(),
            affects_env: false,
        }
    }
}

/// The variable store. See the module docs.
#[derive(Clone, Debug)]
pub struct Variables {
    /// `scopes[0]` is global; later entries are function and temp scopes, innermost last.
    pub(crate) scopes: Vec<Scope>,
    pub(crate) func_depth: usize,
    pub(crate) dynamic: dynamic::DynState,
    pub(crate) env: env::EnvCache,
    pub(crate) allexport: bool,
}

impl Default for Variables {
    fn default() -> Self {
        Self::new()
    }
}

/// `[A-Za-z_][A-Za-z0-9_]*`
pub fn is_valid_name(name: &[u8]) -> bool {
    match name.split_first() {
        Some((first, rest)) => {
            (first.is_ascii_alphabetic() || *first == b'_')
                && rest.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        }
        None => false,
    }
}

impl Variables {
    /// A store holding only the dynamic specials; call [`Variables::import_environ`] to
    /// pick up the process environment.
    pub fn new() -> Self {
        let mut v = Variables {
            scopes: vec![Scope::new(ScopeKind::Global)],
            func_depth: 0,
            dynamic: dynamic::DynState::new(),
            env: env::EnvCache::default(),
            allexport: false,
        };
        v.install_specials();
        v
    }

    /// `set -a`: every later assignment also exports the variable.
    pub fn set_allexport(&mut self, on: bool) {
        self.allexport = on;
    }

    pub fn function_depth(&self) -> usize {
        self.func_depth
    }

    pub fn push_function_scope(&mut self) {
        self.scopes.push(Scope::new(ScopeKind::Function));
        self.func_depth += 1;
    }

    /// Pops the innermost function scope (and, defensively, any temp scopes
    /// left above it). Never pops the global scope.
    pub fn pop_function_scope(&mut self) {
        if self.func_depth == 0 {
            return;
        }
        while self.scopes.len() > 1 {
            let Some(scope) = self.scopes.pop() else {
                break;
            };
            self.scope_dropped(&scope);
            if scope.kind == ScopeKind::Function {
                self.func_depth -= 1;
                break;
            }
        }
    }

    pub fn push_temp_scope(&mut self) {
        self.scopes.push(Scope::new(ScopeKind::Temp));
    }

    /// Pops the innermost temp scope (normally the top of the stack).
    pub fn pop_temp_scope(&mut self) {
        let Some(pos) = self.scopes.iter().rposition(|s| s.kind == ScopeKind::Temp) else {
            return;
        };
        let scope = self.scopes.remove(pos);
        self.scope_dropped(&scope);
    }

    fn scope_dropped(&mut self, scope: &Scope) {
        if scope.affects_env || (scope.kind == ScopeKind::Temp && !scope.vars.is_empty()) {
            self.env.invalidate();
        }
    }

    /// Every visible name, set or merely declared, sorted bytewise and deduplicated.
    pub fn names(&self) -> Vec<Vec<u8>> {
        let mut all: Vec<Vec<u8>> = self
            .scopes
            .iter()
            .flat_map(|s| s.vars.keys().cloned())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    }

    /// Innermost binding of `name` (no nameref following), with its scope index.
    pub(crate) fn lookup(&self, name: &[u8]) -> Option<(usize, &Var)> {
        // Empty scopes (most function frames) are skipped without hashing.
        self.scopes
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, s)| !s.vars.is_empty())
            .find_map(|(i, s)| s.vars.get(name).map(|v| (i, v)))
    }

    pub(crate) fn find_scope(&self, name: &[u8]) -> Option<usize> {
        self.lookup(name).map(|(i, _)| i)
    }

    /// Index of the innermost function scope, or 0 (global) outside functions.
    pub(crate) fn current_function_scope(&self) -> usize {
        self.scopes
            .iter()
            .rposition(|s| s.kind == ScopeKind::Function)
            .unwrap_or(0)
    }

    pub(crate) fn var_mut(&mut self, scope: usize, name: &[u8]) -> Option<&mut Var> {
        self.scopes.get_mut(scope)?.vars.get_mut(name)
    }

    /// Record that a binding in `scope` changed in a way children can see.
    pub(crate) fn env_touched(&mut self, scope: usize) {
        self.env.invalidate();
        if let Some(s) = self.scopes.get_mut(scope) {
            s.affects_env = true;
        }
    }

    pub(crate) fn scope_kind(&self, scope: usize) -> ScopeKind {
        self.scopes.get(scope).map_or(ScopeKind::Global, |s| s.kind)
    }
}
