//! Tests for pathname expansion, run in a private fixture tree. Expected
//! lists were produced by bash 5.2 (with nullglob) on the same tree.

use super::{glob, glob_in, GlobOptions};
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A temporary directory removed on drop.
struct Fixture(PathBuf);

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Layout (as in the bash runs):
/// a/{fa, dl -> nowhere, b/{fb, up -> ../a, c/fc}}, .hid/x/hx, d/.dd,
/// f1, f2, .dot, B, lnk -> a, dangling -> nowhere, "\xff\xfeq".
fn fixture() -> Fixture {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let root = std::env::temp_dir().join(format!("whelk-glob-{}-{}", std::process::id(), n));
    let _ = fs::remove_dir_all(&root);
    for d in ["a/b/c", ".hid/x", "d"] {
        fs::create_dir_all(root.join(d)).unwrap();
    }
    for f in [
        "f1",
        "f2",
        ".dot",
        "B",
        "a/fa",
        "a/b/fb",
        "a/b/c/fc",
        ".hid/x/hx",
        "d/.dd",
    ] {
        fs::write(root.join(f), b"").unwrap();
    }
    fs::write(root.join(OsStr::from_bytes(b"\xff\xfeq")), b"").unwrap();
    symlink("a", root.join("lnk")).unwrap();
    symlink("nowhere", root.join("dangling")).unwrap();
    symlink("../a", root.join("a/b/up")).unwrap();
    symlink("nowhere", root.join("a/dl")).unwrap();
    Fixture(root)
}

fn opts(flags: &str) -> GlobOptions {
    GlobOptions {
        dotglob: flags.contains('d'),
        nocaseglob: flags.contains('n'),
        extglob: flags.contains('x'),
        globstar: flags.contains('s'),
    }
}

/// Glob `pat` relative to the fixture and join the results with spaces.
fn g(fx: &Fixture, pat: &str, flags: &str) -> String {
    let out = glob_in(Some(&fx.0), pat.as_bytes(), opts(flags));
    let words: Vec<String> = out
        .iter()
        .map(|w| String::from_utf8_lossy(w).into_owned())
        .collect();
    words.join(" ")
}

const ALL_TOP: &str = "B a d dangling f1 f2 lnk \u{fffd}\u{fffd}q";

#[test]
fn simple_wildcards() {
    let fx = fixture();
    assert_eq!(g(&fx, "*", ""), ALL_TOP);
    assert_eq!(g(&fx, ".*", ""), ".dot .hid");
    assert_eq!(g(&fx, "?", ""), "B a d");
    assert_eq!(g(&fx, "[Bf]*", ""), "B f1 f2");
    assert_eq!(
        g(&fx, "dang*", ""),
        "dangling",
        "dangling symlinks are listed"
    );
    assert_eq!(
        g(&fx, "[.]*", ""),
        "",
        "a bracket never matches a leading dot"
    );
    assert_eq!(g(&fx, "zz*", ""), "");
    assert_eq!(g(&fx, "nonexist/*", ""), "");
}

#[test]
fn multi_component() {
    let fx = fixture();
    assert_eq!(g(&fx, "*/", ""), "a/ d/ lnk/");
    assert_eq!(g(&fx, "*/fa", ""), "a/fa lnk/fa");
    assert_eq!(g(&fx, "*/dangling", ""), "");
    assert_eq!(
        g(&fx, "*/dl", ""),
        "a/dl lnk/dl",
        "final literal checked with lstat"
    );
    assert_eq!(g(&fx, "*/.", ""), "a/. d/. lnk/.");
    assert_eq!(g(&fx, "f*/", ""), "", "trailing slash wants directories");
    assert_eq!(g(&fx, "a/b/*", ""), "a/b/c a/b/fb a/b/up");
    assert_eq!(
        g(&fx, "./*", ""),
        "./B ./a ./d ./dangling ./f1 ./f2 ./lnk ./\u{fffd}\u{fffd}q"
    );
}

#[test]
fn slashes_are_kept_or_collapsed_like_bash() {
    let fx = fixture();
    assert_eq!(g(&fx, "*//", ""), "a/ d/ lnk/");
    assert_eq!(g(&fx, "a//f*", ""), "a//fa");
    assert_eq!(g(&fx, "a/*//", ""), "a/b/");
    assert_eq!(
        g(&fx, "a\\/f*", ""),
        "a/fa",
        "an escaped slash still separates"
    );
}

#[test]
fn dotglob() {
    let fx = fixture();
    assert_eq!(g(&fx, "*", "d"), format!(".dot .hid {ALL_TOP}"));
    assert_eq!(
        g(&fx, ".*", "d"),
        ".dot .hid",
        ". and .. are never generated"
    );
    assert_eq!(g(&fx, "d/*", "d"), "d/.dd");
    assert_eq!(g(&fx, "d/*", ""), "");
}

#[test]
fn nocaseglob() {
    let fx = fixture();
    assert_eq!(g(&fx, "F*", "n"), "f1 f2");
    assert_eq!(g(&fx, "[a-c]*", "n"), "B a");
    assert_eq!(
        g(&fx, "A/F*", "n"),
        "",
        "literal components are not case-folded"
    );
    assert_eq!(g(&fx, "F*", ""), "");
}

#[test]
fn extglob_components() {
    let fx = fixture();
    assert_eq!(g(&fx, "!(f*)", "x"), "B a d dangling lnk \u{fffd}\u{fffd}q");
    assert_eq!(g(&fx, "@(.*)", "x"), ".dot .hid");
    assert_eq!(g(&fx, "*(.)*", "x"), format!(".dot .hid {ALL_TOP}"));
    assert_eq!(g(&fx, "?(.)h*", "x"), ".hid");
    assert_eq!(g(&fx, "@(a|d)/*", "x"), "a/b a/dl a/fa");
    assert_eq!(
        g(&fx, "!(*[0-9])", "x"),
        "B a d dangling lnk \u{fffd}\u{fffd}q"
    );
}

