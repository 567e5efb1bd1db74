/*
 * test_cmsdisk.c -- cmsdisk's library: names, format, put/get/erase/list
 * round trips (text and MODULE), replacement, full disk and full directory,
 * every refusal of a damaged disk, origin 128 with a boot image, and saving
 * through a temporary copy.  Disks live in memory except in the file suite.
 */
#include "runner.h"
#include "cmsdisk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A formatted in-memory disk of `blocks` blocks at `origin`. */
static void fresh(cms_disk *d, uint32_t blocks, uint32_t origin, uint32_t dirblocks)
{
    cms_err e;
    CU_ASSERT_FATAL(cms_disk_new(d, "t.disk", blocks, &e) == CMS_OK);
    CU_ASSERT_FATAL(cms_op_format(d, origin, "test", dirblocks, false, &e) == CMS_OK);
}

/* Put a text string as fn ft; the status. */
static int put_text(cms_disk *d, const char *text, const char *fn, const char *ft, cms_err *e)
{
    return cms_op_put(d, "host", (const unsigned char *)text, strlen(text), fn, ft, e);
}

/* Get fn ft and compare it with want (len bytes); true when equal. */
static bool get_is(cms_disk *d, const char *fn, const char *ft, bool image, const void *want,
                   size_t len)
{
    cms_err e;
    unsigned char *out = NULL;
    size_t n = 0;
    bool ok = cms_op_get(d, fn, ft, image, &out, &n, &e) == CMS_OK && n == len &&
              (len == 0 || memcmp(out, want, len) == 0);
    free(out);
    return ok;
}

/* The open file system's entry for fn ft (copied), or false. */
static bool entry_of(cms_disk *d, const char *fn, const char *ft, cms_entry *out)
{
    cms_fs fs;
    cms_err e;
    if (cms_fs_open(&fs, d, &e))
        return false;
    const cms_entry *f = cms_fs_lookup(&fs, fn, ft);
    if (f)
        *out = *f;
    cms_fs_close(&fs);
    return f != NULL;
}

/* The check of the whole disk fails with a message containing `part`. */
static bool refused(cms_disk *d, const char *part)
{
    cms_fs fs;
    cms_err e = {{0}};
    if (cms_fs_open(&fs, d, &e) == CMS_OK) {
        cms_fs_close(&fs);
        return false;
    }
    if (!strstr(e.msg, part) || !strstr(e.msg, "t.disk"))
        printf("\n    unexpected message: %s\n", e.msg);
    return strstr(e.msg, part) && strstr(e.msg, "t.disk");
}

/* The 32 bytes of directory slot s of a file system at `origin`. */
static unsigned char *slot(cms_disk *d, uint32_t origin, uint32_t s)
{
    return d->bytes + ((size_t)origin + 1) * CMS_BLOCK + (size_t)s * CMS_ENTRY_BYTES;
}

/* Names: upper-casing, the alphabet, the length, stored fields. */
static void test_names(void)
{
    char out[9];
    cms_err e;
    CU_ASSERT(cms_name_parse("profile", out, "file name", &e) == CMS_OK);
    CU_ASSERT_STRING_EQUAL(out, "PROFILE");
    CU_ASSERT(cms_name_parse("A$#@09Zz", out, "file name", &e) == CMS_OK);
    CU_ASSERT_STRING_EQUAL(out, "A$#@09ZZ");
    CU_ASSERT(cms_name_parse("", out, "file name", &e) == CMS_FAIL);
    CU_ASSERT(cms_name_parse("NINECHARS", out, "file type", &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "bad file type 'NINECHARS'") != NULL);
    CU_ASSERT(cms_name_parse("a.b", out, "file name", &e) == CMS_FAIL);
    CU_ASSERT(cms_name_parse("a b", out, "file name", &e) == CMS_FAIL);
    unsigned char field[8];
    cms_name_store(field, "EXEC");
    CU_ASSERT(memcmp(field, "EXEC    ", 8) == 0);
    CU_ASSERT(cms_name_field_ok(field, out));
    CU_ASSERT_STRING_EQUAL(out, "EXEC");
    CU_ASSERT(!cms_name_field_ok((const unsigned char *)"        ", out));
    CU_ASSERT(!cms_name_field_ok((const unsigned char *)"AB CD   ", out));
    CU_ASSERT(!cms_name_field_ok((const unsigned char *)"abc     ", out));
}

