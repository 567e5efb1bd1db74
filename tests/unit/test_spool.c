/*
 * test_spool.c -- CP's virtual devices: the console with its input queue
 * (would-block, wake, end of input, the output ring), the spool (punch to
 * reader routing with tags and defaults, attention on arrival, the unit
 * exception between files, printer to a file and to a reader, transfer,
 * host decks) and minidisks (range checks, refusals, sharing, and channel
 * programs that try to leave their range).
 *
 * Channel programs are started straight on a VM's channel (the channel
 * library is the simulator's); where a test needs a guest that waits, the
 * guest is assembled from source and run under CP.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"
#include "vdev_fixture.h"

/* ---- console -------------------------------------------------------------- */

/* A READ of up to 80 bytes into 0x9000 (SLI: any length). */
static vx_status console_read(cp_vm *vm, char *line)
{
    vx_ccw(vm, 0x8000, PG_CCW_READ, PG_CCW_FLAG_SLI, 80, 0x9000);
    char zero[80] = {0};
    vx_put(vm, 0x9000, zero, 80);
    vx_status s = vx_io(vm, PG_DEV_CONSOLE, 0x8000);
    if (line) {
        vx_get(vm, 0x9000, line, 80);
        line[80 - s.residual] = '\0';
    }
    return s;
}

/* Queued lines are read in order; an empty queue would block; end of
   input gives unit exception. */
static void test_console_queue(void)
{
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "ALICE");
    cp_console *con = vm->dev.console;
    CU_ASSERT_TRUE(cp_console_queue_line(con, "hello", 5));
    CU_ASSERT_TRUE(cp_console_queue_line(con, "", 0));
    CU_ASSERT_EQUAL(cp_console_queued(con), 2);
    char line[81];
    vx_status s = console_read(vm, line);
    CU_ASSERT_EQUAL(s.cc, PG_CC_OK);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_STRING_EQUAL(line, "hello");
    s = console_read(vm, line);
    CU_ASSERT_EQUAL(s.residual, 80);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(cp_console_queued(con), 0);
    /* nothing queued, input open: the sio would have to wait */
    s = console_read(vm, NULL);
    CU_ASSERT_EQUAL(s.cc, PG_IN_WOULD_BLOCK);
    CU_ASSERT_FALSE(pg_channel_find(&vm->chan, PG_DEV_CONSOLE)->status_valid);
    cp_console_end_input(con);
    CU_ASSERT_FALSE(cp_console_queue_line(con, "late", 4));
    s = console_read(vm, NULL);
    CU_ASSERT_EQUAL(s.cc, PG_CC_OK);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(s.residual, 80);
    cp_free(c);
}

/* A chained program that needs two lines while one is queued would block,
   and consumes nothing: the trial run peeks. */
static void test_console_peek(void)
{
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "ALICE");
    CU_ASSERT_TRUE(cp_console_queue_line(vm->dev.console, "one", 3));
    vx_ccw(vm, 0x8000, PG_CCW_READ, PG_CCW_FLAG_SLI | PG_CCW_FLAG_CC, 80, 0x9000);
    vx_ccw(vm, 0x8008, PG_CCW_READ, PG_CCW_FLAG_SLI, 80, 0x9100);
    CU_ASSERT_EQUAL(vx_io(vm, PG_DEV_CONSOLE, 0x8000).cc, PG_IN_WOULD_BLOCK);
    CU_ASSERT_EQUAL(cp_console_queued(vm->dev.console), 1);
    CU_ASSERT_TRUE(cp_console_queue_line(vm->dev.console, "two", 3));
    vx_status s = vx_io(vm, PG_DEV_CONSOLE, 0x8000);
    CU_ASSERT_EQUAL(s.cc, PG_CC_OK);
    char a[4] = {0}, b[4] = {0};
    vx_get(vm, 0x9000, a, 3);
    vx_get(vm, 0x9100, b, 3);
    CU_ASSERT_STRING_EQUAL(a, "one");
    CU_ASSERT_STRING_EQUAL(b, "two");
    CU_ASSERT_EQUAL(cp_console_queued(vm->dev.console), 0);
    cp_free(c);
}

/* A line longer than the count: the first count bytes, incorrect length. */
static void test_console_long_line(void)
{
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "ALICE");
    CU_ASSERT_TRUE(cp_console_queue_line(vm->dev.console, "abcdefghij", 10));
    vx_ccw(vm, 0x8000, PG_CCW_READ, 0, 4, 0x9000);
    vx_status s = vx_io(vm, PG_DEV_CONSOLE, 0x8000);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(s.chan, PG_CS_INCORRECT_LENGTH);
    CU_ASSERT_EQUAL(s.residual, 0);
    char got[5] = {0};
    vx_get(vm, 0x9000, got, 4);
    CU_ASSERT_STRING_EQUAL(got, "abcd");
    cp_free(c);
}

/* A guest that reads a line and writes it back. */
static const char echo_guest[] =
    "        .org 0\n"
    "        .psw S, start\n"
    "        .org 0x200\n"
    "start:  li r1, 0x009\n"
    "        la r2, rd\n"
    "        sio r3, r1, r2\n"
    "p1:     tio r3, r1\n"
    "        li r4, 2\n"
    "        beq r3, r4, p1\n"
    "        lw r5, 0x7C(r0)\n"
    "        andi r5, r5, 0xFFFF\n"
    "        li r6, 80\n"
    "        sub r6, r6, r5\n"
    "        la r7, wr\n"
    "        sh r6, 2(r7)\n"
    "        la r2, wr\n"
    "        sio r3, r1, r2\n"
    "p2:     tio r3, r1\n"
    "        li r4, 2\n"
    "        beq r3, r4, p2\n"
    "        lpsw done(r0)\n"
    "        .align 8\n"
    "done:   .psw W, 0\n"
    "rd:     .byte 0x02, 0x20\n"
    "        .half 80\n"
    "        .word buf\n"
    "wr:     .byte 0x01, 0x00\n"
    "        .half 0\n"
    "        .word buf\n"
    "buf:    .space 80\n";

