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
    ("cdspell", false),
    ("checkhash", false),
    ("checkjobs", false),
    ("checkwinsize", true),
    ("cmdhist", true),
    ("dotglob", false),
    ("execfail", false),
    ("expand_aliases", false),
    ("extglob", false),
    ("extquote", true),
    ("failglob", false),
    ("globasciiranges", true),
    ("globstar", false),
    ("histappend", false),
    ("huponexit", false),
    ("inherit_errexit", false),
    ("interactive_comments", true),
    ("lastpipe", false),
    ("login_shell", false),
    ("nocaseglob", false),
    ("nocasematch", false),
    ("nullglob", false),
    ("patsub_replacement", true),
    ("promptvars", true),
    ("sourcepath", true),
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
        opts.set_named("emacs", true);
        opts
    }
}

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

    // Fast accessors for the hot paths.
    pub fn errexit(&self) -> bool {
        self.get("errexit")
    }
    pub fn nounset(&self) -> bool {
        self.get("nounset")
    }
    pub fn xtrace(&self) -> bool {
        self.get("xtrace")
    }
    pub fn noglob(&self) -> bool {
        self.get("noglob")
    }
    pub fn noclobber(&self) -> bool {
        self.get("noclobber")
    }
    pub fn pipefail(&self) -> bool {
        self.get("pipefail")
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
