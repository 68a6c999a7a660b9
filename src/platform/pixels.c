/* Row sums for the light (pixels.h). */
#include "platform/pixels.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* t / 255 rounded down, for t = a * b with a, b bytes: exact over that
 * range, and free of a division (so four pixels go at once below). */
static inline unsigned div255(unsigned t)
{
    return (t + 1u + (t >> 8)) >> 8;
}

void pixels_light_plain(uint32_t *w, const uint32_t *l, const uint32_t *f, size_t n,
                        uint32_t keep_mask)
{
    unsigned char keep[4];
    memcpy(keep, &keep_mask, sizeof keep);
    unsigned char *wb = (unsigned char *)w;
    const unsigned char *lb = (const unsigned char *)l, *fb = (const unsigned char *)f;
    for (size_t i = 0; i < n * 4; i++) {
        if (keep[i & 3]) continue;
        unsigned v = wb[i] * lb[i] / 255u + fb[i];
        wb[i] = (unsigned char)(v > 255u ? 255u : v);
    }
}

void pixels_light(uint32_t *w, const uint32_t *l, const uint32_t *f, size_t n, uint32_t keep_mask)
{
    size_t i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128(), one = _mm_set1_epi16(1);
    const __m128i keep = _mm_set1_epi32((int)keep_mask);
    for (; i + 4 <= n; i += 4) {
        __m128i wv = _mm_loadu_si128((const __m128i *)(const void *)(w + i));
        __m128i lv = _mm_loadu_si128((const __m128i *)(const void *)(l + i));
        __m128i fv = _mm_loadu_si128((const __m128i *)(const void *)(f + i));
        /* each byte widened to 16 bits: the product of two fits */
        __m128i lo = _mm_mullo_epi16(_mm_unpacklo_epi8(wv, zero), _mm_unpacklo_epi8(lv, zero));
        __m128i hi = _mm_mullo_epi16(_mm_unpackhi_epi8(wv, zero), _mm_unpackhi_epi8(lv, zero));
        lo = _mm_srli_epi16(_mm_add_epi16(_mm_add_epi16(lo, one), _mm_srli_epi16(lo, 8)), 8);
        hi = _mm_srli_epi16(_mm_add_epi16(_mm_add_epi16(hi, one), _mm_srli_epi16(hi, 8)), 8);
        __m128i v = _mm_adds_epu8(_mm_packus_epi16(lo, hi), fv);
        v = _mm_or_si128(_mm_andnot_si128(keep, v), _mm_and_si128(keep, wv));
        _mm_storeu_si128((__m128i *)(void *)(w + i), v);
    }
#endif
    /* the rest (all of it without SSE2): four bytes of a pixel at a time */
    for (; i < n; i++) {
        uint32_t p = w[i], q = l[i], out = 0;
        for (int s = 0; s < 32; s += 8) {
            uint32_t m = 0xffu << s;
            if (keep_mask & m) continue;
            out |= div255(((p >> s) & 0xffu) * ((q >> s) & 0xffu)) << s;
        }
        w[i] = pixels_add_sat(out, f[i] & ~keep_mask) | (p & keep_mask);
    }
}

void pixels_add_row(uint32_t *d, const uint8_t *a, size_t n, const uint32_t add[256])
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 4 <= n; i += 4) {
        __m128i s = _mm_set_epi32((int)add[a[i + 3]], (int)add[a[i + 2]], (int)add[a[i + 1]],
                                  (int)add[a[i]]);
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(d + i));
        _mm_storeu_si128((__m128i *)(void *)(d + i), _mm_adds_epu8(v, s));
    }
#endif
    for (; i < n; i++) d[i] = pixels_add_sat(d[i], add[a[i]]);
}

void pixels_double_row(uint32_t *out, const uint32_t *src, size_t n)
{
    size_t i = 0;
#if defined(__SSE2__)
    for (; i + 4 <= n; i += 4) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
        _mm_storeu_si128((__m128i *)(void *)(out + 2 * i), _mm_unpacklo_epi32(v, v));
        _mm_storeu_si128((__m128i *)(void *)(out + 2 * i + 4), _mm_unpackhi_epi32(v, v));
    }
#endif
    for (; i < n; i++) out[2 * i] = out[2 * i + 1] = src[i];
}
