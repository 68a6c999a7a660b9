/* The real mixer on SDL's dummy audio driver, listened to through a
 * post-mix hook: a level's stems start, grow louder in the last ten
 * seconds, fall silent when paused or muted, duck under a sting, restart,
 * fall back to the default pulse for an unknown music key, and give way to
 * the results music; every level pulse loads and plays; an ending's piece
 * plays once and falls silent at its end. Effects are placed left and right, and a channel used
 * again forgets where its last sound was.
 *
 *   test_audio_mix DATA_DIR      (run with SDL_AUDIODRIVER=dummy) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "platform/audio.h"

#define RATE 48000

/* What the mixer put out, counted in frames of the stream, so the measures
 * do not depend on how the test's own thread is scheduled. */
typedef struct capture {
    SDL_mutex *lock;
    long long frames;   /* every frame so far */
    long long from, to; /* the window being listened to */
    double sum;         /* of squares in the window */
    double left, right; /* the same, each side alone */
    long long counted;
} capture_t;

static capture_t cap;
static int failures;

static void SDLCALL listen(void *udata, Uint8 *stream, int len)
{
    (void)udata;
    const Sint16 *s = (const Sint16 *)(const void *)stream;
    int n = len / (int)(2 * sizeof(Sint16));
    SDL_LockMutex(cap.lock);
    for (int i = 0; i < n; i++, cap.frames++)
        if (cap.frames >= cap.from && cap.frames < cap.to) {
            double l = (double)s[2 * i] * s[2 * i], r = (double)s[2 * i + 1] * s[2 * i + 1];
            cap.sum += l + r;
            cap.left += l;
            cap.right += r;
            cap.counted++;
        }
    SDL_UnlockMutex(cap.lock);
}

/* Keeps the game's frames coming until the stream has played ms more, and
 * returns the RMS (0..1) of its last listen_ms. */
static double run(audio_t *au, const audio_scene_t *scene, int ms, int listen_ms)
{
    SDL_LockMutex(cap.lock);
    cap.from = cap.frames + (long long)(ms - listen_ms) * RATE / 1000;
    cap.to = cap.frames + (long long)ms * RATE / 1000;
    cap.sum = 0;
    cap.left = cap.right = 0;
    cap.counted = 0;
    SDL_UnlockMutex(cap.lock);
    Uint32 start = SDL_GetTicks();
    for (;;) {
        audio_update(au, scene);
        SDL_LockMutex(cap.lock);
        bool done = cap.frames >= cap.to;
        SDL_UnlockMutex(cap.lock);
        if (done || SDL_GetTicks() - start > (Uint32)(10 * ms + 5000)) break;
        SDL_Delay(8);
    }
    SDL_LockMutex(cap.lock);
    double rms = cap.counted ? SDL_sqrt(cap.sum / (double)(cap.counted * 2)) / 32768.0 : 0;
    SDL_UnlockMutex(cap.lock);
    return rms;
}

/* The RMS of each side in the window of the last run(). */
static void sides(double *left, double *right)
{
    SDL_LockMutex(cap.lock);
    double n = cap.counted ? (double)cap.counted : 1.0;
    *left = SDL_sqrt(cap.left / n) / 32768.0;
    *right = SDL_sqrt(cap.right / n) / 32768.0;
    SDL_UnlockMutex(cap.lock);
}

