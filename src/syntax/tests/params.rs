//! Parameter expansions (POSIX and bash forms) and arithmetic
//! expansions parsed into expression trees.

use super::*;

#[test]
fn parameters_positional_and_special() {
    check(&[
        (
            r#"echo $x $_x $x1 $1 $9 $10 ${10} ${100}"#,
            r#"(simple@0-38 (w@0-4 (lit "echo")) (w@5-7 (param x)) (w@8-11 (param _x)) (w@12-15 (param x1)) (w@16-18 (param 1)) (w@19-21 (param 9)) (w@22-25 (param 1) (lit "0")) (w@26-31 (param 10)) (w@32-38 (param 100)))"#,
        ),
        (
            r#"echo $@ $* $# $? $- $$ $! $0 ${@} ${#} ${?}"#,
            r#"(simple@0-43 (w@0-4 (lit "echo")) (w@5-7 (param @)) (w@8-10 (param *)) (w@11-13 (param #)) (w@14-16 (param ?)) (w@17-19 (param -)) (w@20-22 (param $)) (w@23-25 (param !)) (w@26-28 (param 0)) (w@29-33 (param @)) (w@34-38 (param #)) (w@39-43 (param ?)))"#,
        ),
        (
            r#"echo "$@" "${*}" "$x$y""#,
            r#"(simple@0-23 (w@0-4 (lit "echo")) (w@5-9 (dq (param @))) (w@10-16 (dq (param *))) (w@17-23 (dq (param x) (param y))))"#,
        ),
        (
            r#"echo $x-y $x.y $x/y ${x}y"#,
            r#"(simple@0-25 (w@0-4 (lit "echo")) (w@5-9 (param x) (lit "-y")) (w@10-14 (param x) (lit ".y")) (w@15-19 (param x) (lit "/y")) (w@20-25 (param x) (lit "y")))"#,
        ),
        (
            r#"echo $ $% $/ $= a$"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-6 (lit "$")) (w@7-9 (lit "$%")) (w@10-12 (lit "$/")) (w@13-15 (lit "$=")) (w@16-18 (lit "a$")))"#,
        ),
        (
            r#"echo ${#x} ${#@} ${#*} ${##} ${#?} ${#-} ${#a[@]} ${#a[1]} ${#10}"#,
            r#"(simple@0-65 (w@0-4 (lit "echo")) (w@5-10 (param x length)) (w@11-16 (param @ length)) (w@17-22 (param * length)) (w@23-28 (param # length)) (w@29-34 (param ? length)) (w@35-40 (param - length)) (w@41-49 (param a[@] length)) (w@50-58 (param a[(w@55-56 (lit "1"))] length)) (w@59-65 (param 10 length)))"#,
        ),
    ]);
}

