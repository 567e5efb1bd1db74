#!/usr/bin/env bash
# run-rscs.sh -- the tests of RSCS, the spool service machine
# (guest-os/rscs/README.md).  Runs over the decks tests/guest-os/rscs-*.cards:
#
#   bare     pgsim IPLs RSCS from its disk with three reader files (printed,
#            routed TO CMS2, not a routing card); console, printer and punch
#            must equal rscs-nospool.{out,print,punch}; exit status 0.
#   cp-one   the same under pgvmm with one VM (pgsim's host devices): CP is
#            there but has no spool reader (DIAGNOSE 0x14 answers 2), and
#            RSCS must behave exactly as bare: the same expected files, exit
#            status 0, and console, stderr, printer, punch and exit status
#            byte for byte equal to the bare run's.
#   bare-empty, cp-one-empty  the same two with no reader file:
#            rscs-empty.out, nothing printed or punched, status 0, and the
#            two runs equal byte for byte.
#   spool    pgvmm --directory with two VMs: RSCS (a host deck in its reader)
#            and SENDER (tests/guest-os/rscs-sender.s), which punches four
#            files to RSCS and reads back the one RSCS forwards to it; RSCS's
#            console and printer file and SENDER's console must equal
#            rscs-spool.out, rscs-spool.print, rscs-sender.out -- with CP's
#            default time slice and again with --slice 777 (spool-slice-777).
#
# RSCS's system disk is $RSCS_DISK if set (e.g. build/guest-os/rscs190.disk);
# else guest-os/rscs/rscs.s is assembled and padded to whole blocks, which is
# the same disk: the image at block 0.  UPDATE=1 rewrites the expected files.
# Prints "ok NAME" or "FAIL NAME: reason", then "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
PGAS=${PGAS:-build/pgas}
PGSIM=${PGSIM:-build/pgsim}
PGVMM=${PGVMM:-build/pgvmm}
MAX_CYCLES=50000000
dir=tests/guest-os
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rscs-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok()   { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# verdict NAME: ok, or FAIL with the reasons gathered in the array why.
verdict() {
    if [ ${#why[@]} -eq 0 ]; then ok "$1"; return; fi
    local msg
    msg=$(printf '%s; ' "${why[@]}")
    fail "$1" "${msg%; }"
}

# same EXPECTED GOT: compare (or, with UPDATE=1, rewrite the expected file);
# prints a reason when they differ.
same() {
    if [ "${UPDATE:-0}" = 1 ]; then
        cp "$2" "$1"
        return 0
    fi
    [ -f "$1" ] || { echo "$1 is missing"; return 1; }
    [ -f "$2" ] || { echo "no $(basename "$1" | sed 's/^rscs-//') output was written"; return 1; }
    cmp -s "$1" "$2" && return 0
    echo "$(basename "$1") differs: $(diff "$1" "$2" | head -3 | tr '\n' ' ')"
    return 1
}

# identical WHAT A B: the bare run's file A and the CP run's file B must be
# equal byte for byte (or both not written); prints a reason when not.
identical() {
    if [ ! -e "$2" ] && [ ! -e "$3" ]; then return 0; fi
    if [ -e "$2" ] && [ -e "$3" ] && cmp -s "$2" "$3"; then return 0; fi
    echo "the $1 differs from the bare run's"
    return 1
}

# ---- RSCS's system disk --------------------------------------------------
disk=${RSCS_DISK:-}
if [ -z "$disk" ]; then
    disk=$tmp/rscs190.disk
    if ! "$PGAS" -o "$tmp/rscs.img" guest-os/rscs/rscs.s >"$tmp/pgas.err" 2>&1; then
        echo "FAIL rscs: guest-os/rscs/rscs.s does not assemble: $(head -1 "$tmp/pgas.err")"
        echo "0 passed, 1 failed"
        exit 1
    fi
    size=$(wc -c <"$tmp/rscs.img")
    cp "$tmp/rscs.img" "$disk"
    truncate -s $(( (size + 511) / 512 * 512 )) "$disk"
fi
[ -f "$disk" ] || { echo "FAIL rscs: no disk $disk"; echo "0 passed, 1 failed"; exit 1; }
case $disk in /*) ;; *) disk=$root/$disk ;; esac   # the directory needs it absolute
blocks=$(( $(wc -c <"$disk") / 512 ))
decks=(--reader "$dir/rscs-print.cards" --reader "$dir/rscs-route.cards"
       --reader "$dir/rscs-noroute.cards")

# ---- 1. no CP spool: bare, and under CP with one VM -----------------------
# run NAME PROGRAM [reader options...]: IPL RSCS on PROGRAM (pgsim or pgvmm:
# the same options) with those reader decks; the console, stderr, printer
# and punch go to $tmp/NAME.{out,err,print,punch}, the exit status to
# $tmp/NAME.st.
run() {
    local name=$1 prog=$2
    shift 2
    "$prog" --max-cycles $MAX_CYCLES --ipl 190 --disk "190=$disk,ro" "$@" \
        --printer "$tmp/$name.print" --punch "$tmp/$name.punch" \
        </dev/null >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >"$tmp/$name.st"
}
# status NAME: why+= unless the run NAME ended with exit status 0 (the
# disabled wait 0 at the end of the reader deck).
status() {
    local st
    st=$(cat "$tmp/$1.st")
    [ "$st" -eq 0 ] || why+=("exit status $st, expected 0 ($(head -1 "$tmp/$1.err"))")
}
# same_as_bare BARE CP: why+= for each output of the CP run that is not the
# bare run's, byte for byte.
same_as_bare() {
    local r
    r=$(identical "exit status" "$tmp/$1.st" "$tmp/$2.st") || why+=("$r")
    r=$(identical "console" "$tmp/$1.out" "$tmp/$2.out") || why+=("$r")
    r=$(identical "standard error" "$tmp/$1.err" "$tmp/$2.err") || why+=("$r")
    r=$(identical "printer file" "$tmp/$1.print" "$tmp/$2.print") || why+=("$r")
    r=$(identical "punch file" "$tmp/$1.punch" "$tmp/$2.punch") || why+=("$r")
}

run bare "$PGSIM" "${decks[@]}"
why=()
status bare
r=$(same "$dir/rscs-nospool.out" "$tmp/bare.out") || why+=("$r")
r=$(same "$dir/rscs-nospool.print" "$tmp/bare.print") || why+=("$r")
r=$(same "$dir/rscs-nospool.punch" "$tmp/bare.punch") || why+=("$r")
verdict bare

run cp "$PGVMM" "${decks[@]}"
why=()
status cp
r=$(same "$dir/rscs-nospool.out" "$tmp/cp.out") || why+=("$r")
r=$(same "$dir/rscs-nospool.print" "$tmp/cp.print") || why+=("$r")
r=$(same "$dir/rscs-nospool.punch" "$tmp/cp.punch") || why+=("$r")
same_as_bare bare cp
verdict cp-one

# ---- 1b. the same with an empty reader: nothing printed, stops at once -----
for prog in bare cp; do
    if [ $prog = bare ]; then name=bare-empty; run empty-bare "$PGSIM"
    else name=cp-one-empty; run empty-cp "$PGVMM"; fi
    why=()
    status empty-$prog
    r=$(same "$dir/rscs-empty.out" "$tmp/empty-$prog.out") || why+=("$r")
    [ -s "$tmp/empty-$prog.print" ] && why+=("something was printed")
    [ -s "$tmp/empty-$prog.punch" ] && why+=("something was punched")
    [ $prog = cp ] && same_as_bare empty-bare empty-cp
    verdict $name
done

# ---- 2. under CP, RSCS and a sender exchanging spool files --------------
# Run twice, with CP's default time slice and a short one: RSCS's transcript
# must not depend on how CP interleaves the two VMs.
if "$PGAS" -o "$tmp/sender.img" "$dir/rscs-sender.s" >"$tmp/pgas2.err" 2>&1; then
    cp "$dir/rscs-print.cards" "$tmp/welcome.cards"
    cat >"$tmp/spool.dir" <<EOD
* run-rscs.sh: RSCS and a VM that sends it files
USER RSCS MEMORY 64K
  MDISK 190 $disk 0 $blocks R
  IPL 190
  READER FILE welcome.cards
  PRINTER FILE rscs.print
  CONSOLE FILE rscs.out
USER SENDER MEMORY 64K
  IPL FILE sender.img
  CONSOLE FILE sender.out
EOD
    for slice in default 777; do
        name=spool
        opts=()
        if [ $slice != default ]; then name="spool-slice-$slice"; opts=(--slice $slice); fi
        rm -f "$tmp/rscs.out" "$tmp/rscs.print" "$tmp/sender.out"
        "$PGVMM" "${opts[@]}" --max-cycles $MAX_CYCLES --directory "$tmp/spool.dir" \
            </dev/null >"$tmp/spool.stdout" 2>"$tmp/spool.err"
        st=$?
        why=()
        [ $st -eq 255 ] && why+=("$(head -1 "$tmp/spool.err")")
        [ $st -eq 1 ] || why+=("exit status $st, expected 1 (RSCS idles)")
        grep -q "^pgvmm: RSCS: enabled wait that nothing can end (PSW 0000000a 0000000c)" \
            "$tmp/spool.err" || why+=("RSCS is not in its idle wait")
        grep -q "^pgvmm: SENDER: disabled wait, code 0x00000000" "$tmp/spool.err" \
            || why+=("SENDER did not end with code 0")
        r=$(same "$dir/rscs-spool.out" "$tmp/rscs.out") || why+=("$r")
        r=$(same "$dir/rscs-spool.print" "$tmp/rscs.print") || why+=("$r")
        r=$(same "$dir/rscs-sender.out" "$tmp/sender.out") || why+=("$r")
        verdict $name
    done
else
    fail spool "$dir/rscs-sender.s does not assemble: $(head -1 "$tmp/pgas2.err")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
