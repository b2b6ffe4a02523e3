//! Unit tests for pattern matching; expectations checked against bash 5.2
//! (`[[ $t == $p ]]`, `${t#$p}` …) and, where bash 5.2 has known extglob bugs
//! (a `*` followed by a group that must match the empty string at the end),
//! against ksh93, whose semantics bash documents.

use super::{unescape, Pattern, PatternOptions};

fn ext() -> PatternOptions {
    PatternOptions {
        extglob: true,
        ..Default::default()
    }
}

fn m(p: &str, t: &str) -> bool {
    Pattern::new(p.as_bytes(), ext()).matches(t.as_bytes())
}

fn m_plain(p: &str, t: &str) -> bool {
    Pattern::new(p.as_bytes(), PatternOptions::default()).matches(t.as_bytes())
}

/// `${t#p}`, `${t##p}`, `${t%p}`, `${t%%p}` as bash prints them.
fn strip(p: &str, t: &str) -> [String; 4] {
    let pat = Pattern::new(p.as_bytes(), ext());
    let tb = t.as_bytes();
    let pre = |l| {
        pat.match_prefix(tb, l)
            .map_or(t.to_string(), |n| t[n..].to_string())
    };
    let suf = |l| {
        pat.match_suffix(tb, l)
            .map_or(t.to_string(), |n| t[..n].to_string())
    };
    [pre(false), pre(true), suf(false), suf(true)]
}

/// `${t/p/@}`.
fn subst(p: &str, t: &str) -> String {
    match Pattern::new(p.as_bytes(), ext()).find(t.as_bytes(), 0) {
        Some((s, e)) => format!("{}@{}", &t[..s], &t[e..]),
        None => t.to_string(),
    }
}

#[test]
fn literals_and_escapes() {
    assert!(m("abc", "abc"));
    assert!(!m("abc", "abd"));
    assert!(!m("abc", "ab"));
    assert!(m("", ""));
    assert!(!m("", "a"));
    assert!(m("\\*", "*"));
    assert!(!m("\\*", "x"));
    assert!(m("\\a", "a"));
    assert!(m("\\\\", "\\"));
    assert!(m("a\\", "a\\"), "trailing backslash is literal");
    assert!(!m("a\\", "ab"));
    assert!(m("\\[a]", "[a]"));
    assert!(m("a\\?", "a?"));
    assert!(!m("a\\?", "ab"));
}

#[test]
fn star_and_question() {
    assert!(m("*", ""));
    assert!(m("*", "anything"));
    assert!(m("a*", "a"));
    assert!(m("a*c", "abbbc"));
    assert!(!m("a*c", "abbbd"));
    assert!(m("*.txt", "notes.txt"));
    assert!(!m("*.txt", "notes.txt.bak"));
    assert!(m("?", "x"));
    assert!(!m("?", ""));
    assert!(!m("?", "xy"));
    assert!(m("a?c", "abc"));
    assert!(m("**a**", "bab"));
    assert!(m("*?*?*", "ab"));
    assert!(!m("*?*?*", "a"));
    // Without pathname/period, / and leading . are ordinary characters.
    assert!(m("a*", "a/b"));
    assert!(m("a?b", "a/b"));
    assert!(m("?a", ".a"));
}

#[test]
fn bracket_basics() {
    assert!(m("[abc]", "b"));
    assert!(!m("[abc]", "d"));
    assert!(m("[a-c]x", "bx"));
    assert!(m("[!a-c]", "d"));
    assert!(!m("[!a-c]", "b"));
    assert!(m("[^a]", "b"));
    assert!(m("[!a-c]", "-"));
    assert!(m("[]]", "]"));
    assert!(m("[]a]", "a"));
    assert!(!m("[!]a]", "]"));
    assert!(!m("[!]a]", "a"));
    assert!(m("[!]a]", "b"));
    assert!(m("[a-]", "-"));
    assert!(m("[a-]b", "ab"));
    assert!(!m("[z-a]", "b"), "reversed range matches nothing");
    assert!(!m("[]-a]", "x"));
    assert!(m("[]-a]", "_"), "range from ] to a");
    assert!(!m("[a-z]", "A"));
}