/* A READ with no line blocks the VM with its clock frozen; the queued line
   wakes it and the guest goes on. */
static void test_console_wake(void)
{
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "ALICE");
    vx_ipl_asm(vm, echo_guest);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_get_state(vm), CP_VM_BLOCKED);
    CU_ASSERT_EQUAL(cp_vm_block_reason(vm), CP_BLOCK_CONSOLE);
    uint64_t t = cp_vm_now(vm);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_now(vm), t);
    CU_ASSERT_TRUE(cp_console_queue_line(vm->dev.console, "ping\n", 5));
    CU_ASSERT_EQUAL(cp_vm_get_state(vm), CP_VM_READY);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_get_state(vm), CP_VM_DISABLED_WAIT);
    CU_ASSERT_TRUE(vx_console_is(vm, "ping\n"));
    cp_free(c);
}

/* End of input also wakes a VM waiting for a line: its READ then ends
   with unit exception. */
static void test_console_end_wakes(void)
{
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "ALICE");
    vx_ipl_asm(vm, echo_guest);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_block_reason(vm), CP_BLOCK_CONSOLE);
    cp_console_end_input(vm->dev.console);
    CU_ASSERT_EQUAL(cp_vm_get_state(vm), CP_VM_READY);
    vx_run(c);
    /* the guest's WRITE of 80 - 80 = 0 bytes is a program check; it ends anyway */
    CU_ASSERT_EQUAL(cp_vm_get_state(vm), CP_VM_DISABLED_WAIT);
    cp_free(c);
}

/* Console input from a host stream (read line by line, blocking) and no
   input at all. */
