#!/bin/sh
# run-bench.sh -- make bench: assemble and run each benchmark on pgsim with
# --stats, and print its guest MIPS with the counters.
set -e
B=${B:-build}
mkdir -p "$B/bench"
for name in alu memory svc; do
    "$B/pgas" -o "$B/bench/$name.img" "bench/$name.s"
    status=0
    "$B/pgsim" --stats "$B/bench/$name.img" </dev/null 2>"$B/bench/$name.stats" || status=$?
    if [ "$status" != 0 ]; then
        echo "bench $name: pgsim exited with status $status" >&2
        cat "$B/bench/$name.stats" >&2
        exit 1
    fi
    mips=$(sed -n 's/^pgsim: guest MIPS //p' "$B/bench/$name.stats")
    printf '%-8s %8s guest MIPS\n' "$name" "$mips"
    sed 's/^pgsim: /         /' "$B/bench/$name.stats"
done
