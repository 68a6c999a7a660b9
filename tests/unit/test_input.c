/* Game controllers through SDL's game controller API, with a virtual pad:
 * hot-plugging, the stick's dead zone, buttons, and menu actions; the
 * binding table (remapping, conflicts, the settings' lines) and the prompts
 * it gives on each device. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "common/files.h"
#include "platform/input.h"

static uint32_t pump(input_devices_t *d)
{
    uint32_t acts = 0;
    SDL_Event e;
    SDL_GameControllerUpdate();
    while (SDL_PollEvent(&e)) acts |= input_handle_event(d, &e);
    return acts;
}

static void test_virtual_pad(void **state)
{
    (void)state;
    input_devices_t d;
    input_devices_init(&d);
    int index = SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_AXIS_MAX,
                                          SDL_CONTROLLER_BUTTON_MAX, 0);
    assert_true(index >= 0);
    pump(&d);
    assert_non_null(d.pads[0]); /* picked up when plugged in */
    SDL_Joystick *js = SDL_GameControllerGetJoystick(d.pads[0]);

    /* A stick resting slightly off centre does not move Harry. */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTX, 5000);
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, -4000);
    pump(&d);
    assert_int_equal(input_sample(&d), 0);

    /* Pushed right: right. Pushed right and down at 45 degrees: both. */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTX, 30000);
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, 0);
    uint32_t acts = pump(&d);
    assert_int_equal(input_sample(&d), INPUT_RIGHT);
    assert_true(acts & ACT_RIGHT); /* the stick also steps through menus */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, 30000);
    pump(&d);
    assert_int_equal(input_sample(&d), INPUT_RIGHT | INPUT_DOWN);

    /* A sprints; the d-pad moves too. */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTX, 0);
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, 0);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_A, 1);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_DPAD_UP, 1);
    acts = pump(&d);
    assert_int_equal(input_sample(&d), INPUT_SPRINT | INPUT_UP);
    assert_true(acts & ACT_CONFIRM);
    assert_true(acts & ACT_UP);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_A, 0);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_DPAD_UP, 0);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_START, 1);
    acts = pump(&d);
    assert_true(acts & ACT_BACK); /* Start pauses */

    /* Pulled out: dropped, and nothing is held any more. */
    SDL_JoystickDetachVirtual(index);
    pump(&d);
    assert_null(d.pads[0]);
    assert_int_equal(input_sample(&d), 0);
    input_devices_close(&d);
}

static void key_event(SDL_Scancode sc, bool repeat)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.scancode = sc;
    e.key.keysym.sym = SDL_GetKeyFromScancode(sc);
    e.key.repeat = repeat ? 1 : 0;
    SDL_PushEvent(&e);
}

