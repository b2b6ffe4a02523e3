//! Thin, safe wrappers over the operating system: file descriptors,
//! signals, process creation, line reading, POSIX regular expressions.
//! The rest of the shell calls these instead of libc directly.

pub mod fd;
pub mod lineread;
pub mod regex;
pub mod signal_names;
pub mod signals;
pub mod spawn;
pub mod users;
