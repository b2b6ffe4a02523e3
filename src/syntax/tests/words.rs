//! Words: quoting, tildes, globs, command and process substitution,
//! here-documents and brace expansion.

use super::*;

#[test]
fn quoting() {
    check(&[
        (
            r#"echo 'a b' "c d" e\ f"#,
            r#"(simple@0-21 (w@0-4 (lit "echo")) (w@5-10 (q "a b")) (w@11-16 (dq (q "c d"))) (w@17-21 (lit "e") (q " ") (lit "f")))"#,
        ),
        (
            r#"echo 'it''s' "" ''"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-12 (q "it") (q "s")) (w@13-15 (dq)) (w@16-18 (q "")))"#,
        ),
        (
            r#"echo "a \$x \` \" \\ \n \a""#,
            r#"(simple@0-27 (w@0-4 (lit "echo")) (w@5-27 (dq (q "a $x ` \" \\ \\n \\a"))))"#,
        ),
        (
            r#"echo "a\
b""#,
            r#"(simple@0-11 (w@0-4 (lit "echo")) (w@5-11 (dq (q "ab"))))"#,
        ),
        (
            r#"echo 'a\nb' 'x\'"#,
            r#"(simple@0-16 (w@0-4 (lit "echo")) (w@5-11 (q "a\\nb")) (w@12-16 (q "x\\")))"#,
        ),
        (
            r#"echo $'a\tb\n\x41\101\u00e9\cA\e\'q'"#,
            r#"(simple@0-36 (w@0-4 (lit "echo")) (w@5-36 (q "a\tb\nAAé\u{1}\u{1b}'q")))"#,
        ),
        (
            r#"echo $'\z' $'\\' $'\"' $'\?'"#,
            r#"(simple@0-28 (w@0-4 (lit "echo")) (w@5-10 (q "\\z")) (w@11-16 (q "\\")) (w@17-22 (q "\"")) (w@23-28 (q "?")))"#,
        ),
        (
            r#"echo $"translated $x""#,
            r#"(simple@0-21 (w@0-4 (lit "echo")) (w@5-21 (dq (q "translated ") (param x))))"#,
        ),
        (
            r#"echo "$" $ a$ "a$""#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-8 (dq (q "$"))) (w@9-10 (lit "$")) (w@11-13 (lit "a$")) (w@14-18 (dq (q "a$"))))"#,
        ),
        (
            r#"echo \$x \\ \' \""#,
            r#"(simple@0-17 (w@0-4 (lit "echo")) (w@5-8 (q "$") (lit "x")) (w@9-11 (q "\\")) (w@12-14 (q "'")) (w@15-17 (q "\"")))"#,
        ),
        (
            r#"echo a"b"'c'$'d'\e"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-18 (lit "a") (dq (q "b")) (q "c") (q "d") (q "e")))"#,
        ),
        (
            r#"echo "${x}""$(y)"'$z'"#,
            r#"(simple@0-21 (w@0-4 (lit "echo")) (w@5-21 (dq (param x)) (dq (cmdsub [(simple@14-15 (w@14-15 (lit "y")))])) (q "$z")))"#,
        ),
        (
            r#"echo '"' "'""#,
            r#"(simple@0-12 (w@0-4 (lit "echo")) (w@5-8 (q "\"")) (w@9-12 (dq (q "'"))))"#,
        ),
        (
            r#"echo "a
b""#,
            r#"(simple@0-10 (w@0-4 (lit "echo")) (w@5-10 (dq (q "a\nb"))))"#,
        ),
    ]);
}