#[test]
fn bracket_escapes_and_unclosed() {
    assert!(m("[\\]]", "]"));
    assert!(!m("[\\]]", "\\"));
    assert!(m("[\\!a]", "!"), "escaped ! is not negation");
    assert!(m("[", "["));
    assert!(m("[[]", "["));
    assert!(m("[abc", "[abc"), "unclosed [ is literal");
    assert!(!m("[abc", "a"));
    assert!(m("[!]", "[!]"));
    assert!(!m("[!]", "!"));
    assert!(m("a[", "a["));
}

#[test]
fn bracket_classes() {
    assert!(m("[[:alpha:]]", "q"));
    assert!(!m("[[:alpha:]]", "1"));
    assert!(m("[[:alpha:][:digit:]]", "5"));
    assert!(m("[[:alnum:]_]", "_"));
    assert!(m("[[:word:]]", "_"));
    assert!(m("[[:upper:]]", "Q"));
    assert!(!m("[[:upper:]]", "q"));
    assert!(m("[[:lower:]]", "q"));
    assert!(m("[[:space:]]", "\t"));
    assert!(m("[[:space:]]", "\x0b"));
    assert!(m("[[:blank:]]", " "));
    assert!(!m("[[:blank:]]", "\n"));
    assert!(m("[[:punct:]]", "!"));
    assert!(m("[[:print:]]", " "));
    assert!(!m("[[:graph:]]", " "));
    assert!(m("[[:cntrl:]]", "\x07"));
    assert!(m("[[:xdigit:]]", "F"));
    assert!(!m("[[:xdigit:]]", "g"));
    assert!(!m("[[:foo:]]", "a"), "unknown class matches nothing");
    assert!(m("[![:digit:]]", "a"));
    assert!(m("[[=x=]]", "x"));
    assert!(m("[[.x.]]", "x"));
    assert!(m("[[.a.]-c]", "b"));
    assert!(m("[[:alpha:]-z]", "-"));
    // `[[:alpha:]` is a literal `[` then the set `[:alpha:]`.
    assert!(!m("[[:alpha:]", "a"));
    assert!(m("[[:alpha:]", "[a"));
}

#[test]
fn extglob_operators() {
    assert!(m("@(a|b)", "a"));
    assert!(!m("@(a|b)", "ab"));
    assert!(m("?(a)b", "b"));
    assert!(m("?(a)b", "ab"));
    assert!(!m("?(a)b", "aab"));
    assert!(m("*(ab)", ""));
    assert!(m("*(ab)", "ababab"));
    assert!(!m("*(ab)", "aba"));
    assert!(m("+(ab|a)", "abaab"));
    assert!(!m("+(a)", ""));
    assert!(m("+(a)", "aaa"));
    assert!(m("*(a|b|c)x", "abcx"));
    assert!(m("@(f*|b*)", "foo"));
    assert!(m("@()", ""));
    assert!(!m("@()", "x"));
    assert!(m("*(|)", ""));
    assert!(m("@(a|)b", "b"));
}

#[test]
fn extglob_negation() {
    assert!(m("!(a)", ""));
    assert!(!m("!(a)", "a"));
    assert!(m("!(a)", "aa"));
    assert!(!m("!(a)b", "ab"));
    assert!(m("!(a)b", "b"));
    assert!(!m("!(a*)", "ab"));
    assert!(!m("!(*.c)", "foo.c"));
    assert!(m("!(*.c)", "foo.h"));
    assert!(m("*!(.c)", "foo.h"));
    assert!(m("*!(.c)", "foo.c"), "the star can take the whole name");
    assert!(m("!()", "x"));
    assert!(!m("!()", ""));
    assert!(!m("!(*)", "x"));
    assert!(m("!(x)", ".x"));
    assert!(m("!(!(a))", "a"));
    assert!(!m("!(!(a))", "b"));
    assert!(m("a!(x)", "a"));
    assert!(m("*!(a|b)c", "zzc"));
}

#[test]
fn extglob_nested_and_star_groups() {
    assert!(m("@(a|+(b|c))d", "bcbd"));
    assert!(m("*(a|@(b|c)*(d))", "abddc"));
    assert!(m("?(@(x|y)z)", "yz"));
    assert!(!m("?(@(x|y)z)", "z"));
    // bash 5.2 gets these wrong (its `*` never tries an empty rest); ksh93 agrees with us.
    assert!(m("a*@(x|)", "a"));
    assert!(m("a*@(x|)", "ac"));
    assert!(m("a*+(c|)", "a"));
    assert!(!m("*!(aA|.|)*", ""));
}

