#!/usr/bin/env bash
# checks.sh -- helpers for the labs' tests (sourced by grade.sh into every
# test).  A test function passes by returning 0; the last line it prints is
# its reason.  The tools are in $BIN, the test's scratch folder is $WORK.
#
#   pass MSG / fail MSG           print MSG, return 0 / 1
#   assemble SRC IMG              pgas SRC -o IMG (reason: the first error)
#   run_bare ARG...               pgsim; $WORK/bare.{out,err}, status in $RC
#   run_cp ARG...                 pgvmm, the same; $WORK/cp.{out,err}
#   same_run NAME ARG...          both with --digest (console input from
#                                 $INPUT when set): same console, status and
#                                 digest, else the first difference
#   same_as_bare IMG [OPTION...]  same_run for an image
#   program_same SRC [OPTION...]  assemble SRC, then same_as_bare
#   cms_same INPUT                a CMS session typing INPUT, bare and CP
#   tss_same                      TSS from its disk, bare and CP
#   tree_programs_same            tests/programs/*.s, bare and CP
#   build_c_test SRC OUT          compile a C test against the tree's libraries
#   random_same FIRST COUNT       random programs from a seed range, bare and CP
#   disk_program_same SRC DEV N   SRC bare and CP, each with a zeroed N-block disk
#   same_file GOT WANT WHAT       compare two files; the first differing line
#   has_line FILE REGEX WHAT      FILE has a line matching the regex
#   stat_of FILE VM FIELD         the number after FIELD in pgvmm --stats output
# Runs are bounded by $MAX_CYCLES virtual cycles (default 200 million).
MAX_CYCLES=${MAX_CYCLES:-200000000}
INPUT=${INPUT:-/dev/null}

pass() { echo "$*"; return 0; }
fail() { echo "$*"; return 1; }

# Assemble SRC into IMG; the first error line is the reason when it fails.
assemble() {
    if ! "$BIN/pgas" -o "$2" "$1" >"$WORK/pgas.err" 2>&1; then
        cat "$WORK/pgas.err"
        fail "$(basename "$1") does not assemble: $(head -n 1 "$WORK/pgas.err")"
        return 1
    fi
}

# Run on the bare machine (pgsim): ARGS are pgsim's (an image, or --ipl).
run_bare() {
    "$BIN/pgsim" --max-cycles "$MAX_CYCLES" "$@" <"$INPUT" >"$WORK/bare.out" 2>"$WORK/bare.err"
    RC=$?
}

# Run under CP (pgvmm with one VM behaves as pgsim), the same ARGS.
run_cp() {
    "$BIN/pgvmm" --max-cycles "$MAX_CYCLES" "$@" <"$INPUT" >"$WORK/cp.out" 2>"$WORK/cp.err"
    RC=$?
}

# The first line where two files differ, as "line N: got '...', expected '...'".
first_difference() {
    awk -v got="$1" -v want="$2" 'BEGIN {
        n = 0
        while (1) {
            a = (getline x < got) > 0; b = (getline y < want) > 0; n++
            if (!a && !b) exit
            if (!a) x = "(end of output)"
            if (!b) y = "(end of output)"
            if (x != y) {
                printf "line %d: got \"%s\", expected \"%s\"\n", n, substr(x, 1, 40), substr(y, 1, 40)
                exit
            }
        }
    }'
}

# Compare two files; the first differing line is the reason.
same_file() {
    if cmp -s "$1" "$2"; then
        return 0
    fi
    diff -u "$2" "$1" | head -n 30
    fail "$3 differs: $(first_difference "$1" "$2")"
}

# What CP said when a lab's stub stopped the VM, as " (CP: ...)", or nothing.
cp_note() {
    local why
    why=$(grep -m1 -o 'lab [a-z0-9-]*: .* is not written yet' "$WORK/cp.err" 2>/dev/null)
    [ -n "$why" ] && echo " (CP: $why)"
}

# Run bare and under CP with --digest (ARGS as pgsim takes them, the
# image last; NAME names the run in the reason): the guest cannot tell.
same_run() {
    local name=$1
    shift
    run_bare --digest "$@"
    local bare_rc=$RC
    run_cp --digest "$@"
    local cp_rc=$RC
    if ! cmp -s "$WORK/bare.out" "$WORK/cp.out"; then
        diff -u "$WORK/bare.out" "$WORK/cp.out" | head -n 30
        grep -v '^digest' "$WORK/cp.err" | head -n 5
        fail "$name: console under CP differs from the bare machine's: $(first_difference "$WORK/cp.out" "$WORK/bare.out")$(cp_note)"
        return 1
    fi
    if [ "$bare_rc" != "$cp_rc" ]; then
        grep -v '^digest' "$WORK/cp.err" | head -n 5
        fail "$name: exit status under CP $cp_rc, on the bare machine $bare_rc$(cp_note)"
        return 1
    fi
    local d1 d2
    d1=$(grep '^digest' "$WORK/bare.err")
    d2=$(grep '^digest' "$WORK/cp.err")
    if [ -z "$d1" ] || [ "$d1" != "$d2" ]; then
        grep -v '^digest' "$WORK/cp.err" | head -n 5
        fail "$name: final state under CP (${d2:-no digest}) differs from the bare machine's (${d1:-no digest})$(cp_note)"
        return 1
    fi
    return 0
}

# An image, bare and under CP.
same_as_bare() {
    local img=$1
    shift
    same_run "$(basename "$img" .img)" "$@" "$img"
}

# Assemble a program and run it bare and under CP.
program_same() {
    local src=$1 name
    shift
    name=$(basename "$src" .s)
    assemble "$src" "$WORK/$name.img" || return 1
    same_as_bare "$WORK/$name.img" "$@" && pass "$name: the same bare and under CP (console, status, digest)"
}

