/*
 * spool.c -- CP's spool (spool.h): spool files, the spool's list of closed
 * files, their delivery to a reader queue (with the attention interrupt that
 * wakes a service VM), the reader, punch and printer backends, and the
 * operations behind SPOOL, CLOSE, TRANSFER and DIAGNOSE.
 */
#include "spool.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cp_priv.h"

/* ---- names ----------------------------------------------------------------- */

/* Copy s upper-cased into out (size bytes: cut to size - 1 characters). */
static void copy_name(char *out, size_t size, const char *s)
{
    size_t i = 0;
    for (; s && s[i] && i + 1 < size; i++)
        out[i] = (char)toupper((unsigned char)s[i]);
    out[i] = '\0';
}

/* Set a name field of a file, tag or device from s. */
#define set_name(field, s) copy_name((field), sizeof(field), (s))

/* A character allowed in spool file names and types. */
static bool name_char(int c)
{
    return isupper(c) || isdigit(c) || strchr("$#@+-:_", c) != NULL;
}

/* Validate and upper-case a file name or type. */
bool cp_spool_name_ok(const char *s, size_t len, char out[CP_SPOOL_NAME + 1])
{
    if (len == 0 || len > CP_SPOOL_NAME)
        return false;
    for (size_t i = 0; i < len; i++) {
        int c = toupper((unsigned char)s[i]);
        if (c == '\0' || !name_char(c))
            return false;
        out[i] = (char)c;
    }
    out[len] = '\0';
    return true;
}

/* ---- files and the spool's list ------------------------------------------- */

/* The spool of vm's CP. */
static cp_spool *spool_of(const cp_vm *vm)
{
    return &vm->cp->spool;
}

/* An empty spool; ids start at 1. */
void cp_spool_init(cp_spool *s)
{
    s->files = s->last = NULL;
    s->next_id = 1;
}

/* Free one file (not in any list). */
static void file_free(cp_spool_file *f)
{
    if (f) {
        free(f->cards);
        free(f);
    }
}

/* Free every closed file still queued anywhere. */
void cp_spool_free(cp_spool *s)
{
    cp_spool_file *f = s->files;
    while (f) {
        cp_spool_file *next = f->next;
        file_free(f);
        f = next;
    }
    s->files = s->last = NULL;
}

/* A new empty file from origin, with the next spool id. */
static cp_spool_file *file_new(cp_spool *s, const char *origin)
{
    cp_spool_file *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    f->id = s->next_id++;
    set_name(f->origin, origin);
    return f;
}

/* Append one card; false when out of memory. */
static bool file_add_card(cp_spool_file *f, const uint8_t card[PG_CARD_BYTES])
{
    if (f->ncards == f->cap) {
        uint32_t cap = f->cap ? f->cap * 2 : 16;
        uint8_t *c = realloc(f->cards, (size_t)cap * PG_CARD_BYTES);
        if (!c)
            return false;
        f->cards = c;
        f->cap = cap;
    }
    memcpy(f->cards + (size_t)f->ncards * PG_CARD_BYTES, card, PG_CARD_BYTES);
    f->ncards++;
    return true;
}

/* Take f out of the spool's list. */
static void list_unlink(cp_spool *s, cp_spool_file *f)
{
    if (f->prev)
        f->prev->next = f->next;
    else
        s->files = f->next;
    if (f->next)
        f->next->prev = f->prev;
    else
        s->last = f->prev;
    f->prev = f->next = NULL;
    f->holder = NULL;
}

/* Put f at the end of the spool's list. */
static void list_append(cp_spool *s, cp_spool_file *f)
{
    f->next = NULL;
    f->prev = s->last;
    if (s->last)
        s->last->next = f;
    else
        s->files = f;
    s->last = f;
}

/* The file with this id, or NULL. */
static cp_spool_file *find_id(cp_spool *s, uint32_t id)
{
    for (cp_spool_file *f = s->files; f; f = f->next)
        if (f->id == id)
            return f;
    return NULL;
}

/* Is f the file vm's reader has started reading? */
static bool being_read(const cp_spool_file *f)
{
    const cp_vm *h = f->holder;
    return h && h->dev.reader && h->dev.reader->current == f;
}

/* The first file queued for vm's reader, or NULL. */
const cp_spool_file *cp_spool_first(const cp_vm *vm)
{
    for (const cp_spool_file *f = spool_of(vm)->files; f; f = f->next)
        if (f->holder == vm)
            return f;
    return NULL;
}

