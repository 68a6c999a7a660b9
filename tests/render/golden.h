/* The rendered-frame tests' golden pictures: one comparison for all. */
#ifndef MM_TEST_GOLDEN_H
#define MM_TEST_GOLDEN_H

#include <SDL.h>

/* Saves the frame to out; with MM_UPDATE_GOLDEN=1 writes it as the golden,
 * else compares it with the golden (a pixel counts as different past 2 in
 * any channel; more than 0.1% of them fails). Returns 0 when it matches. */
int golden_check(SDL_Surface *got, const char *golden, const char *out);

#endif