static void check(int ok, const char *what, double a, double b)
{
    printf("%s %s (%.4f, %.4f)\n", ok ? "ok  " : "FAIL", what, a, b);
    if (!ok) failures++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_audio_mix DATA_DIR\n");
        return 2;
    }
    SDL_SetMainReady();
    if (SDL_Init(0) != 0) return 1;
    cap.lock = SDL_CreateMutex();
    audio_t au;
    audio_init(&au, argv[1]);
    if (!au.ok) {
        fprintf(stderr, "no audio device even with the dummy driver\n");
        return 1;
    }
    Mix_SetPostMix(listen, NULL);
    audio_set_volumes(&au, 10, 10, false);

    const int32_t total = 30 * GAME_TICK_HZ;
    audio_scene_t scene = {true, false, total, total, "pulse1"};
    audio_play_music(&au, MUSIC_LEVEL);
    double first = run(&au, &scene, 1000, 500); /* loads the stems */
    check(first > 0.02, "the level's pulse plays", first, 0.02);

    /* The same stretch of the loop twice (a restart plays from the top):
     * with a full clock, and with five seconds left, when all three stems
     * play. */
    audio_play_music(&au, MUSIC_LEVEL);
    double calm = run(&au, &scene, 1600, 1000);
    scene.ticks_left = 5 * GAME_TICK_HZ;
    audio_play_music(&au, MUSIC_LEVEL);
    double late = run(&au, &scene, 1600, 1000);
    check(late > calm * 1.15, "the last ten seconds are louder", late, calm);

    scene.paused = true;
    audio_pause_music(&au, true);
    double paused = run(&au, &scene, 300, 200);
    check(paused == 0.0, "pausing silences the music", paused, 0);
    scene.paused = false;
    audio_pause_music(&au, false);
    double resumed = run(&au, &scene, 600, 400);
    check(resumed > calm, "it plays on after the pause", resumed, calm);

    audio_set_volumes(&au, 10, 10, true);
    double muted = run(&au, &scene, 300, 200);
    check(muted == 0.0, "mute silences it", muted, 0);
    audio_set_volumes(&au, 3, 10, false);
    double quiet = run(&au, &scene, 600, 400);
    check(quiet > 0.0 && quiet < resumed * 0.5, "a lower music volume is quieter", quiet, resumed);
    audio_set_volumes(&au, 10, 0, false);

    /* a sting ducks the music: the effects are off, so only music is heard */
    double before = run(&au, &scene, 400, 300);
    audio_play_cue(&au, CUE_RING);
    double ducked = run(&au, &scene, 500, 300);
    check(ducked < before * 0.6, "a sting ducks the music", ducked, before);
    double back = run(&au, &scene, 2300, 300);
    check(back > ducked * 1.5, "and it comes back", back, ducked);

    /* a restart starts over with the full clock: only the pulse again */
    scene.ticks_left = total;
    audio_play_music(&au, MUSIC_LEVEL);
    double again = run(&au, &scene, 1500, 800);
    check(again > 0.02 && again < late, "a restart drops the late layers", again, late);

    /* an unknown music key still gets music (the default, with a warning) */
    audio_play_music(&au, MUSIC_TITLE);
    scene.in_level = false;
    run(&au, &scene, 200, 100);
    scene.in_level = true;
    scene.level_music = "no-such-pulse";
    audio_play_music(&au, MUSIC_LEVEL);
    double fallback = run(&au, &scene, 1500, 600);
    check(fallback > 0.02, "an unknown music key falls back", fallback, 0.02);

    /* the results screen: stems away, the results music in */
    scene.in_level = false;
    audio_play_music(&au, MUSIC_RESULTS);
    double results = run(&au, &scene, 1000, 400);
    check(results > 0.01, "the results music follows", results, 0.01);

    /* every pulse the levels may name has its stems, and they play */
    static const char *const pulses[] = {"pulse1", "pulse2", "pulse3",
                                         "pulse4", "pulse5", "pulse6"};
    scene.in_level = true;
    scene.ticks_left = 5 * GAME_TICK_HZ; /* all three stems */
    for (size_t i = 0; i < sizeof pulses / sizeof pulses[0]; i++) {
        char what[64];
        scene.level_music = pulses[i];
        audio_play_music(&au, MUSIC_LEVEL);
        double p = run(&au, &scene, 1300, 500);
        snprintf(what, sizeof what, "%s plays with its late stems", pulses[i]);
        check(p > 0.02, what, p, 0.02);
    }
    scene.level_music = "pulse1";
    scene.ticks_left = total;

    /* the endings: one plays in place of the stems, once */
    scene.in_level = false;
    check(audio_play_ending(&au, "ending_together"), "an ending is known by its name", 1, 1);
    double ending = run(&au, &scene, 2000, 800);
    check(ending > 0.01 && audio_ending_playing(&au), "the ending's music plays", ending, 0.01);
    check(!audio_play_ending(&au, "no-such-ending") && audio_ending_playing(&au),
          "an unknown ending changes nothing", 0, 0);
    Mix_SetMusicPosition(28.5); /* close to its end (29.3 s) */
    double after = run(&au, &scene, 2500, 500);
    check(after == 0.0 && !audio_ending_playing(&au), "and it is not looped", after, 0);
    check(audio_play_ending(&au, "ending_flash"), "the other ending", 1, 1);
    Mix_SetMusicPosition(9.5); /* the swell near its height, before the flash */
    double flash = run(&au, &scene, 1500, 800);
    check(flash > 0.02 && audio_ending_playing(&au), "the other ending plays", flash, 0.02);

    /* effects placed in the stereo field: the music off, one effect at a
     * time, each given time to end */
    audio_set_volumes(&au, 0, 10, false);
    run(&au, &scene, 300, 100);
    double l, r;
    uint32_t hits = au.plays[CUE_HIT];
    audio_play_cue_at(&au, CUE_HIT, 1.0f, -1.0f);
    run(&au, &scene, 700, 700);
    sides(&l, &r);
    check(l > 0.01 && r == 0.0, "a cue panned hard left is heard on the left only", l, r);
    audio_play_cue_at(&au, CUE_HIT, 1.0f, 0.6f);
    run(&au, &scene, 700, 700);
    sides(&l, &r);
    check(r > 0.01 && l > 0.0 && l < r * 0.5, "one panned right leans right", l, r);
    double full_l = 0, full_r = 0;
    audio_play_cue(&au, CUE_HIT); /* on a channel used before: centred again */
    run(&au, &scene, 700, 700);
    sides(&full_l, &full_r);
    check(full_l > 0.01 && full_r > full_l * 0.8 && full_r < full_l * 1.25,
          "the next cue on that channel is in the middle again", full_l, full_r);
    audio_play_cue_at(&au, CUE_HIT, 0.5f, 0.0f);
    run(&au, &scene, 700, 700);
    sides(&l, &r);
    check(l > full_l * 0.4 && l < full_l * 0.6, "half the volume is half as loud", l, full_l);
    /* every channel busy (long sounds, silent): the next cue takes the
     * oldest, and still goes where it is sent */
    for (int i = Mix_AllocateChannels(-1); i > 0; i--)
        audio_play_cue_at(&au, CUE_SIREN, 0.0f, 0.0f);
    audio_play_cue_at(&au, CUE_HIT, 1.0f, -1.0f);
    run(&au, &scene, 600, 600);
    sides(&l, &r);
    check(l > 0.01 && r == 0.0, "a cue on a channel taken over is panned too", l, r);
    check(au.plays[CUE_HIT] == hits + 5, "every start is counted", au.plays[CUE_HIT] - hits, 5);

    Mix_SetPostMix(NULL, NULL);
    audio_shutdown(&au);
    SDL_DestroyMutex(cap.lock);
    SDL_Quit();
    printf("%s\n", failures ? "FAILED" : "all ok");
    return failures ? 1 : 0;
}
