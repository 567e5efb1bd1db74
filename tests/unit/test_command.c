/*
 * test_command.c -- the CP command interpreter (the table, abbreviations,
 * every command and every error message, nothing half-done) and DIAGNOSE
 * (every function, its parameter-area checks and its answers), called
 * directly and from a guest running under CP.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "vdev_fixture.h"

/* Run line as issuer; check the return code and the exact response. */
#define CMD(c, issuer, line, rc, text) cmd_check((c), (issuer), (line), (rc), (text), __LINE__)
static void cmd_check(cp *c, cp_vm *issuer, const char *line, int rc, const char *text,
                      unsigned at)
{
    cp_out out;
    cp_out_init(&out);
    int got = cp_command(c, issuer, line, &out);
    bool ok = got == rc && strcmp(cp_out_text(&out), text) == 0;
    if (!ok)
        fprintf(stderr, "\nline %u: '%s': rc %d [%s], expected %d [%s]\n", at, line, got,
                cp_out_text(&out), rc, text);
    CU_assertImplementation(ok, at, line, __FILE__, "", CU_FALSE);
    cp_out_free(&out);
}

/* ---- the table ---------------------------------------------------------------- */

/* Every row is found by its name and its shortest abbreviation (in any
   case), not by anything shorter; no word is accepted by two rows. */
static void test_table(void)
{
    size_t n;
    const cp_command_def *t = cp_command_table(&n);
    CU_ASSERT_TRUE(n >= 6);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(t[i].name);
        CU_ASSERT_TRUE(t[i].abbrev >= 1 && t[i].abbrev <= len);
        CU_ASSERT_PTR_NOT_NULL(t[i].fn);
        CU_ASSERT_PTR_NOT_NULL(t[i].help);
        CU_ASSERT_PTR_NOT_NULL(t[i].syntax);
        CU_ASSERT_PTR_EQUAL(cp_command_lookup(t[i].name, len), &t[i]);
        CU_ASSERT_PTR_EQUAL(cp_command_lookup(t[i].name, t[i].abbrev), &t[i]);
        char lower[CP_WORD_MAX];
        for (size_t k = 0; k <= len; k++)
            lower[k] = (char)(t[i].name[k] | (t[i].name[k] >= 'A' && t[i].name[k] <= 'Z' ? 32 : 0));
        CU_ASSERT_PTR_EQUAL(cp_command_lookup(lower, t[i].abbrev), &t[i]);
        if (t[i].abbrev > 1)
            CU_ASSERT_PTR_NOT_EQUAL(cp_command_lookup(t[i].name, t[i].abbrev - 1), &t[i]);
        for (size_t j = 0; j < i; j++) {
            /* two rows conflict when their common prefix reaches both abbreviations */
            size_t common = 0;
            while (t[i].name[common] && t[i].name[common] == t[j].name[common])
                common++;
            size_t need = t[i].abbrev > t[j].abbrev ? t[i].abbrev : t[j].abbrev;
            if (common >= need)
                fprintf(stderr, "\n%s and %s accept the same word\n", t[i].name, t[j].name);
            CU_ASSERT_TRUE(common < need);
        }
    }
    CU_ASSERT_PTR_NULL(cp_command_lookup("QUERYX", 6));
    CU_ASSERT_PTR_NULL(cp_command_lookup("", 0));
}

/* Unknown commands, too-short abbreviations, empty lines. */
static void test_unknown(void)
{
    cp *c = vx_cp();
    CMD(c, NULL, "", CP_RC_OK, "");
    CMD(c, NULL, "   \n", CP_RC_OK, "");
    CMD(c, NULL, "fred x", CP_RC_UNKNOWN, "FRED: unknown CP command\n");
    CMD(c, NULL, "S PUNCH TO X", CP_RC_UNKNOWN, "S: unknown CP command\n");
    CMD(c, NULL, "TR TO X", CP_RC_UNKNOWN, "TR: unknown CP command\n");
    CMD(c, NULL, "QUERYNAMES", CP_RC_UNKNOWN, "QUERYNAMES: unknown CP command\n");
    cp_free(c);
}

/* ---- QUERY -------------------------------------------------------------------- */

