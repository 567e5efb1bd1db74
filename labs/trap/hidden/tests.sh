# tests.sh -- lab trap's hidden tests: programs the students have not seen.

# Random programs from a seed range, bare and under CP.
t_random() {
    build_c_test "$HIDDEN_DIR/random_equiv.c" "$WORK/random_equiv" || return 1
    "$WORK/random_equiv" "$1" "$2"
}
test_case random-programs-a  10 t_random 5100 300
test_case random-programs-b  10 t_random 77000 300
test_case time-sharing       10 program_same "$HIDDEN_DIR/programs/modes.s"
test_case tss                10 tss_same