static void test_console_stream_and_none(void)
{
    cp *c = vx_cp();
    char text[] = "first\nsecond";
    FILE *in = fmemopen(text, strlen(text), "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(in);
    cp_vdev_config fcfg = {.input = CP_INPUT_FILE, .in = in};
    cp_vm *a = vx_vm_with(c, "ALICE", &fcfg);
    cp_vdev_config ncfg = {.input = CP_INPUT_NONE};
    cp_vm *b = vx_vm_with(c, "BOB", &ncfg);
    char line[81];
    CU_ASSERT_EQUAL(console_read(a, line).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_STRING_EQUAL(line, "first");
    CU_ASSERT_EQUAL(console_read(a, line).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_STRING_EQUAL(line, "second");
    CU_ASSERT_EQUAL(console_read(a, NULL).unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_FALSE(cp_console_queue_line(a->dev.console, "x", 1));
    CU_ASSERT_EQUAL(console_read(b, NULL).unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    cp_free(c);
    fclose(in);
}

/* The ring keeps exactly the last 64 KiB; the total counts everything;
   a console file gets every byte. */
static void test_console_ring(void)
{
    vx_dir d;
    vx_dir_new(&d);
    char path[256];
    cp *c = vx_cp();
    cp_vdev_config cfg = {.console_path = vx_path(&d, "alice.console", path, sizeof path)};
    cp_vm *vm = vx_vm_with(c, "ALICE", &cfg);
    cp_console *con = vm->dev.console;
    size_t len;
    cp_console_output(con, &len);
    CU_ASSERT_EQUAL(len, 0);
    enum { TOTAL = 300000 };
    char *all = malloc(TOTAL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(all);
    for (size_t i = 0; i < TOTAL; i++)
        all[i] = (char)('a' + (i * 7 + i / 26) % 26);
    /* many small writes, some big ones, crossing the sliding point */
    size_t done = 0, step = 1;
    while (done < TOTAL) {
        size_t n = step < TOTAL - done ? step : TOTAL - done;
        cp_console_write(con, all + done, n);
        done += n;
        step = step * 3 % 70001 + 1;
        const char *out = cp_console_output(con, &len);
        size_t want = done < CP_CONSOLE_RING ? done : CP_CONSOLE_RING;
        CU_ASSERT_EQUAL_FATAL(len, want);
        CU_ASSERT_EQUAL_FATAL(memcmp(out, all + done - len, len), 0);
    }
    CU_ASSERT_EQUAL(cp_console_output_total(con), TOTAL);
    cp_free(c);
    size_t flen = 0;
    char *file = vx_read_file(&d, "alice.console", &flen);
    CU_ASSERT_PTR_NOT_NULL_FATAL(file);
    CU_ASSERT_EQUAL(flen, TOTAL);
    CU_ASSERT_EQUAL(memcmp(file, all, TOTAL), 0);
    free(file);
    free(all);
    vx_dir_free(&d);
}

/* A console file that cannot be created refuses the devices: nothing attached. */
static void test_console_bad_file(void)
{
    cp *c = vx_cp();
    char err[256] = "";
    cp_vm *vm = cp_vm_create(c, "ALICE", VX_VM_MEM, err, sizeof err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vm);
    cp_vdev_config cfg = {.console_path = "/nonexistent/dir/a.console"};
    CU_ASSERT_FALSE(cp_vdevs_attach_cp(vm, &cfg, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "console 009: /nonexistent/dir/a.console: cannot create: "
                                "No such file or directory");
    CU_ASSERT_EQUAL(vm->chan.count, 0);
    CU_ASSERT_PTR_NULL(vm->dev.console);
    /* and the VM can still get its devices */
    cp_vdev_config ok = {0};
    CU_ASSERT_TRUE(cp_vdevs_attach_cp(vm, &ok, err, sizeof err));
    CU_ASSERT_FALSE(cp_vdevs_attach_cp(vm, &ok, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "ALICE: devices are already attached");
    cp_free(c);
}

/* ---- spool: punch and reader ----------------------------------------------- */

static const char *const two_cards[] = {"CARD ONE", "CARD TWO"};

/* Punched cards with no SPOOL setting go to the VM's own reader, named
   after the VM, type PUNCH; an idle reader presents attention. */
static void test_punch_default(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "alice");
    vx_status s = vx_punch(a, two_cards, 2);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    const cp_spool_file *f = cp_spool_first(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(f->id, 1);
    CU_ASSERT_STRING_EQUAL(f->origin, "ALICE");
    CU_ASSERT_STRING_EQUAL(f->name, "ALICE");
    CU_ASSERT_STRING_EQUAL(f->type, "PUNCH");
    CU_ASSERT_STRING_EQUAL(f->dest, "ALICE");
    CU_ASSERT_EQUAL(f->ncards, 2);
    CU_ASSERT_EQUAL(memcmp(f->cards, "CARD ONE", 8), 0);
    CU_ASSERT_EQUAL(f->cards[8], ' ');
    CU_ASSERT_EQUAL(f->cards[79], ' ');
    CU_ASSERT_EQUAL(vx_pending_status(a, PG_DEV_READER), PG_US_ATTENTION);
    pg_device *rdr = pg_channel_find(&a->chan, PG_DEV_READER);
    CU_ASSERT_EQUAL(rdr->csw[0], 0);
    CU_ASSERT_EQUAL(rdr->csw[1], (uint32_t)PG_US_ATTENTION << 24);
    char card[81];
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(strncmp(card, "CARD ONE  ", 10), 0);
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(strncmp(card, "CARD TWO  ", 10), 0);
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(vx_reader_count(a), 0);
    CU_ASSERT_EQUAL(cp_spool_count(c), 0);
    cp_free(c);
}

/* SPOOL PUNCH TO another VM: the file goes there, with the sender as origin;
   * goes back to the own reader. */
static void test_punch_to_vm(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "bob", err, sizeof err), CP_RC_OK);
    vx_punch(a, two_cards, 2);
    CU_ASSERT_EQUAL(vx_reader_count(a), 0);
    CU_ASSERT_EQUAL(vx_reader_count(b), 1);
    CU_ASSERT_STRING_EQUAL(cp_spool_first(b)->origin, "ALICE");
    CU_ASSERT_STRING_EQUAL(cp_spool_first(b)->dest, "BOB");
    CU_ASSERT_EQUAL(vx_pending_status(b, PG_DEV_READER), PG_US_ATTENTION);
    CU_ASSERT_EQUAL(vx_pending_status(a, PG_DEV_READER), 0);
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "*", err, sizeof err), CP_RC_OK);
    vx_punch(a, two_cards, 1);
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "NOBODY", err, sizeof err), CP_RC_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err, "no VM named NOBODY");
    CU_ASSERT_STRING_EQUAL(a->dev.punch->dest, "");
    cp_free(c);
}

/* A tag names the next file closed (name, type, destination), then is used
   up; an empty CONTROL makes no file and leaves the tag waiting. */
static void test_punch_tag(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "report", "list", "BOB", err, sizeof err), CP_RC_OK);
    vx_ccw(a, 0x8000, PG_CCW_CONTROL, 0, 1, 0x9000);
    CU_ASSERT_EQUAL(vx_io(a, PG_DEV_PUNCH, 0x8000).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(cp_spool_count(c), 0);
    vx_punch(a, two_cards, 2);
    const cp_spool_file *f = cp_spool_first(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->name, "REPORT");
    CU_ASSERT_STRING_EQUAL(f->type, "LIST");
    CU_ASSERT_EQUAL(f->id, 1);
    /* the tag is used up: the next file has the defaults */
    vx_punch(a, two_cards, 1);
    f = cp_spool_first(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->name, "ALICE");
    CU_ASSERT_STRING_EQUAL(f->type, "PUNCH");
    CU_ASSERT_EQUAL(f->id, 2);
    /* a partial tag keeps the other defaults, SPOOL PUNCH included */
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "BOB", err, sizeof err), CP_RC_OK);
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "", "DATA", "", err, sizeof err), CP_RC_OK);
    vx_punch(a, two_cards, 1);
    f = cp_spool_next(b, cp_spool_first(b));
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->name, "ALICE");
    CU_ASSERT_STRING_EQUAL(f->type, "DATA");
    /* refusals change nothing */
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "X", "Y", "NOBODY", err, sizeof err), CP_RC_NOT_FOUND);
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "BAD NAME", "Y", "", err, sizeof err), CP_RC_OPERAND);
    CU_ASSERT_STRING_EQUAL(err, "bad file name BAD NAME");
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "X", "TOO.LONG", "", err, sizeof err), CP_RC_OPERAND);
    CU_ASSERT_FALSE(a->dev.punch->tag.set);
    cp_free(c);
}

/* A file arriving while the reader is in the middle of a file, or has
   status pending, presents no (new) attention. */
static void test_attention_only_when_idle(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "BOB", err, sizeof err), CP_RC_OK);
    vx_punch(a, two_cards, 2);
    CU_ASSERT_EQUAL(vx_pending_status(b, PG_DEV_READER), PG_US_ATTENTION);
    /* status pending: the second arrival cannot add another */
    vx_punch(a, two_cards, 1);
    CU_ASSERT_EQUAL(vx_pending_status(b, PG_DEV_READER), PG_US_ATTENTION);
    char card[81];
    CU_ASSERT_EQUAL(vx_read_card(b, card).unit, PG_US_CE | PG_US_DE);    /* file 1 started */
    vx_clear(b, PG_DEV_READER);
    vx_punch(a, two_cards, 1);
    CU_ASSERT_EQUAL(vx_pending_status(b, PG_DEV_READER), 0);
    CU_ASSERT_EQUAL(vx_reader_count(b), 3);
    cp_free(c);
}

/* Between files the reader gives unit exception, and the file read is
   gone; the next READ starts the next file; an empty reader always gives
   unit exception. */