#[test]
fn extglob_parens_and_unclosed() {
    // Plain parentheses inside a group are literal but balanced.
    assert!(m("@(a(b)|c)", "a(b)"));
    assert!(m("@(a(b)|c)", "c"));
    // Outside groups `|` and `)` are ordinary.
    assert!(m("a|b", "a|b"));
    assert!(m("a)", "a)"));
    // An unclosed group makes the rest of the pattern a plain string.
    assert!(m("*(abc", "*(abc"));
    assert!(!m("*(abc", "abc"));
    assert!(!m("?(abc", "x(abc"));
    assert!(m("?(a*c", "?(a*c"));
    assert!(!m("?(a*c", "?(abc"));
    assert!(m("a*?(c", "ab?(c"));
    assert!(m("!(abc", "!(abc"));
    assert!(m("z@(a", "z@(a"));
    // An unclosed `[` inside a group hides the closing `)` (bash's scanner).
    assert!(!m("@(a|[)b", "ab"));
    assert!(m("@(a|[)b", "@(a|[)b"));
    assert!(m("[@(a)", "[a"));
    // A closed bracket may contain `)` and `|`.
    assert!(m("@([)|]|x)", ")"));
    assert!(m("@([)|]|x)", "|"));
    assert!(m("@([)|]|x)", "x"));
}

#[test]
fn extglob_off_is_literal() {
    assert!(m_plain("@(a)", "@(a)"));
    assert!(!m_plain("@(a)", "a"));
    assert!(m_plain("*(a)", "x(a)"));
    assert!(m_plain("?(a)", "x(a)"));
    assert!(m_plain("!(a)", "!(a)"));
}

#[test]
fn nocase() {
    let o = PatternOptions {
        nocase: true,
        extglob: true,
        ..Default::default()
    };
    let p = |pat: &str, t: &str| Pattern::new(pat.as_bytes(), o).matches(t.as_bytes());
    assert!(p("abc", "ABC"));
    assert!(p("A*", "abc"));
    assert!(p("[a-c]", "B"));
    assert!(p("[A-C]", "b"));
    assert!(p("[x]", "X"));
    assert!(!p("[[:upper:]]", "a"), "classes ignore nocase, as in bash");
    assert!(p("é", "É"));
    assert!(!p("!(abc)", "ABC"));
    assert!(p("@(foo|bar)", "BAR"));
}

#[test]
fn pathname_and_period() {
    let o = PatternOptions {
        pathname: true,
        period: true,
        extglob: true,
        ..Default::default()
    };
    let p = |pat: &str, t: &str| Pattern::new(pat.as_bytes(), o).matches(t.as_bytes());
    assert!(!p("*", ".hidden"));
    assert!(!p("?hidden", ".hidden"));
    assert!(!p("[.]hidden", ".hidden"));
    assert!(p(".*", ".hidden"));
    assert!(p("\\.*", ".hidden"));
    assert!(!p("a*", "a/b"));
    assert!(!p("a?b", "a/b"));
    assert!(!p("a[/]b", "a/b"));
    assert!(p("a/b", "a/b"));
    assert!(p("*/*", "a/b"));
    assert!(!p("*/*", "a/.b"));
    assert!(p("*/.*", "a/.b"));
    assert!(p("a.*", "a.b"), "only a leading dot is special");
    assert!(!p("!(x)", ".y"));
    assert!(!p("!(.x)", ".y"));
    assert!(p("@(.*)", ".y"));
    assert!(p("*(.)*", ".dot"));
    assert!(p("?(.)h*", ".hid"));
    assert!(!p("!(a)", "b/c"));
    let q = PatternOptions {
        period: true,
        ..Default::default()
    };
    assert!(
        Pattern::new(b"a*", q).matches(b"a/.b"),
        "no pathname: / is ordinary"
    );
}

#[test]
fn prefix_and_suffix_removal() {
    assert_eq!(strip("*X", "aXbXc"), ["bXc", "c", "aXbXc", "aXbXc"]);
    assert_eq!(strip("X*", "aXbXc"), ["aXbXc", "aXbXc", "aXb", "a"]);
    assert_eq!(strip("a", "aXbXc"), ["XbXc", "XbXc", "aXbXc", "aXbXc"]);
    assert_eq!(strip("*", "abc"), ["abc", "", "abc", ""]);
    assert_eq!(strip("?", "abc"), ["bc", "bc", "ab", "ab"]);
    assert_eq!(strip("!(c)", "abc"), ["abc", "", "abc", ""]);
    assert_eq!(strip("!(a)", "abc"), ["abc", "", "abc", ""]);
    assert_eq!(strip("+(a)", "aaab"), ["aab", "b", "aaab", "aaab"]);
    assert_eq!(
        strip("*/", "/usr/local/bin"),
        ["usr/local/bin", "bin", "/usr/local/bin", "/usr/local/bin"]
    );
    assert_eq!(
        strip("/*", "/usr/local/bin"),
        ["usr/local/bin", "", "/usr/local", ""]
    );
    assert_eq!(strip("zz", "abc"), ["abc", "abc", "abc", "abc"]);
    assert_eq!(strip("*", ""), ["", "", "", ""]);
}

