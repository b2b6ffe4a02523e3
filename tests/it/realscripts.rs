//! Real scripts that ship with Debian (not written by this project) run
//! under whelk exactly as under the shell their `#!` line names (dash for
//! `/bin/sh`, bash for `/bin/bash`): same stdout, exit status, files left
//! behind, and stderr up to the normalisation described in
//! [`harness`]. One `#[test]` per script family; a script missing on this
//! machine is skipped with a printed note. Also: function libraries of
//! our own (`tests/data/funclib.sh`, 500 lines of bash, against bash;
//! `tests/data/funclib_posix.sh`, POSIX only, against dash and bash), each
//! with a driver that calls every function.
//!
//! Known differences (dash and bash disagree and whelk follows bash) are
//! marked per case with `bash_like(reason)`; whelk must then match bash.

mod fixtures;
mod harness;

use fixtures::{
    clock_lines, compressed_fixture, dd_speed, elapsed_seconds, load_addresses, rotated_at,
};
use harness::{case, Case, ScriptTest};

/// dash exits 2 after a fatal shell error (`${1?msg}`), bash exits 1.
const FATAL_STATUS: &str = "a `${1?msg}` error exits 2 in dash, 1 in bash and whelk";

#[test]
fn gzip_zcat_gunzip_and_friends() {
    let zcat = ["/usr/bin/zcat", "/bin/zcat"];
    if let Some(mut t) = ScriptTest::find(&zcat) {
        compressed_fixture(&mut t);
        t.run(&[
            case("one file").args(&["a.txt.gz"]),
            case("two files").args(&["a.txt.gz", "b.txt.gz"]),
            case("help").args(&["--help"]),
            case("version").args(&["--version"]),
            case("missing file").args(&["nosuch.gz"]),
            case("force plain").args(&["-f", "c.txt"]),
            case("force stdin").args(&["-f", "-"]).stdin("from stdin\n"),
            case("not gzip").args(&["c.txt"]),
        ]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/gunzip", "/bin/gunzip"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("to stdout").args(&["-c", "a.txt.gz"]),
            case("test").args(&["-t", "a.txt.gz", "b.txt.gz"]),
            case("would overwrite").args(&["a.txt.gz"]),
            case("in place").args(&["-v", "e.txt.gz", "sub/a.txt.gz"]),
            case("keep").args(&["-k", "e.txt.gz"]),
            case("list").args(&["-l", "a.txt.gz"]),
            case("help").args(&["--help"]),
        ]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/uncompress", "/bin/uncompress"]) {
        compressed_fixture(&mut t);
        t.run(&[case("to stdout").args(&["-c", "a.txt.gz"])]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/zforce", "/bin/zforce"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("adds .gz to gzip data").args(&["d", "c.txt", "a.txt.gz"]),
            case("help").args(&["--help"]),
        ]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/znew", "/bin/znew"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("no .Z file").args(&["-v", "a.txt.gz"]),
            case("missing").args(&["nosuch.Z"]),
            case("bad option").args(&["-q"]),
            case("help").args(&["--help"]),
        ]);
    }
}

#[test]
fn gzip_gzexe() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/gzexe", "/bin/gzexe"]) else {
        return;
    };
    t.file("hello.sh", "#!/bin/sh\necho \"hello with $# args\"\n")
        .setup("chmod 755 hello.sh && cp hello.sh packed.sh && gzexe packed.sh >/dev/null 2>&1")
        .setup("rm -f packed.sh~");
    t.run(&[
        case("compress").args(&["hello.sh"]),
        case("decompress").args(&["-d", "packed.sh"]),
        case("not compressed").args(&["-d", "hello.sh"]),
        case("missing").args(&["nosuch"]),
        case("help").args(&["--help"]),
        case("version").args(&["--version"]),
    ]);
}