#[test]
fn parameter_operators_posix() {
    check(&[
        (
            r#"echo ${x-a} ${x:-a} ${x=a} ${x:=a} ${x?a} ${x:?a} ${x+a} ${x:+a}"#,
            r#"(simple@0-64 (w@0-4 (lit "echo")) (w@5-11 (param x - (w@9-10 (lit "a")))) (w@12-19 (param x :- (w@17-18 (lit "a")))) (w@20-26 (param x = (w@24-25 (lit "a")))) (w@27-34 (param x := (w@32-33 (lit "a")))) (w@35-41 (param x ? (w@39-40 (lit "a")))) (w@42-49 (param x :? (w@47-48 (lit "a")))) (w@50-56 (param x + (w@54-55 (lit "a")))) (w@57-64 (param x :+ (w@62-63 (lit "a")))))"#,
        ),
        (
            r#"echo ${x?} ${x:?} ${x-} ${x:-}"#,
            r#"(simple@0-30 (w@0-4 (lit "echo")) (w@5-10 (param x ?)) (w@11-17 (param x :?)) (w@18-23 (param x - (w@22-22))) (w@24-30 (param x :- (w@29-29))))"#,
        ),
        (
            r#"echo ${x#a*} ${x##a*} ${x%*b} ${x%%*b}"#,
            r#"(simple@0-38 (w@0-4 (lit "echo")) (w@5-12 (param x # (w@9-11 (lit "a*")))) (w@13-21 (param x ## (w@18-20 (lit "a*")))) (w@22-29 (param x % (w@26-28 (lit "*b")))) (w@30-38 (param x %% (w@35-37 (lit "*b")))))"#,
        ),
        (
            r#"echo ${x:-$y} ${x:-"$y z"} ${x:-'q'} ${x:-a b}"#,
            r#"(simple@0-46 (w@0-4 (lit "echo")) (w@5-13 (param x :- (w@10-12 (param y)))) (w@14-26 (param x :- (w@19-25 (dq (param y) (q " z"))))) (w@27-36 (param x :- (w@32-35 (q "q")))) (w@37-46 (param x :- (w@42-45 (lit "a b")))))"#,
        ),
        (
            r#"echo "${x:-'q'}" "${x:-"q"}" "${x#'a'}" "${x/'a'/'b'}" "${x^'a'}""#,
            r#"(simple@0-65 (w@0-4 (lit "echo")) (w@5-16 (dq (param x :- (w@11-14 (lit "'q'"))))) (w@17-28 (dq (param x :- (w@23-26 (dq (q "q")))))) (w@29-39 (dq (param x # (w@34-37 (q "a"))))) (w@40-54 (dq (param x / (w@45-48 (q "a")) (w@49-52 (q "b"))))) (w@55-65 (dq (param x ^ (w@60-63 (q "a"))))))"#,
        ),
        (
            r#"echo ${x:-${y:-${z}}}"#,
            r#"(simple@0-21 (w@0-4 (lit "echo")) (w@5-21 (param x :- (w@10-20 (param y :- (w@15-19 (param z)))))))"#,
        ),
        (
            r#"echo ${x:-$(echo })}"#,
            r#"(simple@0-20 (w@0-4 (lit "echo")) (w@5-20 (param x :- (w@10-19 (cmdsub [(simple@12-18 (w@12-16 (lit "echo")) (w@17-18 (lit "}")))])))))"#,
        ),
        (
            r#"echo ${x:-\}} ${x:-a\}b}"#,
            r#"(simple@0-24 (w@0-4 (lit "echo")) (w@5-13 (param x :- (w@10-12 (q "}")))) (w@14-24 (param x :- (w@19-23 (lit "a") (q "}") (lit "b")))))"#,
        ),
        (
            r#"echo ${x#\#} ${x%\%}"#,
            r##"(simple@0-20 (w@0-4 (lit "echo")) (w@5-12 (param x # (w@9-11 (q "#")))) (w@13-20 (param x % (w@17-19 (q "%")))))"##,
        ),
        (
            r#"echo ${-} ${--} ${-=x} ${?-x}"#,
            r#"(simple@0-29 (w@0-4 (lit "echo")) (w@5-9 (param -)) (w@10-15 (param - - (w@14-14))) (w@16-22 (param - = (w@20-21 (lit "x")))) (w@23-29 (param ? - (w@27-28 (lit "x")))))"#,
        ),
        (
            r#"echo ${x:-`echo }`}"#,
            r#"(simple@0-19 (w@0-4 (lit "echo")) (w@5-19 (param x :- (w@10-18 (bq [(simple@11-17 (w@11-15 (lit "echo")) (w@16-17 (lit "}")))])))))"#,
        ),
        (
            r#"echo ${x:-{a}b}"#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (param x :- (w@10-12 (lit "{a"))) (lit "b}")))"#,
        ),
    ]);
}

