use super::*;

fn shell_with(lines: &[&str]) -> Shell {
    let shell = Shell::new(b"whelk".to_vec());
    for l in lines {
        let e = Entry {
            line: l.to_string(),
            time: 0,
        };
        shell.history.borrow_mut().push(e, &Control::default());
    }
    shell
}

fn lines(shell: &Shell) -> Vec<String> {
    shell
        .history
        .borrow()
        .iter()
        .map(|e| e.line.clone())
        .collect()
}

fn run(shell: &mut Shell, args: &[&str]) -> i32 {
    let mut argv = vec![b"history".to_vec()];
    argv.extend(args.iter().map(|a| a.as_bytes().to_vec()));
    history(shell, &argv).unwrap_or(-1)
}

#[test]
fn delete_by_number_from_end_and_range() {
    let mut sh = shell_with(&["a", "b", "c", "d", "e"]);
    assert_eq!(run(&mut sh, &["-d", "2"]), 0);
    assert_eq!(lines(&sh), ["a", "c", "d", "e"]);
    assert_eq!(run(&mut sh, &["-d", "-1"]), 0);
    assert_eq!(lines(&sh), ["a", "c", "d"]);
    assert_eq!(run(&mut sh, &["-d2-3"]), 0);
    assert_eq!(lines(&sh), ["a"]);
    assert_eq!(run(&mut sh, &["-d", "9"]), 1);
    assert_eq!(run(&mut sh, &["-d", "x"]), 1);
    assert_eq!(run(&mut sh, &["-d", "0"]), 1);
    assert_eq!(run(&mut sh, &["-d"]), 2);
    assert_eq!(lines(&sh), ["a"]);
}

#[test]
fn clear_and_store() {
    let mut sh = shell_with(&["a", "b"]);
    assert_eq!(run(&mut sh, &["-c"]), 0);
    assert!(lines(&sh).is_empty());
    assert_eq!(run(&mut sh, &["-s", "one", "two"]), 0);
    assert_eq!(lines(&sh), ["one two"]);
    // Interactively, `history -s` replaces its own line.
    sh.interactive = true;
    sh.history.borrow_mut().push(
        Entry {
            line: "history -s x".into(),
            time: 0,
        },
        &Control::default(),
    );
    run(&mut sh, &["-s", "x"]);
    assert_eq!(lines(&sh), ["one two", "x"]);
}

#[test]
fn usage_errors() {
    let mut sh = shell_with(&["a"]);
    assert_eq!(run(&mut sh, &["-x"]), 2);
    assert_eq!(run(&mut sh, &["1", "2"]), 1);
    assert_eq!(run(&mut sh, &["abc"]), 1);
}

#[test]
fn write_and_read_files() {
    let dir = std::env::temp_dir().join(format!("whelk-histb-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("h").display().to_string();
    let mut sh = shell_with(&["a", "multi\nline"]);
    assert_eq!(run(&mut sh, &["-w", &file]), 0);
    assert_eq!(run(&mut sh, &["-c"]), 0);
    assert_eq!(run(&mut sh, &["-r", &file]), 0);
    assert_eq!(lines(&sh), ["a", "multi\nline"]);
    // -n reads only what was added since.
    history_file::append(
        std::path::Path::new(&file),
        &[Entry {
            line: "new".into(),
            time: 1,
        }],
    )
    .unwrap();
    sh.history.borrow_mut().file_seen = 2;
    assert_eq!(run(&mut sh, &["-n", &file]), 0);
    assert_eq!(lines(&sh), ["a", "multi\nline", "new"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn strftime_of_entry_time() {
    assert_eq!(strftime_at(b"%Y", 1_000_000_000), b"2001");
}
