/* Recorded inputs, one per tick, tied to the level they were made for. */
#ifndef MM_REPLAY_H
#define MM_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#define REPLAY_FORMAT_VERSION 1
/* An hour of play at 60 ticks a second. */
#define REPLAY_MAX_TICKS (3600 * 60)

typedef struct replay {
    uint64_t level_hash;
    int32_t count;
    int32_t cap;
    uint8_t *inputs; /* input_t.buttons per tick */
} replay_t;

replay_t *replay_create(uint64_t level_hash);
void replay_destroy(replay_t *r);
void replay_clear(replay_t *r);
/* Returns 0, or -1 when the replay is full or out of memory. */
int replay_push(replay_t *r, uint8_t buttons);

/* Serialises to text; returns a malloc'd NUL-terminated buffer (free() it). */
char *replay_write(const replay_t *r, size_t *len_out);
/* Parses text; on failure returns NULL and fills err as "line:col: message". */
replay_t *replay_parse(const char *buf, size_t len, char *err, size_t err_cap);

#endif
