# funclib.sh -- a bash function library used by the whelk test suite
# (tests/it/realscripts.rs runs tests/data/funclib_driver.sh, which calls
# every function here, under bash and under whelk and compares).
# Each function prints its result on stdout; nothing depends on time,
# process ids or the environment beyond what the driver sets.

# extglob must be on before the functions using @(…) are parsed.
shopt -s extglob

# ---------------------------------------------------------------- strings

str_trim() {
    local s=$1
    s=${s#"${s%%[![:space:]]*}"}
    s=${s%"${s##*[![:space:]]}"}
    printf '%s\n' "$s"
}

str_upper() { printf '%s\n' "${1^^}"; }
str_lower() { printf '%s\n' "${1,,}"; }
str_capitalize() { local w=${1,,}; printf '%s\n' "${w^}"; }

str_repeat() {
    local s=$1 n=$2 out=
    while (( n-- > 0 )); do out+=$s; done
    printf '%s\n' "$out"
}

str_reverse() {
    local s=$1 out= i
    for (( i = ${#s} - 1; i >= 0; i-- )); do
        out+=${s:i:1}
    done
    printf '%s\n' "$out"
}

str_join() {
    local IFS=$1
    shift
    printf '%s\n' "$*"
}

str_split() {
    local IFS=$2
    local -a parts
    read -r -a parts <<< "$1"
    printf '%d:' "${#parts[@]}"
    printf '[%s]' "${parts[@]}"
    echo
}

str_contains() { [[ $1 == *"$2"* ]]; }
str_starts_with() { [[ $1 == "$2"* ]]; }
str_ends_with() { case $1 in *"$2") return 0 ;; *) return 1 ;; esac; }

str_pad() {
    # str_pad TEXT WIDTH [left|right|center]
    local text=$1 width=$2 how=${3:-right} left right
    local gap=$(( width - ${#text} ))
    (( gap < 0 )) && gap=0
    case $how in
        left) printf '%*s%s\n' "$gap" '' "$text" ;;
        right) printf '%s%*s|\n' "$text" "$gap" '' ;;
        center)
            left=$(( gap / 2 ))
            right=$(( gap - left ))
            printf '%*s%s%*s|\n' "$left" '' "$text" "$right" ''
            ;;
        *) echo "str_pad: bad alignment '$how'" >&2; return 2 ;;
    esac
}

str_count_char() {
    local s=$1 c=$2
    local only=${s//[!"$c"]/}
    echo "${#only}"
}

str_replace_all() { printf '%s\n' "${1//"$2"/"$3"}"; }

str_quote() { printf '%q\n' "$1"; }

# ------------------------------------------------------------ parameters

param_demo() {
    local set='value' empty='' path='/usr/local/lib/libfoo.so.1.2'
    unset -v unset_var
    echo "1 ${unset_var:-default} ${empty:-default} ${set:-default}"
    echo "2 ${unset_var-default} [${empty-default}] ${set-default}"
    echo "3 [${unset_var:+alt}] [${empty:+alt}] ${set:+alt}"
    echo "4 ${path#*/} ${path##*/} ${path%.*} ${path%%.*}"
    echo "5 ${path/lib/LIB} ${path//lib/LIB} ${path/#\/usr/USR} ${path/%2/TWO}"
    echo "6 ${path:5} ${path:5:5} ${path: -3} ${path: -8:3} ${#path}"
    local assigned
    : "${assigned:=now set}"
    echo "7 $assigned"
    local ref=set
    echo "8 ${!ref} ${set@Q} ${set@U} ${set^} ${set~~}"
    local -a arr=(one two three four)
    echo "9 ${arr[@]:1:2} ${#arr[@]} ${arr[-1]} ${!arr[*]} ${arr[*]/o/0}"
    echo "10 ${arr[@]#t} ${arr[@]%e}"
    local many=(pre_a pre_b other)
    local pre_x=1 pre_y=2
    echo "11 ${!pre_*}"
}

# ------------------------------------------------------------ arithmetic

math_gcd() {
    local a=$1 b=$2 t
    while (( b )); do
        t=$b; b=$(( a % b )); a=$t
    done
    echo "$a"
}

math_fib() {
    # Recursive on purpose: exercises deep function calls and locals.
    local n=$1
    if (( n < 2 )); then
        echo "$n"
        return
    fi
    local a b
    a=$(math_fib $(( n - 1 )))
    b=$(math_fib $(( n - 2 )))
    echo $(( a + b ))
}

math_factorial() {
    local n=$1
    (( n <= 1 )) && { echo 1; return; }
    echo $(( n * $(math_factorial $(( n - 1 ))) ))
}

math_primes() {
    local limit=$1 n d is_prime out=()
    for (( n = 2; n <= limit; n++ )); do
        is_prime=1
        for (( d = 2; d * d <= n; d++ )); do
            if (( n % d == 0 )); then is_prime=0; break; fi
        done
        (( is_prime )) && out+=("$n")
    done
    echo "${out[*]}"
}

math_isqrt() {
    local n=$1 x=$1 y
    (( n < 2 )) && { echo "$n"; return; }
    y=$(( (x + n / x) / 2 ))
    while (( y < x )); do
        x=$y
        y=$(( (x + n / x) / 2 ))
    done
    echo "$x"
}

math_to_base() {
    # math_to_base NUMBER BASE (2..16)
    local n=$1 base=$2 digits=0123456789abcdef out=
    (( n == 0 )) && { echo 0; return; }
    while (( n > 0 )); do
        out=${digits:n%base:1}$out
        (( n /= base ))
    done
    echo "$out"
}

math_ops() {
    local x=17 y=5
    echo "$(( x + y )) $(( x - y )) $(( x * y )) $(( x / y )) $(( x % y )) $(( x ** 2 ))"
    echo "$(( x << 2 )) $(( x >> 1 )) $(( x & y )) $(( x | y )) $(( x ^ y )) $(( ~x ))"
    echo "$(( x > y ? x : y )) $(( !x )) $(( x && 0 )) $(( x || 0 )) $(( -x / y )) $(( -x % y ))"
    echo "$(( 0x1f )) $(( 010 )) $(( 2#1011 )) $(( 36#zz )) $(( (x += 3, x * 2) )) $x"
    local -i i=2
    i+=3*4
    echo "$i $(( i++ )) $(( ++i )) $i"
}

# ---------------------------------------------------------------- arrays

arr_sort() {
    # Insertion sort of the arguments, numeric when every item is a number.
    local -a a=("$@")
    local i j key numeric=1
    for key in "${a[@]}"; do [[ $key =~ ^-?[0-9]+$ ]] || numeric=0; done
    for (( i = 1; i < ${#a[@]}; i++ )); do
        key=${a[i]}
        j=$(( i - 1 ))
        while (( j >= 0 )); do
            if (( numeric )); then
                (( a[j] > key )) || break
            else
                [[ ${a[j]} > $key ]] || break
            fi
            a[j+1]=${a[j]}
            (( j-- ))
        done
        a[j+1]=$key
    done
    echo "${a[*]}"
}

arr_uniq() {
    local -A seen=()
    local -a out=()
    local x
    for x in "$@"; do
        [[ -n ${seen[$x]+set} ]] && continue
        seen[$x]=1
        out+=("$x")
    done
    echo "${out[@]}"
}

arr_sum() {
    local total=0 x
    for x; do (( total += x )); done
    echo "$total"
}

arr_word_count() {
    # Counts words read from stdin; prints them sorted by word.
    local -A count=()
    local line word
    while read -r line; do
        for word in $line; do
            (( count[$word]++ ))
        done
    done
    for word in "${!count[@]}"; do
        printf '%s=%d\n' "$word" "${count[$word]}"
    done | sort
}

arr_ref_append() {
    # arr_ref_append ARRAYNAME VALUE... -- appends through a nameref.
    local -n target=$1
    shift
    target+=("$@")
}

arr_sparse() {
    local -a s=()
    s[3]=three; s[10]=ten; s[1]=one
    unset 's[3]'
    echo "${#s[@]} ${!s[*]} ${s[*]}"
    s+=(appended)
    declare -p s
}

# ------------------------------------------------------------- control

classify() {
    local x
    for x; do
        case $x in
            '') echo "empty" ;;
            *[!0-9]*) case $x in
                          [a-z]*) echo "$x: lower word" ;;
                          [A-Z]*) echo "$x: capital word" ;;
                          *) echo "$x: other" ;;
                      esac ;;
            *) if (( x % 2 )); then echo "$x: odd"; else echo "$x: even"; fi ;;
        esac
    done
}

