# tests.sh -- lab trap's hidden tests: programs the students have not seen.
test_case random-programs-a  10 random_same 5100 300
test_case random-programs-b  10 random_same 77000 300
test_case time-sharing       10 program_same "$HIDDEN_DIR/programs/modes.s"
test_case tss                10 tss_same
