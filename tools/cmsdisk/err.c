/*
 * err.c -- the one-line reason a cmsdisk operation failed.
 */
#include "cmsdisk.h"

#include <stdarg.h>
#include <stdio.h>

/* Format the reason into e and return CMS_FAIL, so callers can write
   `return cms_fail(e, ...)`. */
int cms_fail(cms_err *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    return CMS_FAIL;
}
