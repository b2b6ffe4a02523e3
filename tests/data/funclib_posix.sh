# funclib_posix.sh -- a POSIX sh function library used by the whelk test
# suite (tests/it/realscripts.rs runs funclib_posix_driver.sh under dash,
# bash and whelk and compares). Only POSIX features: no arrays, no
# `local`, no [[ ]]; globals carry a per-function prefix instead.

# ---------------------------------------------------------------- strings

p_trim() {
    p_trim_s=$1
    p_trim_s=${p_trim_s#"${p_trim_s%%[![:space:]]*}"}
    p_trim_s=${p_trim_s%"${p_trim_s##*[![:space:]]}"}
    printf '%s\n' "$p_trim_s"
}

p_upper() { printf '%s\n' "$1" | tr '[:lower:]' '[:upper:]'; }

p_repeat() {
    p_repeat_out= p_repeat_n=$2
    while [ "$p_repeat_n" -gt 0 ]; do
        p_repeat_out=$p_repeat_out$1
        p_repeat_n=$((p_repeat_n - 1))
    done
    printf '%s\n' "$p_repeat_out"
}

p_length() { printf '%s\n' "${#1}"; }

p_basename() {
    p_bn=${1%"${1##*[!/]}"}
    p_bn=${p_bn##*/}
    [ -n "$p_bn" ] || p_bn=/
    printf '%s\n' "$p_bn"
}

p_dirname() {
    case $1 in
        */*) p_dn=${1%/*}; printf '%s\n' "${p_dn:-/}" ;;
        *) echo . ;;
    esac
}

p_join() {
    p_join_sep=$1
    shift
    p_join_out=
    for p_join_x do
        p_join_out=${p_join_out:+$p_join_out$p_join_sep}$p_join_x
    done
    printf '%s\n' "$p_join_out"
}

p_split() {
    # p_split TEXT SEPARATOR: one field per line, empty fields kept.
    p_split_old=$IFS
    IFS=$2
    set -f
    set -- $1
    set +f
    IFS=$p_split_old
    printf '%s fields:' "$#"
    printf ' <%s>' "$@"
    echo
}

p_match() {
    case $1 in
        $2) echo "'$1' matches '$2'" ;;
        *) echo "'$1' does not match '$2'" ;;
    esac
}

p_quote() {
    # Single-quotes a string for reuse as shell input.
    printf "'%s'\n" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# ------------------------------------------------------------ arithmetic

p_gcd() {
    p_gcd_a=$1 p_gcd_b=$2
    while [ "$p_gcd_b" -ne 0 ]; do
        set -- "$p_gcd_b" $((p_gcd_a % p_gcd_b))
        p_gcd_a=$1 p_gcd_b=$2
    done
    echo "$p_gcd_a"
}

p_fact() {
    # Recursive through command substitution (each level a subshell).
    if [ "$1" -le 1 ]; then
        echo 1
    else
        echo $(( $1 * $(p_fact $(($1 - 1))) ))
    fi
}

p_collatz() {
    p_c_n=$1 p_c_steps=0
    while [ "$p_c_n" -ne 1 ]; do
        if [ $((p_c_n % 2)) -eq 0 ]; then
            p_c_n=$((p_c_n / 2))
        else
            p_c_n=$((3 * p_c_n + 1))
        fi
        p_c_steps=$((p_c_steps + 1))
    done
    echo "$1 takes $p_c_steps steps"
}

p_arith() {
    x=7 y=3
    echo "$((x + y)) $((x - y)) $((x * y)) $((x / y)) $((x % y))"
    echo "$((x << 1)) $((x >> 1)) $((x & y)) $((x | y)) $((x ^ y)) $((~x))"
    echo "$((x > y)) $((x == 7 ? 100 : 200)) $((!y)) $((0x10 + 010)) $((-x / 2))"
    : $((x += 5)) $((y *= 2))
    echo "x=$x y=$y"
}

# --------------------------------------------------------------- control

p_classify() {
    for p_cl_x do
        case $p_cl_x in
            '') echo "empty" ;;
            *[!0-9]*) echo "$p_cl_x: not a number" ;;
            *) if [ $((p_cl_x % 2)) -eq 0 ]; then echo "$p_cl_x: even"; else echo "$p_cl_x: odd"; fi ;;
        esac
    done
}

p_loops() {
    p_l_i=0 p_l_out=
    while :; do
        p_l_i=$((p_l_i + 1))
        [ "$p_l_i" -eq 2 ] && continue
        [ "$p_l_i" -gt 4 ] && break
        p_l_out="$p_l_out w$p_l_i"
    done
    until [ "$p_l_i" -eq 0 ]; do p_l_i=$((p_l_i - 1)); done
    for p_l_a in 1 2 3; do
        for p_l_b in x y z; do
            [ "$p_l_b" = y ] && continue 2
            p_l_out="$p_l_out $p_l_a$p_l_b"
        done
    done
    echo "$p_l_out"
}

p_hanoi() {
    if [ "$1" -gt 0 ]; then
        p_hanoi $(($1 - 1)) "$2" "$4" "$3"
        echo "move $1 $2->$3"
        p_hanoi $(($1 - 1)) "$4" "$3" "$2"
    fi
}

p_status() {
    p_ret() { return "$1"; }
    p_ret 5; echo "status $?"
    ! p_ret 0; echo "negated $?"
    p_ret 1 || echo "or ran"
    p_ret 0 && echo "and ran"
    (exit 4); echo "subshell $?"
    if p_ret 2; then :; else echo "else branch, status $?"; fi
}

# ------------------------------------------------------ here-docs, traps

p_heredoc() {
    p_hd_who=${1:-everyone}
    cat <<EOF
Dear $p_hd_who, 2+2=$((2 + 2)), cmd=$(echo output)
  keep \$this and \\ this
EOF
    cat <<'EOF'
no $expansion `here`
EOF
    cat <<-EOF
	leading tabs removed for $p_hd_who
	EOF
}

p_traps() {
    (
        trap 'echo "exit trap, status $?"' EXIT
        echo "working"
        exit 6
    )
    echo "subshell gave $?"
    (
        trap 'echo "caught TERM"; exit 0' TERM
        # The subshell is sh's parent: it gets the signal and runs its trap.
        sh -c 'kill -TERM $PPID'
        echo "not reached"
    )
    trap 'echo never' USR1
    trap - USR1
    echo "USR1 trap: [$(trap)]"
}

# ------------------------------------------------------ getopts, printf

p_opts() {
    OPTIND=1
    p_o_verbose=0 p_o_file=none
    while getopts vf: p_o_opt; do
        case $p_o_opt in
            v) p_o_verbose=$((p_o_verbose + 1)) ;;
            f) p_o_file=$OPTARG ;;
            ?) echo "usage error"; return 2 ;;
        esac
    done
    shift $((OPTIND - 1))
    echo "verbose=$p_o_verbose file=$p_o_file args=$#:$*"
}

p_printf() {
    printf '%5s|%-5s|%.1s|\n' ab cd ef
    printf '%03d|%-4d|%x|%o|%X\n' 7 7 255 8 171
    printf '%s-%s\n' a b c d e
    printf 'percent %% and char %c\n' xyz
    printf '%d %d\n' "'A" 012
    printf '[%s]\n'
}

# --------------------------------------------------------------- reading

p_read_config() {
    # Reads KEY=VALUE lines from stdin; skips comments, blanks and junk.
    p_rc_n=0
    while IFS= read -r p_rc_line || [ -n "$p_rc_line" ]; do
        case $p_rc_line in
            ''|'#'*) continue ;;
            *=*) ;;
            *) echo "ignored: $p_rc_line"; continue ;;
        esac
        p_rc_key=${p_rc_line%%=*}
        p_rc_val=${p_rc_line#*=}
        p_rc_key=$(p_trim "$p_rc_key")
        p_rc_val=$(p_trim "$p_rc_val")
        p_rc_n=$((p_rc_n + 1))
        echo "$p_rc_key -> [$p_rc_val]"
    done
    echo "$p_rc_n settings"
}

p_read_fields() {
    while read -r p_rf_a p_rf_b p_rf_rest; do
        echo "a=$p_rf_a b=$p_rf_b rest=$p_rf_rest"
    done
}

# --------------------------------------------------------------- params

p_params() {
    unset p_pp_unset
    p_pp_empty= p_pp_path=/a/b/c.tar.gz
    echo "${p_pp_unset:-d1} ${p_pp_empty:-d2} [${p_pp_empty-d3}] [${p_pp_unset+set}]"
    echo "${p_pp_path#*/} ${p_pp_path##*/} ${p_pp_path%.*} ${p_pp_path%%.*}"
    : "${p_pp_new:=assigned}"
    echo "$p_pp_new ${#p_pp_path}"
    (: "${p_pp_unset?is required}") 2>/dev/null || echo "? failed in subshell"
    set -- "a b" c "" d
    echo "$# [$*] [$1]"
    for p_pp_x in "$@"; do printf '<%s>' "$p_pp_x"; done
    echo
    p_pp_IFS=$IFS
    IFS=,
    echo "$*"
    IFS=$p_pp_IFS
}

p_eval() {
    p_ev_name=dynamic
    eval "$p_ev_name='value with spaces'"
    echo "$dynamic"
    p_ev_cmd='echo "evaluated: $1"'
    set -- first
    eval "$p_ev_cmd"
    echo "command -v: $(command -v p_eval) $(command -v cat)"
}
