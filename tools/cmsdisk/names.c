/*
 * names.c -- file names, file types and labels: 1 to 8 characters of
 * A-Z 0-9 $ # @, stored blank-padded to 8 bytes.
 */
#include "cmsdisk.h"

#include <string.h>

/* Is c one of the characters a name may hold (upper case only)? */
static bool name_char(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' || c == '@';
}

/* Upper-case and check a name typed by the user; `what` says which name it is
   ("file name", "file type", "label") for the message. */
int cms_name_parse(const char *in, char out[CMS_NAME_LEN + 1], const char *what, cms_err *e)
{
    size_t n = strlen(in);
    if (n == 0 || n > CMS_NAME_LEN)
        return cms_fail(e, "bad %s '%s': 1 to %d characters of A-Z 0-9 $ # @", what, in,
                        CMS_NAME_LEN);
    for (size_t i = 0; i < n; i++) {
        int c = (unsigned char)in[i];
        if (c >= 'a' && c <= 'z')
            c -= 'a' - 'A';
        if (!name_char(c))
            return cms_fail(e, "bad %s '%s': 1 to %d characters of A-Z 0-9 $ # @", what, in,
                            CMS_NAME_LEN);
        out[i] = (char)c;
    }
    out[n] = '\0';
    return CMS_OK;
}

/* Is the 8-byte field a valid stored name (characters, then only blanks)?
   Its text goes to out either way (unprintable bytes as '?'). */
bool cms_name_field_ok(const unsigned char *field, char out[CMS_NAME_LEN + 1])
{
    size_t n = 0;
    while (n < CMS_NAME_LEN && field[n] != ' ')
        n++;
    bool ok = n > 0;
    for (size_t i = 0; i < CMS_NAME_LEN; i++) {
        int c = field[i];
        if (i < n && !name_char(c))
            ok = false;
        if (i >= n && c != ' ')
            ok = false;
    }
    size_t shown = ok ? n : CMS_NAME_LEN;
    for (size_t i = 0; i < shown; i++)
        out[i] = field[i] >= 0x20 && field[i] < 0x7F ? (char)field[i] : '?';
    out[shown] = '\0';
    return ok;
}

/* Store a checked name blank-padded into an 8-byte field. */
void cms_name_store(unsigned char *field, const char *name)
{
    size_t n = strlen(name);
    memset(field, ' ', CMS_NAME_LEN);
    memcpy(field, name, n < CMS_NAME_LEN ? n : CMS_NAME_LEN);
}
