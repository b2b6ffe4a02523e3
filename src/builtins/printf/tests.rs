//! Unit tests for printf. Most expectations were produced by running the
//! same format and arguments through /bin/bash 5.2 (see the comment above
//! each check); error strings are bash's minus its "bash: printf: " prefix.

use super::*;

pub(super) fn check(fmt: &[u8], args: &[&[u8]], out: &[u8], errors: &[&[u8]], status: i32) {
    static TZ: std::sync::Once = std::sync::Once::new();
    TZ.call_once(|| std::env::set_var("TZ", "UTC"));
    let args: Vec<Vec<u8>> = args.iter().map(|a| a.to_vec()).collect();
    let got = format(fmt, &args);
    let show = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert_eq!(
        show(&got.output),
        show(out),
        "output of printf {:?}",
        show(fmt)
    );
    assert_eq!(got.output, out, "output bytes of printf {:?}", show(fmt));
    let errs: Vec<String> = got.errors.iter().map(|e| show(e)).collect();
    let want: Vec<String> = errors.iter().map(|e| show(e)).collect();
    assert_eq!(errs, want, "errors of printf {:?}", show(fmt));
    assert_eq!(got.status, status, "status of printf {:?}", show(fmt));
}

#[test]
fn count_assignments_are_reported() {
    let args = vec![b"a".to_vec(), b"xyz".to_vec(), b"b".to_vec()];
    let got = format(b"ab%n%s%n", &args);
    assert_eq!(
        got.assignments,
        vec![(b"a".to_vec(), 2), (b"b".to_vec(), 5)]
    );
    // The count restarts with each reuse of the format.
    let args: Vec<Vec<u8>> = ["x", "1", "y"]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
    let got = format(b"..%n%s", &args);
    assert_eq!(
        got.assignments,
        vec![(b"x".to_vec(), 2), (b"y".to_vec(), 2)]
    );
}

#[test]
fn empty_format_does_nothing() {
    assert_eq!(format(b"", &[b"a".to_vec()]), PrintfOutput::default());
}

#[test]
fn time_now_is_current_year() {
    let got = format(b"%(%s)T", &[]);
    let secs: i64 = String::from_utf8(got.output).unwrap().parse().unwrap();
    assert!(secs > 1_600_000_000);
    let got = format(b"%(%s)T", &[b"-2".to_vec()]);
    assert!(
        String::from_utf8(got.output)
            .unwrap()
            .parse::<i64>()
            .unwrap()
            > 1_600_000_000
    );
}

#[test]
fn huge_fields_are_refused_not_allocated() {
    let got = format(b"%*d|", &[b"1000000000".to_vec(), b"1".to_vec()]);
    assert_eq!(got.output, b"|");
    assert_eq!(got.status, 1);
    let got = format(b"%.999999999f|", &[b"1".to_vec()]);
    assert_eq!(got.output, b"|");
    // A precision only truncates %s, so it is fine there.
    let got = format(b"%.999999999s|", &[b"abc".to_vec()]);
    assert_eq!((got.output.as_slice(), got.status), (&b"abc|"[..], 0));
}

#[test]
fn nul_in_format_ends_it() {
    assert_eq!(format(b"ab\0cd", &[]).output, b"ab");
}

#[test]
fn very_long_numbers_are_exact() {
    // 0.1 with 20000 trailing zero digits then a 1: still rounds like 0.1.
    let mut s = b"0.1".to_vec();
    s.extend(std::iter::repeat_n(b'0', 20000));
    s.push(b'1');
    assert_eq!(format(b"%a", &[s]).output, b"0xc.ccccccccccccccdp-7");
    let got = format(b"%.3e", &[b"1e999999999999999999999999".to_vec()]);
    assert_eq!(got.output, b"inf");
}

#[test]
fn shell_quote_is_percent_q() {
    assert_eq!(shell_quote(b"a b"), b"a\\ b");
    assert_eq!(shell_quote(b""), b"''");
    assert_eq!(shell_quote(b"\n"), b"$'\\n'");
}

