//! The line editor on a real terminal: Tab completion of a command, of a
//! path with spaces and of a variable; history shared by two sessions;
//! Ctrl-C and Ctrl-D at the prompt. Each test types keys into a PTY and
//! waits for output it could not have typed (values computed by the shell),
//! never for a fixed time.

use std::fs;

use crate::pty::{Session, CTRL_C, CTRL_D};

/// An interactive whelk with the full line editor (a capable `TERM`, no
/// colours so the screen text stays plain), at its first prompt.
fn editor(setup: impl FnOnce(&std::path::Path, &mut std::process::Command)) -> Session {
    let mut s = Session::whelk(&["-i", "--norc"], |dir, cmd| {
        cmd.env("TERM", "xterm").env("NO_COLOR", "1");
        setup(dir, cmd);
    });
    s.prompt();
    s
}

#[test]
fn tab_completes_a_command_name() {
    let mut s = editor(|dir, cmd| {
        // A command found only through PATH, with a unique name.
        let bin = dir.join("bin");
        fs::create_dir_all(&bin).expect("bin dir");
        let tool = bin.join("whelkprobetool");
        fs::write(&tool, "#!/bin/sh\necho \"probe-ran-$((40 + 2))\"\n").expect("write tool");
        fs::set_permissions(&tool, std::os::unix::fs::PermissionsExt::from_mode(0o755))
            .expect("chmod");
        let path = format!(
            "{}:{}",
            bin.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        cmd.env("PATH", path);
    });
    // `whelkprobet` + Tab completes to the command; its output is computed,
    // so it cannot be the echo of what was typed.
    s.send(b"whelkprobet\t");
    s.line("");
    s.expect("probe-ran-42");
    s.prompt();
}

#[test]
fn tab_completes_a_path_with_spaces_quoting_it() {
    let mut s = editor(|dir, _| {
        fs::write(dir.join("my file.txt"), "content-of-the-file\n").expect("write file");
    });
    s.send(b"cat my\t");
    s.line("");
    let out = s.expect("content-of-the-file");
    assert!(
        out.contains("my\\ file.txt"),
        "the completed name is quoted: {out:?}"
    );
    s.prompt();
}

#[test]
fn tab_completes_a_variable_name() {
    let mut s = editor(|_, cmd| {
        cmd.env("WHELK_COMPLETION_PROBE", "value-from-env");
    });
    s.send(b"echo $WHELK_COMPLETION_PR\t");
    s.line("");
    s.expect("value-from-env");
    s.prompt();
}

#[test]
fn history_is_shared_by_two_sessions_without_loss() {
    let state = std::env::temp_dir().join(format!("whelk-hist-{}", std::process::id()));
    let _ = fs::remove_dir_all(&state);
    fs::create_dir_all(&state).expect("state dir");
    let histfile = state.join("history");
    let with_file = |cmd: &mut std::process::Command| {
        cmd.env("HISTFILE", &histfile);
    };
    let mut a = editor(|_, cmd| with_file(cmd));
    let mut b = editor(|_, cmd| with_file(cmd));
    // Interleaved commands from two live sessions.
    a.run("echo alpha-one");
    b.run("echo beta-one");
    a.run("echo alpha-two");
    b.run("echo beta-two");
    a.key(CTRL_D);
    a.wait_exit();
    b.key(CTRL_D);
    b.wait_exit();
    // A third session sees every entry, in the order they were typed.
    let mut c = editor(|_, cmd| with_file(cmd));
    let listing = c.run("history");
    let order: Vec<usize> = ["alpha-one", "beta-one", "alpha-two", "beta-two"]
        .iter()
        .map(|w| {
            listing
                .find(&format!("echo {w}"))
                .unwrap_or_else(|| panic!("{w} missing from history:\n{listing}"))
        })
        .collect();
    assert!(order.windows(2).all(|p| p[0] < p[1]), "order: {listing}");
    let _ = fs::remove_dir_all(&state);
}

#[test]
fn ctrl_c_at_the_prompt_discards_the_line_with_status_130() {
    let mut s = editor(|_, _| {});
    s.send(b"echo never-run-this");
    s.key(CTRL_C);
    s.prompt();
    s.line("echo status-$?");
    s.expect("status-130");
    s.prompt();
}

#[test]
fn ctrl_d_on_an_empty_line_exits() {
    let mut s = editor(|_, _| {});
    s.key(CTRL_D);
    let status = s.wait_exit();
    assert_eq!(status.code(), Some(0));
}
