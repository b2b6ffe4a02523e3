//! Job status lines exactly as bash prints them (`jobs`, `jobs -l`, the
//! notices before a prompt).
//!
//! Owns: the text layout (bash's `print_pipeline`: the state column padded
//! to 24 characters, ` |` between stages, ` &` after running background
//! jobs, `(core dumped) `). Must not: write anywhere; the caller prints the
//! bytes (to stdout for `jobs`, stderr for notices).
//! Main entry point: [`format_job_line`] / [`JobTable::format_job`].

use super::{Job, JobState, JobTable, ProcState};
use crate::sys::signals::signal_description;

/// Width of the state column (bash's `LONGEST_SIGNAL_DESC`).
const STATE_WIDTH: usize = 24;

/// Which layout to produce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobFormat {
    /// `jobs`: `[1]+  Running                 sleep 10 | cat &`
    Standard,
    /// `jobs -l`: one line per process with its pid.
    Long,
    /// The long layout without `[n]+ ` (bash's notice when a script's job is
    /// killed: `line 3:  4242 Killed                  sleep 100`).
    NonInteractive,
}

/// The text for `job`, ending in a newline. `marker` is `+`, `-` or a space
/// (see [`JobTable::marker`]).
pub fn format_job_line(job: &Job, marker: u8, format: JobFormat) -> Vec<u8> {
    let mut out = Vec::new();
    if format != JobFormat::NonInteractive {
        out.extend_from_slice(format!("[{}]", job.id).as_bytes());
        out.push(marker);
        out.push(b' ');
    }
    let long = format != JobFormat::Standard;
    let (Some(first), Some(last)) = (job.processes.first(), job.processes.last()) else {
        // A job with no process: show its command line alone.
        out.push(b' ');
        push_state(&mut out, job_state_text(job, None, long), false);
        out.extend_from_slice(&job.command);
        out.push(b'\n');
        return out;
    };
    for (index, p) in job.processes.iter().enumerate() {
        let is_first = index == 0;
        let is_last = index + 1 == job.processes.len();
        if !is_first {
            out.extend_from_slice(if long { b"     " } else { b" |" });
        }
        if long {
            out.extend_from_slice(format!("{:5}", p.pid).as_bytes());
        }
        out.push(b' ');
        if is_first || long {
            let shown = if long { p } else { last };
            let mut text = job_state_text(job, Some(shown.state), long);
            if !is_first && shown.state == first.state {
                text = "";
            }
            push_state(&mut out, text, has_core(shown.state));
        }
        if !is_first && long {
            out.extend_from_slice(b"| ");
        }
        out.extend_from_slice(command_of(job, p));
        if is_last && job.is_running() && !job.foreground {
            out.extend_from_slice(b" &");
        }
        if long || is_last {
            out.push(b'\n');
        }
    }
    out
}

/// A process's own text, or the job's command line for a lone process
/// without one.
fn command_of<'a>(job: &'a Job, p: &'a super::Process) -> &'a [u8] {
    if p.command.is_empty() && job.processes.len() == 1 {
        &job.command
    } else {
        &p.command
    }
}

fn has_core(state: ProcState) -> bool {
    matches!(state, ProcState::Signaled { core: true, .. })
}

/// The state text, padded to the column; an empty text pads like `| `.
fn push_state(out: &mut Vec<u8>, text: &str, core: bool) {
    out.extend_from_slice(text.as_bytes());
    let used = if text.is_empty() { 2 } else { text.len() };
    out.resize(out.len() + STATE_WIDTH.saturating_sub(used), b' ');
    if core {
        out.extend_from_slice(b"(core dumped) ");
    }
}

/// bash's `printable_job_status`: the job-level word while it runs (or is
/// stopped, in the short form), else the process's own outcome.
fn job_state_text(job: &Job, state: Option<ProcState>, long: bool) -> &'static str {
    match job.state() {
        JobState::Stopped if !long => return "Stopped",
        JobState::Running => return "Running",
        _ => {}
    }
    match state {
        Some(ProcState::Stopped(sig)) | Some(ProcState::Signaled { sig, .. }) => {
            signal_description(sig)
        }
        Some(ProcState::Exited(0)) | None => "Done",
        Some(ProcState::Exited(code)) => exit_text(code),
        Some(ProcState::Running) => "Running",
    }
}

