/*
 * test_cp_step.c -- CP's single step and instruction breakpoints: a guest
 * run one instruction at a time, or stopped at breakpoints and resumed,
 * ends exactly as on the bare machine (cp_fixture.h compares every register,
 * the PSW, clocks, storage and the digest).
 */
#include "cp_fixture.h"
#include "runner.h"

#define STEP_PROGRAMS 60
#define STEP_LIMIT 200000

/* Step a VM until it ends (or the limit); the number of steps. */
static int step_to_end(cp_vm *vm)
{
    int n = 0;
    while (n < STEP_LIMIT && cp_vm_step(vm) && cp_vm_get_state(vm) == CP_VM_STOPPED)
        n++;
    return n;
}

/* Random programs stepped one instruction at a time end as bare ones do. */
static void test_step_fuzz(void)
{
    for (int i = 0; i < STEP_PROGRAMS; i++) {
        cpx_img *img = fz_build(3000 + (uint64_t)i, 0);
        cpx_opts o = {.input = fz_input, .max_cycles = 30000};
        cpx_pair *p = cpx_pair_new(img, &o);
        p->bstop = pg_run(p->m, p->max_cycles);
        cp_vm_set_max_cycles(p->vm, p->max_cycles);
        int steps = step_to_end(p->vm);
        CU_ASSERT(steps > 0);
        CU_ASSERT(steps < STEP_LIMIT);
        char ctx[64];
        snprintf(ctx, sizeof ctx, "stepped program seed %d", 3000 + i);
        CPX_CHECK(ctx, p);
        cpx_pair_free(p);
        cpx_img_free(img);
    }
}

/* A step leaves the VM stopped for STEP, one instruction further on. */
static void test_step_one(void)
{
    cpx_img *img = fz_build(3100, 0);
    cpx_pair *p = cpx_pair_new(img, &(cpx_opts){.input = fz_input, .max_cycles = 30000});
    uint64_t before = cp_vm_get_stats(p->vm)->direct + cp_vm_get_stats(p->vm)->emulated;
    CU_ASSERT(cp_vm_step(p->vm));
    CU_ASSERT_EQUAL(cp_vm_get_state(p->vm), CP_VM_STOPPED);
    CU_ASSERT_EQUAL(cp_vm_stop_reason(p->vm), CP_STOP_STEP);
    uint64_t after = cp_vm_get_stats(p->vm)->direct + cp_vm_get_stats(p->vm)->emulated;
    CU_ASSERT(after - before <= 1);
    cpx_pair_free(p);
    cpx_img_free(img);
}

/* Breakpoints stop the VM before the instruction; resumed, it ends as bare. */
static void test_breakpoints(void)
{
    int hit_programs = 0;
    for (int i = 0; i < STEP_PROGRAMS; i++) {
        cpx_img *img = fz_build(3200 + (uint64_t)i, 0);
        cpx_opts o = {.input = fz_input, .max_cycles = 30000};
        /* where the guest is after a few instructions: the breakpoint */
        cpx_pair *probe = cpx_pair_new(img, &o);
        cp_vm_set_max_cycles(probe->vm, o.max_cycles);
        for (int k = 0; k < 7; k++)
            cp_vm_step(probe->vm);
        uint32_t at = cp_vm_get_psw(probe->vm).addr;
        bool probe_alive = cp_vm_get_state(probe->vm) == CP_VM_STOPPED;
        cpx_pair_free(probe);

        cpx_pair *p = cpx_pair_new(img, &o);
        p->bstop = pg_run(p->m, p->max_cycles);
        cp_vm_set_max_cycles(p->vm, p->max_cycles);
        CU_ASSERT(cp_vm_break_add(p->vm, at));
        CU_ASSERT_FALSE(cp_vm_break_add(p->vm, at));     /* already set */
        int hits = 0;
        for (int round = 0; round < 100000; round++) {
            cpx_cp_run(p->c, p->max_cycles);
            if (cp_vm_get_state(p->vm) != CP_VM_STOPPED)
                break;
            CU_ASSERT_EQUAL(cp_vm_stop_reason(p->vm), CP_STOP_BREAKPOINT);
            CU_ASSERT_EQUAL(cp_vm_get_psw(p->vm).addr, at);
            hits++;
            cp_vm_wake(p->vm);
        }
        if (probe_alive) {
            CU_ASSERT(hits >= 1);
            hit_programs++;
        }
        char ctx[64];
        snprintf(ctx, sizeof ctx, "program seed %d with a breakpoint", 3200 + i);
        CPX_CHECK(ctx, p);
        uint32_t list[CP_MAX_BREAKS];
        CU_ASSERT_EQUAL(cp_vm_break_list(p->vm, list, CP_MAX_BREAKS), 1);
        CU_ASSERT(cp_vm_break_remove(p->vm, at));
        CU_ASSERT_FALSE(cp_vm_break_remove(p->vm, at));
        cpx_pair_free(p);
        cpx_img_free(img);
    }
    CU_ASSERT(hit_programs > STEP_PROGRAMS / 2);
}

/* Operator STOP and BEGIN: a stopped VM stays put, then ends as bare. */
static void test_stop_begin(void)
{
    cpx_img *img = fz_build(3300, 0);
    cpx_pair *p = cpx_pair_new(img, &(cpx_opts){.input = fz_input, .max_cycles = 30000});
    p->bstop = pg_run(p->m, p->max_cycles);
    cp_vm_set_max_cycles(p->vm, p->max_cycles);
    cp_vm_stop(p->vm);
    CU_ASSERT_EQUAL(cp_vm_get_state(p->vm), CP_VM_STOPPED);
    CU_ASSERT_EQUAL(cp_vm_stop_reason(p->vm), CP_STOP_OPERATOR);
    uint64_t tod = cp_vm_get_tod(p->vm);
    CU_ASSERT_FALSE(cpx_cp_run(p->c, p->max_cycles));
    CU_ASSERT_EQUAL(cp_vm_get_tod(p->vm), tod);
    cp_vm_wake(p->vm);
    cpx_cp_run(p->c, p->max_cycles);
    CPX_CHECK("stopped, begun again", p);
    cpx_pair_free(p);
    cpx_img_free(img);
}

static const pg_test step_tests[] = {
    {"one step", test_step_one},
    {"random programs stepped", test_step_fuzz},
    {"breakpoints", test_breakpoints},
    {"stop and begin", test_stop_begin},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"step", step_tests},
    {NULL, NULL},
};

/* Run the suites. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