static bool same_binds(const input_bindings_t *a, const input_bindings_t *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* A key or button another action of the same screens has is refused, and
 * the refusal names that action; actions never read on one screen share. */
static void test_assign(void **state)
{
    (void)state;
    input_bindings_t b, def;
    input_bindings_default(&b);
    input_bindings_default(&def);
    input_bind_t other = BIND_COUNT;
    /* Enter is Use's key in play: Sprint cannot have it too. */
    assert_false(
        input_bind_assign(&b, BIND_SPRINT, INPUT_DEV_KEYBOARD, SDL_SCANCODE_RETURN, &other));
    assert_int_equal(other, BIND_USE);
    assert_true(same_binds(&b, &def)); /* a refusal changes nothing */
    /* Esc pauses in play and goes back in menus: Restart cannot have it. */
    assert_false(
        input_bind_assign(&b, BIND_RESTART, INPUT_DEV_KEYBOARD, SDL_SCANCODE_ESCAPE, &other));
    assert_int_equal(other, BIND_PAUSE);
    assert_string_equal(input_bind_label(other), "Pause / back");
    /* P is free: Sprint has P alone now (Shift no more). */
    assert_true(input_bind_assign(&b, BIND_SPRINT, INPUT_DEV_KEYBOARD, SDL_SCANCODE_P, &other));
    assert_int_equal(b.keys[BIND_SPRINT][0], SDL_SCANCODE_P);
    assert_int_equal(b.keys[BIND_SPRINT][1], 0);
    assert_false(input_bind_assign(&b, BIND_PAUSE, INPUT_DEV_KEYBOARD, SDL_SCANCODE_P, &other));
    assert_int_equal(other, BIND_SPRINT);
    /* Confirm is read in menus, Use in play: E may do both. */
    assert_true(input_bind_assign(&b, BIND_CONFIRM, INPUT_DEV_KEYBOARD, SDL_SCANCODE_E, &other));
    /* The pad's A sprints: pausing on it is refused, confirming is fine. */
    assert_false(input_bind_assign(&b, BIND_PAUSE, INPUT_DEV_PAD, SDL_CONTROLLER_BUTTON_A, &other));
    assert_int_equal(other, BIND_SPRINT);
    assert_true(input_bind_assign(&b, BIND_SPRINT, INPUT_DEV_PAD, INPUT_PAD_LEFT_TRIGGER, &other));
    /* ... and still A confirms in menus, where pause is back. */
    assert_false(input_bind_assign(&b, BIND_PAUSE, INPUT_DEV_PAD, SDL_CONTROLLER_BUTTON_A, &other));
    assert_int_equal(other, BIND_CONFIRM);
    assert_true(input_bind_assign(&b, BIND_PAUSE, INPUT_DEV_PAD, SDL_CONTROLLER_BUTTON_LEFTSHOULDER,
                                  &other));
    /* Not a key or button at all. */
    assert_false(input_bind_assign(&b, BIND_UP, INPUT_DEV_KEYBOARD, 0, &other));
    assert_false(input_bind_assign(&b, BIND_UP, INPUT_DEV_PAD, INPUT_PAD_CODES, &other));
    assert_int_equal(other, BIND_COUNT);
}

/* Bindings go through the settings file and come back the same. */
static void test_settings_round_trip(void **state)
{
    (void)state;
    input_bindings_t b, back;
    input_bindings_default(&b);
    input_bind_t other;
    assert_true(input_bind_assign(&b, BIND_PAUSE, INPUT_DEV_KEYBOARD, SDL_SCANCODE_P, &other));
    assert_true(input_bind_assign(&b, BIND_UP, INPUT_DEV_KEYBOARD, SDL_SCANCODE_I, &other));
    assert_true(input_bind_assign(&b, BIND_SPRINT, INPUT_DEV_KEYBOARD, SDL_SCANCODE_COMMA, &other));
    assert_true(input_bind_assign(&b, BIND_USE, INPUT_DEV_PAD, INPUT_PAD_LEFT_TRIGGER, &other));
    assert_true(
        input_bind_assign(&b, BIND_MUTE, INPUT_DEV_PAD, SDL_CONTROLLER_BUTTON_GUIDE, &other));
    settings_t s, t;
    settings_default(&s);
    s.music_volume = 2;
    input_bindings_to_settings(&b, &s);
    assert_string_equal(settings_get_bind(&s, "key.pause"), "P");
    assert_string_equal(settings_get_bind(&s, "key.down"), "Down or S");
    assert_string_equal(settings_get_bind(&s, "pad.use"), "lefttrigger");
    assert_string_equal(settings_get_bind(&s, "pad.options"), "none");
    char buf[8192], err[200], warn[600];
    int n = settings_write(&s, buf, sizeof buf);
    assert_true(n > 0);
    assert_non_null(strstr(buf, "\nkey.up = I\n"));
    assert_non_null(strstr(buf, "\npad.sprint = a or rightshoulder or righttrigger\n"));
    assert_int_equal(settings_parse(&t, buf, (size_t)n, err, sizeof err), 0);
    assert_int_equal(t.music_volume, 2);
    input_bindings_from_settings(&back, &t, warn, sizeof warn);
    assert_string_equal(warn, "");
    assert_true(same_binds(&b, &back));
    /* Every key that can be bound is written as a name that reads back as it
     * (" or " separates names, so none may hold it). */
    int bindable = 0;
    for (int sc = 1; sc < SDL_NUM_SCANCODES; sc++) {
        input_bindings_t one;
        input_bindings_default(&one);
        if (!input_bind_assign(&one, BIND_OPTIONS, INPUT_DEV_KEYBOARD, sc, &other)) continue;
        bindable++;
        settings_default(&t);
        input_bindings_to_settings(&one, &t);
        assert_null(strstr(settings_get_bind(&t, "key.options"), " or "));
        input_bindings_from_settings(&back, &t, warn, sizeof warn);
        assert_string_equal(warn, "");
        assert_true(same_binds(&one, &back));
    }
    assert_true(bindable > 200);
    /* No settings lines: today's keys. */
    settings_default(&t);
    input_bindings_from_settings(&back, &t, warn, sizeof warn);
    input_bindings_default(&b);
    assert_true(same_binds(&b, &back));
    assert_string_equal(warn, "");
}

/* A hand-edited file: names in any case work; an unknown name, an unknown
 * action, or two actions on one key leave that action at its default, with
 * a warning that says which. */
static void test_settings_hand_edited(void **state)
{
    (void)state;
    const char *text = "miraclemile-settings 1\n"
                       "key.pause = p\n"
                       "key.sprint = Shfit\n"
                       "pad.use = q\n"
                       "key.jump = J\n"
                       "key.restart = Escape\n"
                       "key.confirm = none\n"
                       "key.left = J or left shift\n";
    settings_t s;
    char err[200], warn[1200];
    assert_int_equal(settings_parse(&s, text, strlen(text), err, sizeof err), 0);
    input_bindings_t b, def;
    input_bindings_default(&def);
    input_bindings_from_settings(&b, &s, warn, sizeof warn);
    assert_int_equal(b.keys[BIND_PAUSE][0], SDL_SCANCODE_P);
    assert_non_null(strstr(warn, "no key is called \"Shfit\"; Sprint keeps its default"));
    assert_int_equal(b.keys[BIND_SPRINT][0], def.keys[BIND_SPRINT][0]);
    assert_non_null(strstr(warn, "no game controller button is called \"q\""));
    assert_int_equal(b.pads[BIND_USE][0], def.pads[BIND_USE][0]);
    assert_non_null(strstr(warn, "no control called \"jump\""));
    /* Esc is free (pause is on P), so Restart may have it. */
    assert_int_equal(b.keys[BIND_RESTART][0], SDL_SCANCODE_ESCAPE);
    assert_non_null(strstr(warn, "Confirm needs a key"));
    assert_int_equal(b.keys[BIND_CONFIRM][0], SDL_SCANCODE_RETURN);
    /* Left on Left Shift: Sprint (back on Shift) is read in play too. */
    assert_non_null(strstr(warn, "Left and Sprint share a key")
                        ? strstr(warn, "Left and Sprint share a key")
                        : strstr(warn, "Sprint and Left share a key"));
    assert_int_equal(b.keys[BIND_LEFT][0], SDL_SCANCODE_LEFT);
    /* A line too long to be a control's is a damaged file. */
    char longline[400];
    snprintf(longline, sizeof longline, "miraclemile-settings 1\nkey.up = %0150d\n", 7);
    assert_int_equal(settings_parse(&s, longline, strlen(longline), err, sizeof err), -1);
    assert_non_null(strstr(err, "line 2"));
}

/* A damaged settings file, controls and all: kept aside, every control at
 * its default, the player told; the file written after reads back. */
static void test_settings_damaged(void **state)
{
    (void)state;
    char dir[] = "/tmp/mm-controls-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], kept[300], warn[1400], err[300];
    snprintf(path, sizeof path, "%s/settings.txt", dir);
    snprintf(kept, sizeof kept, "%s.damaged", path);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("miraclemile-settings 1\nkey.pause = P\nkey.up = I\n\x01\x02 torn off mid-wr", f);
    fclose(f);
    settings_t s;
    settings_load(&s, path, warn, sizeof warn);
    assert_non_null(strstr(warn, "damaged"));
    assert_non_null(strstr(warn, kept));
    assert_true(files_exists(kept));
    input_bindings_t b, def;
    input_bindings_default(&def);
    input_bindings_from_settings(&b, &s, warn, sizeof warn);
    assert_true(same_binds(&b, &def));
    assert_int_equal(b.keys[BIND_PAUSE][0], SDL_SCANCODE_ESCAPE);
    /* Remapped and saved (atomically, as the settings always are), then read back. */
    input_bind_t other;
    assert_true(input_bind_assign(&b, BIND_PAUSE, INPUT_DEV_KEYBOARD, SDL_SCANCODE_P, &other));
    input_bindings_to_settings(&b, &s);
    assert_true(settings_save(&s, path, err, sizeof err));
    settings_load(&s, path, warn, sizeof warn);
    assert_string_equal(warn, "");
    input_bindings_t back;
    input_bindings_from_settings(&back, &s, warn, sizeof warn);
    assert_true(same_binds(&b, &back));
    remove(kept);
    remove(path);
    rmdir(dir);
}

/* Prompts name what to press on the device last used, from the bindings. */
static void test_prompts(void **state)
{
    (void)state;
    input_bindings_t b;
    input_bindings_default(&b);
    char buf[160];
    const char *results = "{confirm} next level   {restart} retry   {pause} menu";
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_KEYBOARD, results, buf, sizeof buf),
                        "Enter next level   R retry   Esc menu");
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_PAD, results, buf, sizeof buf),
                        "A next level   Y retry   B menu");
    /* The page's buttons: no restart there, so that part is left out. */
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_TOUCH, results, buf, sizeof buf),
                        "Use next level   Pause menu");
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_KEYBOARD,
                                               "{restart|confirm}: try again", buf, sizeof buf),
                        "R or Enter: try again");
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_TOUCH, "{restart|confirm}: try again",
                                               buf, sizeof buf),
                        "Use: try again");
    assert_string_equal(input_prompt_on(&b, INPUT_DEV_KEYBOARD, BIND_SPRINT, buf, sizeof buf),
                        "Shift");
    assert_string_equal(input_prompt_on(&b, INPUT_DEV_PAD, BIND_SPRINT, buf, sizeof buf), "A");
    assert_string_equal(input_prompt_on(&b, INPUT_DEV_TOUCH, BIND_SPRINT, buf, sizeof buf),
                        "Sprint");
    assert_string_equal(input_prompt_on(&b, INPUT_DEV_PAD, BIND_MUTE, buf, sizeof buf), "");
    assert_string_equal(
        input_prompt_format_on(&b, INPUT_DEV_KEYBOARD, "{move} choose   {Any}", buf, sizeof buf),
        "Arrows choose   Press a key");
    assert_string_equal(
        input_prompt_format_on(&b, INPUT_DEV_PAD, "{move} choose   {Any}", buf, sizeof buf),
        "Stick choose   Press a button");
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_TOUCH, "{any}", buf, sizeof buf),
                        "tap");
    assert_string_equal(
        input_prompt_format_on(&b, INPUT_DEV_MOUSE, "{any}   {confirm} play", buf, sizeof buf),
        "click   Enter play");
    /* What the screens draw: each pad button marked as a glyph (ui/text.h),
     * the stick too; the keyboard's and the page's as they were; a click
     * on a marked part is still that button's action. */
    assert_string_equal(input_prompt_glyphs_on(&b, INPUT_DEV_PAD,
                                               "{move} choose   "
                                               "{restart|confirm} again",
                                               buf, sizeof buf),
                        "\x01Stick\x02 choose   \x01Y\x02 or \x01"
                        "A\x02 again");
    assert_string_equal(input_prompt_glyphs_on(&b, INPUT_DEV_KEYBOARD, results, buf, sizeof buf),
                        "Enter next level   R retry   Esc menu");
    assert_string_equal(input_prompt_glyphs_on(&b, INPUT_DEV_TOUCH, results, buf, sizeof buf),
                        "Use next level   Pause menu");
    {
        input_devices_t d;
        memset(&d, 0, sizeof d);
        d.binds = b;
        d.last = INPUT_DEV_PAD;
        const char part[] = "\x01"
                            "B\x02 menu";
        assert_int_equal(input_prompt_actions(&d, part, strlen(part)), ACT_BACK | ACT_ANY);
    }
    /* Remapped: the prompts follow. */
    input_bind_t other;
    assert_true(
        input_bind_assign(&b, BIND_RESTART, INPUT_DEV_KEYBOARD, SDL_SCANCODE_BACKSPACE, &other));
    assert_true(input_bind_assign(&b, BIND_RESTART, INPUT_DEV_PAD,
                                  SDL_CONTROLLER_BUTTON_LEFTSHOULDER, &other));
    assert_true(input_bind_assign(&b, BIND_SPRINT, INPUT_DEV_PAD, INPUT_PAD_RIGHT_TRIGGER, &other));
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_KEYBOARD, results, buf, sizeof buf),
                        "Enter next level   Backspace retry   Esc menu");
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_PAD, results, buf, sizeof buf),
                        "A next level   LB retry   B menu");
    assert_string_equal(input_prompt_on(&b, INPUT_DEV_PAD, BIND_SPRINT, buf, sizeof buf), "RT");
    int ways[4] = {SDL_SCANCODE_W, SDL_SCANCODE_S, SDL_SCANCODE_A, SDL_SCANCODE_D};
    for (int i = 0; i < 4; i++)
        assert_true(input_bind_assign(&b, (input_bind_t)(BIND_UP + i), INPUT_DEV_KEYBOARD, ways[i],
                                      &other));
    assert_string_equal(
        input_prompt_format_on(&b, INPUT_DEV_KEYBOARD, "{move}   {updown}", buf, sizeof buf),
        "WASD   W/S");
    /* A name that is not an action is left as it was written. */
    assert_string_equal(input_prompt_format_on(&b, INPUT_DEV_KEYBOARD, "{jump} x", buf, sizeof buf),
                        "{jump} x");
}

