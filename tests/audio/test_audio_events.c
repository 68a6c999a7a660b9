/* The sounds of a level run, on SDL's dummy audio driver: the shipped
 * replays are played tick by tick through audio_game_tick, and the cues it
 * starts are counted. Footsteps on pavement outdoors and on the floor inside
 * Johnnie's, the door on the way in, the payphone ringing once near it, and
 * in the last ten seconds the clock's tick and a heart that beats faster.
 * First, that every cue's sound was made and loads.
 *
 * Then a corridor of hazards and pickups, each of whose events has its cue.
 *
 *   test_audio_events DATA_DIR LEVELS_DIR REPLAYS_DIR HAZARDS_LEVEL
 *   (SDL_AUDIODRIVER=dummy) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "game/game.h"
#include "game/replay.h"
#include "level/level_file.h"
#include "platform/audio.h"
#include "common/files.h"

static int failures;
static uint32_t ring_tick, end_tick; /* when the payphone rang, when the run ended */

static void expect(int ok, const char *level, const char *what, unsigned got)
{
    printf("%s %s: %s (%u)\n", ok ? "ok  " : "FAIL", level, what, got);
    if (!ok) failures++;
}

/* Plays a replay through the game and the audio; returns the cue counts
 * in au->plays. */
static int play(audio_t *au, const char *levels, const char *replays, const char *level,
                const char *replay_name)
{
    char path[1024], err[256];
    snprintf(path, sizeof path, "%s/%s.mml", levels, level);
    level_diags_t d;
    level_t *lv = level_file_load(path, &d);
    snprintf(path, sizeof path, "%s/%s.replay", replays, replay_name);
    size_t len = 0;
    char *text = files_read(path, 1 << 22, &len, err, sizeof err);
    replay_t *r = text ? replay_parse(text, len, err, sizeof err) : NULL;
    free(text);
    if (!lv || !r) {
        fprintf(stderr, "cannot load %s or its replay: %s\n", level, err);
        level_free(lv);
        replay_destroy(r);
        return 0;
    }
    memset(au->plays, 0, sizeof au->plays);
    ring_tick = 0;
    game_t g;
    game_init(&g, lv);
    /* the replay, then standing still to the end, as the replay test does */
    for (int32_t i = 0; g.status == GAME_PLAYING; i++) {
        input_t in = {i < r->count ? r->inputs[i] : 0};
        game_tick(&g, &in);
        audio_game_tick(au, &g);
        if (au->plays[CUE_RING] && !ring_tick) ring_tick = g.tick;
    }
    end_tick = g.tick;
    replay_destroy(r);
    level_free(lv);
    return 1;
}

/* The hazards corridor: Harry walks right, pressing the action button now
 * and then, past coffee, a clock, a key, its door, a payphone and a cop. */
