//! The user database, read from `/etc/passwd` directly.
//!
//! whelk is linked statically (start-up is a third faster without the
//! dynamic loader), and glibc's `getpwnam` cannot load its NSS modules in a
//! static binary, so `~user`, `\u` and user-name completion read the file
//! themselves. Users known only to LDAP/NIS are therefore not found; `~`
//! alone uses `$HOME`.

/// One `/etc/passwd` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: Vec<u8>,
    pub uid: u32,
    pub home: Vec<u8>,
}

fn parse_line(line: &[u8]) -> Option<User> {
    let mut fields = line.split(|&b| b == b':');
    let name = fields.next()?.to_vec();
    let _password = fields.next()?;
    let uid = std::str::from_utf8(fields.next()?).ok()?.parse().ok()?;
    let _gid = fields.next()?;
    let _gecos = fields.next()?;
    let home = fields.next()?.to_vec();
    (!name.is_empty()).then_some(User { name, uid, home })
}

/// Every user in `/etc/passwd` (empty if it cannot be read).
pub fn all_users() -> Vec<User> {
    let Ok(text) = std::fs::read("/etc/passwd") else {
        return Vec::new();
    };
    text.split(|&b| b == b'\n')
        .filter(|l| !l.starts_with(b"#"))
        .filter_map(parse_line)
        .collect()
}

pub fn by_name(name: &[u8]) -> Option<User> {
    all_users().into_iter().find(|u| u.name == name)
}

pub fn by_uid(uid: u32) -> Option<User> {
    all_users().into_iter().find(|u| u.uid == uid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_passwd_lines() {
        let u = parse_line(b"root:x:0:0:root:/root:/bin/bash").unwrap();
        assert_eq!(
            u,
            User {
                name: b"root".to_vec(),
                uid: 0,
                home: b"/root".to_vec()
            }
        );
        assert!(parse_line(b"broken").is_none());
        assert_eq!(by_uid(0).map(|u| u.name), Some(b"root".to_vec()));
    }
}
