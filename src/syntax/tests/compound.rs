//! Compound commands: groups, if, loops, for, case, select, coproc,
//! (( )) and [[ ]].

use super::*;

#[test]
fn subshells_and_brace_groups() {
    check(&[
        (
            r#"(a)"#,
            r#"(subshell@0-3 [(simple@1-2 (w@1-2 (lit "a")))])"#,
        ),
        (
            r#"( a; b )"#,
            r#"(subshell@0-8 [(simple@2-3 (w@2-3 (lit "a"))); (simple@5-6 (w@5-6 (lit "b")))])"#,
        ),
        (
            r#"(a
b)"#,
            r#"(subshell@0-5 [(simple@1-2 (w@1-2 (lit "a"))); (simple@3-4 (w@3-4 (lit "b")))])"#,
        ),
        (
            r#"{ a; b; }"#,
            r#"(brace@0-9 [(simple@2-3 (w@2-3 (lit "a"))); (simple@5-6 (w@5-6 (lit "b")))])"#,
        ),
        (
            r#"{ a
}"#,
            r#"(brace@0-5 [(simple@2-3 (w@2-3 (lit "a")))])"#,
        ),
        (
            r#"{ a & }"#,
            r#"(brace@0-7 [(bg (simple@2-3 (w@2-3 (lit "a"))))])"#,
        ),
        (
            r#"( (a) )"#,
            r#"(subshell@0-7 [(subshell@2-5 [(simple@3-4 (w@3-4 (lit "a")))])])"#,
        ),
        (
            r#"((a) )"#,
            r#"(subshell@0-6 [(subshell@1-4 [(simple@2-3 (w@2-3 (lit "a")))])])"#,
        ),
        (
            r#"( (a); (b) )"#,
            r#"(subshell@0-12 [(subshell@2-5 [(simple@3-4 (w@3-4 (lit "a")))]); (subshell@7-10 [(simple@8-9 (w@8-9 (lit "b")))])])"#,
        ),
        (
            r#"{ { a; }; }"#,
            r#"(brace@0-11 [(brace@2-8 [(simple@4-5 (w@4-5 (lit "a")))])])"#,
        ),
        (
            r#"(a) >out 2>&1 | b"#,
            r#"(pipe@0-17 (subshell@0-13 [(simple@1-2 (w@1-2 (lit "a")))] (redir@4-8 > (w@5-8 (lit "out"))) (redir@9-13 2 >& (w@12-13 (lit "1")))) | (simple@16-17 (w@16-17 (lit "b"))))"#,
        ),
        (
            r#"{ a; } <in"#,
            r#"(brace@0-10 [(simple@2-3 (w@2-3 (lit "a")))] (redir@7-10 < (w@8-10 (lit "in"))))"#,
        ),
        (
            r#"(a)&"#,
            r#"(bg (subshell@0-3 [(simple@1-2 (w@1-2 (lit "a")))]))"#,
        ),
    ]);
}