static void test_query_names(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    vx_vm(c, "bob");
    const char *want = "ALICE    not IPLed\nbob      not IPLed\n";
    CMD(c, NULL, "QUERY NAMES", CP_RC_OK, want);
    CMD(c, a, "q n", CP_RC_OK, want);
    CMD(c, NULL, "Query Nam", CP_RC_OK, want);
    CMD(c, NULL, "\tQ\tNAMES\r\n", CP_RC_OK, want);
    CMD(c, NULL, "QUERY", CP_RC_OPERAND, "QUERY: missing operand: NAMES, VM, TIME, DASD, READER or STATS\n");
    CMD(c, NULL, "QUERY FOO", CP_RC_OPERAND, "QUERY: unknown operand FOO\n");
    CMD(c, NULL, "QUERY NAMES X", CP_RC_OPERAND, "QUERY: unexpected operand X\n");
    cp_free(c);
}

/* A VM sees its virtual time and CP's real time; the operator only the latter. */
static void test_query_time(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    vx_ipl_asm(a, "        .org 0\n        .psw S, 0x200\n        .org 0x200\n"
                  "        lpsw halt(r0)\n        .align 8\nhalt:   .psw W, 0\n");
    vx_run(c);
    char want[160];
    snprintf(want, sizeof want, "VIRTUAL TIME %llu CYCLES\nREAL TIME %llu CYCLES\n",
             (unsigned long long)cp_vm_now(a), (unsigned long long)cp_real_time(c));
    CU_ASSERT_TRUE(cp_vm_now(a) > 0);
    CMD(c, a, "QUERY TIME", CP_RC_OK, want);
    CMD(c, a, "Q T", CP_RC_OK, want);
    snprintf(want, sizeof want, "REAL TIME %llu CYCLES\n", (unsigned long long)cp_real_time(c));
    CMD(c, NULL, "QUERY TIME", CP_RC_OK, want);
    CMD(c, NULL, "QUERY TIME NOW", CP_RC_OPERAND, "QUERY: unexpected operand NOW\n");
    cp_free(c);
}

/* The issuer's reader, in reading order; another VM's for the operator only. */
static void test_query_reader(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    CMD(c, a, "QUERY READER", CP_RC_OK, "NO READER FILES\n");
    static const char *const cards[] = {"1", "2", "3"};
    vx_punch(a, cards, 3);
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "MEMO", "TEXT", "", err, sizeof err), 0);
    vx_punch(a, cards, 1);
    const char *want = "ID   ORIGIN   NAME     TYPE     CARDS\n"
                       "0001 ALICE    ALICE    PUNCH        3\n"
                       "0002 ALICE    MEMO     TEXT         1\n";
    CMD(c, a, "QUERY READER", CP_RC_OK, want);
    CMD(c, a, "Q RDR", CP_RC_OK, want);
    CMD(c, a, "Q R ALICE", CP_RC_OK, want);
    CMD(c, NULL, "Q READER alice", CP_RC_OK, want);
    CMD(c, NULL, "QUERY READER", CP_RC_OPERAND,
        "QUERY: READER needs a VM name from the operator\n");
    CMD(c, b, "QUERY READER ALICE", CP_RC_NOT_AUTHORIZED,
        "QUERY: only the operator may query another VM's reader\n");
    CMD(c, NULL, "QUERY READER NOBODY", CP_RC_NOT_FOUND, "QUERY: no VM named NOBODY\n");
    CMD(c, NULL, "QUERY READER ALICE X", CP_RC_OPERAND, "QUERY: unexpected operand X\n");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp_vm_create(c, "BARE", VX_VM_MEM, err, sizeof err));
    CMD(c, NULL, "QUERY READER BARE", CP_RC_NOT_NOW, "QUERY: BARE has no spool reader\n");
    cp_free(c);
}

/* ---- MSG ---------------------------------------------------------------------- */

/* MSG writes to the target's console output, never its input. */
static void test_msg(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    CMD(c, a, "MSG BOB hello,  world ", CP_RC_OK, "");
    CMD(c, NULL, "m bob Shutting down", CP_RC_OK, "");
    CU_ASSERT_TRUE(vx_console_is(b, "MSG FROM ALICE: hello,  world\n"
                                    "MSG FROM OPERATOR: Shutting down\n"));
    CU_ASSERT_EQUAL(cp_console_queued(b->dev.console), 0);
    CU_ASSERT_TRUE(vx_console_is(a, ""));
    CMD(c, a, "MSG", CP_RC_OPERAND, "MSG: missing VM name and message text\n");
    CMD(c, a, "MSG BOB   ", CP_RC_OPERAND, "MSG: missing message text\n");
    CMD(c, a, "MSG FRED hi", CP_RC_NOT_FOUND, "MSG: no VM named FRED\n");
    CU_ASSERT_TRUE(vx_console_is(b, "MSG FROM ALICE: hello,  world\n"
                                    "MSG FROM OPERATOR: Shutting down\n"));
    cp_free(c);
}

