#!/bin/sh
# Calls every function of funclib_posix.sh (in the current directory).

. ./funclib_posix.sh

section() { printf '\n== %s\n' "$1"; }

section strings
p_trim "  spaced out   "
p_upper "MiXed"
p_repeat ab 3
p_length "four"
p_basename /usr/lib/
p_basename file
p_basename /
p_dirname /usr/lib/x.so
p_dirname x.so
p_dirname /x
p_join ", " a "b c" d
p_split "a:b::c" :
p_split "one  two" " "
p_match "file.txt" "*.txt"
p_match "file.txt" "f?le.[ct]*"
p_match "file.txt" "*.md"
p_quote "it's a 'test'"

section arithmetic
p_gcd 1071 462
p_fact 10
p_collatz 27
p_arith

section control
p_classify 12 7 "" x9
p_loops
p_hanoi 3 A C B
p_status

section heredocs
p_heredoc
p_heredoc "reader"

section traps
p_traps

section getopts
p_opts -v -f out.txt -v one two
p_opts -fvalue -- -v
p_opts -q 2>/dev/null
p_opts

section printf
p_printf

section reading
printf 'alpha beta gamma delta\n  one\\ two  three\n' | p_read_fields
if [ -t 0 ]; then echo "stdin is a terminal"; else p_read_config; fi

section params
p_params
p_eval

section arguments
echo "$# args"
for a do printf '{%s}' "$a"; done
echo
echo "done"
