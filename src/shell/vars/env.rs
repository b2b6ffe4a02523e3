//! The process environment: importing `environ` at startup and building the
//! `NAME=value` block for children, cached until an exported binding changes.
//!
//! bash's rule, followed here: for each name the innermost binding that is
//! exported (temp bindings always are), set and scalar wins; a non-exported
//! or unset local does not hide an exported outer variable. Names that are not
//! identifiers are passed through from the inherited environment unchanged.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ffi::{CString, OsString};
use std::hash::BuildHasherDefault;
use std::marker::PhantomData;
use std::os::raw::c_char;
use std::os::unix::ffi::OsStringExt;

use super::value::FxHasher;
use super::{is_valid_name, Attributes, ScopeKind, Special, Value, Variables};

#[derive(Clone, Default, Debug)]
pub(crate) struct EnvCache {
    /// Inherited entries whose names are not identifiers (e.g. `BASH_FUNC_f%%`).
    foreign: Vec<(Vec<u8>, Vec<u8>)>,
    cache: Vec<CString>,
    /// Bumped on every change that can alter the block.
    generation: u64,
    built: Option<u64>,
    /// An exported dynamic special (e.g. `export SECONDS`) must be recomputed per spawn.
    has_dynamic: bool,
}

impl EnvCache {
    pub fn invalidate(&mut self) {
        self.generation = self.generation.wrapping_add(1);
    }
}

/// A null-terminated `char *envp[]` borrowed from the store's cached block.
/// The pointers are valid for as long as this value lives (the borrow keeps
/// the store from being mutated).
pub struct EnvPtrs<'a> {
    ptrs: Vec<*const c_char>,
    _env: PhantomData<&'a [CString]>,
}

