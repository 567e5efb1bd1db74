/*
 * console.c -- CP's virtual console (console.h).  Input is one queue of
 * lines; a host stream only fills that queue as lines are asked for, so that
 * reading and peeking (the channel's trial run) see the same lines.  Output
 * goes to an optional stream and into a buffer that keeps the last
 * CP_CONSOLE_RING bytes: it grows to twice that, then slides back, so the
 * kept bytes are always contiguous and appending costs O(1) amortised.
 */
#include "console.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmm.h"

/* One queued input line: its first `kept` bytes and its full length. */
typedef struct cp_line {
    uint8_t *text;
    uint32_t kept, len;
} cp_line;

struct cp_console {
    cp_vm *vm;                      /* woken when input arrives; may be NULL */

    /* input: lines[head..count) are queued */
    cp_line *lines;
    size_t head, count, cap;
    cp_input_kind kind;
    FILE *in;                       /* CP_INPUT_FILE */
    bool ended;                     /* no line will be added any more */

    /* output */
    FILE *out;
    bool own_out;                   /* opened by cp_console_open_output */
    char *out_path;
    int out_error;                  /* errno of the first failed write */
    uint8_t *ring;
    size_t ring_len, ring_cap;
    uint64_t total;
};

/* A console with an empty, open queue and no output. */
cp_console *cp_console_new(cp_vm *vm)
{
    cp_console *con = calloc(1, sizeof *con);
    if (con) {
        con->vm = vm;
        con->kind = CP_INPUT_QUEUE;
    }
    return con;
}

/* Drop every queued line. */
static void drop_lines(cp_console *con)
{
    for (size_t i = con->head; i < con->count; i++)
        free(con->lines[i].text);
    free(con->lines);
    con->lines = NULL;
    con->head = con->count = con->cap = 0;
}

/* Close an owned output file; false with a reason if output was lost. */
static bool close_output(cp_console *con, char *err, size_t n)
{
    bool ok = true;
    if (con->own_out && con->out) {
        if (fclose(con->out) != 0 && !con->out_error)
            con->out_error = errno ? errno : EIO;
        if (con->out_error) {
            snprintf(err, n, "console 009: %s: write error: %s", con->out_path,
                     strerror(con->out_error));
            ok = false;
        }
    }
    free(con->out_path);
    con->out = NULL;
    con->own_out = false;
    con->out_path = NULL;
    con->out_error = 0;
    return ok;
}

/* Free the console, closing an output file it opened. */
bool cp_console_free(cp_console *con, char *err, size_t n)
{
    if (!con)
        return true;
    bool ok = close_output(con, err, n);
    drop_lines(con);
    free(con->ring);
    free(con);
    return ok;
}

/* Wake the VM if it is blocked waiting for a console line. */
static void wake_reader(cp_console *con)
{
    cp_vm *vm = con->vm;
    if (vm && cp_vm_get_state(vm) == CP_VM_BLOCKED
        && cp_vm_block_reason(vm) == CP_BLOCK_CONSOLE)
        cp_vm_wake(vm);
}

/* Choose where input comes from; lines already queued stay first. */
void cp_console_set_input(cp_console *con, cp_input_kind kind, FILE *in)
{
    con->kind = kind;
    con->in = kind == CP_INPUT_FILE ? in : NULL;
    con->ended = kind == CP_INPUT_NONE || (kind == CP_INPUT_FILE && !in);
    if (con->ended)
        wake_reader(con);
}

/* Output to a stream the caller owns. */
void cp_console_set_output(cp_console *con, FILE *out)
{
    char ignored[8];
    close_output(con, ignored, sizeof ignored);
    con->out = out;
}

/* Output to a new file at path, closed with the console. */
bool cp_console_open_output(cp_console *con, const char *path, char *err, size_t n)
{
    char *copy = strdup(path);
    FILE *f = copy ? fopen(path, "wb") : NULL;
    if (!f) {
        int e = copy ? errno : ENOMEM;
        free(copy);
        snprintf(err, n, "console 009: %s: cannot create: %s", path, strerror(e));
        return false;
    }
    cp_console_set_output(con, NULL);
    con->out = f;
    con->own_out = true;
    con->out_path = copy;
    return true;
}

/* Append a line to the queue (kept up to CP_CONSOLE_LINE_MAX bytes). */
static bool push_line(cp_console *con, const uint8_t *text, size_t len)
{
    if (con->count == con->cap) {
        /* slide the queue to the front before growing it */
        if (con->head > 0) {
            memmove(con->lines, con->lines + con->head,
                    (con->count - con->head) * sizeof *con->lines);
            con->count -= con->head;
            con->head = 0;
        }
        if (con->count == con->cap) {
            size_t cap = con->cap ? con->cap * 2 : 8;
            cp_line *l = realloc(con->lines, cap * sizeof *l);
            if (!l)
                return false;
            con->lines = l;
            con->cap = cap;
        }
    }
    uint32_t kept = len < CP_CONSOLE_LINE_MAX ? (uint32_t)len : CP_CONSOLE_LINE_MAX;
    uint8_t *t = malloc(kept ? kept : 1);
    if (!t)
        return false;
    if (kept)
        memcpy(t, text, kept);
    con->lines[con->count++] = (cp_line){t, kept, len < UINT32_MAX ? (uint32_t)len : UINT32_MAX};
    return true;
}