/* ---- SPOOL, CLOSE, TRANSFER ------------------------------------------------------ */

static void test_spool_command(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    CMD(c, a, "SPOOL PUNCH TO bob", CP_RC_OK, "");
    CU_ASSERT_STRING_EQUAL(a->dev.punch->dest, "BOB");
    CMD(c, a, "SP PU TO *", CP_RC_OK, "");
    CU_ASSERT_STRING_EQUAL(a->dev.punch->dest, "");
    CMD(c, a, "SPOOL PRT TO BOB", CP_RC_OK, "");
    CU_ASSERT_STRING_EQUAL(a->dev.printer->dest, "BOB");
    CMD(c, a, "SPOOL PRINTER TO OFF", CP_RC_OK, "");
    CU_ASSERT_STRING_EQUAL(a->dev.printer->dest, "");
    CMD(c, a, "SPOOL PRINTER TO *", CP_RC_OK, "");
    CU_ASSERT_STRING_EQUAL(a->dev.printer->dest, "ALICE");
    /* errors, each leaving everything as it was */
    CMD(c, a, "SPOOL", CP_RC_OPERAND, "SPOOL: missing device: PUNCH or PRINTER\n");
    CMD(c, a, "SPOOL READER TO BOB", CP_RC_OPERAND, "SPOOL: unknown device READER\n");
    CMD(c, a, "SPOOL PUNCH", CP_RC_OPERAND, "SPOOL: missing TO and a destination\n");
    CMD(c, a, "SPOOL PUNCH FOR BOB", CP_RC_OPERAND, "SPOOL: expected TO, found FOR\n");
    CMD(c, a, "SPOOL PUNCH TO", CP_RC_OPERAND, "SPOOL: missing destination after TO\n");
    CMD(c, a, "SPOOL PUNCH TO BOB NOW", CP_RC_OPERAND, "SPOOL: unexpected operand NOW\n");
    CMD(c, a, "SPOOL PUNCH TO NOBODY", CP_RC_NOT_FOUND, "SPOOL: no VM named NOBODY\n");
    CMD(c, a, "SPOOL PRINTER TO NOBODY", CP_RC_NOT_FOUND, "SPOOL: no VM named NOBODY\n");
    CU_ASSERT_STRING_EQUAL(a->dev.punch->dest, "");
    CU_ASSERT_STRING_EQUAL(a->dev.printer->dest, "ALICE");
    CMD(c, NULL, "SPOOL PUNCH TO BOB", CP_RC_NOT_NOW, "SPOOL: the operator has no spool devices\n");
    char err[128];
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp_vm_create(c, "BARE", VX_VM_MEM, err, sizeof err));
    CMD(c, cp_vm_find(c, "BARE"), "SPOOL PUNCH TO BOB", CP_RC_NOT_NOW,
        "SPOOL: BARE has no spool punch\n");
    CMD(c, a, "SPOOL PUNCH TO BARE", CP_RC_NOT_NOW, "SPOOL: BARE has no spool reader\n");
    CU_ASSERT_EQUAL(vx_reader_count(b), 0);
    cp_free(c);
}