#[test]
fn gzip_zgrep() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/zgrep", "/bin/zgrep"]) else {
        return;
    };
    compressed_fixture(&mut t);
    t.run(&[
        case("numbers").args(&["-n", "hello", "a.txt.gz", "b.txt.gz"]),
        case("count ignore case").args(&["-c", "-i", "hello", "a.txt.gz"]),
        case("pattern option").args(&["-e", "foo", "-h", "a.txt.gz", "b.txt.gz"]),
        case("no match").args(&["nomatch", "a.txt.gz"]),
        case("files with matches").args(&["-l", "hello", "a.txt.gz", "b.txt.gz", "c.txt"]),
        case("extended").args(&["-E", "h(e|a)llo|again", "a.txt.gz"]),
        case("words only").args(&["-w", "-o", "hello", "a.txt.gz"]),
        case("quote in pattern").args(&["it's", "a.txt.gz"]),
        case("pattern file").args(&["-f", "pats", "a.txt.gz", "b.txt.gz"]),
        case("attached option args").args(&["-A1", "-efoo", "a.txt.gz"]),
        case("long options").args(&["--count", "--regexp=o", "a.txt.gz"]),
        case("stdin")
            .args(&["-n", "two"])
            .stdin("one\ntwo\nthree two\n"),
        case("recursive refused").args(&["-r", "hello", "."]),
        case("help").args(&["--help"]),
        case("version").args(&["--version"]),
        case("missing file").args(&["hello", "nosuch.gz"]),
        case("no pattern").bash_like(FATAL_STATUS),
    ]);
    for (names, pattern) in [
        (["/usr/bin/zegrep", "/bin/zegrep"], "foo|Hello"),
        (["/usr/bin/zfgrep", "/bin/zfgrep"], "o b"),
    ] {
        if let Some(mut t) = ScriptTest::find(&names) {
            compressed_fixture(&mut t);
            t.run(&[case("match").args(&["-n", pattern, "a.txt.gz", "b.txt.gz"])]);
        }
    }
}

#[test]
fn gzip_zdiff_zcmp_zmore() {
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/zdiff", "/bin/zdiff"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("two files").args(&["a.txt.gz", "b.txt.gz"]),
            case("against uncompressed").args(&["a.txt.gz"]),
            case("mixed").args(&["b.txt", "a.txt.gz"]),
            case("same").args(&["-q", "a.txt.gz", "sub/a.txt.gz"]),
            case("missing").args(&["nosuch.gz", "a.txt.gz"]),
            case("help").args(&["--help"]),
            case("no operands"),
        ]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/zcmp", "/bin/zcmp"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("differ").args(&["a.txt.gz", "b.txt.gz"]),
            case("list").args(&["-l", "a.txt.gz", "b.txt.gz"]),
            case("same").args(&["a.txt.gz", "a.txt"]),
        ]);
    }
    for names in [
        ["/usr/bin/zmore", "/bin/zmore"],
        ["/usr/bin/zless", "/bin/zless"],
    ] {
        if let Some(mut t) = ScriptTest::find(&names) {
            compressed_fixture(&mut t);
            t.run(&[
                case("view").args(&["a.txt.gz"]),
                case("help").args(&["--help"]),
            ]);
        }
    }
}

#[test]
fn xz_and_bzip2_grep_wrappers() {
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/xzgrep", "/bin/xzgrep"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("xz file").args(&["-n", "hello", "a.txt.xz", "a.txt.gz"]),
            case("count").args(&["-c", "o", "a.txt.xz"]),
            case("help").args(&["--help"]),
        ]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/xzdiff", "/bin/xzdiff"]) {
        compressed_fixture(&mut t);
        t.run(&[case("xz and gz").args(&["a.txt.xz", "b.txt.gz"])]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/bzgrep", "/bin/bzgrep"]) {
        compressed_fixture(&mut t);
        t.run(&[
            case("bzip2 file").args(&["-n", "foo", "a.txt.bz2"]),
            case("help").args(&["-V"]),
        ]);
    }
}

