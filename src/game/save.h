/* The player's progress: best finishing time per level. Pure data and its
 * text form; the platform layer writes it to disk atomically. */
#ifndef MM_SAVE_H
#define MM_SAVE_H

#include <stddef.h>
#include <stdint.h>

#define SAVE_FORMAT_VERSION 1
#define SAVE_MAX_LEVELS 256
#define SAVE_ID_MAX 63

typedef struct save_entry {
    char id[SAVE_ID_MAX + 1]; /* the level's file name, e.g. "01-tar-pits.mml" */
    int32_t best_ticks;       /* fewest ticks to reach Julie; 0 = never won */
} save_entry_t;

typedef struct save {
    int32_t count;
    save_entry_t entries[SAVE_MAX_LEVELS];
} save_t;

void save_init(save_t *s);
/* 0 when never won. */
int32_t save_best(const save_t *s, const char *id);
/* Records a win; returns 1 if it is a new best, 0 if not, -1 if the save is full. */
int save_record(save_t *s, const char *id, int32_t ticks);

/* Returns the number of bytes written (excluding NUL), or -1 if cap is too small. */
int save_write(const save_t *s, char *buf, size_t cap);
/* Returns 0, or -1 with a message in err ("line N: ..."); s is left holding
 * every good line read before the problem. */
int save_parse(save_t *s, const char *buf, size_t len, char *err, size_t err_cap);

#endif
