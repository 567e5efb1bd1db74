# tests.sh -- lab shadow's public tests (labs/shadow/README.md).

# The answer for KEY in labs/shadow/answers.txt.
answer() { sed -n "s/^$1:[[:space:]]*\([^[:space:]]*\).*/\1/p" "$LAB_DIR/answers.txt" | head -n 1; }

# The --stats of a program under CP, as VM NAME: into $WORK/NAME.stats.
stats_of_program() {
    assemble "$1" "$WORK/$2.img" || return 1
    "$BIN/pgvmm" --stats --max-cycles "$MAX_CYCLES" "$WORK/$2.img" </dev/null >/dev/null 2>"$WORK/$2.stats"
}

# Each number in answers.txt against what this tree's CP prints for it.
t_measured() {
    stats_of_program "$LAB_DIR/programs/rcbits.s" rcbits || return 1
    stats_of_program "$LAB_DIR/programs/views.s" views || return 1
    stats_of_program "$ROOT/tests/programs/paging.s" paging || return 1
    "$BIN/pgvmm" --stats --max-cycles "$MAX_CYCLES" --ipl 190 \
        --disk 190="$BIN/guest-os/tss190.disk,ro" </dev/null >/dev/null 2>"$WORK/tss.stats"
    local key want got vm wrong=0
    for key in rcbits-hidden-faults views-hidden-faults paging-hidden-faults tss-hidden-faults \
               tss-lctl tss-direct-percent; do
        case $key in
            *-hidden-faults)
                vm=${key%%-*}
                [ "$vm" = tss ] && vm=tss190        # named after its disk
                got=$(stat_of "$WORK/${key%%-*}.stats" "$vm" "hidden faults") ;;
            tss-lctl) got=$(stat_of "$WORK/tss.stats" tss190 lctl) ;;
            tss-direct-percent) got=$(sed -n 's/.*(\([0-9.]*\)% direct).*/\1/p' "$WORK/tss.stats" | head -n 1) ;;
        esac
        want=$(answer "$key")
        if [ "$want" != "$got" ]; then
            echo "$key: answers.txt says '${want:-nothing}', your CP prints '${got:-nothing}'"
            wrong=$((wrong + 1))
        fi
    done
    [ $wrong = 0 ] && pass "every number in answers.txt is what your CP measures"
    [ $wrong = 0 ] || fail "$wrong of the 6 numbers in answers.txt are not what your CP measures"
}

test_case rc-bits            10 program_same "$LAB_DIR/programs/rcbits.s"
test_case views              10 program_same "$LAB_DIR/programs/views.s"
test_case tree-programs      10 tree_programs_same
test_case measured-costs     10 t_measured