#[test]
fn grep_egrep_fgrep() {
    for (names, pattern) in [
        (["/usr/bin/egrep", "/bin/egrep"], "foo|Hello"),
        (["/usr/bin/fgrep", "/bin/fgrep"], "o b"),
    ] {
        if let Some(mut t) = ScriptTest::find(&names) {
            compressed_fixture(&mut t);
            t.run(&[
                case("match").args(&["-n", pattern, "a.txt", "b.txt"]),
                case("no match").args(&["zzz", "a.txt"]),
            ]);
        }
    }
}

#[test]
fn debianutils_which() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/which.debianutils", "/usr/bin/which"]) else {
        return;
    };
    t.file("bin/tool", "#!/bin/sh\n")
        .setup("chmod 755 bin/tool && mkdir bin2 && cp -p bin/tool bin2/");
    t.run(&[
        case("found and missing").args(&["sh", "ls", "nosuch"]),
        case("all")
            .args(&["-a", "tool"])
            .env("PATH", "bin:/usr/bin:bin2"),
        case("empty path element")
            .args(&["tool"])
            .env("PATH", ":/usr/bin"),
        case("relative name").args(&["bin/tool", "./bin2/tool"]),
        case("no arguments"),
        case("bad option").args(&["-z", "sh"]),
    ]);
}

#[test]
fn debianutils_savelog() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/savelog"]) else {
        return;
    };
    t.file("a.log", "current\n")
        .file("a.log.0", "older\n")
        .file("b.log", "bee\n")
        .file("empty.log", "")
        .setup("printf 'oldest\\n' | gzip -n > a.log.1.gz");
    // savelog reports the time of each rotation.
    let cases = [
        case("rotate").args(&["-c", "3", "a.log"]),
        case("no compress, link").args(&["-n", "-l", "-c", "2", "a.log", "b.log"]),
        case("keep empty").args(&["-l", "empty.log"]),
        case("touch and mode").args(&["-t", "-m", "600", "b.log"]),
        case("missing file").args(&["nosuch.log"]),
        case("no arguments"),
        case("help").args(&["-h"]),
    ];
    let cases: Vec<Case> = cases
        .into_iter()
        .map(|c| c.normalize("rotation date", rotated_at))
        .collect();
    t.run(&cases);
}

#[test]
fn debianutils_update_shells() {
    let Some(mut t) = ScriptTest::find(&["/usr/sbin/update-shells"]) else {
        return;
    };
    t.file(
        "root/usr/share/debianutils/shells",
        "# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n",
    )
    .file("root/usr/share/debianutils/shells.d/zsh", "/bin/zsh\n/usr/bin/zsh\n")
    .file("root/usr/share/debianutils/shells.d/fish", "/usr/bin/fish # comment\n")
    .file(
        "root/etc/shells",
        "# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n/usr/local/bin/mysh\n/bin/oldshell\n/bin/sh\n",
    )
    .file("root/var/lib/shells.state", "/bin/sh\n/bin/bash\n/bin/oldshell\n")
    .setup("mkdir -p root/usr/bin && ln -s usr/bin root/bin");
    t.run(&[
        case("update").args(&["--root", "root", "--verbose"]),
        case("dry run").args(&["--verbose", "--no-act", "--root", "root"]),
        case("DPKG_ROOT").env("DPKG_ROOT", "root"),
        case("help").args(&["--help"]),
        case("missing root").args(&["--root"]),
        case("bad option").args(&["--bogus"]),
    ]);
}

