/*
 * pgas_main.c -- the pgas command line:
 *
 *     pgas [-o IMAGE] [-l LISTING] FILE.s
 *
 * Writes the image (default: FILE with its extension replaced by .img), the
 * symbol file beside it (pg_symfile_path) and, with -l, the listing.  Every
 * output is written to a temporary file in its directory and renamed into
 * place only when all of them are complete, so a failed run writes no
 * output and leaves files from an earlier run as they were
 * (isa-spec/assembler.md, section 1).  Exit status: 0 success,
 * 1 assembly or I/O error, 2 usage error.  Messages go to stderr; only --help
 * and --version print on stdout.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pgasm.h"
#include "symfile.h"

#define PGAS_VERSION "0.1"
#define USAGE "usage: pgas [-o IMAGE] [-l LISTING] FILE.s"

/* The command line, parsed. */
typedef struct options {
    const char *input, *image, *listing;
} options;

/* An output being written: its final path and the temporary one. */
typedef struct output_file {
    const char *path;
    char *tmp;
} output_file;

/* Print a usage error and return the exit status for it. */
static int usage_error(const char *fmt, const char *arg)
{
    fputs("pgas: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs(" (" USAGE ")\n", stderr);
    return 2;
}

/* --help: what the program does and its options. */
static void help(void)
{
    puts(USAGE "\n"
         "Assemble a PG32 source file into a raw memory image from real address 0.\n"
         "\n"
         "  -o IMAGE    the image file (default: FILE with its extension replaced by .img)\n"
         "  -l LISTING  also write a listing: address, bytes and source of each line\n"
         "  --help      show this text\n"
         "  --version   show the version\n"
         "\n"
         "The symbol file is written beside the image (IMAGE with extension .sym).\n"
         "Exit status: 0 success, 1 errors in the source or I/O, 2 usage error.");
}

/* Parse argv; returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, options *o)
{
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!options_done && a[0] == '-' && a[1]) {
            if (strcmp(a, "--") == 0) {
                options_done = true;
            } else if (strcmp(a, "--help") == 0) {
                help();
                return 0;
            } else if (strcmp(a, "--version") == 0) {
                puts("pgas (vmlab) " PGAS_VERSION);
                return 0;
            } else if ((a[1] == 'o' || a[1] == 'l') && !(a[1] == 'o' ? o->image : o->listing)) {
                const char *v = a[2] ? a + 2 : i + 1 < argc ? argv[++i] : NULL;
                if (!v || !*v)
                    return usage_error("option '%s' needs a file name", a);
                *(a[1] == 'o' ? &o->image : &o->listing) = v;
            } else if (a[1] == 'o' || a[1] == 'l') {
                return usage_error("option '%s' given twice", a);
            } else {
                return usage_error("unknown option '%s'", a);
            }
        } else if (o->input) {
            return usage_error("only one source file can be assembled, '%s' is one too many", a);
        } else {
            o->input = a;
        }
    }
    if (!o->input)
        return usage_error("%s", "no source file given");
    return -1;
}

/* path with the extension of its file name replaced by ext (or ext added);
   a leading '.' of the file name is not an extension. */
static char *with_extension(const char *path, const char *ext)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t stem = dot && dot != base ? (size_t)(dot - path) : strlen(path);
    char *s = malloc(stem + strlen(ext) + 1);
    if (s) {
        memcpy(s, path, stem);
        strcpy(s + stem, ext);
    }
    return s;
}

/* Do two paths name one file (the same string, or the same inode)? */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (strcmp(a, b) == 0)
        return true;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Create an empty temporary file beside path; its descriptor, or -1. */
static int make_temp(output_file *f)
{
    const char *slash = strrchr(f->path, '/');
    size_t dir = slash ? (size_t)(slash - f->path) + 1 : 0;
    const char *base = f->path + dir;
    f->tmp = malloc(dir + strlen(base) + 16);
    if (!f->tmp) {
        errno = ENOMEM;
        return -1;
    }
    sprintf(f->tmp, "%.*s.%s.XXXXXX", (int)dir, f->path, base);
    int fd = mkstemp(f->tmp);
    if (fd < 0) {
        free(f->tmp);
        f->tmp = NULL;
    }
    return fd;
}

/* Give a finished temporary file the permissions a new file would get. */
static bool set_mode(const char *tmp)
{
    mode_t mask = umask(0);
    umask(mask);
    return chmod(tmp, 0666 & ~mask) == 0;
}

/* Write n bytes to a new temporary file beside f->path. */
static bool write_data(output_file *f, const void *data, size_t n)
{
    int fd = make_temp(f);
    if (fd < 0)
        return false;
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        close(fd);
        return false;
    }
    bool ok = fwrite(data, 1, n, fp) == n;
    ok = fclose(fp) == 0 && ok;
    return ok && set_mode(f->tmp);
}

/* Write the symbol file to a new temporary file beside f->path. */
static bool write_symbols(output_file *f, const pg_symtab *syms)
{
    int fd = make_temp(f);
    if (fd < 0)
        return false;
    close(fd);
    return pg_symfile_write(f->tmp, syms) && set_mode(f->tmp);
}

/* Write every output to a temporary file, then rename them all; on any
   failure remove the temporary files.  The exit status. */
static int write_outputs(const options *o, const char *sym_path, const pgasm_output *out)
{
    output_file files[3] = { { o->image, NULL }, { sym_path, NULL }, { o->listing, NULL } };
    size_t n = o->listing ? 3 : 2;
    size_t failed = n;
    if (!write_data(&files[0], out->image, out->size))
        failed = 0;
    else if (!write_symbols(&files[1], &out->symbols))
        failed = 1;
    else if (o->listing && !write_data(&files[2], out->listing, strlen(out->listing)))
        failed = 2;
    for (size_t i = 0; failed == n && i < n; i++)
        if (rename(files[i].tmp, files[i].path) != 0)
            failed = i;
    int status = 0;
    if (failed < n) {
        fprintf(stderr, "pgas: cannot write '%s': %s\n", files[failed].path, strerror(errno));
        status = 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (files[i].tmp && status)
            unlink(files[i].tmp);       /* renamed ones are gone: harmless */
        free(files[i].tmp);
    }
    return status;
}

/* Parse, check the paths, assemble, write. */
int main(int argc, char **argv)
{
    options o = { 0 };
    int status = parse_args(argc, argv, &o);
    if (status >= 0)
        return status;
    char *image = o.image ? NULL : with_extension(o.input, ".img");
    if (!o.image)
        o.image = image;
    char *sym = o.image ? pg_symfile_path(o.image) : NULL;
    if (!o.image || !sym) {
        fputs("pgas: out of memory\n", stderr);
        status = 1;
    } else if (same_file(o.image, o.input) || same_file(sym, o.input) ||
               (o.listing && same_file(o.listing, o.input))) {
        status = usage_error("an output would overwrite the source file '%s'", o.input);
    } else if (same_file(o.image, sym) || (o.listing && (same_file(o.listing, o.image) ||
                                                          same_file(o.listing, sym)))) {
        status = usage_error("two outputs would be the same file (image, '%s' symbols, listing)", sym);
    } else {
        pgasm_output out;
        if (pgasm_assemble_file(o.input, o.listing != NULL, &out, stderr) != 0) {
            status = 1;
        } else {
            status = write_outputs(&o, sym, &out);
            pgasm_output_free(&out);
        }
    }
    free(sym);
    free(image);
    return status;
}