static void test_reader_between_files(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    static const char *const f1[] = {"A1", "A2"}, *const f2[] = {"B1"};
    vx_punch(a, f1, 2);
    vx_punch(a, f2, 1);
    char card[81];
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(card[0], 'A');
    CU_ASSERT_EQUAL(card[1], '1');
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(card[1], '2');
    vx_status s = vx_read_card(a, card);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(s.residual, 80);
    CU_ASSERT_EQUAL(card[0], '\0');                 /* nothing stored */
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CU_ASSERT_EQUAL(cp_spool_first(a)->id, 2);
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_EQUAL(card[0], 'B');
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(vx_read_card(a, card).unit, PG_US_CE | PG_US_DE | PG_US_UNIT_EXCEPTION);
    CU_ASSERT_EQUAL(cp_spool_count(c), 0);
    cp_free(c);
}

/* A service guest: it waits enabled for I/O; on the reader's attention it
   reads the file and writes every card on its console, then halts. */
static const char service_guest[] =
    "        .org 0\n"
    "        .psw S, start\n"
    "        .org 0x58\n"
    "        .psw S, ioint\n"
    "        .org 0x200\n"
    "start:  lpsw waitio(r0)\n"
    "ioint:  lw r4, 0x70(r0)\n"
    "        li r5, 0x00C\n"
    "        bne r4, r5, bad\n"
    "        lw r5, 0x7C(r0)\n"
    "        li r6, 0x80000000\n"
    "        bne r5, r6, bad\n"
    "        lw r5, 0x78(r0)\n"
    "        bnez r5, bad\n"
    "loop:   li r1, 0x00C\n"
    "        la r2, rdccw\n"
    "        sio r3, r1, r2\n"
    "p1:     tio r3, r1\n"
    "        li r4, 2\n"
    "        beq r3, r4, p1\n"
    "        lw r5, 0x7C(r0)\n"
    "        srli r5, r5, 24\n"
    "        andi r5, r5, 1\n"
    "        bnez r5, eof\n"
    "        li r1, 0x009\n"
    "        la r2, wrccw\n"
    "        sio r3, r1, r2\n"
    "p2:     tio r3, r1\n"
    "        li r4, 2\n"
    "        beq r3, r4, p2\n"
    "        j loop\n"
    "eof:    lpsw done(r0)\n"
    "bad:    lpsw fail(r0)\n"
    "        .align 8\n"
    "waitio: .psw W|I, 0\n"
    "done:   .psw W, 0\n"
    "fail:   .psw W, 1\n"
    "rdccw:  .byte 0x02, 0x00\n"
    "        .half 4\n"
    "        .word card\n"
    "wrccw:  .byte 0x01, 0x00\n"
    "        .half 5\n"
    "        .word card\n"
    "card:   .space 4\n"
    "        .byte 10\n";

/* A guest in an enabled wait blocks; a file arriving at its reader wakes
   it with an attention interrupt, at its frozen virtual time. */
static void test_attention_wakes_service_vm(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *svc = vx_vm(c, "SERVICE");
    vx_ipl_asm(svc, service_guest);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_get_state(svc), CP_VM_BLOCKED);
    CU_ASSERT_EQUAL(cp_vm_block_reason(svc), CP_BLOCK_WAIT);
    uint64_t t = cp_vm_now(svc);
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "SERVICE", err, sizeof err), CP_RC_OK);
    static const char *const cards[] = {"AAAA", "BBBB", "CCCC"};
    vx_punch(a, cards, 3);
    CU_ASSERT_EQUAL(cp_vm_get_state(svc), CP_VM_READY);
    CU_ASSERT_EQUAL(cp_vm_now(svc), t);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_get_state(svc), CP_VM_DISABLED_WAIT);
    CU_ASSERT_EQUAL(cp_vm_get_psw(svc).addr, 0);
    CU_ASSERT_TRUE(vx_console_is(svc, "AAAA\nBBBB\nCCCC\n"));
    /* the interrupt ended the wait: the I/O old PSW is the wait PSW unchanged */
    CU_ASSERT_EQUAL(vx_get32(svc, PG_LC_IO_OLD), PG_PSW_W | PG_PSW_I);
    CU_ASSERT_EQUAL(vx_get32(svc, PG_LC_IO_OLD + 4), 0);
    CU_ASSERT_EQUAL(cp_spool_count(c), 0);
    cp_free(c);
}

/* A file for a VM without a spool reader comes back to its origin, and CP
   says so on the origin's console. */
static void test_punch_undeliverable(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    char err[128];
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp_vm_create(c, "BARE", VX_VM_MEM, err, sizeof err));
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "BARE", err, sizeof err), CP_RC_NOT_NOW);
    CU_ASSERT_STRING_EQUAL(err, "BARE has no spool reader");
    CU_ASSERT_EQUAL(cp_spool_tag_punch(a, "X", "Y", "BARE", err, sizeof err), CP_RC_OK);
    vx_punch(a, two_cards, 1);
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CU_ASSERT_TRUE(vx_console_is(a, "CP: FILE 0001 X Y: BARE has no spool reader; "
                                    "kept in your reader\n"));
    cp_free(c);
}

/* Punch n cards "LIMIT" (chained programs of up to 4096 CCWs from real 0),
   then CONTROL if close. */
static void punch_many(cp_vm *vm, uint32_t n, bool close)
{
    vx_put(vm, 0xF000, "LIMIT", 5);
    while (n) {
        uint32_t k = n < 4096 ? n : 4096;
        for (uint32_t i = 0; i < k; i++)
            vx_ccw(vm, 8 * i, PG_CCW_WRITE,
                   (uint8_t)(PG_CCW_FLAG_SLI | (i + 1 < k ? PG_CCW_FLAG_CC : 0)), 5, 0xF000);
        CU_ASSERT_EQUAL_FATAL(vx_io(vm, PG_DEV_PUNCH, 0).unit, PG_US_CE | PG_US_DE);
        n -= k;
    }
    if (close) {
        vx_ccw(vm, 0, PG_CCW_CONTROL, 0, 1, 0xF000);
        CU_ASSERT_EQUAL(vx_io(vm, PG_DEV_PUNCH, 0).unit, PG_US_CE | PG_US_DE);
    }
}

