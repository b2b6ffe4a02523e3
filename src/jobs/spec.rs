//! Job specifications: `%n`, `%+`, `%%`, `%`, `%-`, `%name`, `%?text` and
//! bare numbers, resolved against the [`JobTable`] as bash's
//! `get_job_spec` resolves them.
//!
//! Owns: parsing and lookup, and the error facts with bash's wording
//! (`%x: no such job`, `name: ambiguous job spec`). Must not: print.
//! Main entry points: [`resolve_job_spec`], [`current_job`].

use super::JobTable;

/// Why a job spec names no single job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobSpecError {
    /// Holds the text bash prints before `: no such job` (the spec as
    /// written, or `current` when no spec was given).
    NoSuchJob(Vec<u8>),
    /// Holds the name bash prints before `: ambiguous job spec` (without
    /// `%` and `?`).
    Ambiguous(Vec<u8>),
}

impl JobSpecError {
    /// The message bash prints after `builtin: `, without a newline.
    pub fn message(&self) -> Vec<u8> {
        let (subject, text): (&[u8], &[u8]) = match self {
            JobSpecError::NoSuchJob(s) => (s, b": no such job"),
            JobSpecError::Ambiguous(s) => (s, b": ambiguous job spec"),
        };
        [subject, text].concat()
    }
}

/// The current job, for `fg`/`bg` without arguments (`current: no such
/// job` when there is none).
pub fn current_job(table: &JobTable) -> Result<usize, JobSpecError> {
    table
        .current()
        .ok_or_else(|| JobSpecError::NoSuchJob(b"current".to_vec()))
}

/// Resolves `spec` to a job number. An empty spec names no job. The leading `%` is optional, as in
/// bash's `fg 1`: after it, digits are a job number; empty, `%` or `+`
/// (and anything after them) is the current job; `-` the previous; `?text`
/// a job with a stage containing `text` (ASCII case-insensitive); anything
/// else a job with a stage starting with it. A name matching stages of two
/// different jobs is ambiguous.
pub fn resolve_job_spec(table: &JobTable, spec: &[u8]) -> Result<usize, JobSpecError> {
    let no_such = || JobSpecError::NoSuchJob(spec.to_vec());
    if spec.is_empty() {
        return Err(no_such());
    }
    let word = spec.strip_prefix(b"%").unwrap_or(spec);
    if !word.is_empty() && word.iter().all(u8::is_ascii_digit) {
        let number = parse_number(word).ok_or_else(no_such)?;
        return table.get(number).map(|j| j.id).ok_or_else(no_such);
    }
    let found = match word.first() {
        None | Some(b'%') | Some(b'+') => table.current(),
        Some(b'-') => table.previous(),
        Some(b'?') => find_by_name(table, &word[1..], contains_ignore_case)?,
        Some(_) => find_by_name(table, word, |command, name| command.starts_with(name))?,
    };
    found.ok_or_else(no_such)
}

fn parse_number(digits: &[u8]) -> Option<usize> {
    digits.iter().try_fold(0usize, |acc, &d| {
        acc.checked_mul(10)?.checked_add(usize::from(d - b'0'))
    })
}

/// The one job with a stage matching `name`; `Ok(None)` when none does.
fn find_by_name(
    table: &JobTable,
    name: &[u8],
    matches: impl Fn(&[u8], &[u8]) -> bool,
) -> Result<Option<usize>, JobSpecError> {
    let mut found = None;
    for job in table.iter() {
        let hit = job.processes.iter().any(|p| matches(&p.command, name))
            || (job.processes.is_empty() && matches(&job.command, name));
        if hit {
            if found.is_some() {
                return Err(JobSpecError::Ambiguous(name.to_vec()));
            }
            found = Some(job.id);
        }
    }
    Ok(found)
}

