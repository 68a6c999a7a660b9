/* The endings' music on SDL's dummy audio driver: audio_play_piece plays a
 * named piece once when its file is there, falls back to the title's theme
 * when it is not (the endings' cues may not be made yet) or when the name
 * could reach outside the data folder, and the title or results music
 * starts again after a piece.
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
    for (int e = 0; e < STORY_ENDING_COUNT; e++)
        check(audio_music_name_ok(story_ending_piece((story_ending_t)e)),
              "each ending names a piece the audio module can look up");
    check(strcmp(story_ending_piece(STORY_TOGETHER), "ending_together") == 0 &&
              strcmp(story_ending_piece(STORY_FLASH), "ending_flash") == 0,
          "the pieces are ending_together and ending_flash");

    audio_play_piece(&au, "no_such_piece");
    check(au.piece == NULL && au.playing == MUSIC_TITLE && Mix_PlayingMusic(),
          "a piece with no file plays the title's theme");
    audio_play_piece(&au, "../assets/music_title");
    check(au.piece == NULL && au.playing == MUSIC_TITLE, "a name with a path is refused");

    audio_play_piece(&au, "title"); /* music_title.ogg: a piece that exists */
    check(au.piece != NULL && au.playing == MUSIC_NONE && Mix_PlayingMusic(),
          "a piece whose file is there plays");
    audio_play_piece(&au, "title");
    check(au.piece != NULL && Mix_PlayingMusic(), "asked again, it plays again");
    audio_play_music(&au, MUSIC_RESULTS);
    check(au.playing == MUSIC_RESULTS && Mix_PlayingMusic(), "the results music follows a piece");
    audio_play_piece(&au, "no_such_piece");
    check(au.piece == NULL && au.playing == MUSIC_TITLE, "then a missing one falls back again");
    audio_shutdown(&au);
    SDL_Quit();
    if (failures) fprintf(stderr, "%d checks failed\n", failures);
    return failures ? 1 : 0;
}
