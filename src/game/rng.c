#include "game/rng.h"

/* splitmix64: tiny, fast, and the same on every platform. */
void rng_seed(rng_t *rng, uint64_t seed)
{
    rng->state = seed ^ 0x9E3779B97F4A7C15ull;
}

uint32_t rng_next(rng_t *rng)
{
    uint64_t z = (rng->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}

uint32_t rng_below(rng_t *rng, uint32_t n)
{
    /* Rejection keeps the result unbiased. */
    uint32_t limit = UINT32_MAX - UINT32_MAX % n;
    uint32_t r;
    do {
        r = rng_next(rng);
    } while (r >= limit);
    return r % n;
}
