//! Parser behaviour seen from the command line: `-n`, `--dump-ast`,
//! syntax error messages and status 2.

use std::process::Command;

fn whelk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whelk"))
}

#[test]
fn syntax_error_names_file_line_column_and_opener() {
    let out = whelk()
        .args(["-n", "-c", "if true; then\n  echo x\n"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("whelk: -c:3:1: syntax error"), "{err}");
    assert!(err.contains("`if` opened at 1:1"), "{err}");
}
