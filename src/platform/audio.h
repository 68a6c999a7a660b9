/* Music and sound effects through SDL2_mixer. With no audio device the game
 * says so once and runs silently: every call here is then a no-op.
 *
 * In a level the music is a set of stems (assets/sound/README.md, "Stems"):
 * the level's pulse, a tension layer and a final-ten-seconds layer, rendered
 * to separate files of one length. They are mixed here, sample-locked, with
 * volumes that follow the clock and change on the beat. The title and
 * results screens play plain looping music. */
#ifndef MM_AUDIO_H
#define MM_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "game/game.h"

typedef enum audio_music {
    MUSIC_NONE = -1,
    MUSIC_TITLE,
    MUSIC_LEVEL, /* the stems named by the level's 'music' key */
    MUSIC_RESULTS,
    /* The two endings, played once (audio_play_ending, by name). */
    MUSIC_ENDING_TOGETHER, /* "ending_together": lifting off, together */
    MUSIC_ENDING_FLASH,    /* "ending_flash": the flash, the tar pits */
    MUSIC_COUNT
} audio_music_t;

typedef enum audio_cue {
    CUE_SELECT,
    CUE_CONFIRM,
    CUE_WIN,  /* the reunion: a sting, ducks the music */
    CUE_LOSE, /* the flash: a sting */
    CUE_BUMP,
    CUE_RING, /* the payphone: ducks the music */
    CUE_TICK,
    CUE_PAUSE,
    CUE_CAUGHT, /* a sting, for levels with someone to catch Harry */
    CUE_STEP_PAVEMENT,
    CUE_STEP_FLOOR,
    CUE_DOOR,
    CUE_PICKUP,
    CUE_HEARTBEAT,
    /* Made and loaded for the later levels (cars, police, the roof); nothing
     * in the game plays them yet. */
    CUE_HORN,
    CUE_TYRES,
    CUE_SIREN,
    CUE_HELICOPTER, /* loops seamlessly */
    /* The hazards of the later levels; the rules decide when they play. */
    CUE_ALERT,      /* a patrol has spotted Harry */
    CUE_KEY,        /* a key picked up */
    CUE_UNLOCK,     /* a locked door opens */
    CUE_LOCKED,     /* a locked door, and no key for it */
    CUE_COFFEE,     /* coffee picked up: stamina back */
    CUE_CLOCK,      /* a clock picked up: seconds back */
    CUE_SHOVE,      /* shoved by a panicking pedestrian */
    CUE_SPILL,      /* a looter knocks the coffee out of Harry's hands */
    CUE_CAR_DOOR,   /* into or out of a vehicle */
    CUE_FIRE,       /* fire spreads one tile */
    CUE_SINK,       /* sinking in tar; made to be played again and again */
    CUE_CHECKPOINT, /* a payphone used as a checkpoint */
    CUE_STORY,      /* a line of the story appears */
    CUE_HIT,        /* hit by a car (with the horn and the tyres) */
    CUE_MAMMOTH,    /* the young mammoth crying from the shore */
    CUE_CRASH,      /* a car crash: metal and glass */
    CUE_WIND,       /* a gust of wind starts */
    CUE_COUNT
} audio_cue_t;

typedef enum audio_stem {
    AUDIO_STEM_MAIN,    /* always playing */
    AUDIO_STEM_TENSION, /* fades in as the clock runs down */
    AUDIO_STEM_FINAL,   /* the last ten seconds */
    AUDIO_STEM_COUNT
} audio_stem_t;

/* The pulse for levels whose music key is missing ('level'), broken or
 * names no stem sheet. */
#define AUDIO_DEFAULT_MUSIC "pulse1"
#define AUDIO_MUSIC_NAME_MAX 32
#define AUDIO_FILE_NAME_MAX 64

/* What the game is doing, for music that follows it. */
typedef struct audio_scene {
    bool in_level; /* playing or paused in a level */
    bool paused;
    int32_t ticks_left; /* the level's clock */
    int32_t ticks_total;
    const char *level_music; /* the level's 'music' key */
} audio_scene_t;

struct audio_stems; /* the stem player, private to audio.c */

typedef struct audio {
    bool ok;
    void *music[MUSIC_COUNT]; /* Mix_Music; none for MUSIC_LEVEL */
    void *cues[CUE_COUNT];    /* Mix_Chunk */
    audio_music_t playing;
    struct audio_stems *stems;
    char data_dir[1024];
    float music_gain; /* 0..1, from the settings; 0 when muted */
    int sfx_volume;   /* 0..MIX_MAX_VOLUME */
    int music_set;    /* the Mix_VolumeMusic value last set */
    /* ducking under a sting */
    uint32_t duck_start_ms, duck_hold_ms;
    bool ducking;
    /* sounds of the level run, reset at its first tick */
    const level_t *run_level;
    uint32_t rotor_until; /* SDL ticks when the rotor's loop runs out */
    int32_t last_tx, last_ty;
    int32_t next_heartbeat; /* ticks_left at which the heart beats next */
    uint32_t steps;
    uint32_t plays[CUE_COUNT]; /* how often each cue was started (tests read it) */
    /* Sounds are read when first needed, not at start (in the browser they
     * may still be on their way): a file that failed is not asked again. */
    bool music_failed[MUSIC_COUNT], cue_failed[CUE_COUNT];
    bool music_waiting; /* 'playing' has no file yet: it starts when it comes */
    uint32_t frames_waited;
} audio_t;