/* CLOSE sends the punch's or the spooled printer's open file. */
static void test_close_command(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    /* two cards punched, no CONTROL: CLOSE PUNCH closes the file */
    vx_put(a, 0x9000, "ABC", 3);
    vx_ccw(a, 0x8000, PG_CCW_WRITE, PG_CCW_FLAG_CC | PG_CCW_FLAG_SLI, 3, 0x9000);
    vx_ccw(a, 0x8008, PG_CCW_WRITE, PG_CCW_FLAG_SLI, 3, 0x9000);
    CU_ASSERT_EQUAL(vx_io(a, PG_DEV_PUNCH, 0x8000).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(vx_reader_count(a), 0);
    CMD(c, a, "CLOSE PUNCH", CP_RC_OK, "");
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CU_ASSERT_EQUAL(cp_spool_first(a)->ncards, 2);
    CMD(c, a, "C PU", CP_RC_OK, "");                 /* nothing open: no file */
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CMD(c, a, "SPOOL PRINTER TO *", CP_RC_OK, "");
    vx_ccw(a, 0x8000, PG_CCW_WRITE, 0, 3, 0x9000);
    CU_ASSERT_EQUAL(vx_io(a, PG_DEV_PRINTER, 0x8000).unit, PG_US_CE | PG_US_DE);
    CMD(c, a, "CLOSE PRINTER", CP_RC_OK, "");
    CU_ASSERT_EQUAL(vx_reader_count(a), 2);
    CMD(c, a, "CLOSE", CP_RC_OPERAND, "CLOSE: missing device: PUNCH or PRINTER\n");
    CMD(c, a, "CLOSE DISK", CP_RC_OPERAND, "CLOSE: unknown device DISK\n");
    CMD(c, a, "CLOSE PUNCH X", CP_RC_OPERAND, "CLOSE: unexpected operand X\n");
    CMD(c, NULL, "CLOSE PUNCH", CP_RC_NOT_NOW, "CLOSE: the operator has no spool devices\n");
    cp_free(c);
}

/* TRANSFER by id or the first file; the operator by id; every error. */
static void test_transfer_command(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    CMD(c, a, "TRANSFER TO BOB", CP_RC_NOT_FOUND,
        "TRANSFER: no file to transfer in your reader\n");
    static const char *const cards[] = {"X"};
    vx_punch(a, cards, 1);
    vx_punch(a, cards, 1);
    vx_punch(a, cards, 1);
    CMD(c, a, "TRANSFER TO BOB", CP_RC_OK, "FILE 0001 TRANSFERRED TO BOB\n");
    CMD(c, a, "trans 3 to bob", CP_RC_OK, "FILE 0003 TRANSFERRED TO BOB\n");
    CMD(c, NULL, "TRANSFER 1 TO ALICE", CP_RC_OK, "FILE 0001 TRANSFERRED TO ALICE\n");
    CU_ASSERT_EQUAL(vx_reader_count(a), 2);
    CU_ASSERT_EQUAL(vx_reader_count(b), 1);
    CMD(c, a, "TRANSFER", CP_RC_OPERAND, "TRANSFER: missing TO and a destination\n");
    CMD(c, a, "TRANSFER X TO BOB", CP_RC_OPERAND, "TRANSFER: bad spool id X\n");
    CMD(c, a, "TRANSFER 0 TO BOB", CP_RC_OPERAND, "TRANSFER: bad spool id 0\n");
    CMD(c, a, "TRANSFER 2 BOB", CP_RC_OPERAND, "TRANSFER: expected TO, found BOB\n");
    CMD(c, a, "TRANSFER 2 TO", CP_RC_OPERAND, "TRANSFER: missing destination after TO\n");
    CMD(c, a, "TRANSFER 2 TO BOB X", CP_RC_OPERAND, "TRANSFER: unexpected operand X\n");
    CMD(c, a, "TRANSFER 2 TO NOBODY", CP_RC_NOT_FOUND, "TRANSFER: no VM named NOBODY\n");
    CMD(c, a, "TRANSFER 3 TO BOB", CP_RC_NOT_FOUND, "TRANSFER: no file 0003 in your reader\n");
    CMD(c, NULL, "TRANSFER TO BOB", CP_RC_OPERAND, "TRANSFER: a spool file id is needed\n");
    CMD(c, NULL, "TRANSFER 99 TO BOB", CP_RC_NOT_FOUND, "TRANSFER: no spool file 0099\n");
    CU_ASSERT_EQUAL(vx_reader_count(a), 2);
    CU_ASSERT_EQUAL(vx_reader_count(b), 1);
    cp_free(c);
}

/* HELP: one row or the whole table. */
static void test_help(void)
{
    cp *c = vx_cp();
    CMD(c, NULL, "HELP MSG", CP_RC_OK,
        "MSG vm text                              (M) write a message on a VM's console\n");
    CMD(c, NULL, "help q", CP_RC_OK,
        "QUERY NAMES|VM|TIME|DASD|READER|STATS [vm] (Q) the VMs; one VM; time; minidisks; "
        "reader files; statistics\n");
    CMD(c, NULL, "HELP FOO", CP_RC_NOT_FOUND, "HELP: unknown command FOO\n");
    CMD(c, NULL, "HELP MSG X", CP_RC_OPERAND, "HELP: unexpected operand X\n");
    cp_out out;
    cp_out_init(&out);
    CU_ASSERT_EQUAL(cp_command(c, NULL, "HELP", &out), CP_RC_OK);
    size_t n, lines = 0;
    cp_command_table(&n);
    for (const char *p = cp_out_text(&out); *p; p++)
        lines += *p == '\n';
    CU_ASSERT_EQUAL(lines, n);
    cp_out_free(&out);
    cp_free(c);
}

/* cp_out collects any amount of text. */
static void test_out(void)
{
    cp_out o;
    cp_out_init(&o);
    CU_ASSERT_STRING_EQUAL(cp_out_text(&o), "");
    for (int i = 0; i < 1000; i++)
        cp_out_printf(&o, "line %04d\n", i);
    CU_ASSERT_EQUAL(o.len, 10000u);
    CU_ASSERT_EQUAL(strncmp(o.text + 9990, "line 0999\n", 10), 0);
    CU_ASSERT_FALSE(o.failed);
    cp_out_clear(&o);
    CU_ASSERT_STRING_EQUAL(cp_out_text(&o), "");
    cp_out_free(&o);
}

/* ---- DIAGNOSE --------------------------------------------------------------------- */

/* DIAGNOSE code with r1 = area: the program code, *rd the answer. */
static int diag(cp_vm *vm, uint16_t code, uint32_t area, uint32_t *rd)
{
    cp_vm_set_gpr(vm, 1, area);
    *rd = 0xDEADBEEF;
    return cp_diag(vm, code, 2, 1, rd);
}

/* Fill n bytes at addr with v. */
static void fill(cp_vm *vm, uint32_t addr, uint8_t v, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        vx_put(vm, addr + i, &v, 1);
}

/* 0x0000 answers 1; unknown codes are specification exceptions; 0x000C yields. */
static void test_diag_where_and_unknown(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    uint32_t rd;
    CU_ASSERT_EQUAL(diag(a, 0x0000, 0, &rd), 0);
    CU_ASSERT_EQUAL(rd, 1);
    static const uint16_t unknown[] = {0x0001, 0x0004, 0x0010, 0x001C, 0x0024, 0x8000, 0xFFFF};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        CU_ASSERT_EQUAL(diag(a, unknown[i], 0, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(diag(a, 0x000C, 0, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    CU_ASSERT_TRUE(a->dev_yield);
    cp_free(c);
}

/* Set up DIAGNOSE 0x0008's block at 0x1000: the command at 0x1100, the
   response buffer at 0x1200 (cap bytes, pre-filled with 0xEE). */
static void command_block(cp_vm *vm, const char *cmd, uint32_t cap)
{
    vx_put(vm, 0x1100, cmd, (uint32_t)strlen(cmd));
    vx_put32(vm, 0x1000, 0x1100);
    vx_put32(vm, 0x1004, (uint32_t)strlen(cmd));
    vx_put32(vm, 0x1008, 0x1200);
    vx_put32(vm, 0x100C, cap);
    vx_put32(vm, 0x1010, 0xFFFFFFFF);
    fill(vm, 0x1200, 0xEE, 256);
}

/* 0x0008: the response cut to the buffer, its full length, the return code. */
static void test_diag_command(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    uint32_t rd;
    command_block(a, "QUERY NAMES", 10);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(rd, CP_RC_OK);
    const char *full = "ALICE    not IPLed\nBOB      not IPLed\n";
    CU_ASSERT_EQUAL(vx_get32(a, 0x1010), strlen(full));
    char got[12] = {0};
    vx_get(a, 0x1200, got, 11);
    CU_ASSERT_EQUAL(memcmp(got, full, 10), 0);
    CU_ASSERT_EQUAL((uint8_t)got[10], 0xEE);
    /* the command runs as the VM */
    command_block(a, "MSG BOB from the guest", 100);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    CU_ASSERT_EQUAL(vx_get32(a, 0x1010), 0);
    CU_ASSERT_TRUE(vx_console_is(b, "MSG FROM ALICE: from the guest\n"));
    /* its return code and error message */
    command_block(a, "spool punch to nobody", 200);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(rd, CP_RC_NOT_FOUND);
    const char *msg = "SPOOL: no VM named NOBODY\n";
    CU_ASSERT_EQUAL(vx_get32(a, 0x1010), strlen(msg));
    char text[64] = {0};
    vx_get(a, 0x1200, text, (uint32_t)strlen(msg));
    CU_ASSERT_STRING_EQUAL(text, msg);
    /* a zero-length buffer: only the length */
    command_block(a, "QUERY TIME", 0);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(vx_get32(a, 0x1010), strlen("VIRTUAL TIME 0 CYCLES\nREAL TIME 0 CYCLES\n"));
    CU_ASSERT_EQUAL(vx_get32(a, 0x1200), 0xEEEEEEEE);
    cp_free(c);
}

/* Parameter areas: misaligned block, anything outside storage, a command
   too long; every one nullifies (nothing written, nothing run). */
static void test_diag_command_errors(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    uint32_t rd, top = VX_VM_MEM;
    command_block(a, "MSG BOB x", 100);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1002, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(diag(a, 0x0008, top - 16, &rd), PG_PGM_ADDRESSING);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0xFFFFFFFC, &rd), PG_PGM_ADDRESSING);
    vx_put32(a, 0x1000, top - 4);               /* command runs off the end */
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), PG_PGM_ADDRESSING);
    vx_put32(a, 0x1000, 0x1100);
    vx_put32(a, 0x1008, top - 50);              /* response buffer runs off the end */
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), PG_PGM_ADDRESSING);
    vx_put32(a, 0x1008, 0xFFFFFFF0);
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), PG_PGM_ADDRESSING);
    vx_put32(a, 0x1008, 0x1200);
    vx_put32(a, 0x1004, 1025);                  /* longer than a command may be */
    CU_ASSERT_EQUAL(diag(a, 0x0008, 0x1000, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(rd, 0xDEADBEEF);
    CU_ASSERT_EQUAL(vx_get32(a, 0x1010), 0xFFFFFFFF);
    CU_ASSERT_TRUE(vx_console_is(b, ""));
    cp_free(c);
}

/* 0x0014: the file the next READ reads, or 1 for an empty reader. */
static void test_diag_reader_info(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "alice"), *b = vx_vm(c, "BOB");
    uint32_t rd;
    fill(b, 0x2000, 0xEE, 32);
    CU_ASSERT_EQUAL(diag(b, 0x0014, 0x2000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 1);
    CU_ASSERT_EQUAL(vx_get32(b, 0x2000), 0xEEEEEEEE);
    CU_ASSERT_EQUAL(vx_get32(b, 0x201C), 0xEEEEEEEE);
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "BOB", err, sizeof err), 0);
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "hello", "s", "", err, sizeof err), 0);
    static const char *const cards[] = {"1", "2"};
    vx_punch(a, cards, 2);
    vx_punch(a, cards, 1);
    CU_ASSERT_EQUAL(diag(b, 0x0014, 0x2000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    char area[25] = {0};
    vx_get(b, 0x2000, area, 24);
    CU_ASSERT_STRING_EQUAL(area, "ALICE   HELLO   S       ");
    CU_ASSERT_EQUAL(vx_get32(b, 0x2018), 1);
    CU_ASSERT_EQUAL(vx_get32(b, 0x201C), 2);
    /* while it is read, and at its end, it is still the file a READ meets */
    char card[81];
    vx_read_card(b, card);
    vx_read_card(b, card);
    CU_ASSERT_EQUAL(diag(b, 0x0014, 0x2000, &rd), 0);
    CU_ASSERT_EQUAL(vx_get32(b, 0x2018), 1);
    vx_read_card(b, card);                          /* unit exception: file 1 gone */
    CU_ASSERT_EQUAL(diag(a, 0x0014, 0x2000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 1);
    CU_ASSERT_EQUAL(diag(b, 0x0014, 0x2000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    CU_ASSERT_EQUAL(vx_get32(b, 0x2018), 2);
    vx_get(b, 0x2000, area, 24);
    CU_ASSERT_STRING_EQUAL(area, "ALICE   ALICE   PUNCH   ");
    CU_ASSERT_EQUAL(diag(b, 0x0014, 0x2001, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(diag(b, 0x0014, VX_VM_MEM - 28, &rd), PG_PGM_ADDRESSING);
    /* a VM whose reader is no spool reader (none at all here) answers 2 */
    cp_vm *bare = cp_vm_create(c, "BARE", VX_VM_MEM, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bare);
    CU_ASSERT_EQUAL(diag(bare, 0x0014, 0x2000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 2);
    cp_free(c);
}

/* DIAGNOSE 0x0018's block at 0x1000. */
static void block_io(cp_vm *vm, uint32_t devno, uint32_t op, uint32_t first, uint32_t count,
                     uint32_t buf)
{
    uint32_t w[5] = {devno, op, first, count, buf};
    for (int i = 0; i < 5; i++)
        vx_put32(vm, 0x1000 + 4u * (uint32_t)i, w[i]);
}

/* 0x0018: reads and writes in the minidisk's range, every answer, program checks. */
static void test_diag_block_io(void)
{
    vx_dir d;
    vx_dir_new(&d);
    vx_image(&d, "disk.img", 16);
    char path[256], err[512];
    vx_path(&d, "disk.img", path, sizeof path);
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(a, 0x191, path, 2, 8, false, err, sizeof err));
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(a, 0x190, path, 0, 16, true, err, sizeof err));
    pg_device *dev = pg_channel_find(&a->chan, 0x191);
    dev->position = 1024;
    uint32_t rd;
    /* read blocks 1-2 of the minidisk: the image's 3 and 4 */
    block_io(a, 0x191, 1, 1, 2, 0x4000);
    CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    CU_ASSERT_EQUAL(vx_get32(a, 0x4000), 0x03030303);
    CU_ASSERT_EQUAL(vx_get32(a, 0x41FC), 0x03030303);
    CU_ASSERT_EQUAL(vx_get32(a, 0x4200), 0x04040404);
    CU_ASSERT_EQUAL(vx_get32(a, 0x43FC), 0x04040404);
    /* write block 0 of the minidisk; the read-only whole image sees it */
    fill(a, 0x5000, 0x77, 512);
    block_io(a, 0x191, 2, 0, 1, 0x5000);
    CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    block_io(a, 0x190, 1, 2, 1, 0x6000);
    CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1000, &rd), 0);
    CU_ASSERT_EQUAL(vx_get32(a, 0x6000), 0x77777777);
    CU_ASSERT_EQUAL(vx_get32(a, 0x61FC), 0x77777777);
    /* no interrupt, no status, the position kept */
    CU_ASSERT_FALSE(pg_channel_find(&a->chan, 0x191)->status_valid);
    CU_ASSERT_EQUAL(pg_channel_find(&a->chan, 0x191)->position, 1024);
    /* the answers */
    struct {
        uint32_t devno, op, first, count, buf, rd;
    } cases[] = {
        {0x999, 1, 0, 1, 0x4000, 1},
        {0x009, 1, 0, 1, 0x4000, 1},
        {0x10191, 1, 0, 1, 0x4000, 1},
        {0x191, 1, 7, 2, 0x4000, 2},
        {0x191, 1, 8, 1, 0x4000, 2},
        {0x191, 1, 0xFFFFFFFF, 2, 0x4000, 2},
        {0x191, 2, 0, 9, 0x4000, 2},
        {0x190, 2, 0, 1, 0x4000, 3},
        {0x191, 1, 0, 1, VX_VM_MEM - 511, 4},
        {0x191, 1, 0, 2, 0xFFFFFF00, 4},
        {0x191, 1, 0, 0, 0x4000, 0},
    };
    fill(a, 0x4000, 0xEE, 1024);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        block_io(a, cases[i].devno, cases[i].op, cases[i].first, cases[i].count, cases[i].buf);
        CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1000, &rd), 0);
        if (rd != cases[i].rd)
            fprintf(stderr, "\ncase %zu: rd %u, expected %u\n", i, rd, cases[i].rd);
        CU_ASSERT_EQUAL(rd, cases[i].rd);
    }
    CU_ASSERT_EQUAL(vx_get32(a, 0x4000), 0xEEEEEEEE);
    /* program checks */
    block_io(a, 0x191, 0, 0, 1, 0x4000);
    CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1000, &rd), PG_PGM_SPECIFICATION);
    block_io(a, 0x191, 3, 0, 1, 0x4000);
    CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1000, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(diag(a, 0x0018, 0x1001, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(diag(a, 0x0018, VX_VM_MEM - 16, &rd), PG_PGM_ADDRESSING);
    CU_ASSERT_EQUAL(rd, 0xDEADBEEF);
    cp_free(c);
    size_t len;
    char *img = vx_read_file(&d, "disk.img", &len);
    CU_ASSERT_EQUAL((uint8_t)img[2 * 512], 0x77);
    CU_ASSERT_EQUAL((uint8_t)img[3 * 512 - 1], 0x77);
    CU_ASSERT_EQUAL((uint8_t)img[3 * 512], 3);
    CU_ASSERT_EQUAL((uint8_t)img[2 * 512 - 1], 1);
    free(img);
    vx_dir_free(&d);
}

/* DIAGNOSE 0x0020's area at 0x3000 (24 bytes, as given). */
static void tag_area(cp_vm *vm, const char *area24)
{
    vx_put(vm, 0x3000, area24, 24);
}

/* 0x0020: the tag names the next file; every refusal changes nothing. */
static void test_diag_tag(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    uint32_t rd;
    tag_area(a, "report  list    bob     ");
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    static const char *const cards[] = {"x"};
    vx_punch(a, cards, 1);
    const cp_spool_file *f = cp_spool_first(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->name, "REPORT");
    CU_ASSERT_STRING_EQUAL(f->type, "LIST");
    /* blanks keep the defaults */
    tag_area(a, "                        ");
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    vx_punch(a, cards, 1);
    f = cp_spool_first(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->name, "ALICE");
    CU_ASSERT_STRING_EQUAL(f->type, "PUNCH");
    /* refusals change nothing */
    tag_area(a, "A       B       NOBODY  ");
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 1);
    tag_area(a, "A B     B               ");
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 2);
    tag_area(a, "A       B.C             ");
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 2);
    vx_put(a, 0x3000, "A\0      ", 8);
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 2);
    CU_ASSERT_FALSE(a->dev.punch->tag.set);
    char err[128];
    cp_vm *bare = cp_vm_create(c, "BARE", VX_VM_MEM, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(bare);
    vx_put(bare, 0x3000, "A       B               ", 24);
    CU_ASSERT_EQUAL(diag(bare, 0x0020, 0x3000, &rd), 0);
    CU_ASSERT_EQUAL(rd, 3);
    CU_ASSERT_EQUAL(diag(a, 0x0020, 0x3002, &rd), PG_PGM_SPECIFICATION);
    CU_ASSERT_EQUAL(diag(a, 0x0020, VX_VM_MEM - 20, &rd), PG_PGM_ADDRESSING);
    cp_free(c);
}