#[test]
fn if_elif_else() {
    check(&[
        (
            r#"if a; then b; fi"#,
            r#"(if@0-16 [(simple@3-4 (w@3-4 (lit "a")))] then [(simple@11-12 (w@11-12 (lit "b")))])"#,
        ),
        (
            r#"if a; then b; else c; fi"#,
            r#"(if@0-24 [(simple@3-4 (w@3-4 (lit "a")))] then [(simple@11-12 (w@11-12 (lit "b")))] else [(simple@19-20 (w@19-20 (lit "c")))])"#,
        ),
        (
            r#"if a; then b; elif c; then d; elif e; then f; else g; fi"#,
            r#"(if@0-56 [(simple@3-4 (w@3-4 (lit "a")))] then [(simple@11-12 (w@11-12 (lit "b")))] [(simple@19-20 (w@19-20 (lit "c")))] then [(simple@27-28 (w@27-28 (lit "d")))] [(simple@35-36 (w@35-36 (lit "e")))] then [(simple@43-44 (w@43-44 (lit "f")))] else [(simple@51-52 (w@51-52 (lit "g")))])"#,
        ),
        (
            r#"if a
then
 b
elif c
then d
fi"#,
            r#"(if@0-29 [(simple@3-4 (w@3-4 (lit "a")))] then [(simple@11-12 (w@11-12 (lit "b")))] [(simple@18-19 (w@18-19 (lit "c")))] then [(simple@25-26 (w@25-26 (lit "d")))])"#,
        ),
        (
            r#"if a; b; then c; d; fi"#,
            r#"(if@0-22 [(simple@3-4 (w@3-4 (lit "a"))); (simple@6-7 (w@6-7 (lit "b")))] then [(simple@14-15 (w@14-15 (lit "c"))); (simple@17-18 (w@17-18 (lit "d")))])"#,
        ),
        (
            r#"if ! a && b; then :; fi >x"#,
            r#"(if@0-26 [(andor (pipe@3-6 ! (simple@5-6 (w@5-6 (lit "a")))) && (simple@10-11 (w@10-11 (lit "b"))))] then [(simple@18-19 (w@18-19 (lit ":")))] (redir@24-26 > (w@25-26 (lit "x"))))"#,
        ),
        (
            r#"if if a; then b; fi; then :; fi"#,
            r#"(if@0-31 [(if@3-19 [(simple@6-7 (w@6-7 (lit "a")))] then [(simple@14-15 (w@14-15 (lit "b")))])] then [(simple@26-27 (w@26-27 (lit ":")))])"#,
        ),
    ]);
}

#[test]
fn while_and_until() {
    check(&[
        (
            r#"while a; do b; done"#,
            r#"(while@0-19 [(simple@6-7 (w@6-7 (lit "a")))] [(simple@12-13 (w@12-13 (lit "b")))])"#,
        ),
        (
            r#"until a; do b; done"#,
            r#"(until@0-19 [(simple@6-7 (w@6-7 (lit "a")))] [(simple@12-13 (w@12-13 (lit "b")))])"#,
        ),
        (
            r#"while a
do
 b
done"#,
            r#"(while@0-18 [(simple@6-7 (w@6-7 (lit "a")))] [(simple@12-13 (w@12-13 (lit "b")))])"#,
        ),
        (
            r#"while a; b; do c; done <in"#,
            r#"(while@0-26 [(simple@6-7 (w@6-7 (lit "a"))); (simple@9-10 (w@9-10 (lit "b")))] [(simple@15-16 (w@15-16 (lit "c")))] (redir@23-26 < (w@24-26 (lit "in"))))"#,
        ),
        (
            r#"while read -r x; do :; done < <(a)"#,
            r#"(while@0-34 [(simple@6-15 (w@6-10 (lit "read")) (w@11-13 (lit "-r")) (w@14-15 (lit "x")))] [(simple@20-21 (w@20-21 (lit ":")))] (redir@28-34 < (w@30-34 (procsub< [(simple@32-33 (w@32-33 (lit "a")))]))))"#,
        ),
    ]);
}

#[test]
fn for_loops() {
    check(&[
        (
            r#"for i in a b c; do echo $i; done"#,
            r#"(for@0-32 "i" in (w@9-10 (lit "a")) (w@11-12 (lit "b")) (w@13-14 (lit "c")) [(simple@19-26 (w@19-23 (lit "echo")) (w@24-26 (param i)))])"#,
        ),
        (
            r#"for i; do :; done"#,
            r#"(for@0-17 "i" [(simple@10-11 (w@10-11 (lit ":")))])"#,
        ),
        (
            r#"for i do :; done"#,
            r#"(for@0-16 "i" [(simple@9-10 (w@9-10 (lit ":")))])"#,
        ),
        (
            r#"for i
do :; done"#,
            r#"(for@0-16 "i" [(simple@9-10 (w@9-10 (lit ":")))])"#,
        ),
        (
            r#"for i in; do :; done"#,
            r#"(for@0-20 "i" in [(simple@13-14 (w@13-14 (lit ":")))])"#,
        ),
        (
            r#"for i in a
do :; done"#,
            r#"(for@0-21 "i" in (w@9-10 (lit "a")) [(simple@14-15 (w@14-15 (lit ":")))])"#,
        ),
        (
            r#"for i
in a b
do :
done"#,
            r#"(for@0-22 "i" in (w@9-10 (lit "a")) (w@11-12 (lit "b")) [(simple@16-17 (w@16-17 (lit ":")))])"#,
        ),
        (
            r#"for i in {a,b} *.c "$@"; do :; done"#,
            r#"(for@0-35 "i" in (w@9-14 (brace ( (lit "a")) ( (lit "b")))) (w@15-18 (lit "*.c")) (w@19-23 (dq (param @))) [(simple@28-29 (w@28-29 (lit ":")))])"#,
        ),
        (
            r#"for i in a; { :; }"#,
            r#"(for@0-18 "i" in (w@9-10 (lit "a")) [(simple@14-15 (w@14-15 (lit ":")))])"#,
        ),
        (
            r#"for i in a b # c
do :; done"#,
            r#"(for@0-27 "i" in (w@9-10 (lit "a")) (w@11-12 (lit "b")) [(simple@20-21 (w@20-21 (lit ":")))])"#,
        ),
    ]);
}

