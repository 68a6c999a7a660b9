/* The window's picture: the whole-number scale and bars, and a click in
 * the window mapped back to the picture's pixel (the menus' mouse). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "platform/letterbox.h"

enum { W = 480, H = 270 };

static void test_fit(void **state)
{
    (void)state;
    letterbox_t lb = letterbox_fit(960, 540, W, H); /* the window as it opens */
    assert_int_equal(lb.scale, 2);
    assert_int_equal(lb.x, 0);
    assert_int_equal(lb.y, 0);
    assert_int_equal(lb.w, 960);
    lb = letterbox_fit(1920, 1080, W, H);
    assert_int_equal(lb.scale, 4);
    lb = letterbox_fit(1280, 720, W, H); /* 2x, bars on every side */
    assert_int_equal(lb.scale, 2);
    assert_int_equal(lb.x, 160);
    assert_int_equal(lb.y, 90);
    lb = letterbox_fit(1000, 1000, W, H); /* tall: bars above and below */
    assert_int_equal(lb.scale, 2);
    assert_int_equal(lb.x, 20);
    assert_int_equal(lb.y, 230);
    lb = letterbox_fit(300, 200, W, H); /* smaller than the picture: 1x, centred */
    assert_int_equal(lb.scale, 1);
    assert_int_equal(lb.x, -90);
    assert_int_equal(lb.y, -35);
}

static void test_to_picture(void **state)
{
    (void)state;
    int px = -1, py = -1;
    letterbox_t lb = letterbox_fit(1280, 720, W, H);
    /* The picture's first pixel starts at the bar's edge; its last ends
     * at the other. */
    assert_true(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 160, 90, &px, &py));
    assert_int_equal(px, 0);
    assert_int_equal(py, 0);
    assert_true(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 161, 91, &px, &py));
    assert_int_equal(px, 0);
    assert_int_equal(py, 0);
    assert_true(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 162, 92, &px, &py));
    assert_int_equal(px, 1);
    assert_int_equal(py, 1);
    assert_true(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 1119, 629, &px, &py));
    assert_int_equal(px, W - 1);
    assert_int_equal(py, H - 1);
    assert_true(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 640, 360, &px, &py));
    assert_int_equal(px, 240);
    assert_int_equal(py, 135);
    /* On a bar: not the picture (the nearest pixel all the same). */
    assert_false(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 159, 360, &px, &py));
    assert_int_equal(px, 0);
    assert_false(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 1120, 360, &px, &py));
    assert_int_equal(px, W - 1);
    assert_false(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 640, 89, &px, &py));
    assert_false(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, 640, 630, &px, &py));
    assert_false(letterbox_to_picture(&lb, 1280, 720, 1280, 720, W, H, -5, -5, &px, &py));
    assert_int_equal(px, 0);
    assert_int_equal(py, 0);
}

/* A high-density display: the window is 960x540 points, its output
 * 1920x1080 pixels (the picture at 4x); clicks come in points. */
static void test_high_density(void **state)
{
    (void)state;
    int px = -1, py = -1;
    letterbox_t lb = letterbox_fit(1920, 1080, W, H);
    assert_true(letterbox_to_picture(&lb, 960, 540, 1920, 1080, W, H, 480, 270, &px, &py));
    assert_int_equal(px, 240);
    assert_int_equal(py, 135);
    assert_true(letterbox_to_picture(&lb, 960, 540, 1920, 1080, W, H, 959, 539, &px, &py));
    assert_int_equal(px, W - 1);
    assert_int_equal(py, H - 1);
    assert_false(letterbox_to_picture(&lb, 960, 540, 1920, 1080, W, H, 960, 100, &px, &py));
}

/* A window smaller than the picture shows its middle at 1x. */
static void test_small_window(void **state)
{
    (void)state;
    int px = -1, py = -1;
    letterbox_t lb = letterbox_fit(300, 200, W, H);
    assert_true(letterbox_to_picture(&lb, 300, 200, 300, 200, W, H, 0, 0, &px, &py));
    assert_int_equal(px, 90);
    assert_int_equal(py, 35);
    assert_true(letterbox_to_picture(&lb, 300, 200, 300, 200, W, H, 150, 100, &px, &py));
    assert_int_equal(px, 240);
    assert_int_equal(py, 135);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fit),
        cmocka_unit_test(test_to_picture),
        cmocka_unit_test(test_high_density),
        cmocka_unit_test(test_small_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