/* Format writes the header of guest-os/README.md and an empty directory. */
static void test_format_header(void)
{
    cms_disk d;
    fresh(&d, 1024, 0, 8);
    const unsigned char *h = d.bytes;
    CU_ASSERT(memcmp(h, "PGCMSFS1", 8) == 0);
    CU_ASSERT(cms_get32(h + 8) == 1024);
    CU_ASSERT(cms_get32(h + 12) == 8);
    CU_ASSERT(memcmp(h + 16, "TEST    ", 8) == 0);
    for (size_t i = 24; i < 9 * CMS_BLOCK; i++)
        CU_ASSERT_FATAL(d.bytes[i] == 0);
    cms_fs fs;
    cms_err e;
    CU_ASSERT_FATAL(cms_fs_open(&fs, &d, &e) == CMS_OK);
    CU_ASSERT(fs.origin == 0 && fs.count == 0 && fs.dirblocks == 8);
    CU_ASSERT_STRING_EQUAL(fs.label, "TEST");
    CU_ASSERT(cms_fs_free_blocks(&fs) == 1024 - 9);
    cms_fs_close(&fs);
    cms_disk_free(&d);
}

/* Format refuses a second file system without force, bad origins, a disk
   too small, a bad label and non-empty blocks; with force it replaces. */
static void test_format_refusals(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 300, 0, 8);
    CU_ASSERT(cms_op_format(&d, 0, NULL, 8, false, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "already has a CMS file system at block 0") != NULL);
    CU_ASSERT(cms_op_format(&d, 5, NULL, 8, true, &e) == CMS_USAGE);
    CU_ASSERT(cms_op_format(&d, 0, "bad label!", 8, true, &e) == CMS_USAGE);
    CU_ASSERT(cms_op_format(&d, 0, NULL, 300, true, &e) == CMS_FAIL);
    CU_ASSERT(cms_op_format(&d, 128, NULL, 8, true, &e) == CMS_OK);
    uint32_t origin = 99;
    CU_ASSERT(cms_fs_find_origin(&d, &origin) == 0 && origin == 128);
    CU_ASSERT(d.bytes[0] == 0);                 /* the old header is gone */
    cms_disk_free(&d);
    CU_ASSERT_FATAL(cms_disk_new(&d, "t.disk", 300, &e) == CMS_OK);
    d.bytes[200 * CMS_BLOCK + 7] = 1;          /* a boot image reaching block 200 */
    CU_ASSERT(cms_op_format(&d, 128, NULL, 8, false, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "blocks 128 to 299 are not empty") != NULL);
    CU_ASSERT(cms_op_format(&d, 128, NULL, 8, true, &e) == CMS_OK);
    cms_disk_free(&d);
}

