#!/bin/sh
# run-bench.sh -- make bench: guest MIPS of pgsim on each benchmark (with
# --stats), then CP's figures: a compute-bound guest under CP against bare,
# the host cost of one trap-and-emulate round trip, and 1000 small VMs at once.
set -e
B=${B:-build}
mkdir -p "$B/bench"
for name in alu memory svc privop small; do
    "$B/pgas" -o "$B/bench/$name.img" "bench/$name.s"
done

# The value of a "prog: KEY VALUE" line of --stats output.
stat() { sed -n "s/^$1: $2 \([0-9.]*\).*/\1/p" "$3" | head -n 1; }

# Run a tool with --stats on an image; its stats in $B/bench/NAME.TOOL.
run() {
    status=0
    "$B/$1" --stats "$B/bench/$2.img" </dev/null 2>"$B/bench/$2.$1" || status=$?
    if [ "$status" != 0 ]; then
        echo "bench $2: $1 exited with status $status" >&2
        cat "$B/bench/$2.$1" >&2
        exit 1
    fi
}

echo "== pgsim, the bare machine"
for name in alu memory svc; do
    run pgsim $name
    printf '%-8s %8s guest MIPS\n' "$name" "$(stat pgsim 'guest MIPS' "$B/bench/$name.pgsim")"
    sed 's/^pgsim: /         /' "$B/bench/$name.pgsim"
done

echo "== CP (pgvmm); times are the best of 4 runs, bare and CP taking turns"
# The best host seconds of 4 runs of each tool on an image, the two tools
# taking turns going first (whichever runs second in a pair tends to run
# slower on a shared host, so a fixed order would bias the comparison).
best() {
    b1=; b2=
    for k in 1 2 3 4; do
        if [ $((k % 2)) = 1 ]; then order="pgsim pgvmm"; else order="pgvmm pgsim"; fi
        for tool in $order; do
            run $tool "$1"
            t=$(sed -n 's/.*host seconds \([0-9.]*\).*/\1/p' "$B/bench/$1.$tool")
            if [ $tool = pgsim ]; then b1=$(echo "$t ${b1:-$t}" | awk '{print ($1 < $2) ? $1 : $2}')
            else b2=$(echo "$t ${b2:-$t}" | awk '{print ($1 < $2) ? $1 : $2}'); fi
        done
    done
}
best alu
echo "compute-bound guest (alu): bare $b1 s, under CP $b2 s: $(echo "$b1 $b2" | awk '{printf "%.1f", 100 * $1 / $2}')% of bare speed"
one=$(echo "$b2" | awk '{printf "%.1f", 1073741826 / $1 / 1e6}')

# The same comparison without the host's timing noise: host instructions
# executed (callgrind counts them exactly), on a shorter run of the loop.
if command -v valgrind >/dev/null 2>&1; then
    sed 's/lui   r2, 0x1000 .*/lui   r2, 0x40/' bench/alu.s >"$B/bench/alu-short.s"
    "$B/pgas" -o "$B/bench/alu-short.img" "$B/bench/alu-short.s"
    ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B/$1" "$B/bench/alu-short.img" 2>&1 </dev/null |
           sed -n 's/.*Collected : \([0-9]*\).*/\1/p'; }
    i1=$(ir pgsim); i2=$(ir pgvmm)
    echo "compute-bound guest, host instructions (callgrind, 2^24 guest instructions): bare $i1, under CP $i2: $(echo "$i1 $i2" | awk '{printf "%.2f", 100 * $1 / $2}')% of bare"
fi

best privop
traps=$(sed -n 's/.*instructions [0-9]* direct, \([0-9]*\) emulated.*/\1/p' "$B/bench/privop.pgvmm")
echo "trap-and-emulate round trip (privop, $traps traps): $(echo "$b1 $b2 $traps" | awk '{printf "%.0f", ($2 - $1) * 1e9 / $3}') ns each beyond bare execution ($(echo "$b2 $traps" | awk '{printf "%.0f", $1 * 1e9 / $2}') ns per loop iteration under CP)"

set --
i=0
while [ $i -lt 1000 ]; do set -- "$@" "$B/bench/small.img"; i=$((i + 1)); done
many=0
for k in 1 2 3; do
    "$B/pgvmm" --stats --mem 64K --real-mem 128M "$@" </dev/null 2>"$B/bench/small.pgvmm" || {
        echo "bench small: pgvmm failed" >&2; tail -5 "$B/bench/small.pgvmm" >&2; exit 1; }
    m=$(sed -n 's/.*guest MIPS \([0-9.]*\).*/\1/p' "$B/bench/small.pgvmm")
    many=$(echo "$m $many" | awk '{print ($1 > $2) ? $1 : $2}')
done
echo "1000 small VMs at once (best of 3): $many guest MIPS in all; one VM alone (alu under CP, best of 4): $one guest MIPS ($(echo "$many $one" | awk '{printf "%.1f", 100 * $1 / $2}')%)"

# The same comparison in host instructions (callgrind; no timing noise):
# 1000 VMs of 2^16 loop iterations against one VM doing all 1000 x 2^16.
if command -v valgrind >/dev/null 2>&1; then
    sed 's/lui   r2, 0x4 .*/lui   r2, 0x1/' bench/small.s >"$B/bench/tiny.s"
    sed 's/lui   r2, 0x4 .*/lui   r2, 0x3E8/' bench/small.s >"$B/bench/tiny1000.s"
    "$B/pgas" -o "$B/bench/tiny.img" "$B/bench/tiny.s"
    "$B/pgas" -o "$B/bench/tiny1000.img" "$B/bench/tiny1000.s"
    set --
    i=0
    while [ $i -lt 1000 ]; do set -- "$@" "$B/bench/tiny.img"; i=$((i + 1)); done
    i1=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B/pgvmm" --mem 64K --real-mem 128M \
         "$B/bench/tiny1000.img" 2>&1 </dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    i2=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$B/pgvmm" --mem 64K --real-mem 128M \
         "$@" 2>&1 </dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p')
    echo "1000 small VMs, host instructions (callgrind, 2.6x10^8 guest instructions in all): one VM $i1, 1000 VMs $i2: $(echo "$i1 $i2" | awk '{printf "%.1f", 100 * $1 / $2}')% of one VM's throughput"
fi

echo "== the paravirtual interface: DIAGNOSE block I/O against channel programs"
B=$B sh bench/diskio.sh
