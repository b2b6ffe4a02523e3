//! The shell's options: `set -o` names with their letters, and bash's
//! `shopt` options. Both are plain flags read by every layer.

/// `set` options, in the order `set -o` lists them.
pub const SET_OPTIONS: &[(&str, Option<u8>)] = &[
    ("allexport", Some(b'a')),
    ("braceexpand", Some(b'B')),
    ("emacs", None),
    ("errexit", Some(b'e')),
    ("errtrace", Some(b'E')),
    ("functrace", Some(b'T')),
    ("hashall", Some(b'h')),
    ("histexpand", Some(b'H')),
    ("history", None),
    ("ignoreeof", None),
    ("interactive-comments", None),
    ("keyword", Some(b'k')),
    ("monitor", Some(b'm')),
    ("noclobber", Some(b'C')),
    ("noexec", Some(b'n')),
    ("noglob", Some(b'f')),
    ("nolog", None),
    ("notify", Some(b'b')),
    ("nounset", Some(b'u')),
    ("onecmd", Some(b't')),
    ("physical", Some(b'P')),
    ("pipefail", None),
    ("posix", None),
    ("privileged", Some(b'p')),
    ("verbose", Some(b'v')),
    ("vi", None),
    ("xtrace", Some(b'x')),
];

/// `shopt` options whelk implements, with bash's defaults.
pub const SHOPT_OPTIONS: &[(&str, bool)] = &[
    ("autocd", false),
    ("assoc_expand_once", false),
    ("cdable_vars", false),
    ("cdspell", false),
    ("checkhash", false),
    ("checkjobs", false),
    ("checkwinsize", true),
    ("cmdhist", true),
    ("compat31", false),
    ("compat32", false),
    ("compat40", false),
    ("compat41", false),
    ("compat42", false),
    ("compat43", false),
    ("compat44", false),
    ("complete_fullquote", true),
    ("direxpand", false),
    ("dirspell", false),
    ("dotglob", false),
    ("execfail", false),
    ("expand_aliases", false),
    ("extdebug", false),
    ("extglob", false),
    ("extquote", true),
    ("failglob", false),
    ("force_fignore", true),
    ("globasciiranges", true),
    ("globskipdots", true),
    ("globstar", false),
    ("gnu_errfmt", false),
    ("histappend", false),
    ("histreedit", false),
    ("histverify", false),
    ("hostcomplete", true),
    ("huponexit", false),
    ("inherit_errexit", false),
    ("interactive_comments", true),
    ("lastpipe", false),
    ("lithist", false),
    ("localvar_inherit", false),
    ("localvar_unset", false),
    ("login_shell", false),
    ("mailwarn", false),
    ("no_empty_cmd_completion", false),
    ("nocaseglob", false),
    ("nocasematch", false),
    ("noexpand_translation", false),
    ("nullglob", false),
    ("patsub_replacement", true),
    ("progcomp", true),
    ("progcomp_alias", false),
    ("promptvars", true),
    ("restricted_shell", false),
    ("shift_verbose", false),
    ("sourcepath", true),
    ("varredir_close", false),
    ("xpg_echo", false),
];

#[derive(Debug, Clone)]
pub struct Options {
    set: Vec<bool>,
    shopt: Vec<bool>,
}

impl Default for Options {
    fn default() -> Options {
        let mut opts = Options {
            set: vec![false; SET_OPTIONS.len()],
            shopt: SHOPT_OPTIONS.iter().map(|&(_, on)| on).collect(),
        };
        opts.set_named("braceexpand", true);
        opts.set_named("hashall", true);
        opts.set_named("interactive-comments", true);
        opts
    }
}

/// The position of a `set -o` option in [`SET_OPTIONS`], at compile time.
const fn set_index(name: &str) -> usize {
    let mut i = 0;
    while i < SET_OPTIONS.len() {
        if str_eq(SET_OPTIONS[i].0, name) {
            return i;
        }
        i += 1;
    }
    panic!("unknown option name");
}

/// The position of a `shopt` option in [`SHOPT_OPTIONS`], at compile time.
const fn shopt_index(name: &str) -> usize {
    let mut i = 0;
    while i < SHOPT_OPTIONS.len() {
        if str_eq(SHOPT_OPTIONS[i].0, name) {
            return i;
        }
        i += 1;
    }
    panic!("unknown shopt name");
}

const fn str_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

