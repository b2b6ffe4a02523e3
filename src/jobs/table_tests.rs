//! JobTable bookkeeping: numbering, states, `%+`/`%-` as bash chooses them.

use super::*;

fn proc(pid: i32, cmd: &str) -> Process {
    Process::new(pid, cmd.as_bytes().to_vec())
}

fn bg(t: &mut JobTable, pid: i32) -> usize {
    t.add(pid, vec![proc(pid, "cmd")], b"cmd".to_vec(), false)
}

/// What reap does with one status.
fn report(t: &mut JobTable, pid: i32, state: ProcState) {
    if let Recorded::Job {
        id,
        stopped,
        resumed,
    } = t.record(pid, state)
    {
        t.update_current(stopped.then_some(id), stopped || resumed);
    }
}

fn marks(t: &JobTable) -> String {
    t.iter()
        .map(|j| format!("{}{}", j.id, t.marker(j.id) as char))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn numbers_follow_the_highest_job() {
    let mut t = JobTable::new();
    assert_eq!(bg(&mut t, 10), 1);
    assert_eq!(bg(&mut t, 11), 2);
    assert_eq!(bg(&mut t, 12), 3);
    t.remove(2);
    assert_eq!(
        bg(&mut t, 13),
        4,
        "a gap is not reused while a higher job exists"
    );
    t.remove(4);
    t.remove(3);
    assert_eq!(bg(&mut t, 14), 2);
    t.remove(1);
    t.remove(2);
    assert_eq!(bg(&mut t, 15), 1, "an empty table starts again at 1");
}

#[test]
fn single_background_job_is_both_plus_and_minus() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    assert_eq!((t.current(), t.previous()), (Some(1), Some(1)));
    assert_eq!(marks(&t), "1+");
}

#[test]
fn newest_running_job_is_current() {
    // bash: `sleep 5 & sleep 6 &` -> [1]- sleep 5, [2]+ sleep 6
    let mut t = JobTable::new();
    bg(&mut t, 10);
    bg(&mut t, 11);
    assert_eq!(marks(&t), "1- 2+");
    bg(&mut t, 12);
    assert_eq!(marks(&t), "1  2- 3+");
}

#[test]
fn a_stopped_job_becomes_current_and_stays_ahead_of_running_ones() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    bg(&mut t, 11);
    report(&mut t, 10, ProcState::Stopped(libc::SIGSTOP));
    assert_eq!(marks(&t), "1+ 2-");
    assert!(t.get(1).unwrap().is_stopped());
    // A new background job does not displace the stopped current job.
    bg(&mut t, 12);
    assert_eq!(marks(&t), "1+ 2  3-");
}

#[test]
fn two_stopped_jobs_are_plus_and_minus() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    bg(&mut t, 11);
    bg(&mut t, 12);
    report(&mut t, 10, ProcState::Stopped(libc::SIGTSTP));
    report(&mut t, 12, ProcState::Stopped(libc::SIGTSTP));
    assert_eq!(marks(&t), "1- 2  3+");
}

#[test]
fn foreground_job_stopping_becomes_current_and_background() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    let fg = t.add(20, vec![proc(20, "vim")], b"vim".to_vec(), true);
    assert_eq!(
        t.current(),
        Some(1),
        "adding a foreground job changes nothing"
    );
    report(&mut t, 20, ProcState::Stopped(libc::SIGTSTP));
    assert_eq!(t.current(), Some(fg));
    assert_eq!(t.previous(), Some(1));
    assert!(!t.get(fg).unwrap().foreground);
}

#[test]
fn removing_current_reselects() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    bg(&mut t, 11);
    bg(&mut t, 12);
    report(&mut t, 12, ProcState::Exited(0));
    assert!(t.get(3).unwrap().is_done());
    assert_eq!(
        marks(&t),
        "1  2- 3+",
        "a finished job keeps its mark until removed"
    );
    t.remove(3);
    assert_eq!(marks(&t), "1- 2+");
    t.remove(1);
    assert_eq!(marks(&t), "2+");
    t.remove(2);
    assert_eq!((t.current(), t.previous()), (None, None));
}

#[test]
fn continue_job_fg_and_bg() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    bg(&mut t, 11);
    report(&mut t, 10, ProcState::Stopped(libc::SIGTSTP));
    report(&mut t, 11, ProcState::Stopped(libc::SIGTSTP));
    assert_eq!(marks(&t), "1- 2+");
    // bg %1: runs again; the stopped job 2 stays current.
    assert!(t.continue_job(1, false));
    assert!(t.get(1).unwrap().is_running());
    assert_eq!(marks(&t), "1- 2+");
    // fg %1 makes it current.
    assert!(t.continue_job(1, true));
    assert_eq!(t.current(), Some(1));
    assert!(t.get(1).unwrap().foreground);
    assert!(!t.continue_job(9, true));
}

#[test]
fn continued_from_outside_reselects() {
    let mut t = JobTable::new();
    bg(&mut t, 10);
    bg(&mut t, 11);
    report(&mut t, 10, ProcState::Stopped(libc::SIGSTOP));
    assert_eq!(t.current(), Some(1));
    report(&mut t, 10, ProcState::Running); // WIFCONTINUED
    assert!(t.get(1).unwrap().is_running());
    assert_eq!(marks(&t), "1- 2+");
}

