/* Game controllers through SDL's game controller API, with a virtual pad:
 * hot-plugging, the stick's dead zone, buttons, and menu actions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <SDL.h>

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

int main(void)
{
    if (SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "cannot start SDL: %s\n", SDL_GetError());
        return 1;
    }
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_virtual_pad)};
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
