//! Runs one script under its reference shell and under whelk and compares
//! what they did ([`ScriptTest::run`]).
//!
//! The reference shell is the one the script's `#!` line names: `/bin/dash`
//! for `/bin/sh` (Debian's `/bin/sh` is dash), `/bin/bash` for `/bin/bash`;
//! an option on that line (`#!/bin/sh -e`) is passed to both shells. Each
//! run gets the same fresh directory (same absolute path, so output that
//! names it matches), re-populated from the test's fixture, as its cwd and
//! `$HOME`, the same arguments, stdin and environment (cleared, then
//! `LC_ALL=C`, `PATH=/usr/local/bin:/usr/bin:/bin`, the case's variables).
//!
//! Compared, exactly: stdout, exit status, and every file left in the
//! directory (type, permission bits, contents or link target), except
//! files a test names with [`ScriptTest::ignore`] and a reason. Stderr is
//! compared line by line after one normalisation: a shell's own diagnostic
//! (`SCRIPT: 12: msg` from dash, `SCRIPT: line 12: msg` from bash,
//! `whelk: SCRIPT:12:5: msg` from whelk) becomes "diagnostic at line 12".
//! Line numbers must agree (except in whelk's diagnostics from `eval` or
//! trap text, which the shells number differently); the message text must
//! also agree when the reference is bash (whelk uses bash's wording), not
//! when it is dash.
//! A bare reference line equal to whelk's message (bash prints getopts
//! errors without a location) matches, and so do dash's getopts wordings
//! (`Illegal option -x`, `No arg for -x option`) against bash's. Anything
//! else a case needs (timestamps, addresses) is a named per-case normaliser.

use crate::support::{run_with_timeout, whelk_bin, RunOutput};
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(60);
const DASH: &str = "/bin/dash";
const BASH: &str = "/bin/bash";

/// Rewrites volatile parts of output (applied to stdout and stderr of both
/// runs before comparing).
pub type Normalizer = fn(&[u8]) -> Vec<u8>;

/// One invocation of the script.
#[derive(Clone, Default)]
pub struct Case {
    label: String,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    /// Run in this subdirectory of the run directory.
    cwd: Option<String>,
    normalize: Option<(&'static str, Normalizer)>,
    /// Why whelk may match bash instead of dash here.
    bash_like: Option<&'static str>,
}

pub fn case(label: &str) -> Case {
    Case {
        label: label.to_owned(),
        ..Case::default()
    }
}

impl Case {
    pub fn args(mut self, args: &[&str]) -> Case {
        self.args = args.iter().map(|a| a.to_string()).collect();
        self
    }
    pub fn env(mut self, name: &str, value: &str) -> Case {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }
    pub fn stdin(mut self, text: &str) -> Case {
        self.stdin = Some(text.as_bytes().to_vec());
        self
    }
    /// Runs the script in `dir` (relative to the run directory).
    pub fn cwd(mut self, dir: &str) -> Case {
        self.cwd = Some(dir.to_owned());
        self
    }
    /// Applies `f` (described by `what`) to the output of both runs.
    pub fn normalize(mut self, what: &'static str, f: Normalizer) -> Case {
        self.normalize = Some((what, f));
        self
    }
    /// A known difference: dash and bash disagree here and whelk follows
    /// bash (`why` says how). Whelk must then match bash exactly.
    pub fn bash_like(mut self, why: &'static str) -> Case {
        self.bash_like = Some(why);
        self
    }
}

/// A script found on this machine, with its reference shell.
pub struct ScriptTest {
    /// The path passed to the shells (so `$0`).
    script: String,
    reference: &'static str,
    /// Option words from the `#!` line.
    flags: Vec<String>,
    /// Fixture files copied into the run directory before each run.
    fixture: Option<TempDir>,
    /// Files left out of the comparison, with the reason.
    ignored: Vec<(PathBuf, &'static str)>,
}

impl ScriptTest {
    /// The first of `candidates` that exists and starts with a `#!` line
    /// naming sh or bash; `None` (after printing why) when there is none or
    /// the reference shell is missing, so the test is skipped.
    pub fn find(candidates: &[&str]) -> Option<ScriptTest> {
        let Some(path) = candidates.iter().find(|p| Path::new(p).is_file()) else {
            println!("skipped: none of {candidates:?} is installed");
            return None;
        };
        let head = fs::read(path).ok()?;
        let first = head.split(|&b| b == b'\n').next().unwrap_or_default();
        let text = String::from_utf8_lossy(first);
        let Some(line) = text.strip_prefix("#!") else {
            println!("skipped: {path} is not a shell script");
            return None;
        };
        let mut words = line.split_whitespace();
        let reference = match words.next() {
            Some("/bin/sh" | "/usr/bin/sh") => DASH,
            Some("/bin/bash" | "/usr/bin/bash") => BASH,
            other => {
                println!("skipped: {path} runs under {other:?}, not sh or bash");
                return None;
            }
        };
        Self::with_reference(path, reference, words.map(str::to_owned).collect())
    }