#[test]
fn globstar_basic() {
    let fx = fixture();
    let all =
        "B a a/b a/b/c a/b/c/fc a/b/fb a/b/up a/dl a/fa d dangling f1 f2 lnk \u{fffd}\u{fffd}q";
    assert_eq!(g(&fx, "**", "s"), all);
    assert_eq!(g(&fx, "**/**", "s"), all);
    assert_eq!(g(&fx, "**", ""), ALL_TOP, "without globstar ** is *");
    assert_eq!(g(&fx, "a**", "s"), "a");
    assert_eq!(g(&fx, "**/fb", "s"), "a/b/fb");
    assert_eq!(g(&fx, "a/**/c", "s"), "a/b/c");
    assert_eq!(g(&fx, "a/**/b", "s"), "a/b", "** may match no directory");
    assert_eq!(g(&fx, "a/**/fa", "s"), "a/fa");
    assert_eq!(g(&fx, "./**/fc", "s"), "./a/b/c/fc");
    assert_eq!(g(&fx, "**/b/", "s"), "a/b/");
}

#[test]
fn globstar_prefixes_and_symlinks() {
    let fx = fixture();
    assert_eq!(
        g(&fx, "a/**", "s"),
        "a/ a/b a/b/c a/b/c/fc a/b/fb a/b/up a/dl a/fa"
    );
    assert_eq!(g(&fx, "a/b/**", "s"), "a/b/ a/b/c a/b/c/fc a/b/fb a/b/up");
    assert_eq!(g(&fx, "a/**/", "s"), "a/ a/b/ a/b/c/");
    // An explicit symlink prefix is followed; symlinks met during the walk are not.
    assert_eq!(
        g(&fx, "lnk/**", "s"),
        "lnk/ lnk/b lnk/b/c lnk/b/c/fc lnk/b/fb lnk/b/up lnk/dl lnk/fa"
    );
    // bash 5.2 also lists lnk/ here; we only list real directories.
    assert_eq!(g(&fx, "**/", "s"), "a/ a/b/ a/b/c/ d/");
}

#[test]
fn globstar_with_dotglob() {
    let fx = fixture();
    assert_eq!(
        g(&fx, "**", "sd"),
        ".dot .hid .hid/x .hid/x/hx B a a/b a/b/c a/b/c/fc a/b/fb a/b/up a/dl a/fa d d/.dd dangling f1 f2 lnk \u{fffd}\u{fffd}q"
    );
    assert_eq!(g(&fx, "**/x", "sd"), ".hid/x");
    assert_eq!(g(&fx, "**/x", "s"), "");
}

#[test]
fn absolute_patterns() {
    let fx = fixture();
    let root = fx.0.to_str().unwrap();
    let out = glob(format!("{root}/a/b/f*").as_bytes(), GlobOptions::default());
    assert_eq!(out, vec![format!("{root}/a/b/fb").into_bytes()]);
    let out = glob(format!("{root}/*/fa").as_bytes(), GlobOptions::default());
    assert_eq!(out.len(), 2);
    let doubled = glob(format!("/{root}/a/f?").as_bytes(), GlobOptions::default());
    assert_eq!(
        doubled,
        vec![format!("/{root}/a/fa").into_bytes()],
        "leading slashes kept"
    );
}

#[test]
fn words_without_magic_come_back() {
    assert_eq!(
        glob(b"no-such-file", GlobOptions::default()),
        vec![b"no-such-file".to_vec()]
    );
    assert_eq!(
        glob(b"a\\*b", GlobOptions::default()),
        vec![b"a*b".to_vec()]
    );
    assert_eq!(glob(b"[ab", GlobOptions::default()), vec![b"[ab".to_vec()]);
    assert_eq!(
        glob(b"@(x)", GlobOptions::default()),
        vec![b"@(x)".to_vec()]
    );
    assert_eq!(glob(b"", GlobOptions::default()), vec![Vec::<u8>::new()]);
}

#[test]
fn magic_only_across_a_slash() {
    let fx = fixture();
    fs::create_dir(fx.0.join("[x")).unwrap();
    fs::write(fx.0.join("[x/y]"), b"").unwrap();
    assert_eq!(g(&fx, "[x/y]", ""), "[x/y]");
    assert_eq!(g(&fx, "[q/y]", ""), "");
}

#[test]
fn invalid_utf8_names() {
    let fx = fixture();
    let out = glob_in(Some(&fx.0), b"*q", GlobOptions::default());
    assert_eq!(out, vec![b"\xff\xfeq".to_vec()]);
    let out = glob_in(Some(&fx.0), b"\xff*", GlobOptions::default());
    assert_eq!(out, vec![b"\xff\xfeq".to_vec()]);
    let out = glob_in(Some(&fx.0), b"??q", GlobOptions::default());
    assert_eq!(out, vec![b"\xff\xfeq".to_vec()]);
}

#[test]
fn quoted_characters_are_literal() {
    let fx = fixture();
    fs::write(fx.0.join("x*y"), b"").unwrap();
    fs::write(fx.0.join("xzy"), b"").unwrap();
    assert_eq!(g(&fx, "x\\**", ""), "x*y");
    assert_eq!(g(&fx, "x*y", ""), "x*y xzy");
    assert_eq!(g(&fx, "\\x?y", ""), "x*y xzy");
}

#[test]
fn fixture_is_removed() {
    let path: PathBuf;
    {
        let fx = fixture();
        path = fx.0.clone();
        assert!(Path::new(&path).exists());
    }
    assert!(!path.exists());
}
