//! Job control on a real terminal: whelk runs on a PTY (`pty::Session`)
//! and each test types, presses Ctrl-C / Ctrl-Z / Ctrl-D, waits for the
//! prompt, and checks what happened in /proc — process states, process
//! groups, the terminal's foreground group, parents — and the terminal's
//! modes. No fixed sleeps: every wait polls for its event with a deadline.

use std::fs;

use crate::pty::{children_of, proc_stat, ProcStat, Session, CTRL_C, CTRL_D, CTRL_Z, PS2};
use crate::support::whelk_bin;

/// An interactive whelk at its first prompt.
fn shell() -> Session {
    let mut s = Session::whelk(&["-i", "--norc"], |_, _| {});
    s.prompt();
    s
}

/// The terminal's foreground process group, as the shell's stat shows it.
fn foreground_group(s: &Session) -> i32 {
    proc_stat(s.pid()).map_or(0, |p| p.tpgid)
}

/// Children of `parent` whose command names are `comms` (in any order),
/// all in one process group.
fn job_of(parent: i32, comms: &[&str]) -> Option<Vec<ProcStat>> {
    let mut kids: Vec<ProcStat> = children_of(parent)
        .into_iter()
        .filter(|p| comms.contains(&p.comm.as_str()))
        .collect();
    kids.sort_by_key(|p| p.pid);
    let group = kids.first()?.pgrp;
    let complete = kids.len() == comms.len() && kids.iter().all(|p| p.pgrp == group);
    complete.then_some(kids)
}

/// Waits until `parent` runs `comms` as one job in its own process group
/// that owns the terminal (so Ctrl-C and Ctrl-Z reach it).
#[track_caller]
fn wait_foreground_job(s: &mut Session, parent: i32, comms: &[&str]) -> Vec<ProcStat> {
    let shell_group = proc_stat(parent).map_or(0, |p| p.pgrp);
    s.wait_until(&format!("{comms:?} run in the foreground"), || {
        let job = job_of(parent, comms)?;
        let group = job[0].pgrp;
        let owns_terminal = proc_stat(job[0].pid)?.tpgid == group;
        let running = job.iter().all(|p| p.state != 'T');
        (group != shell_group && owns_terminal && running).then_some(job)
    })
}

#[track_caller]
fn wait_states(s: &mut Session, job: &[ProcStat], want: impl Fn(char) -> bool, what: &str) {
    let pids: Vec<i32> = job.iter().map(|p| p.pid).collect();
    s.wait_until(what, || {
        pids.iter()
            .all(|&pid| proc_stat(pid).is_some_and(|p| want(p.state)))
            .then_some(())
    });
}

#[track_caller]
/// Waits until the processes have ended. An interactive shell idle at its
/// prompt reaps them only at the next command line, so a zombie counts.
fn wait_gone(s: &mut Session, job: &[ProcStat], what: &str) {
    let pids: Vec<i32> = job.iter().map(|p| p.pid).collect();
    s.wait_until(what, || {
        pids.iter()
            .all(|&pid| proc_stat(pid).is_none_or(|p| p.state == 'Z'))
            .then_some(())
    });
}

/// A line of output exactly `text` (an echoed command line never is).
fn has_line(shown: &str, text: &str) -> bool {
    shown.lines().any(|l| l.trim_end() == text)
}

fn stopped(state: char) -> bool {
    state == 'T'
}

fn not_stopped(state: char) -> bool {
    state != 'T' && state != 'Z'
}

#[test]
fn ctrl_z_fg_and_bg_on_a_single_command() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.line("sleep 100");
    let job = wait_foreground_job(&mut s, shell_pid, &["sleep"]);
    s.key(CTRL_Z);
    let shown = s.prompt();
    assert!(
        shown.contains("[1]+  Stopped                 sleep 100"),
        "{shown}"
    );
    wait_states(&mut s, &job, stopped, "sleep is stopped");
    assert_eq!(
        foreground_group(&s),
        shell_pid,
        "the shell has the terminal back"
    );
    assert!(s.is_cooked());

    let shown = s.run("bg");
    assert!(shown.contains("[1]+ sleep 100 &"), "{shown}");
    wait_states(&mut s, &job, not_stopped, "sleep runs again");
    assert_eq!(foreground_group(&s), shell_pid);

    s.line("fg");
    s.expect("sleep 100");
    wait_foreground_job(&mut s, shell_pid, &["sleep"]);
    s.key(CTRL_C);
    s.prompt();
    wait_gone(&mut s, &job, "sleep is gone");
    let shown = s.run("echo status=$?");
    assert!(shown.contains("status=130"), "{shown}");
}

