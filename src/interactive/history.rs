//! The command history list: entries with their timestamps, the
//! `HISTCONTROL`/`HISTIGNORE` filters, the `HISTSIZE` limit and bash's
//! numbering (`\!`, `!n`, `history`). One list, shared through
//! [`SharedHistory`] by the shell (the `history` builtin, `!` expansion)
//! and the line editor (it implements rustyline's `History`, so Up/Down and
//! Ctrl-R walk the same entries).
//!
//! Entries are text: the terminal hands rustyline UTF-8, and rustyline's
//! history API is `str`. Bytes that are not UTF-8 in a history file are
//! replaced when it is read.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use rustyline::history::{History as RlHistory, SearchDirection, SearchResult};

use crate::expand::pattern::{Pattern, PatternOptions};

/// One remembered command (several lines for a multi-line command).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub line: String,
    /// Seconds since the epoch when the command was entered (0: unknown).
    pub time: i64,
}

/// What `HISTCONTROL` and `HISTIGNORE` say to keep out of the list.
#[derive(Default)]
pub struct Control {
    pub ignore_space: bool,
    pub ignore_dups: bool,
    pub erase_dups: bool,
    /// `HISTIGNORE` patterns; `&` stands for the previous entry.
    pub ignore: Vec<Vec<u8>>,
}

impl Control {
    /// From the values of `HISTCONTROL` and `HISTIGNORE` (colon lists).
    pub fn parse(histcontrol: &[u8], histignore: &[u8]) -> Control {
        let mut c = Control::default();
        for word in histcontrol.split(|&b| b == b':') {
            match word {
                b"ignorespace" => c.ignore_space = true,
                b"ignoredups" => c.ignore_dups = true,
                b"ignoreboth" => {
                    c.ignore_space = true;
                    c.ignore_dups = true;
                }
                b"erasedups" => c.erase_dups = true,
                _ => {}
            }
        }
        c.ignore = histignore
            .split(|&b| b == b':')
            .filter(|p| !p.is_empty())
            .map(<[u8]>::to_vec)
            .collect();
        c
    }

    /// Whether `line` is kept out, given the previous entry.
    fn rejects(&self, line: &str, previous: Option<&str>) -> bool {
        if self.ignore_space && line.starts_with([' ', '\t']) {
            return true;
        }
        if self.ignore_dups && previous == Some(line) {
            return true;
        }
        self.ignore.iter().any(|p| {
            if p.as_slice() == b"&" {
                return previous == Some(line);
            }
            Pattern::new(p, PatternOptions::default()).matches(line.as_bytes())
        })
    }
}

/// The history list. Numbers run from `base` (bash's `history_base`),
/// which moves up when old entries fall off the front.
#[derive(Debug)]
pub struct HistoryList {
    entries: VecDeque<Entry>,
    base: usize,
    /// `HISTSIZE`: None for no limit.
    max_len: Option<usize>,
    /// The number of the first entry of this session (`history -a FILE`).
    session_start: usize,
    /// How many entries of the history file this shell has seen: read at
    /// start or appended since (`history -n`).
    pub file_seen: usize,
}

impl Default for HistoryList {
    fn default() -> HistoryList {
        HistoryList {
            entries: VecDeque::new(),
            base: 1,
            max_len: Some(500),
            session_start: 1,
            file_seen: 0,
        }
    }
}

impl HistoryList {
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number of the first entry.
    pub fn base(&self) -> usize {
        self.base
    }

    /// The number the next entry will get (`\!`).
    pub fn next_number(&self) -> usize {
        self.base.saturating_add(self.entries.len())
    }

