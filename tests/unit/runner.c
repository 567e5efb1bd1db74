/*
 * runner.c -- registers a table of suites with CUnit and runs them.
 */
#include "runner.h"

#include <CUnit/Basic.h>
#include <stdio.h>
#include <string.h>

/* Register every suite (or only the one named), run, and report. */
int pg_test_main(int argc, char **argv, const pg_suite *suites)
{
    const char *only = argc > 1 ? argv[1] : NULL;
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    int registered = 0;
    for (const pg_suite *s = suites; s->name; s++) {
        if (only && strcmp(only, s->name) != 0)
            continue;
        CU_pSuite suite = CU_add_suite(s->name, NULL, NULL);
        if (!suite)
            return 2;
        for (const pg_test *t = s->tests; t->name; t++)
            if (!CU_add_test(suite, t->name, t->fn))
                return 2;
        registered++;
    }
    if (!registered) {
        fprintf(stderr, "%s: no suite named '%s'\n", argv[0], only ? only : "");
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_NORMAL);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