#[test]
fn tilde_prefixes() {
    check(&[
        (
            r#"echo ~ ~/x ~user ~user/x ~+ ~-"#,
            r#"(simple@0-30 (w@0-4 (lit "echo")) (w@5-6 (tilde "")) (w@7-10 (tilde "") (lit "/x")) (w@11-16 (tilde "user")) (w@17-24 (tilde "user") (lit "/x")) (w@25-27 (tilde "+")) (w@28-30 (tilde "-")))"#,
        ),
        (
            r#"echo a~ "~" \~ '~'"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-7 (lit "a~")) (w@8-11 (dq (q "~"))) (w@12-14 (q "~")) (w@15-18 (q "~")))"#,
        ),
        (
            r#"echo ~$x ~'u' ~"u""#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-8 (lit "~") (param x)) (w@9-13 (lit "~") (q "u")) (w@14-18 (lit "~") (dq (q "u"))))"#,
        ),
        (
            r#"x=~:~/a:b~"#,
            r#"(simple@0-10 (assign "x" (w@2-10 (tilde "") (lit ":") (tilde "") (lit "/a:b~"))))"#,
        ),
        (
            r#"echo x=~/a"#,
            r#"(simple@0-10 (w@0-4 (lit "echo")) (w@5-10 (lit "x=~/a")))"#,
        ),
        (
            r#"echo ${x:-~/a} "${x:-~}""#,
            r#"(simple@0-24 (w@0-4 (lit "echo")) (w@5-14 (param x :- (w@10-13 (tilde "") (lit "/a")))) (w@15-24 (dq (param x :- (w@21-22 (lit "~"))))))"#,
        ),
        (
            r#"cat ~/f >~/g"#,
            r#"(simple@0-12 (w@0-3 (lit "cat")) (w@4-7 (tilde "") (lit "/f")) (redir@8-12 > (w@9-12 (tilde "") (lit "/g"))))"#,
        ),
        (
            r#"export P=~/bin:~/x a[i=1]=~ n"#,
            r#"(simple@0-29 (w@0-6 (lit "export")) (w@7-18 (lit "P=") (tilde "") (lit "/bin:") (tilde "") (lit "/x")) (w@19-27 (lit "a[i=1]=") (tilde "")) (w@28-29 (lit "n")))"#,
        ),
        (
            r#"local a=$x:~ b={x,y}"#,
            r#"(simple@0-20 (w@0-5 (lit "local")) (w@6-12 (lit "a=") (param x) (lit ":") (tilde "")) (w@13-20 (lit "b={x,y}")))"#,
        ),
    ]);
}

#[test]
fn globs_and_extglob_kept_apart_from_quoted_text() {
    check(&[
        (
            r#"echo * ? [a-z] [!x] [^y]"#,
            r#"(simple@0-24 (w@0-4 (lit "echo")) (w@5-6 (lit "*")) (w@7-8 (lit "?")) (w@9-14 (lit "[a-z]")) (w@15-19 (lit "[!x]")) (w@20-24 (lit "[^y]")))"#,
        ),
        (
            r#"echo '*' "?" \[a]"#,
            r#"(simple@0-17 (w@0-4 (lit "echo")) (w@5-8 (q "*")) (w@9-12 (dq (q "?"))) (w@13-17 (q "[") (lit "a]")))"#,
        ),
        (
            r#"echo a*b"*"c"#,
            r#"(simple@0-12 (w@0-4 (lit "echo")) (w@5-12 (lit "a*b") (dq (q "*")) (lit "c")))"#,
        ),
        (
            r#"echo ["a"-z]"#,
            r#"(simple@0-12 (w@0-4 (lit "echo")) (w@5-12 (lit "[") (dq (q "a")) (lit "-z]")))"#,
        ),
    ]);
}

