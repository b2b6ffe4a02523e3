//! Job-control builtins: `jobs`, `fg`, `bg`, `wait`, `kill`, `disown`,
//! `suspend`. (Registered through [`find`].)

use crate::builtins::Builtin;

pub const NAMES: &[&str] = &[];

pub fn find(_name: &[u8]) -> Option<Builtin> {
    None
}
