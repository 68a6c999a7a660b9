#define _POSIX_C_SOURCE 200809L
#include "common/files.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#if defined(_WIN32)
#include <io.h>
#include <windows.h>
#else
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#endif
#ifdef __EMSCRIPTEN__
/* tools/web/library.js: the page copies the per-user folder to IndexedDB. */
void mm_web_persist(void);
#endif

/* What a path that is not a regular file is, in words. */
static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m)) return "a folder";
#ifdef S_ISFIFO
    if (S_ISFIFO(m)) return "a named pipe";
#endif
#ifdef S_ISCHR
    if (S_ISCHR(m)) return "a device";
#endif
#ifdef S_ISBLK
    if (S_ISBLK(m)) return "a device";
#endif
#ifdef S_ISSOCK
    if (S_ISSOCK(m)) return "a socket";
#endif
    return "something other than a file";
}

/* Only regular files are read: a named pipe blocks the reader until someone
 * writes to it, and a folder or a device is never a level, a save or a
 * replay. It is looked at before it is opened (opening a pipe blocks, and
 * opening a device may do something), and again once open. */
static FILE *open_regular(const char *path, size_t max_bytes, char *err, size_t err_cap)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, err_cap, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, err_cap, "cannot read %s: it is %s, not a regular file", path,
                 kind_of(st.st_mode));
        return NULL;
    }
    if ((unsigned long long)st.st_size > max_bytes) {
        snprintf(err, err_cap, "%s is larger than %zu bytes", path, max_bytes);
        return NULL;
    }
#if defined(_WIN32)
    FILE *f = fopen(path, "rb");
    if (!f) snprintf(err, err_cap, "cannot open %s: %s", path, strerror(errno));
    return f;
#else
    /* O_NONBLOCK: should it have become a pipe since, open does not wait. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(err, err_cap, "cannot open %s: %s", path, strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        snprintf(err, err_cap, "cannot read %s: it is %s, not a regular file", path,
                 kind_of(st.st_mode));
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        snprintf(err, err_cap, "cannot open %s: %s", path, strerror(errno));
        close(fd);
    }
    return f;
#endif
}

char *files_read(const char *path, size_t max_bytes, size_t *len_out, char *err, size_t err_cap)
{
    FILE *f = open_regular(path, max_bytes, err, err_cap);
    if (!f) return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap + 1);
    while (buf && len <= max_bytes) {
        if (len == cap) {
            /* Room for one byte past the limit tells a file of exactly
             * max_bytes from a larger one. */
            size_t limit = max_bytes < SIZE_MAX / 2 ? max_bytes + 1 : SIZE_MAX / 2;
            size_t grow = cap * 2 > limit ? limit : cap * 2;
            char *p = realloc(buf, grow + 1);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
            cap = grow;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0) break;
    }
    if (!buf) {
        snprintf(err, err_cap, "out of memory reading %s", path);
        fclose(f);
        return NULL;
    }
    if (ferror(f)) {
        snprintf(err, err_cap, "cannot read %s: %s", path, strerror(errno));
        free(buf);
        fclose(f);
        return NULL;
    }
    fclose(f);
    if (len > max_bytes) {
        snprintf(err, err_cap, "%s is larger than %zu bytes", path, max_bytes);
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    if (len_out) *len_out = len;
    return buf;
}

bool files_write_atomic(const char *path, const void *data, size_t len, char *err, size_t err_cap)
{
    char tmp[4096];
    int n = snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        snprintf(err, err_cap, "path too long: %s", path);
        return false;
    }
#if defined(_WIN32)
    FILE *f = fopen(tmp, "wb");
#else
    /* A new file of our own every time: whatever has the name goes first (a
     * leftover of a crash; a named pipe, which would block the game; a link,
     * which would lead the write elsewhere), and O_EXCL makes sure of it. */
    unlink(tmp);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY, 0666);
    FILE *f = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (fd >= 0 && !f) close(fd);
#endif
    if (!f) {
        snprintf(err, err_cap, "cannot write %s: %s", tmp, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len && fflush(f) == 0;
#if !defined(_WIN32)
    /* The data must be on disk before the rename makes it the real file. */
    ok = ok && fsync(fileno(f)) == 0;
#endif
    int saved = errno;
    if (fclose(f) != 0) ok = false;
    if (!ok) {
        snprintf(err, err_cap, "cannot write %s: %s", tmp, strerror(saved ? saved : errno));
        remove(tmp);
        return false;
    }
#if defined(_WIN32)
    if (!MoveFileExA(tmp, path, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
        snprintf(err, err_cap, "cannot replace %s", path);
        remove(tmp);
        return false;
    }
#else
    if (rename(tmp, path) != 0) {
        snprintf(err, err_cap, "cannot replace %s: %s", path, strerror(errno));
        remove(tmp);
        return false;
    }
#endif
#ifdef __EMSCRIPTEN__
    /* In the browser the per-user folder is kept in memory and mirrored to
     * IndexedDB; the page copies it there now that the file is whole. */
    mm_web_persist();
#endif
    return true;
}

bool files_stamp(const char *path, long long *stamp)
{
    struct stat st;
    if (stat(path, &st) != 0) return false;
#if defined(__linux__)
    *stamp =
        (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec + (long long)st.st_size;
#else
    *stamp = (long long)st.st_mtime * 1000000000LL + (long long)st.st_size;
#endif
    return true;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

int files_list(const char *dir, const char *const *suffixes, char (*names)[256], int max)
{
    int n = 0;
#if !defined(_WIN32)
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len >= 256) continue;
        bool ok = false;
        for (const char *const *s = suffixes; *s && !ok; s++) {
            size_t sl = strlen(*s);
            ok = len > sl && strcmp(e->d_name + len - sl, *s) == 0;
        }
        if (ok) memcpy(names[n++], e->d_name, len + 1);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
#else
    (void)dir;
    (void)suffixes;
    (void)names;
    (void)max;
#endif
    return n;
}

bool files_keep_aside(const char *path, const char *suffix, char *kept, size_t kept_cap)
{
    for (int i = 1; i < 10000; i++) {
        int w = i == 1 ? snprintf(kept, kept_cap, "%s%s", path, suffix)
                       : snprintf(kept, kept_cap, "%s%s-%d", path, suffix, i);
        if (w < 0 || (size_t)w >= kept_cap) break;
#if defined(_WIN32)
        /* rename never replaces a file on Windows. */
        if (rename(path, kept) == 0) return true;
        if (!files_exists(kept)) break;
#else
        /* A hard link is made only where no file is: nothing is ever replaced. */
        if (link(path, kept) == 0) {
            unlink(path);
            return true;
        }
        if (errno == EEXIST) continue;
        /* Folders that have no hard links (FAT, the browser's): look first. */
        if (files_exists(kept)) continue;
        if (rename(path, kept) == 0) return true;
        break;
#endif
    }
    if (kept_cap) kept[0] = '\0';
    return false;
}

bool files_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

const char *files_basename(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\') b = p + 1;
    return b;
}