#[test]
fn prefix_suffix_raw_values() {
    let p = Pattern::new(b"x", PatternOptions::default());
    assert_eq!(p.match_prefix(b"abc", false), None);
    assert_eq!(p.match_suffix(b"abc", true), None);
    let e = Pattern::new(b"*", PatternOptions::default());
    assert_eq!(e.match_prefix(b"abc", false), Some(0));
    assert_eq!(e.match_prefix(b"abc", true), Some(3));
    assert_eq!(e.match_suffix(b"abc", false), Some(3));
    assert_eq!(e.match_suffix(b"abc", true), Some(0));
}

#[test]
fn find_leftmost_longest() {
    assert_eq!(subst("X", "aXbXc"), "a@bXc");
    assert_eq!(subst("b*", "aXbXc"), "aX@");
    assert_eq!(subst("*(X)", "aXbXc"), "@aXbXc");
    assert_eq!(subst("@(abc|b)", "abc"), "@");
    assert_eq!(subst("@(bc|b)", "abc"), "a@");
    assert_eq!(subst("!(b)", "abc"), "@");
    assert_eq!(subst("X?", "aXbXc"), "a@Xc");
    assert_eq!(subst("q", "abc"), "abc");
    let p = Pattern::new(b"X", PatternOptions::default());
    assert_eq!(p.find(b"aXbXc", 0), Some((1, 2)));
    assert_eq!(p.find(b"aXbXc", 2), Some((3, 4)));
    assert_eq!(p.find(b"aXbXc", 4), None);
    assert_eq!(p.find(b"aXbXc", 99), None);
    let e = Pattern::new(b"*", PatternOptions::default());
    assert_eq!(e.find(b"", 0), Some((0, 0)));
    assert_eq!(e.find(b"ab", 2), Some((2, 2)));
}

#[test]
fn utf8_characters() {
    assert!(m("?", "é"));
    assert!(!m("??", "é"));
    assert!(m("[é]", "é"));
    assert!(m("[à-ü]", "é"));
    assert!(m("[[:alpha:]]", "é"));
    assert!(m("[[:upper:]]", "É"));
    assert!(m("*é", "café"));
    assert_eq!(strip("?", "aé"), ["é", "é", "a", "a"]);
    // Escaping each byte of a multi-byte character still gives one character.
    assert!(Pattern::new(b"\\\xc3\\\xa9", ext()).matches("é".as_bytes()));
    assert!(Pattern::new(b"\\\xc3\xa9?", ext()).matches("éx".as_bytes()));
    // A start offset inside a character moves to the next character.
    let p = Pattern::new(b"?", ext());
    assert_eq!(p.find("éa".as_bytes(), 1), Some((2, 3)));
}

#[test]
fn invalid_utf8_is_bytes() {
    let p = |pat: &[u8], t: &[u8]| Pattern::new(pat, ext()).matches(t);
    assert!(p(b"?", b"\xff"));
    assert!(p(b"??", b"\xc3\x28"), "broken sequence is two characters");
    assert!(p(b"\xff*", b"\xff\xfe"));
    assert!(!p(b"\xfe", b"\xff"));
    assert!(p(b"a*b", b"a\x80\x80b"));
    assert!(p(b"[\xff]", b"\xff"));
    assert!(!p(b"[[:alpha:]]", b"\xff"));
    assert!(p(b"!(a)", b"\xe9"));
    let q = Pattern::new(b"?", ext());
    assert_eq!(q.match_suffix(b"a\xe9", false), Some(1));
    assert_eq!(q.find(b"\xe9\xe9", 1), Some((1, 2)));
}