/// `Exit N` for 1..=255 without allocating per call.
fn exit_text(code: i32) -> &'static str {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let texts = TEXTS.get_or_init(|| (0..256).map(|n| format!("Exit {n}")).collect());
    usize::try_from(code)
        .ok()
        .and_then(|i| texts.get(i))
        .map_or("Exit", String::as_str)
}

impl JobTable {
    /// [`format_job_line`] for job `id` with its current `+`/`-` marker.
    pub fn format_job(&self, id: usize, format: JobFormat) -> Option<Vec<u8>> {
        let job = self.get(id)?;
        Some(format_job_line(job, self.marker(id), format))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::Process;

    fn job(id: usize, procs: &[(i32, ProcState, &str)], foreground: bool) -> Job {
        Job {
            id,
            pgid: procs.first().map_or(0, |p| p.0),
            processes: procs
                .iter()
                .map(|&(pid, state, cmd)| Process {
                    pid,
                    state,
                    command: cmd.into(),
                })
                .collect(),
            command: Vec::new(),
            foreground,
            notified: false,
            disowned: false,
            saved_tmodes: None,
        }
    }

    #[track_caller]
    fn check(job: &Job, marker: u8, format: JobFormat, expected: &str) {
        let got = format_job_line(job, marker, format);
        assert_eq!(String::from_utf8_lossy(&got), expected);
    }

    #[test]
    fn done_and_running_match_bash() {
        // Observed from bash 5.2 `jobs` in a PTY.
        let done = job(1, &[(10, ProcState::Exited(0), "sleep 1")], false);
        check(
            &done,
            b'+',
            JobFormat::Standard,
            "[1]+  Done                    sleep 1\n",
        );
        let running = job(2, &[(11, ProcState::Running, "sleep 10")], false);
        check(
            &running,
            b'-',
            JobFormat::Standard,
            "[2]-  Running                 sleep 10 &\n",
        );
        check(
            &running,
            b'-',
            JobFormat::Long,
            "[2]-    11 Running                 sleep 10 &\n",
        );
    }

    #[test]
    fn exit_codes_and_signals() {
        let exit3 = job(2, &[(17375, ProcState::Exited(3), "sh -c 'exit 3'")], false);
        check(
            &exit3,
            b'+',
            JobFormat::Long,
            "[2]+ 17375 Exit 3                  sh -c 'exit 3'\n",
        );
        let killed = job(
            1,
            &[(
                5,
                ProcState::Signaled {
                    sig: 9,
                    core: false,
                },
                "sleep 5",
            )],
            false,
        );
        check(
            &killed,
            b'-',
            JobFormat::Standard,
            "[1]-  Killed                  sleep 5\n",
        );
        let term = job(
            2,
            &[(
                6,
                ProcState::Signaled {
                    sig: 15,
                    core: false,
                },
                "sleep 6",
            )],
            false,
        );
        check(
            &term,
            b'+',
            JobFormat::Standard,
            "[2]+  Terminated              sleep 6\n",
        );
        let segv = job(
            1,
            &[(
                17374,
                ProcState::Signaled {
                    sig: 11,
                    core: false,
                },
                "x",
            )],
            false,
        );
        check(
            &segv,
            b'-',
            JobFormat::Long,
            "[1]- 17374 Segmentation fault      x\n",
        );
        let int = job(
            3,
            &[(
                7,
                ProcState::Signaled {
                    sig: 2,
                    core: false,
                },
                "cat",
            )],
            false,
        );
        check(
            &int,
            b' ',
            JobFormat::Standard,
            "[3]   Interrupt               cat\n",
        );
    }

    #[test]
    fn core_dumped_follows_the_padded_state() {
        let j = job(
            1,
            &[(9, ProcState::Signaled { sig: 6, core: true }, "./crash")],
            false,
        );
        check(
            &j,
            b'+',
            JobFormat::Standard,
            "[1]+  Aborted                 (core dumped) ./crash\n",
        );
    }

    #[test]
    fn stopped_short_and_long() {
        let j = job(1, &[(20, ProcState::Stopped(libc::SIGTSTP), "vim")], false);
        check(
            &j,
            b'+',
            JobFormat::Standard,
            "[1]+  Stopped                 vim\n",
        );
        let j = job(1, &[(20, ProcState::Stopped(libc::SIGSTOP), "vim")], false);
        check(
            &j,
            b'+',
            JobFormat::Standard,
            "[1]+  Stopped                 vim\n",
        );
        check(
            &j,
            b'+',
            JobFormat::Long,
            "[1]+    20 Stopped (signal)        vim\n",
        );
        let j = job(1, &[(20, ProcState::Stopped(libc::SIGTTIN), "cat")], false);
        check(
            &j,
            b'+',
            JobFormat::Long,
            "[1]+    20 Stopped (tty input)     cat\n",
        );
    }

    #[test]
    fn pipelines_join_with_bars_and_long_form_lists_each_pid() {
        let j = job(
            1,
            &[
                (100, ProcState::Running, "sleep 100"),
                (101, ProcState::Running, "sleep 101"),
            ],
            false,
        );
        check(
            &j,
            b'+',
            JobFormat::Standard,
            "[1]+  Running                 sleep 100 | sleep 101 &\n",
        );
        check(
            &j,
            b'+',
            JobFormat::Long,
            "[1]+   100 Running                 sleep 100\n       101                       | sleep 101 &\n",
        );
        let j = job(
            1,
            &[
                (100, ProcState::Exited(0), "sleep 100"),
                (101, ProcState::Exited(1), "false"),
            ],
            false,
        );
        check(
            &j,
            b'+',
            JobFormat::Standard,
            "[1]+  Exit 1                  sleep 100 | false\n",
        );
        check(
            &j,
            b'+',
            JobFormat::Long,
            "[1]+   100 Done                    sleep 100\n       101 Exit 1                  | false\n",
        );
    }

    #[test]
    fn non_interactive_notice_has_no_job_prefix() {
        let j = job(
            1,
            &[(
                4242,
                ProcState::Signaled {
                    sig: 9,
                    core: false,
                },
                "sleep 100",
            )],
            true,
        );
        check(
            &j,
            b'+',
            JobFormat::NonInteractive,
            " 4242 Killed                  sleep 100\n",
        );
    }

    #[test]
    fn foreground_running_job_has_no_ampersand() {
        let j = job(4, &[(1, ProcState::Running, "make")], true);
        check(
            &j,
            b' ',
            JobFormat::Standard,
            "[4]   Running                 make\n",
        );
    }

    #[test]
    fn lone_process_without_text_uses_the_job_command() {
        let mut j = job(1, &[(1, ProcState::Exited(0), "")], false);
        j.command = b"{ a; b; }".to_vec();
        check(
            &j,
            b'+',
            JobFormat::Standard,
            "[1]+  Done                    { a; b; }\n",
        );
        let empty = Job {
            processes: Vec::new(),
            command: b"x".to_vec(),
            ..j
        };
        check(
            &empty,
            b'+',
            JobFormat::Standard,
            "[1]+  Done                    x\n",
        );
    }

    #[test]
    fn non_utf8_commands_pass_through() {
        let j = job(1, &[(1, ProcState::Exited(0), "echo \u{0}")], false);
        let mut j2 = j.clone();
        j2.processes[0].command = b"echo \xff\xfe".to_vec();
        let line = format_job_line(&j2, b'+', JobFormat::Standard);
        assert!(line.ends_with(b"echo \xff\xfe\n"));
        let _ = j;
    }

    #[test]
    fn exit_text_covers_all_codes() {
        assert_eq!(exit_text(1), "Exit 1");
        assert_eq!(exit_text(255), "Exit 255");
        assert_eq!(exit_text(-1), "Exit");
        assert_eq!(exit_text(300), "Exit");
    }
}
