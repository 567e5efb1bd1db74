/*
 * cmd_spool.c -- the spool commands: SPOOL (where closed punch and printer
 * files go), CLOSE (close one now) and TRANSFER (move a reader file to
 * another VM's reader).  The work is spool.c's; these parse and report.
 */
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "cp_priv.h"

/* Which spool output device an operand names. */
typedef enum { DEV_NONE, DEV_PUNCH, DEV_PRINTER } spool_device;

/* PUNCH (PU, PUN, ...) or PRINTER (PR, PRT, ...). */
static spool_device device_word(const char *w)
{
    if (cp_keyword(w, "PUNCH", 2))
        return DEV_PUNCH;
    if (cp_keyword(w, "PRINTER", 2) || strcmp(w, "PRT") == 0)
        return DEV_PRINTER;
    return DEV_NONE;
}

/* The device operand, or an error (rc in *rc). */
static spool_device need_device(cp_cmd *x, int *rc)
{
    char w[CP_WORD_MAX];
    spool_device d = DEV_NONE;
    if (!cp_cmd_word(x, w, true))
        *rc = cp_cmd_error(x, CP_RC_OPERAND, "missing device: PUNCH or PRINTER");
    else if ((d = device_word(w)) == DEV_NONE)
        *rc = cp_cmd_error(x, CP_RC_OPERAND, "unknown device %s", w);
    return d;
}

/* "TO name": the name into dest, or an error. */
static int need_to(cp_cmd *x, char dest[CP_WORD_MAX])
{
    char w[CP_WORD_MAX];
    if (!cp_cmd_word(x, w, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing TO and a destination");
    if (strcmp(w, "TO") != 0)
        return cp_cmd_error(x, CP_RC_OPERAND, "expected TO, found %s", w);
    if (!cp_cmd_word(x, dest, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing destination after TO");
    return CP_RC_OK;
}

/* The operator has no devices of its own. */
static int need_issuer(cp_cmd *x)
{
    if (x->issuer)
        return CP_RC_OK;
    return cp_cmd_error(x, CP_RC_NOT_NOW, "the operator has no spool devices");
}

/* SPOOL PUNCH TO vm|*  /  SPOOL PRINTER TO vm|*|OFF */
int cp_cmd_spool(cp_cmd *x)
{
    int rc = CP_RC_OK;
    char dest[CP_WORD_MAX];
    spool_device d = need_device(x, &rc);
    if (rc || (rc = need_to(x, dest)) || (rc = cp_cmd_end(x)) || (rc = need_issuer(x)))
        return rc;
    char err[160];
    rc = d == DEV_PUNCH ? cp_spool_set_punch_dest(x->issuer, dest, err, sizeof err)
                        : cp_spool_set_printer_dest(x->issuer, dest, err, sizeof err);
    return rc ? cp_cmd_error(x, rc, "%s", err) : CP_RC_OK;
}

/* CLOSE PUNCH|PRINTER: the open file is closed and sent, as CONTROL does. */
int cp_cmd_close(cp_cmd *x)
{
    int rc = CP_RC_OK;
    spool_device d = need_device(x, &rc);
    if (rc || (rc = cp_cmd_end(x)) || (rc = need_issuer(x)))
        return rc;
    char err[160];
    rc = d == DEV_PUNCH ? cp_spool_close_punch(x->issuer, err, sizeof err)
                        : cp_spool_close_printer(x->issuer, err, sizeof err);
    return rc ? cp_cmd_error(x, rc, "%s", err) : CP_RC_OK;
}

/* A spool id: 1 to 9 decimal digits, not 0. */
static bool parse_id(const char *w, uint32_t *id)
{
    size_t n = strlen(w);
    if (n == 0 || n > 9 || strspn(w, "0123456789") != n)
        return false;
    *id = (uint32_t)strtoul(w, NULL, 10);
    return *id != 0;
}

/* TRANSFER [id] TO vm */
int cp_cmd_transfer(cp_cmd *x)
{
    char w[CP_WORD_MAX], dest[CP_WORD_MAX];
    uint32_t id = 0;
    const char *rest = x->p;
    if (cp_cmd_word(x, w, true) && strcmp(w, "TO") != 0) {
        if (!parse_id(w, &id))
            return cp_cmd_error(x, CP_RC_OPERAND, "bad spool id %s", w);
    } else {
        x->p = rest;                /* TO (or nothing): need_to reads it */
    }
    int rc = need_to(x, dest);
    if (rc || (rc = cp_cmd_end(x)))
        return rc;
    cp_vm *to = cp_vm_find(x->c, dest);
    if (!to)
        return cp_cmd_error(x, CP_RC_NOT_FOUND, "no VM named %s", dest);
    char err[160];
    uint32_t moved = 0;
    rc = cp_spool_transfer(x->c, x->issuer, id, to, &moved, err, sizeof err);
    if (rc)
        return cp_cmd_error(x, rc, "%s", err);
    cp_out_printf(x->out, "FILE %04u TRANSFERRED TO %s\n", (unsigned)moved, to->name);
    return CP_RC_OK;
}
