#!/bin/bash
# Calls every function of funclib.sh (in the current directory) and prints
# the results; stdin, when not empty, is read by the read-loop functions.

. ./funclib.sh

section() { printf '\n== %s\n' "$1"; }

section strings
str_trim "   padded text  "
str_upper "MiXed Case"
str_lower "MiXed Case"
str_capitalize "hELLO"
str_repeat ab 4
str_repeat x 0
str_reverse "stressed"
str_join , a b "c d"
str_join '' x y z
str_split "a:b::c" :
str_split "  one two   three " ' '
str_contains "haystack" "ays" && echo "contains yes"
str_contains "haystack" "*" || echo "contains glob-safe no"
str_starts_with "prefix-rest" "prefix" && echo "starts yes"
str_ends_with "file.tar.gz" ".gz" && echo "ends yes"
str_ends_with "file.tar.gz" ".tar" || echo "ends no"
str_pad abc 7 left
str_pad abc 7 right
str_pad abc 8 center
str_pad toolongtext 3 center
str_pad x 3 diagonal 2>&1; echo "pad status $?"
str_count_char "mississippi" s
str_replace_all "a-b-c-d" - "+"
str_replace_all "aaa" a "[a]"
str_quote "it's a \$test"

section parameters
param_demo

section arithmetic
math_gcd 1071 462
math_fib 15
math_factorial 12
math_primes 50
math_isqrt 1000000
math_isqrt 99
math_to_base 255 2
math_to_base 255 16
math_to_base 0 8
math_ops

section arrays
arr_sort 5 3 10 -2 8 1
arr_sort pear apple fig banana
arr_uniq b a b c a d
arr_sum 1 2 3 4 5 100
printf 'the cat saw the dog\nthe dog ran\n' | arr_word_count
declare -a collected=(start)
arr_ref_append collected "two words" three
declare -p collected
arr_sparse

section control
classify 42 7 "" hello World 3x
loops_demo
hanoi 3 A C B

section heredocs
heredoc_demo
heredoc_demo "you"

section traps
trap_demo
cleanup_demo one

section getopts
parse_opts -v -n alice -vv file1 file2
parse_opts -l3 -- -notanoption
parse_opts -x
parse_opts -n
parse_opts

section printf
printf_demo

section read
printf 'a:1\n# comment\n\nb:two:parts\nc:\n' | read_records
printf 'first\n  second  \nno newline at end' | read_lines_raw
printf 'one two three\n  lead\\ space  rest\ncont\\\ninued line\n' | read_cooked
mapfile_demo

section scoping
shared=global-shared
scope_outer
echo "after: $shared $leaked"

section misc
regex_demo
extglob_demo
pipeline_demo
eval_demo
status_demo

section arguments
echo "count $#"
for a in "$@"; do printf '<%s>' "$a"; done
echo
set -- "$@" tail
echo "now ${#@}: ${*:2}"

section stdin
if [ -t 0 ]; then
    echo "stdin is a terminal"
else
    read_lines_raw
fi
echo "done"
