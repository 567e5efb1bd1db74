/*
 * random_equiv.c -- for the labs' hidden tests: programs the student has
 * never seen.  Generates random PG32 programs (tests/unit/cp_fixture.h's
 * generator: privileged instructions in every state, mode switches,
 * timers, translation, I/O) and runs each on the bare machine and under
 * the student's CP; every register, PSW, control register, timer, TOD,
 * byte of storage, console line and the way the run ended must agree.
 *
 *   random_equiv FIRST_SEED COUNT
 *
 * Prints "N of COUNT random programs differ" (with the first seeds) and
 * exits 1 when N > 0.
 */
#include "cp_fixture.h"

#include <CUnit/TestRun.h>

static uint64_t first_seed;
static int count, differ;
static char seeds[200];

/* Every program, quietly; count those that differ. */
static void run_all(void)
{
    static const uint64_t slices[] = {0, 100, 13, 1000, 37, 5};
    cpx_quiet = true;
    for (int i = 0; i < count; i++) {
        uint64_t seed = first_seed + (uint64_t)i;
        cpx_img *img = fz_build(seed, 0);
        cpx_opts o = {.input = fz_input, .max_cycles = 30000, .slice = slices[i % 6]};
        if (!cpx_diff_at(img, &o, "random program", __LINE__, __FILE__)) {
            size_t len = strlen(seeds);
            if (differ < 5)
                snprintf(seeds + len, sizeof seeds - len, " %llu", (unsigned long long)seed);
            differ++;
        }
        cpx_img_free(img);
    }
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: random_equiv FIRST_SEED COUNT\n");
        return 2;
    }
    first_seed = strtoull(argv[1], NULL, 10);
    count = atoi(argv[2]);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("random", NULL, NULL);
    if (!s || !CU_add_test(s, "programs", run_all))
        return 2;
    CU_run_all_tests();
    CU_cleanup_registry();
    if (differ)
        printf("%d of %d random programs differ under CP (seeds%s%s)\n", differ, count, seeds,
               differ > 5 ? " ..." : "");
    else
        printf("all %d random programs run the same bare and under CP\n", count);
    return differ ? 1 : 0;
}