#[test]
fn ctrl_z_fg_and_bg_on_a_three_stage_pipeline() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.line("sleep 100 | cat | cat");
    let job = wait_foreground_job(&mut s, shell_pid, &["sleep", "cat", "cat"]);
    s.key(CTRL_Z);
    let shown = s.prompt();
    assert!(
        shown.contains("[1]+  Stopped                 sleep 100 | cat | cat"),
        "{shown}"
    );
    wait_states(&mut s, &job, stopped, "every stage is stopped");
    assert_eq!(foreground_group(&s), shell_pid);

    let listing = s.run("jobs -l");
    for p in &job {
        assert!(listing.contains(&p.pid.to_string()), "{listing}");
    }
    let shown = s.run("bg %1");
    assert!(shown.contains("[1]+ sleep 100 | cat | cat &"), "{shown}");
    wait_states(&mut s, &job, not_stopped, "every stage runs again");

    s.line("fg %sleep");
    s.expect("sleep 100 | cat | cat");
    wait_foreground_job(&mut s, shell_pid, &["sleep", "cat", "cat"]);
    s.key(CTRL_C);
    s.prompt();
    wait_gone(&mut s, &job, "the pipeline is gone");
    let shown = s.run("echo status=$? jobs=$(jobs | wc -l)");
    assert!(shown.contains("status=130 jobs=0"), "{shown}");
}

#[test]
fn ctrl_c_stops_a_loop_in_an_interactive_shell() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.line("while :; do sleep 1; done; echo not-reached");
    wait_foreground_job(&mut s, shell_pid, &["sleep"]);
    s.key(CTRL_C);
    let shown = s.prompt();
    assert!(!has_line(&shown, "not-reached"), "{shown}");
    let shown = s.run("echo after=$?");
    assert!(shown.contains("after=130"), "{shown}");
    // A loop of builtins only: the shell itself gets the SIGINT. (Ctrl-C
    // before the shell has read the line would discard the typed line, so
    // wait for the loop's first sign of life.)
    let started = s.dir().join("spinning");
    s.line("echo > spinning; while :; do :; done; echo not-reached");
    s.wait_until("the loop spins", || started.exists().then_some(()));
    s.key(CTRL_C);
    let shown = s.prompt();
    assert!(!has_line(&shown, "not-reached"), "{shown}");
}

#[test]
fn ctrl_c_makes_a_script_die_of_sigint() {
    // The script is the terminal's foreground process; Ctrl-C reaches it
    // and its sleep. bash's "wait and cooperative exit": it dies of SIGINT.
    let script = "while :; do sleep 1; done; echo not-reached";
    let mut s = Session::whelk(&["-c", script], |_, _| {});
    let shell_pid = s.pid();
    s.wait_until("the script runs sleep", || {
        children_of(shell_pid)
            .iter()
            .any(|p| p.comm == "sleep")
            .then_some(())
    });
    s.key(CTRL_C);
    let status = s.wait_exit();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    assert!(!has_line(&s.transcript(), "not-reached"));
}

#[test]
fn a_script_goes_on_when_the_child_handles_ctrl_c() {
    // The child traps SIGINT and exits 3: not an interrupt of the script.
    let script = "sh -c 'trap \"exit 3\" INT; echo ready; while :; do sleep 1; done'; \
                  echo continued=$?";
    let mut s = Session::whelk(&["-c", script], |_, _| {});
    s.expect("ready");
    let shell_pid = s.pid();
    s.wait_until("the child runs sleep", || {
        let sh = children_of(shell_pid)
            .into_iter()
            .find(|p| p.comm == "sh")?;
        children_of(sh.pid)
            .iter()
            .any(|p| p.comm == "sleep")
            .then_some(())
    });
    s.key(CTRL_C);
    s.expect("continued=3");
    assert!(s.wait_exit().success());
}

