//! Unit tests for printf's `%b`, `%q`/`%Q` and `%(...)T` conversions,
//! generated from /bin/bash 5.2 output like those in `tests.rs`.

use super::tests::check;

#[test]
fn backslash_b() {
    // printf '%b|\n' '\0101' '\101' '\01011' '\1011' '\x41' '\u00e9' '\q' '\\' 'a\' '\"' '\?' '\e' '\E' "\\'"
    check(
        b"%b|\\n",
        &[
            b"\\0101", b"\\101", b"\\01011", b"\\1011", b"\\x41", b"\\u00e9", b"\\q", b"\\\\",
            b"a\\", b"\\\"", b"\\?", b"\\e", b"\\E", b"\\'",
        ],
        b"A|\nA|\nA1|\nA1|\nA|\n\xc3\xa9|\n\\q|\n\\|\na\\|\n\\\"|\n\\?|\n\x1b|\n\x1b|\n\\'|\n",
        &[],
        0,
    );
    // printf '%b|' "a\cb" "c"
    check(b"%b|", &[b"a\\cb", b"c"], b"a", &[], 0);
    // printf '%b|' '\c' x
    check(b"%b|", &[b"\\c", b"x"], b"", &[], 0);
    // printf '%b' 'a\0' 'b'
    check(b"%b", &[b"a\\0", b"b"], b"a\x00b", &[], 0);
    // printf '%b' '\xZ'
    check(
        b"%b",
        &[b"\\xZ"],
        b"\\xZ",
        &[b"missing hex digit for \\x"],
        0,
    );
    // printf '%5b|%-5b|%.2b|%5.1q|\n' ab cd efg "h i"
    check(
        b"%5b|%-5b|%.2b|%5.1q|\\n",
        &[b"ab", b"cd", b"efg", b"h i"],
        b"   ab|cd   |ef|    h|\n",
        &[],
        0,
    );
    // printf '%s\c%s' a b
    check(b"%s\\c%s", &[b"a", b"b"], b"a\\cb", &[], 0);
}

#[test]
fn quoting() {
    // printf '%q\n' "" "a b" "~x" "x~" "a:~" "#a" "a#" "a=~" '!"$&'"'"'()*,;<>?[\]^`{|}' "%+-./:=@_"
    check(b"%q\\n", &[b"", b"a b", b"~x", b"x~", b"a:~", b"#a", b"a#", b"a=~", b"!\"$&'()*,;<>?[\\]^`{|}", b"%+-./:=@_"], b"''\na\\ b\n\\~x\nx~\na:\\~\n\\#a\na#\na=\\~\n\\!\\\"\\$\\&\\'\\(\\)\\*\\,\\;\\<\\>\\?\\[\\\\\\]\\^\\`\\{\\|\\}\n%+-./:=@_\n", &[], 0);
    // printf '%q\n' $'\t' $'\n' $'a\x01' $'\x7f' $'\xc3\xa9' $'\xff' $'\e' $'\xe2\x80\xa8' $'\xc2\x85' $'a b\tc' $'\xcd\xb8' $'é\n'
    check(b"%q\\n", &[b"\t", b"\n", b"a\x01", b"\x7f", b"\xc3\xa9", b"\xff", b"\x1b", b"\xe2\x80\xa8", b"\xc2\x85", b"a b\tc", b"\xcd\xb8", b"\xc3\xa9\n"], b"$'\\t'\n$'\\n'\n$'a\\001'\n$'\\177'\n\xc3\xa9\n$'\\377'\n$'\\E'\n$'\\342\\200\\250'\n$'\\302\\205'\n$'a b\\tc'\n$'\\315\\270'\n$'\xc3\xa9\\n'\n", &[], 0);
    // printf '%q\n' $'\xed\xa0\x80' $'\xf4\x90\x80\x80' $'a\xe9b' $'\xe2\x80\x8b' $'\xef\xbf\xbf' $'\xc2\xa0' '$@`' '~' $'\xee\x80\x80' $'\xf0\x9f\x98\x80 x'
    check(b"%q\\n", &[b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"a\xe9b", b"\xe2\x80\x8b", b"\xef\xbf\xbf", b"\xc2\xa0", b"$@`", b"~", b"\xee\x80\x80", b"\xf0\x9f\x98\x80 x"], b"$'\\355\\240\\200'\n$'\\364\\220\\200\\200'\n$'a\\351b'\n\xe2\x80\x8b\n$'\\357\\277\\277'\n\xc2\xa0\n\\$@\\`\n\\~\n\xee\x80\x80\n\xf0\x9f\x98\x80\\ x\n", &[], 0);
    // printf '%-5q|%5q|\n' 'a b' ''
    check(b"%-5q|%5q|\\n", &[b"a b", b""], b"a\\ b |   ''|\n", &[], 0);
    // printf '%Q|%.2Q|%.2q|\n' 'a b' 'a b' 'a b'
    check(
        b"%Q|%.2Q|%.2q|\\n",
        &[b"a b", b"a b", b"a b"],
        b"a\\ b|a\\ |a\\|\n",
        &[],
        0,
    );
    // printf '[%.*Q][%.*q][%.0Q][%.3Q][%.1Q][%5.*Q][%.*Q]\n' 1 'a b' 2 'a b' 'a b' 'a b' 'a b' 2 'a b' 0 'a b'
    check(
        b"[%.*Q][%.*q][%.0Q][%.3Q][%.1Q][%5.*Q][%.*Q]\\n",
        &[
            b"1", b"a b", b"2", b"a b", b"a b", b"a b", b"a b", b"2", b"a b", b"0", b"a b",
        ],
        b"[a\\ b][a\\][''][a\\ b][a][ a\\ b][a\\ b]\n",
        &[],
        0,
    );
    // printf '[%.1Q][%.2Q][%.3Q]\n' "'x" "'x" "'x"
    check(
        b"[%.1Q][%.2Q][%.3Q]\\n",
        &[b"'x", b"'x", b"'x"],
        b"[\\'][\\'x][\\'x]\n",
        &[],
        0,
    );
    // printf '%.*Q|%6.2Q|%.Q|%-6.1Q|%.*Q|\n' 2 'a b' 'a b' 'a b' 'a b' -1 'a b'
    check(
        b"%.*Q|%6.2Q|%.Q|%-6.1Q|%.*Q|\\n",
        &[b"2", b"a b", b"a b", b"a b", b"a b", b"-1", b"a b"],
        b"a\\ b|   a\\ ||a     |a\\ b|\n",
        &[],
        0,
    );
    // printf '%.-1Q|\n' 'a b'
    check(b"%.-1Q|\\n", &[b"a b"], b"|\n", &[], 0);
    // printf '%qd\n' 8
    check(b"%qd\\n", &[b"8"], b"8d\n", &[], 0);
}