#[test]
fn debianutils_add_remove_shell() {
    for (names, cases) in [
        (
            ["/usr/sbin/add-shell"],
            vec![
                case("add").args(&["/bin/zsh", "/usr/bin/fish", "/bin/sh"]),
                case("usage"),
            ],
        ),
        (
            ["/usr/sbin/remove-shell"],
            vec![
                case("remove").args(&["/bin/bash"]),
                case("not listed").args(&["/bin/nosuch"]),
            ],
        ),
    ] {
        let Some(mut t) = ScriptTest::find(&names) else {
            continue;
        };
        t.file("root/etc/shells", "# /etc/shells\n/bin/sh\n/bin/bash\n")
            .file("busy/etc/shells", "/bin/sh\n")
            .file("busy/etc/shells.tmp", "left over\n");
        let with_root: Vec<Case> = cases
            .into_iter()
            .map(|c| c.env("DPKG_ROOT", "root"))
            .collect();
        t.run(&with_root);
        // `set -o noclobber` refuses to overwrite a left-over temp file.
        t.run(&[case("interrupted before")
            .args(&["/bin/zsh"])
            .env("DPKG_ROOT", "busy")]);
    }
}

#[test]
fn dpkg_maintscript_helper() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/dpkg-maintscript-helper"]) else {
        return;
    };
    t.file("root/etc/foo.conf.dpkg-backup", "changed\n")
        .file("root/etc/bar.conf.dpkg-remove", "unchanged\n")
        .file("root/etc/baz.conf.dpkg-bak", "saved\n")
        .file("root/etc/a.conf", "a\n");
    let postinst = |c: Case| {
        c.env("DPKG_ROOT", "root")
            .env("DPKG_MAINTSCRIPT_NAME", "postinst")
            .env("DPKG_MAINTSCRIPT_PACKAGE", "foo")
    };
    t.run(&[
        case("supports").args(&["supports", "rm_conffile"]),
        case("supports unknown").args(&["supports", "nosuch"]),
        case("help").args(&["--help"]),
        case("version").args(&["--version"]),
        case("no command"),
        case("unknown command").args(&["bogus"]),
        postinst(case("modified conffile")).args(&[
            "rm_conffile",
            "/etc/foo.conf",
            "1.0~",
            "--",
            "configure",
            "0.9",
        ]),
        postinst(case("obsolete conffile"))
            .args(&[
                "rm_conffile",
                "/etc/bar.conf",
                "1.0~",
                "foo",
                "--",
                "configure",
                "0.9",
            ])
            .env("DPKG_DEBUG", "1"),
        postinst(case("newer version")).args(&[
            "rm_conffile",
            "/etc/foo.conf",
            "1.0~",
            "--",
            "configure",
            "2.0",
        ]),
        postinst(case("relative path")).args(&[
            "rm_conffile",
            "etc/foo.conf",
            "1.0~",
            "--",
            "configure",
            "0.9",
        ]),
        postinst(case("no -- separator")).args(&["rm_conffile", "/etc/foo.conf", "1.0~"]),
        postinst(case("missing params")).args(&["rm_conffile", "/etc/foo.conf", "--"]),
        case("purge")
            .args(&["rm_conffile", "/etc/baz.conf", "--", "purge"])
            .env("DPKG_ROOT", "root")
            .env("DPKG_MAINTSCRIPT_NAME", "postrm")
            .env("DPKG_MAINTSCRIPT_PACKAGE", "foo"),
        postinst(case("mv_conffile")).args(&[
            "mv_conffile",
            "/etc/a.conf",
            "/etc/b.conf",
            "1.0~",
            "--",
            "configure",
            "0.9",
        ]),
        postinst(case("symlink_to_dir"))
            .args(&[
                "symlink_to_dir",
                "/usr/share/doc/foo",
                "/usr/share/doc/bar",
                "1.0~",
                "--",
                "configure",
                "0.9",
            ])
            .env("DPKG_DEBUG", "1"),
        postinst(case("dir_to_symlink relative target")).args(&[
            "dir_to_symlink",
            "/usr/share/doc/foo",
            "bar",
            "1.0~",
            "--",
            "configure",
            "0.9",
        ]),
        case("no environment").args(&["rm_conffile", "/etc/foo.conf", "--", "configure", "0.9"]),
    ]);
}

