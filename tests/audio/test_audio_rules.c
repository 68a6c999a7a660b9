/* The audio rules that need no device: how the stems follow the clock, the
 * duck under a sting, the stem sheet reader, music names, footsteps and
 * where a sound is heard from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "platform/audio.h"

#define SEC(s) ((int32_t)((s)*GAME_TICK_HZ))

static void gains_at(float left_s, float total_s, float g[AUDIO_STEM_COUNT])
{
    audio_stem_gains(SEC(left_s), SEC(total_s), g);
}

static void test_full_clock_plays_the_pulse_alone(void **state)
{
    (void)state;
    float g[AUDIO_STEM_COUNT];
    gains_at(30, 30, g);
    assert_true(g[AUDIO_STEM_MAIN] == 1.0f);
    assert_true(g[AUDIO_STEM_TENSION] == 0.0f);
    assert_true(g[AUDIO_STEM_FINAL] == 0.0f);
}

static void test_tension_grows_as_time_runs_low(void **state)
{
    (void)state;
    float g[AUDIO_STEM_COUNT], before = -1.0f;
    /* a 30 s level: the layer starts at 18 s left (60 %) and is full at 10 */
    gains_at(18, 30, g);
    assert_true(g[AUDIO_STEM_TENSION] == 0.0f);
    for (float left = 18.0f; left >= 10.0f; left -= 0.5f) {
        gains_at(left, 30, g);
        assert_true(g[AUDIO_STEM_TENSION] >= before);
        before = g[AUDIO_STEM_TENSION];
    }
    gains_at(14, 30, g); /* half way: (0.5)^2 */
    assert_float_equal(g[AUDIO_STEM_TENSION], 0.25f, 0.001f);
    gains_at(10, 30, g);
    assert_true(g[AUDIO_STEM_TENSION] == 1.0f);
    gains_at(3, 30, g);
    assert_true(g[AUDIO_STEM_TENSION] == 1.0f);
    assert_true(g[AUDIO_STEM_MAIN] == 1.0f);
}

static void test_tension_start_is_bounded(void **state)
{
    (void)state;
    float g[AUDIO_STEM_COUNT];
    gains_at(30.5f, 600, g); /* a long level: never before 30 s left */
    assert_true(g[AUDIO_STEM_TENSION] == 0.0f);
    gains_at(20, 600, g);
    assert_true(g[AUDIO_STEM_TENSION] > 0.0f);
    gains_at(12, 12, g); /* a very short level still has room to grow */
    assert_true(g[AUDIO_STEM_TENSION] == 0.0f);
    gains_at(11, 12, g);
    assert_true(g[AUDIO_STEM_TENSION] > 0.0f && g[AUDIO_STEM_TENSION] < 1.0f);
}

static void test_final_layer_is_the_last_ten_seconds(void **state)
{
    (void)state;
    float g[AUDIO_STEM_COUNT];
    audio_stem_gains(GAME_LAST_SECONDS * GAME_TICK_HZ + 1, SEC(25), g);
    assert_true(g[AUDIO_STEM_FINAL] == 0.0f);
    audio_stem_gains(GAME_LAST_SECONDS * GAME_TICK_HZ, SEC(25), g);
    assert_true(g[AUDIO_STEM_FINAL] == 1.0f);
    audio_stem_gains(1, SEC(25), g);
    assert_true(g[AUDIO_STEM_FINAL] == 1.0f);
}

static void test_duck(void **state)
{
    (void)state;
    assert_true(audio_duck_gain(0, 1000) == 1.0f);
    assert_float_equal(audio_duck_gain(20, 1000), (1.0f + AUDIO_DUCK_LEVEL) / 2, 0.001f);
    assert_true(audio_duck_gain(40, 1000) == AUDIO_DUCK_LEVEL);
    assert_true(audio_duck_gain(1039, 1000) == AUDIO_DUCK_LEVEL);
    assert_float_equal(audio_duck_gain(1440, 1000), (1.0f + AUDIO_DUCK_LEVEL) / 2, 0.001f);
    assert_true(audio_duck_gain(1840, 1000) == 1.0f);
    assert_true(audio_duck_gain(100000, 1000) == 1.0f);
}

static const char good_sheet[] = "# Stem sheet written by synth from music_pulse1.txt\n"
                                 "tempo 118.000\r\n"
                                 "bars 8\n"
                                 "loop yes\n"
                                 "stem main music_pulse1.ogg\n"
                                 "stem tension music_pulse1_tension.ogg\n"
                                 "stem final music_pulse1_final.ogg\n"
                                 "stem choir music_pulse1_choir.ogg\n";

