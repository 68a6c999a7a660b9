#include "platform/ghost_file.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"

/* The folder part of a path, with its separator ("" for a bare name). */
static size_t dir_len(const char *path)
{
    size_t n = strlen(path);
    while (n > 0 && path[n - 1] != '/' && path[n - 1] != '\\') n--;
    return n;
}

void ghost_file_path(const char *save_path, const char *id, char *out, size_t cap)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3ull;
    }
    snprintf(out, cap, "%.*sghost-%016" PRIx64 ".replay", (int)dir_len(save_path), save_path, h);
}

void ghost_file_expert_path(const char *data_dir, const char *level_file, char *out, size_t cap)
{
    const char *name = files_basename(level_file);
    size_t n = strlen(name);
    if (n > 4 && strcmp(name + n - 4, ".mml") == 0) n -= 4;
    snprintf(out, cap, "%s/replays/%.*s.replay", data_dir, (int)n, name);
}

bool ghost_file_store(const char *path, const replay_t *r, char *err, size_t err_cap)
{
    size_t n = 0;
    char *text = replay_write(r, &n);
    if (!text) {
        snprintf(err, err_cap, "out of memory");
        return false;
    }
    bool ok = files_write_atomic(path, text, n, err, err_cap);
    free(text);
    return ok;
}

replay_t *ghost_file_load(const char *path, char *err, size_t err_cap)
{
    if (!files_exists(path)) {
        snprintf(err, err_cap, "no run kept yet");
        return NULL;
    }
    char why[512];
    size_t len = 0;
    char *buf = files_read(path, 16 << 20, &len, why, sizeof why);
    if (!buf) {
        snprintf(err, err_cap, "%s", why);
        return NULL;
    }
    replay_t *r = replay_parse(buf, len, why, sizeof why);
    free(buf);
    if (!r) snprintf(err, err_cap, "%s: %s", files_basename(path), why);
    return r;
}
