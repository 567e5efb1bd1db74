# tests.sh -- lab vio's public tests (labs/vio/README.md).

# A program that uses DIAGNOSE 0x0018, run under CP with a zeroed 64-block
# disk at 191 and an 8-block read-only one at 192: its output as expected.
t_diag18() {
    assemble "$1" "$WORK/d.img" || return 1
    head -c $((64 * 512)) /dev/zero >"$WORK/191.disk"
    head -c $((8 * 512)) /dev/zero >"$WORK/192.disk"
    run_cp --disk 191="$WORK/191.disk" --disk 192="$WORK/192.disk,ro" "$WORK/d.img"
    [ "$RC" = 0 ] || { cat "$WORK/cp.err"; fail "$(basename "$1"): exit status $RC under CP, expected 0$(cp_note)"; return 1; }
    same_file "$WORK/cp.out" "${1%.s}.out" "$(basename "$1" .s)'s output under CP" &&
        pass "$(basename "$1" .s): every answer and exception of DIAGNOSE 0x0018 as specified"
}

# CMS under CP with SET DISKIO DIAG typed first: the same transcript (after
# that line) and the same A-disk as with channel programs.
t_cms_diag() {
    local in=$1 name
    name=$(basename "$in" .in)
    for way in CCW DIAG; do
        cp "$BIN/guest-os/a191.disk" "$WORK/$way.a191"
        { echo "SET DISKIO $way"; cat "$in"; } >"$WORK/$way.in"
        INPUT=$WORK/$way.in run_cp --stats --ipl 190 --disk 190="$BIN/guest-os/cms190.disk,ro" \
            --disk 191="$WORK/$way.a191"
        mv "$WORK/cp.out" "$WORK/$way.out"
        mv "$WORK/cp.err" "$WORK/$way.err"
    done
    cp "$WORK/DIAG.err" "$WORK/cp.err"
    same_file "$WORK/DIAG.out" "$WORK/CCW.out" "CMS session $name with DIAGNOSE I/O" || return 1
    cmp -s "$WORK/CCW.a191" "$WORK/DIAG.a191" ||
        { fail "CMS session $name: the A-disk differs with DIAGNOSE I/O"; return 1; }
    grep -q 'disk blocks [0-9]* by channel programs, [1-9][0-9]* by DIAGNOSE' "$WORK/DIAG.err" ||
        { fail "CMS session $name: no block moved by DIAGNOSE (is SET DISKIO DIAG answered R;?)"; return 1; }
    pass "CMS session $name: DIAGNOSE block I/O gives the same transcript and A-disk"
}

# The numbers of measurements.txt against the workload run under this CP.
t_measured() {
    (cd "$ROOT" && B=$BIN sh bench/diskio.sh --raw) >"$WORK/raw" 2>&1 ||
        { cat "$WORK/raw"; fail "the workload (bench/diskio.sh) does not run under your CP: $(tail -n 1 "$WORK/raw")"; return 1; }
    local key want got wrong=0
    for key in ccw-blocks ccw-traps diag-blocks diag-traps; do
        want=$(sed -n "s/^$key:[[:space:]]*\([^[:space:]]*\).*/\1/p" "$LAB_DIR/measurements.txt" | head -n 1)
        got=$(sed -n "s/^$key: //p" "$WORK/raw")
        if [ "$want" != "$got" ]; then
            echo "$key: measurements.txt says '${want:-nothing}', your CP gives '$got'"
            wrong=$((wrong + 1))
        fi
    done
    local c d
    c=$(sed -n 's/^ccw-us-per-block:[[:space:]]*\([0-9.]*\)[[:space:]]*$/\1/p' "$LAB_DIR/measurements.txt")
    d=$(sed -n 's/^diag-us-per-block:[[:space:]]*\([0-9.]*\)[[:space:]]*$/\1/p' "$LAB_DIR/measurements.txt")
    if [ -z "$c" ] || [ -z "$d" ] || ! awk -v c="$c" -v d="$d" 'BEGIN { exit !(d > 0 && c > d) }'; then
        echo "the host times per block must be positive numbers, DIAGNOSE's the smaller (got '${c:-nothing}' and '${d:-nothing}')"
        wrong=$((wrong + 1))
    fi
    [ $wrong = 0 ] && pass "measurements.txt holds what your CP measures"
    [ $wrong = 0 ] || fail "$wrong of the measurements in measurements.txt are not what your CP measures"
}

test_case channel-programs   10 disk_program_same "$LAB_DIR/programs/ccw.s" 191 64
test_case diagnose-18        10 t_diag18 "$LAB_DIR/programs/diag18.s"
test_case tree-programs      10 tree_programs_same
test_case cms-session        10 cms_same "$ROOT/tests/guest-os/cms-persist-1.in"
test_case cms-diagnose-io    10 t_cms_diag "$ROOT/tests/guest-os/cms-files.in"
test_case measured-gain      10 t_measured
