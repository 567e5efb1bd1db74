# tests.sh -- lab reflect's hidden tests: programs the students have not seen.
test_case random-programs-a  10 random_same 31000 300
test_case random-programs-b  10 random_same 640000 300
test_case interruption-loop   5 program_same "$HIDDEN_DIR/programs/loop.s"
test_case invalid-new-psw     5 program_same "$HIDDEN_DIR/programs/badnew.s"
test_case tss                10 tss_same
