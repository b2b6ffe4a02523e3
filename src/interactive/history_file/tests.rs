use super::*;

fn e(line: &str, time: i64) -> Entry {
    Entry {
        line: line.to_string(),
        time,
    }
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("whelk-hist-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn encode_format() {
    assert_eq!(encode(&e("echo hi", 17)), b"#17\necho hi\n");
    assert_eq!(
        encode(&e("for i in 1\ndo echo\ndone", 5)),
        b"#5\nfor i in 1\ndo echo\ndone\n"
    );
    assert_eq!(encode(&e("x\n#12\ny", 1)), b"#1\nx\n\\#12\ny\n");
}

#[test]
fn round_trip() {
    let entries = vec![
        e("echo one", 100),
        e("if true\nthen\n  echo yes\nfi", 101),
        e("cat <<EOF\n\nblank above\nEOF", 102),
        e("# a comment", 103),
        e("x\n#123\n\\#456\n\\\\#7", 104),
        e("printf 'a\\nb'", 105),
        e("echo é ü", 106),
    ];
    let bytes: Vec<u8> = entries.iter().flat_map(encode).collect();
    assert_eq!(parse(&bytes), entries);
}

#[test]
fn plain_bash_file() {
    let parsed = parse(b"ls\ncd /tmp\n\necho hi\n");
    let lines: Vec<&str> = parsed.iter().map(|e| e.line.as_str()).collect();
    assert_eq!(lines, ["ls", "cd /tmp", "echo hi"]);
    assert!(parsed.iter().all(|e| e.time == 0));
}

#[test]
fn bash_timestamped_file() {
    let parsed = parse(b"#1700000000\nls -l\n#1700000001\necho a\n");
    assert_eq!(
        parsed,
        vec![e("ls -l", 1700000000), e("echo a", 1700000001)]
    );
}

#[test]
fn invalid_utf8_does_not_break_parsing() {
    let parsed = parse(b"#1\necho \xff\n#2\nok\n");
    assert_eq!(parsed.len(), 2);
    assert_eq!(parsed[1], e("ok", 2));
}

#[test]
fn append_read_rewrite_truncate() {
    let dir = temp_dir("basic");
    let path = dir.join("sub/history");
    ensure_parent(&path).unwrap();
    assert!(read(&path).unwrap().is_empty());
    append(&path, &[e("a", 1)]).unwrap();
    append(&path, &[e("b\nc", 2), e("d", 3)]).unwrap();
    assert_eq!(
        read(&path).unwrap(),
        vec![e("a", 1), e("b\nc", 2), e("d", 3)]
    );
    let kept = truncate(&path, 2).unwrap();
    assert_eq!(kept, vec![e("b\nc", 2), e("d", 3)]);
    assert_eq!(read(&path).unwrap(), kept);
    rewrite(&path, &[e("z", 9)]).unwrap();
    assert_eq!(read(&path).unwrap(), vec![e("z", 9)]);
    let mode = std::fs::metadata(&path).unwrap().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn concurrent_writers_lose_nothing() {
    let dir = temp_dir("concurrent");
    let path = dir.join("history");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = path.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    let line = format!("writer {w} entry {i}\nsecond line {i}");
                    append(&path, &[e(&line, i)]).unwrap();
                    if w == 0 && i % 50 == 49 {
                        // A trim running at the same time as the other
                        // writer's appends must not lose them.
                        truncate(&path, 10_000).unwrap();
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let entries = read(&path).unwrap();
    assert_eq!(entries.len(), 400);
    for w in 0..2 {
        let mine: Vec<&Entry> = entries
            .iter()
            .filter(|x| x.line.starts_with(&format!("writer {w} ")))
            .collect();
        assert_eq!(mine.len(), 200);
        for (i, x) in mine.iter().enumerate() {
            assert_eq!(x.line, format!("writer {w} entry {i}\nsecond line {i}"));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn concurrent_trim_and_append() {
    let dir = temp_dir("trim");
    let path = dir.join("history");
    let fillers: Vec<Entry> = (0..500).map(|i| e(&format!("filler {i}"), 1)).collect();
    append(&path, &fillers).unwrap();
    // Trimming drops the oldest entries while the other writer appends:
    // none of the appended ones may be lost.
    let trimmer = {
        let path = path.clone();
        std::thread::spawn(move || {
            for _ in 0..200 {
                truncate(&path, 600).unwrap();
            }
        })
    };
    for i in 0..300 {
        append(&path, &[e(&format!("cmd {i}"), i)]).unwrap();
    }
    trimmer.join().unwrap();
    let entries = read(&path).unwrap();
    let lines: Vec<String> = entries
        .iter()
        .filter(|x| x.line.starts_with("cmd "))
        .map(|x| x.line.clone())
        .collect();
    let expected: Vec<String> = (0..300).map(|i| format!("cmd {i}")).collect();
    assert_eq!(lines, expected);
    let _ = std::fs::remove_dir_all(&dir);
}
