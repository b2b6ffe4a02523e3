use super::*;

fn e(line: &str) -> Entry {
    Entry {
        line: line.to_string(),
        time: 0,
    }
}

fn lines(list: &HistoryList) -> Vec<&str> {
    list.iter().map(|e| e.line.as_str()).collect()
}

#[test]
fn histcontrol_parsing() {
    let c = Control::parse(b"ignoreboth:erasedups", b"");
    assert!(c.ignore_space && c.ignore_dups && c.erase_dups);
    let c = Control::parse(b"ignorespace", b"ls:&");
    assert!(c.ignore_space && !c.ignore_dups && !c.erase_dups);
    assert_eq!(c.ignore, vec![b"ls".to_vec(), b"&".to_vec()]);
    let c = Control::parse(b"bogus", b"");
    assert!(!c.ignore_space && !c.ignore_dups);
}

#[test]
fn ignorespace_and_ignoredups() {
    let mut h = HistoryList::default();
    let c = Control::parse(b"ignoreboth", b"");
    assert!(h.push(e("ls"), &c));
    assert!(!h.push(e("ls"), &c));
    assert!(!h.push(e(" secret"), &c));
    assert!(h.push(e("pwd"), &c));
    assert!(h.push(e("ls"), &c));
    assert_eq!(lines(&h), ["ls", "pwd", "ls"]);
}

#[test]
fn without_control_everything_but_blank_is_kept() {
    let mut h = HistoryList::default();
    let c = Control::default();
    assert!(h.push(e("ls"), &c));
    assert!(h.push(e("ls"), &c));
    assert!(h.push(e(" x"), &c));
    assert!(!h.push(e("   "), &c));
    assert_eq!(lines(&h), ["ls", "ls", " x"]);
}

#[test]
fn erasedups() {
    let mut h = HistoryList::default();
    let c = Control::parse(b"erasedups", b"");
    for l in ["a", "b", "a", "c", "b"] {
        h.push(e(l), &c);
    }
    assert_eq!(lines(&h), ["a", "c", "b"]);
}

#[test]
fn histignore_patterns() {
    let mut h = HistoryList::default();
    let c = Control::parse(b"", b"ls*:&:exit");
    h.push(e("ls -l"), &c);
    h.push(e("pwd"), &c);
    h.push(e("pwd"), &c);
    h.push(e("exit"), &c);
    h.push(e("echo"), &c);
    assert_eq!(lines(&h), ["pwd", "echo"]);
}

#[test]
fn histsize_moves_the_base() {
    let mut h = HistoryList::default();
    h.set_max_len(Some(3));
    for l in ["a", "b", "c", "d", "e"] {
        h.push(e(l), &Control::default());
    }
    assert_eq!(lines(&h), ["c", "d", "e"]);
    assert_eq!(h.base(), 3);
    assert_eq!(h.next_number(), 6);
    h.set_max_len(None);
    h.push(e("f"), &Control::default());
    assert_eq!(h.len(), 4);
    h.set_max_len(Some(0));
    assert!(h.is_empty());
}

#[test]
fn remove_replace_clear() {
    let mut h = HistoryList::default();
    for l in ["a", "b", "c"] {
        h.push(e(l), &Control::default());
    }
    assert_eq!(h.remove(1).unwrap().line, "b");
    h.replace_last(e("z"));
    assert_eq!(lines(&h), ["a", "z"]);
    h.clear();
    assert!(h.is_empty());
    assert_eq!(h.next_number(), 1);
}

#[test]
fn hints_come_from_single_line_entries() {
    let mut h = HistoryList::default();
    for l in ["git status", "git commit -m x", "git log\n--oneline"] {
        h.push(e(l), &Control::default());
    }
    assert_eq!(h.completion_of("git "), Some("commit -m x"));
    assert_eq!(h.completion_of("git s"), Some("tatus"));
    assert_eq!(h.completion_of("git status"), None);
    assert_eq!(h.completion_of(""), None);
    assert_eq!(h.completion_of("zz"), None);
}

#[test]
fn rustyline_view_searches() {
    let shared = SharedHistory::default();
    for l in ["alpha", "beta", "alphabet"] {
        shared.borrow_mut().push(e(l), &Control::default());
    }
    let h: &dyn RlHistory = &shared;
    assert_eq!(h.len(), 3);
    let r = h
        .search("alpha", 2, SearchDirection::Reverse)
        .unwrap()
        .unwrap();
    assert_eq!((r.idx, r.entry.as_ref()), (2, "alphabet"));
    let r = h
        .search("alpha", 1, SearchDirection::Reverse)
        .unwrap()
        .unwrap();
    assert_eq!(r.idx, 0);
    let r = h
        .starts_with("be", 0, SearchDirection::Forward)
        .unwrap()
        .unwrap();
    assert_eq!((r.idx, r.pos), (1, 2));
    assert!(h
        .search("zzz", 2, SearchDirection::Reverse)
        .unwrap()
        .is_none());
    assert!(h
        .search("a", 9, SearchDirection::Reverse)
        .unwrap()
        .is_none());
    assert_eq!(
        h.get(1, SearchDirection::Forward).unwrap().unwrap().entry,
        "beta"
    );
}
