/*
 * options.c -- pgsim's command line: parse it into pgsim_options, with a
 * clear one-line error for anything wrong.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

static const char usage_text[] =
    "usage: pgsim [--mem SIZE] [--disk DEV=FILE[,ro]]... [--reader FILE]...\n"
    "             [--punch FILE] [--printer FILE] [--ipl DEV] [--max-cycles N]\n"
    "             [--trace] [--stats] [--digest] [IMAGE]\n"
    "Runs a PG32 image (or IPLs a disk) on the bare machine. The console is\n"
    "standard input and output; the exit status is the disabled-wait code's low byte.\n"
    "  --mem SIZE         installed storage, K or M suffix, multiple of 4K (default 1M)\n"
    "  --disk DEV=FILE    attach a disk image at device DEV (hex); ,ro for read-only\n"
    "  --reader FILE      a file for the card reader 00C (repeat for more files)\n"
    "  --punch FILE       where the card punch 00D writes\n"
    "  --printer FILE     where the printer 00E writes\n"
    "  --ipl DEV          IPL from disk DEV instead of loading an IMAGE\n"
    "  --max-cycles N     stop (exit 254) when N cycles have passed\n"
    "  --trace            print every instruction and interrupt to standard error\n"
    "  --stats            print counters to standard error at the end\n"
    "  --digest           print 'digest: <hex>' of the final state to standard error\n";

/* Print the usage text to f. */
void pgsim_usage(FILE *f)
{
    fputs(usage_text, f);
}

/* Parse a size with an optional K or M suffix (front.h). */
bool pgsim_parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s || errno || s[0] == '-')
        return false;
    if (*end == 'K' || *end == 'k')
        v <<= 10, end++;
    else if (*end == 'M' || *end == 'm')
        v <<= 20, end++;
    if (*end || v > 0xFFFFFFFFull)
        return false;
    *out = v;
    return true;
}

/* A storage size: a multiple of 4 KiB, at most PG_MAX_MEMORY. */
static bool parse_storage(const char *s, uint32_t *out)
{
    uint64_t v;
    if (!pgsim_parse_size(s, &v) || v == 0 || v % PG_PAGE_SIZE || v > PG_MAX_MEMORY)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* Parse a hexadecimal device number (at most 0xFFFF). */
static bool parse_devno(const char *s, size_t len, uint16_t *out)
{
    if (len == 0 || len > 4)
        return false;
    unsigned v = 0;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (digit < 0)
            return false;
        v = v * 16 + (unsigned)digit;
    }
    *out = (uint16_t)v;
    return true;
}

/* Parse a cycle count (decimal or 0x). */
static bool parse_count(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (end == s || *end || errno || s[0] == '-')
        return false;
    *out = v;
    return true;
}

/* Record an error message; always returns false. */
static bool fail(char *err, size_t n, const char *msg, const char *arg)
{
    snprintf(err, n, "%s%s%s", msg, arg ? ": " : "", arg ? arg : "");
    return false;
}

/* Parse --disk DEV=FILE[,ro]. */
static bool parse_disk(pgsim_options *o, const char *v, char *err, size_t n)
{
    const char *eq = strchr(v, '=');
    if (o->ndisks == PGSIM_MAX_DISKS)
        return fail(err, n, "too many --disk options", v);
    pgsim_disk *d = &o->disks[o->ndisks];
    if (!eq || !parse_devno(v, (size_t)(eq - v), &d->devno))
        return fail(err, n, "--disk wants DEV=FILE with DEV in hex (e.g. 191=a.disk)", v);
    d->path = eq + 1;
    d->read_only = false;
    size_t len = strlen(d->path);
    if (len > 3 && strcmp(d->path + len - 3, ",ro") == 0) {
        d->read_only = true;
        d->path_len = len - 3;
    } else {
        d->path_len = len;
    }
    if (d->path_len == 0)
        return fail(err, n, "--disk has no file name", v);
    for (int i = 0; i < o->ndisks; i++)
        if (o->disks[i].devno == d->devno)
            return fail(err, n, "device given twice", v);
    if (d->devno == PG_DEV_CONSOLE || d->devno == PG_DEV_READER ||
        d->devno == PG_DEV_PUNCH || d->devno == PG_DEV_PRINTER)
        return fail(err, n, "device number is taken by a unit-record device", v);
    o->ndisks++;
    return true;
}

/* Remember one IMAGE argument. */
static bool add_image(pgsim_options *o, const char *a, char *err, size_t n)
{
    if (o->nimages == PGSIM_MAX_IMAGES)
        return fail(err, n, "too many images", a);
    if (!o->images && !(o->images = malloc(PGSIM_MAX_IMAGES * sizeof *o->images)))
        return fail(err, n, "out of memory", NULL);
    o->images[o->nimages++] = a;
    if (!o->image)
        o->image = a;
    return true;
}

