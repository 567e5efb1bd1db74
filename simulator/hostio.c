/*
 * hostio.c -- pgsim's host backends (see hostio.h).  Everything that can be
 * wrong with a host file is found when it is set up, so a run never fails
 * half-way because of a bad argument.
 */
#define _FILE_OFFSET_BITS 64

#include "hostio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Write "WHAT DEVNO: PATH: reason" into err (the program adds its own name). */
static bool fail(char *err, size_t errlen, const char *what, uint16_t devno,
                 const char *path, const char *fmt, ...)
{
    if (!err || !errlen)
        return false;
    int n = snprintf(err, errlen, "%s %03X: %s: ", what, (unsigned)devno, path);
    if (n >= 0 && (size_t)n < errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* The reason an open failed, in words. */
static const char *open_reason(int e)
{
    return e == ENOENT ? "does not exist" : strerror(e);
}

/* --- console --- */

/* Console on the streams in and out. */
void pg_host_console_init(pg_host_console *c, FILE *in, FILE *out)
{
    c->in = in;
    c->out = out;
}

/* One input line without its newline; a last line without one counts too. */
static pg_input console_read_line(void *ctx, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    pg_host_console *c = ctx;
    uint32_t n = 0;
    int ch = EOF;
    if (!c->in)
        return PG_IN_END;
    while ((ch = getc(c->in)) != EOF && ch != '\n') {
        if (n < cap)
            buf[n] = (uint8_t)ch;
        if (n < UINT32_MAX)
            n++;
    }
    if (ch == EOF && n == 0)
        return PG_IN_END;
    *len = n;
    return PG_IN_DATA;
}

/* The bytes exactly, flushed so that they interleave rightly with a terminal. */
static void console_write(void *ctx, const uint8_t *data, uint32_t len)
{
    pg_host_console *c = ctx;
    if (!c->out)
        return;
    fwrite(data, 1, len, c->out);
    fflush(c->out);
}

/* The console device's backend over c. */
pg_console_backend pg_host_console_backend(pg_host_console *c)
{
    return (pg_console_backend){.ctx = c, .read_line = console_read_line,
                                .write = console_write};
}

/* --- card reader --- */

/* Open every file of the queue now, so that a bad name stops pgsim at once. */
bool pg_host_reader_open(pg_host_reader *r, uint16_t devno, const char *const *paths,
                         size_t count, char *err, size_t errlen)
{
    *r = (pg_host_reader){0};
    if (count == 0)
        return true;
    r->files = calloc(count, sizeof *r->files);
    if (!r->files)
        return fail(err, errlen, "reader", devno, paths[0], "out of memory");
    for (size_t i = 0; i < count; i++) {
        r->files[i] = fopen(paths[i], "rb");
        struct stat sb;
        int e = errno;
        if (r->files[i] && fstat(fileno(r->files[i]), &sb) == 0 && S_ISDIR(sb.st_mode)) {
            fclose(r->files[i]);
            r->files[i] = NULL;
            pg_host_reader_close(r);
            return fail(err, errlen, "reader", devno, paths[i], "is a directory");
        }
        if (!r->files[i]) {
            pg_host_reader_close(r);
            return fail(err, errlen, "reader", devno, paths[i], "%s", open_reason(e));
        }
        r->count = i + 1;
    }
    return true;
}

/* Close every file of the queue. */
void pg_host_reader_close(pg_host_reader *r)
{
    for (size_t i = 0; i < r->count; i++)
        if (r->files[i])
            fclose(r->files[i]);
    free(r->files);
    *r = (pg_host_reader){0};
}

/* The next card of the current file, or the end of that file (a read error
   ends the file too); past the last file, always the end. */
static pg_input reader_next_card(void *ctx, uint8_t card[PG_CARD_BYTES])
{
    pg_host_reader *r = ctx;
    if (r->current >= r->count)
        return PG_IN_END;
    FILE *f = r->files[r->current];
    size_t n = 0;
    int ch = EOF, last = EOF;
    while ((ch = getc(f)) != EOF && ch != '\n') {
        if (n < PG_CARD_BYTES)
            card[n] = (uint8_t)ch;
        n++;
        last = ch;
    }
    if (ch == EOF && n == 0) {
        r->current++;
        return PG_IN_END;
    }
    size_t kept = n < PG_CARD_BYTES ? n : PG_CARD_BYTES;
    if (last == '\r' && n <= PG_CARD_BYTES)     /* a CRLF line end */
        kept = n - 1;
    memset(card + kept, ' ', PG_CARD_BYTES - kept);
    return PG_IN_DATA;
}

/* The reader device's backend over r. */
pg_reader_backend pg_host_reader_backend(pg_host_reader *r)
{
    return (pg_reader_backend){.ctx = r, .next_card = reader_next_card};
}

/* --- punch and printer --- */

/* Create (truncate) the output file, or discard output when path is NULL. */
static bool output_open(pg_host_output *o, const char *what, uint16_t devno,
                        const char *path, char *err, size_t errlen)
{
    *o = (pg_host_output){.what = what, .devno = devno};
    if (!path)
        return true;
    o->path = strdup(path);
    if (!o->path)
        return fail(err, errlen, what, devno, path, "out of memory");
    o->f = fopen(path, "wb");
    if (!o->f) {
        int e = errno;
        free(o->path);
        o->path = NULL;
        return fail(err, errlen, what, devno, path, "cannot create: %s", strerror(e));
    }
    return true;
}

/* Punch output into path (NULL: discard). */
bool pg_host_punch_open(pg_host_output *o, uint16_t devno, const char *path,
                        char *err, size_t errlen)
{
    return output_open(o, "punch", devno, path, err, errlen);
}

/* Printer output into path (NULL: discard). */
bool pg_host_printer_open(pg_host_output *o, uint16_t devno, const char *path,
                          char *err, size_t errlen)
{
    return output_open(o, "printer", devno, path, err, errlen);
}

/* Close the file; false when some write of the run or the close failed. */
bool pg_host_output_close(pg_host_output *o, char *err, size_t errlen)
{
    bool ok = true;
    if (o->f) {
        if (fclose(o->f) != 0 && !o->error)
            o->error = errno ? errno : EIO;
        if (o->error)
            ok = fail(err, errlen, o->what, o->devno, o->path, "write error: %s",
                      strerror(o->error));
    }
    free(o->path);
    *o = (pg_host_output){0};
    return ok;
}

/* Write len bytes and a newline; remember the first failure for close. */
static void output_line(pg_host_output *o, const uint8_t *data, size_t len)
{
    if (!o->f || o->error)
        return;
    errno = 0;
    if (fwrite(data, 1, len, o->f) != len || putc('\n', o->f) == EOF)
        o->error = errno ? errno : EIO;
}

/* Punch: one line a card, trailing blanks removed. */
static void punch_card(void *ctx, const uint8_t card[PG_CARD_BYTES])
{
    size_t len = PG_CARD_BYTES;
    while (len > 0 && card[len - 1] == ' ')
        len--;
    output_line(ctx, card, len);
}

/* Punch CONTROL: the file is complete; pgsim keeps appending to the same host
   file, so closing means making what was punched visible. */
static void punch_close(void *ctx)
{
    pg_host_output *o = ctx;
    if (o->f && !o->error && fflush(o->f) != 0)
        o->error = errno ? errno : EIO;
}

/* Printer: one line a WRITE, as written. */
static void printer_line(void *ctx, const uint8_t *data, uint32_t len)
{
    output_line(ctx, data, len);
}

/* The punch device's backend over o. */
pg_punch_backend pg_host_punch_backend(pg_host_output *o)
{
    return (pg_punch_backend){.ctx = o, .card = punch_card, .close = punch_close};
}

/* The printer device's backend over o. */
pg_printer_backend pg_host_printer_backend(pg_host_output *o)
{
    return (pg_printer_backend){.ctx = o, .line = printer_line};
}

/* --- disk --- */

/* Open and check a disk image: a non-empty regular file of whole blocks. */
bool pg_host_disk_open(pg_host_disk *d, uint16_t devno, const char *path, bool read_only,
                       char *err, size_t errlen)
{
    *d = (pg_host_disk){.fd = -1, .read_only = read_only};
    /* O_NONBLOCK: a FIFO given by mistake must not hang the open */
    int fd = open(path, (read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        int e = errno;
        if (e == EISDIR)
            return fail(err, errlen, "disk", devno, path, "is not a regular file");
        if (e == ENOENT)
            return fail(err, errlen, "disk", devno, path, "does not exist");
        return fail(err, errlen, "disk", devno, path, "cannot open %s: %s",
                    read_only ? "read-only" : "read-write", strerror(e));
    }
    struct stat sb;
    const char *why = NULL;
    if (fstat(fd, &sb) != 0)
        why = strerror(errno);
    else if (!S_ISREG(sb.st_mode))
        why = "is not a regular file";
    else if (sb.st_size == 0)
        why = "is empty";
    if (why) {
        close(fd);
        return fail(err, errlen, "disk", devno, path, "%s", why);
    }
    unsigned long long size = (unsigned long long)sb.st_size;
    if (size % PG_DISK_BLOCK != 0 || size / PG_DISK_BLOCK > UINT32_MAX) {
        close(fd);
        if (size % PG_DISK_BLOCK != 0)
            return fail(err, errlen, "disk", devno, path,
                        "size %llu is not a multiple of %u bytes", size,
                        (unsigned)PG_DISK_BLOCK);
        return fail(err, errlen, "disk", devno, path,
                    "size %llu is more than %lu blocks", size, (unsigned long)UINT32_MAX);
    }
    d->fd = fd;
    d->blocks = (uint32_t)(size / PG_DISK_BLOCK);
    return true;
}

/* Close the image. */
void pg_host_disk_close(pg_host_disk *d)
{
    if (d->fd >= 0)
        close(d->fd);
    d->fd = -1;
}

/* The disk device's backend: the whole image. */
pg_disk_backend pg_host_disk_backend(const pg_host_disk *d)
{
    return (pg_disk_backend){.fd = d->fd, .offset = 0, .blocks = d->blocks,
                             .read_only = d->read_only};
}
