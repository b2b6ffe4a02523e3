#!/bin/sh
# Calls every function of gettext.sh (found on PATH, as documented);
# run by tests/it/realscripts.rs under dash, bash and whelk.
. gettext.sh
TEXTDOMAIN=whelk-test
export TEXTDOMAIN
name='Wörld $HOME `x`'
count=3
eval_gettext 'Hello, $name!'; echo
for n in 0 1 2 5; do
  files=$n
  eval_ngettext 'One file ($files)' '$files files' $n; echo
done
eval_pgettext menu 'In context: ${count} items'; echo
eval_npgettext menu 'one of $count' 'many of $count' 2; echo
x='a  b'; y='with "quotes" and \backslash'
eval_gettext 'x=[$x] y=[$y] unset=[$nosuch] literal=[\$x]'; echo
out=$(eval_gettext 'keeps trailing newline
'; echo .)
printf '[%s]\n' "$out"
gettext 'plain gettext'; echo
ngettext 'one' 'many' 7; echo
echo "PATH still $PATH"