/* A file keeps at most CP_SPOOL_MAX_CARDS cards (the sender is told once);
   a reader at most CP_READER_MAX_CARDS: a file beyond comes back. */
static void test_spool_limits(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    punch_many(a, CP_SPOOL_MAX_CARDS + 10, true);
    const cp_spool_file *f = cp_spool_first(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_EQUAL(f->ncards, CP_SPOOL_MAX_CARDS);
    CU_ASSERT_TRUE(vx_console_is(a, "CP: FILE 0001: the file is full; cards after card 65536 "
                                    "are lost\n"));
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_set_punch_dest(a, "BOB", err, sizeof err), CP_RC_OK);
    for (uint32_t i = 0; i < CP_READER_MAX_CARDS / CP_SPOOL_MAX_CARDS; i++)
        punch_many(a, CP_SPOOL_MAX_CARDS, true);
    CU_ASSERT_EQUAL(vx_reader_count(b), 4);
    punch_many(a, 1, true);                             /* file 6: BOB's reader is full */
    CU_ASSERT_EQUAL(vx_reader_count(b), 4);
    CU_ASSERT_EQUAL(vx_reader_count(a), 2);
    char *text = vx_console_text(a);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "CP: FILE 0006 ALICE PUNCH: the reader of BOB is full; "
                                        "kept in your reader\n"));
    free(text);
    uint32_t moved;
    CU_ASSERT_EQUAL(cp_spool_transfer(c, a, 6, b, &moved, err, sizeof err), CP_RC_NOT_NOW);
    CU_ASSERT_STRING_EQUAL(err, "the reader of BOB is full");
    CU_ASSERT_EQUAL(cp_spool_first(a)->id, 1);          /* nothing moved */
    CU_ASSERT_EQUAL(cp_spool_next(a, cp_spool_first(a))->id, 6);
    /* a transfer within the same reader is not counted twice */
    CU_ASSERT_EQUAL(cp_spool_transfer(c, b, 2, b, &moved, err, sizeof err), CP_RC_OK);
    CU_ASSERT_EQUAL(cp_spool_first(b)->id, 3);
    cp_free(c);
}

/* ---- spool: printer ------------------------------------------------------ */

/* Print the lines, one WRITE each (chained, SLI). */
static void print_lines(cp_vm *vm, const char *const *lines, int n)
{
    for (int i = 0; i < n; i++) {
        vx_put(vm, 0x9000 + 200u * (uint32_t)i, lines[i], (uint32_t)strlen(lines[i]));
        vx_ccw(vm, 0x8000 + 8u * (uint32_t)i, PG_CCW_WRITE,
               (uint8_t)(i + 1 < n ? PG_CCW_FLAG_CC : 0), (uint16_t)strlen(lines[i]),
               0x9000 + 200u * (uint32_t)i);
    }
    CU_ASSERT_EQUAL(vx_io(vm, PG_DEV_PRINTER, 0x8000).unit, PG_US_CE | PG_US_DE);
}

static const char long_line[] =
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789ABCDEFGHIJ";

/* The printer writes a host file (lines as written), or spools to a reader:
   each line a card (cut at 80), CLOSE sends the file; OFF goes back to the
   host file. */
static void test_printer(void)
{
    vx_dir d;
    vx_dir_new(&d);
    char path[256];
    cp *c = vx_cp();
    cp_vdev_config cfg = {.printer_path = vx_path(&d, "alice.prt", path, sizeof path)};
    cp_vm *a = vx_vm_with(c, "ALICE", &cfg), *b = vx_vm(c, "BOB");
    static const char *const first[] = {"line one   ", "line two"};
    print_lines(a, first, 2);
    char err[128];
    CU_ASSERT_EQUAL(cp_spool_set_printer_dest(a, "BOB", err, sizeof err), CP_RC_OK);
    const char *spooled[] = {"to bob", long_line};
    print_lines(a, spooled, 2);
    CU_ASSERT_EQUAL(vx_reader_count(b), 0);          /* still open */
    CU_ASSERT_EQUAL(cp_spool_close_printer(a, err, sizeof err), CP_RC_OK);
    const cp_spool_file *f = cp_spool_first(b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->type, "PRINTER");
    CU_ASSERT_STRING_EQUAL(f->origin, "ALICE");
    CU_ASSERT_EQUAL(f->ncards, 2);
    CU_ASSERT_EQUAL(memcmp(f->cards, "to bob  ", 8), 0);
    CU_ASSERT_EQUAL(memcmp(f->cards + 80, long_line, 80), 0);
    CU_ASSERT_EQUAL(vx_pending_status(b, PG_DEV_READER), PG_US_ATTENTION);
    /* spooled to itself; switching OFF closes and sends what was printed */
    CU_ASSERT_EQUAL(cp_spool_set_printer_dest(a, "*", err, sizeof err), CP_RC_OK);
    static const char *const mine[] = {"to me"};
    print_lines(a, mine, 1);
    CU_ASSERT_EQUAL(cp_spool_set_printer_dest(a, "off", err, sizeof err), CP_RC_OK);
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CU_ASSERT_EQUAL(cp_spool_first(a)->ncards, 1);
    static const char *const last[] = {"back on paper"};
    print_lines(a, last, 1);
    CU_ASSERT_EQUAL(cp_spool_set_printer_dest(a, "NOBODY", err, sizeof err), CP_RC_NOT_FOUND);
    cp_free(c);
    char *text = vx_read_file(&d, "alice.prt", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "line one   \nline two\nback on paper\n");
    free(text);
    vx_dir_free(&d);
}

/* ---- spool: transfer and host decks --------------------------------------- */

/* TRANSFER moves the first file not being read, or one by id; refusals
   change nothing. */
