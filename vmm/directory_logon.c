/*
 * directory_logon.c -- logging on the users of a parsed directory
 * (directory.h).  First every host file is checked and the IPL images are
 * read, so that a missing image, a range beyond an image's end or two
 * writable minidisks on the same blocks stop the logon before any VM
 * exists; then the VMs are created and given their devices; then, with
 * every VM there to be a spool destination, their spool is set, they are
 * IPLed and their reader decks are queued.
 */
#define _FILE_OFFSET_BITS 64

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp_priv.h"
#include "directory.h"

/* What the checks learned about one minidisk. */
typedef struct disk_id {
    const cp_dir_user *u;
    const cp_dir_mdisk *m;
    uint64_t dev, ino;
} disk_id;

/* The logon in progress. */
typedef struct logon {
    cp *c;
    const cp_directory *dir;
    disk_id *disks;
    int ndisks;
    uint8_t **images;               /* per user: the IPL FILE's bytes */
    size_t *image_len;
    char *err;
    size_t n;
} logon;

/* "FILE:LINE: " and the reason; false. */
static bool lerr(logon *l, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static bool lerr(logon *l, int line, const char *fmt, ...)
{
    int k = snprintf(l->err, l->n, "%s:%d: ", l->dir->file, line);
    if (k >= 0 && (size_t)k < l->n) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(l->err + k, l->n - (size_t)k, fmt, ap);
        va_end(ap);
    }
    return false;
}

/* ---- checks (nothing created) --------------------------------------------------- */

/* Can a file be created (or truncated) at path? */
static bool creatable(const char *path, const char **why)
{
    struct stat sb;
    if (stat(path, &sb) == 0) {
        *why = S_ISDIR(sb.st_mode) ? "is a directory" : access(path, W_OK) ? strerror(errno) : NULL;
        return *why == NULL;
    }
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path)) : strdup(".");
    bool ok = dir && stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode) && access(dir, W_OK) == 0;
    *why = !dir ? "out of memory" : ok ? NULL : "its folder does not exist or is not writable";
    free(dir);
    return ok;
}

/* The console file a user's console writes to, or NULL (malloc'd). */
static char *console_file(const logon *l, const cp_dir_user *u)
{
    if (u->console_path)
        return strdup(u->console_path);
    if (!l->dir->console_dir)
        return NULL;
    size_t len = strlen(l->dir->console_dir) + strlen(u->name) + sizeof "/.console";
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s/%s.console", l->dir->console_dir, u->name);
    return p;
}

/* A minidisk's image: there, readable (writable for W), whole blocks, big
   enough; its identity recorded for the overlap check. */
static bool check_mdisk(logon *l, const cp_dir_user *u, const cp_dir_mdisk *m)
{
    pg_host_disk hd;
    char why[512];
    if (!pg_host_disk_open(&hd, m->devno, m->path, m->read_only, why, sizeof why))
        return lerr(l, m->line, "%s", why);
    struct stat sb;
    bool ok = fstat(hd.fd, &sb) == 0;
    uint32_t blocks = hd.blocks;
    pg_host_disk_close(&hd);
    if (!ok)
        return lerr(l, m->line, "disk %03X: %s: %s", m->devno, m->path, strerror(errno));
    if (m->first >= blocks || m->blocks > blocks - m->first)
        return lerr(l, m->line, "disk %03X: %s: blocks %llu-%llu are beyond the image's end (%u blocks)",
                    m->devno, m->path, (unsigned long long)m->first,
                    (unsigned long long)(m->first + m->blocks - 1), (unsigned)blocks);
    l->disks[l->ndisks++] = (disk_id){u, m, (uint64_t)sb.st_dev, (uint64_t)sb.st_ino};
    return true;
}

/* Do two block ranges share a block? */
static bool overlap(uint64_t a, uint64_t na, uint64_t b, uint64_t nb)
{
    return a < b + nb && b < a + na;
}

/* No writable range overlaps another writable range of the same image,
   in the directory or on a VM already logged on. */
