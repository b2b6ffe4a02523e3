//! Tilde expansion: `~` is `$HOME` (or the password database's entry),
//! `~user` that user's home, `~+` `$PWD`, `~-` `$OLDPWD`. An unknown user
//! leaves the text as written.

use crate::shell::Shell;

impl Shell {
    pub fn expand_tilde(&mut self, user: &[u8]) -> Vec<u8> {
        let written = || {
            let mut t = b"~".to_vec();
            t.extend_from_slice(user);
            t
        };
        match user {
            b"" => match self.vars.get(b"HOME") {
                Some(home) => home.into_owned(),
                None => home_of_uid().unwrap_or_else(written),
            },
            b"+" => self
                .vars
                .get(b"PWD")
                .map(|v| v.into_owned())
                .unwrap_or_else(written),
            b"-" => self
                .vars
                .get(b"OLDPWD")
                .map(|v| v.into_owned())
                .unwrap_or_else(written),
            name => match crate::sys::users::by_name(name) {
                Some(u) => u.home,
                None => written(),
            },
        }
    }
}

fn home_of_uid() -> Option<Vec<u8>> {
    crate::sys::users::by_uid(nix::unistd::getuid().as_raw()).map(|u| u.home)
}