static void test_transfer(void)
{
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB");
    char err[128];
    uint32_t moved = 0;
    CU_ASSERT_EQUAL(cp_spool_transfer(c, a, 0, b, &moved, err, sizeof err), CP_RC_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err, "no file to transfer in your reader");
    vx_punch(a, two_cards, 2);      /* file 1 */
    vx_punch(a, two_cards, 1);      /* file 2 */
    vx_punch(a, two_cards, 1);      /* file 3 */
    char card[81];
    vx_read_card(a, card);          /* file 1 is being read */
    CU_ASSERT_EQUAL(cp_spool_transfer(c, a, 1, b, &moved, err, sizeof err), CP_RC_NOT_NOW);
    CU_ASSERT_STRING_EQUAL(err, "file 0001 is being read");
    CU_ASSERT_EQUAL(cp_spool_transfer(c, a, 0, b, &moved, err, sizeof err), CP_RC_OK);
    CU_ASSERT_EQUAL(moved, 2);
    CU_ASSERT_EQUAL(vx_pending_status(b, PG_DEV_READER), PG_US_ATTENTION);
    CU_ASSERT_STRING_EQUAL(cp_spool_first(b)->dest, "BOB");
    CU_ASSERT_STRING_EQUAL(cp_spool_first(b)->origin, "ALICE");
    CU_ASSERT_EQUAL(cp_spool_transfer(c, a, 7, b, &moved, err, sizeof err), CP_RC_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err, "no file 0007 in your reader");
    CU_ASSERT_EQUAL(cp_spool_transfer(c, b, 3, a, &moved, err, sizeof err), CP_RC_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err, "no file 0003 in your reader");
    /* the operator moves any file, by id only */
    CU_ASSERT_EQUAL(cp_spool_transfer(c, NULL, 0, b, &moved, err, sizeof err), CP_RC_OPERAND);
    CU_ASSERT_STRING_EQUAL(err, "a spool file id is needed");
    CU_ASSERT_EQUAL(cp_spool_transfer(c, NULL, 3, b, &moved, err, sizeof err), CP_RC_OK);
    CU_ASSERT_EQUAL(cp_spool_transfer(c, NULL, 9, b, &moved, err, sizeof err), CP_RC_NOT_FOUND);
    CU_ASSERT_STRING_EQUAL(err, "no spool file 0009");
    CU_ASSERT_EQUAL(vx_reader_count(a), 1);
    CU_ASSERT_EQUAL(vx_reader_count(b), 2);
    /* arrival order: 2 then 3 */
    CU_ASSERT_EQUAL(cp_spool_first(b)->id, 2);
    CU_ASSERT_EQUAL(cp_spool_next(b, cp_spool_first(b))->id, 3);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cp_vm_create(c, "BARE", VX_VM_MEM, err, sizeof err));
    CU_ASSERT_EQUAL(cp_spool_transfer(c, b, 2, cp_vm_find(c, "BARE"), &moved, err, sizeof err),
                    CP_RC_NOT_NOW);
    CU_ASSERT_STRING_EQUAL(err, "BARE has no spool reader");
    CU_ASSERT_EQUAL(vx_reader_count(b), 2);
    cp_free(c);
}

/* A host text deck: one card a line, blank-padded, origin HOST. */
static void test_load_deck(void)
{
    vx_dir d;
    vx_dir_new(&d);
    static const char deck[] = "FIRST\r\nsecond card\nthird, without a newline";
    vx_file(&d, "deck.txt", deck, sizeof deck - 1);
    char path[256], err[256];
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE");
    CU_ASSERT_EQUAL(cp_spool_load_deck(a, vx_path(&d, "deck.txt", path, sizeof path), "DECK",
                                       "TXT", err, sizeof err), CP_RC_OK);
    const cp_spool_file *f = cp_spool_first(a);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    CU_ASSERT_STRING_EQUAL(f->origin, "HOST");
    CU_ASSERT_STRING_EQUAL(f->name, "DECK");
    CU_ASSERT_STRING_EQUAL(f->type, "TXT");
    CU_ASSERT_EQUAL(f->ncards, 3);
    CU_ASSERT_EQUAL(memcmp(f->cards, "FIRST ", 6), 0);
    CU_ASSERT_EQUAL(f->cards[79], ' ');
    CU_ASSERT_EQUAL(memcmp(f->cards + 160, "third, without a newline ", 25), 0);
    CU_ASSERT_EQUAL(cp_spool_load_deck(a, vx_path(&d, "none.txt", path, sizeof path), "X", "Y",
                                       err, sizeof err), CP_RC_NOT_FOUND);
    char want[300];
    snprintf(want, sizeof want, "reader 00C: %s: does not exist", path);
    CU_ASSERT_STRING_EQUAL(err, want);
    cp_free(c);
    vx_dir_free(&d);
}

/* ---- minidisks ------------------------------------------------------------- */

/* A VM with minidisk 191 on blocks [first, first + blocks) of img. */
static cp_vm *disk_vm(cp *c, const char *name, const vx_dir *d, const char *img,
                      uint32_t first, uint32_t blocks, bool ro)
{
    cp_vm *vm = vx_vm(c, name);
    char path[256], err[512];
    bool ok = cp_vdevs_add_minidisk(vm, 0x191, vx_path(d, img, path, sizeof path), first, blocks,
                                    ro, err, sizeof err);
    if (!ok)
        fprintf(stderr, "add_minidisk: %s\n", err);
    CU_ASSERT_FATAL(ok);
    return vm;
}

/* SEEK block, then cmd (READ or WRITE) count bytes at 0xA000. */
static vx_status disk_io(cp_vm *vm, uint32_t block, uint8_t cmd, uint16_t count)
{
    vx_put32(vm, 0x8100, block);
    vx_ccw(vm, 0x8000, PG_CCW_SEEK, PG_CCW_FLAG_CC, 4, 0x8100);
    vx_ccw(vm, 0x8008, cmd, 0, count, 0xA000);
    return vx_io(vm, 0x191, 0x8000);
}

