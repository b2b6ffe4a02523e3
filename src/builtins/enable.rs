//! `enable` (turning builtins off so a command of the same name runs, and
//! listing them as bash does) and `logout`. Entry points: [`enable`],
//! [`logout`].

use super::{args, error, out};
use crate::exec::Status;
use crate::shell::Shell;

pub fn enable(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    let parsed = match args::parse(shell, argv, "adnpsf:") {
        Ok(p) => p,
        Err(s) => return Ok(s),
    };
    let names = &argv[parsed.rest..];
    let disable = parsed.has(b'n');
    if names.is_empty() || parsed.has(b'p') {
        let (on, off) = if parsed.has(b'a') {
            (true, true)
        } else {
            (!disable, disable)
        };
        return Ok(list(shell, on, off, parsed.has(b's')));
    }
    if let Some(file) = parsed.value(b'f') {
        let m = [
            b"cannot open shared object ".as_slice(),
            file,
            b": dynamic loading is not supported",
        ]
        .concat();
        error(shell, b"enable", &m);
        return Ok(1);
    }
    let mut status = 0;
    for name in names {
        if parsed.has(b'd') {
            error(
                shell,
                b"enable",
                &[name.as_slice(), b": not dynamically loaded"].concat(),
            );
            status = 1;
        } else if super::find(name).is_none() {
            error(
                shell,
                b"enable",
                &[name.as_slice(), b": not a shell builtin"].concat(),
            );
            status = 1;
        } else if disable {
            shell.disabled_builtins.insert(name.clone());
        } else {
            shell.disabled_builtins.remove(name.as_slice());
        }
    }
    Ok(status)
}

/// `enable NAME` / `enable -n NAME` lines, in the builtin table's order.
fn list(shell: &mut Shell, enabled: bool, disabled: bool, special_only: bool) -> i32 {
    let mut text = Vec::new();
    for name in super::names() {
        let Some(b) = super::find(name.as_bytes()) else {
            continue;
        };
        if special_only && !b.special {
            continue;
        }
        let off = shell.disabled_builtins.contains(name.as_bytes());
        if enabled && !off {
            text.extend_from_slice(format!("enable {name}\n").as_bytes());
        } else if disabled && off {
            text.extend_from_slice(format!("enable -n {name}\n").as_bytes());
        }
    }
    out(shell, &text)
}

/// `logout [n]`: `exit` for a login shell, an error otherwise.
pub fn logout(shell: &mut Shell, argv: &[Vec<u8>]) -> Status {
    if !shell.login {
        error(shell, b"logout", b"not login shell: use `exit'");
        return Ok(1);
    }
    super::flow::exit(shell, argv)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &[&str]) -> Vec<Vec<u8>> {
        ws.iter().map(|w| w.as_bytes().to_vec()).collect()
    }

    #[test]
    fn disabled_builtins_are_not_found_until_enabled() {
        let mut sh = Shell::new(b"whelk".to_vec());
        assert_eq!(
            enable(&mut sh, &words(&["enable", "-n", "echo", "test"])),
            Ok(0)
        );
        assert!(super::super::find_enabled(&sh, b"echo").is_none());
        assert!(super::super::find_enabled(&sh, b"printf").is_some());
        assert_eq!(enable(&mut sh, &words(&["enable", "echo"])), Ok(0));
        assert!(super::super::find_enabled(&sh, b"echo").is_some());
        assert!(sh.disabled_builtins.contains(&b"test"[..]));
    }

    #[test]
    fn unknown_names_fail() {
        let mut sh = Shell::new(b"whelk".to_vec());
        assert_eq!(enable(&mut sh, &words(&["enable", "-n", "nosuch"])), Ok(1));
        assert_eq!(enable(&mut sh, &words(&["enable", "-x"])), Ok(2));
    }
}