/* The next file after f in vm's reader queue. */
const cp_spool_file *cp_spool_next(const cp_vm *vm, const cp_spool_file *f)
{
    for (f = f->next; f; f = f->next)
        if (f->holder == vm)
            return f;
    return NULL;
}

/* The file a READ now reads: the one started, else the first queued. */
const cp_spool_file *cp_spool_reader_next_file(const cp_vm *vm)
{
    if (!vm->dev.reader)
        return NULL;
    if (vm->dev.reader->current)
        return vm->dev.reader->current;
    return cp_spool_first(vm);
}

/* Files in the whole spool. */
size_t cp_spool_count(const cp *c)
{
    size_t n = 0;
    for (const cp_spool_file *f = c->spool.files; f; f = f->next)
        n++;
    return n;
}

/* Drop every file queued for vm (it is being freed). */
static void purge_vm(cp_vm *vm)
{
    cp_spool *s = spool_of(vm);
    cp_spool_file *f = s->files;
    while (f) {
        cp_spool_file *next = f->next;
        if (f->holder == vm) {
            list_unlink(s, f);
            file_free(f);
        }
        f = next;
    }
}

/* ---- delivery ---------------------------------------------------------------- */

/* A file arrived at vm's reader: an idle reader presents attention, and a
   VM in an enabled wait for it becomes runnable. */
static void arrived(cp_vm *vm)
{
    if (vm->dev.reader->current)
        return;                     /* busy reading a file: it will find this one */
    if (pg_channel_present(&vm->chan, PG_DEV_READER, PG_US_ATTENTION, cp_vm_now(vm))
        && cp_vm_get_state(vm) == CP_VM_BLOCKED && cp_vm_block_reason(vm) == CP_BLOCK_WAIT)
        cp_vm_wake(vm);
}

/* Why a file could not be queued in a reader. */
typedef enum { DELIVERED, NO_READER, READER_FULL } delivery;

/* Cards queued in vm's reader. */
static uint64_t held_cards(const cp_vm *vm)
{
    uint64_t n = 0;
    for (const cp_spool_file *f = cp_spool_first(vm); f; f = cp_spool_next(vm, f))
        n += f->ncards;
    return n;
}

/* Could f join to's reader queue: does to have a spool reader, and room
   for f's cards (within CP_READER_MAX_CARDS, f itself not counted twice)? */
static delivery deliverable(const cp_spool_file *f, const cp_vm *to)
{
    if (!to->dev.reader)
        return NO_READER;
    uint64_t held = held_cards(to) - (f->holder == to ? f->ncards : 0);
    return held + f->ncards > CP_READER_MAX_CARDS ? READER_FULL : DELIVERED;
}

/* Queue the closed file f (in no list) at the end of to's reader, if it can
   go there. */
static delivery deliver(cp_spool_file *f, cp_vm *to)
{
    delivery d = deliverable(f, to);
    if (d != DELIVERED)
        return d;
    set_name(f->dest, to->name);
    list_append(spool_of(to), f);
    f->holder = to;
    arrived(to);
    return DELIVERED;
}

/* Why a delivery to name failed, in words. */
static const char *undelivered(delivery d, const char *name, char *buf, size_t n)
{
    snprintf(buf, n, d == READER_FULL ? "the reader of %s is full" : "%s has no spool reader",
             name);
    return buf;
}

/* Tell vm (on its console) what became of one of its files. */
static void notify(cp_vm *vm, const char *text)
{
    cp_vdevs_console_message(vm, text, strlen(text));
}

/* Send a closed file from `from` to the VM named dest; if that VM is gone,
   has no spool reader or a full one, the file comes back to from's own
   reader (or, if that is full too, is purged), and CP says so. */
static void route(cp_vm *from, cp_spool_file *f, const char *dest)
{
    cp_vm *to = cp_vm_find(from->cp, dest);
    delivery d = to ? deliver(f, to) : NO_READER;
    if (d == DELIVERED)
        return;
    char why[96], msg[200];
    if (to)
        undelivered(d, to->name, why, sizeof why);
    else
        snprintf(why, sizeof why, "no VM named %s", dest);
    bool back = deliver(f, from) == DELIVERED;
    snprintf(msg, sizeof msg, "CP: FILE %04u %s %s: %s; %s\n", (unsigned)f->id, f->name, f->type,
             why, back ? "kept in your reader" : "purged");
    notify(from, msg);
    if (!back)
        file_free(f);
}