#[test]
fn literal_text_and_escapes() {
    // printf 'hello\n'
    check(b"hello\\n", &[], b"hello\n", &[], 0);
    // printf 'a\cb'
    check(b"a\\cb", &[], b"a\\cb", &[], 0);
    // printf '\0101|\101|\1011|\x411|\"|\?|\q|\a\b\f\v|\\|\x|\u|\U110000|\UFFFFFFFF|\uD800|\u0000x\n'
    check(b"\\0101|\\101|\\1011|\\x411|\\\"|\\?|\\q|\\a\\b\\f\\v|\\\\|\\x|\\u|\\U110000|\\UFFFFFFFF|\\uD800|\\u0000x\\n", &[], b"\x081|A|A1|A1|\"|?|\\q|\x07\x08\x0c\x0b|\\|\\x|\\u|\xf4\x90\x80\x80||\xed\xa0\x80|\x00x\n", &[b"missing hex digit for \\x", b"missing unicode digit for \\u"], 0);
    // printf '\u00e9\U0001F600'
    check(
        b"\\u00e9\\U0001F600",
        &[],
        b"\xc3\xa9\xf0\x9f\x98\x80",
        &[],
        0,
    );
    // printf '\e|\E|\a\n'
    check(b"\\e|\\E|\\a\\n", &[], b"\x1b|\x1b|\x07\n", &[], 0);
    // printf '\xZ'
    check(b"\\xZ", &[], b"\\xZ", &[b"missing hex digit for \\x"], 0);
    // printf 'trailing\'
    check(b"trailing\\", &[], b"trailing\\", &[], 0);
    // printf '%%|%5%\n'
    check(
        b"%%|%5%\\n",
        &[],
        b"%|",
        &[b"`%': invalid format character"],
        1,
    );
    // printf 'x\n' a b
    check(b"x\\n", &[b"a", b"b"], b"x\n", &[], 0);
}

#[test]
fn format_reuse() {
    // printf '%s\n' a b c
    check(b"%s\\n", &[b"a", b"b", b"c"], b"a\nb\nc\n", &[], 0);
    // printf '%s %s\n' a b c
    check(b"%s %s\\n", &[b"a", b"b", b"c"], b"a b\nc \n", &[], 0);
    // printf '%d %s\n' 1 a 2 b 3
    check(
        b"%d %s\\n",
        &[b"1", b"a", b"2", b"b", b"3"],
        b"1 a\n2 b\n3 \n",
        &[],
        0,
    );
    // printf '%s' 'x' 'y'
    check(b"%s", &[b"x", b"y"], b"xy", &[], 0);
    // printf '%s' 'a' ''
    check(b"%s", &[b"a", b""], b"a", &[], 0);
}

#[test]
fn missing_arguments() {
    // printf '%c'
    check(b"%c", &[], b"\x00", &[], 0);
    // printf '%s|%d|%b|%q|%f|%x\n'
    check(b"%s|%d|%b|%q|%f|%x\\n", &[], b"|0||''|0.000000|0\n", &[], 0);
    // printf '%5s|%-5s|\n'
    check(b"%5s|%-5s|\\n", &[], b"     |     |\n", &[], 0);
}

