/*
 * labcut_main.c -- the labcut command line: check every solution marker of
 * a tree, list the files a lab's students edit, and cut a lab's starter
 * tree (the whole project with that lab's regions replaced by their stubs).
 * Each refusal is one "labcut: ..." line; exit status 0 done, 1 refused,
 * 2 wrong command line.
 */
#include "labcut.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

static const char usage[] =
    "usage: labcut check [--root DIR] [FILE...]\n"
    "       labcut list LAB [--root DIR] [FILE...]\n"
    "       labcut cut LAB DEST [--root DIR] [FILE...]\n"
    "Solution regions of the course labs (labs/README.md has the markers).\n"
    "  check        check every marker of every file; name the labs and regions\n"
    "  list LAB     the files that hold LAB's regions (the files its students edit)\n"
    "  cut LAB DEST write the starter tree of LAB into DEST (which must not exist or\n"
    "               be empty): every file, with LAB's regions replaced by their stubs\n"
    "               and no labs/*/hidden/ folder; unchanged files keep their times\n"
    "FILEs are paths relative to --root (default .), or one per line on standard\n"
    "input when none is given.  Every lab named by a marker must have a folder\n"
    "labs/NAME/ under the root.\n"
    "Exit status: 0 done, 1 refused (a bad marker, a lab without regions, an\n"
    "unusable DEST), 2 usage.\n";

/* The command line. */
typedef struct args {
    const char *cmd, *lab, *dest, *root;
    char **files;
    int nfiles;
} args;

/* A file's contents, read whole; NULL with a reason. */
static char *slurp(const char *path, size_t *len, mode_t *mode, char *err, size_t n)
{
    FILE *f = fopen(path, "rb");
    struct stat sb;
    if (!f || fstat(fileno(f), &sb) != 0) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        if (f)
            fclose(f);
        return NULL;
    }
    *mode = sb.st_mode;
    lab_buf b = {0};
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!lab_buf_put(&b, chunk, got)) {
            snprintf(err, n, "%s: out of memory", path);
            fclose(f);
            lab_buf_free(&b);
            return NULL;
        }
    bool bad = ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, n, "%s: read error", path);
        lab_buf_free(&b);
        return NULL;
    }
    *len = b.len;
    return b.p ? b.p : calloc(1, 1);
}

/* Is the path inside some labs/NAME/hidden/ folder (never in a starter)? */
static bool hidden_path(const char *rel)
{
    const char *p = strncmp(rel, "./", 2) == 0 ? rel + 2 : rel;
    if (strncmp(p, "labs/", 5) != 0)
        return false;
    const char *slash = strchr(p + 5, '/');
    return slash && strncmp(slash, "/hidden/", 8) == 0;
}

/* Does text hold a NUL byte (a binary file, copied as it is)? */
static bool binary(const char *text, size_t len)
{
    return memchr(text, '\0', len) != NULL;
}

/* The files to work on: the arguments, else standard input's lines. */
static bool read_file_list(args *a)
{
    if (a->nfiles)
        return true;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int capf = 0;
    while ((got = getline(&line, &cap, stdin)) > 0) {
        if (line[got - 1] == '\n')
            line[--got] = '\0';
        if (!got)
            continue;
        if (a->nfiles == capf) {
            capf = capf ? capf * 2 : 256;
            char **p = realloc(a->files, (size_t)capf * sizeof *p);
            if (!p)
                return false;
            a->files = p;
        }
        if (!(a->files[a->nfiles++] = strdup(line)))
            return false;
    }
    free(line);
    return true;
}

/* root/rel into buf. */
static void join(char *buf, size_t n, const char *root, const char *rel)
{
    snprintf(buf, n, "%s/%s", root, rel);
}

/* Every directory on the way to path (mkdir -p of its parent). */
static bool make_parents(const char *path, char *err, size_t n)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
            snprintf(err, n, "%s: %s", tmp, strerror(errno));
            return false;
        }
        *p = '/';
    }
    return true;
}