/* A guest asks "where am I?" and runs QUERY NAMES through DIAGNOSE 0x0008,
   printing the response: the core hands diag to cp_diag with its registers. */
static const char diag_guest[] =
    "        .org 0\n"
    "        .psw S, start\n"
    "        .org 0x200\n"
    "start:  diag r5, r0, 0\n"
    "        la r1, block\n"
    "        diag r6, r1, 8\n"
    "        lw r7, block+16(r0)\n"
    "        la r8, wccw\n"
    "        sh r7, 2(r8)\n"
    "        li r1, 0x009\n"
    "        sio r3, r1, r8\n"
    "p:      tio r3, r1\n"
    "        li r4, 2\n"
    "        beq r3, r4, p\n"
    "        la r2, result\n"
    "        sw r5, 0(r2)\n"
    "        sw r6, 4(r2)\n"
    "        lpsw done(r0)\n"
    "        .align 8\n"
    "done:   .psw W, 0\n"
    "wccw:   .byte 0x01, 0x00\n"
    "        .half 0\n"
    "        .word resp\n"
    "block:  .word cmd, cmdlen, resp, 200, 0\n"
    "result: .word 0x11111111, 0x22222222\n"
    "cmd:    .ascii \"q names\"\n"
    "cmdlen = . - cmd\n"
    "resp:   .space 200\n";

