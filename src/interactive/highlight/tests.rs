use super::*;

fn classify(name: &str) -> CommandKind {
    match name {
        "echo" | "cd" => CommandKind::Builtin,
        "ls" | "grep" => CommandKind::External,
        "myfn" => CommandKind::Defined,
        _ => CommandKind::Missing,
    }
}

fn hl(line: &str) -> String {
    highlight(line, &classify)
}

#[test]
fn keeps_the_text() {
    for line in [
        "ls -l | grep x && echo \"a $b $(c d) `e`\" 'f' # g",
        "nosuch 'open",
        "echo \"unterminated $x",
        "A=1 B=\"x y\" ls $(( 1 + 2 )) ${x:-y} \\$lit",
        "é ü 'ö' \"ä$ß\"",
        "if true; then echo; fi\nfor x in a; do :; done",
        "",
        "\\",
        "$",
        "\"$",
    ] {
        assert_eq!(strip_colors(&hl(line)), line, "{line:?}");
    }
}

#[test]
fn command_kinds() {
    assert_eq!(hl("ls"), format!("{EXTERNAL}ls{RESET}"));
    assert_eq!(hl("nosuch x"), format!("{MISSING}nosuch{RESET} x"));
    assert_eq!(hl("echo"), format!("{BUILTIN}echo{RESET}"));
    assert_eq!(hl("myfn"), format!("{DEFINED}myfn{RESET}"));
    assert!(hl("if ls; then").starts_with(&format!("{KEYWORD}if{RESET}")));
    // Arguments are not looked up.
    assert_eq!(hl("echo nosuch"), format!("{BUILTIN}echo{RESET} nosuch"));
}

#[test]
fn strings_parameters_comments() {
    assert_eq!(
        hl("echo 'a b'"),
        format!("{BUILTIN}echo{RESET} {STRING}'a b'{RESET}")
    );
    assert_eq!(
        hl("echo $HOME/x"),
        format!("{BUILTIN}echo{RESET} {PARAMETER}$HOME{RESET}/x")
    );
    assert_eq!(
        hl("echo \"a$b\""),
        format!("{BUILTIN}echo{RESET} {STRING}\"a{PARAMETER}$b{STRING}\"{RESET}")
    );
    assert_eq!(
        hl("ls # c"),
        format!("{EXTERNAL}ls{RESET} {COMMENT}# c{RESET}")
    );
    assert_eq!(
        hl("echo 'open"),
        format!("{BUILTIN}echo{RESET} {UNCLOSED}'open{RESET}")
    );
}

#[test]
fn assignment_values() {
    assert_eq!(
        hl("A=$x ls"),
        format!("A={PARAMETER}$x{RESET} {EXTERNAL}ls{RESET}")
    );
}

#[test]
fn quoted_command_names_are_not_looked_up() {
    assert_eq!(hl("'ls'"), format!("{STRING}'ls'{RESET}"));
}

#[test]
fn exhaustive_short_inputs_keep_their_text() {
    let alphabet: Vec<char> = "'\"\\$(){}`#; |<>=aé\n".chars().collect();
    fn walk(line: &mut String, alphabet: &[char], depth: usize) {
        assert_eq!(strip_colors(&hl(line)), *line, "{line:?}");
        let t = crate::interactive::lex::tokenize(line);
        for tok in &t.list {
            assert!(line.is_char_boundary(tok.start) && line.is_char_boundary(tok.end));
        }
        if depth == 0 {
            return;
        }
        for &c in alphabet {
            line.push(c);
            walk(line, alphabet, depth - 1);
            line.pop();
        }
    }
    walk(&mut String::new(), &alphabet, 4);
}