#[test]
fn kill_and_the_done_and_terminated_notices() {
    let mut s = shell();
    let shell_pid = s.pid();
    let shown = s.run("sleep 100 &");
    assert!(shown.contains("[1] "), "{shown}");
    let job = s.wait_until("the job starts", || job_of(shell_pid, &["sleep"]));
    assert_ne!(job[0].pgrp, shell_pid, "a background job has its own group");
    // The notice comes before the prompt after the job ended: the one
    // after `kill`, or the next.
    let mut shown = s.run("kill %1");
    wait_gone(&mut s, &job, "the job is killed");
    shown += &s.run("");
    assert!(
        shown.contains("[1]+  Terminated              sleep 100"),
        "{shown}"
    );

    let mut shown = s.run("true &");
    s.wait_until("true has exited", || {
        children_of(shell_pid)
            .iter()
            .all(|p| p.state == 'Z')
            .then_some(())
    });
    shown += &s.run("");
    assert!(
        shown.contains("[1]+  Done                    true"),
        "{shown}"
    );
    let shown = s.run("jobs; echo listed");
    assert!(!shown.contains("Done"), "a notice is given once: {shown}");

    let shown = s.run("kill %3; kill -s BOGUS $$; kill -l 137");
    assert!(shown.contains("kill: %3: no such job"), "{shown}");
    assert!(
        shown.contains("BOGUS: invalid signal specification"),
        "{shown}"
    );
    assert!(shown.contains("KILL"), "{shown}");
}

#[test]
fn wait_reports_statuses() {
    let mut s = shell();
    let shown = s.run("(exit 3) & wait $!; echo s1=$?");
    assert!(shown.contains("s1=3"), "{shown}");
    let shown = s.run("sleep 100 & kill -9 $!; wait $!; echo s2=$?");
    assert!(shown.contains("s2=137"), "{shown}");
    let shown = s.run("wait %5; echo s3=$?");
    assert!(shown.contains("wait: %5: no such job"), "{shown}");
    assert!(shown.contains("s3=127"), "{shown}");
    let shown = s.run("wait 1; echo s4=$?");
    assert!(
        shown.contains("pid 1 is not a child of this shell"),
        "{shown}"
    );
    assert!(shown.contains("s4=127"), "{shown}");
    let shown = s.run("(exit 4) & (exit 5) & wait; echo s5=$?");
    assert!(shown.contains("s5=0"), "{shown}");
    let shown = s.run("sh -c 'exit 6' & wait -n -p who; echo s6=$? $((who == $!))");
    assert!(shown.contains("s6=6 1"), "{shown}");
    let shown = s.run("wait -n; echo s7=$?");
    assert!(shown.contains("s7=127"), "{shown}");
    // A trapped signal ends the wait with 128 + its number, after the trap.
    let shell_pid = s.pid();
    s.line("trap 'echo got-usr1' USR1; sleep 100 & wait; echo s8=$?");
    s.wait_until("the shell waits for its job", || {
        children_of(shell_pid).iter().find(|p| p.comm == "sleep")?;
        proc_stat(shell_pid).filter(|p| p.state == 'S')
    });
    // SAFETY: SIGUSR1 to the shell under test, which traps it.
    unsafe { libc::kill(shell_pid, libc::SIGUSR1) };
    let shown = s.prompt();
    assert!(shown.contains("got-usr1"), "{shown}");
    assert!(shown.contains("s8=138"), "{shown}");
    s.run("kill %sleep; trap - USR1");
}

#[test]
fn a_background_job_reading_the_terminal_is_stopped() {
    let mut s = shell();
    let shell_pid = s.pid();
    let mut shown = s.run("cat &");
    let job = s.wait_until("cat starts", || job_of(shell_pid, &["cat"]));
    wait_states(&mut s, &job, stopped, "cat is stopped by SIGTTIN");
    shown += &s.run("");
    assert!(
        shown.contains("[1]+  Stopped                 cat"),
        "{shown}"
    );
    let shown = s.run("jobs");
    assert!(
        shown.contains("[1]+  Stopped                 cat"),
        "{shown}"
    );
    // SIGTERM to a stopped job is followed by SIGCONT, as in bash.
    let mut shown = s.run("kill %1");
    wait_gone(&mut s, &job, "cat is killed");
    shown += &s.run("");
    assert!(shown.contains("Terminated"), "{shown}");
}

#[test]
fn no_zombies_after_many_short_background_jobs() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.run("for i in $(seq 200); do true & done; wait");
    let zombies: Vec<ProcStat> = children_of(shell_pid)
        .into_iter()
        .filter(|p| p.state == 'Z')
        .collect();
    assert!(zombies.is_empty(), "zombies: {zombies:?}");
    // Without `wait`: reaped (and reported) by the next prompt.
    let launched = s.run("for i in $(seq 50); do /bin/true & done");
    s.wait_until("every job has exited", || {
        children_of(shell_pid)
            .iter()
            .all(|p| p.state == 'Z')
            .then_some(())
    });
    // Jobs that finished while the loop ran are reported before its
    // prompt already; the rest before the next one.
    let shown = s.run("");
    assert!(
        launched.contains("Done") || shown.contains("Done"),
        "{launched}{shown}"
    );
    let left = children_of(shell_pid);
    assert!(left.is_empty(), "children left: {left:?}");
    let shown = s.run("jobs | wc -l");
    assert!(shown.lines().any(|l| l.trim() == "0"), "{shown}");
}