#[test]
fn command_and_process_substitution() {
    check(&[
        (
            r#"echo $(a) $(a; b) $( (a) ) $((a) )"#,
            r#"(simple@0-34 (w@0-4 (lit "echo")) (w@5-9 (cmdsub [(simple@7-8 (w@7-8 (lit "a")))])) (w@10-17 (cmdsub [(simple@12-13 (w@12-13 (lit "a"))); (simple@15-16 (w@15-16 (lit "b")))])) (w@18-26 (cmdsub [(subshell@21-24 [(simple@22-23 (w@22-23 (lit "a")))])])) (w@27-34 (cmdsub [(subshell@29-32 [(simple@30-31 (w@30-31 (lit "a")))])])))"#,
        ),
        (
            r#"echo $(echo $(echo x))"#,
            r#"(simple@0-22 (w@0-4 (lit "echo")) (w@5-22 (cmdsub [(simple@7-21 (w@7-11 (lit "echo")) (w@12-21 (cmdsub [(simple@14-20 (w@14-18 (lit "echo")) (w@19-20 (lit "x")))])))])))"#,
        ),
        (
            r#"echo "$(a "b")""#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (dq (cmdsub [(simple@8-13 (w@8-9 (lit "a")) (w@10-13 (dq (q "b"))))]))))"#,
        ),
        (
            r#"echo $(case x in a) b;; esac)"#,
            r#"(simple@0-29 (w@0-4 (lit "echo")) (w@5-29 (cmdsub [(case@7-28 (w@12-13 (lit "x")) ((w@17-18 (lit "a"))) [(simple@20-21 (w@20-21 (lit "b")))] ;;)])))"#,
        ),
        (
            r#"echo $(case x in (a) b;; esac)"#,
            r#"(simple@0-30 (w@0-4 (lit "echo")) (w@5-30 (cmdsub [(case@7-29 (w@12-13 (lit "x")) ((w@18-19 (lit "a"))) [(simple@21-22 (w@21-22 (lit "b")))] ;;)])))"#,
        ),
        (
            r#"echo $(echo ')')"#,
            r#"(simple@0-16 (w@0-4 (lit "echo")) (w@5-16 (cmdsub [(simple@7-15 (w@7-11 (lit "echo")) (w@12-15 (q ")")))])))"#,
        ),
        (
            r#"echo $(# comment )
)"#,
            r#"(simple@0-20 (w@0-4 (lit "echo")) (w@5-20 (cmdsub [])))"#,
        ),
        (
            r#"echo $(
 a
 b
)"#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (cmdsub [(simple@9-10 (w@9-10 (lit "a"))); (simple@12-13 (w@12-13 (lit "b")))])))"#,
        ),
        (
            r#"echo $(cat <<E
)
E
)"#,
            r#"(simple@0-20 (w@0-4 (lit "echo")) (w@5-20 (cmdsub [(simple@7-14 (w@7-10 (lit "cat")) (redir@11-14 << (heredoc "E" (w@15-17 (q ")\n")))))])))"#,
        ),
        (
            r#"echo `a` "`b`""#,
            r#"(simple@0-14 (w@0-4 (lit "echo")) (w@5-8 (bq [(simple@6-7 (w@6-7 (lit "a")))])) (w@9-14 (dq (bq [(simple@11-12 (w@11-12 (lit "b")))]))))"#,
        ),
        (
            r#"echo `echo \`echo x\``"#,
            r#"(simple@0-22 (w@0-4 (lit "echo")) (w@5-22 (bq [(simple@6-19 (w@6-10 (lit "echo")) (w@11-19 (bq [(simple@12-18 (w@12-16 (lit "echo")) (w@17-18 (lit "x")))])))])))"#,
        ),
        (
            r#"echo `echo \$x \\ \a`"#,
            r#"(simple@0-21 (w@0-4 (lit "echo")) (w@5-21 (bq [(simple@6-18 (w@6-10 (lit "echo")) (w@11-13 (param x)) (w@14-18 (q " ") (q "a")))])))"#,
        ),
        (
            r#"echo "`echo \"q\"`""#,
            r#"(simple@0-19 (w@0-4 (lit "echo")) (w@5-19 (dq (bq [(simple@7-15 (w@7-11 (lit "echo")) (w@12-15 (dq (q "q"))))]))))"#,
        ),
        (
            r#"echo `echo '$(x)'`"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-18 (bq [(simple@6-17 (w@6-10 (lit "echo")) (w@11-17 (q "$(x)")))])))"#,
        ),
        (
            r#"diff <(a) >(b)"#,
            r#"(simple@0-14 (w@0-4 (lit "diff")) (w@5-9 (procsub< [(simple@7-8 (w@7-8 (lit "a")))])) (w@10-14 (procsub> [(simple@12-13 (w@12-13 (lit "b")))])))"#,
        ),
        (
            r#"cat <(a)<(b)"#,
            r#"(simple@0-12 (w@0-3 (lit "cat")) (w@4-8 (procsub< [(simple@6-7 (w@6-7 (lit "a")))])) (w@8-12 (procsub< [(simple@10-11 (w@10-11 (lit "b")))])))"#,
        ),
        (
            r#"echo x<(a)"#,
            r#"(simple@0-10 (w@0-4 (lit "echo")) (w@5-6 (lit "x")) (w@6-10 (procsub< [(simple@8-9 (w@8-9 (lit "a")))])))"#,
        ),
        (
            r#"a > >(b)"#,
            r#"(simple@0-8 (w@0-1 (lit "a")) (redir@2-8 > (w@4-8 (procsub> [(simple@6-7 (w@6-7 (lit "b")))]))))"#,
        ),
        (
            r#"a < <(b)"#,
            r#"(simple@0-8 (w@0-1 (lit "a")) (redir@2-8 < (w@4-8 (procsub< [(simple@6-7 (w@6-7 (lit "b")))]))))"#,
        ),
        (
            r#"echo $(<file)"#,
            r#"(simple@0-13 (w@0-4 (lit "echo")) (w@5-13 (cmdsub [(simple@7-12 (redir@7-12 < (w@8-12 (lit "file"))))])))"#,
        ),
    ]);
}

