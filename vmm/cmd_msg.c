/*
 * cmd_msg.c -- MSG: a line on another VM's console output (never its
 * input, so a guest cannot be driven by messages), from a VM or the
 * operator.
 */
#include <stdlib.h>
#include <string.h>

#include "command.h"
#include "cp_priv.h"

/* MSG vm text */
int cp_cmd_msg(cp_cmd *x)
{
    char name[CP_WORD_MAX];
    if (!cp_cmd_word(x, name, true))
        return cp_cmd_error(x, CP_RC_OPERAND, "missing VM name and message text");
    size_t cap = strlen(x->p) + 1;
    char *text = malloc(cap);
    if (!text)
        return cp_cmd_error(x, CP_RC_NO_MEMORY, "out of memory");
    int rc = CP_RC_OK;
    cp_vm *to = NULL;
    if (cp_cmd_rest(x, text, cap) == 0)
        rc = cp_cmd_error(x, CP_RC_OPERAND, "missing message text");
    else if (!(to = cp_vm_find(x->c, name)))
        rc = cp_cmd_error(x, CP_RC_NOT_FOUND, "no VM named %s", name);
    if (rc == CP_RC_OK) {
        cp_out line;
        cp_out_init(&line);
        cp_out_printf(&line, "MSG FROM %s: %s\n", cp_cmd_issuer_name(x), text);
        if (line.failed)
            rc = cp_cmd_error(x, CP_RC_NO_MEMORY, "out of memory");
        else
            cp_vdevs_console_message(to, line.text, line.len);
        cp_out_free(&line);
    }
    free(text);
    return rc;
}