#[test]
fn arithmetic_for_loops() {
    check(&[
        (
            r#"for ((i = 0; i < 10; i++)); do :; done"#,
            r#"(arith-for@0-38 (= i 0) (< i 10) (post++ i) [(simple@31-32 (w@31-32 (lit ":")))])"#,
        ),
        (
            r#"for ((;;)); do :; done"#,
            r#"(arith-for@0-22 () () () [(simple@15-16 (w@15-16 (lit ":")))])"#,
        ),
        (
            r#"for (( ; ; ))
do :; done"#,
            r#"(arith-for@0-24 () () () [(simple@17-18 (w@17-18 (lit ":")))])"#,
        ),
        (
            r#"for ((i=0, j=1; i<j; i++, j--)) { :; }"#,
            r#"(arith-for@0-38 (, (= i 0) (= j 1)) (< i j) (, (post++ i) (post-- j)) [(simple@34-35 (w@34-35 (lit ":")))])"#,
        ),
        (
            r#"for ((i = $n; i > 0; i -= ${step:-1})); do :; done"#,
            r#"(arith-for@0-50 (arith-text (w@6-12 (q "i = ") (param n))) (> i 0) (arith-text (w@20-36 (q " i -= ") (param step :- (w@34-35 (lit "1"))))) [(simple@43-44 (w@43-44 (lit ":")))])"#,
        ),
        (
            r#"for ((i = (1 + 2) * 3; (i); i--)); do :; done"#,
            r#"(arith-for@0-45 (= i (* (+ 1 2) 3)) i (post-- i) [(simple@38-39 (w@38-39 (lit ":")))])"#,
        ),
    ]);
}

