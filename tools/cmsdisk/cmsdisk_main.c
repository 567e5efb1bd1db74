/*
 * cmsdisk_main.c -- the cmsdisk command line: create, boot, format, list,
 * put, get and erase on CMS disk images.  Every refusal is one
 * "cmsdisk: ..." line on standard error; exit status 0 done, 1 refused,
 * 2 wrong command line.
 */
#include "cmsdisk.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "usage: cmsdisk COMMAND ARGUMENTS...\n"
    "Create and edit CMS disk images (the format is in guest-os/README.md).\n"
    "  create DISK BLOCKS [--force]    a new all-zero image of BLOCKS 512-byte blocks\n"
    "                                  (an existing file is replaced only with --force)\n"
    "  boot DISK IMAGE                 write a pgas image at block 0 (below a file\n"
    "                                  system at block 128: at most 64 KiB)\n"
    "  format DISK [--origin N] [--label L] [--dir-blocks D] [--force]\n"
    "                                  write an empty file system at block N (0 or 128;\n"
    "                                  default 0) with D directory blocks (default 8,\n"
    "                                  16 entries each); --force replaces a file system\n"
    "  list DISK                       FN FT BLOCKS BYTES, sorted, then a total line\n"
    "  put DISK HOSTFILE FN FT         add or replace a file; a MODULE takes a pgas\n"
    "                                  image and stores its bytes from 0x10000 on\n"
    "  get DISK FN FT HOSTFILE [--image]\n"
    "                                  copy a file out (a MODULE as its bytes from\n"
    "                                  0x10000; --image: as a loadable pgas image)\n"
    "  erase DISK FN FT                remove a file\n"
    "  --help                          show this text\n"
    "Names are 1-8 characters of A-Z 0-9 $ # @ (lower case is upper-cased).\n"
    "A changed disk is written to a temporary copy that then replaces it, so a\n"
    "failure leaves the disk as it was.  A damaged disk is refused with its fault.\n"
    "Exit status: 0 done, 1 refused (damaged disk, missing file, full disk), 2 usage.\n";

/* The parsed command line. */
typedef struct cmd_args {
    const char *cmd;
    const char *pos[5];
    int npos;
    bool force, image;
    uint32_t origin, dirblocks;
    const char *label;
} cmd_args;

/* A decimal or 0x-hexadecimal number of at most 32 bits. */
static bool parse_u32(const char *s, uint32_t *out)
{
    if (!*s || *s == '-' || *s == '+')
        return false;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, s[0] == '0' && (s[1] == 'x' || s[1] == 'X') ? 16 : 10);
    if (errno || *end || v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* Report a usage error and return 2. */
static int usage_error(const char *what, const char *arg)
{
    fprintf(stderr, "cmsdisk: %s%s%s (cmsdisk --help shows the usage)\n", what,
            arg ? ": " : "", arg ? arg : "");
    return CMS_USAGE;
}

/* Parse argv into a: options anywhere after the command. */
static int parse_args(int argc, char **argv, cmd_args *a)
{
    *a = (cmd_args){.dirblocks = CMS_DEFAULT_DIR_BLOCKS};
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        bool has_value = !strcmp(s, "--origin") || !strcmp(s, "--label") ||
                         !strcmp(s, "--dir-blocks");
        if (has_value && i + 1 >= argc)
            return usage_error("option needs a value", s);
        if (!strcmp(s, "--force"))
            a->force = true;
        else if (!strcmp(s, "--image"))
            a->image = true;
        else if (!strcmp(s, "--origin")) {
            if (!parse_u32(argv[++i], &a->origin))
                return usage_error("bad --origin", argv[i]);
        } else if (!strcmp(s, "--dir-blocks")) {
            if (!parse_u32(argv[++i], &a->dirblocks) || a->dirblocks == 0)
                return usage_error("bad --dir-blocks (a positive number)", argv[i]);
        } else if (!strcmp(s, "--label"))
            a->label = argv[++i];
        else if (s[0] == '-' && s[1])
            return usage_error("unknown option", s);
        else if (!a->cmd)
            a->cmd = s;
        else if (a->npos < 5)
            a->pos[a->npos++] = s;
        else
            return usage_error("too many arguments", s);
    }
    return CMS_OK;
}

/* Print a failure's reason and pass its status on. */
static int report(int rc, const cms_err *e)
{
    if (rc)
        fprintf(stderr, "cmsdisk: %s\n", e->msg);
    return rc;
}

/* create DISK BLOCKS */
static int cmd_create(const cmd_args *a, cms_err *e)
{
    uint32_t blocks;
    if (!parse_u32(a->pos[1], &blocks) || blocks == 0 || blocks > CMS_MAX_BLOCKS) {
        cms_fail(e, "bad BLOCKS '%s': 1 to %u", a->pos[1], CMS_MAX_BLOCKS);
        return CMS_USAGE;
    }
    struct stat st;
    if (!a->force && lstat(a->pos[0], &st) == 0)
        return cms_fail(e, "%s: already exists (--force replaces it)", a->pos[0]);
    cms_disk d;
    if (cms_disk_new(&d, a->pos[0], blocks, e))
        return CMS_FAIL;
    int rc = cms_disk_save(&d, e);
    cms_disk_free(&d);
    return rc;
}