#[test]
fn parameter_operators_bash() {
    check(&[
        (
            r#"echo ${x:1} ${x:1:2} ${x: -1} ${x:(-1)} ${x:$i:$((j+1))} ${x::2}"#,
            r#"(simple@0-64 (w@0-4 (lit "echo")) (w@5-11 (param x substr (w@9-10 (lit "1")))) (w@12-20 (param x substr (w@16-17 (lit "1")) (w@18-19 (lit "2")))) (w@21-29 (param x substr (w@25-28 (lit " -1")))) (w@30-39 (param x substr (w@34-38 (lit "(-1)")))) (w@40-56 (param x substr (w@44-46 (param i)) (w@47-55 (arith (+ j 1))))) (w@57-64 (param x substr (w@61-61) (w@62-63 (lit "2")))))"#,
        ),
        (
            r#"echo ${x/a/b} ${x//a/b} ${x/#a/b} ${x/%a/b} ${x/a} ${x//a/} ${x/a\/b/c}"#,
            r#"(simple@0-71 (w@0-4 (lit "echo")) (w@5-13 (param x / (w@9-10 (lit "a")) (w@11-12 (lit "b")))) (w@14-23 (param x // (w@19-20 (lit "a")) (w@21-22 (lit "b")))) (w@24-33 (param x /# (w@29-30 (lit "a")) (w@31-32 (lit "b")))) (w@34-43 (param x /% (w@39-40 (lit "a")) (w@41-42 (lit "b")))) (w@44-50 (param x / (w@48-49 (lit "a")))) (w@51-59 (param x // (w@56-57 (lit "a")) (w@58-58))) (w@60-71 (param x / (w@64-68 (lit "a") (q "/") (lit "b")) (w@69-70 (lit "c")))))"#,
        ),
        (
            r#"echo ${x/"a"/'b'} ${x//[ab]/$y}"#,
            r#"(simple@0-31 (w@0-4 (lit "echo")) (w@5-17 (param x / (w@9-12 (dq (q "a"))) (w@13-16 (q "b")))) (w@18-31 (param x // (w@23-27 (lit "[ab]")) (w@28-30 (param y)))))"#,
        ),
        (
            r#"echo ${x^} ${x^^} ${x,} ${x,,} ${x^[ab]} ${x,,?}"#,
            r#"(simple@0-48 (w@0-4 (lit "echo")) (w@5-10 (param x ^)) (w@11-17 (param x ^^)) (w@18-23 (param x ,)) (w@24-30 (param x ,,)) (w@31-40 (param x ^ (w@35-39 (lit "[ab]")))) (w@41-48 (param x ,, (w@46-47 (lit "?")))))"#,
        ),
        (
            r#"echo ${!x} ${!x:-d} ${!1} ${!x[@]}"#,
            r#"(simple@0-34 (w@0-4 (lit "echo")) (w@5-10 (param !x)) (w@11-19 (param !x :- (w@17-18 (lit "d")))) (w@20-25 (param !1)) (w@26-34 (param x keys@)))"#,
        ),
        (
            r#"echo ${!prefix*} ${!prefix@} "${!p@}""#,
            r#"(simple@0-37 (w@0-4 (lit "echo")) (w@5-16 (param prefix prefix*)) (w@17-28 (param prefix prefix@)) (w@29-37 (dq (param p prefix@))))"#,
        ),
        (
            r#"echo ${!a[@]} ${!a[*]}"#,
            r#"(simple@0-22 (w@0-4 (lit "echo")) (w@5-13 (param a keys@)) (w@14-22 (param a keys*)))"#,
        ),
        (
            r#"echo ${a[0]} ${a[i+1]} ${a[$i]} ${a[@]} ${a[*]} ${a["k"]} ${a[@]:1:2}"#,
            r#"(simple@0-69 (w@0-4 (lit "echo")) (w@5-12 (param a[(w@9-10 (lit "0"))])) (w@13-22 (param a[(w@17-20 (lit "i+1"))])) (w@23-31 (param a[(w@27-29 (param i))])) (w@32-39 (param a[@])) (w@40-47 (param a[*])) (w@48-57 (param a[(w@52-55 (dq (q "k")))])) (w@58-69 (param a[@] substr (w@65-66 (lit "1")) (w@67-68 (lit "2")))))"#,
        ),
        (
            r#"echo ${x@Q} ${x@E} ${x@P} ${x@A} ${x@a} ${x@U} ${x@u} ${x@L} ${x@K} ${x@k}"#,
            r#"(simple@0-74 (w@0-4 (lit "echo")) (w@5-11 (param x @Q)) (w@12-18 (param x @E)) (w@19-25 (param x @P)) (w@26-32 (param x @A)) (w@33-39 (param x @a)) (w@40-46 (param x @U)) (w@47-53 (param x @u)) (w@54-60 (param x @L)) (w@61-67 (param x @K)) (w@68-74 (param x @k)))"#,
        ),
        (
            r#"echo ${a[@]@Q} ${x@Z}"#,
            r#"(simple@0-21 (w@0-4 (lit "echo")) (w@5-14 (param a[@] @Q)) (w@15-21 (param x bad "@Z")))"#,
        ),
        (
            r#"echo ${x!} ${x;} ${=x} ${x y}"#,
            r#"(simple@0-29 (w@0-4 (lit "echo")) (w@5-10 (param x bad "!")) (w@11-16 (param x bad ";")) (w@17-22 (param  bad "=x")) (w@23-29 (param x bad " y")))"#,
        ),
        (
            r#"echo ${${x}} ${$(a)} ${$} ${$:-x} ${#$}"#,
            r#"(simple@0-39 (w@0-4 (lit "echo")) (w@5-12 (param  bad "${x}")) (w@13-20 (param  bad "$(a)")) (w@21-25 (param $)) (w@26-33 (param $ :- (w@31-32 (lit "x")))) (w@34-39 (param $ length)))"#,
        ),
        (
            r#"echo $[1 + 2] $[x]"#,
            r#"(simple@0-18 (w@0-4 (lit "echo")) (w@5-13 (arith (+ 1 2))) (w@14-18 (arith x)))"#,
        ),
    ]);
}

