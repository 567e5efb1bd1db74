# tests.sh -- lab reflect's public tests (labs/reflect/README.md).  Each
# program runs on the bare machine and under your CP: console, exit status
# and the digest of the final state (which holds the TOD clock and the CPU
# timer, so every interrupt must come at the same cycle) must be the same.
test_case priority           10 program_same "$LAB_DIR/programs/priority.s"
test_case low-core           10 program_same "$LAB_DIR/programs/lowcore.s"
test_case waits              10 program_same "$LAB_DIR/programs/waits.s"
test_case tree-programs      10 tree_programs_same
test_case cms-session        10 cms_same "$ROOT/tests/guest-os/cms-edit.in"