#[test]
fn terminal_modes_are_restored_after_a_raw_program_is_killed() {
    let mut s = shell();
    let shell_pid = s.pid();
    assert!(s.is_cooked());
    s.line("sh -c 'stty raw -echo; exec sleep 100'");
    let job = wait_foreground_job(&mut s, shell_pid, &["sleep"]);
    s.wait_until("the program put the terminal in raw mode", || {
        (!s_is_cooked_probe(&job)).then_some(())
    });
    // SAFETY: SIGKILL to the program we started.
    unsafe { libc::kill(job[0].pid, libc::SIGKILL) };
    let shown = s.prompt();
    assert!(shown.contains("Killed"), "{shown}");
    assert!(s.is_cooked(), "the shell restored its modes");
    assert_eq!(foreground_group(&s), shell_pid);
    let shown = s.run("echo back");
    assert!(shown.contains("back"), "{shown}");
    // A program that exits normally keeps its settings, as in bash, unless
    // it left echo or line editing off.
    use nix::sys::termios::InputFlags;
    assert!(s.modes().input_flags.contains(InputFlags::IXON));
    s.run("stty -ixon");
    assert!(
        !s.modes().input_flags.contains(InputFlags::IXON),
        "stty sticks"
    );
    s.run("stty -echo");
    assert!(s.is_cooked(), "echo is back on");
}

/// Reads the terminal's modes through the job's own stdin.
fn s_is_cooked_probe(job: &[ProcStat]) -> bool {
    let Ok(file) = fs::File::open(format!("/proc/{}/fd/0", job[0].pid)) else {
        return true;
    };
    use nix::sys::termios::{tcgetattr, LocalFlags};
    tcgetattr(&file).is_ok_and(|t| t.local_flags.contains(LocalFlags::ICANON))
}

#[test]
fn exit_with_stopped_jobs_warns_once() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.line("sleep 100");
    let job = wait_foreground_job(&mut s, shell_pid, &["sleep"]);
    s.key(CTRL_Z);
    s.prompt();
    let shown = s.run("exit");
    assert!(shown.contains("There are stopped jobs."), "{shown}");
    s.line("exit");
    s.wait_exit();
    // The stopped job got SIGHUP and SIGCONT and died of it.
    wait_gone(&mut s, &job, "the stopped job is hung up");
}

#[test]
fn hang_up_sends_sighup_to_jobs_except_disowned_ones() {
    let mut s = shell();
    let dir = s.dir().to_path_buf();
    let job = |name: &str| {
        format!(
            "sh -c 'trap \"echo hup > {d}/{name}; exit\" HUP; echo > {d}/{name}.ready; \
             while :; do sleep 1; done' &",
            d = dir.display()
        )
    };
    s.run(&job("kept"));
    s.run(&job("gone"));
    s.run("disown %2");
    s.wait_until("both jobs have set their traps", || {
        (dir.join("kept.ready").exists() && dir.join("gone.ready").exists()).then_some(())
    });
    s.hang_up();
    s.wait_exit();
    s.wait_until("the job's HUP trap ran", || {
        fs::read_to_string(dir.join("kept"))
            .ok()
            .filter(|t| t.contains("hup"))
    });
    assert!(
        !dir.join("gone").exists(),
        "a disowned job gets no SIGHUP from the shell"
    );
}

#[test]
fn sighup_to_the_shell_hangs_up_its_jobs_and_it_dies_of_sighup() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.run("sleep 100 &");
    let job = s.wait_until("the job starts", || job_of(shell_pid, &["sleep"]));
    s.line("cat");
    let fg = wait_foreground_job(&mut s, shell_pid, &["cat"]);
    // SAFETY: SIGHUP to the shell under test.
    unsafe { libc::kill(shell_pid, libc::SIGHUP) };
    let status = s.wait_exit();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.signal(), Some(libc::SIGHUP), "{status:?}");
    wait_gone(&mut s, &job, "the background job got SIGHUP");
    wait_gone(&mut s, &fg, "the foreground job got SIGHUP");
}