    /// A test script of our own (a driver that sources a real library)
    /// written into the fixture as `name`, run as `./name`.
    pub fn driver(name: &str, text: &str, reference: &'static str) -> Option<ScriptTest> {
        let mut t = Self::with_reference(&format!("./{name}"), reference, Vec::new())?;
        t.file(name, text);
        Some(t)
    }

    fn with_reference(path: &str, reference: &'static str, flags: Vec<String>) -> Option<Self> {
        if !Path::new(reference).is_file() {
            println!("skipped: reference shell {reference} is missing");
            return None;
        }
        Some(ScriptTest {
            script: path.to_owned(),
            reference,
            flags,
            fixture: None,
            ignored: Vec::new(),
        })
    }

    fn fixture_dir(&mut self) -> PathBuf {
        if self.fixture.is_none() {
            self.fixture = Some(TempDir::new().expect("temp dir for fixture"));
        }
        self.fixture
            .as_ref()
            .map(|d| d.0.clone())
            .unwrap_or_default()
    }

    /// Adds a fixture file (parent directories are created).
    pub fn file(&mut self, rel: &str, contents: &str) -> &mut Self {
        let path = self.fixture_dir().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("fixture dir");
        }
        fs::write(&path, contents).expect("fixture file");
        self
    }

    /// Leaves `rel` out of the file comparison; `why` says what makes it
    /// differ between any two runs (printed with the results).
    pub fn ignore(&mut self, rel: &str, why: &'static str) -> &mut Self {
        self.ignored.push((PathBuf::from(rel), why));
        self
    }

