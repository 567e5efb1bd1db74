/*
 * cmd_vm.c -- a VM's life from the operator's console: SET VM (select),
 * IPL (a disk or an image file), SYSTEM RESET, LOGON and AUTOLOG (an entry
 * of the user directory pgvmm ran with) and SHUTDOWN.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "command.h"
#include "cp_priv.h"
#include "directory.h"
#include "operator.h"

/* SET VM name */
int cp_cmd_set(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing operand: VM");
    if (strcmp(w, "VM") != 0)
        return cp_cmd_error(x, CP_RC_OPERAND, "unknown operand %s", w);
    if (!cp_cmd_word(x, name, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing VM name");
    if ((rc = cp_cmd_end(x)))
        return rc;
    cp_vm *vm = cp_vm_find(x->c, name);
    if (!vm)
        return cp_cmd_error(x, CP_RC_NOT_FOUND, "no VM named %s", name);
    x->op->selected = vm;
    cp_out_printf(x->out, "VM %s SELECTED\n", vm->name);
    return CP_RC_OK;
}

/* A device number: 1-4 hex digits. */
static bool devno_word(const char *w, uint16_t *dev)
{
    uint32_t v;
    if (strlen(w) > 4 || !cp_parse_hex(w, &v))
        return false;
    *dev = (uint16_t)v;
    return true;
}

/* A host file's bytes (at most max); NULL with a reason. */
static uint8_t *read_file(const char *path, uint32_t max, size_t *len, char *err, size_t n)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, n, "cannot open %s", path);
        return NULL;
    }
    uint8_t *buf = malloc((size_t)max + 1);
    if (!buf) {
        fclose(f);
        snprintf(err, n, "out of memory");
        return NULL;
    }
    *len = fread(buf, 1, (size_t)max + 1, f);
    bool bad = ferror(f);
    fclose(f);
    if (bad || *len > max) {
        snprintf(err, n, bad ? "cannot read %s" : "%s is larger than the VM's storage", path);
        free(buf);
        return NULL;
    }
    return buf;
}

/* IPL dev|file [vm] */
int cp_cmd_ipl(cp_cmd *x)
{
    char what[CP_WORD_MAX], name[CP_WORD_MAX];
    if (!cp_cmd_word(x, what, false))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing device or image file");
    bool named = cp_cmd_word(x, name, true);
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm)
        return rc;
    char err[256];
    uint16_t dev;
    if (devno_word(what, &dev)) {
        if (!pg_channel_find(&vm->chan, dev))
            return cp_cmd_error(x, CP_RC_NOT_FOUND, "%s has no device %03X", vm->name, dev);
        if (!cp_vm_ipl_device(vm, dev, err, sizeof err))
            return cp_cmd_error(x, CP_RC_NOT_NOW, "%s", err);
    } else {
        size_t len;
        uint8_t *image = read_file(what, vm->mem_size, &len, err, sizeof err);
        if (!image)
            return cp_cmd_error(x, CP_RC_NOT_FOUND, "%s", err);
        bool ok = cp_vm_ipl_image(vm, image, len, err, sizeof err);
        free(image);
        if (!ok)
            return cp_cmd_error(x, CP_RC_OPERAND, "%s", err);
        if (x->op)
            cp_operator_set_symbols(x->op, vm, what);
    }
    pg_psw p = cp_vm_get_psw(vm);
    cp_out_printf(x->out, "%s IPLED, PSW %08x %08x\n", vm->name, (unsigned)p.flags,
                  (unsigned)p.addr);
    return CP_RC_OK;
}

/* SYSTEM RESET [vm] */
int cp_cmd_system(cp_cmd *x)
{
    char w[CP_WORD_MAX], name[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing operand: RESET");
    if (!cp_keyword(w, "RESET", 5))
        return cp_cmd_error(x, CP_RC_OPERAND, "unknown operand %s", w);
    bool named = cp_cmd_word(x, name, true);
    int rc = cp_cmd_end(x);
    if (rc)
        return rc;
    cp_vm *vm = cp_cmd_target(x, named ? name : NULL, &rc);
    if (!vm)
        return rc;
    cp_vm_reset(vm);
    cp_out_printf(x->out, "%s SYSTEM RESET\n", vm->name);
    return CP_RC_OK;
}

/* LOGON/AUTOLOG name: one directory entry logged on and IPLed. */
static int logon(cp_cmd *x, bool select)
{
    int rc = cp_cmd_need_op(x);
    if (rc)
        return rc;
    char name[CP_WORD_MAX];
    if (!cp_cmd_word(x, name, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing user name");
    if ((rc = cp_cmd_end(x)))
        return rc;
    const cp_directory *d = x->op->dir;
    if (!d)
        return cp_cmd_error(x, CP_RC_NOT_NOW, "no user directory (pgvmm --directory FILE)");
    int ui = -1;
    for (int i = 0; i < d->nusers && ui < 0; i++)
        if (strcasecmp(d->users[i].name, name) == 0)
            ui = i;
    if (ui < 0)
        return cp_cmd_error(x, CP_RC_NOT_FOUND, "no user %s in %s", name, d->file);
    if (cp_vm_find(x->c, d->users[ui].name))
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s is already logged on", d->users[ui].name);
    cp_directory one = *d;
    one.users = &d->users[ui];
    one.nusers = 1;
    char err[512];
    if (!cp_directory_logon_all(x->c, &one, err, sizeof err))
        return cp_cmd_error(x, CP_RC_NOT_NOW, "%s", err);
    cp_vm *vm = cp_vm_find(x->c, d->users[ui].name);
    if (select && vm)
        x->op->selected = vm;
    cp_out_printf(x->out, "%s LOGGED ON%s\n", d->users[ui].name, select ? " AND SELECTED" : "");
    return CP_RC_OK;
}

/* LOGON name: log on, IPL and select. */
int cp_cmd_logon(cp_cmd *x)
{
    return logon(x, true);
}

/* AUTOLOG name: log on and IPL. */
int cp_cmd_autolog(cp_cmd *x)
{
    return logon(x, false);
}

/* SHUTDOWN: the session ends after this command. */
int cp_cmd_shutdown(cp_cmd *x)
{
    int rc = cp_cmd_need_op(x);
    if (rc || (rc = cp_cmd_end(x)))
        return rc;
    x->op->shutdown = true;
    cp_out_printf(x->out, "SYSTEM SHUTDOWN\n");
    return CP_RC_OK;
}