#[test]
fn strings_and_chars() {
    // printf '%5s|%-5s|%.2s|%5.1s|%-5c|\n' abc abc abc abc x
    check(
        b"%5s|%-5s|%.2s|%5.1s|%-5c|\\n",
        &[b"abc", b"abc", b"abc", b"abc", b"x"],
        b"  abc|abc  |ab|    a|x    |\n",
        &[],
        0,
    );
    // printf '%05s|%-05s|%5c|%05c|%.1s|%.s|\n' ab cd e f ghi jkl
    check(
        b"%05s|%-05s|%5c|%05c|%.1s|%.s|\\n",
        &[b"ab", b"cd", b"e", b"f", b"ghi", b"jkl"],
        b"   ab|cd   |    e|    f|g||\n",
        &[],
        0,
    );
    // printf '%c|%.1s|%3s|\n' é é é
    check(
        b"%c|%.1s|%3s|\\n",
        &[b"\xc3\xa9", b"\xc3\xa9", b"\xc3\xa9"],
        b"\xc3|\xc3| \xc3\xa9|\n",
        &[],
        0,
    );
    // printf '%5c|%-5c|%c\n' "" x abc
    check(
        b"%5c|%-5c|%c\\n",
        &[b"", b"x", b"abc"],
        b"    \x00|x    |a\n",
        &[],
        0,
    );
    // printf '%.3c|%+s|%#s|% c\n' abc def ghi jkl
    check(
        b"%.3c|%+s|%#s|% c\\n",
        &[b"abc", b"def", b"ghi", b"jkl"],
        b"a|def|ghi|j\n",
        &[],
        0,
    );
    // printf '%.5s|\n' "héllo"
    check(b"%.5s|\\n", &[b"h\xc3\xa9llo"], b"h\xc3\xa9ll|\n", &[], 0);
    // printf '%ls|%lc|\n' abc def
    check(b"%ls|%lc|\\n", &[b"abc", b"def"], b"abc|d|\n", &[], 0);
}

#[test]
fn signed_integers() {
    // printf '%d|%i|%d\n' 42 -17 0
    check(
        b"%d|%i|%d\\n",
        &[b"42", b"-17", b"0"],
        b"42|-17|0\n",
        &[],
        0,
    );
    // printf '%5.2d|%-5d|%05d|%+d|% d|%+ d\n' 3 4 5 6 7 8
    check(
        b"%5.2d|%-5d|%05d|%+d|% d|%+ d\\n",
        &[b"3", b"4", b"5", b"6", b"7", b"8"],
        b"   03|4    |00005|+6| 7|+8\n",
        &[],
        0,
    );
    // printf '%-+ #0d|%0-5d|%-05.3d|% +d\n' 5 6 7 8
    check(
        b"%-+ #0d|%0-5d|%-05.3d|% +d\\n",
        &[b"5", b"6", b"7", b"8"],
        b"+5|6    |007  |+8\n",
        &[],
        0,
    );
    // printf '%.0d|%.0d|%5.0d|\n' 0 1 0
    check(
        b"%.0d|%.0d|%5.0d|\\n",
        &[b"0", b"1", b"0"],
        b"|1|     |\n",
        &[],
        0,
    );
    // printf '%d\n' 99999999999999999999
    check(
        b"%d\\n",
        &[b"99999999999999999999"],
        b"9223372036854775807\n",
        &[b"warning: 99999999999999999999: Numerical result out of range"],
        0,
    );
    // printf '%d\n' -99999999999999999999
    check(
        b"%d\\n",
        &[b"-99999999999999999999"],
        b"-9223372036854775808\n",
        &[b"warning: -99999999999999999999: Numerical result out of range"],
        0,
    );
    // printf '%d\n' 0x7fffffffffffffff 0x8000000000000000 -0x8000000000000000
    check(
        b"%d\\n",
        &[
            b"0x7fffffffffffffff",
            b"0x8000000000000000",
            b"-0x8000000000000000",
        ],
        b"9223372036854775807\n9223372036854775807\n-9223372036854775808\n",
        &[b"warning: 0x8000000000000000: Numerical result out of range"],
        0,
    );
    // printf '%hd|%ld|%lld|%jd|%zd|%td|%hhd\n' 1 2 3 5 6 7 300
    check(
        b"%hd|%ld|%lld|%jd|%zd|%td|%hhd\\n",
        &[b"1", b"2", b"3", b"5", b"6", b"7", b"300"],
        b"1|2|3|5|6|7|300\n",
        &[],
        0,
    );
}