/* Text: stored as is, a final newline added; an empty file takes no block. */
static void test_text_round_trip(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 64, 0, 1);
    CU_ASSERT(put_text(&d, "one\ntwo\n", "a", "exec", &e) == CMS_OK);
    CU_ASSERT(get_is(&d, "A", "EXEC", false, "one\ntwo\n", 8));
    CU_ASSERT(put_text(&d, "no newline", "b", "text", &e) == CMS_OK);
    CU_ASSERT(get_is(&d, "b", "text", false, "no newline\n", 11));
    CU_ASSERT(put_text(&d, "", "empty", "file", &e) == CMS_OK);
    CU_ASSERT(get_is(&d, "EMPTY", "FILE", false, "", 0));
    cms_entry f;
    CU_ASSERT(entry_of(&d, "EMPTY", "FILE", &f) && f.blocks == 0 && f.first == 0 && f.length == 0);
    char big[1300];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)(i % 61 == 60 ? '\n' : 'a' + i % 26);
    big[sizeof big - 1] = '\n';
    CU_ASSERT(cms_op_put(&d, "host", (unsigned char *)big, sizeof big, "big", "data", &e) == 0);
    CU_ASSERT(get_is(&d, "BIG", "DATA", false, big, sizeof big));
    CU_ASSERT(entry_of(&d, "BIG", "DATA", &f) && f.blocks == 3 && f.length == sizeof big);
    CU_ASSERT(entry_of(&d, "A", "EXEC", &f) && f.first == 2 && f.blocks == 1);
    unsigned char *p = slot(&d, 0, f.slot);
    CU_ASSERT(memcmp(p, "A       EXEC    ", 16) == 0);
    CU_ASSERT(cms_get32(p + 28) == 0);
    cms_disk_free(&d);
}

/* MODULE: the bytes from 0x10000 on; back raw or as a loadable image. */
static void test_module_round_trip(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 512, 0, 8);
    size_t n = CMS_MODULE_BASE + 1000;
    unsigned char *img = calloc(n, 1);
    CU_ASSERT_FATAL(img != NULL);
    for (size_t i = CMS_MODULE_BASE; i < n; i++)
        img[i] = (unsigned char)(i * 7);
    CU_ASSERT(cms_op_put(&d, "hello.img", img, n, "hello", "module", &e) == CMS_OK);
    cms_entry f;
    CU_ASSERT(entry_of(&d, "HELLO", "MODULE", &f) && f.length == 1000 && f.blocks == 2);
    CU_ASSERT(get_is(&d, "HELLO", "MODULE", false, img + CMS_MODULE_BASE, 1000));
    CU_ASSERT(get_is(&d, "HELLO", "MODULE", true, img, n));
    CU_ASSERT(cms_op_put(&d, "short.img", img, CMS_MODULE_BASE, "short", "module", &e) ==
              CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "short.img: not a MODULE image") != NULL);
    CU_ASSERT(get_is(&d, "HELLO", "TEXT", false, "", 0) == false);
    free(img);
    cms_disk_free(&d);
}

/* Replacing keeps one entry and its slot; space is reused first-fit. */
static void test_replace(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 64, 0, 1);
    char two[700];
    memset(two, 'x', sizeof two);
    two[sizeof two - 1] = '\n';
    CU_ASSERT(put_text(&d, "a\n", "one", "f", &e) == CMS_OK);
    CU_ASSERT(cms_op_put(&d, "h", (unsigned char *)two, sizeof two, "two", "f", &e) == 0);
    CU_ASSERT(put_text(&d, "c\n", "three", "f", &e) == CMS_OK);
    cms_entry f;
    CU_ASSERT(entry_of(&d, "THREE", "F", &f) && f.first == 5);
    CU_ASSERT(cms_op_erase(&d, "two", "f", &e) == CMS_OK);
    CU_ASSERT(put_text(&d, "d\n", "four", "f", &e) == CMS_OK);  /* first fit: block 3 */
    CU_ASSERT(entry_of(&d, "FOUR", "F", &f) && f.first == 3);
    CU_ASSERT(cms_op_put(&d, "h", (unsigned char *)two, sizeof two, "one", "f", &e) == 0);
    CU_ASSERT(entry_of(&d, "ONE", "F", &f) && f.slot == 0 && f.blocks == 2 && f.first == 6);
    CU_ASSERT(get_is(&d, "ONE", "F", false, two, sizeof two));
    CU_ASSERT(put_text(&d, "small\n", "one", "f", &e) == CMS_OK);
    CU_ASSERT(entry_of(&d, "ONE", "F", &f) && f.blocks == 1 && f.first == 2);
    cms_fs fs;
    CU_ASSERT_FATAL(cms_fs_open(&fs, &d, &e) == CMS_OK);
    CU_ASSERT(fs.count == 3);
    cms_fs_close(&fs);
    cms_disk_free(&d);
}

