/* The player's settings (volumes, mute, fullscreen, which control prompts
 * are no longer needed), kept in the per-user
 * folder beside the saves, written atomically. Plain C: no SDL. */
#ifndef MM_SETTINGS_H
#define MM_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#define SETTINGS_VOLUME_MAX 10

typedef struct settings {
    int music_volume; /* 0..SETTINGS_VOLUME_MAX */
    int sfx_volume;
    bool muted;
    bool fullscreen;
    /* Controls the player has used: their prompts are not shown again. */
    bool knows_sprint;
    bool knows_action;
    /* The ghost raced in a level: SETTINGS_GHOST_OFF, _BEST (your best run)
     * or _EXPERT (the shipped expert run). */
    int ghost;
} settings_t;

enum { SETTINGS_GHOST_OFF, SETTINGS_GHOST_BEST, SETTINGS_GHOST_EXPERT, SETTINGS_GHOST_MODES };

void settings_default(settings_t *s);
/* Parses; on a problem returns -1 with "line N: ..." in err and keeps the
 * defaults for what could not be read. */
int settings_parse(settings_t *s, const char *buf, size_t len, char *err, size_t err_cap);
int settings_write(const settings_t *s, char *buf, size_t cap);

/* Loads from path (missing file: defaults, no warning). A damaged file is
 * kept as path.damaged; warn gets a message for the player. */
void settings_load(settings_t *s, const char *path, char *warn, size_t warn_cap);
bool settings_save(const settings_t *s, const char *path, char *err, size_t err_cap);

#endif
