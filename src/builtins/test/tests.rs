//! Unit tests for `test`. The grammar cases were produced by running the
//! same arguments through /bin/bash 5.2's `test` (see the comment above
//! each check); file tests use a fixture built here.

use super::*;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

struct Env;

impl TestEnv for Env {
    fn is_var_set(&mut self, name: &[u8]) -> bool {
        matches!(name, b"setvar" | b"empty" | b"a[1]")
    }
    fn is_option_set(&self, name: &[u8]) -> Option<bool> {
        match name {
            b"errexit" => Some(false),
            b"braceexpand" => Some(true),
            _ => None,
        }
    }
}

fn run(args: &[&[u8]]) -> Result<bool, Vec<u8>> {
    let args: Vec<Vec<u8>> = args.iter().map(|a| a.to_vec()).collect();
    evaluate(&args, &mut Env)
}

fn check(args: &[&[u8]], want: Result<bool, &[u8]>) {
    let got = run(args);
    let show = |r: &Result<bool, Vec<u8>>| {
        format!(
            "{:?}",
            r.as_ref()
                .map_err(|e| String::from_utf8_lossy(e).into_owned())
        )
    };
    let want = want.map_err(|e| e.to_vec());
    assert_eq!(
        show(&got),
        show(&want),
        "test {:?}",
        args.iter()
            .map(|a| String::from_utf8_lossy(a))
            .collect::<Vec<_>>()
    );
}

/// A scratch directory with one file of each kind.
struct Fixture(PathBuf);

