#!/bin/bash
# Exercises two real bash libraries shipped with git: the completion
# script (/usr/share/bash-completion/completions/git, which brings its own
# fallbacks for the bash-completion helpers) and the prompt
# (/usr/lib/git-core/git-sh-prompt). Run by tests/it/realscripts.rs under
# bash and whelk in a directory holding the fixture repository `repo`.

. /usr/share/bash-completion/completions/git
. /usr/lib/git-core/git-sh-prompt
cd repo

# Completes the command line $1 as bash's programmable completion would
# call the completion function, and prints the candidates.
t() {
    COMP_LINE=$1
    COMP_POINT=${#COMP_LINE}
    read -r -a COMP_WORDS <<< "$1"
    [[ $1 == *' ' ]] && COMP_WORDS+=('')
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMPREPLY=()
    __git_wrap__git_main 2>&1
    echo "[$1] => $(printf '%s|\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr -d '\n')"
}

t "git ch"
t "git checkout "
t "git checkout fe"
t "git switch -"
t "git commit --am"
t "git log --pretty="
t "git log --date="
t "git config user."
t "git config --get core.fil"
t "git tag -d "
t "git add fi"
t "git rm "
t "git remote "
t "git --git-d"
t "git stash "
t "git stash show "
t "git diff --"
t "git diff HEAD -- fi"
t "git branch -"
t "git merge --s"
t "git help st"
t "git -C . sta"
t "git nosuchcommand --"

__git_ps1 " (%s)"; echo
GIT_PS1_SHOWDIRTYSTATE=1 __git_ps1 " (%s)"; echo
echo changed > file1
echo new > untracked
GIT_PS1_SHOWDIRTYSTATE=1 GIT_PS1_SHOWUNTRACKEDFILES=1 __git_ps1 " (%s)"; echo
GIT_PS1_SHOWUPSTREAM=verbose __git_ps1 " (%s)"; echo
git checkout -q feature
GIT_PS1_SHOWSTASHSTATE=1 GIT_PS1_DESCRIBE_STYLE=tag __git_ps1 "<%s>"; echo
git checkout -q --detach v1.0
GIT_PS1_DESCRIBE_STYLE=contains __git_ps1; echo
GIT_PS1_DESCRIBE_STYLE=branch __git_ps1; echo
__git_ps1 "pre" "post"; echo "PS1=[$PS1]"
GIT_PS1_SHOWCOLORHINTS=1 __git_ps1 "pre" "post" " %s"; echo "PS1=[$PS1]"
cd .git && __git_ps1; echo; cd ..
GIT_PS1_STATESEPARATOR=: GIT_PS1_SHOWDIRTYSTATE=1 __git_ps1 "[%s]"; echo