    pub fn get(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    pub fn last(&self) -> Option<&Entry> {
        self.entries.back()
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Entry> + ExactSizeIterator {
        self.entries.iter()
    }

    /// Adds an entry unless `control` rejects it; true if it was added.
    pub fn push(&mut self, entry: Entry, control: &Control) -> bool {
        if entry.line.trim().is_empty() {
            return false;
        }
        let previous = self.entries.back().map(|e| e.line.as_str());
        if control.rejects(&entry.line, previous) {
            return false;
        }
        if control.erase_dups {
            self.entries.retain(|e| e.line != entry.line);
        }
        self.entries.push_back(entry);
        self.enforce_limit();
        true
    }

    /// Entries from here on belong to this session.
    pub fn mark_session_start(&mut self) {
        self.session_start = self.next_number();
    }

    /// The entries entered in this session.
    pub fn session_entries(&self) -> impl Iterator<Item = &Entry> {
        let skip = self.session_start.saturating_sub(self.base);
        self.entries.iter().skip(skip)
    }

    /// Adds entries read from a file (no filtering).
    pub fn extend(&mut self, entries: impl IntoIterator<Item = Entry>) {
        self.entries.extend(entries);
        self.enforce_limit();
    }

    /// `HISTSIZE`: a negative value (None) keeps everything.
    pub fn set_max_len(&mut self, max: Option<usize>) {
        self.max_len = max;
        self.enforce_limit();
    }

    fn enforce_limit(&mut self) {
        let Some(max) = self.max_len else {
            return;
        };
        while self.entries.len() > max {
            self.entries.pop_front();
            self.base = self.base.saturating_add(1);
        }
    }

    /// Removes the entry at `index` (later entries are renumbered, as in
    /// bash).
    pub fn remove(&mut self, index: usize) -> Option<Entry> {
        self.entries.remove(index)
    }

    /// Replaces the last entry (`history -s`).
    pub fn replace_last(&mut self, entry: Entry) {
        self.entries.pop_back();
        self.entries.push_back(entry);
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.base = 1;
    }

    /// The most recent entry that starts with `prefix` and continues on
    /// the same line: the rest of it (for hints).
    pub fn completion_of(&self, prefix: &str) -> Option<&str> {
        if prefix.is_empty() {
            return None;
        }
        self.entries.iter().rev().find_map(|e| {
            let rest = e.line.strip_prefix(prefix)?;
            (!rest.is_empty() && !rest.contains('\n')).then_some(rest)
        })
    }
}

/// The history list shared between the shell and the line editor.
#[derive(Clone, Default, Debug)]
pub struct SharedHistory(pub Rc<RefCell<HistoryList>>);

impl SharedHistory {
    pub fn borrow(&self) -> std::cell::Ref<'_, HistoryList> {
        self.0.borrow()
    }

    pub fn borrow_mut(&self) -> std::cell::RefMut<'_, HistoryList> {
        self.0.borrow_mut()
    }
}

fn search_in<'a>(
    list: &HistoryList,
    start: usize,
    dir: SearchDirection,
    test: impl Fn(&str) -> Option<usize>,
) -> Option<SearchResult<'a>> {
    let hit = |idx: usize| {
        let e = list.get(idx)?;
        test(&e.line).map(|pos| SearchResult {
            entry: Cow::Owned(e.line.clone()),
            idx,
            pos,
        })
    };
    if start >= list.len() {
        return None;
    }
    match dir {
        SearchDirection::Reverse => (0..=start).rev().find_map(hit),
        SearchDirection::Forward => (start..list.len()).find_map(hit),
    }
}

/// rustyline's view. Its file methods do nothing: whelk writes the file
/// itself (see `history_file`), an entry at a time, with a lock.
impl RlHistory for SharedHistory {
    fn get(
        &self,
        index: usize,
        _dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        Ok(self.borrow().get(index).map(|e| SearchResult {
            entry: Cow::Owned(e.line.clone()),
            idx: index,
            pos: 0,
        }))
    }

    fn add(&mut self, line: &str) -> rustyline::Result<bool> {
        self.add_owned(line.to_string())
    }

    fn add_owned(&mut self, line: String) -> rustyline::Result<bool> {
        let entry = Entry { line, time: 0 };
        Ok(self.borrow_mut().push(entry, &Control::default()))
    }

    fn len(&self) -> usize {
        self.borrow().len()
    }

    fn is_empty(&self) -> bool {
        self.borrow().is_empty()
    }

    fn set_max_len(&mut self, _len: usize) -> rustyline::Result<()> {
        Ok(())
    }

    fn ignore_dups(&mut self, _yes: bool) -> rustyline::Result<()> {
        Ok(())
    }

    fn ignore_space(&mut self, _yes: bool) {}

    fn save(&mut self, _path: &std::path::Path) -> rustyline::Result<()> {
        Ok(())
    }

    fn append(&mut self, _path: &std::path::Path) -> rustyline::Result<()> {
        Ok(())
    }

    fn load(&mut self, _path: &std::path::Path) -> rustyline::Result<()> {
        Ok(())
    }

    fn clear(&mut self) -> rustyline::Result<()> {
        self.borrow_mut().clear();
        Ok(())
    }

    fn search(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        if term.is_empty() {
            return Ok(None);
        }
        Ok(search_in(&self.borrow(), start, dir, |l| l.find(term)))
    }

    fn starts_with(
        &self,
        term: &str,
        start: usize,
        dir: SearchDirection,
    ) -> rustyline::Result<Option<SearchResult<'_>>> {
        if term.is_empty() {
            return Ok(None);
        }
        let len = term.len();
        Ok(search_in(&self.borrow(), start, dir, |l| {
            l.starts_with(term).then_some(len)
        }))
    }
}

#[cfg(test)]
mod tests;
