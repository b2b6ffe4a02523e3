//! Fixture builders and output normalisers for the real-script tests: each
//! normaliser rewrites one kind of volatile text (times, load addresses)
//! the same way in the reference shell's output and in whelk's.

use super::harness::ScriptTest;

/// `ldd` prints load addresses, which ASLR changes every run.
pub fn load_addresses(text: &[u8]) -> Vec<u8> {
    replace_after(text, b"(0x", b')', b"ADDR")
}

/// tzselect shows the current time; the two runs are seconds apart.
pub fn clock_lines(text: &[u8]) -> Vec<u8> {
    map_lines(text, |line| {
        for prefix in [&b"Selected time is now:"[..], b"Universal Time is now:"] {
            if line.starts_with(prefix) {
                return [prefix, b" TIME"].concat();
            }
        }
        line.to_vec()
    })
}

/// savelog reports when it rotated a file it had to create.
pub fn rotated_at(text: &[u8]) -> Vec<u8> {
    map_lines(text, |line| match find(line, b"' at ") {
        Some(i) if line.starts_with(b"Rotated `") => [&line[..i], b"' at DATE"].concat(),
        _ => line.to_vec(),
    })
}

/// dd reports how long it took.
pub fn dd_speed(text: &[u8]) -> Vec<u8> {
    map_lines(text, |line| match find(line, b" copied, ") {
        Some(i) => [&line[..i], b" copied, TIME"].concat(),
        None => line.to_vec(),
    })
}

/// git-filter-branch reports progress with elapsed and predicted seconds.
pub fn elapsed_seconds(text: &[u8]) -> Vec<u8> {
    let mut out = digits_before(text, b" seconds passed");
    out = digits_before(&out, b" predicted)");
    out
}

/// Replaces the decimal number just before each `marker` with `N`.
fn digits_before(text: &[u8], marker: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = find(rest, marker) {
        let head = &rest[..i];
        let digits = head.iter().rev().take_while(|b| b.is_ascii_digit()).count();
        out.extend_from_slice(&head[..i - digits]);
        out.extend_from_slice(if digits > 0 { b"N" } else { b"" });
        out.extend_from_slice(marker);
        rest = &rest[i + marker.len()..];
    }
    out.extend_from_slice(rest);
    out
}

fn map_lines(text: &[u8], f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    let mut out = Vec::new();
    for line in text.split_inclusive(|&b| b == b'\n') {
        let (body, nl) = match line.strip_suffix(b"\n") {
            Some(b) => (b, &b"\n"[..]),
            None => (line, &b""[..]),
        };
        out.extend(f(body));
        out.extend_from_slice(nl);
    }
    out
}

/// Replaces what follows each `start` up to `end` with `with`.
fn replace_after(text: &[u8], start: &[u8], end: u8, with: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = find(rest, start) {
        out.extend_from_slice(&rest[..i + start.len()]);
        rest = &rest[i + start.len()..];
        if let Some(j) = rest.iter().position(|&b| b == end) {
            out.extend_from_slice(with);
            rest = &rest[j..];
        }
    }
    out.extend_from_slice(rest);
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Text files and gzip/xz/bzip2 copies, built with the real tools.
pub fn compressed_fixture(t: &mut ScriptTest) {
    t.file("a.txt", "hello world\nfoo bar\nHello again\nit's here\n")
        .file("b.txt", "hello world\nfoo baz\n")
        .file("c.txt", "plain text, not compressed\n")
        .file("pats", "foo\nagain\n")
        .setup("gzip -n -c a.txt > a.txt.gz && gzip -n -c b.txt > b.txt.gz")
        .setup(
            "gzip -n -c c.txt > d && gzip -n -c b.txt > e.txt.gz && mkdir sub && cp a.txt.gz sub/",
        )
        .setup("xz -c a.txt > a.txt.xz 2>/dev/null || true")
        .setup("bzip2 -c a.txt > a.txt.bz2 2>/dev/null || true");
}
