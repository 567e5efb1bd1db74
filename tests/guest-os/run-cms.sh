#!/usr/bin/env bash
# run-cms.sh -- scripted console sessions of CMS (guest-os/cms/README.md).
#
# Each tests/guest-os/cms-NAME.in is typed at CMS's console; CMS is IPLed
# from its system disk 190 with an A-disk 191, on pgsim and under pgvmm
# (both: --ipl 190 --max-cycles 2000000000).  The console output of each
# must equal tests/guest-os/cms-NAME.out, and the two must be byte-identical.
#
# A-disks: each session gets a fresh copy of the all-zero A-disk, except
#   - a session named cms-BASE-2, -3, ... continues on the A-disk that
#     cms-BASE-1 (and so on) left, one chain for pgsim and one for pgvmm:
#     files persisting across a second IPL;
#   - cms-full* sessions get a small all-zero A-disk of 24 blocks (15 data
#     blocks), to fill it.
# A session that uses CP on purpose (DIAGNOSE) has two expected transcripts,
# cms-NAME.pgsim.out and cms-NAME.pgvmm.out, instead of cms-NAME.out; its
# two outputs are not compared with each other.
#
# Then the spool step, cms-spool: pgvmm --directory with two CMS users
# sharing the system disk, each with its own A-disk made by build/cmsdisk
# holding a PROFILE EXEC (tests/guest-os/cms-spool-cms1.exec, -cms2.exec).
# Their consoles have no input, so each runs its PROFILE EXEC and logs off:
# CMS1 EDITs NOTE TEXT and PUNCHes it TO CMS2; CMS2 READCARDs and TYPEs it.
# The consoles must equal cms-spool-cms1.out and cms-spool-cms2.out.
#
# Disks: $CMS190 (default build/guest-os/cms190.disk) and $A191 (default
# build/guest-os/a191.disk), as `make` builds them.  UPDATE=1 rewrites the
# expected .out files from pgsim's output.
# Prints "ok NAME" or "FAIL NAME: reason", then "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
PGSIM=${PGSIM:-build/pgsim}
PGVMM=${PGVMM:-build/pgvmm}
CMS190=${CMS190:-build/guest-os/cms190.disk}
A191=${A191:-build/guest-os/a191.disk}
MAX_CYCLES=2000000000
dir=tests/guest-os
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cms-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok()   { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }

for f in "$CMS190" "$A191"; do
    if [ ! -f "$f" ]; then
        echo "FAIL cms: $f is missing (run make)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
cp "$CMS190" "$tmp/cms190.disk"         # never touch the built disk

# adisk NAME MACHINE: the A-disk file for this session on this machine.
adisk() {
    local name=$1 m=$2 base num prev
    case $name in
        *-[2-9])
            base=${name%-*}; num=${name##*-}; prev=$base-$((num - 1))
            if [ -f "$tmp/$prev.$m.a191" ]; then
                cp "$tmp/$prev.$m.a191" "$tmp/$name.$m.a191"
            else
                cp "$A191" "$tmp/$name.$m.a191"
            fi ;;
        cms-full*)
            head -c $((24 * 512)) /dev/zero >"$tmp/$name.$m.a191" ;;
        *)
            cp "$A191" "$tmp/$name.$m.a191" ;;
    esac
    echo "$tmp/$name.$m.a191"
}