/* Erase frees the name; erasing or getting a missing file is refused. */
static void test_erase(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 64, 0, 1);
    CU_ASSERT(put_text(&d, "x\n", "gone", "soon", &e) == CMS_OK);
    CU_ASSERT(cms_op_erase(&d, "GONE", "soon", &e) == CMS_OK);
    cms_entry f;
    CU_ASSERT(!entry_of(&d, "GONE", "SOON", &f));
    CU_ASSERT(cms_op_erase(&d, "gone", "soon", &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "t.disk: file GONE SOON not found") != NULL);
    unsigned char *out = NULL;
    size_t n;
    CU_ASSERT(cms_op_get(&d, "gone", "soon", false, &out, &n, &e) == CMS_FAIL);
    CU_ASSERT(cms_op_erase(&d, "bad name", "x", &e) == CMS_USAGE);
    free(out);
    cms_disk_free(&d);
}

/* A full disk and a full directory refuse the put and change nothing. */
static void test_full(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 12, 0, 1);                        /* data blocks 2..11; text gains a \n */
    char *big = malloc(11 * CMS_BLOCK);
    CU_ASSERT_FATAL(big != NULL);
    memset(big, 'y', 11 * CMS_BLOCK);
    unsigned char *before = malloc(d.size);
    CU_ASSERT_FATAL(before != NULL);
    memcpy(before, d.bytes, d.size);
    CU_ASSERT(cms_op_put(&d, "h", (unsigned char *)big, 6 * CMS_BLOCK, "a", "b", &e) == 0);
    memcpy(before, d.bytes, d.size);
    CU_ASSERT(cms_op_put(&d, "h", (unsigned char *)big, 5 * CMS_BLOCK, "c", "d", &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "disk full: C D needs 6 blocks, the largest free run has 3") != NULL);
    CU_ASSERT(memcmp(before, d.bytes, d.size) == 0);
    CU_ASSERT(cms_op_put(&d, "h", (unsigned char *)big, 11 * CMS_BLOCK, "a", "b", &e) == CMS_FAIL);
    CU_ASSERT(memcmp(before, d.bytes, d.size) == 0);
    /* replacing may reuse the file's own blocks: 10 blocks fit once A B is gone */
    CU_ASSERT(cms_op_put(&d, "h", (unsigned char *)big, 10 * CMS_BLOCK - 1, "a", "b", &e) == 0);
    cms_disk_free(&d);
    fresh(&d, 64, 0, 1);                        /* 16 entries */
    char name[16];
    for (int i = 0; i < 16; i++) {
        snprintf(name, sizeof name, "F%d", i);
        CU_ASSERT(put_text(&d, "", name, "X", &e) == CMS_OK);
    }
    memcpy(before, d.bytes, CMS_BLOCK * 2);
    CU_ASSERT(put_text(&d, "", "F16", "X", &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "directory full: all 16 entries are in use") != NULL);
    CU_ASSERT(memcmp(before, d.bytes, CMS_BLOCK * 2) == 0);
    CU_ASSERT(put_text(&d, "now longer\n", "F3", "X", &e) == CMS_OK);
    free(before);
    free(big);
    cms_disk_free(&d);
}

/* Damaged headers: no magic, sizes beyond the image, a label that is not text. */
static void test_damaged_header(void)
{
    cms_disk d;
    cms_err e;
    CU_ASSERT_FATAL(cms_disk_new(&d, "t.disk", 300, &e) == CMS_OK);
    CU_ASSERT(refused(&d, "not a CMS disk: no PGCMSFS1 magic at block 0 or 128"));
    CU_ASSERT(cms_op_format(&d, 0, NULL, 8, false, &e) == CMS_OK);
    cms_put32(d.bytes + 8, 301);
    CU_ASSERT(refused(&d, "the header says 301 file-system blocks from block 0, but the disk "
                          "has only 300 blocks"));
    cms_put32(d.bytes + 8, 300);
    cms_put32(d.bytes + 12, 0);
    CU_ASSERT(refused(&d, "the header says 0 directory blocks"));
    cms_put32(d.bytes + 12, 300);
    CU_ASSERT(refused(&d, "the header says 300 directory blocks in a file system of 300"));
    cms_put32(d.bytes + 12, 8);
    d.bytes[20] = 0x01;
    CU_ASSERT(refused(&d, "the label holds byte 0x01"));
    cms_disk_free(&d);
}