/* ---- reader ---------------------------------------------------------------- */

/* A reader between files. */
cp_spool_reader *cp_spool_reader_new(cp_vm *vm)
{
    cp_spool_reader *r = calloc(1, sizeof *r);
    if (r)
        r->vm = vm;
    return r;
}

/* The files it held belong to the spool: drop those queued for this VM. */
void cp_spool_reader_free(cp_spool_reader *r)
{
    if (!r)
        return;
    purge_vm(r->vm);
    free(r);
}

/* Backend: the next card of the current file; at its end the file is gone
   and the next READ starts the next file. */
static pg_input reader_next_card(void *ctx, uint8_t card[PG_CARD_BYTES])
{
    cp_spool_reader *r = ctx;
    if (!r->current) {
        r->current = (cp_spool_file *)cp_spool_first(r->vm);
        r->pos = 0;
        if (!r->current)
            return PG_IN_END;
    }
    cp_spool_file *f = r->current;
    if (r->pos < f->ncards) {
        memcpy(card, f->cards + (size_t)r->pos * PG_CARD_BYTES, PG_CARD_BYTES);
        r->pos++;
        return PG_IN_DATA;
    }
    list_unlink(spool_of(r->vm), f);
    file_free(f);
    r->current = NULL;
    r->pos = 0;
    return PG_IN_END;
}

/* The backend for device 00C. */
pg_reader_backend cp_spool_reader_backend(cp_spool_reader *r)
{
    return (pg_reader_backend){.ctx = r, .next_card = reader_next_card};
}

/* ---- punch ------------------------------------------------------------------ */

/* A punch with no file open, sending to its own reader. */
cp_spool_punch *cp_spool_punch_new(cp_vm *vm)
{
    cp_spool_punch *p = calloc(1, sizeof *p);
    if (p)
        p->vm = vm;
    return p;
}

/* Free the punch; a file still open is lost (never closed, never sent). */
void cp_spool_punch_free(cp_spool_punch *p)
{
    if (!p)
        return;
    file_free(p->open);
    free(p);
}

/* Add a card to the open file, opening one at the first card.  Beyond
   CP_SPOOL_MAX_CARDS, or out of host memory, the card is lost, and CP says
   so on the VM's console (once a file). */
static void add_card(cp_vm *vm, cp_spool_file **open, const uint8_t card[PG_CARD_BYTES])
{
    if (!*open)
        *open = file_new(spool_of(vm), vm->name);
    cp_spool_file *f = *open;
    if (f && f->ncards < CP_SPOOL_MAX_CARDS && file_add_card(f, card))
        return;
    if (f && f->lost)
        return;
    char msg[120];
    if (f)
        snprintf(msg, sizeof msg, "CP: FILE %04u: %s; cards after card %u are lost\n",
                 (unsigned)f->id, f->ncards < CP_SPOOL_MAX_CARDS ? "out of memory"
                                                                 : "the file is full",
                 (unsigned)f->ncards);
    else
        snprintf(msg, sizeof msg, "CP: out of memory: a spool card was lost\n");
    notify(vm, msg);
    if (f)
        f->lost = true;
}

/* Backend: one punched card. */
static void punch_card(void *ctx, const uint8_t card[PG_CARD_BYTES])
{
    cp_spool_punch *p = ctx;
    add_card(p->vm, &p->open, card);
}

/* Close the punch's file: name, type and destination from the tag (used
   up), else SPOOL PUNCH TO, else the defaults; then route it.  Nothing
   punched since the last close: no file, and the tag waits. */
static void punch_close_file(cp_spool_punch *p)
{
    cp_spool_file *f = p->open;
    if (!f)
        return;
    p->open = NULL;
    cp_spool_tag t = p->tag;
    p->tag = (cp_spool_tag){0};
    set_name(f->name, t.set && t.name[0] ? t.name : p->vm->name);
    set_name(f->type, t.set && t.type[0] ? t.type : "PUNCH");
    const char *dest = t.set && t.dest[0] ? t.dest : p->dest[0] ? p->dest : p->vm->name;
    route(p->vm, f, dest);
}

/* Backend: CONTROL closes the file. */
static void punch_close(void *ctx)
{
    punch_close_file(ctx);
}

