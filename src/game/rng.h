/* Seeded gameplay RNG. Lives inside the game state so a replay reproduces it. */
#ifndef MM_RNG_H
#define MM_RNG_H

#include <stdint.h>

typedef struct rng {
    uint64_t state;
} rng_t;

void rng_seed(rng_t *rng, uint64_t seed);
uint32_t rng_next(rng_t *rng);
/* A number in [0, n); n must be > 0. */
uint32_t rng_below(rng_t *rng, uint32_t n);

#endif