static void test_sheet(void **state)
{
    (void)state;
    audio_sheet_t sh;
    char err[200];
    assert_true(audio_sheet_parse(good_sheet, strlen(good_sheet), &sh, err, sizeof err));
    assert_int_equal(sh.bars, 8);
    assert_true(sh.loop);
    assert_string_equal(sh.files[AUDIO_STEM_MAIN], "music_pulse1.ogg");
    assert_string_equal(sh.files[AUDIO_STEM_TENSION], "music_pulse1_tension.ogg");
    assert_string_equal(sh.files[AUDIO_STEM_FINAL], "music_pulse1_final.ogg");

    const char only_main[] = "bars 12\nloop yes\nstem main music_title.ogg";
    assert_true(audio_sheet_parse(only_main, strlen(only_main), &sh, err, sizeof err));
    assert_int_equal(sh.bars, 12);
    assert_string_equal(sh.files[AUDIO_STEM_TENSION], "");
}

static void test_sheet_refuses_what_it_cannot_use(void **state)
{
    (void)state;
    audio_sheet_t sh;
    char err[200];
    const char *bad[] = {
        "stem main a.ogg\n",                    /* no bars */
        "bars 8\nstem tension a.ogg\n",         /* no main stem */
        "bars 0\nstem main a.ogg\n",            /* no beats */
        "bars x\nstem main a.ogg\n",            /* not a number */
        "bars 99999\nstem main a.ogg\n",        /* absurd */
        "bars 8\nstem main ../../secret.ogg\n", /* a path */
        "bars 8\nstem main /etc/passwd\n",      /* a path */
        "bars 8\nstem main\n",                  /* no file */
        "bars 8\nstem main .hidden.ogg\n",      /* a dot file */
        "",                                     /* empty */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_false(audio_sheet_parse(bad[i], strlen(bad[i]), &sh, err, sizeof err));
        assert_true(err[0] != '\0');
    }
    /* a buffer is read to its length, not to a terminator */
    const char cut[] = "bars 8\nstem main music_x.oggGARBAGE";
    assert_true(audio_sheet_parse(cut, strlen(cut) - 7, &sh, err, sizeof err));
    assert_string_equal(sh.files[AUDIO_STEM_MAIN], "music_x.ogg");
}

static void test_music_names(void **state)
{
    (void)state;
    assert_true(audio_music_name_ok("pulse1"));
    assert_true(audio_music_name_ok("night_drive-2"));
    assert_false(audio_music_name_ok(""));
    assert_false(audio_music_name_ok("Pulse1"));
    assert_false(audio_music_name_ok("../pulse1"));
    assert_false(audio_music_name_ok("pulse 1"));
    assert_false(audio_music_name_ok("a23456789012345678901234567890123")); /* 33 */
}

static void test_ending_names(void **state)
{
    (void)state;
    assert_int_equal(audio_ending_music("ending_together"), MUSIC_ENDING_TOGETHER);
    assert_int_equal(audio_ending_music("ending_flash"), MUSIC_ENDING_FLASH);
    assert_int_equal(audio_ending_music("ending"), MUSIC_NONE);
    assert_int_equal(audio_ending_music("title"), MUSIC_NONE);
    assert_int_equal(audio_ending_music(""), MUSIC_NONE);
    assert_int_equal(audio_ending_music(NULL), MUSIC_NONE);
}

static void test_footsteps(void **state)
{
    (void)state;
    float v = 0;
    assert_int_equal(audio_footstep_cue(TILE_SIDEWALK, &v), CUE_STEP_PAVEMENT);
    assert_true(v > 0.0f && v <= 1.0f);
    assert_int_equal(audio_footstep_cue(TILE_CROSSWALK, &v), CUE_STEP_PAVEMENT);
    assert_int_equal(audio_footstep_cue(TILE_DINER_FLOOR, &v), CUE_STEP_FLOOR);
    assert_int_equal(audio_footstep_cue(TILE_STORE_FLOOR, &v), CUE_STEP_FLOOR);
    assert_int_equal(audio_footstep_cue(TILE_MALL_FLOOR, &v), CUE_STEP_FLOOR);
    float grass = 0, road = 0;
    audio_footstep_cue(TILE_GRASS, &grass);
    audio_footstep_cue(TILE_ROAD, &road);
    assert_true(grass < road); /* soft ground is quieter */
}

/* A sound heard from the origin, near 32 px, far 320 px. */
static void heard(int32_t sx, int32_t sy, float *volume, float *pan)
{
    *volume = -1.0f;
    *pan = -9.0f;
    audio_spatial(sx, sy, 0, 0, 32, 320, volume, pan);
}

static void test_spatial_near_and_far(void **state)
{
    (void)state;
    float v, p;
    heard(0, 0, &v, &p); /* where Harry stands */
    assert_true(v == 1.0f);
    assert_true(p == 0.0f);
    heard(0, 32, &v, &p); /* just within reach: full, and straight below */
    assert_true(v == 1.0f);
    assert_true(p == 0.0f);
    heard(20, -20, &v, &p);
    assert_true(v == 1.0f);
    heard(0, -320, &v, &p); /* at the far edge: silent */
    assert_true(v == 0.0f);
    heard(0, 321, &v, &p);
    assert_true(v == 0.0f);
    heard(100000, 100000, &v, &p);
    assert_true(v == 0.0f);
    /* the listener need not be at the origin */
    audio_spatial(1000, 500, 1000, 500 + 320, 32, 320, &v, &p);
    assert_true(v == 0.0f);
    audio_spatial(1010, 500, 1000, 500, 32, 320, &v, &p);
    assert_true(v == 1.0f);
}