/* The backend for device 00D. */
pg_punch_backend cp_spool_punch_backend(cp_spool_punch *p)
{
    return (pg_punch_backend){.ctx = p, .card = punch_card, .close = punch_close};
}

/* ---- printer ------------------------------------------------------------------ */

/* A printer on the host file at path (NULL: discard), not spooled. */
cp_spool_printer *cp_spool_printer_new(cp_vm *vm, const char *path, char *err, size_t n)
{
    cp_spool_printer *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, n, "printer 00E: out of memory");
        return NULL;
    }
    p->vm = vm;
    if (!pg_host_printer_open(&p->host, PG_DEV_PRINTER, path, err, n)) {
        free(p);
        return NULL;
    }
    p->host_open = true;
    return p;
}

/* Close the host file (reporting lost output); a spooled file still open is lost. */
bool cp_spool_printer_free(cp_spool_printer *p, char *err, size_t n)
{
    if (!p)
        return true;
    bool ok = !p->host_open || pg_host_output_close(&p->host, err, n);
    file_free(p->open);
    free(p);
    return ok;
}

/* Backend: one printed line, to the host file or as a card of the spooled
   file (the first 80 bytes, blank-padded). */
static void printer_line(void *ctx, const uint8_t *data, uint32_t len)
{
    cp_spool_printer *p = ctx;
    if (!p->dest[0]) {
        pg_printer_backend host = pg_host_printer_backend(&p->host);
        host.line(host.ctx, data, len);
        return;
    }
    uint8_t card[PG_CARD_BYTES];
    uint32_t k = len < PG_CARD_BYTES ? len : PG_CARD_BYTES;
    memcpy(card, data, k);
    memset(card + k, ' ', PG_CARD_BYTES - k);
    add_card(p->vm, &p->open, card);
}

/* Close the printer's spooled file (type PRINTER) and send it. */
static void printer_close_file(cp_spool_printer *p)
{
    cp_spool_file *f = p->open;
    if (!f)
        return;
    p->open = NULL;
    set_name(f->name, p->vm->name);
    set_name(f->type, "PRINTER");
    route(p->vm, f, p->dest[0] ? p->dest : p->vm->name);
}

/* The backend for device 00E. */
pg_printer_backend cp_spool_printer_backend(cp_spool_printer *p)
{
    return (pg_printer_backend){.ctx = p, .line = printer_line};
}

/* ---- operations ------------------------------------------------------------- */

/* Format a reason into err; return rc. */
static int fail(int rc, char *err, size_t n, const char *fmt, const char *arg)
{
    snprintf(err, n, fmt, arg);
    return rc;
}

/* The VM named name (for a destination), or an error. */
static int find_dest(cp_vm *vm, const char *name, cp_vm **to, char *err, size_t n)
{
    *to = cp_vm_find(vm->cp, name);
    if (!*to)
        return fail(CP_RC_NOT_FOUND, err, n, "no VM named %s", name);
    if (!(*to)->dev.reader)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool reader", (*to)->name);
    return CP_RC_OK;
}

/* SPOOL PUNCH TO: a VM with a spool reader, or the own reader. */
int cp_spool_set_punch_dest(cp_vm *vm, const char *name, char *err, size_t n)
{
    if (!vm->dev.punch)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool punch", vm->name);
    if (!name || strcmp(name, "*") == 0) {
        vm->dev.punch->dest[0] = '\0';
        return CP_RC_OK;
    }
    cp_vm *to;
    int rc = find_dest(vm, name, &to, err, n);
    if (rc == CP_RC_OK)
        set_name(vm->dev.punch->dest, to->name);
    return rc;
}

/* SPOOL PRINTER TO: a VM, the own reader, or OFF; the old file is sent first. */
int cp_spool_set_printer_dest(cp_vm *vm, const char *name, char *err, size_t n)
{
    cp_spool_printer *p = vm->dev.printer;
    if (!p)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool printer", vm->name);
    char dest[CP_NAME_MAX + 1] = "";
    if (name && strcmp(name, "*") == 0) {
        set_name(dest, vm->name);
    } else if (name && strcasecmp(name, "OFF") != 0) {
        cp_vm *to;
        int rc = find_dest(vm, name, &to, err, n);
        if (rc != CP_RC_OK)
            return rc;
        set_name(dest, to->name);
    }
    printer_close_file(p);
    memcpy(p->dest, dest, sizeof dest);
    return CP_RC_OK;
}

