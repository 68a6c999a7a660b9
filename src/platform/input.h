/* Keyboard and game controllers: menu actions from events, and one input_t
 * per game tick from what is held down, both through one table of the
 * player's bindings; the last device used, and the prompts that name what to
 * press on it. */
#ifndef MM_INPUT_H
#define MM_INPUT_H

#include <SDL.h>
#include <stdint.h>

#include "game/game.h"
#include "platform/settings.h"

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

/* ---- bindings ------------------------------------------------------------- */

/* What the player can bind: the game's buttons and the menus' actions. The
 * left stick always moves and steps through menus, and Alt+Enter always
 * toggles fullscreen; everything else is in the table. */
typedef enum input_bind {
    BIND_UP,
    BIND_DOWN,
    BIND_LEFT,
    BIND_RIGHT,
    BIND_SPRINT,
    BIND_USE,   /* answer a payphone, get in or out of a car */
    BIND_PAUSE, /* pause in play, back in menus */
    BIND_CONFIRM,
    BIND_RESTART,
    BIND_MUTE,
    BIND_OPTIONS,
    BIND_FULLSCREEN,
    BIND_COUNT
} input_bind_t;

#define INPUT_BIND_SLOTS 3 /* keys (and buttons) per action */
/* The triggers are axes to SDL; here they are two more buttons. */
#define INPUT_PAD_LEFT_TRIGGER SDL_CONTROLLER_BUTTON_MAX
#define INPUT_PAD_RIGHT_TRIGGER (SDL_CONTROLLER_BUTTON_MAX + 1)
#define INPUT_PAD_CODES (SDL_CONTROLLER_BUTTON_MAX + 2)
#define INPUT_TRIGGER_DOWN 16000 /* of 32767 */

typedef struct input_bindings {
    int16_t keys[BIND_COUNT][INPUT_BIND_SLOTS]; /* SDL scancodes (keys where they are); 0 = none */
    int8_t pads[BIND_COUNT][INPUT_BIND_SLOTS];  /* SDL controller buttons or a trigger; -1 = none */
} input_bindings_t;

typedef enum input_device {
    INPUT_DEV_KEYBOARD,
    INPUT_DEV_PAD,
    INPUT_DEV_TOUCH, /* the page's touch controls */
    INPUT_DEV_MOUSE,
} input_device_t;

/* Today's keys and buttons (README.md's table). */
void input_bindings_default(input_bindings_t *b);
/* The action's name in menus ("Sprint") and in the settings file ("sprint"). */
const char *input_bind_label(input_bind_t a);
const char *input_bind_id(input_bind_t a);
/* Binds one key (dev KEYBOARD, a scancode) or pad button (dev PAD) to an
 * action, in place of the ones it had on that device. Refused (false, and
 * *conflict says which) when another action that works on the same screens
 * has it: two actions on one key would do both. Actions of different
 * screens may share one (Enter confirms in menus and uses in play). */
bool input_bind_assign(input_bindings_t *b, input_bind_t a, input_device_t dev, int code,
                       input_bind_t *conflict);
/* Whether two actions are ever read on the same screen. */
bool input_bind_overlap(input_bind_t a, input_bind_t b);

/* The bindings from the settings' key.* and pad.* lines: a name SDL does not
 * know, or a line that makes two actions share a key, leaves that action at
 * its default, and warn says so in words a player understands ("" when all
 * was well). */
void input_bindings_from_settings(input_bindings_t *b, const settings_t *s, char *warn,
                                  size_t warn_cap);
/* Writes every action's key.* and pad.* line into the settings. */
void input_bindings_to_settings(const input_bindings_t *b, settings_t *s);

