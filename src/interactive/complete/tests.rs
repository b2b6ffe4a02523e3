use super::*;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

struct Fixture {
    dir: PathBuf,
}

impl Fixture {
    fn new(tag: &str) -> Fixture {
        let dir = std::env::temp_dir().join(format!("whelk-compl-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub dir")).unwrap();
        std::fs::create_dir_all(dir.join("subway")).unwrap();
        for f in [
            "my file.txt",
            "my fig.png",
            "other",
            ".hidden",
            "it's",
            "a$b",
        ] {
            std::fs::write(dir.join(f), b"").unwrap();
        }
        std::fs::write(dir.join("subway/tool"), b"").unwrap();
        let tool = dir.join("subway/tool");
        std::fs::set_permissions(&tool, std::fs::Permissions::from_mode(0o755)).unwrap();
        Fixture { dir }
    }

    fn d(&self) -> String {
        self.dir.display().to_string()
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn view() -> View {
    View {
        builtins: vec!["cd".into(), "echo".into(), "exit".into(), "export".into()],
        functions: vec!["exfun".into()],
        aliases: vec!["ll".into()],
        variables: vec!["HOME".into(), "HOSTNAME".into(), "PATH".into()],
        jobs: vec![
            JobView {
                id: 1,
                command: "sleep 100".into(),
            },
            JobView {
                id: 2,
                command: "vim x".into(),
            },
        ],
        home: b"/nonexistent-home".to_vec(),
        path: Vec::new(),
    }
}

fn run(line: &str) -> (usize, Vec<(String, String)>) {
    let mut cache = CommandCache::default();
    cache.scan(b"");
    let (start, pairs) = complete(line, line.len(), &view(), &mut cache);
    (
        start,
        pairs
            .into_iter()
            .map(|p| (p.display, p.replacement))
            .collect(),
    )
}

fn replacements(line: &str) -> Vec<String> {
    run(line).1.into_iter().map(|p| p.1).collect()
}

#[test]
fn file_names_with_spaces_are_escaped() {
    let f = Fixture::new("spaces");
    let line = format!("cat {}/my", f.d());
    let (start, found) = run(&line);
    assert_eq!(start, 4);
    assert_eq!(
        found,
        vec![
            ("my fig.png".to_string(), format!("{}/my\\ fig.png ", f.d())),
            (
                "my file.txt".to_string(),
                format!("{}/my\\ file.txt ", f.d())
            ),
        ]
    );
    // Already escaped input goes on being completed.
    let line = format!("cat {}/my\\ fil", f.d());
    assert_eq!(
        replacements(&line),
        vec![format!("{}/my\\ file.txt ", f.d())]
    );
}

#[test]
fn open_quotes_are_continued_and_closed() {
    let f = Fixture::new("quotes");
    let line = format!("cat \"{}/my fil", f.d());
    assert_eq!(
        replacements(&line),
        vec![format!("\"{}/my file.txt\" ", f.d())]
    );
    let line = format!("cat '{}/it", f.d());
    assert_eq!(replacements(&line), vec![format!("'{}/it'\\''s' ", f.d())]);
    let line = format!("cat {}/a", f.d());
    assert_eq!(replacements(&line), vec![format!("{}/a\\$b ", f.d())]);
}

#[test]
fn directories_get_a_slash_and_cd_gets_only_directories() {
    let f = Fixture::new("dirs");
    let line = format!("ls {}/su", f.d());
    assert_eq!(
        replacements(&line),
        vec![
            format!("{}/sub\\ dir/", f.d()),
            format!("{}/subway/", f.d())
        ]
    );
    let line = format!("cd {}/", f.d());
    let names: Vec<String> = run(&line).1.into_iter().map(|p| p.0).collect();
    assert_eq!(names, vec!["sub dir/", "subway/"]);
}

#[test]
fn hidden_files_only_with_a_dot() {
    let f = Fixture::new("hidden");
    let line = format!("ls {}/", f.d());
    assert!(!run(&line).1.iter().any(|p| p.0.starts_with('.')));
    let line = format!("ls {}/.h", f.d());
    assert_eq!(replacements(&line), vec![format!("{}/.hidden ", f.d())]);
}

#[test]
fn command_position_paths_are_executables_or_directories() {
    let f = Fixture::new("exec");
    let line = format!("{}/subway/", f.d());
    assert_eq!(replacements(&line), vec![format!("{}/subway/tool ", f.d())]);
    let line = format!("{}/o", f.d());
    assert!(replacements(&line).is_empty());
}

#[test]
fn command_names() {
    assert_eq!(replacements("ex"), vec!["exfun ", "exit ", "export "]);
    assert_eq!(replacements("echo a; l"), vec!["ll "]);
    assert_eq!(replacements("A=1 ech"), vec!["echo "]);
    assert_eq!(replacements("if tr"), Vec::<String>::new());
    assert_eq!(replacements("whi"), vec!["while "]);
}

#[test]
fn variables() {
    let (start, found) = run("echo $HO");
    assert_eq!(start, 5);
    assert_eq!(
        found.into_iter().map(|p| p.1).collect::<Vec<_>>(),
        vec!["$HOME", "$HOSTNAME"]
    );
    assert_eq!(replacements("echo ${PA"), vec!["${PATH}"]);
    assert_eq!(replacements("echo \"x$PA"), vec!["$PATH"]);
    // Single quotes protect `$`.
    assert!(!replacements("echo '$PA").contains(&"$PATH".to_string()));
}

#[test]
fn job_specs() {
    assert_eq!(replacements("fg %"), vec!["%1 ", "%2 "]);
    assert_eq!(replacements("kill %2"), vec!["%2 "]);
    assert_eq!(replacements("fg "), vec!["%1 ", "%2 "]);
    assert_eq!(replacements("fg %vi"), vec!["%2 "]);
}

#[test]
fn tilde_users_and_home() {
    let found = run("ls ~roo").1;
    assert_eq!(found, vec![("~root".to_string(), "~root/".to_string())]);
    let f = Fixture::new("tilde");
    let mut v = view();
    v.home = f.dir.as_os_str().as_encoded_bytes().to_vec();
    let mut cache = CommandCache::default();
    let (start, found) = complete("cat ~/oth", 9, &v, &mut cache);
    assert_eq!(start, 4);
    assert_eq!(found[0].replacement, "~/other ");
}

#[test]
fn assignment_values_and_options() {
    let f = Fixture::new("assign");
    let line = format!("X={}/oth", f.d());
    assert_eq!(run(&line).0, 2);
    assert_eq!(replacements(&line), vec![format!("{}/other ", f.d())]);
    let line = format!("P=/x:{}/oth", f.d());
    assert_eq!(run(&line).0, 5);
    let line = format!("cmd --file={}/oth", f.d());
    assert_eq!(run(&line).0, 11);
}

#[test]
fn comments_complete_nothing() {
    assert!(run("echo # ex").1.is_empty());
}

#[test]
fn odd_input_does_not_panic() {
    let mut cache = CommandCache::default();
    for line in [
        "", "'", "\"", "$", "${", "~", "é", "a é", "\\", "$(ec", "`ec", "%", "fg %%",
    ] {
        for pos in 0..=line.len() + 1 {
            let _ = complete(line, pos, &view(), &mut cache);
        }
    }
}

#[test]
fn inside_command_substitution() {
    let (start, found) = run("echo $(ech");
    assert_eq!(start, 7);
    assert_eq!(found[0].1, "echo ");
    assert_eq!(run("x `ex").1.len(), 3);
    assert_eq!(run("echo \"$(echo $HO").0, 13);
}

#[test]
fn exhaustive_short_inputs_do_not_panic() {
    let alphabet: Vec<char> = "'\"\\$({`~ /%=;é".chars().collect();
    let mut cache = CommandCache::default();
    fn walk(line: &mut String, alphabet: &[char], depth: usize, cache: &mut CommandCache) {
        let (start, _) = complete(line, line.len(), &view(), cache);
        assert!(
            start <= line.len() && line.is_char_boundary(start),
            "{line:?}"
        );
        if depth == 0 {
            return;
        }
        for &c in alphabet {
            line.push(c);
            walk(line, alphabet, depth - 1, cache);
            line.pop();
        }
    }
    walk(&mut String::new(), &alphabet, 3, &mut cache);
}