/* Damaged directories: names, extents, lengths, overlaps and duplicates. */
static void test_damaged_directory(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 100, 0, 1);
    CU_ASSERT(put_text(&d, "one\n", "one", "f", &e) == CMS_OK);    /* block 2 */
    CU_ASSERT(put_text(&d, "two\n", "two", "f", &e) == CMS_OK);    /* block 3 */
    unsigned char *p = slot(&d, 0, 1), save[32];
    memcpy(save, p, 32);
    p[3] = 'x';
    CU_ASSERT(refused(&d, "directory entry 1 has a bad file name 'TWOx    '"));
    memcpy(p, save, 32);
    p[8] = ' ';
    CU_ASSERT(refused(&d, "directory entry 1 has a bad file type"));
    memcpy(p, save, 32);
    cms_put32(p + 16, 1);
    CU_ASSERT(refused(&d, "directory entry 1 (TWO F): blocks 1+1 lie outside the data area "
                          "(blocks 2 to 99)"));
    cms_put32(p + 16, 99);
    cms_put32(p + 20, 2);
    CU_ASSERT(refused(&d, "blocks 99+2 lie outside"));
    cms_put32(p + 16, 3);
    cms_put32(p + 20, 0xFFFFFFFF);
    CU_ASSERT(refused(&d, "lie outside"));
    cms_put32(p + 20, 1);
    cms_put32(p + 24, 513);
    CU_ASSERT(refused(&d, "directory entry 1 (TWO F): length 513 is beyond its 1 blocks"));
    cms_put32(p + 24, 4);
    cms_put32(p + 16, 2);
    CU_ASSERT(refused(&d, "overlaps entry"));
    memcpy(p, save, 32);
    memcpy(p, "ONE     ", 8);
    CU_ASSERT(refused(&d, "directory entries 0 and 1 both name ONE F"));
    memcpy(p, save, 32);
    cms_fs fs;
    CU_ASSERT(cms_fs_open(&fs, &d, &e) == CMS_OK);
    cms_fs_close(&fs);
    /* every command refuses the damaged disk and leaves it as it was */
    cms_put32(p + 24, 9999);
    unsigned char *before = malloc(d.size);
    CU_ASSERT_FATAL(before != NULL);
    memcpy(before, d.bytes, d.size);
    CU_ASSERT(put_text(&d, "x\n", "new", "f", &e) == CMS_FAIL);
    CU_ASSERT(cms_op_erase(&d, "one", "f", &e) == CMS_FAIL);
    CU_ASSERT(cms_op_boot(&d, "i", before, 16, &e) == CMS_FAIL);
    CU_ASSERT(cms_op_list(&d, stdout, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "length 9999 is beyond") != NULL);
    CU_ASSERT(memcmp(before, d.bytes, d.size) == 0);
    free(before);
    cms_disk_free(&d);
}