/* The sense byte of 191 (SENSE with count 5). */
static uint8_t disk_sense(cp_vm *vm, uint32_t *blocks)
{
    vx_ccw(vm, 0x8000, PG_CCW_SENSE, 0, 5, 0x8200);
    CU_ASSERT_EQUAL(vx_io(vm, 0x191, 0x8000).unit, PG_US_CE | PG_US_DE);
    uint8_t b[5];
    vx_get(vm, 0x8200, b, 5);
    if (blocks)
        *blocks = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
    return b[4];
}

/* Fill n bytes at 0xA000 with v. */
static void fill_buffer(cp_vm *vm, uint8_t v, uint32_t n)
{
    uint8_t b[2048];
    memset(b, v, sizeof b);
    vx_put(vm, 0xA000, b, n);
}

/* Do n bytes at 0xA000 all equal v? */
static bool buffer_is(cp_vm *vm, uint8_t v, uint32_t n)
{
    uint8_t b[2048];
    vx_get(vm, 0xA000, b, n);
    for (uint32_t i = 0; i < n; i++)
        if (b[i] != v)
            return false;
    return true;
}

/* A minidisk is its range: block 0 is the image's block first; the size is
   its block count; a channel program can reach nothing beyond it. */
static void test_minidisk_range(void)
{
    vx_dir d;
    vx_dir_new(&d);
    vx_image(&d, "disk.img", 16);
    cp *c = vx_cp();
    cp_vm *vm = disk_vm(c, "ALICE", &d, "disk.img", 4, 4, false);
    uint32_t blocks = 0;
    CU_ASSERT_EQUAL(disk_sense(vm, &blocks), 0);
    CU_ASSERT_EQUAL(blocks, 4);
    CU_ASSERT_EQUAL(disk_io(vm, 0, PG_CCW_READ, 512).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_TRUE(buffer_is(vm, 4, 512));
    CU_ASSERT_EQUAL(disk_io(vm, 3, PG_CCW_READ, 512).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_TRUE(buffer_is(vm, 7, 512));
    /* SEEK beyond: unit check, end of extent */
    fill_buffer(vm, 0xEE, 1024);
    vx_status s = disk_io(vm, 4, PG_CCW_READ, 512);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE | PG_US_UNIT_CHECK);
    CU_ASSERT_EQUAL(disk_sense(vm, NULL), PG_SENSE_END_OF_EXTENT);
    CU_ASSERT_TRUE(buffer_is(vm, 0xEE, 1024));
    /* a READ that would cross the range's end: unit check, nothing read */
    s = disk_io(vm, 3, PG_CCW_READ, 1024);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE | PG_US_UNIT_CHECK);
    CU_ASSERT_EQUAL(s.residual, 1024);
    CU_ASSERT_EQUAL(disk_sense(vm, NULL), PG_SENSE_END_OF_EXTENT);
    CU_ASSERT_TRUE(buffer_is(vm, 0xEE, 1024));
    /* a WRITE that would cross it: nothing written, block 8 untouched */
    s = disk_io(vm, 3, PG_CCW_WRITE, 1024);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE | PG_US_UNIT_CHECK);
    cp_free(c);
    size_t len;
    char *img = vx_read_file(&d, "disk.img", &len);
    CU_ASSERT_EQUAL(len, 16u * 512);
    for (size_t i = 0; i < len; i++)
        if ((uint8_t)img[i] != (uint8_t)(i / 512)) {
            CU_FAIL("the image changed");
            break;
        }
    free(img);
    vx_dir_free(&d);
}

