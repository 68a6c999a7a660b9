/* The player's settings (volumes, mute, fullscreen, which control prompts
 * are no longer needed), kept in the per-user
 * folder beside the saves, written atomically. Plain C: no SDL. */
#ifndef MM_SETTINGS_H
#define MM_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

#define SETTINGS_VOLUME_MAX 10
/* Room for settings_write's text. */
#define SETTINGS_TEXT_MAX 8192 /* the controls' lines included */

/* Remapped controls, kept as the player (or the file) wrote them:
 * "key.up" = "Up, W", "pad.sprint" = "a, righttrigger". The names mean
 * something only to the input code (platform/input.c), which reads them and
 * warns about ones it does not know; here they are only kept and written. */
#define SETTINGS_MAX_BINDS 32
#define SETTINGS_BIND_NAME 24
#define SETTINGS_BIND_VALUE 96
typedef struct settings_bind {
    char name[SETTINGS_BIND_NAME];   /* "key.ACTION" or "pad.ACTION" */
    char value[SETTINGS_BIND_VALUE]; /* names separated by commas */
} settings_bind_t;

typedef struct settings {
    int music_volume; /* 0..SETTINGS_VOLUME_MAX */
    int sfx_volume;
    bool muted;
    bool fullscreen;
    /* Controls the player has used: their prompts are not shown again. */
    bool knows_sprint;
    bool knows_action;
    /* Controls (key.* and pad.* lines), in the file's order. */
    int bind_count;
    settings_bind_t binds[SETTINGS_MAX_BINDS];
    /* The ghost raced in a level: SETTINGS_GHOST_OFF, _BEST (your best run)
     * or _EXPERT (the shipped expert run). */
    int ghost;
    /* Assists (game_assists_t), applied to every level from the next try. */
    int assist_clock; /* the clock's speed, 50..100 percent in steps of 10 */
    int assist_extra; /* extra seconds at the start: 0, 10, 20 or 30 */
    bool assist_no_fail;
    bool assist_soft; /* hazards only slow you */
    /* Accessibility. */
    bool no_flash;   /* the white flash becomes a slow fade */
    bool no_shake;   /* the screen never shakes */
    bool large_text; /* menus in a larger size */
} settings_t;

enum { SETTINGS_GHOST_OFF, SETTINGS_GHOST_BEST, SETTINGS_GHOST_EXPERT, SETTINGS_GHOST_MODES };

void settings_default(settings_t *s);
/* Parses; on a problem returns -1 with "line N: ..." in err and keeps the
 * defaults for what could not be read. */
int settings_parse(settings_t *s, const char *buf, size_t len, char *err, size_t err_cap);
int settings_write(const settings_t *s, char *buf, size_t cap);
/* Sets (or adds) a key.* / pad.* line's value; false when there is no room
 * or the name or value is too long. */
bool settings_set_bind(settings_t *s, const char *name, const char *value);
/* The value of a key.* / pad.* line, or NULL when the file has none. */
const char *settings_get_bind(const settings_t *s, const char *name);

/* Loads from path (missing file: defaults, no warning). A damaged file is
 * kept as path.damaged; warn gets a message for the player. */
void settings_load(settings_t *s, const char *path, char *warn, size_t warn_cap);
bool settings_save(const settings_t *s, const char *path, char *err, size_t err_cap);

#endif