#[test]
fn pipeline_state_is_running_until_all_finish_and_status_is_the_last() {
    let mut t = JobTable::new();
    let id = t.add(
        30,
        vec![proc(30, "false"), proc(31, "true")],
        b"false | true".to_vec(),
        true,
    );
    report(&mut t, 31, ProcState::Exited(0));
    assert!(t.get(id).unwrap().is_running());
    report(&mut t, 30, ProcState::Exited(1));
    let job = t.get(id).unwrap();
    assert!(job.is_done());
    assert_eq!(job.last_state(), ProcState::Exited(0));
    assert_eq!(
        job.states(),
        vec![ProcState::Exited(1), ProcState::Exited(0)]
    );
    assert!(!job.notified);
}

#[test]
fn part_stopped_pipeline_is_stopped_only_when_nothing_runs() {
    let mut t = JobTable::new();
    let id = t.add(
        30,
        vec![proc(30, "a"), proc(31, "b")],
        b"a | b".to_vec(),
        false,
    );
    report(&mut t, 30, ProcState::Stopped(libc::SIGTTIN));
    assert!(t.get(id).unwrap().is_running());
    report(&mut t, 31, ProcState::Exited(0));
    assert!(t.get(id).unwrap().is_stopped());
}

#[test]
fn statuses_of_unknown_pids_are_saved_and_taken_once() {
    let mut t = JobTable::new();
    report(&mut t, 4242, ProcState::Exited(5));
    assert_eq!(t.saved_status(4242), Some(ProcState::Exited(5)));
    assert_eq!(t.take_saved_status(4242), Some(ProcState::Exited(5)));
    assert_eq!(t.take_saved_status(4242), None);
    // Stops of unknown processes are not final statuses.
    report(&mut t, 4243, ProcState::Stopped(libc::SIGSTOP));
    assert_eq!(t.saved_status(4243), None);
}

#[test]
fn removed_jobs_leave_their_statuses_for_wait() {
    let mut t = JobTable::new();
    let id = bg(&mut t, 50);
    report(
        &mut t,
        50,
        ProcState::Signaled {
            sig: 9,
            core: false,
        },
    );
    let job = t.remove(id).unwrap();
    assert_eq!(job.last_state().exit_status(), 137);
    assert_eq!(
        t.take_saved_status(50),
        Some(ProcState::Signaled {
            sig: 9,
            core: false
        })
    );
}

#[test]
fn saved_statuses_are_bounded_and_pid_reuse_replaces() {
    let mut t = JobTable::new();
    for pid in 0..(SAVED_STATUS_LIMIT as i32 + 10) {
        t.save_status(pid + 1, ProcState::Exited(pid % 256));
    }
    assert_eq!(t.saved.len(), SAVED_STATUS_LIMIT);
    assert_eq!(t.saved_status(1), None, "oldest dropped");
    t.save_status(100, ProcState::Exited(9));
    assert_eq!(t.take_saved_status(100), Some(ProcState::Exited(9)));
    assert_eq!(
        t.take_saved_status(100),
        None,
        "the older record was replaced"
    );
}

#[test]
fn recycled_pid_matches_the_living_process() {
    let mut t = JobTable::new();
    let old = bg(&mut t, 60);
    report(&mut t, 60, ProcState::Exited(0));
    let new = bg(&mut t, 60);
    assert_eq!(t.job_of_pid(60), Some(new));
    report(&mut t, 60, ProcState::Exited(4));
    assert_eq!(t.get(old).unwrap().last_state(), ProcState::Exited(0));
    assert_eq!(t.get(new).unwrap().last_state(), ProcState::Exited(4));
}

#[test]
fn proc_state_decoding_and_exit_status() {
    assert_eq!(ProcState::from_wait_status(3 << 8), ProcState::Exited(3));
    assert_eq!(
        ProcState::from_wait_status(9),
        ProcState::Signaled {
            sig: 9,
            core: false
        }
    );
    assert_eq!(
        ProcState::from_wait_status(11 | 0x80),
        ProcState::Signaled {
            sig: 11,
            core: true
        }
    );
    assert_eq!(
        ProcState::from_wait_status((20 << 8) | 0x7f),
        ProcState::Stopped(20)
    );
    assert_eq!(ProcState::from_wait_status(0xffff), ProcState::Running);
    assert_eq!(ProcState::Exited(3).exit_status(), 3);
    assert_eq!(
        ProcState::Signaled {
            sig: 2,
            core: false
        }
        .exit_status(),
        130
    );
    assert_eq!(ProcState::Stopped(20).exit_status(), 148);
    assert!(!ProcState::Stopped(20).is_finished());
}

#[test]
fn clear_forgets_everything() {
    let mut t = JobTable::new();
    bg(&mut t, 1);
    report(&mut t, 99, ProcState::Exited(0));
    t.clear();
    assert!(t.is_empty());
    assert_eq!(t.len(), 0);
    assert_eq!(t.current(), None);
    assert_eq!(t.saved_status(99), None);
}