static bool check_overlaps(logon *l)
{
    for (int i = 0; i < l->ndisks; i++) {
        const disk_id *a = &l->disks[i];
        if (a->m->read_only)
            continue;
        for (int j = 0; j < i; j++) {
            const disk_id *b = &l->disks[j];
            if (!b->m->read_only && a->dev == b->dev && a->ino == b->ino
                && overlap(a->m->first, a->m->blocks, b->m->first, b->m->blocks))
                return lerr(l, a->m->line,
                            "disk %03X: %s: writable blocks %llu-%llu overlap USER %s's writable"
                            " MDISK %03X (line %d)",
                            a->m->devno, a->m->path, (unsigned long long)a->m->first,
                            (unsigned long long)(a->m->first + a->m->blocks - 1), b->u->name,
                            b->m->devno, b->m->line);
        }
        for (int v = 0; v < l->c->nvms; v++) {
            const cp_vm *vm = l->c->vms[v];
            for (int k = 0; k < vm->dev.nminidisks; k++) {
                const cp_minidisk *m = &vm->dev.minidisks[k];
                if (!m->read_only && a->dev == m->host_dev && a->ino == m->host_ino
                    && overlap(a->m->first, a->m->blocks, m->first_block, m->blocks))
                    return lerr(l, a->m->line,
                                "disk %03X: %s: writable blocks overlap %s's writable minidisk %03X",
                                a->m->devno, a->m->path, vm->name, m->devno);
            }
        }
    }
    return true;
}

/* Read a whole IPL image file: at least the 8 bytes of the IPL PSW, at most
   the VM's storage. */
static bool read_image(logon *l, int ui, const cp_dir_user *u)
{
    const char *path = u->ipl_path;
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f)
        return lerr(l, u->ipl_line, "IPL FILE %s: %s", path,
                    errno == ENOENT ? "does not exist" : strerror(errno));
    if (fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode)) {
        fclose(f);
        return lerr(l, u->ipl_line, "IPL FILE %s: is not a regular file", path);
    }
    if (sb.st_size < 8 || (uint64_t)sb.st_size > u->mem) {
        fclose(f);
        return lerr(l, u->ipl_line, "IPL FILE %s: size %lld is %s", path, (long long)sb.st_size,
                    sb.st_size < 8 ? "shorter than the 8-byte IPL PSW"
                                   : "larger than the VM's storage");
    }
    size_t len = (size_t)sb.st_size;
    uint8_t *img = malloc(len);
    bool ok = img && fread(img, 1, len, f) == len;
    fclose(f);
    if (!ok) {
        free(img);
        return lerr(l, u->ipl_line, "IPL FILE %s: cannot read it", path);
    }
    l->images[ui] = img;
    l->image_len[ui] = len;
    return true;
}

/* Everything one user names on the host. */
static bool check_user(logon *l, int ui, const cp_dir_user *u)
{
    const char *why;
    if (cp_vm_find(l->c, u->name))
        return lerr(l, u->line, "USER %s: a VM of that name is already logged on", u->name);
    for (int k = 0; k < u->nmdisks; k++)
        if (!check_mdisk(l, u, &u->mdisks[k]))
            return false;
    for (int k = 0; k < u->ndecks; k++) {
        pg_host_reader hr;
        char reason[512];
        const char *paths[1] = {u->decks[k].path};
        if (!pg_host_reader_open(&hr, PG_DEV_READER, paths, 1, reason, sizeof reason))
            return lerr(l, u->decks[k].line, "%s", reason);
        pg_host_reader_close(&hr);
    }
    if (u->printer_path && !creatable(u->printer_path, &why))
        return lerr(l, u->printer_line, "printer 00E: %s: %s", u->printer_path, why);
    char *con = console_file(l, u);
    bool ok = !con || creatable(con, &why);
    if (!ok)
        lerr(l, u->console_path ? u->console_line : u->line, "console 009: %s: %s", con, why);
    free(con);
    return ok && (u->ipl != CP_IPL_FILE || read_image(l, ui, u));
}

/* ---- creation ------------------------------------------------------------------ */

/* Keep the characters allowed in spool names, upper-cased, at most 8. */
static void deck_part(const char *s, size_t len, char out[CP_SPOOL_NAME + 1], const char *dflt)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k < CP_SPOOL_NAME; i++) {
        char one[CP_SPOOL_NAME + 1];
        if (cp_spool_name_ok(s + i, 1, one))
            out[k++] = one[0];
    }
    out[k] = '\0';
    if (!k)
        strcpy(out, dflt);
}

/* A deck's spool name and type from its file name: "hello.txt" is HELLO TXT. */
static void deck_names(const char *path, char name[CP_SPOOL_NAME + 1],
                       char type[CP_SPOOL_NAME + 1])
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strchr(base, '.');
    size_t nlen = dot ? (size_t)(dot - base) : strlen(base);
    const char *t = dot ? dot + 1 : "";
    const char *tend = strchr(t, '.');
    deck_part(base, nlen, name, "DECK");
    deck_part(t, tend ? (size_t)(tend - t) : strlen(t), type, "CARDS");
}

