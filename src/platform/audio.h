/* Music and sound effects through SDL2_mixer. With no audio device the game
 * says so once and runs silently: every call here is then a no-op. */
#ifndef MM_AUDIO_H
#define MM_AUDIO_H

#include <stdbool.h>
#include <stdint.h>

#include "game/game.h"

typedef enum audio_music {
    MUSIC_NONE = -1,
    MUSIC_TITLE,
    MUSIC_LEVEL,
    MUSIC_RESULTS,
    MUSIC_COUNT
} audio_music_t;

typedef enum audio_cue {
    CUE_SELECT,
    CUE_CONFIRM,
    CUE_WIN,
    CUE_LOSE,
    CUE_BUMP,
    CUE_RING,
    CUE_TICK,
    CUE_PAUSE,
    CUE_COUNT
} audio_cue_t;

/* What the game is doing, for music that follows it. */
typedef struct audio_scene {
    bool in_level; /* playing or paused in a level */
    bool paused;
    int32_t ticks_left; /* the level's clock */
    int32_t ticks_total;
    const char *level_music; /* the level's 'music' key */
} audio_scene_t;

typedef struct audio {
    bool ok;
    void *music[MUSIC_COUNT]; /* Mix_Music */
    void *cues[CUE_COUNT];    /* Mix_Chunk */
    audio_music_t playing;
} audio_t;

/* Opens the device and loads sounds from data_dir/assets. Never fails hard. */
void audio_init(audio_t *au, const char *data_dir);
void audio_shutdown(audio_t *au);
void audio_play_music(audio_t *au, audio_music_t m);
void audio_pause_music(audio_t *au, bool paused);
void audio_play_cue(audio_t *au, audio_cue_t c);
/* Volumes 0..10; muted silences both without losing them. */
void audio_set_volumes(audio_t *au, int music, int sfx, bool muted);
/* Called after every game tick: sounds for what happened in it. */
void audio_game_tick(audio_t *au, const game_t *g);
/* Called once per displayed frame. */
void audio_update(audio_t *au, const audio_scene_t *scene);

#endif
