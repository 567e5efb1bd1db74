/*
 * args.c -- pgdis's command line.  Parsed by hand rather than with getopt so
 * that every mistake gets one "pgdis: ..." line and the exit status 2.
 */
#include "pgdis.h"

#include <stdio.h>
#include <string.h>

const char pgdis_usage[] =
    "usage: pgdis [-s SYMFILE] [--start ADDR] [--end ADDR | --count N] IMAGE\n"
    "Disassemble a PG32 memory image (raw bytes from real address 0), one word a line:\n"
    "  ADDRESS  WORD  instruction, with 'name:' lines where labels are.\n"
    "  -s SYMFILE     symbols to use (default: IMAGE with its extension replaced by\n"
    "                 .sym, when that file exists)\n"
    "  --start ADDR   first address shown (word-aligned; default 0)\n"
    "  --end ADDR     first address not shown (default: the end of the image)\n"
    "  --count N      show N words\n"
    "  --help         show this text\n"
    "Numbers are decimal or hexadecimal with 0x.  A trailing partial word is\n"
    "shown as .byte values.  Exit status: 0 done, 2 error.\n";

/* A decimal or 0x-hexadecimal number that fits 32 bits (no octal surprise for "010"). */
static bool parse_number(const char *s, uint32_t *out)
{
    unsigned base = 10;
    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    }
    if (!*s)
        return false;
    uint64_t v = 0;
    for (; *s; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (*s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else if (*s >= 'A' && *s <= 'F')
            d = (unsigned)(*s - 'A' + 10);
        else
            return false;
        if (d >= base)
            return false;
        v = v * base + d;
        if (v > UINT32_MAX)
            return false;
    }
    *out = (uint32_t)v;
    return true;
}

/* The options that take a value; each names where the value goes. */
enum { OPT_SYMFILE, OPT_START, OPT_END, OPT_COUNT };
static const struct {
    const char *name;
    int id;
} options[] = {
    {"-s", OPT_SYMFILE}, {"--start", OPT_START}, {"--end", OPT_END}, {"--count", OPT_COUNT},
};

/* Store one option's value; false with the reason in err. */
static bool set_option(pgdis_args *a, int id, const char *name, const char *value,
                       char *err, size_t errsize)
{
    if (id == OPT_SYMFILE) {
        a->symfile = value;
        return true;
    }
    uint32_t v;
    if (!parse_number(value, &v)) {
        snprintf(err, errsize, "bad %s '%s' for %s (decimal, or hex with 0x)",
                 id == OPT_COUNT ? "count" : "address", value, name);
        return false;
    }
    if (id == OPT_START) {
        a->start = v;
        a->have_start = true;
    } else if (id == OPT_END) {
        a->end = v;
        a->have_end = true;
    } else {
        a->count = v;
        a->have_count = true;
    }
    return true;
}

/* Walk argv: options with values ("--start X", "--start=X", "-sFILE"), then one image. */
bool pgdis_parse_args(int argc, char **argv, pgdis_args *a, char *err, size_t errsize)
{
    *a = (pgdis_args){0};
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (!options_done && arg[0] == '-' && arg[1] != '\0') {
            if (strcmp(arg, "--") == 0) {
                options_done = true;
                continue;
            }
            if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
                a->help = true;
                return true;
            }
            size_t k = 0, n = sizeof options / sizeof options[0];
            const char *value = NULL;
            for (; k < n; k++) {
                size_t len = strlen(options[k].name);
                if (strncmp(arg, options[k].name, len) != 0)
                    continue;
                if (arg[len] == '\0')
                    break;
                if (arg[len] == '=' && arg[1] == '-') {
                    value = arg + len + 1;
                    break;
                }
                if (arg[1] != '-') {        /* -sFILE */
                    value = arg + len;
                    break;
                }
            }
            if (k == n) {
                snprintf(err, errsize, "unknown option '%s' (try --help)", arg);
                return false;
            }
            if (!value) {
                if (i + 1 == argc) {
                    snprintf(err, errsize, "option %s needs a value", options[k].name);
                    return false;
                }
                value = argv[++i];
            }
            if (!set_option(a, options[k].id, options[k].name, value, err, errsize))
                return false;
            continue;
        }
        if (a->image) {
            snprintf(err, errsize, "more than one image ('%s' and '%s')", a->image, arg);
            return false;
        }
        a->image = arg;
    }
    if (a->have_end && a->have_count) {
        snprintf(err, errsize, "give --end or --count, not both");
        return false;
    }
    if (!a->image) {
        snprintf(err, errsize, "no image given (try --help)");
        return false;
    }
    return true;
}
