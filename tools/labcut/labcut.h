/*
 * labcut.h -- solution regions in the reference tree, and cutting them out.
 *
 * A lab's solution lives in the real sources between markers, with the stub
 * that replaces it in the students' starter tree right beside it
 * (labs/README.md).  In C (the stub is a comment in the reference tree):
 *
 *      / * LAB <lab> BEGIN: what to write * /
 *      ...the reference code...
 *      / * LAB <lab> STUB
 *      ...the stub, verbatim...
 *      LAB <lab> END * /
 *
 * (written here with spaced-out comment delimiters).  With a line comment
 * leader L (";" in assembly, "#" in shell and text files, "//"):
 *
 *      L LAB <lab> BEGIN: what to write
 *      ...the reference...
 *      L LAB <lab> STUB
 *      L ...each stub line, behind the leader and one blank...
 *      L LAB <lab> END
 *
 * Cutting a lab replaces each of its regions by a "LAB <lab> TODO: what to
 * write" line and the stub; other labs' regions stay as they are.  Lab names
 * are 1-31 of a-z 0-9 - (so "LAB <lab>" in prose is never a marker).
 */
#ifndef PG_LABCUT_H
#define PG_LABCUT_H

#include <stdbool.h>
#include <stddef.h>

#define LAB_NAME_MAX 31

/* A growing byte buffer. */
typedef struct lab_buf {
    char *p;
    size_t len, cap;
} lab_buf;

bool lab_buf_put(lab_buf *b, const char *s, size_t n);
void lab_buf_free(lab_buf *b);

/* What a file's markers hold: per lab, how many regions. */
typedef struct lab_count {
    char name[LAB_NAME_MAX + 1];
    int regions;
} lab_count;

typedef struct lab_scan {
    lab_count labs[64];
    int nlabs;
} lab_scan;

/* Cut one file's text: its regions of lab `lab` (NULL: none, only check)
   become their TODO line and stub in *out (NULL: no output).  Every
   marker of every lab is checked; counts go into *scan (may be NULL).
   Returns the number of regions of `lab` cut, or -1 with
   "PATH:LINE: reason" in err. */
int lab_cut(const char *path, const char *text, size_t len, const char *lab, lab_buf *out,
            lab_scan *scan, char *err, size_t errsize);

/* Is name a valid lab name? */
bool lab_name_valid(const char *name);

#endif