const ERREXIT: usize = set_index("errexit");
const NOUNSET: usize = set_index("nounset");
const XTRACE: usize = set_index("xtrace");
const NOGLOB: usize = set_index("noglob");
const NOCLOBBER: usize = set_index("noclobber");
const PIPEFAIL: usize = set_index("pipefail");
const POSIX: usize = set_index("posix");
const BRACEEXPAND: usize = set_index("braceexpand");
const EXTGLOB: usize = shopt_index("extglob");
const NULLGLOB: usize = shopt_index("nullglob");
const FAILGLOB: usize = shopt_index("failglob");
const DOTGLOB: usize = shopt_index("dotglob");
const NOCASEGLOB: usize = shopt_index("nocaseglob");
const GLOBSTAR: usize = shopt_index("globstar");
const NOCASEMATCH: usize = shopt_index("nocasematch");

impl Options {
    fn index(name: &str) -> Option<usize> {
        SET_OPTIONS.iter().position(|&(n, _)| n == name)
    }

    /// Whether the `set -o` option `name` is on (false if unknown).
    pub fn get(&self, name: &str) -> bool {
        Self::index(name).is_some_and(|i| self.set[i])
    }

    /// Sets a `set -o` option; false if the name is unknown.
    pub fn set_named(&mut self, name: &str, on: bool) -> bool {
        let Some(i) = Self::index(name) else {
            return false;
        };
        self.set[i] = on;
        // emacs and vi exclude each other.
        if on && (name == "vi" || name == "emacs") {
            let other = if name == "vi" { "emacs" } else { "vi" };
            if let Some(j) = Self::index(other) {
                self.set[j] = false;
            }
        }
        true
    }

    /// Sets the option for a `set` letter; false if the letter is unknown.
    pub fn set_letter(&mut self, letter: u8, on: bool) -> bool {
        match SET_OPTIONS.iter().position(|&(_, l)| l == Some(letter)) {
            Some(i) => {
                self.set[i] = on;
                true
            }
            None => false,
        }
    }

    /// The letters of the options that are on, for `$-`.
    pub fn letters(&self) -> Vec<u8> {
        let mut out: Vec<u8> = SET_OPTIONS
            .iter()
            .zip(&self.set)
            .filter_map(|(&(_, l), &on)| if on { l } else { None })
            .collect();
        out.sort_unstable_by_key(|&b| (b.is_ascii_uppercase(), b));
        out
    }

    pub fn all(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        SET_OPTIONS
            .iter()
            .zip(&self.set)
            .map(|(&(n, _), &on)| (n, on))
    }

    pub fn shopt(&self, name: &str) -> Option<bool> {
        SHOPT_OPTIONS
            .iter()
            .position(|&(n, _)| n == name)
            .map(|i| self.shopt[i])
    }

    pub fn set_shopt(&mut self, name: &str, on: bool) -> bool {
        match SHOPT_OPTIONS.iter().position(|&(n, _)| n == name) {
            Some(i) => {
                self.shopt[i] = on;
                true
            }
            None => false,
        }
    }

    pub fn all_shopt(&self) -> impl Iterator<Item = (&'static str, bool)> + '_ {
        SHOPT_OPTIONS
            .iter()
            .zip(&self.shopt)
            .map(|(&(n, _), &on)| (n, on))
    }

    // Fast accessors for the hot paths (no name lookup).
    pub fn errexit(&self) -> bool {
        self.set[ERREXIT]
    }
    pub fn nounset(&self) -> bool {
        self.set[NOUNSET]
    }
    pub fn xtrace(&self) -> bool {
        self.set[XTRACE]
    }
    pub fn noglob(&self) -> bool {
        self.set[NOGLOB]
    }
    pub fn noclobber(&self) -> bool {
        self.set[NOCLOBBER]
    }
    pub fn pipefail(&self) -> bool {
        self.set[PIPEFAIL]
    }
    pub fn posix(&self) -> bool {
        self.set[POSIX]
    }
    pub fn braceexpand(&self) -> bool {
        self.set[BRACEEXPAND]
    }
    pub fn extglob(&self) -> bool {
        self.shopt[EXTGLOB]
    }
    pub fn nullglob(&self) -> bool {
        self.shopt[NULLGLOB]
    }
    pub fn failglob(&self) -> bool {
        self.shopt[FAILGLOB]
    }
    pub fn dotglob(&self) -> bool {
        self.shopt[DOTGLOB]
    }
    pub fn nocaseglob(&self) -> bool {
        self.shopt[NOCASEGLOB]
    }
    pub fn globstar(&self) -> bool {
        self.shopt[GLOBSTAR]
    }
    pub fn nocasematch(&self) -> bool {
        self.shopt[NOCASEMATCH]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_reflect_options() {
        let mut o = Options::default();
        o.set_letter(b'e', true);
        o.set_named("xtrace", true);
        assert_eq!(o.letters(), b"ehxB".to_vec(), "bash prints $- as ehxB here");
        assert!(o.errexit() && o.xtrace());
        assert!(!o.set_named("nosuch", true));
    }
}