#[test]
fn unsigned_integers() {
    // printf '%u|%o|%x|%X\n' 42 8 255 255
    check(
        b"%u|%o|%x|%X\\n",
        &[b"42", b"8", b"255", b"255"],
        b"42|10|ff|FF\n",
        &[],
        0,
    );
    // printf '%u\n' -1
    check(b"%u\\n", &[b"-1"], b"18446744073709551615\n", &[], 0);
    // printf '%u\n' 99999999999999999999
    check(
        b"%u\\n",
        &[b"99999999999999999999"],
        b"18446744073709551615\n",
        &[b"warning: 99999999999999999999: Numerical result out of range"],
        0,
    );
    // printf '%x\n' -99999999999999999999
    check(
        b"%x\\n",
        &[b"-99999999999999999999"],
        b"ffffffffffffffff\n",
        &[b"warning: -99999999999999999999: Numerical result out of range"],
        0,
    );
    // printf '%i %o %X %u\n' 010 -8 -255 "'A"
    check(
        b"%i %o %X %u\\n",
        &[b"010", b"-8", b"-255", b"'A"],
        b"8 1777777777777777777770 FFFFFFFFFFFFFF01 65\n",
        &[],
        0,
    );
    // printf '%#x %#o %#X %.0d| %#.0o %#.0x|\n' 0 0 255 0 0 0
    check(
        b"%#x %#o %#X %.0d| %#.0o %#.0x|\\n",
        &[b"0", b"0", b"255", b"0", b"0", b"0"],
        b"0 0 0XFF | 0 |\n",
        &[],
        0,
    );
    // printf '%#5x|%#-8o|%08.3x|%+05d|% 05d|%-+5d|%x\n' 255 8 10 -3 4 5 "'é"
    check(
        b"%#5x|%#-8o|%08.3x|%+05d|% 05d|%-+5d|%x\\n",
        &[b"255", b"8", b"10", b"-3", b"4", b"5", b"'\xc3\xa9"],
        b" 0xff|010     |     00a|-0003| 0004|+5   |e9\n",
        &[],
        0,
    );
    // printf '%.3x|%#.3x|%#.3o|%#5.3o\n' 1 1 1 1
    check(
        b"%.3x|%#.3x|%#.3o|%#5.3o\\n",
        &[b"1", b"1", b"1", b"1"],
        b"001|0x001|001|  001\n",
        &[],
        0,
    );
    // printf '%+u|% x|%+o\n' 1 2 3
    check(b"%+u|% x|%+o\\n", &[b"1", b"2", b"3"], b"1|2|3\n", &[], 0);
}

#[test]
fn numeric_argument_forms() {
    // printf '%d\n' " +5" " -0x1F" 0777 ""
    check(
        b"%d\\n",
        &[b" +5", b" -0x1F", b"0777", b""],
        b"5\n-31\n511\n0\n",
        &[],
        0,
    );
    // printf '%d %d %d\n' "'a" "'é" "'"
    check(
        b"%d %d %d\\n",
        &[b"'a", b"'\xc3\xa9", b"'"],
        b"97 233 0\n",
        &[],
        0,
    );
    // printf '%d\n' $'\'\xff' $'\'\xc3\xa9x'
    check(b"%d\\n", &[b"'\xff", b"'\xc3\xa9x"], b"255\n233\n", &[], 0);
    // printf '%d|%u|%x|%o|%X\n' '"A' "'" '"' '"é' "'😀"
    check(
        b"%d|%u|%x|%o|%X\\n",
        &[b"\"A", b"'", b"\"", b"\"\xc3\xa9", b"'\xf0\x9f\x98\x80"],
        b"65|0|0|351|1F600\n",
        &[],
        0,
    );
}

