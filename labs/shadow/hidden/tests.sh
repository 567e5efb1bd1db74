# tests.sh -- lab shadow's hidden tests: programs the students have not seen.
test_case random-programs-a  10 random_same 12000 300
test_case random-programs-b  10 random_same 4400000 300
test_case tss                10 tss_same
test_case cms-session        10 cms_same "$ROOT/tests/guest-os/cms-modules.in"