/* A system disk: boot image in blocks 0-127, file system at 128. */
static void test_system_disk(void)
{
    cms_disk d;
    cms_err e;
    CU_ASSERT_FATAL(cms_disk_new(&d, "t.disk", 2048, &e) == CMS_OK);
    unsigned char img[5000];
    for (size_t i = 0; i < sizeof img; i++)
        img[i] = (unsigned char)(i + 1);
    CU_ASSERT(cms_op_boot(&d, "os.img", img, sizeof img, &e) == CMS_OK);
    CU_ASSERT(memcmp(d.bytes, img, sizeof img) == 0 && d.bytes[sizeof img] == 0);
    CU_ASSERT(cms_op_format(&d, 128, "cms190", 8, false, &e) == CMS_OK);
    CU_ASSERT(memcmp(d.bytes, img, sizeof img) == 0);
    CU_ASSERT(put_text(&d, "hi\n", "profile", "exec", &e) == CMS_OK);
    cms_entry f;
    CU_ASSERT(entry_of(&d, "PROFILE", "EXEC", &f) && f.first == 9);
    CU_ASSERT(memcmp(d.bytes + (128 + 9) * CMS_BLOCK, "hi\n", 3) == 0);
    CU_ASSERT(cms_get32(d.bytes + 128 * CMS_BLOCK + 8) == 2048 - 128);
    /* a new, shorter boot image: the rest of the boot area is cleared */
    CU_ASSERT(cms_op_boot(&d, "os.img", img, 100, &e) == CMS_OK);
    CU_ASSERT(d.bytes[100] == 0 && d.bytes[4999] == 0);
    CU_ASSERT(get_is(&d, "PROFILE", "EXEC", false, "hi\n", 3));
    unsigned char *huge = calloc(CMS_BOOT_LIMIT + 1, 1);
    CU_ASSERT_FATAL(huge != NULL);
    CU_ASSERT(cms_op_boot(&d, "huge.img", huge, CMS_BOOT_LIMIT + 1, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "huge.img: 65537 bytes does not fit below the file system at "
                            "block 128 of t.disk") != NULL);
    CU_ASSERT(cms_op_boot(&d, "huge.img", huge, CMS_BOOT_LIMIT, &e) == CMS_OK);
    CU_ASSERT(get_is(&d, "PROFILE", "EXEC", false, "hi\n", 3));
    CU_ASSERT(cms_op_boot(&d, "tiny.img", huge, 4, &e) == CMS_FAIL);
    free(huge);
    cms_disk_free(&d);
}

/* Boot refuses an A-disk (file system at 0), a disk too small, an image too big. */
static void test_boot_refusals(void)
{
    cms_disk d;
    cms_err e;
    unsigned char img[9000] = {0};
    fresh(&d, 64, 0, 1);
    CU_ASSERT(cms_op_boot(&d, "os.img", img, 100, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "has a CMS file system at block 0") != NULL);
    cms_disk_free(&d);
    CU_ASSERT_FATAL(cms_disk_new(&d, "t.disk", 7, &e) == CMS_OK);
    CU_ASSERT(cms_op_boot(&d, "os.img", img, 100, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "cannot be IPLed") != NULL);
    cms_disk_free(&d);
    CU_ASSERT_FATAL(cms_disk_new(&d, "t.disk", 16, &e) == CMS_OK);
    CU_ASSERT(cms_op_boot(&d, "os.img", img, sizeof img, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "os.img: 9000 bytes does not fit on t.disk (16 blocks") != NULL);
    CU_ASSERT(cms_op_boot(&d, "os.img", img, 8192, &e) == CMS_OK);
    cms_disk_free(&d);
}

/* list: a heading, lines sorted by name then type, a total line. */
static void test_list(void)
{
    cms_disk d;
    cms_err e;
    fresh(&d, 64, 0, 1);
    CU_ASSERT(put_text(&d, "b\n", "zed", "exec", &e) == CMS_OK);
    CU_ASSERT(put_text(&d, "a\n", "abc", "text", &e) == CMS_OK);
    CU_ASSERT(put_text(&d, "c\n", "abc", "exec", &e) == CMS_OK);
    FILE *f = tmpfile();
    CU_ASSERT_FATAL(f != NULL);
    CU_ASSERT(cms_op_list(&d, f, &e) == CMS_OK);
    rewind(f);
    char buf[1024];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    CU_ASSERT_STRING_EQUAL(buf,
        "FN       FT       BLOCKS  BYTES\n"
        "ABC      EXEC          1      2\n"
        "ABC      TEXT          1      2\n"
        "ZED      EXEC          1      2\n"
        "3 files, 3 blocks, 6 bytes; 59 of 62 data blocks free; label 'TEST', origin 0, "
        "16 directory entries\n");
    cms_disk_free(&d);
}