#[test]
fn here_documents() {
    check(&[
        (
            r#"cat <<E
hello $x
E"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-17 (q "hello ") (param x) (q "\n")))))"#,
        ),
        (
            r#"cat <<'E'
hello $x
E"#,
            r#"(simple@0-9 (w@0-3 (lit "cat")) (redir@4-9 << (heredoc "E" quoted (w@10-19 (q "hello $x\n")))))"#,
        ),
        (
            r#"cat <<"E"
$x
E"#,
            r#"(simple@0-9 (w@0-3 (lit "cat")) (redir@4-9 << (heredoc "E" quoted (w@10-13 (q "$x\n")))))"#,
        ),
        (
            r#"cat <<E''
$x
E"#,
            r#"(simple@0-9 (w@0-3 (lit "cat")) (redir@4-9 << (heredoc "E" quoted (w@10-13 (q "$x\n")))))"#,
        ),
        (
            r#"cat <<\E
$x
E"#,
            r#"(simple@0-8 (w@0-3 (lit "cat")) (redir@4-8 << (heredoc "E" quoted (w@9-12 (q "$x\n")))))"#,
        ),
        (
            r#"cat <<-E
		a
	E"#,
            r#"(simple@0-8 (w@0-3 (lit "cat")) (redir@4-8 << (heredoc "E" strip (w@9-13 (q "a\n")))))"#,
        ),
        (
            r#"cat <<-'E'
	$x
		E"#,
            r#"(simple@0-10 (w@0-3 (lit "cat")) (redir@4-10 << (heredoc "E" quoted strip (w@11-15 (q "$x\n")))))"#,
        ),
        (
            r#"cat <<A <<B
a
A
b
B"#,
            r#"(simple@0-11 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "A" (w@12-14 (q "a\n")))) (redir@8-11 << (heredoc "B" (w@16-18 (q "b\n")))))"#,
        ),
        (
            r#"cat <<A; cat <<B
a
A
b
B"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "A" (w@17-19 (q "a\n")))))
(simple@9-16 (w@9-12 (lit "cat")) (redir@13-16 << (heredoc "B" (w@21-23 (q "b\n")))))"#,
        ),
        (
            r#"cat <<E | tr a b
a
E"#,
            r#"(pipe@0-16 (simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@17-19 (q "a\n"))))) | (simple@10-16 (w@10-12 (lit "tr")) (w@13-14 (lit "a")) (w@15-16 (lit "b"))))"#,
        ),
        (
            r#"cat <<E && echo
x
E"#,
            r#"(andor (simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@16-18 (q "x\n"))))) && (simple@11-15 (w@11-15 (lit "echo"))))"#,
        ),
        (
            r#"echo $(cat <<E
in $x
E
)"#,
            r#"(simple@0-24 (w@0-4 (lit "echo")) (w@5-24 (cmdsub [(simple@7-14 (w@7-10 (lit "cat")) (redir@11-14 << (heredoc "E" (w@15-21 (q "in ") (param x) (q "\n")))))])))"#,
        ),
        (
            r#"cat <<E
$(echo ')') `echo x` ${y}
E"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-34 (cmdsub [(simple@10-18 (w@10-14 (lit "echo")) (w@15-18 (q ")")))]) (q " ") (bq [(simple@21-27 (w@21-25 (lit "echo")) (w@26-27 (lit "x")))]) (q " ") (param y) (q "\n")))))"#,
        ),
        (
            r#"cat <<E
a \$x \\ \" "q"
E"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-24 (q "a ") (q "$") (q "x ") (q "\\") (q " \\\" \"q\"\n")))))"#,
        ),
        (
            r#"cat <<E
line\
continued
E"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-24 (q "linecontinued\n")))))"#,
        ),
        (
            r#"cat <<E
E"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-8))))"#,
        ),
        (
            r#"cat <<E
 E
E"#,
            r#"(simple@0-7 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@8-11 (q " E\n")))))"#,
        ),
        (
            r#"if true; then cat <<E
x
E
fi"#,
            r#"(if@0-28 [(simple@3-7 (w@3-7 (lit "true")))] then [(simple@14-21 (w@14-17 (lit "cat")) (redir@18-21 << (heredoc "E" (w@22-24 (q "x\n")))))])"#,
        ),
        (
            r#"cat <<E1 <<'E2'
$a
E1
$b
E2"#,
            r#"(simple@0-15 (w@0-3 (lit "cat")) (redir@4-8 << (heredoc "E1" (w@16-19 (param a) (q "\n")))) (redir@9-15 << (heredoc "E2" quoted (w@22-25 (q "$b\n")))))"#,
        ),
        (
            r#"f() { cat <<E; }
body
E"#,
            r#"(function@0-16 "f" (brace@4-16 [(simple@6-13 (w@6-9 (lit "cat")) (redir@10-13 << (heredoc "E" (w@17-22 (q "body\n")))))]))"#,
        ),
        (
            r#"cat << E
x
E"#,
            r#"(simple@0-8 (w@0-3 (lit "cat")) (redir@4-8 << (heredoc "E" (w@9-11 (q "x\n")))))"#,
        ),
        (
            r#"cat <<E >out
x
E"#,
            r#"(simple@0-12 (w@0-3 (lit "cat")) (redir@4-7 << (heredoc "E" (w@13-15 (q "x\n")))) (redir@8-12 > (w@9-12 (lit "out"))))"#,
        ),
        (
            r#"cat 0<<E
x
E"#,
            r#"(simple@0-8 (w@0-3 (lit "cat")) (redir@4-8 0 << (heredoc "E" (w@9-11 (q "x\n")))))"#,
        ),
    ]);
}