/* Create one user's VM with its devices and minidisks. */
static bool create_user(logon *l, const cp_dir_user *u)
{
    char why[512];
    cp_vm *vm = cp_vm_create(l->c, u->name, u->mem, why, sizeof why);
    if (!vm)
        return lerr(l, u->line, "%s", why);     /* CP's reasons name the VM */
    char *con = console_file(l, u);
    cp_vdev_config cfg = {.input = l->dir->console_input, .out = l->dir->console_out,
                          .console_path = con, .printer_path = u->printer_path};
    bool ok = cp_vdevs_attach_cp(vm, &cfg, why, sizeof why);
    free(con);
    if (!ok)
        return lerr(l, u->line, "USER %s: %s", u->name, why);
    for (int k = 0; k < u->nmdisks; k++) {
        const cp_dir_mdisk *m = &u->mdisks[k];
        if (!cp_vdevs_add_minidisk(vm, m->devno, m->path, m->first, m->blocks, m->read_only,
                                   why, sizeof why))
            return lerr(l, m->line, "%s", why);
    }
    return true;
}

/* Spool destinations (every VM exists now), the IPL, then the reader decks:
   they arrive after the IPL's reset, so an idle reader presents attention
   for them as for any file that arrives later. */
static bool start_user(logon *l, int ui, const cp_dir_user *u)
{
    char why[512];
    cp_vm *vm = cp_vm_find(l->c, u->name);
    if (u->punch_line && cp_spool_set_punch_dest(vm, u->punch_dest[0] ? u->punch_dest : NULL,
                                                  why, sizeof why))
        return lerr(l, u->punch_line, "SPOOL PUNCH: %s", why);
    if (u->printer_spool_line
        && cp_spool_set_printer_dest(vm, u->printer_dest[0] ? u->printer_dest : NULL, why,
                                     sizeof why))
        return lerr(l, u->printer_spool_line, "SPOOL PRINTER: %s", why);
    if (u->ipl == CP_IPL_FILE
        && !cp_vm_ipl_image(vm, l->images[ui], l->image_len[ui], why, sizeof why))
        return lerr(l, u->ipl_line, "IPL FILE %s: %s", u->ipl_path, why);
    if (u->ipl == CP_IPL_DEVICE && !cp_vm_ipl_device(vm, u->ipl_dev, why, sizeof why))
        return lerr(l, u->ipl_line, "IPL %03X: %s", u->ipl_dev, why);
    for (int k = 0; k < u->ndecks; k++) {
        char name[CP_SPOOL_NAME + 1], type[CP_SPOOL_NAME + 1];
        deck_names(u->decks[k].path, name, type);
        if (cp_spool_load_deck(vm, u->decks[k].path, name, type, why, sizeof why))
            return lerr(l, u->decks[k].line, "%s", why);
    }
    return true;
}

/* Check everything (storage included), then create, then start. */
bool cp_directory_logon_all(cp *c, const cp_directory *dir, char *err, size_t n)
{
    logon l = {.c = c, .dir = dir, .err = err, .n = n};
    int total = 0;
    for (int i = 0; i < dir->nusers; i++)
        total += dir->users[i].nmdisks;
    l.disks = calloc((size_t)total + 1, sizeof *l.disks);
    l.images = calloc((size_t)dir->nusers + 1, sizeof *l.images);
    l.image_len = calloc((size_t)dir->nusers + 1, sizeof *l.image_len);
    bool ok = l.disks && l.images && l.image_len;
    if (!ok)
        snprintf(err, n, "%s: out of memory", dir->file);
    uint64_t need = 0, left = cp_frames_available(c);
    for (int i = 0; ok && i < dir->nusers; i++) {
        const cp_dir_user *u = &dir->users[i];
        need += u->mem;
        if (need > left)
            ok = lerr(&l, u->line,
                      "USER %s: %u bytes of storage do not fit: CP has %llu bytes of real "
                      "storage left for the directory's VMs (try --real-mem)",
                      u->name, (unsigned)u->mem, (unsigned long long)left);
        else
            ok = check_user(&l, i, u);
    }
    ok = ok && check_overlaps(&l);
    for (int i = 0; ok && i < dir->nusers; i++)
        ok = create_user(&l, &dir->users[i]);
    for (int i = 0; ok && i < dir->nusers; i++)
        ok = start_user(&l, i, &dir->users[i]);
    for (int i = 0; l.images && i < dir->nusers; i++)
        free(l.images[i]);
    free(l.images);
    free(l.image_len);
    free(l.disks);
    return ok;
}
