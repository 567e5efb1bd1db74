/*
 * runner.h -- the common main of every CUnit test program in tests/unit.
 * Each test_*.c file is one program: it defines its suites in a register
 * function and calls pg_test_main, which runs all of them, or one suite by
 * name given on the command line (test_cpu alu).
 */
#ifndef PG_TEST_RUNNER_H
#define PG_TEST_RUNNER_H

#include <CUnit/CUnit.h>

/* A test in a suite table. */
typedef struct pg_test {
    const char *name;
    CU_TestFunc fn;
} pg_test;

/* A suite: a name and a NULL-terminated table of tests. */
typedef struct pg_suite {
    const char *name;
    const pg_test *tests;
} pg_suite;

/* Run the NULL-terminated table of suites (or the one named in argv[1]);
   exit status 0 only when every test passed. */
int pg_test_main(int argc, char **argv, const pg_suite *suites);

#endif