#[test]
fn case_commands() {
    check(&[
        (
            r#"case $x in a) b;; esac"#,
            r#"(case@0-22 (w@5-7 (param x)) ((w@11-12 (lit "a"))) [(simple@14-15 (w@14-15 (lit "b")))] ;;)"#,
        ),
        (
            r#"case x in (a) b;; esac"#,
            r#"(case@0-22 (w@5-6 (lit "x")) ((w@11-12 (lit "a"))) [(simple@14-15 (w@14-15 (lit "b")))] ;;)"#,
        ),
        (
            r#"case x in a|b|c) d;; (e|f) g;; esac"#,
            r#"(case@0-35 (w@5-6 (lit "x")) ((w@10-11 (lit "a")) | (w@12-13 (lit "b")) | (w@14-15 (lit "c"))) [(simple@17-18 (w@17-18 (lit "d")))] ;; ((w@22-23 (lit "e")) | (w@24-25 (lit "f"))) [(simple@27-28 (w@27-28 (lit "g")))] ;;)"#,
        ),
        (
            r#"case x in a) ;; b) ;& c) ;;& d) e;; esac"#,
            r#"(case@0-40 (w@5-6 (lit "x")) ((w@10-11 (lit "a"))) [] ;; ((w@16-17 (lit "b"))) [] ;& ((w@22-23 (lit "c"))) [] ;;& ((w@29-30 (lit "d"))) [(simple@32-33 (w@32-33 (lit "e")))] ;;)"#,
        ),
        (
            r#"case x in a) b; c;; esac"#,
            r#"(case@0-24 (w@5-6 (lit "x")) ((w@10-11 (lit "a"))) [(simple@13-14 (w@13-14 (lit "b"))); (simple@16-17 (w@16-17 (lit "c")))] ;;)"#,
        ),
        (
            r#"case x in a) b
esac"#,
            r#"(case@0-19 (w@5-6 (lit "x")) ((w@10-11 (lit "a"))) [(simple@13-14 (w@13-14 (lit "b")))] ;;)"#,
        ),
        (
            r#"case x in
  a)
    b
    ;;
  *)
    ;;
esac"#,
            r#"(case@0-44 (w@5-6 (lit "x")) ((w@12-13 (lit "a"))) [(simple@19-20 (w@19-20 (lit "b")))] ;; ((w@30-31 (lit "*"))) [] ;;)"#,
        ),
        (r#"case x in esac"#, r#"(case@0-14 (w@5-6 (lit "x")))"#),
        (
            r#"case x
in
a) ;;
esac"#,
            r#"(case@0-20 (w@5-6 (lit "x")) ((w@10-11 (lit "a"))) [] ;;)"#,
        ),
        (
            r#"case x in *.c|[ab]*|"q"|$y) ;; esac"#,
            r#"(case@0-35 (w@5-6 (lit "x")) ((w@10-13 (lit "*.c")) | (w@14-19 (lit "[ab]*")) | (w@20-23 (dq (q "q"))) | (w@24-26 (param y))) [] ;;)"#,
        ),
        (
            r#"case x in a) case y in b) ;; esac;; esac"#,
            r#"(case@0-40 (w@5-6 (lit "x")) ((w@10-11 (lit "a"))) [(case@13-33 (w@18-19 (lit "y")) ((w@23-24 (lit "b"))) [] ;;)] ;;)"#,
        ),
        (
            r#"case x in (a) b;;
(c) d
esac"#,
            r#"(case@0-28 (w@5-6 (lit "x")) ((w@11-12 (lit "a"))) [(simple@14-15 (w@14-15 (lit "b")))] ;; ((w@19-20 (lit "c"))) [(simple@22-23 (w@22-23 (lit "d")))] ;;)"#,
        ),
        (
            r#"case $(echo x) in x) ;; esac"#,
            r#"(case@0-28 (w@5-14 (cmdsub [(simple@7-13 (w@7-11 (lit "echo")) (w@12-13 (lit "x")))])) ((w@18-19 (lit "x"))) [] ;;)"#,
        ),
        (
            r#"case x in a) ;;
# comment
b) ;;
esac"#,
            r#"(case@0-36 (w@5-6 (lit "x")) ((w@10-11 (lit "a"))) [] ;; ((w@26-27 (lit "b"))) [] ;;)"#,
        ),
    ]);
}

#[test]
fn select_coproc_and_time() {
    check(&[
        (
            r#"select x in a b; do break; done"#,
            r#"(select@0-31 "x" in (w@12-13 (lit "a")) (w@14-15 (lit "b")) [(simple@20-25 (w@20-25 (lit "break")))])"#,
        ),
        (
            r#"select x; do :; done"#,
            r#"(select@0-20 "x" [(simple@13-14 (w@13-14 (lit ":")))])"#,
        ),
        (
            r#"select x in a
do :; done"#,
            r#"(select@0-24 "x" in (w@12-13 (lit "a")) [(simple@17-18 (w@17-18 (lit ":")))])"#,
        ),
        (
            r#"coproc cat"#,
            r#"(coproc@0-10 "COPROC" (simple@7-10 (w@7-10 (lit "cat"))))"#,
        ),
        (
            r#"coproc cat file >out"#,
            r#"(coproc@0-20 "COPROC" (simple@7-20 (w@7-10 (lit "cat")) (w@11-15 (lit "file")) (redir@16-20 > (w@17-20 (lit "out")))))"#,
        ),
        (
            r#"coproc NAME { cat; }"#,
            r#"(coproc@0-20 "NAME" (brace@12-20 [(simple@14-17 (w@14-17 (lit "cat")))]))"#,
        ),
        (
            r#"coproc NAME (cat)"#,
            r#"(coproc@0-17 "NAME" (subshell@12-17 [(simple@13-16 (w@13-16 (lit "cat")))]))"#,
        ),
        (
            r#"coproc { cat; } 2>err"#,
            r#"(coproc@0-21 "COPROC" (brace@7-21 [(simple@9-12 (w@9-12 (lit "cat")))] (redir@16-21 2 > (w@18-21 (lit "err")))))"#,
        ),
        (
            r#"coproc while :; do :; done"#,
            r#"(coproc@0-26 "COPROC" (while@7-26 [(simple@13-14 (w@13-14 (lit ":")))] [(simple@19-20 (w@19-20 (lit ":")))]))"#,
        ),
        (
            r#"coproc name args"#,
            r#"(coproc@0-16 "COPROC" (simple@7-16 (w@7-11 (lit "name")) (w@12-16 (lit "args"))))"#,
        ),
        (
            r#"time for i in a; do :; done"#,
            r#"(pipe@0-27 time (for@5-27 "i" in (w@14-15 (lit "a")) [(simple@20-21 (w@20-21 (lit ":")))]))"#,
        ),
    ]);
}

