/* The light's row sums (platform/pixels.c): the four-at-a-time way equals
 * the byte-at-a-time one, and both equal SDL's blit sums (a * b / 255
 * rounded down, then a saturating add) for every pair of bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "platform/pixels.h"

enum { N = 1031 }; /* not a multiple of four: the tail is summed too */

static uint32_t next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Every (picture, light) byte pair, with flares from none to full. */
static void test_every_byte_pair(void **state)
{
    (void)state;
    static uint32_t w[65536], l[65536], f[65536], want[65536];
    for (uint32_t i = 0; i < 65536; i++) {
        uint32_t a = i & 0xffu, b = i >> 8, add = (i * 7u) & 0xffu;
        w[i] = a | a << 8 | a << 16 | 0xab000000u;
        l[i] = b | b << 8 | b << 16 | 0x12000000u;
        f[i] = add | 0u << 8 | 0xffu << 16 | 0x34000000u;
        uint32_t v0 = a * b / 255u + add, v1 = a * b / 255u, v2 = a * b / 255u + 0xffu;
        want[i] = (v0 > 255u ? 255u : v0) | v1 << 8 | (v2 > 255u ? 255u : v2) << 16 | 0xab000000u;
    }
    uint32_t keep = 0;
    memcpy(&keep, (const unsigned char[4]){0, 0, 0, 0xff}, sizeof keep);
    /* (on a big-endian machine the fourth byte in memory is the top one) */
    if (keep != 0xff000000u) skip();
    pixels_light(w, l, f, 65536, keep);
    assert_memory_equal(w, want, sizeof w);
}

static void test_fast_equals_plain(void **state)
{
    (void)state;
    static uint32_t w[N], l[N], f[N], w2[N];
    const uint32_t keeps[] = {0xff000000u, 0x000000ffu, 0u};
    uint32_t s = 12345u;
    for (size_t k = 0; k < sizeof keeps / sizeof keeps[0]; k++) {
        for (int round = 0; round < 20; round++) {
            for (size_t i = 0; i < N; i++) {
                w[i] = next(&s);
                l[i] = next(&s);
                f[i] = round & 1 ? next(&s) & 0x3f3f3f3fu : next(&s);
            }
            memcpy(w2, w, sizeof w);
            size_t n = N - (size_t)round; /* every length mod four */
            pixels_light(w, l, f, n, keeps[k]);
            pixels_light_plain(w2, l, f, n, keeps[k]);
            assert_memory_equal(w, w2, sizeof w);
        }
    }
}

/* A glow's row: four at a time equals one at a time, every length. */
static void test_add_row(void **state)
{
    (void)state;
    static uint32_t d[N], want[N], add[256];
    static uint8_t a[N];
    uint32_t s = 777u;
    for (int i = 0; i < 256; i++) add[i] = next(&s) & 0x00ffffffu;
    for (size_t n = 0; n < 40; n++) {
        for (size_t i = 0; i < N; i++) {
            want[i] = d[i] = next(&s);
            a[i] = (uint8_t)next(&s);
        }
        size_t len = N - n;
        for (size_t i = 0; i < len; i++) want[i] = pixels_add_sat(want[i], add[a[i]]);
        pixels_add_row(d, a, len, add);
        assert_memory_equal(d, want, sizeof d);
    }
}

static void test_double_row(void **state)
{
    (void)state;
    static uint32_t src[N], out[2 * N + 8];
    uint32_t s = 99u;
    for (size_t i = 0; i < N; i++) src[i] = next(&s);
    for (size_t len = N - 5; len <= N; len++) {
        for (size_t i = 0; i < 2 * N + 8; i++) out[i] = 0xdeadbeefu;
        pixels_double_row(out, src, len);
        for (size_t i = 0; i < len; i++) {
            assert_int_equal(out[2 * i], src[i]);
            assert_int_equal(out[2 * i + 1], src[i]);
        }
        assert_int_equal(out[2 * len], 0xdeadbeefu); /* nothing past the row */
    }
}

static void test_add_sat(void **state)
{
    (void)state;
    for (uint32_t a = 0; a < 256; a++)
        for (uint32_t b = 0; b < 256; b++) {
            uint32_t d = a | b << 8 | (255u - a) << 16 | (a ^ b) << 24;
            uint32_t x = b | a << 8 | b << 16 | b << 24, got = pixels_add_sat(d, x), want = 0;
            for (int sh = 0; sh < 32; sh += 8) {
                uint32_t v = ((d >> sh) & 0xffu) + ((x >> sh) & 0xffu);
                want |= (v > 255u ? 255u : v) << sh;
            }
            assert_int_equal(got, want);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_byte_pair), cmocka_unit_test(test_fast_equals_plain),
        cmocka_unit_test(test_add_row),         cmocka_unit_test(test_double_row),
        cmocka_unit_test(test_add_sat),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