impl Fixture {
    fn new(name: &str) -> Fixture {
        let dir = std::env::temp_dir().join(format!("whelk-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("dir")).unwrap();
        std::fs::write(dir.join("file"), b"data\n").unwrap();
        std::fs::write(dir.join("empty"), b"").unwrap();
        std::os::unix::fs::symlink("file", dir.join("link")).unwrap();
        std::os::unix::fs::symlink("nowhere", dir.join("dangling")).unwrap();
        std::fs::hard_link(dir.join("file"), dir.join("hardlink")).unwrap();
        nix::unistd::mkfifo(
            &dir.join("fifo"),
            nix::sys::stat::Mode::from_bits_truncate(0o644),
        )
        .unwrap();
        Fixture(dir)
    }

    fn p(&self, name: &str) -> Vec<u8> {
        self.0.join(name).as_os_str().as_bytes().to_vec()
    }

    fn chmod(&self, name: &str, mode: u32) {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(self.0.join(name), std::fs::Permissions::from_mode(mode)).unwrap();
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn unary(op: &str, path: &[u8]) -> bool {
    unary_test(op.as_bytes(), path, &mut Env).unwrap()
}

#[test]
fn file_types() {
    let f = Fixture::new("types");
    for (op, name, want) in [
        ("-e", "file", true),
        ("-a", "dir", true),
        ("-e", "nothere", false),
        ("-e", "dangling", false),
        ("-f", "file", true),
        ("-f", "dir", false),
        ("-f", "link", true),
        ("-d", "dir", true),
        ("-d", "link", false),
        ("-s", "file", true),
        ("-s", "empty", false),
        ("-h", "link", true),
        ("-L", "dangling", true),
        ("-h", "file", false),
        ("-p", "fifo", true),
        ("-p", "file", false),
        ("-S", "file", false),
        ("-c", "file", false),
        ("-b", "file", false),
    ] {
        assert_eq!(unary(op, &f.p(name)), want, "{op} {name}");
    }
    assert!(unary("-c", b"/dev/null"));
    assert!(!unary("-b", b"/dev/null"));
    for op in ["-e", "-f", "-d", "-h", "-r", "-x"] {
        assert!(!unary(op, b""), "{op} ''");
    }
}

#[test]
fn permission_bits() {
    let f = Fixture::new("perm");
    f.chmod("file", 0o4755);
    assert!(unary("-u", &f.p("file")) && !unary("-g", &f.p("file")));
    f.chmod("file", 0o2644);
    assert!(unary("-g", &f.p("file")) && !unary("-u", &f.p("file")));
    f.chmod("dir", 0o1777);
    assert!(unary("-k", &f.p("dir")));
    f.chmod("file", 0o755);
    assert!(unary("-x", &f.p("file")) && unary("-r", &f.p("file")) && unary("-w", &f.p("file")));
    f.chmod("file", 0o644);
    assert!(!unary("-x", &f.p("file")));
    assert!(unary("-x", &f.p("dir")));
    assert!(!unary("-r", &f.p("nothere")));
    assert!(unary("-O", &f.p("file")) && unary("-G", &f.p("file")));
    assert!(!unary("-O", &f.p("nothere")));
}

#[test]
fn file_comparisons() {
    let f = Fixture::new("cmp");
    let old = f.0.join("empty");
    let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(t)
        .unwrap();
    let b = |op: &str, l: &[u8], r: &[u8]| binary_test(op.as_bytes(), l, r).unwrap().unwrap();
    assert!(b("-nt", &f.p("file"), &f.p("empty")));
    assert!(!b("-nt", &f.p("empty"), &f.p("file")));
    assert!(b("-ot", &f.p("empty"), &f.p("file")));
    assert!(b("-nt", &f.p("file"), &f.p("nothere")));
    assert!(!b("-nt", &f.p("nothere"), &f.p("file")));
    assert!(b("-ot", &f.p("nothere"), &f.p("file")));
    assert!(!b("-ot", &f.p("nothere"), &f.p("nothere2")));
    assert!(b("-ef", &f.p("file"), &f.p("hardlink")));
    assert!(b("-ef", &f.p("file"), &f.p("link")));
    assert!(!b("-ef", &f.p("file"), &f.p("empty")));
    assert!(!b("-ef", &f.p("nothere"), &f.p("nothere")));
}

#[test]
fn n_flag_compares_mtime_and_atime() {
    let f = Fixture::new("n");
    let file = std::fs::File::options()
        .write(true)
        .open(Path::new(&f.0).join("file"))
        .unwrap();
    let t = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(946_684_800);
    file.set_times(std::fs::FileTimes::new().set_accessed(t))
        .unwrap();
    assert!(unary("-N", &f.p("file")));
    file.set_times(
        std::fs::FileTimes::new()
            .set_accessed(std::time::SystemTime::now())
            .set_modified(t),
    )
    .unwrap();
    assert!(!unary("-N", &f.p("file")));
}

#[test]
fn files_in_test_expressions() {
    let f = Fixture::new("expr");
    let (file, dir, none) = (f.p("file"), f.p("dir"), f.p("nothere"));
    check(&[b"-f", &file, b"-a", b"-d", &dir], Ok(true));
    check(
        &[b"!", b"-e", &none, b"-a", b"(", b"-s", &file, b")"],
        Ok(true),
    );
    check(&[b"-e", &none, b"-o", b"-L", &file], Ok(false));
}

#[test]
fn invalid_utf8_and_nul_paths() {
    assert!(!unary("-e", b"\xff\xfe-no-such-file"));
    assert!(!unary("-e", b"a\0b"));
    check(&[b"\xff", b"=", b"\xff"], Ok(true));
}

#[test]
fn variables_and_options() {
    check(&[b"-v", b"setvar"], Ok(true));
    check(&[b"-v", b"empty"], Ok(true));
    check(&[b"-v", b"a[1]"], Ok(true));
    check(&[b"-v", b"unset"], Ok(false));
    check(&[b"-R", b"setvar"], Ok(false));
    check(&[b"-o", b"braceexpand"], Ok(true));
    check(&[b"-o", b"errexit"], Ok(false));
    check(&[b"-o", b"nosuch"], Ok(false));
    check(&[b"!", b"-o", b"nosuch"], Ok(true));
}

#[test]
fn terminal_test() {
    // Descriptor 1000 is not open, hence not a terminal.
    check(&[b"-t", b"1000"], Ok(false));
    check(&[b"-t", b"99999999999"], Ok(false));
    assert_eq!(unary_test(b"-t", b"x", &mut Env), Some(false));
}

#[test]
fn cond_helpers() {
    assert_eq!(unary_test(b"-z", b"", &mut Env), Some(true));
    assert_eq!(unary_test(b"-q", b"", &mut Env), None);
    assert_eq!(unary_test(b"-nt", b"", &mut Env), None);
    assert_eq!(binary_test(b"<", b"abc", b"abd"), Some(Ok(true)));
    assert_eq!(binary_test(b">", b"b", b"abc"), Some(Ok(true)));
    assert_eq!(binary_test(b"<", b"\xc3\xa9", b"z"), Some(Ok(false)));
    assert_eq!(binary_test(b"==", b"a*", b"a*"), Some(Ok(true)));
    assert_eq!(binary_test(b"!=", b"a", b"a*"), Some(Ok(true)));
    assert_eq!(binary_test(b"-eq", b" 7 ", b"+7"), Some(Ok(true)));
    assert_eq!(
        binary_test(b"-lt", b"x", b"1"),
        Some(Err(b"x: integer expression expected".to_vec()))
    );
    assert_eq!(
        binary_test(b"-lt", b"1", b"y"),
        Some(Err(b"y: integer expression expected".to_vec()))
    );
    assert_eq!(binary_test(b"=~", b"a", b"a"), None);
    assert_eq!(binary_test(b"-a", b"a", b"a"), None);
}

#[test]
fn deep_nesting_is_bounded() {
    let mut args: Vec<Vec<u8>> = vec![b"(".to_vec(); 100_000];
    args.push(b"a".to_vec());
    assert!(evaluate(&args, &mut Env).is_err());
    let mut ok: Vec<Vec<u8>> = vec![b"(".to_vec(); 500];
    ok.push(b"a".to_vec());
    ok.extend(vec![b")".to_vec(); 500]);
    assert_eq!(evaluate(&ok, &mut Env), Ok(true));
    // Long -o / -a / ! chains are iterative.
    let mut chain = vec![b"".to_vec()];
    for _ in 0..100_000 {
        chain.push(b"-o".to_vec());
        chain.push(b"!".to_vec());
        chain.push(b"".to_vec());
    }
    assert_eq!(evaluate(&chain, &mut Env), Ok(true));
    let bangs: Vec<Vec<u8>> = std::iter::repeat_n(b"!".to_vec(), 100_001)
        .chain([b"".to_vec()])
        .collect();
    assert_eq!(evaluate(&bangs, &mut Env), Ok(true));
}

#[test]
fn zero_and_one_argument() {
    // test ''
    check(&[b""], Ok(false));
    // test a
    check(&[b"a"], Ok(true));
    // test -n
    check(&[b"-n"], Ok(true));
    // test !
    check(&[b"!"], Ok(true));
    // test '('
    check(&[b"("], Ok(true));
    // test ')'
    check(&[b")"], Ok(true));
    // test -a
    check(&[b"-a"], Ok(true));
}

#[test]
fn two_arguments() {
    // test '' ''
    check(&[b"", b""], Err(b": unary operator expected"));
    // test ! ''
    check(&[b"!", b""], Ok(true));
    // test ! a
    check(&[b"!", b"a"], Ok(false));
    // test -n ''
    check(&[b"-n", b""], Ok(false));
    // test -n a
    check(&[b"-n", b"a"], Ok(true));
    // test -z ''
    check(&[b"-z", b""], Ok(true));
    // test -z a
    check(&[b"-z", b"a"], Ok(false));
    // test a b
    check(&[b"a", b"b"], Err(b"a: unary operator expected"));
    // test -Q a
    check(&[b"-Q", b"a"], Err(b"-Q: unary operator expected"));
    // test -- a
    check(&[b"--", b"a"], Err(b"--: unary operator expected"));
    // test '(' a
    check(&[b"(", b"a"], Err(b"(: unary operator expected"));
    // test -t x
    check(&[b"-t", b"x"], Ok(false));
    // test -t 99
    check(&[b"-t", b"99"], Ok(false));
    // test ! !
    check(&[b"!", b"!"], Ok(false));
}

#[test]
fn three_arguments() {
    // test a = a
    check(&[b"a", b"=", b"a"], Ok(true));
    // test a = b
    check(&[b"a", b"=", b"b"], Ok(false));
    // test a == a
    check(&[b"a", b"==", b"a"], Ok(true));
    // test a != a
    check(&[b"a", b"!=", b"a"], Ok(false));
    // test a '<' b
    check(&[b"a", b"<", b"b"], Ok(true));
    // test b '<' a
    check(&[b"b", b"<", b"a"], Ok(false));
    // test a '>' b
    check(&[b"a", b">", b"b"], Ok(false));
    // test a -a b
    check(&[b"a", b"-a", b"b"], Ok(true));
    // test '' -a b
    check(&[b"", b"-a", b"b"], Ok(false));
    // test a -o ''
    check(&[b"a", b"-o", b""], Ok(true));
    // test '' -o ''
    check(&[b"", b"-o", b""], Ok(false));
    // test ! -z a
    check(&[b"!", b"-z", b"a"], Ok(true));
    // test ! a b
    check(&[b"!", b"a", b"b"], Err(b"a: unary operator expected"));
    // test '(' a ')'
    check(&[b"(", b"a", b")"], Ok(true));
    // test '(' '' ')'
    check(&[b"(", b"", b")"], Ok(false));
    // test '(a' x ')b'
    check(&[b"(a", b"x", b")b"], Ok(true));
    // test a b c
    check(&[b"a", b"b", b"c"], Err(b"b: binary operator expected"));
    // test -n -a -n
    check(&[b"-n", b"-a", b"-n"], Ok(true));
    // test = = =
    check(&[b"=", b"=", b"="], Ok(true));
    // test ! = =
    check(&[b"!", b"=", b"="], Ok(false));
    // test -a -a -a
    check(&[b"-a", b"-a", b"-a"], Ok(true));
    // test a -a !
    check(&[b"a", b"-a", b"!"], Ok(true));
    // test '(' a b
    check(&[b"(", b"a", b"b"], Err(b"a: binary operator expected"));
}

#[test]
fn four_arguments() {
    // test '(' '(' ')'
    check(&[b"(", b"(", b")"], Ok(true));
    // test ! ! a
    check(&[b"!", b"!", b"a"], Ok(true));
    // test ! ! ''
    check(&[b"!", b"!", b""], Ok(false));
    // test ! a = b
    check(&[b"!", b"a", b"=", b"b"], Ok(true));
    // test '(' -n '' ')'
    check(&[b"(", b"-n", b"", b")"], Ok(false));
    // test '(' ! a ')'
    check(&[b"(", b"!", b"a", b")"], Ok(false));
    // test a = b c
    check(&[b"a", b"=", b"b", b"c"], Err(b"too many arguments"));
    // test -x a b c
    check(&[b"-x", b"a", b"b", b"c"], Err(b"too many arguments"));
}

#[test]
fn general_grammar() {
    // test ! ! ! a
    check(&[b"!", b"!", b"!", b"a"], Ok(false));
    // test -n a -a -z ''
    check(&[b"-n", b"a", b"-a", b"-z", b""], Ok(true));
    // test a = a -o b = c
    check(&[b"a", b"=", b"a", b"-o", b"b", b"=", b"c"], Ok(true));
    // test '(' '(' a ')' ')'
    check(&[b"(", b"(", b"a", b")", b")"], Ok(true));
    // test '(' '(' '(' '' ')' ')' ')'
    check(&[b"(", b"(", b"(", b"", b")", b")", b")"], Ok(false));
    // test '(' a -o '' ')' -a b
    check(&[b"(", b"a", b"-o", b"", b")", b"-a", b"b"], Ok(true));
    // test a -a '' -o b
    check(&[b"a", b"-a", b"", b"-o", b"b"], Ok(true));
    // test '' -o b -a ''
    check(&[b"", b"-o", b"b", b"-a", b""], Ok(false));
    // test ! -z '' -a '(' a ')'
    check(&[b"!", b"-z", b"", b"-a", b"(", b"a", b")"], Ok(false));
    // test -n a -o -z b -a c
    check(&[b"-n", b"a", b"-o", b"-z", b"b", b"-a", b"c"], Ok(true));
    // test ! ! ! ! -z ''
    check(&[b"!", b"!", b"!", b"!", b"-z", b""], Ok(true));
    // test x -a -x -a y
    check(
        &[b"x", b"-a", b"-x", b"-a", b"y"],
        Err(b"too many arguments"),
    );
    // test a -a -t 0
    check(&[b"a", b"-a", b"-t", b"0"], Ok(false));
    // test -o a -a -o
    check(&[b"-o", b"a", b"-a", b"-o"], Ok(false));
    // test 1 -eq 1 -a 2 -ne 3
    check(&[b"1", b"-eq", b"1", b"-a", b"2", b"-ne", b"3"], Ok(true));
}

#[test]
fn grammar_errors() {
    // test a b c d e
    check(&[b"a", b"b", b"c", b"d", b"e"], Err(b"too many arguments"));
    // test a = b = c
    check(&[b"a", b"=", b"b", b"=", b"c"], Err(b"too many arguments"));
    // test '(' a ')' b
    check(&[b"(", b"a", b")", b"b"], Err(b"too many arguments"));
    // test -t x -a y
    check(&[b"-t", b"x", b"-a", b"y"], Err(b"too many arguments"));
    // test '('
    check(&[b"("], Ok(true));
    // test '(' a -a
    check(&[b"(", b"a", b"-a"], Err(b"a: binary operator expected"));
    // test a -a '(' b
    check(&[b"a", b"-a", b"(", b"b"], Err(b"`)' expected"));
    // test '(' a
    check(&[b"(", b"a"], Err(b"(: unary operator expected"));
    // test -a -a -a -a
    check(&[b"-a", b"-a", b"-a", b"-a"], Ok(false));
    // test '(' '(' a ')'
    check(
        &[b"(", b"(", b"a", b")"],
        Err(b"(: unary operator expected"),
    );
    // test x -a -x y z
    check(
        &[b"x", b"-a", b"-x", b"y", b"z"],
        Err(b"too many arguments"),
    );
    // test a -a -t x
    check(&[b"a", b"-a", b"-t", b"x"], Err(b"too many arguments"));
    // test 1 -gt a -o 1
    check(
        &[b"1", b"-gt", b"a", b"-o", b"1"],
        Err(b"a: integer expression expected"),
    );
}

#[test]
fn integers() {
    // test 12 -eq 12
    check(&[b"12", b"-eq", b"12"], Ok(true));
    // test ' 12 ' -eq 12
    check(&[b" 12 ", b"-eq", b"12"], Ok(true));
    // test $'\n12\t' -eq 12
    check(&[b"\n12\t", b"-eq", b"12"], Ok(true));
    // test "12 "$'\n' -eq 12
    check(
        &[b"12 \n", b"-eq", b"12"],
        Err(b"12 \n: integer expression expected"),
    );
    // test 0x10 -eq 16
    check(
        &[b"0x10", b"-eq", b"16"],
        Err(b"0x10: integer expression expected"),
    );
    // test 010 -eq 10
    check(&[b"010", b"-eq", b"10"], Ok(true));
    // test -5 -lt 3
    check(&[b"-5", b"-lt", b"3"], Ok(true));
    // test +5 -eq 5
    check(&[b"+5", b"-eq", b"5"], Ok(true));
    // test - -eq 0
    check(
        &[b"-", b"-eq", b"0"],
        Err(b"-: integer expression expected"),
    );
    // test '' -eq 0
    check(&[b"", b"-eq", b"0"], Err(b": integer expression expected"));
    // test 99999999999999999999 -eq 1
    check(
        &[b"99999999999999999999", b"-eq", b"1"],
        Err(b"99999999999999999999: integer expression expected"),
    );
    // test 9223372036854775807 -eq 9223372036854775807
    check(
        &[b"9223372036854775807", b"-eq", b"9223372036854775807"],
        Ok(true),
    );
    // test -9223372036854775808 -lt 0
    check(&[b"-9223372036854775808", b"-lt", b"0"], Ok(true));
    // test -9223372036854775809 -lt 0
    check(
        &[b"-9223372036854775809", b"-lt", b"0"],
        Err(b"-9223372036854775809: integer expression expected"),
    );
    // test -- -eq 1
    check(
        &[b"--", b"-eq", b"1"],
        Err(b"--: integer expression expected"),
    );
    // test 1 -eq a
    check(
        &[b"1", b"-eq", b"a"],
        Err(b"a: integer expression expected"),
    );
    // test a -eq b
    check(
        &[b"a", b"-eq", b"b"],
        Err(b"a: integer expression expected"),
    );
    // test 1 -ne 2
    check(&[b"1", b"-ne", b"2"], Ok(true));
    // test 1 -le 1
    check(&[b"1", b"-le", b"1"], Ok(true));
    // test 2 -ge 3
    check(&[b"2", b"-ge", b"3"], Ok(false));
    // test 3 -gt 2
    check(&[b"3", b"-gt", b"2"], Ok(true));
    // test 1.5 -eq 1
    check(
        &[b"1.5", b"-eq", b"1"],
        Err(b"1.5: integer expression expected"),
    );
    // test '1 2' -eq 1
    check(
        &[b"1 2", b"-eq", b"1"],
        Err(b"1 2: integer expression expected"),
    );
}
