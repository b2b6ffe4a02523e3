use super::*;

/// (text, kind, role, open) for each token.
fn toks(line: &str) -> Vec<(&str, Kind, Role, bool)> {
    tokenize(line)
        .list
        .iter()
        .map(|t| (&line[t.start..t.end], t.kind, t.role, t.open))
        .collect()
}

fn words(line: &str) -> Vec<(&str, Role)> {
    toks(line)
        .into_iter()
        .filter(|t| t.1 == Kind::Word)
        .map(|t| (t.0, t.2))
        .collect()
}

use Role::*;

#[test]
fn simple_command() {
    assert_eq!(
        words("ls -l /tmp"),
        vec![("ls", Command), ("-l", Argument), ("/tmp", Argument)]
    );
}

#[test]
fn separators_start_new_commands() {
    assert_eq!(
        words("a x; b | c && d || e & f\ng"),
        vec![
            ("a", Command),
            ("x", Argument),
            ("b", Command),
            ("c", Command),
            ("d", Command),
            ("e", Command),
            ("f", Command),
            ("g", Command)
        ]
    );
}

#[test]
fn quotes_and_substitutions_stay_in_one_word() {
    assert_eq!(
        words(r#"echo 'a b' "c $(d e) f" $(g "h i") ${j:-k l} `m n` o\ p"#),
        vec![
            ("echo", Command),
            ("'a b'", Argument),
            ("\"c $(d e) f\"", Argument),
            ("$(g \"h i\")", Argument),
            ("${j:-k l}", Argument),
            ("`m n`", Argument),
            ("o\\ p", Argument),
        ]
    );
    assert_eq!(
        words("echo $((1 + (2)))"),
        vec![("echo", Command), ("$((1 + (2)))", Argument)]
    );
}

#[test]
fn open_quotes_are_flagged() {
    let t = toks("echo 'abc");
    assert_eq!(t[1], ("'abc", Kind::Word, Argument, true));
    let t = toks("echo \"a $(b");
    assert!(t[1].3);
    let t = toks("echo \"done\" x");
    assert!(!t[1].3);
}

#[test]
fn assignments_and_keywords() {
    assert_eq!(
        words("A=1 B+=2 cmd C=3"),
        vec![
            ("A=1", Assignment),
            ("B+=2", Assignment),
            ("cmd", Command),
            ("C=3", Argument)
        ]
    );
    assert_eq!(
        words("if true; then ls; fi"),
        vec![
            ("if", Command),
            ("true", Command),
            ("then", Command),
            ("ls", Command),
            ("fi", Command)
        ]
    );
    assert_eq!(
        words("for x in a b; do echo $x; done"),
        vec![
            ("for", Command),
            ("x", Name),
            ("in", Argument),
            ("a", Argument),
            ("b", Argument),
            ("do", Command),
            ("echo", Command),
            ("$x", Argument),
            ("done", Command)
        ]
    );
    assert_eq!(
        words("! grep x"),
        vec![("!", Command), ("grep", Command), ("x", Argument)]
    );
}

#[test]
fn redirections() {
    assert_eq!(
        words("cat <in >out 2>&1 x"),
        vec![
            ("cat", Command),
            ("in", Redirect),
            ("out", Redirect),
            ("2", Redirect),
            ("1", Redirect),
            ("x", Argument)
        ]
    );
    assert_eq!(words(">out cmd"), vec![("out", Redirect), ("cmd", Command)]);
}

#[test]
fn comments() {
    let t = toks("echo a#b # rest here");
    assert_eq!(t[1].0, "a#b");
    assert_eq!(t[2], ("# rest here", Kind::Comment, Argument, false));
    let t = toks("# only\nls");
    assert_eq!(t[0].1, Kind::Comment);
    assert_eq!(t[2].2, Command);
}

#[test]
fn next_role_and_command() {
    let t = tokenize("cd ");
    assert_eq!(t.next_role, Some(Argument));
    assert_eq!(t.next_command, Some(0));
    assert_eq!(tokenize("ls | ").next_role, Some(Command));
    assert_eq!(tokenize("").next_role, Some(Command));
    assert_eq!(tokenize("echo >").next_role, Some(Redirect));
    let t = tokenize("A=1 git x ");
    assert_eq!(t.next_command, Some(1));
    let line = "sudo cd x";
    let t = tokenize(line);
    assert_eq!(t.list[2].command, Some(0));
}

#[test]
fn never_panics() {
    for line in [
        "\\", "'", "\"", "$(", "${", "`", "é\\é", "$", "a\\", "((", "))", "<<", "\"\\é", "#",
    ] {
        let t = tokenize(line);
        for tok in &t.list {
            assert!(tok.start < tok.end && tok.end <= line.len(), "{line:?}");
            assert!(
                line.is_char_boundary(tok.start) && line.is_char_boundary(tok.end),
                "{line:?}"
            );
        }
    }
}