/* Run a command that may change the disk, saving it only when it succeeded. */
static int change_disk(const cmd_args *a, const unsigned char *host, size_t size, cms_err *e)
{
    cms_disk d;
    if (cms_disk_load(&d, a->pos[0], e))
        return CMS_FAIL;
    int rc;
    if (!strcmp(a->cmd, "boot"))
        rc = cms_op_boot(&d, a->pos[1], host, size, e);
    else if (!strcmp(a->cmd, "format"))
        rc = cms_op_format(&d, a->origin, a->label, a->dirblocks, a->force, e);
    else if (!strcmp(a->cmd, "put"))
        rc = cms_op_put(&d, a->pos[1], host, size, a->pos[2], a->pos[3], e);
    else
        rc = cms_op_erase(&d, a->pos[1], a->pos[2], e);
    if (rc == CMS_OK)
        rc = cms_disk_save(&d, e);
    cms_disk_free(&d);
    return rc;
}

/* boot and put: read the host file, then change the disk. */
static int cmd_with_host_file(const cmd_args *a, cms_err *e)
{
    unsigned char *host;
    size_t size;
    if (cms_read_file(a->pos[1], &host, &size, e))
        return CMS_FAIL;
    int rc = change_disk(a, host, size, e);
    free(host);
    return rc;
}

/* get DISK FN FT HOSTFILE */
static int cmd_get(const cmd_args *a, cms_err *e)
{
    cms_disk d;
    if (cms_disk_load(&d, a->pos[0], e))
        return CMS_FAIL;
    unsigned char *bytes = NULL;
    size_t size = 0;
    int rc = cms_op_get(&d, a->pos[1], a->pos[2], a->image, &bytes, &size, e);
    if (rc == CMS_OK)
        rc = cms_write_atomic(a->pos[3], bytes, size, e);
    free(bytes);
    cms_disk_free(&d);
    return rc;
}

/* list DISK */
static int cmd_list(const cmd_args *a, cms_err *e)
{
    cms_disk d;
    if (cms_disk_load(&d, a->pos[0], e))
        return CMS_FAIL;
    int rc = cms_op_list(&d, stdout, e);
    cms_disk_free(&d);
    return rc;
}

/* The commands, how many arguments each takes, and which options. */
static const struct {
    const char *name;
    int npos;
    bool force, format_opts, image;
} commands[] = {
    {"create", 2, true, false, false}, {"boot", 2, false, false, false},
    {"format", 1, true, true, false},  {"list", 1, false, false, false},
    {"put", 4, false, false, false},   {"get", 4, false, false, true},
    {"erase", 3, false, false, false},
};

/* Check the command's name, arguments and options against the table. */
static int check_command(int argc, char **argv, const cmd_args *a)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i].name, a->cmd))
            continue;
        if (a->npos != commands[i].npos)
            return usage_error(a->npos < commands[i].npos ? "missing arguments for"
                                                            : "too many arguments for", a->cmd);
        for (int j = 1; j < argc; j++) {
            const char *s = argv[j];
            bool fmt = !strcmp(s, "--origin") || !strcmp(s, "--label") ||
                       !strcmp(s, "--dir-blocks");
            if ((fmt && !commands[i].format_opts) ||
                (!strcmp(s, "--force") && !commands[i].force) ||
                (!strcmp(s, "--image") && !commands[i].image))
                return usage_error("option not taken by this command", s);
            j += fmt;
        }
        return CMS_OK;
    }
    return usage_error("unknown command", a->cmd);
}

/* Parse, check and run one command. */
int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help")) {
            fputs(usage, stdout);
            return CMS_OK;
        }
    cmd_args a;
    if (parse_args(argc, argv, &a))
        return CMS_USAGE;
    if (!a.cmd)
        return usage_error("no command", NULL);
    if (check_command(argc, argv, &a))
        return CMS_USAGE;
    cms_err e = {{0}};
    int rc;
    if (!strcmp(a.cmd, "create"))
        rc = cmd_create(&a, &e);
    else if (!strcmp(a.cmd, "boot") || !strcmp(a.cmd, "put"))
        rc = cmd_with_host_file(&a, &e);
    else if (!strcmp(a.cmd, "format") || !strcmp(a.cmd, "erase"))
        rc = change_disk(&a, NULL, 0, &e);
    else if (!strcmp(a.cmd, "get"))
        rc = cmd_get(&a, &e);
    else
        rc = cmd_list(&a, &e);
    return report(rc, &e);
}