#[test]
fn dpkg_realpath() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/dpkg-realpath"]) else {
        return;
    };
    t.setup(
        "mkdir -p root/usr/bin root/etc && ln -s usr/bin root/bin && ln -s dash root/usr/bin/sh",
    )
    .setup("ln -s ../../etc/x root/usr/bin/up && ln -s loop2 root/loop1 && ln -s loop1 root/loop2")
    .setup("mkdir -p d/e && ln -s d/e link && ln -s /etc abs");
    t.run(&[
        case("system path").args(&["/bin/sh"]),
        case("relative").args(&["link/../f"]),
        case("in root").args(&["--root", "root", "/bin/sh"]),
        case("root equals").args(&["--root=root", "/bin/up"]),
        case("loop").args(&["--root", "root", "/loop1"]),
        case("zero terminated").args(&["-z", "link"]),
        case("absolute link").args(&["abs/passwd"]),
        case("help").args(&["--help"]),
        case("version").args(&["--version"]),
        case("no arguments"),
        case("bad option").args(&["--bogus"]),
    ]);
}

#[test]
fn libc_ldd() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/ldd", "/bin/ldd"]) else {
        return;
    };
    t.file("text.txt", "not a program\n");
    let addr = ("load addresses", load_addresses as harness::Normalizer);
    t.run(&[
        case("program")
            .args(&["/bin/true"])
            .normalize(addr.0, addr.1),
        case("two programs")
            .args(&["/bin/true", "/bin/sh"])
            .normalize(addr.0, addr.1),
        case("verbose")
            .args(&["-v", "/bin/true"])
            .normalize(addr.0, addr.1),
        case("unused")
            .args(&["-u", "/bin/true"])
            .normalize(addr.0, addr.1),
        case("not dynamic").args(&["text.txt"]),
        case("missing").args(&["nosuch"]),
        case("no arguments"),
        case("help").args(&["--help"]),
        case("version").args(&["--version"]),
        case("bad option").args(&["--bogus"]),
    ]);
}

#[test]
fn libc_tzselect() {
    let Some(t) = ScriptTest::find(&["/usr/bin/tzselect"]) else {
        return;
    };
    let clock = ("current time", clock_lines as harness::Normalizer);
    t.run(&[
        case("help").args(&["--help"]),
        case("version").args(&["--version"]),
        case("bad option").args(&["-x"]),
        case("end of input in menu").stdin("2\n"),
        case("Europe, Spain, yes")
            .stdin("7\n44\n1\n1\n")
            .normalize(clock.0, clock.1),
        case("bad replies then no")
            .stdin("99\nfoo\n\n7\n15\n2\n")
            .normalize(clock.0, clock.1),
        case("country code")
            .args(&["-c", "FR"])
            .stdin("7\n1\n")
            .normalize(clock.0, clock.1),
        case("coordinates menu")
            .stdin("10\n+4852+00220\n1\n1\n")
            .normalize(clock.0, clock.1),
        case("coordinates")
            .args(&["-n", "3", "-c", "+4852+00220"])
            .stdin("2\n1\n")
            .normalize(clock.0, clock.1),
        case("wide menu").env("COLUMNS", "160").stdin("5\n"),
        case("narrow menu").env("COLUMNS", "20").stdin("\n3\n"),
    ]);
}