/// `strcasestr` over bytes (ASCII case folding only).
fn contains_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty()
        || haystack
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jobs::{ProcState, Process};

    fn table(jobs: &[&[&str]]) -> JobTable {
        let mut t = JobTable::new();
        for (i, stages) in jobs.iter().enumerate() {
            let base = 100 * (i as i32 + 1);
            let procs = stages
                .iter()
                .enumerate()
                .map(|(k, c)| Process::new(base + k as i32, c.as_bytes().to_vec()))
                .collect();
            t.add(base, procs, stages.join(" | ").into_bytes(), false);
        }
        t
    }

    #[track_caller]
    fn err(t: &JobTable, spec: &str) -> String {
        let e = resolve_job_spec(t, spec.as_bytes()).unwrap_err();
        String::from_utf8(e.message()).unwrap()
    }

    #[test]
    fn numbers_with_and_without_percent() {
        let t = table(&[&["sleep 1"], &["sleep 2"]]);
        assert_eq!(resolve_job_spec(&t, b"%1"), Ok(1));
        assert_eq!(resolve_job_spec(&t, b"2"), Ok(2));
        assert_eq!(resolve_job_spec(&t, b"%02"), Ok(2));
        assert_eq!(err(&t, "%5"), "%5: no such job");
        assert_eq!(err(&t, "3"), "3: no such job");
        assert_eq!(err(&t, "%0"), "%0: no such job");
        assert_eq!(
            err(&t, "%99999999999999999999999"),
            "%99999999999999999999999: no such job"
        );
    }

    #[test]
    fn current_and_previous() {
        let t = table(&[&["sleep 1"], &["sleep 2"]]);
        for spec in ["%", "%%", "%+", "%+junk", "%%x"] {
            assert_eq!(resolve_job_spec(&t, spec.as_bytes()), Ok(2), "{spec}");
        }
        assert_eq!(resolve_job_spec(&t, b"%-"), Ok(1));
        assert_eq!(resolve_job_spec(&t, b"-"), Ok(1));
        // bash: an empty word is no job at all, unlike a lone `%`.
        assert_eq!(err(&t, ""), ": no such job");
    }

    #[test]
    fn empty_table_messages_match_bash() {
        let t = JobTable::new();
        assert_eq!(err(&t, "%+"), "%+: no such job");
        assert_eq!(err(&t, "%-"), "%-: no such job");
        assert_eq!(err(&t, "%%"), "%%: no such job");
        assert_eq!(err(&t, "%1"), "%1: no such job");
        assert_eq!(
            current_job(&t).unwrap_err().message(),
            b"current: no such job"
        );
    }

    #[test]
    fn names_match_stage_prefixes() {
        let t = table(&[&["sleep 100", "cat"], &["vim notes"]]);
        assert_eq!(resolve_job_spec(&t, b"%vi"), Ok(2));
        assert_eq!(resolve_job_spec(&t, b"%cat"), Ok(1));
        assert_eq!(resolve_job_spec(&t, b"%sleep 100"), Ok(1));
        assert_eq!(err(&t, "%emacs"), "%emacs: no such job");
        // Prefix match is case-sensitive.
        assert_eq!(err(&t, "%VIM"), "%VIM: no such job");
    }

    #[test]
    fn ambiguity_is_between_jobs_not_stages() {
        // bash 5.2: `sleep 100 | sleep 101 &` alone -> `fg %sleep` works;
        // with a second sleep job -> "sleep: ambiguous job spec".
        let one = table(&[&["sleep 100", "sleep 101"]]);
        assert_eq!(resolve_job_spec(&one, b"%sleep"), Ok(1));
        let two = table(&[&["sleep 100", "sleep 101"], &["sleep 102"]]);
        assert_eq!(err(&two, "%sleep"), "sleep: ambiguous job spec");
        assert_eq!(err(&two, "%?10"), "10: ambiguous job spec");
        assert_eq!(err(&two, "%?slee"), "slee: ambiguous job spec");
    }

    #[test]
    fn substring_search_ignores_ascii_case() {
        let t = table(&[&["sleep 100", "sleep 101"], &["sleep 102"]]);
        assert_eq!(resolve_job_spec(&t, b"%?102"), Ok(2));
        assert_eq!(resolve_job_spec(&t, b"%?SLEEP 102"), Ok(2));
        assert_eq!(err(&t, "%?102x"), "%?102x: no such job");
    }

    #[test]
    fn non_utf8_names() {
        let mut t = JobTable::new();
        t.add(
            5,
            vec![Process::new(5, b"cat \xff".to_vec())],
            b"cat \xff".to_vec(),
            false,
        );
        assert_eq!(resolve_job_spec(&t, b"%cat \xff"), Ok(1));
        assert_eq!(resolve_job_spec(&t, b"%?\xff"), Ok(1));
        let e = resolve_job_spec(&t, b"%\xfe").unwrap_err();
        assert_eq!(e.message(), b"%\xfe: no such job");
    }

    #[test]
    fn dead_jobs_are_still_found() {
        let mut t = table(&[&["true"]]);
        t.get_mut(1).unwrap().processes[0].state = ProcState::Exited(0);
        assert_eq!(resolve_job_spec(&t, b"%true"), Ok(1));
        assert_eq!(resolve_job_spec(&t, b"%1"), Ok(1));
    }
}
