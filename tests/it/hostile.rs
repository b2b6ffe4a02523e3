//! Hostile input: deep nesting, huge lines, huge scripts, NUL bytes and
//! invalid UTF-8. Each must parse or give a clear error (status 0 or 2)
//! within the guard time — never a crash, a signal or a hang. The timeout
//! only guards against hangs; the assertions are about the outcome.

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use crate::support::{run_with_timeout, whelk_bin, RunOutput};

/// Generous: these finish in well under a second on a loaded machine.
const GUARD: Duration = Duration::from_secs(60);

fn temp_file(name: &str, contents: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whelk-hostile-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    fs::write(&path, contents).expect("write input");
    path
}

#[track_caller]
fn check(name: &str, args: &[&str], contents: &[u8]) -> RunOutput {
    let path = temp_file(name, contents);
    let mut cmd = Command::new(whelk_bin());
    cmd.args(args).arg(&path);
    let out = run_with_timeout(&mut cmd, GUARD).expect("run whelk");
    let _ = fs::remove_file(&path);
    assert!(!out.timed_out, "{name}: whelk did not finish");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name}: panic: {stderr}");
    // 0: fine; 2: a syntax or nesting error; 1: a runtime error (e.g.
    // arithmetic recursion). Anything else (128+n) would be a crash.
    assert!(
        (0..=2).contains(&out.status),
        "{name}: status {} (crash?), stderr: {stderr}",
        out.status
    );
    out
}

/// Deep nesting either parses (the stack grows on demand) or is refused
/// with an error that names the nesting limit.
#[track_caller]
fn parsed_or_rejected_as_too_deep(name: &str, out: &RunOutput) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status != 0 {
        assert_eq!(out.status, 2, "{name}: {stderr}");
        assert!(
            stderr.contains("nesting") || stderr.contains("deep"),
            "{name}: {stderr}"
        );
    }
}

fn nested(open: &str, close: &str, depth: usize, middle: &str) -> Vec<u8> {
    let mut s = String::with_capacity(depth * (open.len() + close.len()) + middle.len());
    for _ in 0..depth {
        s.push_str(open);
    }
    s.push_str(middle);
    for _ in 0..depth {
        s.push_str(close);
    }
    s.push('\n');
    s.into_bytes()
}

#[test]
fn hundred_thousand_nested_subshells() {
    let out = check("subshells", &["-n"], &nested("(", ")", 100_000, "true"));
    parsed_or_rejected_as_too_deep("subshells", &out);
}

#[test]
fn hundred_thousand_nested_command_substitutions() {
    let out = check("cmdsubs", &["-n"], &nested("echo $(", ")", 100_000, "true"));
    parsed_or_rejected_as_too_deep("cmdsubs", &out);
}

#[test]
fn hundred_thousand_nested_brace_groups() {
    let out = check("braces", &["-n"], &nested("{ ", "; }", 100_000, "true"));
    parsed_or_rejected_as_too_deep("braces", &out);
}

#[test]
fn hundred_thousand_nested_arithmetic_parentheses() {
    let body = nested("((", "))", 100_000, "1");
    let mut text = b"echo $(".to_vec();
    text.extend_from_slice(&body[..body.len() - 1]);
    text.extend_from_slice(b")\n");
    check("arith", &["-n"], &text);
    // Running it reports an error instead of overflowing the stack.
    let out = check("arith-run", &[], &text);
    assert_ne!(out.stderr.len(), 0);
}

#[test]
fn moderately_deep_nesting_parses_and_runs() {
    let out = check("deep-ok", &[], &nested("( ", " )", 300, "echo deep-ok"));
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout, b"deep-ok\n");
}

#[test]
fn ten_megabyte_line() {
    let mut line = b"echo ".to_vec();
    line.extend(std::iter::repeat_n(b'x', 10 * 1024 * 1024));
    line.push(b'\n');
    let out = check("big-line", &[], &line);
    assert_eq!(out.status, 0);
    assert_eq!(out.stdout.len(), 10 * 1024 * 1024 + 1);
}

#[test]
fn million_line_script() {
    let mut text = Vec::with_capacity(8_000_000);
    for i in 0..1_000_000 {
        text.extend_from_slice(format!("x={i}\n").as_bytes());
    }
    text.extend_from_slice(b"echo $x\n");
    let out = check("million", &[], &text);
    assert_eq!(out.stdout, b"999999\n");
    check("million-n", &["-n"], &text);
}

#[test]
fn nul_bytes_and_invalid_utf8_pass_through() {
    let out = check(
        "bytes",
        &[],
        b"printf '%s\\n' \xff\xfe\xc3\x41 'a\xe9b'\necho ok\n",
    );
    assert_eq!(out.stdout, b"\xff\xfe\xc3\x41\na\xe9b\nok\n");
    let out = check("nul", &["-n"], b"echo a\0b\nif\0 true; then :; fi\n");
    assert!(out.status == 0 || out.status == 2);
}

#[test]
fn many_unclosed_quotes_and_brackets_fail_cleanly() {
    let text = "\"'`$(${[[ ((".repeat(20_000);
    let out = check("unclosed", &["-n"], text.as_bytes());
    assert_eq!(out.status, 2);
}

#[test]
fn brace_expansion_attempts_are_not_quadratic_or_exponential() {
    let text = format!("echo {}\n", "{".repeat(200_000));
    let out = check("braces-open", &[], text.as_bytes());
    assert_eq!(out.status, 0);
    let text = format!("echo {}x{}\n", "{a,".repeat(12), "}".repeat(12));
    check("braces-product", &[], text.as_bytes());
}
