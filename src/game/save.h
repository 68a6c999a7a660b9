/* The player's progress: best finishing time per level. Pure data and its
 * text form; the platform layer writes it to disk atomically.
 *
 * The text form, version 2: one line per level, its id in double quotes
 * (any bytes; '"', '\' and bytes that are not UTF-8 text written as \" \\
 * \xHH), then the best time in ticks:
 *
 *     miraclemile-save 2
 *     best "01-tar-pits.mml" 1234
 *     best "custom:win space.mml" 1560
 *
 * Version 3 adds the best run of "the whole night" (game/night.h): its score
 * (the clock left at the end, in ticks), then one line per level in play
 * order with the ticks its tries ran and the clock left when it was won:
 *
 *     night 2166
 *     split "01-tar-pits.mml" 501 1000
 *
 * Version 4 adds, per level, the closest a lost run came (the ticks of
 * walking it left to Julie; the fewest kept) and the best run's splits (the
 * clock's ticks at each checkpoint and key, game/medal.h):
 *
 *     closest "02-payphone.mml" 95
 *     splits "01-tar-pits.mml" 402 777
 *
 * Version 5 keeps runs played with assists (game.h) apart: a level's best
 * and the night's best run with "assisted " in front, never mixed with the
 * unassisted bests:
 *
 *     assisted best "01-tar-pits.mml" 1400
 *     assisted night 900
 *     assisted split "01-tar-pits.mml" 700 1100
 *
 * Version 1 files (id unquoted, written by older games), version 2 files
 * (no night), version 3 files (no closest, no splits) and version 4 files
 * (no assisted runs) are still read. */
#ifndef MM_SAVE_H
#define MM_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SAVE_FORMAT_VERSION 5
#define SAVE_MAX_LEVELS 256
/* Room for "custom:" and any file name a desktop system allows (255 UTF-16
 * units are at most 765 bytes of UTF-8). Longer ids are refused, never cut:
 * two cut names could be the same. */
#define SAVE_ID_MAX 1023
/* No level's clock is longer: LEVEL_MAX_TIME_S (3600 s) at GAME_TICK_HZ (60). */
#define SAVE_MAX_TICKS 216000
/* Levels in the night's best run (NIGHT_MAX_LEVELS). */
#define SAVE_NIGHT_LEVELS 16
/* Splits kept of a level's best run (MEDAL_MAX_SPLITS). */
#define SAVE_MAX_SPLITS 16
/* The most text save_write makes: every byte of every id escaped, on each
 * level's three lines (best, closest, splits), its assisted best's, and
 * both nights'. */
#define SAVE_TEXT_MAX                                                                              \
    (32 +                                                                                          \
     (SAVE_MAX_LEVELS * 4 + 2 * SAVE_NIGHT_LEVELS) * (4 * SAVE_ID_MAX + 50 + SAVE_MAX_SPLITS * 8))

typedef struct save_entry {
    char id[SAVE_ID_MAX + 1]; /* the level's key, e.g. "01-tar-pits.mml", "custom:NAME" */
    int32_t best_ticks;       /* fewest ticks to reach Julie; 0 = never won */
    /* The closest a lost run came: ticks of walking left to Julie. */
    bool has_closest;
    int32_t closest_ticks;
    /* The best run's splits (ticks used at each checkpoint and key). */
    int32_t split_count;
    int32_t splits[SAVE_MAX_SPLITS];
} save_entry_t;

/* The best run of the whole night; count 0 when none was finished. */
typedef struct save_night {
    int32_t score; /* ticks left at the end, 1 to SAVE_MAX_TICKS */
    int32_t count;
    struct {
        char id[SAVE_ID_MAX + 1];
        int32_t spent, left; /* ticks, 0 to SAVE_MAX_TICKS */
    } splits[SAVE_NIGHT_LEVELS];
} save_night_t;

typedef struct save {
    int32_t count;
    save_entry_t entries[SAVE_MAX_LEVELS];
    save_night_t night;
    /* Runs with assists, kept apart (version 5): only id and best_ticks. */
    int32_t assisted_count;
    save_entry_t assisted[SAVE_MAX_LEVELS];
    save_night_t night_assisted;
} save_t;

/* What save_parse found wrong, for the player. */
typedef struct save_report {
    int32_t damaged_lines;  /* the header or lines that could not be read */
    int32_t dropped_values; /* lines read but dropped: a best time out of range, a bad id */
    char error[200];        /* the first damage, "line N: ..." */
    char warning[200];      /* the first dropped line, "line N: ..." */
} save_report_t;

void save_init(save_t *s);
/* 0 when never won. */
int32_t save_best(const save_t *s, const char *id);
/* Records a win; returns 1 if it is a new best, 0 if not, -1 if it cannot be
 * kept (the save is full, the id is empty or longer than SAVE_ID_MAX, or the
 * time is not 1 to SAVE_MAX_TICKS). */
int save_record(save_t *s, const char *id, int32_t ticks);
/* The same for runs with assists, kept apart from the unassisted bests. */
int32_t save_best_assisted(const save_t *s, const char *id);
int save_record_assisted(save_t *s, const char *id, int32_t ticks);
/* Whether the level was won at all, with assists or without (what opens
 * the next one: assists are no shame). */
bool save_won(const save_t *s, const char *id);
/* Records a finished night run; returns 1 if its score beats the best run
 * (which it then replaces, splits and all), 0 if not, -1 if it cannot be
 * kept (no levels or more than SAVE_NIGHT_LEVELS, an id that save_record
 * would refuse, a number out of range). */
int save_record_night(save_t *s, const save_night_t *run);
int save_record_night_assisted(save_t *s, const save_night_t *run);

/* The closest a lost run of the level came, in ticks of walking left to
 * Julie; -1 when none was kept. */
int32_t save_closest(const save_t *s, const char *id);
/* Records a lost run's distance left; 1 when it is the closest yet, 0 when
 * not, -1 when it cannot be kept (as save_record; ticks 0 to
 * SAVE_MAX_TICKS). */
int save_record_closest(save_t *s, const char *id, int32_t ticks);
/* The splits of the level's best run (after save_record said it is one);
 * count is cut to SAVE_MAX_SPLITS, each split to 0..SAVE_MAX_TICKS. false
 * when the level has no best time. */
bool save_set_splits(save_t *s, const char *id, int32_t count, const int32_t *splits);
/* The level's entry (best, closest, splits), or NULL. */
const save_entry_t *save_entry(const save_t *s, const char *id);

/* Moves a best time (and an assisted one) from an old key to a new one (the
 * better of the two stays), so a level keyed another way keeps its time. Returns 1 when the
 * save changed; 0 when there was nothing under from_id, or no room. */
int save_carry(save_t *s, const char *from_id, const char *to_id);

/* Returns the number of bytes written (excluding NUL), or -1 if cap is too
 * small (SAVE_TEXT_MAX + 1 is always enough). */
int save_write(const save_t *s, char *buf, size_t cap);
/* Reads a save's text (version 1 to 5). Returns 0 when every line was read;
 * 1 when some lines were dropped with a warning (report->warning); -1 when
 * the file is damaged (report->error): it is not a save, or some lines could
 * not be read. s always holds every good line of the file. report may be
 * NULL. What save_write wrote is always read back as it was. */
int save_parse(save_t *s, const char *buf, size_t len, save_report_t *report);

#endif
