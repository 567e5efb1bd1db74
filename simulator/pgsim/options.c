/*
 * options.c -- pgsim's command line: parse it into pgsim_options, with a
 * clear one-line error for anything wrong.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pgsim.h"

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

/* Parse a size with an optional K or M suffix. */
static bool parse_size(const char *s, uint32_t *out)
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

/* Parse argv into o; false with a message in err. */
bool pgsim_parse(int argc, char **argv, pgsim_options *o, char *err, size_t n)
{
    memset(o, 0, sizeof *o);
    o->mem = 1u << 20;
    o->max_cycles = UINT64_MAX;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char name[32];
        const char *val = NULL;
        if (strncmp(a, "--", 2) != 0 || strcmp(a, "--") == 0) {
            if (strcmp(a, "--") == 0 && i + 1 < argc)
                a = argv[++i];
            if (o->image)
                return fail(err, n, "more than one IMAGE", a);
            o->image = a;
            continue;
        }
        const char *eq = strchr(a, '=');
        size_t len = eq ? (size_t)(eq - a) : strlen(a);
        if (len >= sizeof name)
            return fail(err, n, "unknown option", a);
        memcpy(name, a, len);
        name[len] = '\0';
        bool flag = !strcmp(name, "--trace") || !strcmp(name, "--stats") ||
                    !strcmp(name, "--digest") || !strcmp(name, "--help");
        if (flag && eq)
            return fail(err, n, "option takes no value", a);
        if (!flag) {
            val = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
            if (!val)
                return fail(err, n, "option needs a value", name);
        }
        if (!strcmp(name, "--trace")) o->trace = true;
        else if (!strcmp(name, "--stats")) o->stats = true;
        else if (!strcmp(name, "--digest")) o->digest = true;
        else if (!strcmp(name, "--help")) o->help = true;
        else if (!strcmp(name, "--mem")) {
            if (!parse_size(val, &o->mem) || o->mem == 0 || o->mem % PG_PAGE_SIZE ||
                o->mem > PG_MAX_MEMORY)
                return fail(err, n, "--mem wants a multiple of 4K up to 256M (e.g. 1M, 64K)", val);
        } else if (!strcmp(name, "--disk")) {
            if (!parse_disk(o, val, err, n))
                return false;
        } else if (!strcmp(name, "--reader")) {
            if (o->nreaders == PGSIM_MAX_READERS)
                return fail(err, n, "too many --reader files", val);
            o->readers[o->nreaders++] = val;
        } else if (!strcmp(name, "--punch")) o->punch = val;
        else if (!strcmp(name, "--printer")) o->printer = val;
        else if (!strcmp(name, "--ipl")) {
            if (!parse_devno(val, strlen(val), &o->ipl_dev))
                return fail(err, n, "--ipl wants a device number in hex", val);
            o->ipl = true;
        } else if (!strcmp(name, "--max-cycles")) {
            if (!parse_count(val, &o->max_cycles))
                return fail(err, n, "--max-cycles wants a number", val);
        } else
            return fail(err, n, "unknown option", name);
    }
    if (o->help)
        return true;
    if (!o->image && !o->ipl)
        return fail(err, n, "no IMAGE given (and no --ipl DEV)", NULL);
    if (o->image && o->ipl)
        return fail(err, n, "give an IMAGE or --ipl DEV, not both", NULL);
    return true;
}