#[test]
fn brace_expansion() {
    check(&[
        (
            r#"echo {a,b} x{1,2}y {a,b}{c,d}"#,
            r#"(simple@0-29 (w@0-4 (lit "echo")) (w@5-10 (brace ( (lit "a")) ( (lit "b")))) (w@11-18 (lit "x") (brace ( (lit "1")) ( (lit "2"))) (lit "y")) (w@19-29 (brace ( (lit "a")) ( (lit "b"))) (brace ( (lit "c")) ( (lit "d")))))"#,
        ),
        (
            r#"echo {1..10} {1..10..2} {a..e} {10..1..-3} {-2..2} {01..10}"#,
            r#"(simple@0-59 (w@0-4 (lit "echo")) (w@5-12 (range "1" "10")) (w@13-23 (range "1" "10" 2)) (w@24-30 (range "a" "e")) (w@31-42 (range "10" "1" -3)) (w@43-50 (range "-2" "2")) (w@51-59 (range "01" "10")))"#,
        ),
        (
            r#"echo {a,{b,c}} {,a} {a,} {,}"#,
            r#"(simple@0-28 (w@0-4 (lit "echo")) (w@5-14 (brace ( (lit "a")) ( (brace ( (lit "b")) ( (lit "c")))))) (w@15-19 (brace () ( (lit "a")))) (w@20-24 (brace ( (lit "a")) ())) (w@25-28 (brace () ())))"#,
        ),
        (
            r#"echo {a} {a,b {} {,a }"#,
            r#"(simple@0-22 (w@0-4 (lit "echo")) (w@5-8 (lit "{a}")) (w@9-13 (lit "{a,b")) (w@14-16 (lit "{}")) (w@17-20 (lit "{,a")) (w@21-22 (lit "}")))"#,
        ),
        (
            r#"echo {a..} {1..x} {1..2..x} {a..1}"#,
            r#"(simple@0-34 (w@0-4 (lit "echo")) (w@5-10 (lit "{a..}")) (w@11-17 (lit "{1..x}")) (w@18-27 (lit "{1..2..x}")) (w@28-34 (lit "{a..1}")))"#,
        ),
        (
            r#"echo "{a,b}" '{a,b}' {a\,b} \{a,b}"#,
            r#"(simple@0-34 (w@0-4 (lit "echo")) (w@5-12 (dq (q "{a,b}"))) (w@13-20 (q "{a,b}")) (w@21-27 (lit "{a") (q ",") (lit "b}")) (w@28-34 (q "{") (lit "a,b}")))"#,
        ),
        (
            r#"echo {"a,b",c} {$x,y} {a,$(b)}"#,
            r#"(simple@0-30 (w@0-4 (lit "echo")) (w@5-14 (brace ( (dq (q "a,b"))) ( (lit "c")))) (w@15-21 (brace ( (param x)) ( (lit "y")))) (w@22-30 (brace ( (lit "a")) ( (cmdsub [(simple@27-28 (w@27-28 (lit "b")))])))))"#,
        ),
        (
            r#"echo {a,{b}"#,
            r#"(simple@0-11 (w@0-4 (lit "echo")) (w@5-11 (lit "{a,{b}")))"#,
        ),
        (
            r#"echo {a,{b}}"#,
            r#"(simple@0-12 (w@0-4 (lit "echo")) (w@5-12 (brace ( (lit "a")) ( (lit "{b}")))))"#,
        ),
        (
            r#"echo {a}b,c}"#,
            r#"(simple@0-12 (w@0-4 (lit "echo")) (w@5-12 (brace ( (lit "a}b")) ( (lit "c")))))"#,
        ),
        (
            r#"echo {{a,b}..c}"#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (brace ( (brace ( (lit "a")) ( (lit "b"))) (lit "..c")))))"#,
        ),
        (
            r#"echo {1..3',x'}"#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (brace ( (lit "1..3") (q ",x")))))"#,
        ),
        (
            r#"echo x{},a} {{},a} {a,b}{}"#,
            r#"(simple@0-26 (w@0-4 (lit "echo")) (w@5-11 (lit "x") (brace ( (lit "}")) ( (lit "a")))) (w@12-18 (brace ( (lit "{}")) ( (lit "a")))) (w@19-26 (brace ( (lit "a")) ( (lit "b"))) (lit "{}")))"#,
        ),
        (
            r#"a={x,y} echo {p,q}"#,
            r#"(simple@0-18 (assign "a" (w@2-7 (lit "{x,y}"))) (w@8-12 (lit "echo")) (w@13-18 (brace ( (lit "p")) ( (lit "q")))))"#,
        ),
        (
            r#"case {a,b} in {a,b}) ;; esac"#,
            r#"(case@0-28 (w@5-10 (lit "{a,b}")) ((w@14-19 (lit "{a,b}"))) [] ;;)"#,
        ),
        (
            r#"[[ {a,b} == {a,b} ]]"#,
            r#"(cond@0-20 (== (w@3-8 (lit "{a,b}")) (w@12-17 (lit "{a,b}"))))"#,
        ),
        (
            r#"echo >{a,b}"#,
            r#"(simple@0-11 (w@0-4 (lit "echo")) (redir@5-11 > (w@6-11 (brace ( (lit "a")) ( (lit "b"))))))"#,
        ),
        (
            r#"for i in {1..3}; do :; done"#,
            r#"(for@0-27 "i" in (w@9-15 (range "1" "3")) [(simple@20-21 (w@20-21 (lit ":")))])"#,
        ),
        (
            r#"a=({a,b} [1]={c,d})"#,
            r#"(simple@0-19 (assign "a" (array (w@3-8 (brace ( (lit "a")) ( (lit "b")))) [(w@10-11 (lit "1"))]=(w@13-18 (lit "{c,d}")))))"#,
        ),
    ]);
}