#[test]
fn has_magic_detection() {
    assert!(Pattern::has_magic(b"*.c", false));
    assert!(Pattern::has_magic(b"a?", false));
    assert!(Pattern::has_magic(b"[ab]", false));
    assert!(!Pattern::has_magic(b"[ab", false));
    assert!(!Pattern::has_magic(b"abc", false));
    assert!(!Pattern::has_magic(b"\\*", false));
    assert!(!Pattern::has_magic(b"a\\[b]", false));
    assert!(Pattern::has_magic(b"@(a)", true));
    assert!(!Pattern::has_magic(b"@(a)", false));
    assert!(Pattern::has_magic(b"+(a)", true));
    assert!(!Pattern::has_magic(b"@(a", true));
    assert!(!Pattern::has_magic(b"", true));
}

#[test]
fn unescape_removes_backslashes() {
    assert_eq!(unescape(b"a\\*b"), b"a*b");
    assert_eq!(unescape(b"\\\\"), b"\\");
    assert_eq!(unescape(b"abc\\"), b"abc\\");
    assert_eq!(unescape(b"\\\xff"), b"\xff");
    assert_eq!(unescape(b""), b"");
}

#[test]
fn pathological_patterns_finish() {
    let text = vec![b'a'; 100];
    let p = Pattern::new(b"*a*a*a*a*a*a*a*a*a*a*a*b", ext());
    assert!(!p.matches(&text));
    assert_eq!(p.match_prefix(&text, true), None);
    assert_eq!(p.match_suffix(&text, true), None);
    assert_eq!(p.find(&text, 0), None);
    let nested = Pattern::new(b"*(*(*(a|aa)))b", ext());
    assert!(!nested.matches(&[b'a'; 200]));
    let neg = Pattern::new(b"!(*a)*!(*b)*!(a*)c", ext());
    assert!(!neg.matches(&[b'a'; 200]));
    let deep = Pattern::new(b"!(!(!(!(a*)*)*)*)x", ext());
    let _ = deep.matches(&[b'a'; 150]);
    let long = vec![b'x'; 20_000];
    assert!(Pattern::new(b"*x*x*x*x*", ext()).matches(&long));
    assert_eq!(
        Pattern::new(b"x*", ext()).match_suffix(&long, true),
        Some(0)
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let pat = [b"@(".repeat(5000), b"a".to_vec(), b")".repeat(5000)].concat();
    let p = Pattern::new(&pat, ext());
    let _ = p.matches(b"a");
    let shallow = [b"@(".repeat(20), b"a".to_vec(), b")".repeat(20)].concat();
    assert!(Pattern::new(&shallow, ext()).matches(b"a"));
    let negs = [b"!(".repeat(20), b"a".to_vec(), b")".repeat(20)].concat();
    assert!(
        Pattern::new(&negs, ext()).matches(b"a"),
        "even number of negations"
    );
    assert!(!Pattern::new(&negs, ext()).matches(b"b"));
    let unclosed = b"@(".repeat(3000);
    assert!(Pattern::new(&unclosed, ext()).matches(&unclosed));
    let brackets = b"[".repeat(3000);
    assert!(Pattern::new(&brackets, ext()).matches(&brackets));
}

#[test]
fn bracket_special_forms_like_bash() {
    // `[.` without `.]` swallows the rest, so the `[` is literal.
    assert!(!m("[[.]", "."));
    assert!(m("[[.]", "[."), "literal `[` then the set `[.]`");
    assert!(!m("[[.]", "[[.]"));
    // `[:` without `:]`: bash drops that `[` and reads `:` and the rest as members.
    assert!(m("[[:a]", ":"));
    assert!(m("[[:a]", "a"));
    assert!(!m("[[:a]", "["));
    // `[=c=]` only in its exact form; otherwise `[` is a member.
    assert!(m("[[=a=]b]", "a"));
    assert!(m("[[=ab=]]", "=]"));
    assert!(!m("[[=ab=]]", "="));
    assert!(m("[[.hyphen.]a]", "a"));
    assert!(
        !m("[[.xyzzy.]a]", "x"),
        "unknown symbol names match nothing"
    );
    assert!(!m("[a-[.xx.]]", "b"));
}

/// Deterministic random patterns over the special characters: nothing may
/// panic, and the entry points must agree with each other.
#[test]
fn random_patterns_are_consistent() {
    const ALPHA: &[u8] = b"\\[]()|!^-:.=*?+@/ab\xff\xc3\xa9";
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    for round in 0..3000 {
        let plen = next(10);
        let pat: Vec<u8> = (0..plen).map(|_| ALPHA[next(ALPHA.len())]).collect();
        let tlen = next(8);
        let text: Vec<u8> = (0..tlen).map(|_| b"ab./\xff\xc3\xa9"[next(7)]).collect();
        let opts = PatternOptions {
            extglob: round % 2 == 0,
            nocase: round % 3 == 0,
            pathname: round % 5 == 0,
            period: round % 7 == 0,
        };
        let p = Pattern::new(&pat, opts);
        let whole = p.matches(&text);
        let long_pre = p.match_prefix(&text, true);
        let short_pre = p.match_prefix(&text, false);
        let long_suf = p.match_suffix(&text, true);
        let short_suf = p.match_suffix(&text, false);
        let ctx = format!("pattern {pat:?} text {text:?}");
        assert_eq!(whole, long_pre == Some(text.len()), "{ctx}");
        assert_eq!(whole, long_suf == Some(0), "{ctx}");
        assert_eq!(short_pre.is_some(), long_pre.is_some(), "{ctx}");
        assert!(short_pre <= long_pre, "{ctx}");
        assert!(short_suf >= long_suf, "{ctx}");
        if let Some((s, e)) = p.find(&text, 0) {
            assert!(s <= e && e <= text.len(), "{ctx}");
        } else {
            assert!(long_pre.is_none() && !whole, "{ctx}");
        }
        let from = next(10);
        let found = p.find(&text, from);
        if !opts.period && !opts.pathname {
            let naive = Naive::new(&p, &text);
            assert_eq!(found, naive.find(from), "{ctx} from {from}");
            assert_eq!(short_pre, naive.prefix(false), "{ctx}");
            assert_eq!(long_pre, naive.prefix(true), "{ctx}");
            assert_eq!(short_suf, naive.suffix(false), "{ctx}");
            assert_eq!(long_suf, naive.suffix(true), "{ctx}");
        }
        let _ = Pattern::has_magic(&pat, opts.extglob);
    }
}

/// Reference searches built from `matches` on every substring.
struct Naive<'a> {
    p: &'a Pattern,
    text: &'a [u8],
    /// Byte offsets of the character boundaries, including the end.
    bounds: Vec<usize>,
}

