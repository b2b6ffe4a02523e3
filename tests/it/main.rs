//! Integration tests: each module runs the real `whelk` binary.

mod cases;
mod hostile;
mod jobctl;
mod jobctl_script;
mod parse;
mod pty;
mod realscripts;
mod repl;
mod support;