#[test]
fn invalid_numbers() {
    // printf '%d' '5 '
    check(b"%d", &[b"5 "], b"5", &[b"5 : invalid number"], 1);
    // printf '%d\n' 09 0x 1a
    check(
        b"%d\\n",
        &[b"09", b"0x", b"1a"],
        b"0\n0\n1\n",
        &[
            b"09: invalid octal number",
            b"0x: invalid hex number",
            b"1a: invalid number",
        ],
        1,
    );
    // printf '%d\n' " 0x" "0x1g" "1.5" "-" "+"
    check(
        b"%d\\n",
        &[b" 0x", b"0x1g", b"1.5", b"-", b"+"],
        b"0\n1\n1\n0\n0\n",
        &[
            b" 0x: invalid number",
            b"0x1g: invalid hex number",
            b"1.5: invalid number",
            b"-: invalid number",
            b"+: invalid number",
        ],
        1,
    );
    // printf '%d\n' '   ' $'\t5' '+-5' '--5' '0x-5' ' 0'
    check(
        b"%d\\n",
        &[b"   ", b"\t5", b"+-5", b"--5", b"0x-5", b" 0"],
        b"0\n5\n0\n0\n0\n0\n",
        &[
            b"   : invalid number",
            b"+-5: invalid number",
            b"--5: invalid number",
            b"0x-5: invalid hex number",
        ],
        1,
    );
    // printf '%i\n' 0b11 1_000 0o7
    check(
        b"%i\\n",
        &[b"0b11", b"1_000", b"0o7"],
        b"0\n1\n0\n",
        &[
            b"0b11: invalid number",
            b"1_000: invalid number",
            b"0o7: invalid number",
        ],
        1,
    );
    // printf '%f\n' 0x1.8p1 " 1.5" "1.5 " 1e 1e+ .5 5. . abc
    check(b"%f\\n", &[b"0x1.8p1", b" 1.5", b"1.5 ", b"1e", b"1e+", b".5", b"5.", b".", b"abc"], b"3.000000\n1.500000\n1.500000\n1.000000\n1.000000\n0.500000\n5.000000\n0.000000\n0.000000\n", &[b"1.5 : invalid number", b"1e: invalid number", b"1e+: invalid number", b".: invalid number", b"abc: invalid number"], 1);
    // printf '%f\n' '' ' ' '1e5 ' '0x' '0x1p' '1.5e'
    check(
        b"%f\\n",
        &[b"", b" ", b"1e5 ", b"0x", b"0x1p", b"1.5e"],
        b"0.000000\n0.000000\n100000.000000\n0.000000\n1.000000\n1.500000\n",
        &[
            b" : invalid number",
            b"1e5 : invalid number",
            b"0x: invalid hex number",
            b"0x1p: invalid hex number",
            b"1.5e: invalid number",
        ],
        1,
    );
    // printf '%f|%d|%s\n' 1.5 2 3 4.5
    check(
        b"%f|%d|%s\\n",
        &[b"1.5", b"2", b"3", b"4.5"],
        b"1.500000|2|3\n4.500000|0|\n",
        &[],
        0,
    );
    // printf '%d %b|' x '\c'
    check(
        b"%d %b|",
        &[b"x", b"\\c"],
        b"0 ",
        &[b"x: invalid number"],
        0,
    );
}

#[test]
fn star_width_and_precision() {
    // printf '%*d|%-*d|%.*f|%*.*s|\n' 5 1 5 2 2 3.14159 6 2 abcdef
    check(
        b"%*d|%-*d|%.*f|%*.*s|\\n",
        &[
            b"5", b"1", b"5", b"2", b"2", b"3.14159", b"6", b"2", b"abcdef",
        ],
        b"    1|2    |3.14|    ab|\n",
        &[],
        0,
    );
    // printf '%*d|\n' -5 1
    check(b"%*d|\\n", &[b"-5", b"1"], b"1    |\n", &[], 0);
    // printf '%*d|%.*d|\n' x 1 -3 42
    check(
        b"%*d|%.*d|\\n",
        &[b"x", b"1", b"-3", b"42"],
        b"1|42|\n",
        &[b"x: invalid number"],
        1,
    );
    // printf '%.*d|%.*f|\n' -3 42 -1 1.5
    check(
        b"%.*d|%.*f|\\n",
        &[b"-3", b"42", b"-1", b"1.5"],
        b"42|1.500000|\n",
        &[],
        0,
    );
    // printf '%*s|' '' x
    check(b"%*s|", &[b"", b"x"], b"x|", &[], 0);
    // printf '%*s|%*s|' 3 x -3 y
    check(b"%*s|%*s|", &[b"3", b"x", b"-3", b"y"], b"  x|y  |", &[], 0);
    // printf '%.*s|' 2147483648 abc z
    check(
        b"%.*s|",
        &[b"2147483648", b"abc", b"z"],
        b"abc||",
        &[
            b"warning: abc: Numerical result out of range",
            b"z: invalid number",
        ],
        1,
    );
    // printf '%-*s|' -3 x
    check(b"%-*s|", &[b"-3", b"x"], b"x  |", &[], 0);
    // printf '%0*d|%-0*d|' 5 1 5 2
    check(
        b"%0*d|%-0*d|",
        &[b"5", b"1", b"5", b"2"],
        b"00001|2    |",
        &[],
        0,
    );
    // printf '[%*Q][%-*Q]\n' 5 'a' 5 'b'
    check(
        b"[%*Q][%-*Q]\\n",
        &[b"5", b"a", b"5", b"b"],
        b"[    a][b    ]\n",
        &[],
        0,
    );
}

