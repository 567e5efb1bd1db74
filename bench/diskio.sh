#!/bin/sh
# diskio.sh -- the paravirtual gain, measured: a CMS workload under CP whose
# disk blocks move by channel programs (SEEK + READ/WRITE, polled with tio:
# CMS's default) and then by DIAGNOSE 0x0018 (SET DISKIO DIAG), the same
# work both ways.  The workload: an A-disk holding a 60000-byte file (put
# there by cmsdisk), copied by COPYFILE and the copy erased, COPIES times
# (default 40).
#
#   sh bench/diskio.sh [--raw] [--runs N]
#
# Prints, per way, the disk blocks moved, the traps CP handled (emulated +
# reflected + hidden faults) and per block, the host time (best of N runs,
# default 3) and per block, and, with valgrind, the host instructions per
# block (exact, repeatable).  --raw prints "KEY: VALUE" lines only (blocks
# and traps, deterministic; lab vio's grader compares them).
set -e
B=${B:-build}
RAW=false
RUNS=3
COPIES=${COPIES:-40}
while [ $# -gt 0 ]; do
    case $1 in
        --raw) RAW=true; shift ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "usage: sh bench/diskio.sh [--raw] [--runs N]" >&2; exit 2 ;;
    esac
done
for f in "$B/pgvmm" "$B/cmsdisk" "$B/guest-os/cms190.disk"; do
    [ -e "$f" ] || { echo "diskio: $f is missing (run make)" >&2; exit 2; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/diskio.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The A-disk: formatted, with BIG TEXT (60000 bytes of numbered lines).
"$B/cmsdisk" create "$tmp/a.disk" 1024 >/dev/null
"$B/cmsdisk" format "$tmp/a.disk" >/dev/null
awk 'BEGIN { for (i = 1; i <= 1000; i++) printf "line %04d of the big file, to be copied %-26s\n", i, "over and over" }' |
    head -c 60000 >"$tmp/big.txt"
"$B/cmsdisk" put "$tmp/a.disk" "$tmp/big.txt" BIG TEXT >/dev/null

# The session, for one way of moving blocks and a number of copies.
session() {
    echo "SET DISKIO $1"
    i=1
    while [ $i -le "$2" ]; do
        echo "COPYFILE BIG TEXT COPY TEXT"
        echo "ERASE COPY TEXT"
        i=$((i + 1))
    done
    echo "LOGOFF"
}

# One run under CP (way, copies): --stats in $tmp/W-N.stats, host seconds in $secs.
run() {
    cp "$tmp/a.disk" "$tmp/$1-$2.disk"
    session "$1" "$2" >"$tmp/$1-$2.in"
    t0=$(date +%s.%N)
    "$B/pgvmm" --stats --ipl 190 --disk 190="$B/guest-os/cms190.disk,ro" --disk 191="$tmp/$1-$2.disk" \
        <"$tmp/$1-$2.in" >"$tmp/$1-$2.out" 2>"$tmp/$1-$2.stats" ||
        { echo "diskio: CMS under CP failed ($1):" >&2; tail -n 5 "$tmp/$1-$2.stats" >&2; exit 1; }
    t1=$(date +%s.%N)
    secs=$(echo "$t0 $t1" | awk '{printf "%.6f", $2 - $1}')
    if grep -q '^R(' "$tmp/$1-$2.out"; then
        echo "diskio: a CMS command failed ($1):" >&2
        grep -B1 '^R(' "$tmp/$1-$2.out" | head -n 4 >&2
        exit 1
    fi
}

# Blocks and traps of a run's stats: "BLOCKS TRAPS" (traps: emulated +
# reflected + hidden faults).
counts() {
    b=$(sed -n 's/.*disk blocks \([0-9]*\) by channel programs, \([0-9]*\) by DIAGNOSE.*/\1 \2/p' "$1" |
        awk '{print $1 + $2}')
    e=$(sed -n 's/.* direct, \([0-9]*\) emulated.*/\1/p' "$1")
    r=$(sed -n 's/.*reflected \([^;]*\);.*/\1/p' "$1" | awk '{for (i = 2; i <= NF; i += 2) s += $i; print s + 0}')
    h=$(sed -n 's/.*hidden faults \([0-9]*\).*/\1/p' "$1")
    echo "$b $((e + r + h))"
}

# Host instructions of a run (callgrind: exact and repeatable), or 0.
ir() {
    command -v valgrind >/dev/null 2>&1 || { echo 0; return; }
    cp "$tmp/a.disk" "$tmp/ir.disk"
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B/pgvmm" --ipl 190 \
        --disk 190="$B/guest-os/cms190.disk,ro" --disk 191="$tmp/ir.disk" <"$tmp/$1-$2.in" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

# Measure (way, copies): "BLOCKS TRAPS BEST-SECONDS" into $m.
measure() {
    best=
    k=0
    while [ $k -lt "$RUNS" ]; do
        run "$1" "$2"
        best=$(echo "$secs ${best:-$secs}" | awk '{print ($1 < $2) ? $1 : $2}')
        k=$((k + 1))
    done
    m="$(counts "$tmp/$1-$2.stats") $best"
}

for way in CCW DIAG; do
    measure $way "$COPIES"
    eval "${way}_n=\"$m\""
    cmp -s "$tmp/CCW-$COPIES.out" "$tmp/$way-$COPIES.out" ||
        { echo "diskio: the transcripts differ between the two ways" >&2; exit 1; }
done
cmp -s "$tmp/CCW-$COPIES.disk" "$tmp/DIAG-$COPIES.disk" ||
    { echo "diskio: the A-disks differ between the two ways" >&2; exit 1; }

if $RAW; then
    set -- $CCW_n
    echo "ccw-blocks: $1"
    echo "ccw-traps: $2"
    set -- $DIAG_n
    echo "diag-blocks: $1"
    echo "diag-traps: $2"
    exit 0
fi

# Per block: the difference between the workload and an empty session (IPL,
# SET, LOGOFF), so that what every session costs does not count.
echo "DIAGNOSE block I/O against channel programs: CMS under CP copying a 60000-byte file"
echo "$COPIES times, against an empty session (per block: the difference of the two; host"
echo "time: best of $RUNS runs; host instructions: callgrind)"
for way in CCW DIAG; do
    measure $way 0
    eval "big=\$${way}_n"
    i1=$(ir $way "$COPIES")
    i0=$(ir $way 0)
    line=$(echo "$big $m $i1 $i0" | awk '{ db = $1 - $4
        printf "%6d blocks, %6.2f traps, %5.2f us, %6.0f host instructions per block", db,
               ($2 - $5) / db, ($3 - $6) * 1e6 / db, ($7 - $8) / db }')
    [ $way = CCW ] && label="channel programs:" || label="DIAGNOSE 0x0018: "
    echo "  $label $line"
    eval "${way}_line=\"$(echo "$big $m $i1 $i0" | awk '{db = $1 - $4; print ($2 - $5) / db, ($3 - $6) / db, ($7 - $8) / db}')\""
done
echo "$CCW_line $DIAG_line" | awk '{
    printf "  DIAGNOSE: %.0fx fewer traps, %.1fx less host time, %.1fx fewer host instructions per block\n",
           $1 / $4, $2 / $5, $3 / $6 }'