/* Writes land in the range only; a read-only minidisk refuses them. */
static void test_minidisk_write(void)
{
    vx_dir d;
    vx_dir_new(&d);
    vx_image(&d, "disk.img", 16);
    cp *c = vx_cp();
    cp_vm *rw = disk_vm(c, "ALICE", &d, "disk.img", 8, 2, false);
    cp_vm *ro = disk_vm(c, "BOB", &d, "disk.img", 0, 16, true);
    fill_buffer(rw, 0x5A, 512);
    CU_ASSERT_EQUAL(disk_io(rw, 1, PG_CCW_WRITE, 512).unit, PG_US_CE | PG_US_DE);
    /* the read-only sharer sees it at the image's block 9 */
    CU_ASSERT_EQUAL(disk_io(ro, 9, PG_CCW_READ, 512).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_TRUE(buffer_is(ro, 0x5A, 512));
    CU_ASSERT_EQUAL(disk_io(ro, 10, PG_CCW_READ, 512).unit, PG_US_CE | PG_US_DE);
    CU_ASSERT_TRUE(buffer_is(ro, 10, 512));
    vx_status s = disk_io(ro, 0, PG_CCW_WRITE, 512);
    CU_ASSERT_EQUAL(s.unit, PG_US_CE | PG_US_DE | PG_US_UNIT_CHECK);
    CU_ASSERT_EQUAL(disk_sense(ro, NULL), PG_SENSE_WRITE_PROTECT);
    cp_free(c);
    vx_dir_free(&d);
}

/* Every refusal names the device, the file and the reason; nothing is
   attached. */
static void test_minidisk_refusals(void)
{
    vx_dir d;
    vx_dir_new(&d);
    vx_image(&d, "disk.img", 8);
    vx_file(&d, "odd.img", "12345", 5);
    vx_file(&d, "empty.img", "", 0);
    char sub[256], path[256], err[512], want[600];
    CU_ASSERT_EQUAL(mkdir(vx_path(&d, "sub", sub, sizeof sub), 0700), 0);
    cp *c = vx_cp();
    cp_vm *vm = vx_vm(c, "ALICE");
    struct {
        const char *file;
        uint64_t first;
        uint32_t blocks;
        const char *reason;
    } cases[] = {
        {"none.img", 0, 1, "does not exist"},
        {"odd.img", 0, 1, "size 5 is not a multiple of 512 bytes"},
        {"empty.img", 0, 1, "is empty"},
        {"sub", 0, 1, "is not a regular file"},
        {"disk.img", 0, 9, "blocks 0-8 are beyond the image's end (8 blocks)"},
        {"disk.img", 8, 1, "blocks 8-8 are beyond the image's end (8 blocks)"},
        {"disk.img", 7, 2, "blocks 7-8 are beyond the image's end (8 blocks)"},
        {"disk.img", 1ull << 40, 1,
         "blocks 1099511627776-1099511627776 are beyond the image's end (8 blocks)"},
        {"disk.img", 0, 0, "a minidisk needs at least one block"},
        {"disk.img/x", 0, 1, "cannot open read-write: Not a directory"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        vx_path(&d, cases[i].file, path, sizeof path);
        CU_ASSERT_FALSE(cp_vdevs_add_minidisk(vm, 0x191, path, cases[i].first, cases[i].blocks,
                                              false, err, sizeof err));
        snprintf(want, sizeof want, "disk 191: %s: %s", path, cases[i].reason);
        if (strcmp(err, want) != 0)
            fprintf(stderr, "\n got  %s\n want %s\n", err, want);
        CU_ASSERT_STRING_EQUAL(err, want);
    }
    CU_ASSERT_EQUAL(vm->dev.nminidisks, 0);
    CU_ASSERT_PTR_NULL(pg_channel_find(&vm->chan, 0x191));
    vx_path(&d, "disk.img", path, sizeof path);
    CU_ASSERT_FALSE(cp_vdevs_add_minidisk(vm, PG_DEV_READER, path, 0, 1, true, err, sizeof err));
    snprintf(want, sizeof want, "disk 00C: %s: device 00C already exists", path);
    CU_ASSERT_STRING_EQUAL(err, want);
    /* unreadable (a root test runner reads anything: then only the mode is set) */
    if (geteuid() != 0) {
        CU_ASSERT_EQUAL(chmod(path, 0), 0);
        CU_ASSERT_FALSE(cp_vdevs_add_minidisk(vm, 0x191, path, 0, 1, true, err, sizeof err));
        snprintf(want, sizeof want, "disk 191: %s: cannot open read-only: Permission denied", path);
        CU_ASSERT_STRING_EQUAL(err, want);
        chmod(path, 0600);
    }
    cp_free(c);
    vx_dir_free(&d);
}

/* One image, many VMs: read-only ranges may overlap anything; writable
   ranges must not overlap writable ones (any VM, any path to the image). */
static void test_minidisk_sharing(void)
{
    vx_dir d;
    vx_dir_new(&d);
    vx_image(&d, "disk.img", 32);
    char path[256], link[256], err[512], want[600];
    vx_path(&d, "disk.img", path, sizeof path);
    CU_ASSERT_EQUAL(symlink(path, vx_path(&d, "alias.img", link, sizeof link)), 0);
    cp *c = vx_cp();
    cp_vm *a = vx_vm(c, "ALICE"), *b = vx_vm(c, "BOB"), *e = vx_vm(c, "EVE");
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(a, 0x190, path, 0, 32, true, err, sizeof err));
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(b, 0x190, path, 0, 32, true, err, sizeof err));
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(a, 0x191, path, 0, 10, false, err, sizeof err));
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(b, 0x191, path, 10, 10, false, err, sizeof err));
    CU_ASSERT_FALSE(cp_vdevs_add_minidisk(e, 0x191, link, 19, 4, false, err, sizeof err));
    snprintf(want, sizeof want, "disk 191: %s: writable blocks 19-22 overlap BOB's writable "
             "minidisk 191 (blocks 10-19)", link);
    CU_ASSERT_STRING_EQUAL(err, want);
    CU_ASSERT_FALSE(cp_vdevs_add_minidisk(a, 0x192, path, 5, 1, false, err, sizeof err));
    snprintf(want, sizeof want, "disk 192: %s: writable blocks 5-5 overlap ALICE's writable "
             "minidisk 191 (blocks 0-9)", path);
    CU_ASSERT_STRING_EQUAL(err, want);
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(e, 0x191, link, 20, 12, false, err, sizeof err));
    CU_ASSERT_TRUE(cp_vdevs_add_minidisk(e, 0x192, link, 5, 1, true, err, sizeof err));
    CU_ASSERT_EQUAL(a->dev.nminidisks, 2);
    CU_ASSERT_EQUAL(e->dev.nminidisks, 2);
    cp_free(c);
    vx_dir_free(&d);
}

static const pg_test console_tests[] = {
    {"queue", test_console_queue},
    {"peek", test_console_peek},
    {"long_line", test_console_long_line},
    {"wake", test_console_wake},
    {"end_wakes", test_console_end_wakes},
    {"stream_and_none", test_console_stream_and_none},
    {"ring", test_console_ring},
    {"bad_file", test_console_bad_file},
    {NULL, NULL},
};

static const pg_test spool_tests[] = {
    {"punch_default", test_punch_default},
    {"punch_to_vm", test_punch_to_vm},
    {"punch_tag", test_punch_tag},
    {"attention_only_when_idle", test_attention_only_when_idle},
    {"reader_between_files", test_reader_between_files},
    {"attention_wakes_service_vm", test_attention_wakes_service_vm},
    {"punch_undeliverable", test_punch_undeliverable},
    {"printer", test_printer},
    {"transfer", test_transfer},
    {"load_deck", test_load_deck},
    {"limits", test_spool_limits},
    {NULL, NULL},
};

static const pg_test minidisk_tests[] = {
    {"range", test_minidisk_range},
    {"write", test_minidisk_write},
    {"refusals", test_minidisk_refusals},
    {"sharing", test_minidisk_sharing},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"console", console_tests},
    {"spool", spool_tests},
    {"minidisk", minidisk_tests},
    {NULL, NULL},
};

/* All the suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