#[test]
fn arithmetic_commands() {
    check(&[
        (r#"((x = 1 + 2))"#, r#"(arith-cmd@0-13 (= x (+ 1 2)))"#),
        (r#"(( x++ ))"#, r#"(arith-cmd@0-9 (post++ x))"#),
        (
            r#"((a[1] += 2, b = a[1] ? 3 : 4))"#,
            r#"(arith-cmd@0-31 (, (+= a[1] 2) (= b (? a[1] 3 4))))"#,
        ),
        (
            r#"(($x + 1))"#,
            r#"(arith-cmd@0-10 (arith-text (w@2-8 (param x) (lit " + 1"))))"#,
        ),
        (
            r#"((x)) && echo"#,
            r#"(andor (arith-cmd@0-5 x) && (simple@9-13 (w@9-13 (lit "echo"))))"#,
        ),
        (
            r#"((1)) >out"#,
            r#"(arith-cmd@0-10 1 (redir@6-10 > (w@7-10 (lit "out"))))"#,
        ),
        (
            r#"((
1 +
2
))"#,
            r#"(arith-cmd@0-11 (+ 1 2))"#,
        ),
    ]);
}

#[test]
fn conditional_commands() {
    check(&[
        (
            r#"[[ -f file ]]"#,
            r#"(cond@0-13 (-f (w@6-10 (lit "file"))))"#,
        ),
        (
            r#"[[ ! -d x ]]"#,
            r#"(cond@0-12 (! (-d (w@8-9 (lit "x")))))"#,
        ),
        (
            r#"[[ a == b* ]]"#,
            r#"(cond@0-13 (== (w@3-4 (lit "a")) (w@8-10 (lit "b*"))))"#,
        ),
        (
            r#"[[ a = b ]]"#,
            r#"(cond@0-11 (= (w@3-4 (lit "a")) (w@7-8 (lit "b"))))"#,
        ),
        (
            r#"[[ a != @(x|y) ]]"#,
            r#"(cond@0-17 (!= (w@3-4 (lit "a")) (w@8-14 (extglob @ ( (lit "x")) ( (lit "y"))))))"#,
        ),
        (
            r#"[[ $a < $b ]]"#,
            r#"(cond@0-13 (< (w@3-5 (param a)) (w@8-10 (param b))))"#,
        ),
        (
            r#"[[ a > b ]]"#,
            r#"(cond@0-11 (> (w@3-4 (lit "a")) (w@7-8 (lit "b"))))"#,
        ),
        (
            r#"[[ 1 -eq 1 && 2 -lt 3 || 4 -ge 5 ]]"#,
            r#"(cond@0-35 (|| (&& (-eq (w@3-4 (lit "1")) (w@9-10 (lit "1"))) (-lt (w@14-15 (lit "2")) (w@20-21 (lit "3")))) (-ge (w@25-26 (lit "4")) (w@31-32 (lit "5")))))"#,
        ),
        (
            r#"[[ ( a || b ) && c ]]"#,
            r#"(cond@0-21 (&& (|| (w@5-6 (lit "a")) (w@10-11 (lit "b"))) (w@17-18 (lit "c"))))"#,
        ),
        (
            r#"[[ ! ( -z $x ) ]]"#,
            r#"(cond@0-17 (! (-z (w@10-12 (param x)))))"#,
        ),
        (
            r#"[[ $x =~ ^[a-z]+(\.[a-z]+)*$ ]]"#,
            r#"(cond@0-31 (=~ (w@3-5 (param x)) (w@9-28 (lit "^[a-z]+(") (q ".") (lit "[a-z]+)*$"))))"#,
        ),
        (
            r#"[[ $x =~ a|b ]]"#,
            r#"(cond@0-15 (=~ (w@3-5 (param x)) (w@9-12 (lit "a|b"))))"#,
        ),
        (
            r#"[[ $x =~ "quoted.*" ]]"#,
            r#"(cond@0-22 (=~ (w@3-5 (param x)) (w@9-19 (dq (q "quoted.*")))))"#,
        ),
        (
            r#"[[ $x =~ ( a ) ]]"#,
            r#"(cond@0-17 (=~ (w@3-5 (param x)) (w@9-14 (lit "( a )"))))"#,
        ),
        (r#"[[ -z $x ]]"#, r#"(cond@0-11 (-z (w@6-8 (param x))))"#),
        (
            r#"[[ x -nt y || x -ot y || x -ef y ]]"#,
            r#"(cond@0-35 (|| (|| (-nt (w@3-4 (lit "x")) (w@9-10 (lit "y"))) (-ot (w@14-15 (lit "x")) (w@20-21 (lit "y")))) (-ef (w@25-26 (lit "x")) (w@31-32 (lit "y")))))"#,
        ),
        (
            r#"[[ -v var && -o opt && -t 1 ]]"#,
            r#"(cond@0-30 (&& (&& (-v (w@6-9 (lit "var"))) (-o (w@16-19 (lit "opt")))) (-t (w@26-27 (lit "1")))))"#,
        ),
        (
            r#"[[
 a &&
 b ]]"#,
            r#"(cond@0-14 (&& (w@4-5 (lit "a")) (w@10-11 (lit "b"))))"#,
        ),
        (
            r#"[[ a == b
]]"#,
            r#"(cond@0-12 (== (w@3-4 (lit "a")) (w@8-9 (lit "b"))))"#,
        ),
        (
            r#"[[ ( a == b
) ]]"#,
            r#"(cond@0-16 (== (w@5-6 (lit "a")) (w@10-11 (lit "b"))))"#,
        ),
        (
            r#"[[ -f x
]]"#,
            r#"(cond@0-10 (-f (w@6-7 (lit "x"))))"#,
        ),
        (
            r#"[[ ( a ) 
&& b ]]"#,
            r#"(cond@0-17 (&& (w@5-6 (lit "a")) (w@13-14 (lit "b"))))"#,
        ),
        (r#"[[ $x ]]"#, r#"(cond@0-8 (w@3-5 (param x)))"#),
        (
            r#"[[ a && b || c && d ]]"#,
            r#"(cond@0-22 (|| (&& (w@3-4 (lit "a")) (w@8-9 (lit "b"))) (&& (w@13-14 (lit "c")) (w@18-19 (lit "d")))))"#,
        ),
        (
            r#"[[ ! a || ! b ]]"#,
            r#"(cond@0-16 (|| (! (w@5-6 (lit "a"))) (! (w@12-13 (lit "b")))))"#,
        ),
        (
            r#"[[ x ]] >out"#,
            r#"(cond@0-12 (w@3-4 (lit "x")) (redir@8-12 > (w@9-12 (lit "out"))))"#,
        ),
        (
            r#"[[ $(echo a) == "$b" ]]"#,
            r#"(cond@0-23 (== (w@3-12 (cmdsub [(simple@5-11 (w@5-9 (lit "echo")) (w@10-11 (lit "a")))])) (w@16-20 (dq (param b)))))"#,
        ),
    ]);
}