#[test]
fn gettext_sh() {
    if let Some(t) = ScriptTest::find(&["/usr/bin/gettext.sh"]) {
        t.run(&[
            case("help").args(&["--help"]),
            case("version").args(&["--version"]),
            case("abbreviated").args(&["--vers"]),
            case("usage").args(&["--bogus"]),
        ]);
    } else {
        return;
    }
    // A driver of ours calling every function of the library (it is a
    // `#!/bin/sh` script, so dash is the reference; bash must agree too).
    let driver = include_str!("../data/gettext_driver.sh");
    for reference in ["/bin/dash", "/bin/bash"] {
        if let Some(t) = ScriptTest::driver("driver.sh", driver, reference) {
            t.run(&[case("library functions")]);
        }
    }
    // gettext.sh picks `echo` when echo leaves backslashes alone (bash,
    // whelk) and `printf %s\n` when it interprets them (dash).
    let probe = ". gettext.sh\necho \"$echo\"\n$echo 'a\\tb'\n";
    if let Some(t) = ScriptTest::driver("probe.sh", probe, "/bin/dash") {
        t.run(&[
            case("echo probe").bash_like("dash's echo interprets backslashes; bash's does not")
        ]);
    }
    // git's wrapper library sources gettext.sh when `type gettext.sh` finds it.
    let git = ". /usr/lib/git-core/git-sh-i18n\nname=whelk\ngettextln 'plain'\n\
               eval_gettextln 'Hello $name'\necho \"$GIT_INTERNAL_GETTEXT_SH_SCHEME\"\n";
    if std::path::Path::new("/usr/lib/git-core/git-sh-i18n").is_file() {
        if let Some(t) = ScriptTest::driver("git.sh", git, "/bin/dash") {
            t.run(&[case("git-sh-i18n")]);
        }
    } else {
        println!("skipped: /usr/lib/git-core/git-sh-i18n is not installed");
    }
}

/// Identity and fixed dates, so commits made by the scripts are the same
/// in both runs.
const GIT_ENV: [(&str, &str); 7] = [
    ("PATH", "/usr/lib/git-core:/usr/local/bin:/usr/bin:/bin"),
    ("GIT_AUTHOR_NAME", "A U Thor"),
    ("GIT_AUTHOR_EMAIL", "author@example.com"),
    ("GIT_COMMITTER_NAME", "C O Mitter"),
    ("GIT_COMMITTER_EMAIL", "committer@example.com"),
    ("GIT_AUTHOR_DATE", "2020-01-02T00:00:00Z"),
    ("GIT_COMMITTER_DATE", "2020-01-02T00:00:00Z"),
];

/// git's shell scripts, run as git runs them (exec path first in PATH) on
/// a small repository.
#[test]
fn git_shell_scripts() {
    let setup = "export GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.com \
        GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.com \
        GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z
        git init -q repo && cd repo && git checkout -q -b main &&
        echo one > f && git add f && git commit -qm first &&
        echo two >> f && git commit -qam 'second change' && git tag v1 &&
        echo three >> f && git commit -qam third &&
        git format-patch -q -1 -o ../patches HEAD~1 && echo 0001-second-change.patch > ../patches/series";
    let in_repo = |c: Case| GIT_ENV.iter().fold(c.cwd("repo"), |c, (k, v)| c.env(k, v));
    let index = "the index caches inode numbers and times of the checked-out files";
    let scripts: [(&str, Vec<Case>); 6] = [
        (
            "git-submodule",
            vec![case("status"), case("bad subcommand").args(&["nosuch"])],
        ),
        (
            "git-request-pull",
            vec![
                case("summary").args(&["v1", "../repo", "HEAD"]),
                case("patch").args(&["-p", "HEAD~1", "../repo"]),
                case("unknown start").args(&["nosuch", "../repo"]),
                case("usage"),
            ],
        ),
        (
            "git-quiltimport",
            vec![
                case("dry run").args(&["--dry-run", "--patches", "../patches"]),
                case("no patches dir"),
            ],
        ),
        (
            "git-filter-branch",
            vec![
                // Without the variable it warns and sleeps 10 seconds.
                case("rewrite messages")
                    .args(&["-f", "--msg-filter", "sed s/change/edit/", "HEAD"])
                    .env("FILTER_BRANCH_SQUELCH_WARNING", "1")
                    .normalize("elapsed time", elapsed_seconds),
                case("tree filter on a range")
                    .args(&["-f", "--tree-filter", "echo new > g", "HEAD~1..HEAD"])
                    .env("FILTER_BRANCH_SQUELCH_WARNING", "1")
                    .normalize("elapsed time", elapsed_seconds),
                case("bad option")
                    .args(&["--nosuch"])
                    .env("FILTER_BRANCH_SQUELCH_WARNING", "1"),
            ],
        ),
        ("git-merge-octopus", vec![case("no heads")]),
        (
            "git-mergetool",
            vec![case("tool help").args(&["--tool-help"])],
        ),
    ];
    for (name, cases) in scripts {
        let path = format!("/usr/lib/git-core/{name}");
        let Some(mut t) = ScriptTest::find(&[&path]) else {
            continue;
        };
        t.setup(setup).ignore("repo/.git/index", index);
        let cases: Vec<Case> = cases.into_iter().map(in_repo).collect();
        t.run(&cases);
    }
}