static int play_hazards(audio_t *au, const char *path)
{
    level_diags_t d;
    level_t *lv = level_file_load(path, &d);
    if (!lv) {
        fprintf(stderr, "cannot load %s\n", path);
        return 0;
    }
    memset(au->plays, 0, sizeof au->plays);
    game_t g;
    game_init(&g, lv);
    for (int32_t i = 0; g.status == GAME_PLAYING && i < 3600; i++) {
        input_t in = {(uint8_t)(INPUT_RIGHT | (i % 20 == 10 ? INPUT_ACTION : 0))};
        game_tick(&g, &in);
        audio_game_tick(au, &g);
    }
    level_free(lv);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: test_audio_events DATA_DIR LEVELS_DIR REPLAYS_DIR HAZARDS_LEVEL\n");
        return 2;
    }
    SDL_SetMainReady();
    if (SDL_Init(0) != 0) return 1;
    audio_t au;
    audio_init(&au, argv[1]);
    if (!au.ok) {
        fprintf(stderr, "no audio device even with the dummy driver\n");
        return 1;
    }
    audio_set_volumes(&au, 0, 0, true); /* counted, not heard */
    const uint32_t *n = au.plays;

    /* every cue has its sound: a score for each, rendered, and read when
     * first needed (none is read before) */
    unsigned loaded = 0, early = 0;
    for (int i = 0; i < CUE_COUNT; i++) early += au.cues[i] != NULL;
    expect(early == 0, "all", "no sound is decoded before it is needed", early);
    for (int i = 0; i < CUE_COUNT; i++) loaded += audio_cue_ready(&au, (audio_cue_t)i);
    expect(loaded == CUE_COUNT, "all", "every cue's sound loads", loaded);

    if (play_hazards(&au, argv[4])) {
        static const struct {
            audio_cue_t cue;
            const char *what;
        } heard[] = {
            {CUE_COFFEE, "coffee picked up"},    {CUE_CLOCK, "a clock picked up"},
            {CUE_KEY, "a key picked up"},        {CUE_UNLOCK, "its door opens"},
            {CUE_RING, "the payphone rings"},    {CUE_CHECKPOINT, "the payphone answered"},
            {CUE_STORY, "its line of story"},    {CUE_ALERT, "the cop spots Harry"},
            {CUE_SIREN, "and the siren sounds"}, {CUE_CAUGHT, "the cop catches him"},
        };
        for (size_t i = 0; i < sizeof heard / sizeof heard[0]; i++)
            expect(n[heard[i].cue] >= 1, "hazards", heard[i].what, n[heard[i].cue]);
        expect(n[CUE_LOCKED] == 0, "hazards", "no locked rattle: he had the key", n[CUE_LOCKED]);
    }
    if (play(&au, argv[2], argv[3], "01-tar-pits", "01-tar-pits")) {
        expect(n[CUE_STEP_PAVEMENT] > 10, "01", "footsteps outdoors", n[CUE_STEP_PAVEMENT]);
        expect(n[CUE_STEP_FLOOR] == 0, "01", "no floor in the park", n[CUE_STEP_FLOOR]);
        expect(n[CUE_RING] == 0, "01", "no payphone in the park", n[CUE_RING]);
        expect(n[CUE_MAMMOTH] >= 2, "01", "the young mammoth cries from the shore", n[CUE_MAMMOTH]);
    }
    if (play(&au, argv[2], argv[3], "01-tar-pits", "standing-still")) {
        expect(n[CUE_STEP_PAVEMENT] + n[CUE_STEP_FLOOR] == 0, "standing still", "no steps",
               n[CUE_STEP_PAVEMENT]);
        expect(n[CUE_TICK] == GAME_LAST_SECONDS, "standing still", "the clock ticks", n[CUE_TICK]);
        /* one a second at ten seconds left, two a second at the end */
        expect(n[CUE_HEARTBEAT] >= 12 && n[CUE_HEARTBEAT] <= 16, "standing still",
               "the heart races", n[CUE_HEARTBEAT]);
    }
    if (play(&au, argv[2], argv[3], "02-payphone", "02-payphone")) {
        /* two phones: the call beside him, then Julie's on the south side */
        expect(n[CUE_RING] >= 2 && n[CUE_RING] <= 6, "02", "the payphones ring as Harry nears them",
               n[CUE_RING]);
        /* in time to be heard before Julie's reunion sting */
        expect(ring_tick + GAME_TICK_HZ <= end_tick, "02", "a second or more before the end",
               end_tick - ring_tick);
        expect(n[CUE_STEP_PAVEMENT] > 10, "02", "footsteps on the street", n[CUE_STEP_PAVEMENT]);
    }
    if (play(&au, argv[2], argv[3], "03-johnnies", "03-johnnies")) {
        expect(n[CUE_STEP_FLOOR] > 5, "03", "footsteps on the diner's floor", n[CUE_STEP_FLOOR]);
        expect(n[CUE_DOOR] >= 1, "03", "the door on the way in", n[CUE_DOOR]);
        expect(n[CUE_ALERT] == 1, "03", "the panic, once", n[CUE_ALERT]);
    }
    audio_shutdown(&au);
    SDL_Quit();
    printf("%s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