/* Is a value-less flag of pgsim's? */
static bool is_flag(const char *name)
{
    return !strcmp(name, "--trace") || !strcmp(name, "--stats") ||
           !strcmp(name, "--digest") || !strcmp(name, "--help");
}

/* Take one of pgsim's own options with its value. */
static int own_option(pgsim_options *o, const char *name, const char *val, char *err, size_t n)
{
    if (!strcmp(name, "--trace")) o->trace = true;
    else if (!strcmp(name, "--stats")) o->stats = true;
    else if (!strcmp(name, "--digest")) o->digest = true;
    else if (!strcmp(name, "--help")) o->help = true;
    else if (!strcmp(name, "--mem")) {
        if (!parse_storage(val, &o->mem)) {
            fail(err, n, "--mem wants a multiple of 4K up to 256M (e.g. 1M, 64K)", val);
            return -2;
        }
    } else if (!strcmp(name, "--disk")) {
        if (!parse_disk(o, val, err, n))
            return -2;
    } else if (!strcmp(name, "--reader")) {
        if (o->nreaders == PGSIM_MAX_READERS) {
            fail(err, n, "too many --reader files", val);
            return -2;
        }
        o->readers[o->nreaders++] = val;
    } else if (!strcmp(name, "--punch")) o->punch = val;
    else if (!strcmp(name, "--printer")) o->printer = val;
    else if (!strcmp(name, "--ipl")) {
        if (!parse_devno(val, strlen(val), &o->ipl_dev)) {
            fail(err, n, "--ipl wants a device number in hex", val);
            return -2;
        }
        o->ipl = true;
    } else if (!strcmp(name, "--max-cycles")) {
        if (!parse_count(val, &o->max_cycles)) {
            fail(err, n, "--max-cycles wants a number", val);
            return -2;
        }
    } else
        return -1;
    return 1;
}

/* Is a value-taking option of pgsim's? */
static bool takes_value(const char *name)
{
    static const char *const names[] = {"--mem", "--disk", "--reader", "--punch",
                                        "--printer", "--ipl", "--max-cycles"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (!strcmp(name, names[i]))
            return true;
    return false;
}

/* Parse argv into o, handing options pgsim does not know to extra. */
bool pgsim_parse_with(int argc, char **argv, pgsim_options *o, pgsim_extra_option extra,
                      void *ctx, char *err, size_t n)
{
    memset(o, 0, sizeof *o);
    o->mem = 1u << 20;
    o->max_cycles = UINT64_MAX;
    bool only_images = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_images || strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            if (!only_images && !strcmp(a, "--")) {
                only_images = true;
                continue;
            }
            if (!add_image(o, a, err, n))
                return false;
            continue;
        }
        char name[32];
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        if (len >= sizeof name)
            return fail(err, n, "unknown option", a);
        memcpy(name, a, len);
        name[len] = '\0';
        const char *val = eq ? eq + 1 : NULL;
        if (is_flag(name) || takes_value(name)) {
            if (is_flag(name) && val)
                return fail(err, n, "option takes no value", a);
            if (takes_value(name) && !val && !(val = i + 1 < argc ? argv[++i] : NULL))
                return fail(err, n, "option needs a value", name);
            if (own_option(o, name, val, err, n) < 0)
                return false;
            continue;
        }
        int r = extra ? extra(ctx, name, val ? val : (i + 1 < argc ? argv[i + 1] : NULL), err, n)
                      : -1;
        if (r == -2)
            return false;
        if (r < 0)
            return fail(err, n, "unknown option", name);
        if (r == 1 && !val) {
            if (i + 1 >= argc)
                return fail(err, n, "option needs a value", name);
            i++;
        } else if (r == 0 && val) {
            return fail(err, n, "option takes no value", a);
        }
    }
    return true;
}

/* pgsim's own command line: exactly one IMAGE or --ipl. */
bool pgsim_parse(int argc, char **argv, pgsim_options *o, char *err, size_t n)
{
    if (!pgsim_parse_with(argc, argv, o, NULL, NULL, err, n))
        return false;
    if (o->help)
        return true;
    if (o->nimages > 1)
        return fail(err, n, "more than one IMAGE", o->images[1]);
    if (!o->image && !o->ipl)
        return fail(err, n, "no IMAGE given (and no --ipl DEV)", NULL);
    if (o->image && o->ipl)
        return fail(err, n, "give an IMAGE or --ipl DEV, not both", NULL);
    return true;
}

/* Free what parsing allocated. */
void pgsim_options_free(pgsim_options *o)
{
    free(o->images);
    o->images = NULL;
}

/* Were any device options given (pgvmm refuses them with several images)? */
bool pgsim_has_device_options(const pgsim_options *o)
{
    return o->ndisks || o->nreaders || o->punch || o->printer || o->ipl;
}
