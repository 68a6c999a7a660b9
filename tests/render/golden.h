/* The rendered-frame tests' golden pictures: one comparison for all, and
 * the setting up every one of them shares (files read, a canvas to draw on). */
#ifndef MM_TEST_GOLDEN_H
#define MM_TEST_GOLDEN_H

#include <SDL.h>
#include <stdbool.h>

#include "game/replay.h"
#include "level/level.h"
#include "platform/assets.h"
#include "ui/text.h"

/* A level file read and parsed; NULL with the reason printed. */
level_t *golden_load_level(const char *path);
/* A replay file read and parsed; NULL with the reason printed. */
replay_t *golden_load_replay(const char *path);
/* SDL_ttf and SDL_image started and the data folder's assets loaded; false
 * with the reason printed. */
bool golden_start(assets_t *assets, const char *data);
/* A software renderer drawing into a new surface of the picture's size
 * (*target), with the assets bound to it; NULL with the reason printed. */
SDL_Renderer *golden_canvas(assets_t *assets, SDL_Surface **target);
/* Both of those, and the text cache on the canvas: what a screen's test
 * draws with; NULL with the reason printed. */
SDL_Renderer *golden_open(assets_t *assets, const char *data, SDL_Surface **target,
                          text_cache_t *text);

/* Saves the frame to out; with MM_UPDATE_GOLDEN=1 writes it as the golden,
 * else compares it with the golden (a pixel counts as different past 2 in
 * any channel; more than 0.1% of them fails). Returns 0 when it matches. */
int golden_check(SDL_Surface *got, const char *golden, const char *out);

#endif