impl EnvPtrs<'_> {
    /// Pointer suitable for `execve`'s `envp`.
    pub fn as_ptr(&self) -> *const *const c_char {
        self.ptrs.as_ptr()
    }
    /// Number of entries, not counting the terminating null.
    pub fn len(&self) -> usize {
        self.ptrs.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn entry(name: &[u8], value: &[u8]) -> CString {
    let mut buf = Vec::with_capacity(name.len() + value.len() + 1);
    buf.extend_from_slice(name);
    buf.push(b'=');
    buf.extend_from_slice(value);
    // A value cannot carry NUL into a C string: cut it there.
    if let Some(nul) = buf.iter().position(|&c| c == 0) {
        buf.truncate(nul);
    }
    CString::new(buf).unwrap_or_default()
}

impl Variables {
    /// Load the process environment: valid names become exported globals
    /// (through normal assignment, so `RANDOM`/`SECONDS` from the environment
    /// seed them as in bash); other entries are kept to pass to children.
    pub fn import_environ(&mut self) {
        let pairs =
            std::env::vars_os().map(|(k, v): (OsString, OsString)| (k.into_vec(), v.into_vec()));
        self.import_pairs(pairs);
    }

    /// [`Variables::import_environ`] from explicit `(name, value)` pairs.
    pub fn import_pairs<I: IntoIterator<Item = (Vec<u8>, Vec<u8>)>>(&mut self, pairs: I) {
        for (name, value) in pairs {
            if !is_valid_name(&name) {
                self.env.foreign.retain(|(n, _)| *n != name);
                self.env.foreign.push((name, value));
                self.env.invalidate();
                continue;
            }
            if self.assign_in(0, &name, value, false).is_ok() {
                if let Some(v) = self.var_mut(0, &name) {
                    v.attrs.insert(Attributes::EXPORT);
                }
                self.env_touched(0);
            }
        }
    }

    /// Inherited environment entries with non-identifier names.
    pub fn foreign_environ(&self) -> &[(Vec<u8>, Vec<u8>)] {
        &self.env.foreign
    }

    /// Changes whenever the environment block may have changed.
    pub fn environ_generation(&self) -> u64 {
        self.env.generation
    }

    /// `NAME=value` for every exported set scalar (temp bindings included),
    /// sorted by name, then the foreign entries. Cached between changes.
    pub fn environ(&mut self) -> &[CString] {
        if self.env.built != Some(self.env.generation) || self.env.has_dynamic {
            let (block, dynamic) = self.build_environ();
            self.env.cache = block;
            self.env.has_dynamic = dynamic;
            self.env.built = Some(self.env.generation);
        }
        &self.env.cache
    }

    /// [`Variables::environ`] as a null-terminated pointer array for `execve`.
    pub fn environ_ptrs(&mut self) -> EnvPtrs<'_> {
        let block = self.environ();
        let mut ptrs: Vec<*const c_char> = block.iter().map(|c| c.as_ptr()).collect();
        ptrs.push(std::ptr::null());
        EnvPtrs {
            ptrs,
            _env: PhantomData,
        }
    }

    fn build_environ(&self) -> (Vec<CString>, bool) {
        let mut seen: HashSet<&[u8], BuildHasherDefault<FxHasher>> = HashSet::default();
        let mut entries: Vec<(&[u8], Cow<'_, [u8]>)> = Vec::new();
        let mut dynamic = false;
        for scope in self.scopes.iter().rev() {
            let temp = scope.kind == ScopeKind::Temp;
            for (name, var) in &scope.vars {
                if !temp && !var.attrs.contains(Attributes::EXPORT) {
                    continue;
                }
                let value = if var.special != Special::None {
                    dynamic = true;
                    Cow::Owned(self.dynamic.value(var.special))
                } else if let Some(Value::Str(s)) = &var.value {
                    Cow::Borrowed(s.as_slice())
                } else {
                    continue;
                };
                if seen.insert(name) {
                    entries.push((name, value));
                }
            }
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut block: Vec<CString> = entries.iter().map(|(n, v)| entry(n, v)).collect();
        block.extend(self.env.foreign.iter().map(|(n, v)| entry(n, v)));
        (block, dynamic)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::vars::DeclScope;
    use std::os::unix::ffi::OsStrExt;

    fn block(v: &mut Variables) -> Vec<String> {
        v.environ()
            .iter()
            .map(|c| String::from_utf8_lossy(c.as_bytes()).into_owned())
            .collect()
    }

    fn export(v: &mut Variables, name: &[u8], value: &[u8]) {
        v.declare_set(
            name,
            DeclScope::Current,
            Attributes::EXPORT,
            Attributes::NONE,
            value.to_vec(),
        )
        .unwrap();
    }

    #[test]
    fn imports_and_passes_through_foreign_names() {
        let mut v = Variables::new();
        v.import_pairs(vec![
            (b"HOME".to_vec(), b"/h".to_vec()),
            (b"BASH_FUNC_f%%".to_vec(), b"() { :; }".to_vec()),
            (b"1X".to_vec(), b"y".to_vec()),
            (b"BIN".to_vec(), vec![0xff, b'a']),
        ]);
        assert_eq!(v.get(b"HOME").as_deref(), Some(&b"/h"[..]));
        assert!(v.attributes(b"HOME").unwrap().contains(Attributes::EXPORT));
        assert!(!v.exists(b"1X"));
        let env: Vec<Vec<u8>> = v.environ().iter().map(|c| c.as_bytes().to_vec()).collect();
        assert_eq!(
            env,
            [
                vec![b'B', b'I', b'N', b'=', 0xff, b'a'],
                b"HOME=/h".to_vec(),
                b"BASH_FUNC_f%%=() { :; }".to_vec(),
                b"1X=y".to_vec(),
            ]
        );
        assert_eq!(v.foreign_environ().len(), 2);
    }

    #[test]
    fn import_real_environment() {
        let mut v = Variables::new();
        v.import_environ();
        if let Some(path) = std::env::var_os("PATH") {
            assert_eq!(v.get(b"PATH").as_deref(), Some(path.as_bytes()));
            assert!(v
                .environ()
                .iter()
                .any(|c| c.as_bytes().starts_with(b"PATH=")));
        }
    }

    #[test]
    fn only_exported_set_scalars() {
        let mut v = Variables::new();
        export(&mut v, b"A", b"1");
        v.set(b"B", b"2".to_vec()).unwrap();
        v.declare(
            b"C",
            DeclScope::Current,
            Attributes::EXPORT,
            Attributes::NONE,
        )
        .unwrap();
        v.set_array(b"D", vec![(None, b"x".to_vec())], false)
            .unwrap();
        v.declare(
            b"D",
            DeclScope::Current,
            Attributes::EXPORT,
            Attributes::NONE,
        )
        .unwrap();
        export(&mut v, b"E", b"a\0b");
        assert_eq!(block(&mut v), ["A=1", "E=a"]);
        v.set(b"C", b"3".to_vec()).unwrap();
        assert_eq!(block(&mut v), ["A=1", "C=3", "E=a"]);
        v.declare(
            b"A",
            DeclScope::Current,
            Attributes::NONE,
            Attributes::EXPORT,
        )
        .unwrap();
        v.unset(b"E").unwrap();
        assert_eq!(block(&mut v), ["C=3"]);
        // Converting an exported scalar to an array drops it from the block.
        v.set_element(b"C", crate::shell::vars::Subscript::Index(1), b"q".to_vec())
            .unwrap();
        assert!(block(&mut v).is_empty());
    }

    #[test]
    fn cache_is_reused_until_a_change() {
        let mut v = Variables::new();
        export(&mut v, b"A", b"1");
        let p1 = v.environ().as_ptr();
        let g = v.environ_generation();
        v.set(b"unexported", b"x".to_vec()).unwrap();
        v.push_function_scope();
        v.declare_local(b"loc").unwrap();
        v.set(b"loc", b"y".to_vec()).unwrap();
        v.pop_function_scope();
        assert_eq!(v.environ_generation(), g);
        assert_eq!(v.environ().as_ptr(), p1);
        v.set(b"A", b"2".to_vec()).unwrap();
        assert_ne!(v.environ_generation(), g);
        assert_eq!(block(&mut v), ["A=2"]);
    }

    #[test]
    fn temp_and_local_bindings() {
        let mut v = Variables::new();
        export(&mut v, b"X", b"1");
        v.push_temp_scope();
        v.set_temp(b"T", b"t".to_vec()).unwrap();
        v.set_temp(b"X", b"tx".to_vec()).unwrap();
        assert_eq!(block(&mut v), ["T=t", "X=tx"]);
        v.pop_temp_scope();
        assert_eq!(block(&mut v), ["X=1"]);
        v.push_function_scope();
        v.declare_set(
            b"X",
            DeclScope::Local,
            Attributes::NONE,
            Attributes::EXPORT,
            b"2".to_vec(),
        )
        .unwrap();
        // bash: `local +x X=2` leaves the exported global visible to children
        assert_eq!(block(&mut v), ["X=1"]);
        v.pop_function_scope();
        v.push_function_scope();
        v.declare_set(
            b"X",
            DeclScope::Local,
            Attributes::NONE,
            Attributes::NONE,
            b"3".to_vec(),
        )
        .unwrap();
        // a plain local of an exported name inherits the export flag
        assert_eq!(block(&mut v), ["X=3"]);
        v.unset(b"X").unwrap();
        assert_eq!(v.get(b"X"), None);
        assert_eq!(block(&mut v), ["X=1"]);
        v.pop_function_scope();
        assert_eq!(block(&mut v), ["X=1"]);
    }

    #[test]
    fn exported_dynamic_is_recomputed() {
        let mut v = Variables::new();
        v.declare(
            b"RANDOM",
            DeclScope::Current,
            Attributes::EXPORT,
            Attributes::NONE,
        )
        .unwrap();
        let a = block(&mut v);
        let b = block(&mut v);
        assert!(a[0].starts_with("RANDOM=") && b[0].starts_with("RANDOM="));
        assert_ne!(a, b);
    }

    #[test]
    fn env_ptrs_are_null_terminated() {
        let mut v = Variables::new();
        export(&mut v, b"A", b"1");
        export(&mut v, b"B", b"2");
        let p = v.environ_ptrs();
        assert_eq!(p.len(), 2);
        assert!(!p.is_empty());
        // SAFETY: as_ptr points at len()+1 valid pointers while `p` lives.
        unsafe {
            let arr = p.as_ptr();
            assert!(!(*arr).is_null());
            assert_eq!(std::ffi::CStr::from_ptr(*arr.add(1)).to_bytes(), b"B=2");
            assert!((*arr.add(2)).is_null());
        }
    }
}
