# tests.sh -- lab trap's public tests (labs/trap/README.md).  Each program
# runs on the bare machine and under your CP: console, exit status and the
# digest of the final state must be the same.
test_case psw-instructions   10 program_same "$LAB_DIR/programs/psw.s"
test_case control-registers  10 program_same "$LAB_DIR/programs/cregs.s"
test_case cpu-timer          10 program_same "$LAB_DIR/programs/timer.s"
test_case tod-clock          10 program_same "$LAB_DIR/programs/clock.s"
test_case tree-programs      10 tree_programs_same
test_case cms-session        10 cms_same "$ROOT/tests/guest-os/cms-files.in"