/* Queue a typed line and wake the VM if it waits for one. */
bool cp_console_queue_line(cp_console *con, const char *text, size_t len)
{
    if (con->ended || con->kind != CP_INPUT_QUEUE || !push_line(con, (const uint8_t *)text, len))
        return false;
    wake_reader(con);
    return true;
}

/* Input is over: READs past the queue end with unit exception. */
void cp_console_end_input(cp_console *con)
{
    con->ended = true;
    wake_reader(con);
}

/* Lines waiting to be read. */
size_t cp_console_queued(const cp_console *con)
{
    return con->count - con->head;
}

/* Read one line of the input stream into the queue; false at its end (or
   when CP ran out of memory: the input ends rather than lose a line). */
static bool fill_from_stream(cp_console *con)
{
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    int ch;
    bool any = false;
    while ((ch = getc(con->in)) != EOF) {
        any = true;
        if (ch == '\n')
            break;
        if (len < CP_CONSOLE_LINE_MAX) {
            if (len == cap) {
                size_t nc = cap ? cap * 2 : 128;
                uint8_t *b = realloc(buf, nc);
                if (!b)
                    break;
                buf = b;
                cap = nc;
            }
            buf[len] = (uint8_t)ch;
        }
        len++;
    }
    bool ok = any && push_line(con, buf, len);
    free(buf);
    if (!ok)
        con->ended = true;
    return ok;
}

/* The line `ahead` lines after the next one, as read_line would answer. */
static pg_input line_at(cp_console *con, uint32_t ahead, uint8_t *buf, uint32_t cap,
                        uint32_t *len)
{
    while (con->count - con->head <= ahead && con->kind == CP_INPUT_FILE && !con->ended)
        fill_from_stream(con);
    if (con->count - con->head <= ahead)
        return con->ended ? PG_IN_END : PG_IN_WOULD_BLOCK;
    const cp_line *l = &con->lines[con->head + ahead];
    uint32_t n = l->kept < cap ? l->kept : cap;
    if (n)
        memcpy(buf, l->text, n);
    *len = l->len;
    return PG_IN_DATA;
}

/* Backend: the next line, consumed. */
static pg_input con_read_line(void *ctx, uint8_t *buf, uint32_t cap, uint32_t *len)
{
    cp_console *con = ctx;
    pg_input in = line_at(con, 0, buf, cap, len);
    if (in == PG_IN_DATA)
        free(con->lines[con->head++].text);
    return in;
}

/* Backend: a line ahead, not consumed (the channel's trial run). */
static pg_input con_peek_line(void *ctx, uint32_t ahead, uint8_t *buf, uint32_t cap,
                              uint32_t *len)
{
    return line_at(ctx, ahead, buf, cap, len);
}

/* Keep the bytes in the ring: the last CP_CONSOLE_RING of them at least. */
static void ring_append(cp_console *con, const uint8_t *d, size_t n)
{
    if (n >= CP_CONSOLE_RING) {
        d += n - CP_CONSOLE_RING;
        n = CP_CONSOLE_RING;
        con->ring_len = 0;
    }
    if (con->ring_len + n > 2 * CP_CONSOLE_RING) {
        size_t keep = CP_CONSOLE_RING - n;
        memmove(con->ring, con->ring + con->ring_len - keep, keep);
        con->ring_len = keep;
    }
    if (con->ring_len + n > con->ring_cap) {
        size_t cap = con->ring_cap ? con->ring_cap : 256;
        while (cap < con->ring_len + n)
            cap *= 2;
        if (cap > 2 * CP_CONSOLE_RING)
            cap = 2 * CP_CONSOLE_RING;
        uint8_t *r = realloc(con->ring, cap);
        if (!r)
            return;                 /* the monitor's copy misses these bytes */
        con->ring = r;
        con->ring_cap = cap;
    }
    memcpy(con->ring + con->ring_len, d, n);
    con->ring_len += n;
}

/* Output: to the stream (flushed, so it interleaves with a terminal) and the ring. */
void cp_console_write(cp_console *con, const void *data, size_t len)
{
    if (!len)
        return;
    con->total += len;
    if (con->out && !con->out_error) {
        errno = 0;
        if (fwrite(data, 1, len, con->out) != len || fflush(con->out) != 0)
            con->out_error = errno ? errno : EIO;
    }
    ring_append(con, data, len);
}

/* Backend: the guest's WRITE. */
static void con_write(void *ctx, const uint8_t *data, uint32_t len)
{
    cp_console_write(ctx, data, len);
}

/* The last CP_CONSOLE_RING bytes of output (or all of it). */
const char *cp_console_output(const cp_console *con, size_t *len)
{
    size_t n = con->ring_len < CP_CONSOLE_RING ? con->ring_len : CP_CONSOLE_RING;
    *len = n;
    return con->ring ? (const char *)con->ring + con->ring_len - n : "";
}

/* Bytes written since the console was made. */
uint64_t cp_console_output_total(const cp_console *con)
{
    return con->total;
}

/* The backend for device 009. */
pg_console_backend cp_console_backend(cp_console *con)
{
    return (pg_console_backend){.ctx = con, .read_line = con_read_line, .write = con_write,
                                .peek_line = con_peek_line};
}
