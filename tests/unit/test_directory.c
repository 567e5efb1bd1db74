/*
 * test_directory.c -- the user directory: parsing a good file (every
 * statement, comments, case, relative paths), every malformed case with its
 * exact "FILE:LINE: reason", and logging on: VMs created with their
 * consoles, spool, minidisks, decks and IPL, and every host-file problem
 * refused before any VM exists.
 */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"
#include "vdev_fixture.h"

/* ---- parsing ------------------------------------------------------------------- */

static const char good[] =
    "* vmlab user directory\n"
    "\n"
    "USER CMS1 MEMORY 256K\n"
    "  MDISK 190 cms.img 0 64 R\n"
    "  mdisk 191 user.img 0x10 32 w\n"
    "  IPL 190\n"
    "  SPOOL PUNCH TO RSCS\n"
    "  CONSOLE FILE cms1.console\n"
    "   * an indented comment\n"
    "user rscs memory 1m\r\n"
    "  ipl file rscs.img\n"
    "  reader file jobs/deck1.txt\n"
    "  READER FILE /abs/deck2.txt\n"
    "  PRINTER FILE rscs.prt\n"
    "  SPOOL PRINTER TO *\n"
    "USER T$#@9 MEMORY 4096\n"
    "  SPOOL PUNCH TO *\n"
    "  SPOOL PRINTER TO OFF\n"
    "USER TINY";

/* Every statement of a good directory lands in its entry. */
static void test_parse_good(void)
{
    cp_directory d;
    char err[256] = "";
    bool ok = cp_directory_parse(&d, "conf/demo.direct", good, sizeof good - 1, err, sizeof err);
    if (!ok)
        fprintf(stderr, "\n%s\n", err);
    CU_ASSERT_FATAL(ok);
    CU_ASSERT_STRING_EQUAL(d.file, "conf/demo.direct");
    CU_ASSERT_EQUAL_FATAL(d.nusers, 4);
    CU_ASSERT_EQUAL(d.console_input, CP_INPUT_QUEUE);
    const cp_dir_user *u = &d.users[0];
    CU_ASSERT_STRING_EQUAL(u->name, "CMS1");
    CU_ASSERT_EQUAL(u->mem, 256u * 1024);
    CU_ASSERT_EQUAL(u->line, 3);
    CU_ASSERT_EQUAL_FATAL(u->nmdisks, 2);
    CU_ASSERT_EQUAL(u->mdisks[0].devno, 0x190);
    CU_ASSERT_STRING_EQUAL(u->mdisks[0].path, "conf/cms.img");
    CU_ASSERT_EQUAL(u->mdisks[0].first, 0);
    CU_ASSERT_EQUAL(u->mdisks[0].blocks, 64);
    CU_ASSERT_TRUE(u->mdisks[0].read_only);
    CU_ASSERT_EQUAL(u->mdisks[1].devno, 0x191);
    CU_ASSERT_EQUAL(u->mdisks[1].first, 16);
    CU_ASSERT_EQUAL(u->mdisks[1].blocks, 32);
    CU_ASSERT_FALSE(u->mdisks[1].read_only);
    CU_ASSERT_EQUAL(u->mdisks[1].line, 5);
    CU_ASSERT_EQUAL(u->ipl, CP_IPL_DEVICE);
    CU_ASSERT_EQUAL(u->ipl_dev, 0x190);
    CU_ASSERT_STRING_EQUAL(u->punch_dest, "RSCS");
    CU_ASSERT_STRING_EQUAL(u->console_path, "conf/cms1.console");
    CU_ASSERT_PTR_NULL(u->printer_path);
    u = &d.users[1];
    CU_ASSERT_STRING_EQUAL(u->name, "RSCS");
    CU_ASSERT_EQUAL(u->mem, 1u << 20);
    CU_ASSERT_EQUAL(u->ipl, CP_IPL_FILE);
    CU_ASSERT_STRING_EQUAL(u->ipl_path, "conf/rscs.img");
    CU_ASSERT_EQUAL_FATAL(u->ndecks, 2);
    CU_ASSERT_STRING_EQUAL(u->decks[0].path, "conf/jobs/deck1.txt");
    CU_ASSERT_STRING_EQUAL(u->decks[1].path, "/abs/deck2.txt");
    CU_ASSERT_STRING_EQUAL(u->printer_path, "conf/rscs.prt");
    CU_ASSERT_STRING_EQUAL(u->printer_dest, "RSCS");
    CU_ASSERT_STRING_EQUAL(u->punch_dest, "");
    u = &d.users[2];
    CU_ASSERT_STRING_EQUAL(u->name, "T$#@9");
    CU_ASSERT_EQUAL(u->mem, 4096);
    CU_ASSERT_STRING_EQUAL(u->punch_dest, "");
    CU_ASSERT_NOT_EQUAL(u->punch_line, 0);
    CU_ASSERT_STRING_EQUAL(u->printer_dest, "");
    u = &d.users[3];
    CU_ASSERT_STRING_EQUAL(u->name, "TINY");
    CU_ASSERT_EQUAL(u->mem, CP_DIR_DEFAULT_MEM);
    CU_ASSERT_EQUAL(u->ipl, CP_IPL_NONE);
    CU_ASSERT_EQUAL(u->nmdisks, 0);
    cp_directory_free(&d);
    CU_ASSERT_EQUAL(d.nusers, 0);
}