#[test]
fn odd_precisions_follow_glibc() {
    // printf '%.-5d|%.-5s|%.-5b|\n' 42 abc abc
    check(
        b"%.-5d|%.-5s|%.-5b|\\n",
        &[b"42", b"abc", b"abc"],
        b"%.0-5ld|%.0-5s||\n",
        &[],
        0,
    );
    // printf '%5.-3d|%*.-3d|%-0+#*.-3d|\n' 1 7 2 -7 3
    check(
        b"%5.-3d|%*.-3d|%-0+#*.-3d|\\n",
        &[b"1", b"7", b"2", b"-7", b"3"],
        b"%5.0-3ld|%7.0-3ld|%#+-7.0-3ld|\n",
        &[],
        0,
    );
    // printf '%.-3f|%.-3c|%.-3x|%.-3(%Y)T\n' 1 c 255 0
    check(
        b"%.-3f|%.-3c|%.-3x|%.-3(%Y)T\\n",
        &[b"1", b"c", b"255", b"0"],
        b"%.0-3Lf|%.0-3c|%.0-3lx|\n",
        &[],
        0,
    );
    // printf '%2147483648d|' 1
    check(b"%2147483648d|", &[b"1"], b"|", &[], 0);
    // printf '%.2147483648f|x\n' 1
    check(b"%.2147483648f|x\\n", &[b"1"], b"|x\n", &[], 0);
}

#[test]
fn format_errors() {
    // printf '%Z'
    check(b"%Z", &[], b"", &[b"`Z': invalid format character"], 1);
    // printf 'abc%'
    check(b"abc%", &[], b"abc", &[b"`%': missing format character"], 1);
    // printf 'abc%5.3'
    check(
        b"abc%5.3",
        &[],
        b"abc",
        &[b"`%5.3': missing format character"],
        1,
    );
    // printf '%1$s\n' a
    check(
        b"%1$s\\n",
        &[b"a"],
        b"",
        &[b"`$': invalid format character"],
        1,
    );
    // printf '%I d\n' 5
    check(
        b"%I d\\n",
        &[b"5"],
        b"",
        &[b"`I': invalid format character"],
        1,
    );
    // printf '%5%|%-5%|\n'
    check(
        b"%5%|%-5%|\\n",
        &[],
        b"",
        &[b"`%': invalid format character"],
        1,
    );
    // printf '%n' 1a
    check(b"%n", &[b"1a"], b"", &[b"`1a': not a valid identifier"], 1);
}

#[test]
fn count_assignment() {
    // printf '%n|%s\n' a b
    check(b"%n|%s\\n", &[b"a", b"b"], b"|b\n", &[], 0);
    // printf 'ab%n\n' 'a_1' 'b'
    check(b"ab%n\\n", &[b"a_1", b"b"], b"ab\nab\n", &[], 0);
    // printf '%n%n\n' 'a' ''
    check(b"%n%n\\n", &[b"a", b""], b"\n", &[], 0);
}