/* Write a file with the source's permission bits; when keep_times, also
   its modification time (so a build copied along stays valid for it). */
static bool write_file(const char *path, const char *data, size_t len, const struct stat *src,
                       bool keep_times, char *err, size_t n)
{
    if (!make_parents(path, err, n))
        return false;
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, src->st_mode & 07777);
    if (fd < 0) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        return false;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w < 0) {
            snprintf(err, n, "%s: %s", path, strerror(errno));
            close(fd);
            return false;
        }
        done += (size_t)w;
    }
    if (keep_times) {
        struct timespec t[2] = {src->st_atim, src->st_mtim};
        futimens(fd, t);
    }
    if (close(fd) != 0) {
        snprintf(err, n, "%s: %s", path, strerror(errno));
        return false;
    }
    return true;
}

/* Is DEST usable: missing (then created) or an empty directory? */
static bool dest_ready(const char *dest, char *err, size_t n)
{
    DIR *d = opendir(dest);
    if (!d) {
        if (errno != ENOENT) {
            snprintf(err, n, "%s: %s", dest, strerror(errno));
            return false;
        }
        if (!make_parents(dest, err, n))
            return false;
        if (mkdir(dest, 0777) != 0) {
            snprintf(err, n, "%s: %s", dest, strerror(errno));
            return false;
        }
        return true;
    }
    struct dirent *e;
    bool empty = true;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            empty = false;
    closedir(d);
    if (!empty)
        snprintf(err, n, "%s exists and is not empty: refusing to write a starter there", dest);
    return empty;
}