#[test]
fn whelk_inside_whelk_with_ctrl_z_in_the_inner_one() {
    let mut s = shell();
    let outer = s.pid();
    let inner_prompt = "__I__$ ";
    // Quoting keeps the typed (echoed) text from matching the marker.
    s.line(&format!(
        "PS1='__I''__$ ' {} -i --norc",
        whelk_bin().display()
    ));
    s.expect(inner_prompt);
    let inner = s.wait_until("the inner shell runs", || {
        children_of(outer).into_iter().find(|p| p.comm == "whelk")
    });
    assert_eq!(inner.pgrp, inner.pid, "the inner shell leads its group");
    s.line("sleep 100");
    let job = wait_foreground_job(&mut s, inner.pid, &["sleep"]);
    s.key(CTRL_Z);
    let shown = s.expect(inner_prompt);
    assert!(
        shown.contains("Stopped                 sleep 100"),
        "{shown}"
    );
    wait_states(&mut s, &job, stopped, "the inner job is stopped");
    let inner_now = proc_stat(inner.pid).expect("inner shell alive");
    assert_ne!(inner_now.state, 'T', "only the inner job stopped");
    assert_eq!(
        inner_now.tpgid, inner.pgrp,
        "the inner shell has the terminal"
    );
    s.line("fg");
    wait_foreground_job(&mut s, inner.pid, &["sleep"]);
    s.key(CTRL_C);
    s.expect(inner_prompt);
    wait_gone(&mut s, &job, "the inner job is gone");
    s.line("exit");
    s.prompt();
    assert_eq!(
        foreground_group(&s),
        outer,
        "the outer shell has the terminal back"
    );
    let shown = s.run("echo outer-alive");
    assert!(shown.contains("outer-alive"), "{shown}");
}

#[test]
fn suspend_stops_an_inner_shell_and_fg_resumes_it() {
    let mut s = shell();
    let outer = s.pid();
    s.line(&format!(
        "PS1='__I''__$ ' {} -i --norc",
        whelk_bin().display()
    ));
    s.expect("__I__$ ");
    let shown = s.run("suspend");
    assert!(shown.contains("Stopped"), "{shown}");
    let inner = s.wait_until("the inner shell is stopped", || {
        children_of(outer)
            .into_iter()
            .find(|p| p.comm == "whelk" && p.state == 'T')
    });
    s.line("fg");
    s.expect("__I__$ ");
    s.line("echo inner-$$");
    let shown = s.expect("__I__$ ");
    assert!(has_line(&shown, &format!("inner-{}", inner.pid)), "{shown}");
    s.line("exit");
    s.prompt();
    assert_eq!(foreground_group(&s), outer);
}

#[test]
fn login_shell_reads_profile_and_refuses_suspend() {
    let mut s = Session::whelk(&["-l"], |home, _| {
        // /etc/profile may set its own PS1; the test's marker comes last.
        let profile = format!(
            "echo profile-ran\nPROFILE_VAR=set\nPS1='{}'\n",
            crate::pty::PROMPT
        );
        fs::write(home.join(".profile"), profile).unwrap();
    });
    let shown = s.prompt();
    assert!(shown.contains("profile-ran"), "{shown}");
    let shown = s.run("echo var=$PROFILE_VAR; suspend");
    assert!(shown.contains("var=set"), "{shown}");
    assert!(
        shown.contains("suspend: cannot suspend a login shell"),
        "{shown}"
    );
    s.key(CTRL_D);
    s.wait_exit();
}

#[test]
fn continuation_prompt_for_an_open_command() {
    let mut s = shell();
    s.line("if true");
    s.expect(PS2);
    s.line("then echo yes-cont; fi");
    let shown = s.prompt();
    assert!(shown.contains("yes-cont"), "{shown}");
}

#[test]
fn set_m_in_a_script_gives_jobs_their_own_groups() {
    let script = "set -m; sleep 100 & pg=$(ps -o pgid= -p $!); \
                  [ \"$pg\" -eq $! ] && echo own-group; kill %1; \
                  set +m; sleep 100 & pg=$(ps -o pgid= -p $!); \
                  [ \"$pg\" -eq $$ ] && echo shell-group; kill %2";
    let mut s = Session::whelk(&["-c", script], |_, _| {});
    s.expect("own-group");
    s.expect("shell-group");
    s.wait_exit();
}

#[test]
fn set_plus_m_turns_job_control_off_interactively() {
    let mut s = shell();
    let shell_pid = s.pid();
    s.run("set +m");
    s.run("sleep 100 &");
    let job = s.wait_until("the job starts", || {
        children_of(shell_pid)
            .into_iter()
            .find(|p| p.comm == "sleep")
    });
    assert_eq!(job.pgrp, shell_pid, "no job control: the shell's group");
    let shown = s.run("fg");
    assert!(shown.contains("fg: no job control"), "{shown}");
    s.run("set -m; kill %1");
}
