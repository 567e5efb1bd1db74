#!/usr/bin/env bash
# run-tss.sh -- the tests of TSS, the time-sharing kernel with paging
# (guest-os/tss/README.md).  TSS reads no input; its whole console transcript
# is tests/guest-os/tss.out, and it ends in a disabled wait with code 0.
#
# Two ways to IPL it, each run on pgsim (bare) and on pgvmm (CP, one VM):
#   direct   guest-os/tss/direct.s: the image file itself (a local IPL PSW
#            that jumps to `nucleus`, no bootstrap)
#   disk     guest-os/tss/tss.s with ../common/boot.inc, IPLed from disk 190:
#            $TSS_DISK if set, else build/guest-os/tss190.disk if it is newer
#            than every TSS source, else the freshly assembled image padded
#            to whole blocks (the same disk: the image at block 0)
# Per way: NAME-bare and NAME-cp (console = tss.out, exit status 0),
# NAME-equiv (pgsim and pgvmm give the same console, exit status and digest
# line), NAME-cp-stats (pgvmm --stats shows hidden faults -- shadow-table
# fills --, reflected timer, program and I/O interrupts, and CR1 loads).
# Then two-vms: two TSS machines at once under CP (--directory, --slice 777),
# each console = tss.out.  All runs with --max-cycles 1000000000.
#
# UPDATE=1 rewrites tss.out from the bare direct run.
# Prints "ok NAME" or "FAIL NAME: reason", then "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
PGAS=${PGAS:-build/pgas}
PGSIM=${PGSIM:-build/pgsim}
PGVMM=${PGVMM:-build/pgvmm}
MAX_CYCLES=1000000000
expected=tests/guest-os/tss.out
tmp=$(mktemp -d "${TMPDIR:-/tmp}/tss-test.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

for tool in "$PGAS" "$PGSIM" "$PGVMM"; do
    if [ ! -x "$tool" ]; then
        echo "run-tss: $tool is missing (build it first)" >&2
        exit 2
    fi
done

ok()   { echo "ok $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# verdict NAME: ok, or FAIL with the reasons gathered in the array why.
verdict() {
    if [ ${#why[@]} -eq 0 ]; then ok "$1"; return; fi
    local msg
    msg=$(printf '%s; ' "${why[@]}")
    fail "$1" "${msg%; }"
}
# differs EXPECTED GOT: nothing if equal, else a one-line reason.
differs() {
    [ -f "$1" ] || { echo "$1 is missing"; return; }
    cmp -s "$1" "$2" && return
    echo "$(basename "$1") differs: $(diff "$1" "$2" | head -3 | tr '\n' ' ')"
}
# stat FILE PATTERN: the number after PATTERN in pgvmm's --stats output.
stat() {
    sed -n "s|.*$2 \([0-9][0-9]*\).*|\1|p" "$1" | head -n 1
}

# run WAY ARGS...: WAY-bare, WAY-cp, WAY-equiv, WAY-cp-stats.
run() {
    local way=$1
    shift
    "$PGSIM" --max-cycles $MAX_CYCLES --digest "$@" </dev/null \
        >"$tmp/$way.sim.out" 2>"$tmp/$way.sim.err"
    local sst=$?
    "$PGVMM" --max-cycles $MAX_CYCLES --digest --stats "$@" </dev/null \
        >"$tmp/$way.vmm.out" 2>"$tmp/$way.vmm.err"
    local vst=$?
    if [ "${UPDATE:-0}" = 1 ] && [ "$way" = direct ]; then
        cp "$tmp/$way.sim.out" "$expected"
    fi

    why=()
    [ $sst -eq 0 ] || why+=("pgsim exit status $sst, not 0")
    d=$(differs "$expected" "$tmp/$way.sim.out"); [ -z "$d" ] || why+=("$d")
    verdict "tss-$way-bare"

    why=()
    [ $vst -eq 0 ] || why+=("pgvmm exit status $vst, not 0")
    d=$(differs "$expected" "$tmp/$way.vmm.out"); [ -z "$d" ] || why+=("$d")
    verdict "tss-$way-cp"

    why=()
    cmp -s "$tmp/$way.sim.out" "$tmp/$way.vmm.out" || why+=("console output differs")
    [ $sst -eq $vst ] || why+=("exit status $sst bare, $vst under CP")
    local sdig vdig
    sdig=$(grep '^digest:' "$tmp/$way.sim.err")
    vdig=$(grep '^digest:' "$tmp/$way.vmm.err")
    [ -n "$sdig" ] || why+=("pgsim printed no digest")
    [ "$sdig" = "$vdig" ] || why+=("digest '$sdig' bare, '$vdig' under CP")
    verdict "tss-$way-equiv"

    why=()
    local hidden ext pgm io lctl
    hidden=$(stat "$tmp/$way.vmm.err" "hidden faults")
    ext=$(stat "$tmp/$way.vmm.err" "reflected external")
    pgm=$(stat "$tmp/$way.vmm.err" "reflected external [0-9]* SVC [0-9]* program")
    io=$(stat "$tmp/$way.vmm.err" "machine-check [0-9]* I/O")
    lctl=$(stat "$tmp/$way.vmm.err" "emulated.* lctl")
    [ "${hidden:-0}" -gt 0 ] || why+=("no hidden faults (shadow fills) in pgvmm --stats")
    [ "${ext:-0}" -gt 0 ] || why+=("no reflected external (timer) interrupts")
    [ "${pgm:-0}" -gt 0 ] || why+=("no reflected program interrupts (demand zero)")
    [ "${io:-0}" -gt 0 ] || why+=("no reflected I/O (console) interrupts")
    [ "${lctl:-0}" -gt 0 ] || why+=("no emulated lctl (address-space switches)")
    verdict "tss-$way-cp-stats"
}

# ---- 1. the image file itself --------------------------------------------
if "$PGAS" -o "$tmp/direct.img" guest-os/tss/direct.s >"$tmp/pgas.err" 2>&1; then
    ok tss-direct-assemble
    run direct "$tmp/direct.img"
else
    fail tss-direct-assemble "$(head -1 "$tmp/pgas.err")"
fi

# ---- 2. IPL from the system disk ------------------------------------------
if "$PGAS" -o "$tmp/tss.img" guest-os/tss/tss.s >"$tmp/pgas.err" 2>&1; then
    ok tss-disk-assemble
    disk=${TSS_DISK:-}
    if [ -z "$disk" ]; then
        disk=build/guest-os/tss190.disk
        if [ ! -f "$disk" ] || [ -n "$(find guest-os/tss guest-os/common \
                -newer "$disk" -name '*.inc' -o -newer "$disk" -name '*.s')" ]; then
            disk=$tmp/tss190.disk
            cp "$tmp/tss.img" "$disk"
            truncate -s 65536 "$disk"      # the image at block 0, 128 blocks
        fi
    fi
    run disk --ipl 190 --disk "190=$disk,ro"

    # ---- 3. two TSS machines under CP at once ------------------------------
    case $disk in /*) adisk=$disk ;; *) adisk=$root/$disk ;; esac
    blocks=$(( $(wc -c <"$disk") / 512 ))
    {
        echo "USER TSSA MEMORY 1M"
        echo "  MDISK 190 $adisk 0 $blocks R"
        echo "  IPL 190"
        echo "USER TSSB MEMORY 1M"
        echo "  MDISK 190 $adisk 0 $blocks R"
        echo "  IPL 190"
    } >"$tmp/two.dir"
    mkdir -p "$tmp/consoles"
    "$PGVMM" --max-cycles $MAX_CYCLES --slice 777 --directory "$tmp/two.dir" \
        --console-dir "$tmp/consoles" </dev/null >"$tmp/two.out" 2>"$tmp/two.err"
    st=$?
    why=()
    [ $st -eq 0 ] || why+=("pgvmm exit status $st, not 0")
    for vm in TSSA TSSB; do
        grep -q "$vm: disabled wait, code 0x00000000" "$tmp/two.err" \
            || why+=("$vm did not end with wait code 0")
        d=$(differs "$expected" "$tmp/consoles/$vm.console"); [ -z "$d" ] || why+=("$vm: $d")
    done
    verdict tss-two-vms
else
    fail tss-disk-assemble "$(head -1 "$tmp/pgas.err")"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