impl<'a> Naive<'a> {
    fn new(p: &'a Pattern, text: &'a [u8]) -> Naive<'a> {
        let mut bounds = vec![0];
        let mut i = 0;
        while i < text.len() {
            i += super::chars::decode_at(text, i).1;
            bounds.push(i);
        }
        Naive { p, text, bounds }
    }

    fn find(&self, from: usize) -> Option<(usize, usize)> {
        for &s in self.bounds.iter().filter(|&&s| s >= from) {
            let ends = self.bounds.iter().rev().filter(|&&e| e >= s);
            if let Some(&e) = ends
                .into_iter()
                .find(|&&e| self.p.matches(&self.text[s..e]))
            {
                return Some((s, e));
            }
        }
        None
    }

    fn prefix(&self, longest: bool) -> Option<usize> {
        let hit = |e: &&usize| self.p.matches(&self.text[..**e]);
        if longest {
            self.bounds.iter().rev().find(hit).copied()
        } else {
            self.bounds.iter().find(hit).copied()
        }
    }

    fn suffix(&self, longest: bool) -> Option<usize> {
        let hit = |s: &&usize| self.p.matches(&self.text[**s..]);
        if longest {
            self.bounds.iter().find(hit).copied()
        } else {
            self.bounds.iter().rev().find(hit).copied()
        }
    }
}

#[test]
fn char_boundaries() {
    use super::chars::boundary_at_or_after as b;
    let s = "aé€x".as_bytes(); // a, C3 A9, E2 82 AC, x
    assert_eq!(b(s, 0), 0);
    assert_eq!(b(s, 1), 1);
    assert_eq!(b(s, 2), 3);
    assert_eq!(b(s, 3), 3);
    assert_eq!(b(s, 4), 6);
    assert_eq!(b(s, 5), 6);
    assert_eq!(b(s, 6), 6);
    assert_eq!(b(s, 7), 7);
    assert_eq!(b(s, 99), 7);
    // Stray continuation bytes are characters of their own.
    assert_eq!(b(b"\x80\x80\x80\x80\x80", 4), 4);
    assert_eq!(b(b"a\xa9", 1), 1);
    assert_eq!(b(b"\xc3(", 1), 1, "invalid lead byte is one character");
}
