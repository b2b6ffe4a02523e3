//! Parser behaviour seen from the command line: `-n`, `--dump-ast`,
//! syntax error reports (`whelk: FILE:LINE:COL: …`, the source line, a
//! caret, status 2) for `-c` strings, script files and standard input,
//! and hostile input run through `whelk -n`: deep nesting, a 10 MB line, a
//! 1,000,000-line script, NUL bytes and invalid UTF-8. Each must parse or
//! fail with a clear error, without a crash, within a generous time limit
//! (a hang guard, not a speed test: see `scripts/bench-parse` for speed)
//! and under a memory limit.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn whelk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whelk"))
}

/// A script file in the temporary directory, removed when dropped.
struct TempScript(PathBuf);

impl TempScript {
    fn new(name: &str, text: &[u8]) -> TempScript {
        let path = std::env::temp_dir().join(format!("whelk-parse-{}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("write a temporary script");
        TempScript(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("temporary paths are UTF-8")
    }
}

impl Drop for TempScript {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Runs `whelk ARGS` with `stdin` as input, under a memory limit, killing
/// it if it runs longer than `limit` (a hang, reported as a failure).
fn run_limited(args: &[&str], stdin: &[u8], limit: Duration) -> Output {
    // `ulimit -v` (KB of address space) bounds memory: a runaway parser
    // fails instead of swapping the machine.
    let mut script = String::from("ulimit -v 4000000; exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    let mut child = Command::new("/bin/sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_whelk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start whelk");
    let mut input = child.stdin.take().expect("stdin");
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&stdin);
    });
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("whelk {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = writer.join();
    child.wait_with_output().expect("collect output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `whelk -n FILE` either accepts it (status 0, silent) or reports a
/// syntax error (status 2, `whelk: FILE:…: syntax error…`); never a panic
/// or a signal.
#[track_caller]
fn assert_parses_or_clear_error(name: &str, text: &[u8]) -> Output {
    let script = TempScript::new(name, text);
    let out = run_limited(&["-n", script.path()], b"", Duration::from_secs(120));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{name}: {err}");
    match out.status.code() {
        Some(0) => assert!(err.is_empty(), "{name}: {err}"),
        Some(2) => {
            let first = err.lines().next().unwrap_or_default();
            assert!(
                first.starts_with(&format!("whelk: {}:", script.path()))
                    && first.contains("syntax error"),
                "{name}: {first}"
            );
        }
        other => panic!("{name}: status {other:?} (signal?), stderr: {err}"),
    }
    out
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

#[test]
fn error_report_has_the_line_and_a_caret_for_every_kind_of_source() {
    let text = b"echo a\n\n  fi\n";
    let expected_tail = "syntax error near unexpected token `fi'\n    3 |   fi\n      |   ^^\n";
    // -c string.
    let out = whelk()
        .args(["-n", "-c"])
        .arg("echo a\n\n  fi\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("whelk: -c:3:3: {expected_tail}"));
    assert!(out.stdout.is_empty());
    // Script file.
    let script = TempScript::new("report.sh", text);
    let out = whelk().args(["-n", script.path()]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("whelk: {}:3:3: {expected_tail}", script.path())
    );
    // Standard input.
    let out = run_limited(&["-n"], text, Duration::from_secs(60));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), format!("whelk: stdin:3:3: {expected_tail}"));
}

#[test]
fn every_error_form_exits_2_with_a_located_message() {
    // (script, the message after `whelk: -c:`), one per kind of error.
    let cases: &[(&str, &str)] = &[
        ("echo 'a", "1:8: syntax error: unexpected end of file: unterminated single quote (`'` opened at 1:6)"),
        ("echo \"a", "1:8: syntax error: unexpected end of file: unterminated double quote (`\"` opened at 1:6)"),
        ("echo `a", "1:8: syntax error: unexpected end of file: unterminated backquote (`` ` `` opened at 1:6)"),
        ("echo $(a", "1:9: syntax error: unexpected end of file (`$(` opened at 1:6)"),
        ("echo ${a", "1:9: syntax error: unexpected end of file: `${` is not closed by `}` (`${` opened at 1:6)"),
        ("echo $((1", "1:10: syntax error: unexpected end of file: unterminated $(( (`$((` opened at 1:6)"),
        ("if a; then b", "1:13: syntax error: unexpected end of file: `if` is never closed by `fi` (`if` opened at 1:1)"),
        ("while a; do b", "1:14: syntax error: unexpected end of file: `while` is never closed by `done` (`while` opened at 1:1)"),
        ("case x in a) ;;", "1:16: syntax error: unexpected end of file: `case` is never closed by `esac` (`case` opened at 1:1)"),
        ("{ a;", "1:5: syntax error: unexpected end of file: `{` is never closed by `}` (`{` opened at 1:1)"),
        ("( a", "1:4: syntax error: unexpected end of file: `(` is never closed by `)` (`(` opened at 1:1)"),
        ("a |", "1:4: syntax error: unexpected end of file: a command must follow `|`"),
        ("a &&", "1:5: syntax error: unexpected end of file: a command must follow `&&`"),
        ("a ||", "1:5: syntax error: unexpected end of file: a command must follow `||`"),
        ("fi", "1:1: syntax error near unexpected token `fi'"),
        ("a; ;", "1:4: syntax error near unexpected token `;'"),
        ("echo >", "1:7: syntax error near unexpected token `newline'"),
        ("if a; fi", "1:7: syntax error near unexpected token `fi' (expected `then`) (`if` opened at 1:1)"),
        ("[[ a b ]]", "1:6: syntax error: conditional binary operator expected, got `b'"),
        ("for 1 in a; do :; done", "1:5: syntax error near unexpected token `1'"),
    ];
    for (script, expected) in cases {
        let out = whelk().args(["-n", "-c", script]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{script:?}");
        let err = stderr(&out);
        let first = err.lines().next().unwrap_or_default();
        assert_eq!(first, format!("whelk: -c:{expected}"), "{script:?}");
    }
    // Here-documents: unterminated at the end of a file is accepted (bash
    // warns and reads to the end); a missing delimiter word is an error.
    let out = whelk().args(["-n", "-c", "cat <<"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = whelk()
        .args(["-n", "-c", "cat <<E\nbody"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn commands_before_a_syntax_error_run() {
    let out = whelk().args(["-c", "echo before\nif"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(out.stdout, b"before\n");
    assert!(stderr(&out).starts_with("whelk: -c:2:3: syntax error"));
}

#[test]
fn stdin_is_read_a_command_at_a_time_across_lines() {
    let out = run_limited(
        &[],
        b"echo 1\nif true; then\n  echo 2\nfi\ncat <<E\n3\nE\necho 4 \\\n5\n",
        Duration::from_secs(60),
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "1\n2\n3\n4 5\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn dump_ast_prints_the_tree_with_spans() {
    let out = whelk()
        .args(["--dump-ast", "-c", "a=1 echo \"$x\" >f | wc; b"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "(pipe@0-21 (simple@0-16 (assign \"a\" (w@2-3 (lit \"1\"))) (w@4-8 (lit \"echo\")) \
         (w@9-13 (dq (param x))) (redir@14-16 > (w@15-16 (lit \"f\")))) | (simple@19-21 (w@19-21 (lit \"wc\"))))\n\
         (simple@23-24 (w@23-24 (lit \"b\")))\n"
    );
}

#[test]
fn check_only_accepts_valid_scripts_silently() {
    let script = TempScript::new(
        "valid.sh",
        b"#!/bin/sh\nf() { for i in \"$@\"; do case $i in a|b) echo \"${i%x}\";; esac; done; }\n\
          f a b | while read -r l; do echo \"$l\"; done\ncat <<'E'\n$(not run)\nE\n",
    );
    let out = whelk().args(["-n", script.path()]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

fn nest(open: &str, middle: &str, close: &str, n: usize) -> Vec<u8> {
    let mut s = open.repeat(n);
    s.push_str(middle);
    s.push_str(&close.repeat(n));
    s.push('\n');
    s.into_bytes()
}

#[test]
fn hostile_nesting_parses_or_fails_cleanly() {
    const N: usize = 100_000;
    let prefixed = |prefix: &str, body: Vec<u8>| [prefix.as_bytes(), &body].concat();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("subshells", nest("( ", "true", " )", N)),
        ("subshells-tight", nest("(", "true", ")", N)),
        (
            "command-subs",
            prefixed("echo ", nest("$(", "true", ")", N)),
        ),
        ("brace-groups", nest("{ ", "true; ", "}; ", N)),
        (
            "arith-parens",
            prefixed("echo ", nest("$(( ", &"(".repeat(N), &")".repeat(N), 1)),
        ),
        ("arith-subs", prefixed("echo ", nest("$(( ", "1", " ))", N))),
        ("cond-parens", prefixed("[[ ", nest("( ", "a", " )", N))),
        (
            "param-defaults",
            prefixed("echo ", nest("${x:-", "y", "}", N)),
        ),
        (
            "dquote-subs",
            prefixed("echo ", nest("\"$(", "true", ")\"", N)),
        ),
        ("open-braces", prefixed("echo ", "{".repeat(N).into_bytes())),
        ("brace-lists", prefixed("echo ", nest("{a,", "b", "}", N))),
        ("ifs", nest("if true; then ", ":", "; fi", N)),
        ("backquotes", prefixed("echo ", "`".repeat(N).into_bytes())),
    ];
    for (name, text) in cases {
        assert_parses_or_clear_error(name, &text);
    }
}

#[test]
fn a_ten_megabyte_line() {
    let mut line = b"echo ".to_vec();
    line.extend(std::iter::repeat_n(b'a', 10 << 20));
    line.push(b'\n');
    let out = assert_parses_or_clear_error("long-line", &line);
    assert_eq!(out.status.code(), Some(0));
    let mut words = b"echo".to_vec();
    for _ in 0..(1 << 20) {
        words.extend_from_slice(b" $x\"y\"");
    }
    let out = assert_parses_or_clear_error("long-line-words", &words);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_million_line_script() {
    let lines = [
        "echo \"$x\" 'y' z >/dev/null",
        "x=$((x + 1))",
        "if [ -n \"$x\" ]; then :; fi",
        "f() { return 0; }",
        "case $x in a|b) ;; esac",
        "# a comment",
        "",
        "a | b && c || d &",
    ];
    let mut text = Vec::new();
    for i in 0..1_000_000 {
        text.extend_from_slice(lines[i % lines.len()].as_bytes());
        text.push(b'\n');
    }
    let out = assert_parses_or_clear_error("million-lines", &text);
    assert_eq!(out.status.code(), Some(0));
    // One compound command spanning 200,000 lines is held whole.
    let mut text = b"while true; do\n".to_vec();
    for _ in 0..200_000 {
        text.extend_from_slice(b"  echo \"$x\" y\n");
    }
    text.extend_from_slice(b"done\n");
    let out = assert_parses_or_clear_error("long-loop", &text);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let out = assert_parses_or_clear_error(
        "binary",
        b"echo a\0b \xff\xfe\nif true; then echo \xc3\xc3; fi\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let out = assert_parses_or_clear_error("binary-error", b"echo \xff\nfi \xfe\n");
    assert_eq!(out.status.code(), Some(2));
    // Running prints the bytes unchanged.
    let script = TempScript::new("bytes.sh", b"echo \xff\xfe 'q\x80'\n");
    let out = whelk().arg(script.path()).output().unwrap();
    assert_eq!(out.stdout, b"\xff\xfe q\x80\n");
}