/* The guest's diag reaches cp_diag with its registers and gets its answers. */
static void test_diag_from_guest(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    vx_vm(c, "BOB");
    vx_ipl_asm(a, diag_guest);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_get_state(a), CP_VM_DISABLED_WAIT);
    CU_ASSERT_TRUE(vx_console_is(a, "ALICE    running\nBOB      not IPLed\n"));
    CU_ASSERT_EQUAL(cp_vm_get_gpr(a, 5), 1);        /* under CP */
    CU_ASSERT_EQUAL(cp_vm_get_gpr(a, 6), CP_RC_OK);
    CU_ASSERT_EQUAL(cp_vm_get_stats(a)->diag, 2);
    cp_free(c);
}

static const pg_test command_tests[] = {
    {"table", test_table},
    {"unknown", test_unknown},
    {"query_names", test_query_names},
    {"query_time", test_query_time},
    {"query_reader", test_query_reader},
    {"msg", test_msg},
    {"spool", test_spool_command},
    {"close", test_close_command},
    {"transfer", test_transfer_command},
    {"help", test_help},
    {"out", test_out},
    {NULL, NULL},
};

static const pg_test diag_tests[] = {
    {"where_and_unknown", test_diag_where_and_unknown},
    {"command", test_diag_command},
    {"command_errors", test_diag_command_errors},
    {"reader_info", test_diag_reader_info},
    {"block_io", test_diag_block_io},
    {"tag", test_diag_tag},
    {"from_guest", test_diag_from_guest},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"command", command_tests},
    {"diag", diag_tests},
    {NULL, NULL},
};

/* All the suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
