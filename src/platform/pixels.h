/* Sums over whole rows of 32-bit pixels, for the light laid on in memory:
 * the same results as SDL's software blits (MOD, then ADD) byte for byte,
 * done four pixels at a time where the processor has SSE2. Plain C, no
 * SDL, so the fast and the plain ways can be tested against each other. */
#ifndef MM_PIXELS_H
#define MM_PIXELS_H

#include <stddef.h>
#include <stdint.h>

/* For n pixels, in each byte that keep_mask leaves 0 (the colours):
 * w = min(255, w * l / 255 + f), the division rounding down. The bytes
 * keep_mask sets (a pixel's fourth byte) are left as they were. */
void pixels_light(uint32_t *w, const uint32_t *l, const uint32_t *f, size_t n, uint32_t keep_mask);

/* The same, one byte at a time: what pixels_light must equal. */
void pixels_light_plain(uint32_t *w, const uint32_t *l, const uint32_t *f, size_t n,
                        uint32_t keep_mask);

/* Each of n pixels plus what its byte of a adds (add[a[i]]), byte by byte,
 * each byte at most 255: a glow laid on a row. */
void pixels_add_row(uint32_t *d, const uint8_t *a, size_t n, const uint32_t add[256]);

/* A row widened to twice its width: out[2i] = out[2i + 1] = src[i]. */
void pixels_double_row(uint32_t *out, const uint32_t *src, size_t n);

/* Each byte of d plus the same byte of s, at most 255 (no carry between
 * the bytes). */
static inline uint32_t pixels_add_sat(uint32_t d, uint32_t s)
{
    const uint32_t hi = 0x80808080u;
    uint32_t low = (d & ~hi) + (s & ~hi);              /* each byte's low 7 bits, carry in bit 7 */
    uint32_t sum = low ^ ((d ^ s) & hi);               /* each byte's sum, mod 256 */
    uint32_t over = ((d & s) | ((d | s) & ~sum)) & hi; /* carried out of the byte */
    return sum | ((over >> 7) * 0xffu);
}

#endif
