#include "game/save.h"

#include <stdio.h>
#include <string.h>

void save_init(save_t *s)
{
    memset(s, 0, sizeof *s);
}

static save_entry_t *find(save_t *s, const char *id)
{
    for (int32_t i = 0; i < s->count; i++)
        if (strcmp(s->entries[i].id, id) == 0) return &s->entries[i];
    return NULL;
}

int32_t save_best(const save_t *s, const char *id)
{
    save_entry_t *e = find((save_t *)s, id);
    return e ? e->best_ticks : 0;
}

int save_record(save_t *s, const char *id, int32_t ticks)
{
    if (ticks <= 0 || strlen(id) > SAVE_ID_MAX) return -1;
    save_entry_t *e = find(s, id);
    if (!e) {
        if (s->count >= SAVE_MAX_LEVELS) return -1;
        e = &s->entries[s->count++];
        memset(e, 0, sizeof *e);
        snprintf(e->id, sizeof e->id, "%s", id);
    }
    if (e->best_ticks == 0 || ticks < e->best_ticks) {
        e->best_ticks = ticks;
        return 1;
    }
    return 0;
}

int save_write(const save_t *s, char *buf, size_t cap)
{
    size_t n = 0;
    int w = snprintf(buf, cap, "miraclemile-save %d\n", SAVE_FORMAT_VERSION);
    if (w < 0 || (size_t)w >= cap) return -1;
    n = (size_t)w;
    for (int32_t i = 0; i < s->count; i++) {
        if (s->entries[i].best_ticks <= 0) continue;
        w = snprintf(buf + n, cap - n, "best %s %d\n", s->entries[i].id,
                     (int)s->entries[i].best_ticks);
        if (w < 0 || (size_t)w >= cap - n) return -1;
        n += (size_t)w;
    }
    return (int)n;
}

int save_parse(save_t *s, const char *buf, size_t len, char *err, size_t err_cap)
{
    save_init(s);
    size_t pos = 0;
    int line = 0;
    while (pos < len) {
        char tmp[160];
        size_t start = pos;
        while (pos < len && buf[pos] != '\n') pos++;
        size_t l = pos - start;
        if (pos < len) pos++;
        line++;
        if (l >= sizeof tmp) {
            snprintf(err, err_cap, "line %d: too long", line);
            return -1;
        }
        memcpy(tmp, buf + start, l);
        tmp[l] = '\0';
        if (memchr(tmp, '\0', l)) {
            snprintf(err, err_cap, "line %d: binary data", line);
            return -1;
        }
        if (l > 0 && tmp[l - 1] == '\r') tmp[--l] = '\0';
        if (l == 0) continue;
        if (line == 1) {
            int ver = 0;
            char extra;
            if (sscanf(tmp, "miraclemile-save %d %c", &ver, &extra) != 1 || ver < 1 ||
                ver > SAVE_FORMAT_VERSION) {
                snprintf(err, err_cap, "line 1: not a save file of version 1 to %d",
                         SAVE_FORMAT_VERSION);
                return -1;
            }
            continue;
        }
        char id[SAVE_ID_MAX + 1];
        int ticks = 0;
        char extra;
        if (sscanf(tmp, "best %63s %d %c", id, &ticks, &extra) != 2 || ticks <= 0) {
            snprintf(err, err_cap, "line %d: expected 'best LEVEL TICKS'", line);
            return -1;
        }
        if (save_record(s, id, ticks) < 0) {
            snprintf(err, err_cap, "line %d: too many levels", line);
            return -1;
        }
    }
    if (line == 0) {
        snprintf(err, err_cap, "line 1: the file is empty");
        return -1;
    }
    return 0;
}
