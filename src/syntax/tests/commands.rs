//! Simple commands, assignments, redirections, pipelines, lists,
//! functions, reserved words and aliases.

use super::*;

#[test]
fn simple_commands_with_assignments_and_redirections_anywhere() {
    check(&[
        (
            r#"echo hello world"#,
            r#"(simple@0-16 (w@0-4 (lit "echo")) (w@5-10 (lit "hello")) (w@11-16 (lit "world")))"#,
        ),
        (
            r#"a=1 b=2 env"#,
            r#"(simple@0-11 (assign "a" (w@2-3 (lit "1"))) (assign "b" (w@6-7 (lit "2"))) (w@8-11 (lit "env")))"#,
        ),
        (r#"a=1"#, r#"(simple@0-3 (assign "a" (w@2-3 (lit "1"))))"#),
        (
            r#">out"#,
            r#"(simple@0-4 (redir@0-4 > (w@1-4 (lit "out"))))"#,
        ),
        (
            r#"<in cat"#,
            r#"(simple@0-7 (w@4-7 (lit "cat")) (redir@0-3 < (w@1-3 (lit "in"))))"#,
        ),
        (
            r#"cat <in >out 2>err"#,
            r#"(simple@0-18 (w@0-3 (lit "cat")) (redir@4-7 < (w@5-7 (lit "in"))) (redir@8-12 > (w@9-12 (lit "out"))) (redir@13-18 2 > (w@15-18 (lit "err"))))"#,
        ),
        (
            r#">out echo a >>log b"#,
            r#"(simple@0-19 (w@5-9 (lit "echo")) (w@10-11 (lit "a")) (w@18-19 (lit "b")) (redir@0-4 > (w@1-4 (lit "out"))) (redir@12-17 >> (w@14-17 (lit "log"))))"#,
        ),
        (
            r#"a=1 >out b=2 cmd"#,
            r#"(simple@0-16 (assign "a" (w@2-3 (lit "1"))) (assign "b" (w@11-12 (lit "2"))) (w@13-16 (lit "cmd")) (redir@4-8 > (w@5-8 (lit "out"))))"#,
        ),
        (
            r#"cmd a=1"#,
            r#"(simple@0-7 (w@0-3 (lit "cmd")) (w@4-7 (lit "a=1")))"#,
        ),
        (
            r#"2>&1 cmd"#,
            r#"(simple@0-8 (w@5-8 (lit "cmd")) (redir@0-4 2 >& (w@3-4 (lit "1"))))"#,
        ),
        (
            r#"cmd 2>&- 0<&3 3<>rw 10>&1"#,
            r#"(simple@0-25 (w@0-3 (lit "cmd")) (redir@4-8 2 >& (w@7-8 (lit "-"))) (redir@9-13 0 <& (w@12-13 (lit "3"))) (redir@14-19 3 <> (w@17-19 (lit "rw"))) (redir@20-25 10 >& (w@24-25 (lit "1"))))"#,
        ),
        (
            r#"cmd >|clob &>both &>>both2"#,
            r#"(simple@0-26 (w@0-3 (lit "cmd")) (redir@4-10 >| (w@6-10 (lit "clob"))) (redir@11-17 &> (w@13-17 (lit "both"))) (redir@18-26 &>> (w@21-26 (lit "both2"))))"#,
        ),
        (
            r#"cmd 1>&2 >&2 >&file <&0"#,
            r#"(simple@0-23 (w@0-3 (lit "cmd")) (redir@4-8 1 >& (w@7-8 (lit "2"))) (redir@9-12 >& (w@11-12 (lit "2"))) (redir@13-19 >& (w@15-19 (lit "file"))) (redir@20-23 <& (w@22-23 (lit "0"))))"#,
        ),
        (
            r#"cmd {fd}>out {v}<&0 {x}>&-"#,
            r#"(simple@0-26 (w@0-3 (lit "cmd")) (redir@4-12 {fd} > (w@9-12 (lit "out"))) (redir@13-19 {v} <& (w@18-19 (lit "0"))) (redir@20-26 {x} >& (w@25-26 (lit "-"))))"#,
        ),
        (
            r#"cmd 99999999999>x"#,
            r#"(simple@0-17 (w@0-3 (lit "cmd")) (redir@4-17 2147483647 > (w@16-17 (lit "x"))))"#,
        ),
        (
            r#"cmd <<<word <<< "$x""#,
            r#"(simple@0-20 (w@0-3 (lit "cmd")) (redir@4-11 <<< (w@7-11 (lit "word"))) (redir@12-20 <<< (w@16-20 (dq (param x)))))"#,
        ),
        (
            r#"echo 2>x 2 >y a2>z"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@9-10 (lit "2")) (w@14-16 (lit "a2")) (redir@5-8 2 > (w@7-8 (lit "x"))) (redir@11-13 > (w@12-13 (lit "y"))) (redir@16-18 > (w@17-18 (lit "z"))))"#,
        ),
        (
            r#"echo a>b"#,
            r#"(simple@0-8 (w@0-4 (lit "echo")) (w@5-6 (lit "a")) (redir@6-8 > (w@7-8 (lit "b"))))"#,
        ),
        (
            r#"a+=x b[1]=y c[i+1]+=z"#,
            r#"(simple@0-21 (assign+ "a" (w@3-4 (lit "x"))) (assign "b" [(w@7-8 (lit "1"))] (w@10-11 (lit "y"))) (assign+ "c" [(w@14-17 (lit "i+1"))] (w@20-21 (lit "z"))))"#,
        ),
        (
            r#"x=~/a:~b:c y=a~"#,
            r#"(simple@0-15 (assign "x" (w@2-10 (tilde "") (lit "/a:") (tilde "b") (lit ":c"))) (assign "y" (w@13-15 (lit "a~"))))"#,
        ),
    ]);
}

#[test]
fn array_assignments() {
    check(&[
        (
            r#"a=(x y [3]=z)"#,
            r#"(simple@0-13 (assign "a" (array (w@3-4 (lit "x")) (w@5-6 (lit "y")) [(w@8-9 (lit "3"))]=(w@11-12 (lit "z")))))"#,
        ),
        (r#"a=()"#, r#"(simple@0-4 (assign "a" (array)))"#),
        (
            r#"a+=(1 2)"#,
            r#"(simple@0-8 (assign+ "a" (array (w@4-5 (lit "1")) (w@6-7 (lit "2")))))"#,
        ),
        (
            r#"a=( x
 y # comment
 z )"#,
            r#"(simple@0-23 (assign "a" (array (w@4-5 (lit "x")) (w@7-8 (lit "y")) (w@20-21 (lit "z")))))"#,
        ),
        (
            r#"a=([k]+=v [2]=$x "q")"#,
            r#"(simple@0-21 (assign "a" (array [(w@4-5 (lit "k"))]+=(w@8-9 (lit "v")) [(w@11-12 (lit "2"))]=(w@14-16 (param x)) (w@17-20 (dq (q "q"))))))"#,
        ),
        (
            r#"declare -a a=(1 2) b=3 c"#,
            r#"(simple@0-24 (w@0-7 (lit "declare")) (w@8-10 (lit "-a")) (w@11-18 (lit "a=") (array (w@14-15 (lit "1")) (w@16-17 (lit "2")))) (w@19-22 (lit "b=3")) (w@23-24 (lit "c")))"#,
        ),
        (
            r#"local x=(a) y"#,
            r#"(simple@0-13 (w@0-5 (lit "local")) (w@6-11 (lit "x=") (array (w@9-10 (lit "a")))) (w@12-13 (lit "y")))"#,
        ),
        (
            r#"export PATH=$PATH:/x"#,
            r#"(simple@0-20 (w@0-6 (lit "export")) (w@7-20 (lit "PATH=") (param PATH) (lit ":/x")))"#,
        ),
    ]);
}

#[test]
fn pipelines_with_bang_and_pipe_ampersand() {
    check(&[
        (
            r#"a | b | c"#,
            r#"(pipe@0-9 (simple@0-1 (w@0-1 (lit "a"))) | (simple@4-5 (w@4-5 (lit "b"))) | (simple@8-9 (w@8-9 (lit "c"))))"#,
        ),
        (
            r#"a |& b"#,
            r#"(pipe@0-6 (simple@0-1 (w@0-1 (lit "a"))) |& (simple@5-6 (w@5-6 (lit "b"))))"#,
        ),
        (r#"! a"#, r#"(pipe@0-3 ! (simple@2-3 (w@2-3 (lit "a"))))"#),
        (
            r#"! a | b"#,
            r#"(pipe@0-7 ! (simple@2-3 (w@2-3 (lit "a"))) | (simple@6-7 (w@6-7 (lit "b"))))"#,
        ),
        (r#"! ! a"#, r#"(simple@4-5 (w@4-5 (lit "a")))"#),
        (
            r#"a |

 b"#,
            r#"(pipe@0-7 (simple@0-1 (w@0-1 (lit "a"))) | (simple@6-7 (w@6-7 (lit "b"))))"#,
        ),
        (
            r#"time a | b"#,
            r#"(pipe@0-10 time (simple@5-6 (w@5-6 (lit "a"))) | (simple@9-10 (w@9-10 (lit "b"))))"#,
        ),
        (
            r#"time -p a"#,
            r#"(pipe@0-9 time-p (simple@8-9 (w@8-9 (lit "a"))))"#,
        ),
        (r#"time"#, r#"(pipe@0-4 time)"#),
        (
            r#"! time a"#,
            r#"(pipe@0-8 ! time (simple@7-8 (w@7-8 (lit "a"))))"#,
        ),
        (
            r#"time ! a"#,
            r#"(pipe@0-8 ! time (simple@7-8 (w@7-8 (lit "a"))))"#,
        ),
        (r#"time -p"#, r#"(pipe@0-7 time-p)"#),
    ]);
}

#[test]
fn and_or_lists() {
    check(&[
        (
            r#"a && b || c"#,
            r#"(andor (simple@0-1 (w@0-1 (lit "a"))) && (simple@5-6 (w@5-6 (lit "b"))) || (simple@10-11 (w@10-11 (lit "c"))))"#,
        ),
        (
            r#"a &&
 b ||

 c"#,
            r#"(andor (simple@0-1 (w@0-1 (lit "a"))) && (simple@6-7 (w@6-7 (lit "b"))) || (simple@13-14 (w@13-14 (lit "c"))))"#,
        ),
        (
            r#"! a && ! b"#,
            r#"(andor (pipe@0-3 ! (simple@2-3 (w@2-3 (lit "a")))) && (pipe@7-10 ! (simple@9-10 (w@9-10 (lit "b")))))"#,
        ),
        (
            r#"a | b && c | d"#,
            r#"(andor (pipe@0-5 (simple@0-1 (w@0-1 (lit "a"))) | (simple@4-5 (w@4-5 (lit "b")))) && (pipe@9-14 (simple@9-10 (w@9-10 (lit "c"))) | (simple@13-14 (w@13-14 (lit "d")))))"#,
        ),
    ]);
}

#[test]
fn sequential_and_asynchronous_lists() {
    check(&[
        (
            r#"a; b"#,
            r#"(simple@0-1 (w@0-1 (lit "a")))
(simple@3-4 (w@3-4 (lit "b")))"#,
        ),
        (
            r#"a & b &"#,
            r#"(bg (simple@0-1 (w@0-1 (lit "a"))))
(bg (simple@4-5 (w@4-5 (lit "b"))))"#,
        ),
        (
            r#"a;b;c"#,
            r#"(simple@0-1 (w@0-1 (lit "a")))
(simple@2-3 (w@2-3 (lit "b")))
(simple@4-5 (w@4-5 (lit "c")))"#,
        ),
        (
            r#"a && b & c; d"#,
            r#"(bg (andor (simple@0-1 (w@0-1 (lit "a"))) && (simple@5-6 (w@5-6 (lit "b")))))
(simple@9-10 (w@9-10 (lit "c")))
(simple@12-13 (w@12-13 (lit "d")))"#,
        ),
        (r#"a;"#, r#"(simple@0-1 (w@0-1 (lit "a")))"#),
        (r#"a &"#, r#"(bg (simple@0-1 (w@0-1 (lit "a"))))"#),
    ]);
}

#[test]
fn newlines_comments_and_line_continuations() {
    check(&[
        (
            r#"a
b

c"#,
            r#"(simple@0-1 (w@0-1 (lit "a")))
(simple@2-3 (w@2-3 (lit "b")))
(simple@5-6 (w@5-6 (lit "c")))"#,
        ),
        (r#"# only a comment"#, r#""#),
        (
            r#"a # comment ; b
c"#,
            r#"(simple@0-1 (w@0-1 (lit "a")))
(simple@16-17 (w@16-17 (lit "c")))"#,
        ),
        (
            r#"echo a#b #c"#,
            r#"(simple@0-8 (w@0-4 (lit "echo")) (w@5-8 (lit "a#b")))"#,
        ),
        (
            r#"echo \#x"#,
            r##"(simple@0-8 (w@0-4 (lit "echo")) (w@5-8 (q "#") (lit "x")))"##,
        ),
        (
            r#"ec\
ho a\
b"#,
            r#"(simple@0-11 (w@0-6 (lit "echo")) (w@7-11 (lit "ab")))"#,
        ),
        (
            r#"a \
 && b"#,
            r#"(andor (simple@0-1 (w@0-1 (lit "a"))) && (simple@8-9 (w@8-9 (lit "b"))))"#,
        ),
        (
            r#"a && \
 b"#,
            r#"(andor (simple@0-1 (w@0-1 (lit "a"))) && (simple@8-9 (w@8-9 (lit "b"))))"#,
        ),
        (
            r#"echo a\
"#,
            r#"(simple@0-8 (w@0-4 (lit "echo")) (w@5-8 (lit "a")))"#,
        ),
        (
            r#"

  	 a
"#,
            r#"(simple@6-7 (w@6-7 (lit "a")))"#,
        ),
        (
            r#"a;# c
b"#,
            r#"(simple@0-1 (w@0-1 (lit "a")))
(simple@6-7 (w@6-7 (lit "b")))"#,
        ),
    ]);
}

#[test]
fn function_definitions() {
    check(&[
        (
            r#"f() { echo; }"#,
            r#"(function@0-13 "f" (brace@4-13 [(simple@6-10 (w@6-10 (lit "echo")))]))"#,
        ),
        (
            r#"f () { :; }"#,
            r#"(function@0-11 "f" (brace@5-11 [(simple@7-8 (w@7-8 (lit ":")))]))"#,
        ),
        (
            r#"f ( ) ( :; )"#,
            r#"(function@0-12 "f" (subshell@6-12 [(simple@8-9 (w@8-9 (lit ":")))]))"#,
        ),
        (
            r#"f() if a; then b; fi"#,
            r#"(function@0-20 "f" (if@4-20 [(simple@7-8 (w@7-8 (lit "a")))] then [(simple@15-16 (w@15-16 (lit "b")))]))"#,
        ),
        (
            r#"f() { :; } >out 2>&1"#,
            r#"(function@0-20 "f" (brace@4-20 [(simple@6-7 (w@6-7 (lit ":")))] (redir@11-15 > (w@12-15 (lit "out"))) (redir@16-20 2 >& (w@19-20 (lit "1")))))"#,
        ),
        (
            r#"f()
{
 :
}"#,
            r#"(function@0-10 "f" (brace@4-10 [(simple@7-8 (w@7-8 (lit ":")))]))"#,
        ),
        (
            r#"function f { :; }"#,
            r#"(function@0-17 "f" (brace@11-17 [(simple@13-14 (w@13-14 (lit ":")))]))"#,
        ),
        (
            r#"function f() { :; }"#,
            r#"(function@0-19 "f" (brace@13-19 [(simple@15-16 (w@15-16 (lit ":")))]))"#,
        ),
        (
            r#"function f () (:)"#,
            r#"(function@0-17 "f" (subshell@14-17 [(simple@15-16 (w@15-16 (lit ":")))]))"#,
        ),
        (
            r#"function f
{ :; }"#,
            r#"(function@0-17 "f" (brace@11-17 [(simple@13-14 (w@13-14 (lit ":")))]))"#,
        ),
        (
            r#"f() for i; do :; done"#,
            r#"(function@0-21 "f" (for@4-21 "i" [(simple@14-15 (w@14-15 (lit ":")))]))"#,
        ),
        (
            r#"f() [[ x ]]"#,
            r#"(function@0-11 "f" (cond@4-11 (w@7-8 (lit "x"))))"#,
        ),
        (r#"f() ((1))"#, r#"(function@0-9 "f" (arith-cmd@4-9 1))"#),
        (
            r#"a.b-c:d() { :; }"#,
            r#"(function@0-16 "a.b-c:d" (brace@10-16 [(simple@12-13 (w@12-13 (lit ":")))]))"#,
        ),
        (
            r#"f() { g() { :; }; }"#,
            r#"(function@0-19 "f" (brace@4-19 [(function@6-16 "g" (brace@10-16 [(simple@12-13 (w@12-13 (lit ":")))]))]))"#,
        ),
    ]);
}

#[test]
fn reserved_words_only_where_the_grammar_allows() {
    check(&[
        (
            r#"echo if then fi do done { } ! [[ ]] case esac in time"#,
            r#"(simple@0-53 (w@0-4 (lit "echo")) (w@5-7 (lit "if")) (w@8-12 (lit "then")) (w@13-15 (lit "fi")) (w@16-18 (lit "do")) (w@19-23 (lit "done")) (w@24-25 (lit "{")) (w@26-27 (lit "}")) (w@28-29 (lit "!")) (w@30-32 (lit "[[")) (w@33-35 (lit "]]")) (w@36-40 (lit "case")) (w@41-45 (lit "esac")) (w@46-48 (lit "in")) (w@49-53 (lit "time")))"#,
        ),
        (
            r#"if=1 then=2"#,
            r#"(simple@0-11 (assign "if" (w@3-4 (lit "1"))) (assign "then" (w@10-11 (lit "2"))))"#,
        ),
        (
            r#"echo; if true; then :; fi"#,
            r#"(simple@0-4 (w@0-4 (lit "echo")))
(if@6-25 [(simple@9-13 (w@9-13 (lit "true")))] then [(simple@20-21 (w@20-21 (lit ":")))])"#,
        ),
        (
            r#"for if in do done; do :; done"#,
            r#"(for@0-29 "if" in (w@10-12 (lit "do")) (w@13-17 (lit "done")) [(simple@22-23 (w@22-23 (lit ":")))])"#,
        ),
        (
            r#"{ echo }; }"#,
            r#"(brace@0-11 [(simple@2-8 (w@2-6 (lit "echo")) (w@7-8 (lit "}")))])"#,
        ),
        (
            r#"echo {"#,
            r#"(simple@0-6 (w@0-4 (lit "echo")) (w@5-6 (lit "{")))"#,
        ),
        (
            r#"x if"#,
            r#"(simple@0-4 (w@0-1 (lit "x")) (w@2-4 (lit "if")))"#,
        ),
        (
            r#"a=1 if"#,
            r#"(simple@0-6 (assign "a" (w@2-3 (lit "1"))) (w@4-6 (lit "if")))"#,
        ),
        (
            r#"\if a"#,
            r#"(simple@0-5 (w@0-3 (q "i") (lit "f")) (w@4-5 (lit "a")))"#,
        ),
        (
            r#"'if' a"#,
            r#"(simple@0-6 (w@0-4 (q "if")) (w@5-6 (lit "a")))"#,
        ),
        (
            r#"i\f a"#,
            r#"(simple@0-5 (w@0-3 (lit "i") (q "f")) (w@4-5 (lit "a")))"#,
        ),
        (
            r#"{ :;}"#,
            r#"(brace@0-5 [(simple@2-3 (w@2-3 (lit ":")))])"#,
        ),
        (
            r#"[[ a ]] && [[ b ]]"#,
            r#"(andor (cond@0-7 (w@3-4 (lit "a"))) && (cond@11-18 (w@14-15 (lit "b"))))"#,
        ),
        (
            r#"echo ]]"#,
            r#"(simple@0-7 (w@0-4 (lit "echo")) (w@5-7 (lit "]]")))"#,
        ),
        (
            r#"! true"#,
            r#"(pipe@0-6 ! (simple@2-6 (w@2-6 (lit "true"))))"#,
        ),
        (r#"!true"#, r#"(simple@0-5 (w@0-5 (lit "!true")))"#),
        (
            r#"echo !"#,
            r#"(simple@0-6 (w@0-4 (lit "echo")) (w@5-6 (lit "!")))"#,
        ),
        (
            r#"time=1"#,
            r#"(simple@0-6 (assign "time" (w@5-6 (lit "1"))))"#,
        ),
        (
            r#"do=1 done"#,
            r#"(simple@0-9 (assign "do" (w@3-4 (lit "1"))) (w@5-9 (lit "done")))"#,
        ),
    ]);
}

const ALIASES: Aliases = Aliases(&[
    ("ll", "ls -l"),
    ("say", "echo said"),
    ("e", "echo "),
    ("ee", "e"),
    ("e2", "echo"),
    ("ee2", "e2 "),
    ("rec", "rec2 x"),
    ("rec2", "rec y"),
    ("self", "self -x"),
    ("begin", "{"),
    ("two", "a; b"),
    ("q", "\"quoted\""),
    ("kw", "if"),
    ("asg", "x=1 "),
    ("fn", "f() { :; }"),
    ("nl", "echo a\necho b"),
]);

#[test]
fn aliases_substituted_at_command_position() {
    let cases: &[(&str, &str)] = &[
        ("ll /tmp", "(simple@0-7 (w@0-2 (lit \"ls\")) (w@0-2 (lit \"-l\")) (w@3-7 (lit \"/tmp\")))"),
        ("say hi", "(simple@0-6 (w@0-3 (lit \"echo\")) (w@0-3 (lit \"said\")) (w@4-6 (lit \"hi\")))"),
        ("echo ll", "(simple@0-7 (w@0-4 (lit \"echo\")) (w@5-7 (lit \"ll\")))"),
        ("x=1 ll", "(simple@0-6 (assign \"x\" (w@2-3 (lit \"1\"))) (w@4-6 (lit \"ls\")) (w@4-6 (lit \"-l\")))"),
        (">f ll", "(simple@0-5 (w@3-5 (lit \"ls\")) (w@3-5 (lit \"-l\")) (redir@0-2 > (w@1-2 (lit \"f\"))))"),
        ("e ll", "(simple@0-4 (w@0-1 (lit \"echo\")) (w@2-4 (lit \"ls\")) (w@2-4 (lit \"-l\")))"),
        ("e e say", "(simple@0-7 (w@0-1 (lit \"echo\")) (w@2-3 (lit \"echo\")) (w@4-7 (lit \"echo\")) (w@4-7 (lit \"said\")))"),
        ("ee say", "(simple@0-6 (w@0-2 (lit \"echo\")) (w@3-6 (lit \"say\")))"),
        ("ee2 say", "(simple@0-7 (w@0-3 (lit \"echo\")) (w@4-7 (lit \"echo\")) (w@4-7 (lit \"said\")))"),
        ("rec", "(simple@0-3 (w@0-3 (lit \"rec\")) (w@0-3 (lit \"y\")) (w@0-3 (lit \"x\")))"),
        ("self", "(simple@0-4 (w@0-4 (lit \"self\")) (w@0-4 (lit \"-x\")))"),
        ("begin say; }", "(brace@0-12 [(simple@6-9 (w@6-9 (lit \"echo\")) (w@6-9 (lit \"said\")))])"),
        ("two", "(simple@0-3 (w@0-3 (lit \"a\")))\n(simple@0-3 (w@0-3 (lit \"b\")))"),
        ("e q", "(simple@0-3 (w@0-1 (lit \"echo\")) (w@2-3 (dq (q \"quoted\"))))"),
        ("kw true; then say; fi", "(if@0-21 [(simple@3-7 (w@3-7 (lit \"true\")))] then [(simple@14-17 (w@14-17 (lit \"echo\")) (w@14-17 (lit \"said\")))])"),
        ("asg ll", "(simple@0-6 (assign \"x\" (w@0-3 (lit \"1\"))) (w@4-6 (lit \"ls\")) (w@4-6 (lit \"-l\")))"),
        ("fn", "(function@0-2 \"f\" (brace@0-2 [(simple@0-2 (w@0-2 (lit \":\")))]))"),
        ("nl", "(simple@0-2 (w@0-2 (lit \"echo\")) (w@0-2 (lit \"a\")))\n(simple@0-2 (w@0-2 (lit \"echo\")) (w@0-2 (lit \"b\")))"),
        ("\\ll", "(simple@0-3 (w@0-3 (q \"l\") (lit \"l\")))"),
        ("'ll'", "(simple@0-4 (w@0-4 (q \"ll\")))"),
        ("l\\l", "(simple@0-3 (w@0-3 (lit \"l\") (q \"l\")))"),
        ("ll; ll", "(simple@0-2 (w@0-2 (lit \"ls\")) (w@0-2 (lit \"-l\")))\n(simple@4-6 (w@4-6 (lit \"ls\")) (w@4-6 (lit \"-l\")))"),
        ("ll | ll && ll", "(andor (pipe@0-7 (simple@0-2 (w@0-2 (lit \"ls\")) (w@0-2 (lit \"-l\"))) | (simple@5-7 (w@5-7 (lit \"ls\")) (w@5-7 (lit \"-l\")))) && (simple@11-13 (w@11-13 (lit \"ls\")) (w@11-13 (lit \"-l\"))))"),
        ("(ll)", "(subshell@0-4 [(simple@1-3 (w@1-3 (lit \"ls\")) (w@1-3 (lit \"-l\")))])"),
        ("{ ll; }", "(brace@0-7 [(simple@2-4 (w@2-4 (lit \"ls\")) (w@2-4 (lit \"-l\")))])"),
        ("if ll; then ll; fi", "(if@0-18 [(simple@3-5 (w@3-5 (lit \"ls\")) (w@3-5 (lit \"-l\")))] then [(simple@12-14 (w@12-14 (lit \"ls\")) (w@12-14 (lit \"-l\")))])"),
        ("echo $(ll)", "(simple@0-10 (w@0-4 (lit \"echo\")) (w@5-10 (cmdsub [(simple@7-9 (w@7-9 (lit \"ls\")) (w@7-9 (lit \"-l\")))])))"),
        ("for ll in ll; do ll; done", "(for@0-25 \"ll\" in (w@10-12 (lit \"ll\")) [(simple@17-19 (w@17-19 (lit \"ls\")) (w@17-19 (lit \"-l\")))])"),
        ("case ll in ll) ll;; esac", "(case@0-24 (w@5-7 (lit \"ll\")) ((w@11-13 (lit \"ll\"))) [(simple@15-17 (w@15-17 (lit \"ls\")) (w@15-17 (lit \"-l\")))] ;;)"),
        ("f() { ll; }", "(function@0-11 \"f\" (brace@4-11 [(simple@6-8 (w@6-8 (lit \"ls\")) (w@6-8 (lit \"-l\")))]))"),
    ];
    for (input, expected) in cases {
        assert_eq!(dump_aliased(input, &ALIASES), *expected, "{input:?}");
    }
}