typedef struct input_devices {
    SDL_GameController *pads[INPUT_MAX_PADS];
    uint8_t touch;   /* held on the touch controls (the browser's page) */
    int32_t stick_y; /* -1, 0, 1: the stick's last menu direction */
    int32_t stick_x;
    input_bindings_t binds;
    input_device_t last;              /* the device last used: what prompts name */
    uint8_t triggers[INPUT_MAX_PADS]; /* bit 0 left, bit 1 right: held past INPUT_TRIGGER_DOWN */
    /* Waiting for a key or button to bind (the Controls page). */
    bool capturing;
    bool captured; /* one came (or the wait was cancelled) */
    input_device_t capture_dev;
    int capture_code; /* -1: cancelled (Esc) */
} input_devices_t;

void input_devices_init(input_devices_t *d);
void input_devices_close(input_devices_t *d);
/* Handles hot-plugging and turns one event into actions (a bit set). */
uint32_t input_handle_event(input_devices_t *d, const SDL_Event *e);
/* What a mouse click or a touch says of the device in use (the app hands
 * the screens' clicks over before input_handle_event sees them): the last
 * device, and a click cancels a wait for a key. */
void input_note_pointer(input_devices_t *d, const SDL_Event *e);
/* The touch controls' buttons held now; returns the menu actions of those
 * just pressed (the stick's ways, the use button as confirm, pause as back),
 * so taps work every menu. */
uint32_t input_touch_set(input_devices_t *d, uint8_t held);
/* The buttons held now, for one game tick. */
uint8_t input_sample(const input_devices_t *d);

/* Waits for the next key or pad button: until it comes every key and button
 * goes to it, not to the menus; then captured is set, with capture_dev and
 * capture_code (-1 when Esc cancelled). */
void input_capture_begin(input_devices_t *d);
void input_capture_end(input_devices_t *d);

/* ---- prompts --------------------------------------------------------------- */

/* What the player presses for an action on the last device used: the first
 * key bound ("Enter", "Shift", "W"), the Xbox-style button ("A", "LB",
 * "Start"), or on touch the page's button ("Use", "Pause", "Stick"). "" when
 * that device has no way to do it. */
const char *input_prompt(const input_devices_t *d, input_bind_t a, char *buf, size_t cap);
/* The same on a named device. */
const char *input_prompt_on(const input_bindings_t *b, input_device_t dev, input_bind_t a,
                            char *buf, size_t cap);
/* A line of prompts from a template: {confirm}, {pause}, {restart}, {up}, ...
 * (input_bind_id's names) become what to press; {confirm|restart} names
 * each that has a way, joined by " or "; {move} the four ways ("Arrows",
 * "WASD", "Stick"), {updown} and {leftright} two of them; {any} "press a key" / "press a
 * button" / "tap" / "click". A part of the line (between runs of three
 * spaces) whose prompt has no way on the device is left out. */
const char *input_prompt_format(const input_devices_t *d, const char *tmpl, char *buf, size_t cap);
const char *input_prompt_format_on(const input_bindings_t *b, input_device_t dev, const char *tmpl,
                                   char *buf, size_t cap);
/* The same with each pad button's name marked as a glyph, "\x01A\x02 play"
 * (ui/text.h draws it as the button): what the screens draw. */
#define INPUT_GLYPH_OPEN '\x01'
#define INPUT_GLYPH_CLOSE '\x02'
const char *input_prompt_glyphs(const input_devices_t *d, const char *tmpl, char *buf, size_t cap);
const char *input_prompt_glyphs_on(const input_bindings_t *b, input_device_t dev, const char *tmpl,
                                   char *buf, size_t cap);
/* The menu action a part of a shown prompt line names ("P back" -> ACT_BACK
 * when Pause is on P; "Use next level" on touch -> ACT_CONFIRM), for a click
 * on it; ACT_ANY with it, 0 when the part starts with no action's key (the
 * ways to move are not clicked). */
uint32_t input_prompt_actions(const input_devices_t *d, const char *part, size_t n);
/* A key's or button's name for the Controls page ("Left Shift", "RT"). */
const char *input_code_name(input_device_t dev, int code, char *buf, size_t cap);

#endif
