//! The job-control builtins (`jobs`, `wait`, `kill`, `fg`, `bg`,
//! `disown`, `suspend`) in a script, without a terminal, against bash.

use std::fs;

use crate::support::whelk_bin;

/// The builtins in a script, against what bash 5.2 prints for the same
/// script (its `NAME: line N:` prefix written as whelk's `whelk: NAME:N:`).
#[test]
fn job_builtins_in_a_script_match_bash() {
    let script = r#"{
sleep 10 & sleep 10 | cat &
jobs
jobs -p | wc -l
jobs -l | wc -l
jobs %5; echo "s=$?"
jobs -z; echo "s=$?"
echo $(jobs -r | wc -l) $(jobs -s | wc -l)
kill %1 %2; wait; echo "w=$?"
true & p=$!; while kill -0 $p 2>/dev/null; do :; done; jobs -n; jobs; echo ---
wait abc; echo "s=$?"
wait %7; echo "s=$?"
wait -n; echo "s=$?"
fg; echo "fg=$?"
bg; echo "bg=$?"
disown; echo "d=$?"
disown %3 12345; echo "d=$?"
suspend; echo "sus=$?"
kill -l 9 137 TERM sigint; echo "s=$?"
kill -l 300; echo "s=$?"
kill; echo "s=$?"
kill -s; echo "s=$?"
kill -BOGUS 1; echo "s=$?"
kill abc; echo "s=$?"
kill -0 $$ && echo alive
sleep 10 & kill -9 $!; wait $!; echo "s=$?"
sh -c 'kill -TERM $$'; echo "s=$?"
} 2>&1
"#;
    let expected = "\
[1]-  Running                 sleep 10 &
[2]+  Running                 sleep 10 | cat &
2
3
whelk: s.sh:6: jobs: %5: no such job
s=1
whelk: s.sh:7: jobs: -z: invalid option
jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]
s=2
2 0
w=0
[1]+  Done                    true
---
whelk: s.sh:11: wait: `abc': not a pid or valid job spec
s=1
whelk: s.sh:12: wait: %7: no such job
s=127
s=127
whelk: s.sh:14: fg: no job control
fg=1
whelk: s.sh:15: bg: no job control
bg=1
whelk: s.sh:16: disown: current: no such job
d=1
whelk: s.sh:17: disown: %3: no such job
whelk: s.sh:17: disown: 12345: no such job
d=1
whelk: s.sh:18: suspend: cannot suspend: no job control
sus=1
KILL
KILL
15
2
s=0
whelk: s.sh:20: kill: 300: invalid signal specification
s=1
kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]
s=2
whelk: s.sh:22: kill: -s: option requires an argument
s=1
whelk: s.sh:23: kill: BOGUS: invalid signal specification
s=1
whelk: s.sh:24: kill: abc: arguments must be process or job IDs
s=1
alive
whelk: s.sh:26: PID Killed                  sleep 10
s=137
Terminated
s=143
";
    let dir = std::env::temp_dir().join(format!("whelk-jobs-script-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("s.sh"), script).unwrap();
    let mut cmd = std::process::Command::new(whelk_bin());
    cmd.arg("s.sh")
        .current_dir(&dir)
        .stdin(std::process::Stdio::null());
    let run = crate::support::run_with_timeout(&mut cmd, crate::pty::DEADLINE);
    let _ = fs::remove_dir_all(&dir);
    let run = run.expect("run whelk");
    // The pid of the killed job varies: `whelk: s.sh:26: 12345 Killed`.
    let got: String = String::from_utf8_lossy(&run.stdout)
        .lines()
        .map(|line| match line.split_once(" Killed") {
            Some((head, tail)) => {
                let head = head.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
                format!("{head} PID Killed{tail}\n")
            }
            None => format!("{line}\n"),
        })
        .collect();
    assert_eq!(got, expected);
    assert_eq!(run.status, 0);
}
