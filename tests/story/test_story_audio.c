/* The endings' music on SDL's dummy audio driver: each ending names a piece
 * the audio module knows, that piece plays when its scene opens (once, not
 * looped), and the title's theme can follow it under the credits.
 *
 *   test_story_audio DATA_DIR      (run with SDL_AUDIODRIVER=dummy) */
#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "platform/audio.h"
#include "ui/story.h"

static int failures;

static void check(bool ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok" : "FAILED", what);
    if (!ok) failures++;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: test_story_audio DATA_DIR\n");
        return 2;
    }
    SDL_SetMainReady();
    if (SDL_Init(0) != 0) return 1;
    static audio_t au;
    audio_init(&au, argv[1]);
    if (!au.ok) {
        fprintf(stderr, "no audio device even with the dummy driver\n");
        return 1;
    }
    static const audio_music_t want[STORY_ENDING_COUNT] = {MUSIC_ENDING_TOGETHER,
                                                           MUSIC_ENDING_FLASH};
    for (int e = 0; e < STORY_ENDING_COUNT; e++) {
        const char *name = story_ending_piece((story_ending_t)e);
        char what[96];
        snprintf(what, sizeof what, "the %s ending's piece is the audio module's %s",
                 e == STORY_FLASH ? "flash" : "together", name);
        check(audio_ending_music(name) == want[e], what);
        audio_play_music(&au, MUSIC_TITLE);
        check(audio_play_ending(&au, name), "it starts");
        /* Sounds load when first asked for: give it a few frames. */
        for (int i = 0; i < 100 && !audio_ending_playing(&au); i++) {
            audio_scene_t scene = {false, false, 0, 0, NULL};
            audio_update(&au, &scene);
            SDL_Delay(10);
        }
        check(audio_ending_playing(&au), "and plays");
        audio_play_music(&au, MUSIC_TITLE);
        check(au.playing == MUSIC_TITLE && !audio_ending_playing(&au),
              "the title's theme takes over for the credits");
    }
    audio_shutdown(&au);
    SDL_Quit();
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
