/* Keeping the ALSA library quiet: with no sound card, SDL's ALSA driver
 * fails to open "default" and libasound prints each step of its failure on
 * stderr before SDL reports it. SDL loads libasound itself, by the same name,
 * so the error handler set here is the one its calls use. */
#include "platform/audio.h"

#include <SDL.h>

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
typedef void (*alsa_error_handler_t)(const char *file, int line, const char *function, int err,
                                     const char *fmt, ...);
typedef int (*alsa_set_error_handler_t)(alsa_error_handler_t handler);

static void alsa_silent(const char *file, int line, const char *function, int err, const char *fmt,
                        ...)
{
    (void)file;
    (void)line;
    (void)function;
    (void)err;
    (void)fmt;
}
#endif

void audio_quiet_alsa(void)
{
#if defined(__linux__) && !defined(__EMSCRIPTEN__)
    /* Kept loaded for the life of the game, so the handler stays set however
     * often SDL loads and unloads the library. */
    static void *lib;
    if (lib) return;
    lib = SDL_LoadObject("libasound.so.2");
    if (!lib) {
        SDL_ClearError(); /* no ALSA here: nothing to quieten */
        return;
    }
    alsa_set_error_handler_t set =
        (alsa_set_error_handler_t)SDL_LoadFunction(lib, "snd_lib_error_set_handler");
    if (set) set(alsa_silent);
    SDL_ClearError();
#endif
}