/* Does labs/NAME/ exist under the root? */
static bool lab_exists(const char *root, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/labs/%s", root, name);
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Add one file's counts to the whole tree's. */
static void merge(lab_scan *all, const lab_scan *one)
{
    for (int i = 0; i < one->nlabs; i++) {
        int k = 0;
        while (k < all->nlabs && strcmp(all->labs[k].name, one->labs[i].name))
            k++;
        if (k == all->nlabs) {
            if (k == (int)(sizeof all->labs / sizeof all->labs[0]))
                continue;
            all->labs[all->nlabs++] = (lab_count){{0}, 0};
            strcpy(all->labs[k].name, one->labs[i].name);
        }
        all->labs[k].regions += one->labs[i].regions;
    }
}

/* Go through every file: check its markers; for cut, write it to DEST.
   Returns the exit status. */
static int run(args *a)
{
    char err[4500], path[4096];
    bool cutting = strcmp(a->cmd, "cut") == 0, listing = strcmp(a->cmd, "list") == 0;
    if (a->lab && !lab_name_valid(a->lab)) {
        fprintf(stderr, "labcut: '%s' is not a lab name (1-%d of a-z 0-9 -)\n", a->lab,
                LAB_NAME_MAX);
        return 2;
    }
    if (a->lab && !lab_exists(a->root, a->lab)) {
        fprintf(stderr, "labcut: there is no lab %s (no folder %s/labs/%s)\n", a->lab, a->root,
                a->lab);
        return 1;
    }
    if (!read_file_list(a)) {
        fprintf(stderr, "labcut: out of memory\n");
        return 1;
    }
    /* first pass: every marker is checked before anything is written */
    lab_scan all = {0};
    int files_with = 0, mine = 0;
    for (int i = 0; i < a->nfiles; i++) {
        join(path, sizeof path, a->root, a->files[i]);
        size_t len;
        mode_t mode;
        struct stat sb;
        if (lstat(path, &sb) != 0 && errno == ENOENT)
            continue;               /* listed but deleted in the working tree */
        if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode))
            continue;               /* symbolic links, folders: not the tree's files */
        char *text = slurp(path, &len, &mode, err, sizeof err);
        if (!text) {
            fprintf(stderr, "labcut: %s\n", err);
            return 1;
        }
        lab_scan one = {0};
        int n = binary(text, len) ? 0 : lab_cut(a->files[i], text, len, a->lab, NULL, &one, err,
                                                sizeof err);
        free(text);
        if (n < 0) {
            fprintf(stderr, "labcut: %s\n", err);
            return 1;
        }
        for (int k = 0; k < one.nlabs; k++)
            if (!lab_exists(a->root, one.labs[k].name)) {
                fprintf(stderr, "labcut: %s: a region of lab %s, but there is no labs/%s/\n",
                        a->files[i], one.labs[k].name, one.labs[k].name);
                return 1;
            }
        merge(&all, &one);
        files_with += one.nlabs > 0;
        mine += n;
        if (listing && n > 0)
            printf("%s\n", strncmp(a->files[i], "./", 2) == 0 ? a->files[i] + 2 : a->files[i]);
    }
    if (a->lab && mine == 0) {
        fprintf(stderr, "labcut: lab %s has no solution regions in these files\n", a->lab);
        return 1;
    }
    if (!cutting) {
        if (!listing) {
            int regions = 0;
            for (int k = 0; k < all.nlabs; k++)
                regions += all.labs[k].regions;
            printf("labcut: %d regions of %d labs in %d files:", regions, all.nlabs, files_with);
            for (int k = 0; k < all.nlabs; k++)
                printf(" %s %d", all.labs[k].name, all.labs[k].regions);
            printf("\n");
        }
        return 0;
    }
    if (!dest_ready(a->dest, err, sizeof err)) {
        fprintf(stderr, "labcut: %s\n", err);
        return 1;
    }
    for (int i = 0; i < a->nfiles; i++) {
        if (hidden_path(a->files[i]))
            continue;
        join(path, sizeof path, a->root, a->files[i]);
        struct stat sb;
        if (lstat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
            continue;
        size_t len;
        mode_t mode;
        char *text = slurp(path, &len, &mode, err, sizeof err);
        if (!text) {
            fprintf(stderr, "labcut: %s\n", err);
            return 1;
        }
        lab_buf out = {0};
        int n = binary(text, len) ? 0 : lab_cut(a->files[i], text, len, a->lab, &out, NULL, err,
                                                sizeof err);
        char dst[4096];
        join(dst, sizeof dst, a->dest, a->files[i]);
        bool ok = n >= 0 && write_file(dst, n > 0 ? out.p : text, n > 0 ? out.len : len, &sb,
                                       n == 0, err, sizeof err);
        free(text);
        lab_buf_free(&out);
        if (!ok) {
            fprintf(stderr, "labcut: %s\n", err);
            return 1;
        }
    }
    printf("labcut: starter of lab %s in %s (%d regions cut)\n", a->lab, a->dest, mine);
    return 0;
}

int main(int argc, char **argv)
{
    args a = {.root = "."};
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    a.cmd = argv[1];
    int need = !strcmp(a.cmd, "check") ? 0 : !strcmp(a.cmd, "list") ? 1 : !strcmp(a.cmd, "cut") ? 2 : -1;
    if (need < 0) {
        fprintf(stderr, "labcut: unknown command '%s' (check, list, cut)\n", a.cmd);
        return 2;
    }
    int i = 2;
    if (argc - i < need) {
        fprintf(stderr, "labcut: %s needs %s\n", a.cmd, need == 1 ? "a LAB" : "a LAB and a DEST");
        return 2;
    }
    if (need >= 1)
        a.lab = argv[i++];
    if (need == 2)
        a.dest = argv[i++];
    a.files = calloc((size_t)argc, sizeof *a.files);
    if (!a.files)
        return 1;
    for (; i < argc; i++) {
        if (!strcmp(argv[i], "--root")) {
            if (++i == argc) {
                fprintf(stderr, "labcut: --root needs a folder\n");
                return 2;
            }
            a.root = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "labcut: unknown option '%s'\n", argv[i]);
            return 2;
        } else {
            a.files[a.nfiles++] = argv[i];
        }
    }
    return run(&a);
}