/// git's bash completion script and prompt, two large real bash libraries,
/// driven on a fixture repository.
#[test]
fn git_completion_and_prompt() {
    let libs = [
        "/usr/share/bash-completion/completions/git",
        "/usr/lib/git-core/git-sh-prompt",
    ];
    if let Some(missing) = libs.iter().find(|p| !std::path::Path::new(p).is_file()) {
        println!("skipped: {missing} is not installed");
        return;
    }
    let driver = include_str!("../data/git_completion_driver.sh");
    let Some(mut t) = ScriptTest::driver("driver.sh", driver, "/bin/bash") else {
        return;
    };
    t.setup(
        "export GIT_AUTHOR_NAME=A GIT_AUTHOR_EMAIL=a@example.com \
         GIT_COMMITTER_NAME=A GIT_COMMITTER_EMAIL=a@example.com \
         GIT_AUTHOR_DATE=2020-01-01T00:00:00Z GIT_COMMITTER_DATE=2020-01-01T00:00:00Z
         git init -q repo && cd repo && git checkout -q -b main &&
         echo 1 > file1 && git add file1 && git commit -qm one &&
         git branch feature && git tag v1.0",
    )
    .ignore(
        "repo/.git/index",
        "the index caches inode numbers and times of the checked-out files",
    );
    // The reflog records who checked out what, and when.
    let c = GIT_ENV
        .iter()
        .fold(case("completions and prompts"), |c, (k, v)| c.env(k, v));
    t.run(&[c]);
}

/// The LSB init-script library (`log_*_msg`, `pidofproc`,
/// `status_of_proc`), sourced by a driver of ours.
#[test]
fn lsb_init_functions() {
    if !std::path::Path::new("/lib/lsb/init-functions").is_file() {
        println!("skipped: /lib/lsb/init-functions is not installed");
        return;
    }
    let driver = include_str!("../data/lsb_driver.sh");
    for reference in ["/bin/dash", "/bin/bash"] {
        if let Some(t) = ScriptTest::driver("driver.sh", driver, reference) {
            t.run(&[case("log and status functions")]);
        }
    }
}

#[test]
fn lsb_release() {
    let Some(t) = ScriptTest::find(&["/usr/bin/lsb_release"]) else {
        return;
    };
    t.run(&[
        case("all").args(&["-a"]),
        case("short id").args(&["-s", "-i"]),
        case("codename").args(&["-c"]),
        case("description release").args(&["-d", "-r", "-s"]),
        case("version").args(&["-v"]),
        case("help").args(&["-h"]),
        case("bad option").args(&["-x"]),
    ]);
}

#[test]
fn sensible_utils() {
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/sensible-pager"]) {
        t.file("f.txt", "page one\npage two\n");
        t.run(&[
            case("PAGER=cat").args(&["f.txt"]).env("PAGER", "cat"),
            case("failing pager").args(&["f.txt"]).env("PAGER", "false"),
            case("missing pager falls back")
                .args(&["f.txt"])
                .env("PAGER", "nosuchpager"),
        ]);
    }
    if let Some(mut t) = ScriptTest::find(&["/usr/bin/sensible-editor"]) {
        t.file("f.txt", "text\n");
        t.run(&[
            case("EDITOR=cat").args(&["f.txt"]).env("EDITOR", "cat"),
            case("VISUAL first")
                .args(&["f.txt"])
                .env("VISUAL", "cat")
                .env("EDITOR", "false"),
            case("failing editor")
                .args(&["f.txt"])
                .env("EDITOR", "false"),
        ]);
        t.file(".selected_editor", "SELECTED_EDITOR=\"/bin/cat\"\n");
        t.run(&[case("selected editor file").args(&["f.txt"])]);
    }
}