/* Opens the device; sounds are read from data_dir/assets when first played.
 * Never fails hard. */
void audio_init(audio_t *au, const char *data_dir);
/* Stops the ALSA library printing its own errors to stderr (eight "ALSA lib
 * ..." lines when there is no sound card): the game's one warning, with
 * SDL's reason, says it. Does nothing where there is no ALSA. */
void audio_quiet_alsa(void);
void audio_shutdown(audio_t *au);
/* Reads a cue's sound now if it is not read yet (sounds are read when first
 * played); whether it is there to play. */
bool audio_cue_ready(audio_t *au, audio_cue_t c);
void audio_play_music(audio_t *au, audio_music_t m);
/* Starts one of the endings' pieces by its name, "ending_together" or
 * "ending_flash" (assets/sound/sting_NAME.txt), in place of whatever music
 * plays (a level's stems fade out first). It plays once, not looped, and
 * then the music is silent until the next audio_play_music; calling it
 * again while it plays changes nothing, after it has ended starts it over.
 * An unknown name is warned about and changes nothing: false. */
bool audio_play_ending(audio_t *au, const char *name);
/* Whether an ending's piece is still playing (false once it has ended, or
 * with no audio): for an ending scene that waits for its music. */
bool audio_ending_playing(const audio_t *au);
void audio_pause_music(audio_t *au, bool paused);
void audio_play_cue(audio_t *au, audio_cue_t c);
/* Plays a cue at a volume 0..1 and a stereo pan -1 (left) .. 1 (right);
 * audio_play_cue is audio_play_cue_at(au, c, 1, 0). Each start is counted
 * in plays[], whatever its volume. */
void audio_play_cue_at(audio_t *au, audio_cue_t c, float volume, float pan);
/* Volumes 0..10; muted silences both without losing them. */
void audio_set_volumes(audio_t *au, int music, int sfx, bool muted);
/* Called after every game tick: sounds for what happened in it. */
void audio_game_tick(audio_t *au, const game_t *g);
/* Called once per displayed frame. */
void audio_update(audio_t *au, const audio_scene_t *scene);

/* ---- the rules, without a device (the tests call these) ------------------- */

/* The volume of each stem, 0..1, for a clock with ticks_left of ticks_total:
 * main 1; tension x*x, where x rises linearly from 0 at S seconds left to 1
 * at ten seconds left, S = 60 % of the level's time but between 12 and 30
 * seconds; final 1 from ten seconds left, else 0. The mixer applies a change
 * at the next beat. */
void audio_stem_gains(int32_t ticks_left, int32_t ticks_total, float gains[AUDIO_STEM_COUNT]);

/* The music's volume under a sting, 0..1, ms after it started: down to
 * AUDIO_DUCK_LEVEL in 40 ms, held for hold_ms, back up over 800 ms. */
#define AUDIO_DUCK_LEVEL 0.35f
float audio_duck_gain(uint32_t ms, uint32_t hold_ms);

/* A stem sheet (written by the synth beside the stems). */
typedef struct audio_sheet {
    int bars;
    bool loop;
    char files[AUDIO_STEM_COUNT][AUDIO_FILE_NAME_MAX]; /* "" for a stem it lacks */
} audio_sheet_t;

/* Reads a sheet from a buffer; false with a message in err when it is
 * unusable (no bars, no main stem, a file name with a path in it). Stems of
 * other names are skipped, so sheets can grow. */
bool audio_sheet_parse(const char *buf, size_t len, audio_sheet_t *sheet, char *err,
                       size_t err_cap);

/* The music an ending's name stands for ("ending_together",
 * "ending_flash"), or MUSIC_NONE for any other name or NULL. */
audio_music_t audio_ending_music(const char *name);

/* Whether a level's music key can name a stem sheet: a-z, 0-9, '_', '-'. */
bool audio_music_name_ok(const char *name);

/* Volume and pan for a sound at (sx, sy) heard from (lx, ly), in pixels:
 * full volume within near_px, silent beyond far_px, falling off smoothly
 * between (a smoothstep of the distance); pan from the horizontal offset,
 * growing with it to at most +-AUDIO_PAN_MAX at far_px. Pure; tested. */
#define AUDIO_PAN_MAX 0.8f
void audio_spatial(int32_t sx, int32_t sy, int32_t lx, int32_t ly, int32_t near_px, int32_t far_px,
                   float *volume, float *pan);

/* The footstep for the tile under Harry, and how loud (0..1). */
audio_cue_t audio_footstep_cue(tile_kind_t tile, float *volume);

#endif