# CMS, IPLed from its system disk with a fresh A-disk each, typing the file
# INPUT: the same transcript, status and A-disk bare and under CP.
cms_same() {
    local in=$1 name
    name=$(basename "$in" .in)
    cp "$BIN/guest-os/a191.disk" "$WORK/bare.a191"
    cp "$BIN/guest-os/a191.disk" "$WORK/cp.a191"
    INPUT=$in run_bare --ipl 190 --disk 190="$BIN/guest-os/cms190.disk,ro" --disk 191="$WORK/bare.a191"
    local bare_rc=$RC
    INPUT=$in run_cp --ipl 190 --disk 190="$BIN/guest-os/cms190.disk,ro" --disk 191="$WORK/cp.a191"
    if ! cmp -s "$WORK/bare.out" "$WORK/cp.out"; then
        diff -u "$WORK/bare.out" "$WORK/cp.out" | head -n 30
        grep -v '^digest' "$WORK/cp.err" | head -n 5
        fail "CMS session $name: the transcript under CP differs: $(first_difference "$WORK/cp.out" "$WORK/bare.out")$(cp_note)"
        return 1
    fi
    [ "$bare_rc" = "$RC" ] || { fail "CMS session $name: exit status under CP $RC, bare $bare_rc"; return 1; }
    cmp -s "$WORK/bare.a191" "$WORK/cp.a191" ||
        { fail "CMS session $name: the A-disk under CP differs from the bare machine's"; return 1; }
    pass "CMS session $name: the same transcript, status and A-disk bare and under CP"
}

# TSS from its system disk: the same transcript, status and digest.
tss_same() {
    same_run TSS --ipl 190 --disk 190="$BIN/guest-os/tss190.disk,ro" &&
        pass "TSS: the same transcript, status and digest bare and under CP"
}

# Every program in tests/programs, bare and under CP (tests/run-programs.sh).
tree_programs_same() {
    if EQUIV=$BIN/pgvmm PGAS=$BIN/pgas PGSIM=$BIN/pgsim bash "$ROOT/tests/run-programs.sh" >"$WORK/progs" 2>&1; then
        pass "every program in tests/programs: the same bare and under CP"
        return 0
    fi
    grep FAIL "$WORK/progs" | head -n 20
    fail "$(grep -c FAIL "$WORK/progs") of the programs in tests/programs differ under CP: $(grep -m1 FAIL "$WORK/progs" | cut -c1-80)"
}

# Does FILE have a line matching the extended regex?
has_line() {
    grep -Eq "$2" "$1" && return 0
    fail "$3"
}

# A counter from pgvmm --stats: the number right after FIELD on VM's lines
# ("pgvmm: VM: ... hidden faults 9; ..."), e.g. stat_of cp.err paging "hidden faults".
stat_of() {
    sed -n "s/^pgvmm: $2: .*$3 \([0-9][0-9]*\).*/\1/p" "$1" | head -n 1
}

# Build a C test program of a lab against the tree's libraries, with the unit
# tests' fixtures (tests/unit) on the include path.
build_c_test() {
    cc -std=c11 -O1 -g -D_POSIX_C_SOURCE=200809L -Wall -Wextra \
        -I"$ROOT/isa-spec" -I"$ROOT/simulator/include" -I"$ROOT/tools/common" \
        -I"$ROOT/vmm/include" -I"$ROOT/tests/unit" -o "$2" "$1" \
        "$BIN/libvmm.a" "$BIN/libpgfront.a" "$BIN/libpgtools.a" "$BIN/libpgsim.a" \
        "$BIN/libisa.a" -lcunit >"$WORK/cc.log" 2>&1 && return 0
    head -n 20 "$WORK/cc.log"
    fail "$(basename "$1") does not compile against this tree: $(grep -m1 error "$WORK/cc.log")"
}

# COUNT random programs from seed FIRST (labs/lib/random_equiv.c), each bare
# and under CP: everything the guest can see must agree.
random_same() {
    build_c_test "$ROOT/labs/lib/random_equiv.c" "$WORK/random_equiv" || return 1
    "$WORK/random_equiv" "$1" "$2"
}

# Assemble SRC and run it bare and under CP, each with its own zeroed disk
# of BLOCKS blocks at DEV: the same console, status, digest and disk.
disk_program_same() {
    local src=$1 dev=$2 blocks=$3 name
    name=$(basename "$src" .s)
    assemble "$src" "$WORK/$name.img" || return 1
    head -c $((blocks * 512)) /dev/zero >"$WORK/bare.disk"
    head -c $((blocks * 512)) /dev/zero >"$WORK/cp.disk"
    run_bare --digest --disk "$dev=$WORK/bare.disk" "$WORK/$name.img"
    local bare_rc=$RC
    run_cp --digest --disk "$dev=$WORK/cp.disk" "$WORK/$name.img"
    cmp -s "$WORK/cp.out" "$WORK/bare.out" ||
        { fail "$name: console under CP differs from the bare machine's: $(first_difference "$WORK/cp.out" "$WORK/bare.out")$(cp_note)"; return 1; }
    [ "$bare_rc" = "$RC" ] || { fail "$name: exit status under CP $RC, bare $bare_rc$(cp_note)"; return 1; }
    [ "$(grep '^digest' "$WORK/bare.err")" = "$(grep '^digest' "$WORK/cp.err")" ] ||
        { fail "$name: the final state under CP differs from the bare machine's$(cp_note)"; return 1; }
    cmp -s "$WORK/bare.disk" "$WORK/cp.disk" ||
        { fail "$name: the disk under CP differs from the bare machine's"; return 1; }
    pass "$name: the same bare and under CP (console, status, digest, disk)"
}