#[test]
fn less_lesspipe() {
    let Some(mut t) = ScriptTest::find(&["/usr/bin/lesspipe"]) else {
        return;
    };
    compressed_fixture(&mut t);
    t.setup("tar -cf t.tar a.txt b.txt");
    t.run(&[
        case("gzip").args(&["a.txt.gz"]),
        case("xz").args(&["a.txt.xz"]),
        case("bzip2").args(&["a.txt.bz2"]),
        case("tar").args(&["t.tar"]),
        case("plain").args(&["a.txt"]),
        case("missing").args(&["nosuch.gz"]),
        case("setup lines"),
        case("setup lines for csh").env("SHELL", "/bin/csh"),
    ]);
}

#[test]
fn tar_tarcat() {
    let Some(mut t) = ScriptTest::find(&["/usr/sbin/tarcat"]) else {
        return;
    };
    t.file("f.txt", "hello\n")
        .setup("head -c 30000 /dev/zero | tr '\\0' x > big.dat")
        .setup("tar -c -M -L 20 -f v1.tar -f v2.tar big.dat && tar -cf one.tar f.txt");
    let dd = ("dd timing", dd_speed as harness::Normalizer);
    t.run(&[
        case("two volumes")
            .args(&["v1.tar", "v2.tar"])
            .normalize(dd.0, dd.1),
        case("one archive").args(&["one.tar"]),
    ]);
}

#[test]
fn help_and_version_of_other_scripts() {
    let scripts: [(&str, &[&[&str]]); 8] = [
        ("/usr/bin/bashbug", &[&["--help"], &["--version"]]),
        (
            "/usr/bin/memusage",
            &[&["--help"], &["--version"], &[], &["--bogus"]],
        ),
        ("/usr/bin/sotruss", &[&["--help"], &["--version"], &["-x"]]),
        ("/usr/sbin/e2scrub", &[&["-V"], &["-h"]]),
        ("/usr/sbin/e2scrub_all", &[&["-h"]]),
        ("/usr/sbin/service", &[&["--help"], &["--version"]]),
        ("/usr/sbin/invoke-rc.d", &[&["--help"]]),
        ("/usr/sbin/blkdeactivate", &[&["-h"]]),
    ];
    for (path, arg_sets) in scripts {
        let Some(t) = ScriptTest::find(&[path]) else {
            continue;
        };
        let cases: Vec<Case> = arg_sets
            .iter()
            .map(|args| case(&args.join(" ")).args(args))
            .collect();
        t.run(&cases);
    }
}

#[test]
fn function_library_bash() {
    let lib = include_str!("../data/funclib.sh");
    let driver = include_str!("../data/funclib_driver.sh");
    for reference in ["/bin/bash"] {
        if let Some(mut t) = ScriptTest::driver("driver.sh", driver, reference) {
            t.file("funclib.sh", lib);
            t.run(&[
                case("all functions").args(&["alpha", "beta gamma", ""]),
                case("with input").stdin("line one\n  two  \nthree\\\nfour\n"),
            ]);
        }
    }
}

#[test]
fn function_library_posix() {
    let lib = include_str!("../data/funclib_posix.sh");
    let driver = include_str!("../data/funclib_posix_driver.sh");
    for reference in ["/bin/dash", "/bin/bash"] {
        if let Some(mut t) = ScriptTest::driver("driver.sh", driver, reference) {
            t.file("funclib_posix.sh", lib);
            t.run(&[
                case("all functions").args(&["x", "y z"]),
                case("with input").stdin("k1=v1\n# comment\nk2 = v 2\n\nbad line\n"),
            ]);
        }
    }
}
