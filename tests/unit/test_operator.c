/*
 * test_operator.c -- the operator's console (vmm/operator.h): the commands
 * that need it refuse to run without it or outside batch mode, a VM may not
 * issue them, SEND needs a console with queued input, and the console lines
 * a VM writes come out once each, "NAME: line".  (tests/monitor covers the
 * commands themselves through pgvmm --batch.)
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "runner.h"
#include "vdev_fixture.h"
#include "../../vmm/operator.h"

/* Run line on op (NULL: plain cp_command as issuer); check rc and text. */
#define OP(c, op, issuer, line, rc, text) op_check((c), (op), (issuer), (line), (rc), (text), __LINE__)
static void op_check(cp *c, cp_operator *op, cp_vm *issuer, const char *line, int rc,
                     const char *text, unsigned at)
{
    cp_out out;
    cp_out_init(&out);
    int got = op ? cp_command_op(c, op, line, &out) : cp_command(c, issuer, line, &out);
    bool ok = got == rc && strcmp(cp_out_text(&out), text) == 0;
    if (!ok)
        fprintf(stderr, "\nline %u: '%s': rc %d [%s], expected %d [%s]\n", at, line, got,
                cp_out_text(&out), rc, text);
    CU_assertImplementation(ok, at, line, __FILE__, "", CU_FALSE);
    cp_out_free(&out);
}

/* Without the operator's console, from a VM, and outside batch mode. */
static void test_needs_console(void)
{
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "A");
    OP(c, NULL, NULL, "SET VM A", CP_RC_NOT_NOW,
       "SET: needs the operator's console (pgvmm --batch or the monitor)\n");
    OP(c, NULL, NULL, "RUN", CP_RC_NOT_NOW,
       "RUN: needs the operator's console (pgvmm --batch or the monitor)\n");
    OP(c, NULL, vm, "DISPLAY PSW", CP_RC_NOT_AUTHORIZED,
       "DISPLAY: only the operator may do that\n");
    OP(c, NULL, vm, "QUERY VM", CP_RC_OK,
       "A not IPLed, PSW 00000000 00000000, STORAGE 64K\n"
       "INSTRUCTIONS 0 DIRECT, 0 EMULATED; VIRTUAL TIME 0 CYCLES\n");
    cp_vm *other = vx_vm(c, "B");
    (void)other;
    OP(c, NULL, vm, "QUERY DASD B", CP_RC_NOT_AUTHORIZED,
       "QUERY: only the operator may query another VM\n");
    cp_operator op;
    cp_operator_init(&op, c, NULL, false);
    OP(c, &op, NULL, "RUN", CP_RC_NOT_NOW,
       "RUN: only in batch mode (the VMs run by themselves)\n");
    OP(c, &op, NULL, "SEND A hi", CP_RC_NOT_NOW,
       "SEND: only in batch mode (type in the VM's window)\n");
    OP(c, &op, NULL, "BEGIN A", CP_RC_NOT_NOW, "BEGIN: A has nothing to run (not IPLed)\n");
    cp_operator_free(&op);
    cp_free(c);
}

/* SEND to a console without queued input; console lines shown once. */
static void test_send_and_console(void)
{
    cp *c = vx_cp();
    cp_vdev_config none = {.input = CP_INPUT_NONE};
    vx_vm_with(c, "DEAF", &none);
    cp_vm *vm = vx_vm(c, "A");
    cp_operator op;
    cp_operator_init(&op, c, NULL, true);
    OP(c, &op, NULL, "SEND DEAF hello", CP_RC_NOT_NOW,
       "SEND: DEAF's console takes no typed input\n");
    OP(c, &op, NULL, "SEND A hello", CP_RC_OK, "");
    CU_ASSERT_EQUAL(cp_console_queued(vm->dev.console), 1);
    OP(c, &op, NULL, "MSG A one", CP_RC_OK, "");
    cp_vdevs_console_message(vm, "two", 3);
    cp_out out;
    cp_out_init(&out);
    cp_operator_console(&op, &out, false);
    CU_ASSERT_STRING_EQUAL(cp_out_text(&out), "A: MSG FROM OPERATOR: one\n");
    cp_out_clear(&out);
    cp_operator_console(&op, &out, false);
    CU_ASSERT_STRING_EQUAL(cp_out_text(&out), "");
    cp_operator_console(&op, &out, true);
    CU_ASSERT_STRING_EQUAL(cp_out_text(&out), "A: two\n");
    cp_out_free(&out);
    cp_operator_free(&op);
    cp_free(c);
}

/* LOGON and AUTOLOG of a directory entry, once. */
static void test_logon(void)
{
    cp *c = vx_cp();
    cp_directory d;
    char err[256];
    const char *text = "USER ONE MEMORY 64K\nUSER TWO MEMORY 64K\n";
    CU_ASSERT_TRUE_FATAL(cp_directory_parse(&d, "t.dir", text, strlen(text), err, sizeof err));
    cp_operator op;
    cp_operator_init(&op, c, &d, true);
    OP(c, &op, NULL, "LOGON one", CP_RC_OK, "ONE LOGGED ON AND SELECTED\n");
    OP(c, &op, NULL, "AUTOLOG TWO", CP_RC_OK, "TWO LOGGED ON\n");
    OP(c, &op, NULL, "LOGON TWO", CP_RC_NOT_NOW, "LOGON: TWO is already logged on\n");
    OP(c, &op, NULL, "LOGON THREE", CP_RC_NOT_FOUND, "LOGON: no user THREE in t.dir\n");
    OP(c, &op, NULL, "QUERY NAMES", CP_RC_OK, "ONE      not IPLed\nTWO      not IPLed\n");
    OP(c, &op, NULL, "DISPLAY PSW", CP_RC_OK, "PSW 00000000 00000000 (P) not IPLed\n");
    cp_operator_free(&op);
    cp_directory_free(&d);
    cp_free(c);
}

static const pg_test operator_tests[] = {
    {"needs_console", test_needs_console},
    {"send_and_console", test_send_and_console},
    {"logon", test_logon},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"operator", operator_tests},
    {NULL, NULL},
};

/* All the suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