#[test]
fn extglob_groups_when_enabled() {
    // With `shopt -s extglob` a group reads to its matching `)` (blanks
    // and parentheses inside belong to the pattern, as in bash); quoted
    // and escaped operators are text. Without it, `@(` is an error.
    let cases: &[(&str, &str)] = &[
        ("echo @(a|b) !(x) *(a|b*) +(a) ?(a|)", "(simple@0-35 (w@0-4 (lit \"echo\")) (w@5-11 (extglob @ ( (lit \"a\")) ( (lit \"b\")))) (w@12-16 (extglob ! ( (lit \"x\")))) (w@17-24 (extglob * ( (lit \"a\")) ( (lit \"b*\")))) (w@25-29 (extglob + ( (lit \"a\")))) (w@30-35 (extglob ? ( (lit \"a\")) ())))"),
        ("echo x@(a|@(b|c))y", "(simple@0-18 (w@0-4 (lit \"echo\")) (w@5-18 (lit \"x\") (extglob @ ( (lit \"a\")) ( (extglob @ ( (lit \"b\")) ( (lit \"c\"))))) (lit \"y\")))"),
        ("echo \"@(a)\" '@(a)' x\\@", "(simple@0-22 (w@0-4 (lit \"echo\")) (w@5-11 (dq (q \"@(a)\"))) (w@12-18 (q \"@(a)\")) (w@19-22 (lit \"x\") (q \"@\")))"),
        ("echo @($x|\"q\"|a\\|b)", "(simple@0-19 (w@0-4 (lit \"echo\")) (w@5-19 (extglob @ ( (param x)) ( (dq (q \"q\"))) ( (lit \"a\") (q \"|\") (lit \"b\")))))"),
        ("case x in @(a|b)) ;; !(c)) ;; esac", "(case@0-34 (w@5-6 (lit \"x\")) ((w@10-16 (extglob @ ( (lit \"a\")) ( (lit \"b\"))))) [] ;; ((w@21-25 (extglob ! ( (lit \"c\"))))) [] ;;)"),
        ("echo *.@(c|h)", "(simple@0-13 (w@0-4 (lit \"echo\")) (w@5-13 (lit \"*.\") (extglob @ ( (lit \"c\")) ( (lit \"h\")))))"),
        ("[[ x == @(a|b) ]]", "(cond@0-17 (== (w@3-4 (lit \"x\")) (w@8-14 (extglob @ ( (lit \"a\")) ( (lit \"b\"))))))"),
        ("echo ${x#@(a|b)}", "(simple@0-16 (w@0-4 (lit \"echo\")) (w@5-16 (param x # (w@9-15 (extglob @ ( (lit \"a\")) ( (lit \"b\")))))))"),
        ("echo @(a b) @(a|(b)) @(a|$(echo \")\"))", "(simple@0-37 (w@0-4 (lit \"echo\")) (w@5-11 (extglob @ ( (lit \"a b\")))) (w@12-20 (extglob @ ( (lit \"a\")) ( (lit \"(b)\")))) (w@21-37 (extglob @ ( (lit \"a\")) ( (cmdsub [(simple@27-35 (w@27-31 (lit \"echo\")) (w@32-35 (dq (q \")\"))))])))))"),
    ];
    check_opts(cases, true);
    assert!(parse("echo @(a)").is_err());
    assert_eq!(
        dump("[[ x == @(a) ]]"),
        "(cond@0-15 (== (w@3-4 (lit \"x\")) (w@8-12 (extglob @ ( (lit \"a\"))))))"
    );
}