loops_demo() {
    local i=0 out=
    while :; do
        (( i++ ))
        (( i == 2 )) && continue
        (( i > 5 )) && break
        out+="w$i "
    done
    until (( i == 0 )); do (( i-- )); done
    for i in {1..3} {a..c}; do out+="$i"; done
    for (( i = 10; i > 0; i -= 4 )); do out+=" f$i"; done
    local outer inner
    for outer in 1 2 3; do
        for inner in a b c; do
            [[ $inner == b ]] && continue 2
            out+=" $outer$inner"
        done
    done
    echo "$out"
}

hanoi() {
    # hanoi N FROM TO VIA -- prints the moves.
    local n=$1 from=$2 to=$3 via=$4
    (( n == 0 )) && return
    hanoi $(( n - 1 )) "$from" "$via" "$to"
    echo "disk $n: $from -> $to"
    hanoi $(( n - 1 )) "$via" "$to" "$from"
}

# ----------------------------------------------------------- here-docs

heredoc_demo() {
    local who=${1:-world} n=3
    cat <<EOF
Hello, $who! n+1=$(( n + 1 )) cmd=$(echo sub)
  indented \$literal and \`backticks\`
EOF
    cat <<'EOF'
Quoted: $who $(( n )) stays literal\n
EOF
    cat <<-EOF
	tab-stripped for $who
		second level
	EOF
    local text
    text=$(cat <<EOF
captured $who
EOF
)
    echo "[$text]"
}

# ---------------------------------------------------------------- traps

trap_demo() {
    (
        trap 'echo "exit trap in subshell, status $?"' EXIT
        echo "in subshell"
        exit 3
    )
    echo "subshell returned $?"
    (
        trap 'echo "ERR trap: status $?"' ERR
        false
        echo "after false"
    )
    local saved
    saved=$(trap -p INT)
    trap 'echo never' INT
    trap - INT
    echo "INT trap now: [$(trap -p INT)] before: [$saved]"
}

cleanup_demo() {
    local dir=tmp.$1
    mkdir -p "$dir"
    (
        trap 'rm -rf "$dir"; echo "cleaned $dir"' EXIT
        echo data > "$dir/file"
        [[ -f $dir/file ]] && echo "made $dir/file"
    )
    [[ -e $dir ]] && echo "still there" || echo "gone"
}

# --------------------------------------------------------------- getopts

parse_opts() {
    local OPTIND=1 opt verbose=0 name=none level=0
    local -a rest
    while getopts ':vn:l:' opt; do
        case $opt in
            v) (( verbose++ )) ;;
            n) name=$OPTARG ;;
            l) level=$OPTARG ;;
            :) echo "missing argument for -$OPTARG"; return 2 ;;
            \?) echo "unknown option -$OPTARG"; return 2 ;;
        esac
    done
    shift $(( OPTIND - 1 ))
    rest=("$@")
    echo "verbose=$verbose name=$name level=$level rest=${#rest[@]}:${rest[*]}"
}

# --------------------------------------------------------------- printf

printf_demo() {
    printf '%5s|%-5s|%.2s|\n' ab cd efgh
    printf '%05d|%-5d|%+d|%x|%X|%o|%#x|%#o\n' 42 42 42 255 255 8 255 8
    printf '%.3f|%10.2f|%-8.1e|%g\n' 3.14159 2.5 12345.678 0.0001
    printf '%s,' a b c; echo
    printf '%c%c\n' hello world
    printf '%b\n' 'tab\there' 'oct\101'
    printf '[%*d] [%-*d]\n' 4 7 4 7
    local v
    printf -v v '%03d-%s' 7 seven
    echo "$v"
    printf '%q %q\n' 'a b' "it's"
    printf '%%literal %s\n'
}

# ------------------------------------------------------------ read loops

read_records() {
    # Reads KEY:VALUE lines from stdin, skipping comments and blanks.
    local key value n=0
    while IFS=: read -r key value; do
        [[ -z $key || $key == \#* ]] && continue
        (( n++ ))
        printf '%d %s => %s\n' "$n" "$key" "$value"
    done
    echo "records: $n"
}

read_lines_raw() {
    local line count=0
    while IFS= read -r line || [[ -n $line ]]; do
        (( count++ ))
        printf '%d:[%s]\n' "$count" "$line"
    done
}

read_cooked() {
    local a b
    while read a b; do
        printf '<%s|%s>\n' "$a" "$b"
    done
}

mapfile_demo() {
    local -a lines
    mapfile -t lines < <(printf '%s\n' zeta alpha mid)
    echo "${#lines[@]}: ${lines[1]}"
    mapfile -t -s 1 -n 1 lines <<< $'skip\nkeep\nignored'
    echo "${lines[*]}"
}

# ---------------------------------------------------------------- scoping

scope_outer() {
    local shared=outer
    scope_inner
    echo "outer sees: $shared ${leaked-unset}"
}

scope_inner() {
    echo "inner sees: $shared"
    shared=changed-by-inner
    leaked=global
}

# ------------------------------------------------------------------ misc

regex_demo() {
    local s
    for s in "2024-01-31" "v1.2.3" "no match"; do
        if [[ $s =~ ^([0-9]{4})-([0-9]{2})-([0-9]{2})$ ]]; then
            echo "date y=${BASH_REMATCH[1]} m=${BASH_REMATCH[2]} d=${BASH_REMATCH[3]}"
        elif [[ $s =~ v([0-9]+)\.([0-9]+)\.([0-9]+) ]]; then
            echo "version ${BASH_REMATCH[*]}"
        else
            echo "no match for '$s'"
        fi
    done
}

extglob_demo() {
    local f
    for f in file.txt file.tar.gz notes.md README; do
        case $f in
            *.@(txt|md)) echo "$f: text" ;;
            !(*.*)) echo "$f: no extension" ;;
            *) echo "$f: other" ;;
        esac
    done
}

pipeline_demo() {
    true | false | true
    echo "PIPESTATUS ${PIPESTATUS[*]}"
    set -o pipefail
    false | true
    echo "pipefail status $?"
    set +o pipefail
    printf '%s\n' c a b | sort | tr '\n' ' '
    echo
    local n
    n=$(printf 'x\ny\nz\n' | wc -l)
    echo "lines: $(( n ))"
}

eval_demo() {
    local name=dyn_var value='spaces  and $dollar'
    eval "$name=\$value"
    echo "$dyn_var"
    eval 'set -- "$@" extra'
    echo "args now: $#"
    echo "type: $(type -t str_trim) $(type -t echo) $(type -t ls)"
}

status_demo() {
    return_code() { return "$1"; }
    return_code 7; echo "status $?"
    ! return_code 0; echo "negated $?"
    return_code 0 && echo "and-list ran"
    return_code 1 || echo "or-list ran"
    if ! return_code 4; then echo "if-not ran"; fi
    local out
    out=$(exit 9) || echo "command substitution status $?"
}
