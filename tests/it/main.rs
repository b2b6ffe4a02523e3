//! Integration tests: each module runs the real `whelk` binary.

mod parse;
