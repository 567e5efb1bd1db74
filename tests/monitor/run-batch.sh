#!/usr/bin/env bash
# run-batch.sh -- pgvmm --batch scripts against their expected transcripts.
#
# Each tests/monitor/NAME.batch is a CP command script; its line
#     * args: OPTIONS...
# gives pgvmm's arguments (after --batch).  The script runs in a fresh
# temporary folder holding
#     svc.img hello.img paging.img tests/programs/svc.s, hello.s, paging.s and
#                                  tests/monitor/regs.s assembled
#     cms190.disk a.disk           copies of the CMS system disk and of the
#                                  all-zero A-disk ($CMS190, $A191)
#     cms.dir                      a directory: USER CMS1 with those two as
#                                  190 (R) and 191 (W), IPL 190
# and its standard output, followed by "* exit N", must equal NAME.out.
# UPDATE=1 rewrites the expected files.  Prints "ok NAME" or "FAIL NAME",
# then "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
PGVMM=${PGVMM:-build/pgvmm}
PGAS=${PGAS:-build/pgas}
CMS190=${CMS190:-build/guest-os/cms190.disk}
A191=${A191:-build/guest-os/a191.disk}
dir=tests/monitor
passed=0
failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/monitor-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

for f in "$PGVMM" "$PGAS" "$CMS190" "$A191"; do
    if [ ! -f "$f" ]; then
        echo "FAIL monitor: $f is missing (run make)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
for p in tests/programs/svc.s tests/programs/hello.s tests/programs/paging.s "$dir/regs.s"; do
    n=$(basename "$p" .s)
    "$PGAS" "$p" -o "$tmp/$n.img" || { echo "FAIL monitor: cannot assemble $p"; exit 1; }
done

for script in "$dir"/*.batch; do
    name=$(basename "$script" .batch)
    run="$tmp/run"
    rm -rf "$run"
    mkdir "$run"
    cp "$tmp"/*.img "$tmp"/*.sym "$run"/ 2>/dev/null
    cp "$CMS190" "$run/cms190.disk"
    cp "$A191" "$run/a.disk"
    printf 'USER CMS1 MEMORY 1M\n  MDISK 190 cms190.disk 0 2048 R\n  MDISK 191 a.disk 0 1024 W\n  IPL 190\n' >"$run/cms.dir"
    args=$(sed -n 's/^\* args: *//p' "$script" | head -1)
    # shellcheck disable=SC2086
    (cd "$run" && "$root/$PGVMM" --batch $args <"$root/$script" >out 2>err
     echo "* exit $?" >>out; cat err >>out)
    if [ "${UPDATE:-}" = 1 ]; then
        cp "$run/out" "$dir/$name.out"
    fi
    if cmp -s "$run/out" "$dir/$name.out"; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        diff "$dir/$name.out" "$run/out" | head -20
        failed=$((failed + 1))
    fi
done
# option: NAME STATUS MESSAGE ARGS...: pgvmm ARGS (no input) exits with STATUS
# and says MESSAGE on standard error.
option() {
    local name=$1 want=$2 msg=$3 got
    shift 3
    got=$(cd "$tmp" && "$root/$PGVMM" "$@" </dev/null 2>&1 >/dev/null)
    local st=$?
    if [ "$st" = "$want" ] && [ "$got" = "$msg" ]; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        echo "FAIL $name: status $st, said: $got"
        failed=$((failed + 1))
    fi
}
option option-devices 255 "pgvmm: device options (--disk --reader --punch --printer --ipl) do not go with --batch: its VMs get CP's devices (try --help)" \
    --batch --reader x svc.img
option option-no-logon 255 "pgvmm: --no-logon needs --batch and --directory (try --help)" \
    --no-logon svc.img
option option-no-image 255 "pgvmm: nosuch.img: cannot open: No such file or directory" \
    --batch nosuch.img
option option-empty 0 "" --batch svc.img

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