for in in $(ls "$dir"/cms-*.in | sort); do
    name=$(basename "$in" .in)
    want=$dir/$name.out
    why=""
    for m in pgsim pgvmm; do
        prog=$PGSIM; [ $m = pgvmm ] && prog=$PGVMM
        a=$(adisk "$name" $m)
        "$prog" --ipl 190 --disk 190="$tmp/cms190.disk" --disk 191="$a" \
            --max-cycles $MAX_CYCLES <"$in" >"$tmp/$name.$m.out" 2>"$tmp/$name.$m.err"
        st=$?
        if [ $st -ne 0 ]; then
            why="$m exited with status $st${why:+; $why}"
        fi
    done
    if [ -f "$dir/$name.pgsim.out" ] || [ -f "$dir/$name.pgvmm.out" ]; then
        # uses CP on purpose: one expected transcript per machine
        if [ -z "$why" ]; then
            for m in pgsim pgvmm; do
                if [ "${UPDATE:-0}" = 1 ]; then
                    cp "$tmp/$name.$m.out" "$dir/$name.$m.out"
                elif ! cmp -s "$dir/$name.$m.out" "$tmp/$name.$m.out"; then
                    why="$m output differs from $name.$m.out: $(diff "$dir/$name.$m.out" "$tmp/$name.$m.out" | head -4 | tr '\n' ' ')"
                fi
            done
        fi
        if [ -z "$why" ]; then ok "$name"; else fail "$name" "$why"; fi
        continue
    fi
    if [ -z "$why" ] && ! cmp -s "$tmp/$name.pgsim.out" "$tmp/$name.pgvmm.out"; then
        why="pgsim and pgvmm differ: $(diff "$tmp/$name.pgsim.out" "$tmp/$name.pgvmm.out" | head -3 | tr '\n' ' ')"
    fi
    if [ -z "$why" ]; then
        if [ "${UPDATE:-0}" = 1 ]; then
            cp "$tmp/$name.pgsim.out" "$want"
        elif [ ! -f "$want" ]; then
            why="$want is missing"
        elif ! cmp -s "$want" "$tmp/$name.pgsim.out"; then
            why="output differs from $name.out: $(diff "$want" "$tmp/$name.pgsim.out" | head -4 | tr '\n' ' ')"
        fi
    fi
    if [ -z "$why" ]; then ok "$name"; else fail "$name" "$why"; fi
done

# ---- the spool step: two CMS users under CP --------------------------------
CMSDISK=${CMSDISK:-build/cmsdisk}
spool() {
    local s=$tmp/spool n
    mkdir -p "$s" || return 1
    cp "$CMS190" "$s/cms190.disk" || return 1
    for n in 1 2; do
        "$CMSDISK" create "$s/a$n.disk" 256 >/dev/null &&
        "$CMSDISK" format "$s/a$n.disk" --label CMS191 >/dev/null &&
        "$CMSDISK" put "$s/a$n.disk" "$dir/cms-spool-cms$n.exec" PROFILE EXEC >/dev/null ||
            { echo "cmsdisk could not make the A-disk of CMS$n"; return 1; }
    done
    cat >"$s/spool.direct" <<DIRECT
* two CMS users sharing the system disk read-only, each with its A-disk
USER CMS1 MEMORY 1M
  MDISK 190 cms190.disk 0 2048 R
  MDISK 191 a1.disk 0 256 W
  IPL 190
  CONSOLE FILE cms1.console
USER CMS2 MEMORY 1M
  MDISK 190 cms190.disk 0 2048 R
  MDISK 191 a2.disk 0 256 W
  IPL 190
  CONSOLE FILE cms2.console
DIRECT
    "$PGVMM" --directory "$s/spool.direct" --max-cycles $MAX_CYCLES \
        >"$s/pgvmm.out" 2>"$s/pgvmm.err" </dev/null ||
        { echo "pgvmm exited with status $?: $(head -2 "$s/pgvmm.err" | tr '\n' ' ')"; return 1; }
    for n in 1 2; do
        if [ "${UPDATE:-0}" = 1 ]; then
            cp "$s/cms$n.console" "$dir/cms-spool-cms$n.out"
        elif ! cmp -s "$s/cms$n.console" "$dir/cms-spool-cms$n.out"; then
            echo "CMS$n's console differs from cms-spool-cms$n.out: $(diff "$dir/cms-spool-cms$n.out" "$s/cms$n.console" | head -4 | tr '\n' ' ')"
            return 1
        fi
    done
}
if why=$(spool); then ok cms-spool; else fail cms-spool "$why"; fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