/* Each malformed directory is refused with its line and reason. */
static void test_parse_malformed(void)
{
    static const struct {
        const char *text;
        const char *msg;
    } cases[] = {
        {"MDISK 190 a 0 1 R\n", "t.direct:1: MDISK before any USER"},
        {"* c\n\nIPL 190\n", "t.direct:3: IPL before any USER"},
        {"USER A\nFOO x\n", "t.direct:2: unknown statement FOO"},
        {"USER A\nMEMORY 1M\n", "t.direct:2: unknown statement MEMORY"},
        {"USER\n", "t.direct:1: USER: missing name"},
        {"USER TOOLONGNAME\n",
         "t.direct:1: USER: bad name TOOLONGNAME (1-8 characters of A-Z 0-9 $ # @)"},
        {"USER A_B\n", "t.direct:1: USER: bad name A_B (1-8 characters of A-Z 0-9 $ # @)"},
        {"USER A\nUSER a\n", "t.direct:2: duplicate USER A (line 1)"},
        {"USER A SIZE 1M\n", "t.direct:1: USER: expected MEMORY, found SIZE"},
        {"USER A MEMORY\n", "t.direct:1: USER: missing size after MEMORY"},
        {"USER A MEMORY 1X\n", "t.direct:1: USER: bad size 1X (bytes, or with K or M)"},
        {"USER A MEMORY -4K\n", "t.direct:1: USER: bad size -4K (bytes, or with K or M)"},
        {"USER A MEMORY 99999999999\n",
         "t.direct:1: USER: bad size 99999999999 (bytes, or with K or M)"},
        {"USER A MEMORY 5000\n", "t.direct:1: USER: size 5000 is not a positive multiple of 4K"},
        {"USER A MEMORY 6K\n", "t.direct:1: USER: size 6K is not a positive multiple of 4K"},
        {"USER A MEMORY 0\n", "t.direct:1: USER: size 0 is not a positive multiple of 4K"},
        {"USER A MEMORY 512M\n", "t.direct:1: USER: size 512M is more than 256M"},
        {"USER A MEMORY 1M X\n", "t.direct:1: USER: unexpected operand X"},
        {"USER A MEMORY 1M a b c d e f g\n", "t.direct:1: USER: unexpected operand a"},
        {"USER A\nMDISK\n", "t.direct:2: MDISK: missing device number"},
        {"USER A\nMDISK 191\n", "t.direct:2: MDISK: missing path"},
        {"USER A\nMDISK 191 a\n", "t.direct:2: MDISK: missing first block"},
        {"USER A\nMDISK 191 a 0\n", "t.direct:2: MDISK: missing block count"},
        {"USER A\nMDISK 191 a 0 1\n", "t.direct:2: MDISK: missing access mode R or W"},
        {"USER A\nMDISK 1G1 a 0 1 R\n", "t.direct:2: MDISK: bad device number 1G1 (1-4 hex digits)"},
        {"USER A\nMDISK 12345 a 0 1 R\n",
         "t.direct:2: MDISK: bad device number 12345 (1-4 hex digits)"},
        {"USER A\nMDISK 00C a 0 1 R\n", "t.direct:2: MDISK: device 00C is the reader"},
        {"USER A\nMDISK 9 a 0 1 R\n", "t.direct:2: MDISK: device 009 is the console"},
        {"USER A\nMDISK 191 a x 1 R\n", "t.direct:2: MDISK: bad first block x"},
        {"USER A\nMDISK 191 a 0x 1 R\n", "t.direct:2: MDISK: bad first block 0x"},
        {"USER A\nMDISK 191 a 0 -1 R\n", "t.direct:2: MDISK: bad block count -1"},
        {"USER A\nMDISK 191 a 0 4294967296 R\n", "t.direct:2: MDISK: bad block count 4294967296"},
        {"USER A\nMDISK 191 a 0 0 R\n",
         "t.direct:2: MDISK: block count 0 (a minidisk has at least one block)"},
        {"USER A\nMDISK 191 a 0 1 X\n", "t.direct:2: MDISK: bad access mode X (R or W)"},
        {"USER A\nMDISK 191 a 0 1 RW\n", "t.direct:2: MDISK: bad access mode RW (R or W)"},
        {"USER A\nMDISK 191 a 0 1 R extra\n", "t.direct:2: MDISK: unexpected operand extra"},
        {"USER A\nMDISK 191 a 0 1 R\nMDISK 191 b 0 1 R\n",
         "t.direct:3: duplicate device 191 (line 2)"},
        {"USER A\nIPL\n", "t.direct:2: IPL: missing device number or FILE path"},
        {"USER A\nIPL XYZ\n", "t.direct:2: IPL: bad device number XYZ (1-4 hex digits, or FILE path)"},
        {"USER A\nIPL FILE\n", "t.direct:2: IPL: missing path"},
        {"USER A\nIPL 190 x\n", "t.direct:2: IPL: unexpected operand x"},
        {"USER A\nIPL FILE a b\n", "t.direct:2: IPL: unexpected operand b"},
        {"USER A\nMDISK 190 a 0 8 R\nIPL 190\nIPL FILE x\n", "t.direct:4: duplicate IPL (line 3)"},
        {"USER A\nIPL 190\nUSER B\n", "t.direct:2: IPL 190: USER A has no MDISK 190"},
        {"USER A\nMDISK 190 a 0 7 R\nIPL 190\n",
         "t.direct:3: IPL 190: the minidisk is smaller than 4 KiB (8 blocks)"},
        {"USER A\nPRINTER\n", "t.direct:2: PRINTER: missing FILE"},
        {"USER A\nPRINTER TAPE x\n", "t.direct:2: PRINTER: expected FILE, found TAPE"},
        {"USER A\nPRINTER FILE\n", "t.direct:2: PRINTER: missing path"},
        {"USER A\nPRINTER FILE a\nPRINTER FILE b\n", "t.direct:3: duplicate PRINTER FILE (line 2)"},
        {"USER A\nCONSOLE FILE a b\n", "t.direct:2: CONSOLE: unexpected operand b"},
        {"USER A\nCONSOLE FILE a\nCONSOLE FILE a\n", "t.direct:3: duplicate CONSOLE FILE (line 2)"},
        {"USER A\nREADER FILE\n", "t.direct:2: READER: missing path"},
        {"USER A\nREADER x y\n", "t.direct:2: READER: expected FILE, found x"},
        {"USER A\nSPOOL\n", "t.direct:2: SPOOL: missing PUNCH or PRINTER"},
        {"USER A\nSPOOL PUNCH\n", "t.direct:2: SPOOL: missing TO"},
        {"USER A\nSPOOL PUNCH TO\n", "t.direct:2: SPOOL: missing destination"},
        {"USER A\nSPOOL READER TO A\n", "t.direct:2: SPOOL: expected PUNCH or PRINTER, found READER"},
        {"USER A\nSPOOL PUNCH AT A\n", "t.direct:2: SPOOL: expected TO, found AT"},
        {"USER A\nSPOOL PUNCH TO A B\n", "t.direct:2: SPOOL: unexpected operand B"},
        {"USER A\nSPOOL PUNCH TO bad_name\n",
         "t.direct:2: SPOOL: bad name bad_name (1-8 characters of A-Z 0-9 $ # @)"},
        {"USER A\nSPOOL PUNCH TO OFF\n", "t.direct:2: SPOOL PUNCH TO OFF: no USER OFF in the directory"},
        {"USER A\nSPOOL PUNCH TO *\nSPOOL PUNCH TO A\n", "t.direct:3: duplicate SPOOL PUNCH (line 2)"},
        {"USER A\nSPOOL PUNCH TO B\n", "t.direct:2: SPOOL PUNCH TO B: no USER B in the directory"},
        {"USER A\nUSER C\nSPOOL PRINTER TO B\n",
         "t.direct:3: SPOOL PRINTER TO B: no USER B in the directory"},
        {"* nothing here\n\n", "t.direct: no USER entry"},
        {"", "t.direct: no USER entry"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cp_directory d;
        char err[256] = "";
        bool ok = cp_directory_parse(&d, "t.direct", cases[i].text, strlen(cases[i].text), err,
                                     sizeof err);
        CU_ASSERT_FALSE(ok);
        if (ok) {
            cp_directory_free(&d);
            fprintf(stderr, "\naccepted: %s\n", cases[i].text);
            continue;
        }
        if (strcmp(err, cases[i].msg) != 0)
            fprintf(stderr, "\n got  %s\n want %s\n", err, cases[i].msg);
        CU_ASSERT_STRING_EQUAL(err, cases[i].msg);
        CU_ASSERT_EQUAL(d.nusers, 0);
        CU_ASSERT_PTR_NULL(d.users);
    }
    /* a NUL byte in a line */
    cp_directory d;
    char err[256];
    static const char nul[] = "USER A\nUSER B\0\n";
    CU_ASSERT_FALSE(cp_directory_parse(&d, "t.direct", nul, sizeof nul - 1, err, sizeof err));
    CU_ASSERT_STRING_EQUAL(err, "t.direct:2: a NUL byte in the line");
}

/* Loading a file: paths from the file's folder; a missing file refused. */
static void test_load(void)
{
    vx_dir dir;
    vx_dir_new(&dir);
    static const char text[] = "USER A\n  MDISK 191 a.img 0 1 W\n";
    vx_file(&dir, "demo.direct", text, sizeof text - 1);
    char path[256], want[300], err[300];
    cp_directory d;
    CU_ASSERT_TRUE_FATAL(cp_directory_load(&d, vx_path(&dir, "demo.direct", path, sizeof path),
                                           err, sizeof err));
    snprintf(want, sizeof want, "%s/a.img", dir.path);
    CU_ASSERT_STRING_EQUAL(d.users[0].mdisks[0].path, want);
    cp_directory_free(&d);
    vx_path(&dir, "none.direct", path, sizeof path);
    CU_ASSERT_FALSE(cp_directory_load(&d, path, err, sizeof err));
    snprintf(want, sizeof want, "%s: does not exist", path);
    CU_ASSERT_STRING_EQUAL(err, want);
    vx_dir_free(&dir);
}

/* ---- logon --------------------------------------------------------------------- */

/* Assemble src into an image file in the folder (padded to whole blocks if
   blocks > 0, so it can be a disk). */
static void write_guest(const vx_dir *dir, const char *name, const char *src, uint32_t blocks)
{
    pgasm_output out;
    CU_ASSERT_EQUAL_FATAL(pgasm_assemble_string("g.s", src, false, &out, stderr), 0);
    size_t size = blocks ? (size_t)blocks * PG_DISK_BLOCK : out.size;
    CU_ASSERT_FATAL(out.size <= size);
    uint8_t *b = calloc(size, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    memcpy(b, out.image, out.size);
    vx_file(dir, name, b, size);
    free(b);
    pgasm_output_free(&out);
}

/* Writes its text on the console, then halts. */
static const char hello_guest[] =
    "        .org 0\n"
    "        .psw S, start\n"
    "        .org 0x200\n"
    "start:  li r1, 0x009\n"
    "        la r2, ccw\n"
    "        sio r3, r1, r2\n"
    "p:      tio r3, r1\n"
    "        li r4, 2\n"
    "        beq r3, r4, p\n"
    "        lpsw done(r0)\n"
    "        .align 8\n"
    "done:   .psw W, 0\n"
    "ccw:    .byte 0x01, 0x00\n"
    "        .half 16\n"
    "        .word msg\n"
    "msg:    .ascii \"hello from disk\\n\"\n";

/* Waits for the reader's attention, then echoes its cards (4 bytes each). */
static const char echo_reader_guest[] =
    "        .org 0\n"
    "        .psw S, start\n"
    "        .org 0x58\n"
    "        .psw S, ioint\n"
    "        .org 0x200\n"
    "start:  lpsw waitio(r0)\n"
    "ioint:  li r1, 0x00C\n"
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
    "        j ioint\n"
    "eof:    lpsw done(r0)\n"
    "        .align 8\n"
    "waitio: .psw W|I, 0\n"
    "done:   .psw W, 0\n"
    "rdccw:  .byte 0x02, 0x00\n"
    "        .half 4\n"
    "        .word card\n"
    "wrccw:  .byte 0x01, 0x00\n"
    "        .half 5\n"
    "        .word card\n"
    "card:   .space 4\n"
    "        .byte 10\n";

static const char logon_dir[] =
    "USER CMS MEMORY 64K\n"
    "  MDISK 190 sys.img 0 16 R\n"
    "  MDISK 191 sys.img 16 16 W\n"
    "  IPL 190\n"
    "  CONSOLE FILE cms.console\n"
    "  SPOOL PUNCH TO SVC\n"
    "USER SVC MEMORY 64K\n"
    "  IPL FILE svc.img\n"
    "  READER FILE jobs.txt\n"
    "  READER FILE more.deck.txt\n"
    "  PRINTER FILE svc.prt\n"
    "USER IDLE MEMORY 8K\n";

/* Build the folder for logon_dir. */
static void logon_files(vx_dir *dir)
{
    vx_dir_new(dir);
    write_guest(dir, "sys.img", hello_guest, 32);
    write_guest(dir, "svc.img", echo_reader_guest, 0);
    vx_file(dir, "jobs.txt", "ONE\nTWO\n", 8);
    vx_file(dir, "more.deck.txt", "3RD\n", 4);
    vx_file(dir, "demo.direct", logon_dir, sizeof logon_dir - 1);
}

/* Every user logs on with its devices, spool, minidisks, decks and IPL,
   and runs. */
static void test_logon(void)
{
    vx_dir dir;
    logon_files(&dir);
    char path[256], err[512] = "";
    cp_directory d;
    CU_ASSERT_TRUE_FATAL(cp_directory_load(&d, vx_path(&dir, "demo.direct", path, sizeof path),
                                           err, sizeof err));
    d.console_dir = dir.path;
    d.console_input = CP_INPUT_NONE;
    cp *c = vx_cp();
    bool ok = cp_directory_logon_all(c, &d, err, sizeof err);
    if (!ok)
        fprintf(stderr, "\n%s\n", err);
    CU_ASSERT_FATAL(ok);
    CU_ASSERT_EQUAL_FATAL(cp_vm_count(c), 3);
    cp_vm *cms = cp_vm_find(c, "CMS"), *svc = cp_vm_find(c, "SVC"), *idle = cp_vm_find(c, "IDLE");
    CU_ASSERT_PTR_NOT_NULL_FATAL(cms);
    CU_ASSERT_PTR_NOT_NULL_FATAL(svc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(idle);
    CU_ASSERT_EQUAL(cp_vm_mem_size(idle), 8192);
    CU_ASSERT_EQUAL(cp_vm_get_state(idle), CP_VM_NOT_IPLED);
    CU_ASSERT_EQUAL(cms->dev.nminidisks, 2);
    CU_ASSERT_STRING_EQUAL(cms->dev.punch->dest, "SVC");
    CU_ASSERT_EQUAL(vx_reader_count(svc), 2);
    const cp_spool_file *f = cp_spool_first(svc);
    CU_ASSERT_STRING_EQUAL(f->origin, "HOST");
    CU_ASSERT_STRING_EQUAL(f->name, "JOBS");
    CU_ASSERT_STRING_EQUAL(f->type, "TXT");
    f = cp_spool_next(svc, f);
    CU_ASSERT_STRING_EQUAL(f->name, "MORE");
    CU_ASSERT_STRING_EQUAL(f->type, "DECK");
    CU_ASSERT_EQUAL(vx_pending_status(svc, PG_DEV_READER), PG_US_ATTENTION);
    vx_run(c);
    CU_ASSERT_EQUAL(cp_vm_get_state(cms), CP_VM_DISABLED_WAIT);
    CU_ASSERT_EQUAL(cp_vm_get_state(svc), CP_VM_DISABLED_WAIT);
    CU_ASSERT_TRUE(vx_console_is(svc, "ONE \nTWO \n"));
    CU_ASSERT_TRUE(vx_console_is(cms, "hello from disk\n"));
    /* the 191 minidisk is blocks 16-31 of the image */
    uint32_t rd;
    uint32_t blk[5] = {0x191, 1, 0, 1, 0x4000};
    for (int i = 0; i < 5; i++)
        vx_put32(cms, 0x1000 + 4u * (uint32_t)i, blk[i]);
    cp_vm_set_gpr(cms, 1, 0x1000);
    CU_ASSERT_EQUAL(cp_diag(cms, 0x0018, 2, 1, &rd), 0);
    CU_ASSERT_EQUAL(rd, 0);
    vx_put32(cms, 0x1000, 0x190);
    vx_put32(cms, 0x1004, 2);
    CU_ASSERT_EQUAL(cp_diag(cms, 0x0018, 2, 1, &rd), 0);
    CU_ASSERT_EQUAL(rd, 3);                             /* 190 is read-only */
    cp_free(c);
    cp_directory_free(&d);
    char *text = vx_read_file(&dir, "cms.console", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "hello from disk\n");
    free(text);
    text = vx_read_file(&dir, "SVC.console", NULL);     /* from console_dir */
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "ONE \nTWO \n");
    free(text);
    text = vx_read_file(&dir, "svc.prt", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    CU_ASSERT_STRING_EQUAL(text, "");
    free(text);
    vx_dir_free(&dir);
}

/* Each host-file problem stops the logon before any VM exists. */
static void test_logon_refusals(void)
{
    vx_dir dir;
    logon_files(&dir);
    vx_image(&dir, "small.img", 4);
    vx_file(&dir, "short.img", "1234", 4);
    char big[VX_VM_MEM + 8];
    memset(big, 0, sizeof big);
    vx_file(&dir, "big.img", big, sizeof big);
    static const struct {
        const char *text;
        const char *msg;            /* %1$s is the folder, %2$s the directory file */
    } cases[] = {
        {"USER A\n  MDISK 191 none.img 0 1 R\n", "%2$s:2: disk 191: %1$s/none.img: does not exist"},
        {"USER A\n  MDISK 191 small.img 2 3 R\n",
         "%2$s:2: disk 191: %1$s/small.img: blocks 2-4 are beyond the image's end (4 blocks)"},
        {"USER A\n  MDISK 191 sys.img 0 8 W\nUSER B\n  MDISK 192 sys.img 7 2 W\n",
         "%2$s:4: disk 192: %1$s/sys.img: writable blocks 7-8 overlap USER A's writable MDISK 191"
         " (line 2)"},
        {"USER A\n  READER FILE none.txt\n", "%2$s:2: reader 00C: %1$s/none.txt: does not exist"},
        {"USER A MEMORY 64K\n  IPL FILE none.img\n", "%2$s:2: IPL FILE %1$s/none.img: does not exist"},
        {"USER A MEMORY 64K\n  IPL FILE short.img\n",
         "%2$s:2: IPL FILE %1$s/short.img: size 4 is shorter than the 8-byte IPL PSW"},
        {"USER A MEMORY 64K\n  IPL FILE big.img\n",
         "%2$s:2: IPL FILE %1$s/big.img: size 65544 is larger than the VM's storage"},
        {"USER A\n  PRINTER FILE nodir/a.prt\n",
         "%2$s:2: printer 00E: %1$s/nodir/a.prt: its folder does not exist or is not writable"},
        {"USER A\n  CONSOLE FILE jobs.txt/a\n",
         "%2$s:2: console 009: %1$s/jobs.txt/a: its folder does not exist or is not writable"},
        {"USER A\nUSER HELD\n", "%2$s:2: USER HELD: a VM of that name is already logged on"},
        {"USER A MEMORY 2M\nUSER B MEMORY 2M\n",
         "%2$s:2: USER B: 2097152 bytes of storage do not fit: CP has"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char path[256], err[512] = "", want[512];
        vx_file(&dir, "bad.direct", cases[i].text, strlen(cases[i].text));
        vx_path(&dir, "bad.direct", path, sizeof path);
        cp_directory d;
        CU_ASSERT_TRUE_FATAL(cp_directory_load(&d, path, err, sizeof err));
        cp *c = vx_cp();
        CU_ASSERT_PTR_NOT_NULL_FATAL(cp_vm_create(c, "HELD", VX_VM_MEM, err, sizeof err));
        CU_ASSERT_FALSE(cp_directory_logon_all(c, &d, err, sizeof err));
        const char *fmt = cases[i].msg;
        /* "%1$s" and "%2$s" by hand: C11's printf has no positional arguments */
        size_t k = 0;
        for (const char *p = fmt; *p && k < sizeof want - 1; p++) {
            if (p[0] == '%' && (p[1] == '1' || p[1] == '2') && p[2] == '$' && p[3] == 's') {
                const char *s = p[1] == '1' ? dir.path : path;
                k += (size_t)snprintf(want + k, sizeof want - k, "%s", s);
                p += 3;
            } else {
                want[k++] = *p;
            }
        }
        want[k] = '\0';
        bool same = i + 1 == sizeof cases / sizeof cases[0] ? strncmp(err, want, strlen(want)) == 0
                                                             : strcmp(err, want) == 0;
        if (!same)
            fprintf(stderr, "\n got  %s\n want %s\n", err, want);
        CU_ASSERT_TRUE(same);
        CU_ASSERT_EQUAL(cp_vm_count(c), 1);             /* HELD only: nothing created */
        cp_free(c);
        cp_directory_free(&d);
    }
    vx_dir_free(&dir);
}

/* The README's example directory parses as the README says. */
static void test_readme_example(void)
{
    FILE *f = fopen("README.md", "rb");
    if (!f) {
        CU_FAIL("README.md not found (run from the project's root)");
        return;
    }
    char *text = malloc(1 << 20);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    fclose(f);
    text[n] = '\0';
    const char *sec = strstr(text, "## The user directory");
    const char *start = sec ? strstr(sec, "```\n") : NULL;
    const char *end = start ? strstr(start + 4, "```") : NULL;
    CU_ASSERT_PTR_NOT_NULL(end);
    if (end) {
        cp_directory d;
        char err[256] = "";
        bool ok = cp_directory_parse(&d, "demo.direct", start + 4, (size_t)(end - start - 4), err,
                                     sizeof err);
        if (!ok)
            fprintf(stderr, "\n%s\n", err);
        CU_ASSERT_TRUE(ok);
        if (ok) {
            CU_ASSERT_TRUE(d.nusers >= 3);
            cp_directory_free(&d);
        }
    }
    free(text);
}

static const pg_test parse_tests[] = {
    {"good", test_parse_good},
    {"malformed", test_parse_malformed},
    {"load", test_load},
    {"readme_example", test_readme_example},
    {NULL, NULL},
};

static const pg_test logon_tests[] = {
    {"logon", test_logon},
    {"refusals", test_logon_refusals},
    {NULL, NULL},
};

static const pg_suite suites[] = {
    {"parse", parse_tests},
    {"logon", logon_tests},
    {NULL, NULL},
};

/* All the suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