/* Keys do what they are bound to; the last device is what prompts name; a
 * key waited for goes to the Controls page, not the menus. */
static void test_events(void **state)
{
    (void)state;
    input_devices_t d;
    input_devices_init(&d);
    input_bind_t other;
    assert_true(
        input_bind_assign(&d.binds, BIND_PAUSE, INPUT_DEV_KEYBOARD, SDL_SCANCODE_P, &other));
    key_event(SDL_SCANCODE_P, false);
    uint32_t acts = pump(&d);
    assert_true(acts & ACT_BACK);
    assert_true(acts & ACT_ANY);
    assert_int_equal(d.last, INPUT_DEV_KEYBOARD);
    key_event(SDL_SCANCODE_ESCAPE, false);
    acts = pump(&d);
    assert_false(acts & ACT_BACK); /* Esc is only a key now */
    key_event(SDL_SCANCODE_M, false);
    assert_int_equal(pump(&d), ACT_MUTE); /* mute is not "press a key" */
    key_event(SDL_SCANCODE_DOWN, true);
    assert_true(pump(&d) & ACT_DOWN); /* held Down runs through a list */
    key_event(SDL_SCANCODE_P, true);
    assert_int_equal(pump(&d), 0);
    key_event(SDL_SCANCODE_LSHIFT, false);
    assert_int_equal(pump(&d), 0); /* a modifier alone is not a key */

    input_capture_begin(&d);
    key_event(SDL_SCANCODE_K, false);
    assert_int_equal(pump(&d), 0);
    assert_true(d.captured);
    assert_int_equal(d.capture_dev, INPUT_DEV_KEYBOARD);
    assert_int_equal(d.capture_code, SDL_SCANCODE_K);
    input_capture_begin(&d);
    key_event(SDL_SCANCODE_ESCAPE, false);
    assert_int_equal(pump(&d), 0);
    assert_true(d.captured);
    assert_int_equal(d.capture_code, -1); /* Esc cancels */
    input_capture_end(&d);

    /* A pad: buttons and the triggers, remapped. */
    int index = SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_AXIS_MAX,
                                          SDL_CONTROLLER_BUTTON_MAX, 0);
    assert_true(index >= 0);
    pump(&d);
    assert_non_null(d.pads[0]);
    SDL_Joystick *js = SDL_GameControllerGetJoystick(d.pads[0]);
    assert_true(
        input_bind_assign(&d.binds, BIND_SPRINT, INPUT_DEV_PAD, INPUT_PAD_LEFT_TRIGGER, &other));
    assert_true(input_bind_assign(&d.binds, BIND_CONFIRM, INPUT_DEV_PAD,
                                  SDL_CONTROLLER_BUTTON_RIGHTSHOULDER, &other));
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_TRIGGERLEFT, 30000);
    acts = pump(&d);
    assert_int_equal(input_sample(&d), INPUT_SPRINT);
    assert_int_equal(d.last, INPUT_DEV_PAD);
    /* A virtual pad's trigger rests at its axis' low end. */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_TRIGGERLEFT, -32768);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_A, 1);
    acts = pump(&d);
    assert_int_equal(acts, ACT_ANY);       /* A no longer confirms */
    assert_int_equal(input_sample(&d), 0); /* nor sprints */
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_A, 0);
    pump(&d);
    input_capture_begin(&d);
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, 32000);
    assert_int_equal(pump(&d), 0);
    assert_true(d.captured);
    assert_int_equal(d.capture_dev, INPUT_DEV_PAD);
    assert_int_equal(d.capture_code, INPUT_PAD_RIGHT_TRIGGER);
    char buf[32];
    assert_string_equal(input_prompt(&d, BIND_CONFIRM, buf, sizeof buf), "RB");
    /* A click on a part of a prompt line does what that part names. */
    assert_int_equal(input_prompt_actions(&d, "RB next level", 13), ACT_CONFIRM | ACT_ANY);
    assert_int_equal(input_prompt_actions(&d, "Stick choose", 12), 0);
    d.last = INPUT_DEV_MOUSE; /* the keyboard's names */
    assert_int_equal(input_prompt_actions(&d, "P back", 6), ACT_BACK | ACT_ANY);
    assert_int_equal(input_prompt_actions(&d, "R or Enter: try again", 21), ACT_RESTART | ACT_ANY);
    assert_int_equal(input_prompt_actions(&d, "Esc menu", 8), 0); /* Esc does nothing now */
    assert_int_equal(input_prompt_actions(&d, "Right", 5), 0);
    /* The page's touch controls: the prompts name its buttons. */
    input_touch_set(&d, INPUT_ACTION);
    assert_int_equal(d.last, INPUT_DEV_TOUCH);
    assert_string_equal(input_prompt(&d, BIND_CONFIRM, buf, sizeof buf), "Use");
    input_touch_set(&d, 0);
    SDL_JoystickDetachVirtual(index);
    pump(&d);
    input_devices_close(&d);
}

int main(void)
{
    if (SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_virtual_pad),
                                       cmocka_unit_test(test_assign),
                                       cmocka_unit_test(test_settings_round_trip),
                                       cmocka_unit_test(test_settings_hand_edited),
                                       cmocka_unit_test(test_settings_damaged),
                                       cmocka_unit_test(test_prompts),
                                       cmocka_unit_test(test_events)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
