//! Integration tests: each module runs the real `whelk` binary.

mod cases;
mod jobctl;
mod parse;
mod pty;
mod support;