static void test_spatial_left_and_right(void **state)
{
    (void)state;
    float v, p, vr, pr;
    heard(-100, 0, &v, &p);
    assert_true(p < 0.0f);
    heard(100, 0, &vr, &pr);
    assert_true(pr > 0.0f);
    /* the same either side, but for the sign */
    assert_float_equal(v, vr, 1e-6f);
    assert_float_equal(p, -pr, 1e-6f);
    /* further to the side, further over, but never more than 0.8 */
    float before = 0.0f;
    for (int32_t x = 0; x <= 2000; x += 10) {
        heard(x, 40, &v, &p);
        assert_true(p >= before);
        assert_true(p <= AUDIO_PAN_MAX);
        before = p;
    }
    assert_float_equal(before, AUDIO_PAN_MAX, 1e-6f);
    heard(-5000, 0, &v, &p);
    assert_float_equal(p, -AUDIO_PAN_MAX, 1e-6f);
    assert_true(AUDIO_PAN_MAX == 0.8f);
    /* overhead or underfoot: in the middle */
    heard(0, -200, &v, &p);
    assert_true(p == 0.0f);
    /* coordinates far apart do not overflow */
    audio_spatial(INT32_MAX, 0, INT32_MIN, 0, 32, 320, &v, &p);
    assert_true(v == 0.0f);
    assert_float_equal(p, AUDIO_PAN_MAX, 1e-6f);
}

static void test_spatial_falls_off_smoothly(void **state)
{
    (void)state;
    float v, p, before = 1.0f, biggest_step = 0.0f;
    heard(176, 0, &v, &p); /* half way between near and far */
    assert_float_equal(v, 0.5f, 0.001f);
    heard(0, 100, &v, &p);
    assert_true(v > 0.0f && v < 1.0f);
    for (int32_t d = 0; d <= 400; d++) {
        heard(0, d, &v, &p);
        assert_true(v >= 0.0f && v <= 1.0f);
        /* never louder further away, and always quieter in between */
        assert_true(v <= before);
        if (d > 32 && d < 320) assert_true(v < before);
        if (before - v > biggest_step) biggest_step = before - v;
        before = v;
    }
    /* no jump anywhere: a pixel changes the volume by well under 1 % */
    assert_true(biggest_step < 0.01f);
    /* the edges are gentle too: the first and last steps are tiny */
    float a, b;
    heard(0, 33, &a, &p);
    heard(0, 319, &b, &p);
    assert_true(1.0f - a < 0.001f);
    assert_true(b < 0.001f);
    /* a far edge at or inside the near one: full, then nothing */
    audio_spatial(0, 50, 0, 0, 50, 10, &v, &p);
    assert_true(v == 1.0f);
    audio_spatial(0, 51, 0, 0, 50, 10, &v, &p);
    assert_true(v == 0.0f);
}

static void test_no_device_is_silent_and_safe(void **state)
{
    (void)state;
    /* run with SDL_AUDIODRIVER naming no driver: every call is a no-op */
    audio_t au;
    audio_init(&au, "no-such-folder");
    assert_false(au.ok);
    audio_set_volumes(&au, 5, 5, false);
    audio_play_music(&au, MUSIC_LEVEL);
    audio_scene_t scene = {true, false, 600, 1800, "pulse1"};
    audio_update(&au, &scene);
    audio_play_cue(&au, CUE_RING);
    audio_play_cue_at(&au, CUE_FIRE, 0.5f, -0.4f);
    assert_int_equal(au.plays[CUE_FIRE], 0);
    assert_true(audio_play_ending(&au, "ending_flash")); /* known, though unheard */
    assert_false(audio_play_ending(&au, "no-such-ending"));
    assert_false(audio_ending_playing(&au));
    audio_pause_music(&au, true);
    audio_shutdown(&au);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_full_clock_plays_the_pulse_alone),
        cmocka_unit_test(test_tension_grows_as_time_runs_low),
        cmocka_unit_test(test_tension_start_is_bounded),
        cmocka_unit_test(test_final_layer_is_the_last_ten_seconds),
        cmocka_unit_test(test_duck),
        cmocka_unit_test(test_sheet),
        cmocka_unit_test(test_sheet_refuses_what_it_cannot_use),
        cmocka_unit_test(test_music_names),
        cmocka_unit_test(test_ending_names),
        cmocka_unit_test(test_footsteps),
        cmocka_unit_test(test_spatial_near_and_far),
        cmocka_unit_test(test_spatial_left_and_right),
        cmocka_unit_test(test_spatial_falls_off_smoothly),
        cmocka_unit_test(test_no_device_is_silent_and_safe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