    /// Runs `sh -c command` in the fixture directory (as `$HOME`, with the
    /// environment of a run) to build fixture files (compressed files,
    /// archives, symlinks, git repositories). Fixtures are built once, so
    /// both runs see identical bytes.
    pub fn setup(&mut self, command: &str) -> &mut Self {
        let dir = self.fixture_dir();
        let out = Command::new("/bin/sh")
            .arg("-c")
            .arg(command)
            .current_dir(&dir)
            .env_clear()
            .env("LC_ALL", "C")
            .env("HOME", &dir)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .output()
            .expect("run fixture command");
        assert!(
            out.status.success(),
            "fixture command failed: {command}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }

    /// Runs every case; panics listing every difference found.
    pub fn run(&self, cases: &[Case]) {
        let mut failures = Vec::new();
        for case in cases {
            if let Err(report) = self.run_case(case) {
                failures.push(report);
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {} cases of {} differ:\n\n{}",
            failures.len(),
            cases.len(),
            self.script,
            failures.join("\n")
        );
    }

    fn run_case(&self, case: &Case) -> Result<(), String> {
        let dir = TempDir::new().map_err(|e| format!("temp dir: {e}"))?;
        let reference = self.run_under(&dir, self.reference, case)?;
        let whelk = self.run_under(&dir, &whelk_bin().to_string_lossy(), case)?;
        if std::env::var_os("WHELK_REALSCRIPTS_SHOW").is_some() {
            // For reviewing what the cases exercise: `cargo test realscripts
            // -- --nocapture` with this variable set.
            println!(
                "[{}] {} {:?}: status {}, {} files\n{}{}",
                case.label,
                self.script,
                case.args,
                reference.out.status,
                reference.files.len(),
                indent(&reference.out.stdout),
                indent(&reference.out.stderr),
            );
        }
        for (path, why) in &self.ignored {
            println!(
                "{} [{}]: not comparing {}: {why}",
                self.script,
                case.label,
                path.display()
            );
        }
        let problems = compare(&reference, &whelk, self.reference, &self.script);
        if problems.is_empty() {
            return Ok(());
        }
        let Some(why) = case.bash_like else {
            return Err(self.report(case, self.reference, &problems, &reference, &whelk));
        };
        // Known dash/bash disagreement: whelk must then behave like bash.
        let bash = self.run_under(&dir, BASH, case)?;
        let bash_problems = compare(&bash, &whelk, BASH, &self.script);
        if bash_problems.is_empty() {
            println!(
                "{} [{}]: known difference from dash: {why}",
                self.script, case.label
            );
            return Ok(());
        }
        Err(self.report(case, BASH, &bash_problems, &bash, &whelk))
    }

    fn report(&self, case: &Case, shell: &str, problems: &[String], r: &Run, w: &Run) -> String {
        format!(
            "[{}] {} {:?} (reference {shell}):\n  {}\n  --- {shell} stdout\n{}  --- whelk stdout\n{}  \
             --- {shell} stderr\n{}  --- whelk stderr\n{}",
            case.label,
            self.script,
            case.args,
            problems.join("\n  "),
            indent(&r.out.stdout),
            indent(&w.out.stdout),
            indent(&r.out.stderr),
            indent(&w.out.stderr),
        )
    }

    /// One run in `dir`/work, made afresh (the same path for every shell
    /// of a case), then a snapshot of what it left there.
    fn run_under(&self, dir: &TempDir, shell: &str, case: &Case) -> Result<Run, String> {
        let work = dir.0.join("work");
        dir.clear().map_err(|e| format!("clear run dir: {e}"))?;
        fs::create_dir(&work).map_err(|e| e.to_string())?;
        if let Some(fixture) = &self.fixture {
            copy_tree(&fixture.0, &work).map_err(|e| format!("copy fixture: {e}"))?;
        }
        let stdin = match &case.stdin {
            Some(text) => {
                let path = dir.0.join("stdin");
                fs::write(&path, text).map_err(|e| e.to_string())?;
                Stdio::from(fs::File::open(path).map_err(|e| e.to_string())?)
            }
            None => Stdio::null(),
        };
        let mut cmd = Command::new(shell);
        cmd.args(&self.flags)
            .arg(&self.script)
            .args(&case.args)
            .current_dir(work.join(case.cwd.as_deref().unwrap_or(".")))
            .env_clear()
            .env("LC_ALL", "C")
            .env("HOME", &work)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .envs(case.env.iter().map(|(k, v)| (k, v)))
            .stdin(stdin);
        let mut out =
            run_with_timeout(&mut cmd, TIMEOUT).map_err(|e| format!("run {shell}: {e}"))?;
        if out.timed_out {
            return Err(format!(
                "[{}] {shell} {} timed out",
                case.label, self.script
            ));
        }
        if let Some((_, f)) = case.normalize {
            out.stdout = f(&out.stdout);
            out.stderr = f(&out.stderr);
        }
        let mut files = snapshot(&work).map_err(|e| format!("snapshot: {e}"))?;
        for (path, _) in &self.ignored {
            files.remove(path);
        }
        Ok(Run { out, files })
    }
}

/// What one shell did.
struct Run {
    out: RunOutput,
    files: BTreeMap<PathBuf, Entry>,
}

/// A file left in the run directory.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Dir(u32),
    File(u32, Vec<u8>),
    Link(PathBuf),
    Other,
}

fn compare(r: &Run, w: &Run, reference: &str, script: &str) -> Vec<String> {
    let mut problems = Vec::new();
    if r.out.stdout != w.out.stdout {
        problems.push(format!(
            "stdout differs: {}",
            first_difference(&r.out.stdout, &w.out.stdout)
        ));
    }
    if r.out.status != w.out.status {
        problems.push(format!("status {} vs whelk {}", r.out.status, w.out.status));
    }
    problems.extend(compare_files(&r.files, &w.files));
    let ours = stderr_lines(&w.out.stderr, Shell::Whelk, script);
    let kind = if reference == DASH {
        Shell::Dash
    } else {
        Shell::Bash
    };
    let theirs = stderr_lines(&r.out.stderr, kind, script);
    let same = ours.len() == theirs.len()
        && theirs
            .iter()
            .zip(&ours)
            .all(|(t, o)| lines_match(t, o, kind));
    if !same {
        problems.push(format!("stderr differs: {theirs:?} vs whelk {ours:?}"));
    }
    problems
}

/// Where two outputs part: the first differing line of each.
fn first_difference(a: &[u8], b: &[u8]) -> String {
    let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
    let (mut la, mut lb) = (a.split_inclusive('\n'), b.split_inclusive('\n'));
    let mut n = 1;
    loop {
        match (la.next(), lb.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (x, y) => return format!("line {n}: {x:?} vs whelk {y:?}"),
        }
    }
}

fn compare_files(r: &BTreeMap<PathBuf, Entry>, w: &BTreeMap<PathBuf, Entry>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, entry) in r {
        match w.get(path) {
            None => problems.push(format!("whelk did not leave {}", path.display())),
            Some(e) if e != entry => problems.push(format!("{} differs", path.display())),
            Some(_) => {}
        }
    }
    for path in w.keys().filter(|p| !r.contains_key(*p)) {
        problems.push(format!("whelk left extra {}", path.display()));
    }
    problems
}

#[derive(Clone, Copy, PartialEq)]
enum Shell {
    Dash,
    Bash,
    Whelk,
}

/// A stderr line, with a shell diagnostic's location taken apart.
#[derive(Debug)]
enum Line {
    /// `line` is `None` for whelk's diagnostics from `eval` and trap text,
    /// which dash and bash number differently.
    Diag {
        line: Option<u64>,
        msg: String,
    },
    Text(String),
}

fn stderr_lines(stderr: &[u8], shell: Shell, script: &str) -> Vec<Line> {
    String::from_utf8_lossy(stderr)
        .lines()
        .map(|l| classify(l, shell, script))
        .collect()
}

fn classify(line: &str, shell: Shell, script: &str) -> Line {
    let mut numbered = true;
    let located = match shell {
        Shell::Dash => line.strip_prefix(script).and_then(|r| r.strip_prefix(": ")),
        Shell::Bash => line
            .strip_prefix(script)
            .and_then(|r| r.strip_prefix(": line ")),
        Shell::Whelk => line.strip_prefix("whelk: ").and_then(|r| {
            let inner = r.strip_prefix("eval:").or_else(|| r.strip_prefix("trap:"));
            numbered = inner.is_none();
            inner.or_else(|| r.strip_prefix(script)?.strip_prefix(':'))
        }),
    };
    let parsed = located.and_then(|rest| {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n = rest[..digits].parse::<u64>().ok()?;
        let mut rest = &rest[digits..];
        if shell == Shell::Whelk {
            // Whelk adds the column: `:LINE:COL: msg`.
            let col = rest.strip_prefix(':')?;
            let d = col.bytes().take_while(u8::is_ascii_digit).count();
            rest = if d > 0 { &col[d..] } else { rest };
        }
        let msg = rest.strip_prefix(": ")?;
        Some(Line::Diag {
            line: numbered.then_some(n),
            msg: msg.to_owned(),
        })
    });
    parsed.unwrap_or_else(|| Line::Text(line.to_owned()))
}

fn lines_match(theirs: &Line, ours: &Line, reference: Shell) -> bool {
    match (theirs, ours) {
        (Line::Text(a), Line::Text(b)) => a == b,
        (Line::Diag { line: la, msg: ma }, Line::Diag { line: lb, msg: mb }) => {
            (lb.is_none() || la == lb) && (reference == Shell::Dash || ma == mb)
        }
        (Line::Text(a), Line::Diag { msg, .. }) => a == msg || dash_getopts(a, msg),
        _ => false,
    }
}

/// dash's getopts messages against bash's (`PROG: illegal option -- x`).
fn dash_getopts(dash: &str, bash: &str) -> bool {
    if let Some(opt) = dash.strip_prefix("Illegal option -") {
        return bash.ends_with(&format!(": illegal option -- {opt}"));
    }
    if let Some(opt) = dash
        .strip_prefix("No arg for -")
        .and_then(|r| r.strip_suffix(" option"))
    {
        return bash.ends_with(&format!(": option requires an argument -- {opt}"));
    }
    false
}

fn indent(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| format!("    |{l}\n"))
        .collect()
}

/// Everything under `root`, by relative path.
fn snapshot(root: &Path) -> std::io::Result<BTreeMap<PathBuf, Entry>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let path = entry?.path();
            let meta = fs::symlink_metadata(&path)?;
            let mode = meta.permissions().mode() & 0o7777;
            let rel = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            let kind = if meta.file_type().is_symlink() {
                Entry::Link(fs::read_link(&path)?)
            } else if meta.is_dir() {
                stack.push(path.clone());
                Entry::Dir(mode)
            } else if meta.is_file() {
                Entry::File(mode, fs::read(&path)?)
            } else {
                Entry::Other
            };
            out.insert(rel, kind);
        }
    }
    Ok(out)
}

/// `cp -a from/. to/`: contents, modes and symlinks.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    let status = Command::new("cp")
        .arg("-a")
        .arg(from.join("."))
        .arg(to)
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other("cp -a failed"))
    }
}

/// A directory removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new() -> std::io::Result<TempDir> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let base = std::env::temp_dir().canonicalize()?;
        let path = base.join(format!("whelk-realscripts-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir(&path)?;
        Ok(TempDir(path))
    }

    /// Empties the directory.
    fn clear(&self) -> std::io::Result<()> {
        // Scripts may leave read-only directories; make them removable.
        let _ = Command::new("chmod")
            .arg("-R")
            .arg("u+rwx")
            .arg(&self.0)
            .status();
        fs::remove_dir_all(&self.0)?;
        fs::create_dir(&self.0)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = Command::new("chmod")
            .arg("-R")
            .arg("u+rwx")
            .arg(&self.0)
            .status();
        let _ = fs::remove_dir_all(&self.0);
    }
}