#[test]
fn time_conversions() {
    // printf '%(%Y-%m-%d %H:%M:%S)T|%10(%H)T|%-5.1(%H)T|%()T\n' 0 3600 7200 0
    check(
        b"%(%Y-%m-%d %H:%M:%S)T|%10(%H)T|%-5.1(%H)T|%()T\\n",
        &[b"0", b"3600", b"7200", b"0"],
        b"1970-01-01 00:00:00|        01|0    |00:00:00\n",
        &[],
        0,
    );
    // printf '%(%s)T|\n' 1e3
    check(
        b"%(%s)T|\\n",
        &[b"1e3"],
        b"1|\n",
        &[b"1e3: invalid number"],
        1,
    );
    // printf '%(%s)T|%(%s)T|\n' "" x
    check(
        b"%(%s)T|%(%s)T|\\n",
        &[b"", b"x"],
        b"0|0|\n",
        &[b"x: invalid number"],
        1,
    );
    // printf '%(%Y)Tx %(%Y)X\n' 0
    check(
        b"%(%Y)Tx %(%Y)X\\n",
        &[b"0"],
        b"1970x %(",
        &[
            b"warning: `X': invalid time format specification",
            b"`Y': invalid format character",
        ],
        1,
    );
    // printf '%(a(b)c)T|\n' 0
    check(b"%(a(b)c)T|\\n", &[b"0"], b"a(b)c|\n", &[], 0);
    // printf '%(%Y|\n' 0
    check(
        b"%(%Y|\\n",
        &[b"0"],
        b"%(",
        &[
            b"warning: `\x00': invalid time format specification",
            b"`Y': invalid format character",
        ],
        1,
    );
    // printf '%(%Y)T\n' -3
    check(b"%(%Y)T\\n", &[b"-3"], b"1969\n", &[], 0);
    // printf '%(%Y %j %a %b %Z)T\n' 1700000000
    check(
        b"%(%Y %j %a %b %Z)T\\n",
        &[b"1700000000"],
        b"2023 318 Tue Nov UTC\n",
        &[],
        0,
    );
    // printf '%(%)T\n' 5
    check(b"%(%)T\\n", &[b"5"], b"%\n", &[], 0);
    // printf '%(%Y)T %(%Y)T %(%m)T\n' 0
    check(
        b"%(%Y)T %(%Y)T %(%m)T\\n",
        &[b"0"],
        b"1970 2026 11\n",
        &[],
        0,
    );
    // printf '%(%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y)T|\n' 0
    check(
        b"%(%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y)T|\\n",
        &[b"0"],
        b"|\n",
        &[],
        0,
    );
    // printf '%(%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y)T|\n' 0
    check(b"%(%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y%Y)T|\\n", &[b"0"], b"1970197019701970197019701970197019701970197019701970197019701970197019701970197019701970197019701970197019701970197019701970|\n", &[], 0);
}