/* Tag the next punch file; every field checked before the tag changes. */
int cp_spool_tag_punch(cp_vm *vm, const char *name, const char *type, const char *dest,
                       char *err, size_t n)
{
    cp_spool_punch *p = vm->dev.punch;
    if (!p)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool punch", vm->name);
    cp_spool_tag t = {.set = true};
    if (name[0] && !cp_spool_name_ok(name, strlen(name), t.name))
        return fail(CP_RC_OPERAND, err, n, "bad file name %s", name);
    if (type[0] && !cp_spool_name_ok(type, strlen(type), t.type))
        return fail(CP_RC_OPERAND, err, n, "bad file type %s", type);
    if (dest[0]) {
        cp_vm *to;
        int rc = find_dest(vm, dest, &to, err, n);
        if (rc == CP_RC_NOT_FOUND)
            return rc;
        set_name(t.dest, to->name); /* a VM without a reader: the file comes back */
    }
    p->tag = t;
    return CP_RC_OK;
}

/* CLOSE PUNCH. */
int cp_spool_close_punch(cp_vm *vm, char *err, size_t n)
{
    if (!vm->dev.punch)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool punch", vm->name);
    punch_close_file(vm->dev.punch);
    return CP_RC_OK;
}

/* CLOSE PRINTER. */
int cp_spool_close_printer(cp_vm *vm, char *err, size_t n)
{
    if (!vm->dev.printer)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool printer", vm->name);
    printer_close_file(vm->dev.printer);
    return CP_RC_OK;
}

/* TRANSFER: checks first, then the file moves and arrives. */
int cp_spool_transfer(cp *c, cp_vm *from, uint32_t id, cp_vm *to, uint32_t *moved,
                      char *err, size_t n)
{
    char idtext[16];
    snprintf(idtext, sizeof idtext, "%04u", (unsigned)id);
    cp_spool_file *f = NULL;
    if (id == 0 && !from)
        return fail(CP_RC_OPERAND, err, n, "%s", "a spool file id is needed");
    if (id == 0) {
        for (f = c->spool.files; f && (f->holder != from || being_read(f)); f = f->next)
            ;
        if (!f)
            return fail(CP_RC_NOT_FOUND, err, n, "%s", "no file to transfer in your reader");
    } else {
        f = find_id(&c->spool, id);
        if (!f || (from && f->holder != from))
            return fail(CP_RC_NOT_FOUND, err, n,
                        from ? "no file %s in your reader" : "no spool file %s", idtext);
        if (being_read(f))
            return fail(CP_RC_NOT_NOW, err, n, "file %s is being read", idtext);
    }
    delivery d = deliverable(f, to);
    char why[96];
    if (d != DELIVERED)
        return fail(CP_RC_NOT_NOW, err, n, "%s", undelivered(d, to->name, why, sizeof why));
    list_unlink(&c->spool, f);
    deliver(f, to);
    if (moved)
        *moved = f->id;
    return CP_RC_OK;
}

/* Read a host deck with pgsim's reader code into a file from HOST. */
int cp_spool_load_deck(cp_vm *vm, const char *path, const char *name, const char *type,
                       char *err, size_t n)
{
    if (!vm->dev.reader)
        return fail(CP_RC_NOT_NOW, err, n, "%s has no spool reader", vm->name);
    pg_host_reader hr;
    const char *paths[1] = {path};
    if (!pg_host_reader_open(&hr, PG_DEV_READER, paths, 1, err, n))
        return CP_RC_NOT_FOUND;
    cp_spool_file *f = file_new(spool_of(vm), "HOST");
    pg_reader_backend be = pg_host_reader_backend(&hr);
    uint8_t card[PG_CARD_BYTES];
    bool ok = f != NULL;
    while (ok && f->ncards <= CP_SPOOL_MAX_CARDS && be.next_card(be.ctx, card) == PG_IN_DATA)
        ok = file_add_card(f, card);
    pg_host_reader_close(&hr);
    if (!ok) {
        file_free(f);
        return fail(CP_RC_NO_MEMORY, err, n, "reader 00C: %s: out of memory", path);
    }
    set_name(f->name, name);
    set_name(f->type, type);
    if (f->ncards > CP_SPOOL_MAX_CARDS || deliver(f, vm) != DELIVERED) {
        file_free(f);
        return fail(CP_RC_NOT_NOW, err, n, "reader 00C: %s: too many cards for the reader", path);
    }
    return CP_RC_OK;
}