#[test]
fn arithmetic_expansion_trees() {
    check(&[
        (
            r#"echo $((1 + 2 * 3 - 4 / 5 % 6))"#,
            r#"(simple@0-31 (w@0-4 (lit "echo")) (w@5-31 (arith (- (+ 1 (* 2 3)) (% (/ 4 5) 6)))))"#,
        ),
        (
            r#"echo $((2 ** 3 ** 2)) $((-2 ** 2)) $((a - b - c))"#,
            r#"(simple@0-49 (w@0-4 (lit "echo")) (w@5-21 (arith (** 2 (** 3 2)))) (w@22-34 (arith (** (- 2) 2))) (w@35-49 (arith (- (- a b) c))))"#,
        ),
        (
            r#"echo $((a << 1 | b >> 2 & c ^ d))"#,
            r#"(simple@0-33 (w@0-4 (lit "echo")) (w@5-33 (arith (| (<< a 1) (^ (& (>> b 2) c) d)))))"#,
        ),
        (
            r#"echo $((a < b == c > d && e <= f || g >= h != i))"#,
            r#"(simple@0-49 (w@0-4 (lit "echo")) (w@5-49 (arith (|| (&& (== (< a b) (> c d)) (<= e f)) (!= (>= g h) i)))))"#,
        ),
        (
            r#"echo $((!a + ~b - -c + +d))"#,
            r#"(simple@0-27 (w@0-4 (lit "echo")) (w@5-27 (arith (+ (- (+ (! a) (~ b)) (- c)) (+ d)))))"#,
        ),
        (
            r#"echo $((a ? b : c ? d : e))"#,
            r#"(simple@0-27 (w@0-4 (lit "echo")) (w@5-27 (arith (? a b (? c d e)))))"#,
        ),
        (
            r#"echo $((x = y += 1, z -= 2, w *= 3, v /= 4, u %= 5))"#,
            r#"(simple@0-52 (w@0-4 (lit "echo")) (w@5-52 (arith (, (, (, (, (= x (+= y 1)) (-= z 2)) (*= w 3)) (/= v 4)) (%= u 5)))))"#,
        ),
        (
            r#"echo $((a <<= 1, b >>= 2, c &= 3, d ^= 4, e |= 5))"#,
            r#"(simple@0-50 (w@0-4 (lit "echo")) (w@5-50 (arith (, (, (, (, (<<= a 1) (>>= b 2)) (&= c 3)) (^= d 4)) (|= e 5)))))"#,
        ),
        (
            r#"echo $((i++ + ++j - k-- - --l))"#,
            r#"(simple@0-31 (w@0-4 (lit "echo")) (w@5-31 (arith (- (- (+ (post++ i) (pre++ j)) (post-- k)) (pre-- l)))))"#,
        ),
        (
            r#"echo $((16#ff + 0x1F + 010 + 2#101 + 64#_ + 36#z))"#,
            r#"(simple@0-50 (w@0-4 (lit "echo")) (w@5-50 (arith (+ (+ (+ (+ (+ 255 31) 8) 5) 63) 35))))"#,
        ),
        (
            r#"echo $((a[1] + a[i+1] * b[c[2]]))"#,
            r#"(simple@0-33 (w@0-4 (lit "echo")) (w@5-33 (arith (+ a[1] (* a[(+ i 1)] b[c[2]])))))"#,
        ),
        (
            r#"echo $(( (1 + 2) * (3 + (4)) ))"#,
            r#"(simple@0-31 (w@0-4 (lit "echo")) (w@5-31 (arith (* (+ 1 2) (+ 3 4)))))"#,
        ),
        (
            r#"echo $(( ))"#,
            r#"(simple@0-11 (w@0-4 (lit "echo")) (w@5-11 (arith 0)))"#,
        ),
        (
            r#"echo $((x
+
1))"#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (arith (+ x 1))))"#,
        ),
        (
            r#"echo $((1 + $x)) $((${#a} * 2)) $(($(echo 1) + 1))"#,
            r#"(simple@0-50 (w@0-4 (lit "echo")) (w@5-16 (arith (arith-text (w@8-14 (lit "1 + ") (param x))))) (w@17-31 (arith (arith-text (w@20-29 (param a length) (lit " * 2"))))) (w@32-50 (arith (arith-text (w@35-48 (cmdsub [(simple@37-43 (w@37-41 (lit "echo")) (w@42-43 (lit "1")))]) (lit " + 1"))))))"#,
        ),
        (
            r#"echo "$((1+1))""#,
            r#"(simple@0-15 (w@0-4 (lit "echo")) (w@5-15 (dq (arith (+ 1 1)))))"#,
        ),
        (
            r#"echo $((1 +))"#,
            r#"(simple@0-13 (w@0-4 (lit "echo")) (w@5-13 (arith (arith-text (w@8-11 (lit "1 +"))))))"#,
        ),
        (
            r#"echo $((08))"#,
            r#"(simple@0-12 (w@0-4 (lit "echo")) (w@5-12 (arith (arith-text (w@8-10 (lit "08"))))))"#,
        ),
    ]);
}
