/* Keyboard and game controllers: menu actions from events, and one input_t
 * per game tick from what is held down. */
#ifndef MM_INPUT_H
#define MM_INPUT_H

#include <SDL.h>
#include <stdint.h>

#include "game/game.h"

#define INPUT_MAX_PADS 4
#define INPUT_DEAD_ZONE 9000 /* of 32767: a resting stick never moves Harry */

typedef enum action {
    ACT_UP = 1 << 0,
    ACT_DOWN = 1 << 1,
    ACT_LEFT = 1 << 2,
    ACT_RIGHT = 1 << 3,
    ACT_CONFIRM = 1 << 4,
    ACT_BACK = 1 << 5, /* Esc, B: back in menus, pause in play */
    ACT_RESTART = 1 << 6,
    ACT_FULLSCREEN = 1 << 7,
    ACT_ANY = 1 << 8, /* any key or button: "press a key" */
    ACT_QUIT = 1 << 9,
    ACT_MUTE = 1 << 10,
    ACT_OPTIONS = 1 << 11,
    ACT_AWAY = 1 << 12,       /* the window lost focus or was hidden: the player looked away */
    ACT_BACK_AGAIN = 1 << 13, /* it has focus again */
} action_t;

/* The page's touch controls hold game buttons (input_button_t) and this
 * one more: the pause button, Esc's twin. */
#define INPUT_TOUCH_PAUSE (1 << 6)

typedef struct input_devices {
    SDL_GameController *pads[INPUT_MAX_PADS];
    uint8_t touch;   /* held on the touch controls (the browser's page) */
    int32_t stick_y; /* -1, 0, 1: the stick's last menu direction */
    int32_t stick_x;
} input_devices_t;

void input_devices_init(input_devices_t *d);
void input_devices_close(input_devices_t *d);
/* Handles hot-plugging and turns one event into actions (a bit set). */
uint32_t input_handle_event(input_devices_t *d, const SDL_Event *e);
/* The touch controls' buttons held now; returns the menu actions of those
 * just pressed (the stick's ways, the use button as confirm, pause as back),
 * so taps work every menu. */
uint32_t input_touch_set(input_devices_t *d, uint8_t held);
/* The buttons held now, for one game tick. */
uint8_t input_sample(const input_devices_t *d);

#endif
