# tests.sh -- lab vio's hidden tests: programs the students have not seen.

# RSCS from its disk with three reader decks, bare and under CP: the same
# console, exit status, printer and punch files.
t_rscs() {
    local d=$ROOT/tests/guest-os decks=() m
    for f in rscs-print rscs-route rscs-noroute; do decks+=(--reader "$d/$f.cards"); done
    for m in bare cp; do
        local tool=$BIN/pgsim
        [ $m = cp ] && tool=$BIN/pgvmm
        "$tool" --max-cycles "$MAX_CYCLES" --ipl 190 --disk 190="$BIN/guest-os/rscs190.disk,ro" \
            "${decks[@]}" --printer "$WORK/$m.print" --punch "$WORK/$m.punch" \
            </dev/null >"$WORK/$m.out" 2>"$WORK/$m.err"
        echo $? >"$WORK/$m.st"
    done
    same_file "$WORK/cp.st" "$WORK/bare.st" "RSCS's exit status under CP" &&
        same_file "$WORK/cp.out" "$WORK/bare.out" "RSCS's console under CP" &&
        same_file "$WORK/cp.print" "$WORK/bare.print" "RSCS's printer file under CP" &&
        same_file "$WORK/cp.punch" "$WORK/bare.punch" "RSCS's punch file under CP" &&
        pass "RSCS: the same console, status, printer and punch bare and under CP"
}

test_case random-programs-a  10 random_same 250000 300
test_case random-programs-b  10 random_same 9100 300
test_case diagnose-18-edges  10 t_diag18 "$HIDDEN_DIR/programs/edges.s"
test_case rscs               10 t_rscs
test_case tss                10 tss_same
