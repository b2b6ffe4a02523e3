use super::*;

fn run(line: &str, hist: &[&str]) -> Result<Expansion, String> {
    expand(
        line,
        &Events {
            entries: hist,
            base: 1,
        },
    )
}

fn ok(line: &str, hist: &[&str]) -> String {
    run(line, hist).expect("expansion succeeds").line
}

const H: &[&str] = &["echo one two three", "ls -l /a/b/c.txt", "cat x | wc -l"];

#[test]
fn bang_bang_and_numbers() {
    assert_eq!(ok("!!", H), "cat x | wc -l");
    assert_eq!(ok("!1", H), "echo one two three");
    assert_eq!(ok("!-2", H), "ls -l /a/b/c.txt");
    assert_eq!(ok("x !! y", H), "x cat x | wc -l y");
    assert_eq!(run("!9", H).unwrap_err(), "!9: event not found");
    assert_eq!(run("!-9", H).unwrap_err(), "!-9: event not found");
    assert_eq!(run("!!", &[]).unwrap_err(), "!!: event not found");
}

#[test]
fn prefix_and_search() {
    assert_eq!(ok("!ec", H), "echo one two three");
    assert_eq!(ok("!l", H), "ls -l /a/b/c.txt");
    assert_eq!(ok("!?two?", H), "echo one two three");
    assert_eq!(ok("!?wc", H), "cat x | wc -l");
    assert_eq!(run("!nosuch", H).unwrap_err(), "!nosuch: event not found");
    // The prefix ends at a colon or a blank.
    assert_eq!(ok("!ls:1 z", H), "-l z");
}

#[test]
fn word_designators() {
    assert_eq!(ok("echo !$", H), "echo -l");
    assert_eq!(ok("echo !*", H), "echo x | wc -l");
    assert_eq!(ok("echo !^", H), "echo x");
    assert_eq!(ok("!1:0", H), "echo");
    assert_eq!(ok("!1:2", H), "two");
    assert_eq!(ok("!1:1-2", H), "one two");
    assert_eq!(ok("!1:-2", H), "echo one two");
    assert_eq!(ok("!1:2*", H), "two three");
    assert_eq!(ok("!1:1-", H), "one two");
    assert_eq!(ok("!1$", H), "three");
    assert_eq!(ok("!!:3", H), "wc");
    assert_eq!(run("!1:7", H).unwrap_err(), "!1:7: bad word specifier");
    // `!*` of a one-word command is empty, not an error.
    assert_eq!(ok("x !*", &["ls"]), "x ");
    assert_eq!(ok("x !$", &["ls"]), "x ls");
}

#[test]
fn modifiers() {
    let h = &["echo /a/b/c.txt"];
    assert_eq!(ok("!$:h", h), "/a/b");
    assert_eq!(ok("!$:t", h), "c.txt");
    assert_eq!(ok("!$:r", h), "/a/b/c");
    assert_eq!(ok("!$:e", h), ".txt");
    assert_eq!(ok("!$:t:r", h), "c");
    assert_eq!(ok("!!:q", &["it's"]), "'it'\\''s'");
    assert_eq!(ok("!!:x", &["a b"]), "'a' 'b'");
    let e = run("!!:p", h).unwrap();
    assert!(e.print_only);
    assert_eq!(e.line, "echo /a/b/c.txt");
}

#[test]
fn substitutions() {
    assert_eq!(ok("!!:s/wc/nl/", H), "cat x | nl -l");
    assert_eq!(ok("!1:s/o/0/", H), "ech0 one two three");
    assert_eq!(ok("!1:gs/o/0/", H), "ech0 0ne tw0 three");
    assert_eq!(ok("!1:s/two/[&]/", H), "echo one [two] three");
    assert_eq!(ok("!1:s/one/1", H), "echo 1 two three");
    assert_eq!(
        run("!1:s/zzz/y/", H).unwrap_err(),
        "!1:s/zzz/y/: substitution failed"
    );
}

#[test]
fn quick_substitution() {
    assert_eq!(ok("^wc^grep^", H), "cat x | grep -l");
    assert_eq!(ok("^wc^grep", H), "cat x | grep -l");
    assert_eq!(ok("^wc^grep^ extra", H), "cat x | grep -l extra");
    assert_eq!(
        run("^a^Z", &["x"]).unwrap_err(),
        ":s^a^Z: substitution failed"
    );
}

#[test]
fn literal_bangs() {
    for line in [
        "echo hi!",
        "echo ! x",
        "a != b",
        "echo !(x)",
        "echo '!!'",
        "echo \\!!",
        "echo \"x!\"",
        "echo [!a]*",
        "echo ${!PWD*}",
        "echo $!",
    ] {
        let e = run(line, H).unwrap();
        assert_eq!(e.line, line, "{line}");
        assert!(!e.changed, "{line}");
    }
}

#[test]
fn double_quotes_do_not_protect() {
    assert_eq!(ok("echo \"!!\"", &["ls"]), "echo \"ls\"");
    let e = run("echo \"!!\"", &["ls"]).unwrap();
    assert!(e.changed);
}

#[test]
fn current_line() {
    assert_eq!(ok("echo a; echo !#", &[]), "echo a; echo echo a; echo ");
}

#[test]
fn numbering_uses_base() {
    let e = expand(
        "!10",
        &Events {
            entries: &["a", "b"],
            base: 9,
        },
    )
    .unwrap();
    assert_eq!(e.line, "b");
}

#[test]
fn split_words_like_bash() {
    assert_eq!(
        split_words("echo 'a b' \"c d\" e\\ f|wc>x"),
        vec!["echo", "'a b'", "\"c d\"", "e\\ f", "|", "wc", ">", "x"]
    );
    assert_eq!(split_words("a && b"), vec!["a", "&&", "b"]);
    assert!(split_words("   ").is_empty());
}

#[test]
fn never_panics_on_odd_input() {
    for line in [
        "!",
        "!:",
        "!!:",
        "!-",
        "!?",
        "^",
        "^^",
        "!!:s",
        "!!:s/",
        "!é",
        "é!é",
        "!!:$-",
        "!!:99999999999999999999999",
        "!-99999999999999999999999",
        "!!:1-0",
        "!!:gs",
        "!!:&",
    ] {
        let _ = run(line, H);
    }
}

/// Every short combination of the characters the expander cares about.
#[test]
fn exhaustive_short_inputs_do_not_panic() {
    let alphabet: Vec<char> = "!:^$*-?#s/gh&'\"\\é 1x".chars().collect();
    let hist = &["echo a/b.c 'x y'", "ls"];
    let mut line = String::new();
    fn walk(line: &mut String, alphabet: &[char], depth: usize, hist: &[&str]) {
        let _ = run(line, hist);
        if depth == 0 {
            return;
        }
        for &c in alphabet {
            line.push(c);
            walk(line, alphabet, depth - 1, hist);
            line.pop();
        }
    }
    walk(&mut line, &alphabet, 4, hist);
}