/* Files: save and load through a temporary copy; refusals of bad sizes. */
static void test_files(void)
{
    char dir[] = "/tmp/test_cmsdisk.XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    char path[128], other[128];
    snprintf(path, sizeof path, "%s/a.disk", dir);
    snprintf(other, sizeof other, "%s/odd.disk", dir);
    cms_disk d, back;
    cms_err e;
    CU_ASSERT_FATAL(cms_disk_new(&d, path, 32, &e) == CMS_OK);
    CU_ASSERT(cms_op_format(&d, 0, "x", 1, false, &e) == CMS_OK);
    CU_ASSERT(put_text(&d, "saved\n", "keep", "me", &e) == CMS_OK);
    CU_ASSERT(cms_disk_save(&d, &e) == CMS_OK);
    CU_ASSERT_FATAL(cms_disk_load(&back, path, &e) == CMS_OK);
    CU_ASSERT(back.size == d.size && memcmp(back.bytes, d.bytes, d.size) == 0);
    CU_ASSERT(get_is(&back, "KEEP", "ME", false, "saved\n", 6));
    cms_disk_free(&back);
    cms_disk_free(&d);
    FILE *f = fopen(other, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fputs("not a disk", f);
    fclose(f);
    CU_ASSERT(cms_disk_load(&back, other, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "odd.disk: damaged disk: 10 bytes is not a positive multiple of "
                            "512") != NULL);
    f = fopen(other, "wb");
    CU_ASSERT_FATAL(f != NULL);
    fclose(f);
    CU_ASSERT(cms_disk_load(&back, other, &e) == CMS_FAIL);
    snprintf(other, sizeof other, "%s/none/x.disk", dir);
    CU_ASSERT(cms_disk_load(&back, other, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "cannot open") != NULL);
    CU_ASSERT(cms_write_atomic(other, (const unsigned char *)"x", 1, &e) == CMS_FAIL);
    CU_ASSERT(strstr(e.msg, "cannot create a temporary copy") != NULL);
    CU_ASSERT(cms_disk_new(&d, path, 0, &e) == CMS_FAIL);
    snprintf(other, sizeof other, "%s/odd.disk", dir);
    unlink(other);
    unlink(path);
    CU_ASSERT(rmdir(dir) == 0);                 /* no temporary copy was left */
}

static const pg_test format_tests[] = {
    {"names", test_names},
    {"format writes the header", test_format_header},
    {"format refusals and --force", test_format_refusals},
    {"list output", test_list},
    {NULL, NULL},
};
static const pg_test file_tests[] = {
    {"text round trip", test_text_round_trip},
    {"MODULE round trip", test_module_round_trip},
    {"replace and first fit", test_replace},
    {"erase and missing files", test_erase},
    {"full disk, full directory", test_full},
    {NULL, NULL},
};
static const pg_test damaged_tests[] = {
    {"header", test_damaged_header},
    {"directory", test_damaged_directory},
    {NULL, NULL},
};
static const pg_test boot_tests[] = {
    {"system disk at origin 128", test_system_disk},
    {"boot refusals", test_boot_refusals},
    {NULL, NULL},
};
static const pg_test host_tests[] = {
    {"save, load, bad sizes", test_files},
    {NULL, NULL},
};
static const pg_suite suites[] = {
    {"format", format_tests},
    {"files", file_tests},
    {"damaged", damaged_tests},
    {"boot", boot_tests},
    {"host", host_tests},
    {NULL, NULL},
};

/* Run all suites, or the one named on the command line. */
int main(int argc, char **argv)
{
    return pg_test_main(argc, argv, suites);
}
