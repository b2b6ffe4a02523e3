//! Integration tests: each module runs the real `whelk` binary.

mod cases;
mod parse;
mod realscripts;
mod support;
