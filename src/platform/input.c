#include "platform/input.h"

#include <stdio.h>
#include <string.h>

/* ---- the binding table ----------------------------------------------------- */

enum { IN_PLAY = 1, IN_MENUS = 2, IN_BOTH = 3 };
#define NO_PAD -1

typedef struct bind_row {
    const char *id, *label;
    uint32_t act;  /* the menu action it sends (0: read only per tick) */
    uint8_t game;  /* the game button it holds (0: none) */
    uint8_t where; /* the screens that read it: two actions there must not share a key */
    bool quiet;    /* not "a key" for "press a key" (mute, fullscreen) */
    int16_t keys[INPUT_BIND_SLOTS];
    int8_t pads[INPUT_BIND_SLOTS];
} bind_row_t;

/* One row per input_bind_t, in its order; the defaults are the game's keys
 * and buttons from before they could be changed. */
static const bind_row_t bind_rows[BIND_COUNT] = {
    {"up",
     "Up",
     ACT_UP,
     INPUT_UP,
     IN_BOTH,
     false,
     {SDL_SCANCODE_UP, SDL_SCANCODE_W, 0},
     {SDL_CONTROLLER_BUTTON_DPAD_UP, NO_PAD, NO_PAD}},
    {"down",
     "Down",
     ACT_DOWN,
     INPUT_DOWN,
     IN_BOTH,
     false,
     {SDL_SCANCODE_DOWN, SDL_SCANCODE_S, 0},
     {SDL_CONTROLLER_BUTTON_DPAD_DOWN, NO_PAD, NO_PAD}},
    {"left",
     "Left",
     ACT_LEFT,
     INPUT_LEFT,
     IN_BOTH,
     false,
     {SDL_SCANCODE_LEFT, SDL_SCANCODE_A, 0},
     {SDL_CONTROLLER_BUTTON_DPAD_LEFT, NO_PAD, NO_PAD}},
    {"right",
     "Right",
     ACT_RIGHT,
     INPUT_RIGHT,
     IN_BOTH,
     false,
     {SDL_SCANCODE_RIGHT, SDL_SCANCODE_D, 0},
     {SDL_CONTROLLER_BUTTON_DPAD_RIGHT, NO_PAD, NO_PAD}},
    {"sprint",
     "Sprint",
     0,
     INPUT_SPRINT,
     IN_PLAY,
     false,
     {SDL_SCANCODE_LSHIFT, SDL_SCANCODE_RSHIFT, 0},
     {SDL_CONTROLLER_BUTTON_A, SDL_CONTROLLER_BUTTON_RIGHTSHOULDER, INPUT_PAD_RIGHT_TRIGGER}},
    {"use",
     "Use",
     0,
     INPUT_ACTION,
     IN_PLAY,
     false,
     {SDL_SCANCODE_E, SDL_SCANCODE_SPACE, SDL_SCANCODE_RETURN},
     {SDL_CONTROLLER_BUTTON_X, NO_PAD, NO_PAD}},
    {"pause",
     "Pause / back",
     ACT_BACK,
     0,
     IN_BOTH,
     false,
     {SDL_SCANCODE_ESCAPE, 0, 0},
     {SDL_CONTROLLER_BUTTON_B, SDL_CONTROLLER_BUTTON_START, NO_PAD}},
    {"confirm",
     "Confirm",
     ACT_CONFIRM,
     0,
     IN_MENUS,
     false,
     {SDL_SCANCODE_RETURN, SDL_SCANCODE_SPACE, SDL_SCANCODE_KP_ENTER},
     {SDL_CONTROLLER_BUTTON_A, NO_PAD, NO_PAD}},
    {"restart",
     "Restart",
     ACT_RESTART,
     0,
     IN_BOTH,
     false,
     {SDL_SCANCODE_R, 0, 0},
     {SDL_CONTROLLER_BUTTON_Y, SDL_CONTROLLER_BUTTON_BACK, NO_PAD}},
    {"mute", "Mute", ACT_MUTE, 0, IN_BOTH, true, {SDL_SCANCODE_M, 0, 0}, {NO_PAD, NO_PAD, NO_PAD}},
    {"options",
     "Options",
     ACT_OPTIONS,
     0,
     IN_MENUS,
     false,
     {SDL_SCANCODE_O, 0, 0},
     {NO_PAD, NO_PAD, NO_PAD}},
    {"fullscreen",
     "Fullscreen",
     ACT_FULLSCREEN,
     0,
     IN_BOTH,
     true,
     {SDL_SCANCODE_F11, 0, 0},
     {NO_PAD, NO_PAD, NO_PAD}},
};

void input_bindings_default(input_bindings_t *b)
{
    for (int i = 0; i < BIND_COUNT; i++) {
        memcpy(b->keys[i], bind_rows[i].keys, sizeof b->keys[i]);
        memcpy(b->pads[i], bind_rows[i].pads, sizeof b->pads[i]);
    }
}

const char *input_bind_label(input_bind_t a)
{
    return (int)a >= 0 && a < BIND_COUNT ? bind_rows[a].label : "?";
}

const char *input_bind_id(input_bind_t a)
{
    return (int)a >= 0 && a < BIND_COUNT ? bind_rows[a].id : "?";
}

bool input_bind_overlap(input_bind_t a, input_bind_t b)
{
    return (bind_rows[a].where & bind_rows[b].where) != 0;
}

static bool code_ok(input_device_t dev, int code)
{
    if (dev == INPUT_DEV_KEYBOARD) {
        const char *n = SDL_GetScancodeName((SDL_Scancode)code);
        /* Only keys whose name reads back as them can be kept in the file. */
        return code > 0 && code < SDL_NUM_SCANCODES && n && n[0] &&
               (int)SDL_GetScancodeFromName(n) == code;
    }
    return dev == INPUT_DEV_PAD && code >= 0 && code < INPUT_PAD_CODES;
}

static bool has_code(const input_bindings_t *b, input_bind_t a, input_device_t dev, int code)
{
    for (int s = 0; s < INPUT_BIND_SLOTS; s++)
        if (dev == INPUT_DEV_KEYBOARD ? b->keys[a][s] == code && code > 0 : b->pads[a][s] == code)
            return true;
    return false;
}

/* The first action before `a` that shares one of a's codes on dev and is
 * read on a screen where a is; BIND_COUNT when there is none. */
static input_bind_t first_clash(const input_bindings_t *b, input_bind_t a, input_device_t dev)
{
    for (int i = 0; i < (int)a; i++) {
        if (!input_bind_overlap(a, (input_bind_t)i)) continue;
        for (int s = 0; s < INPUT_BIND_SLOTS; s++) {
            int c = dev == INPUT_DEV_KEYBOARD ? b->keys[a][s] : b->pads[a][s];
            if ((dev == INPUT_DEV_KEYBOARD ? c > 0 : c >= 0) &&
                has_code(b, (input_bind_t)i, dev, c))
                return (input_bind_t)i;
        }
    }
    return BIND_COUNT;
}

bool input_bind_assign(input_bindings_t *b, input_bind_t a, input_device_t dev, int code,
                       input_bind_t *conflict)
{
    *conflict = BIND_COUNT;
    if ((int)a < 0 || a >= BIND_COUNT || !code_ok(dev, code)) return false;
    for (int i = 0; i < BIND_COUNT; i++) {
        if (i != (int)a && input_bind_overlap(a, (input_bind_t)i) &&
            has_code(b, (input_bind_t)i, dev, code)) {
            *conflict = (input_bind_t)i;
            return false;
        }
    }
    for (int s = 0; s < INPUT_BIND_SLOTS; s++) {
        if (dev == INPUT_DEV_KEYBOARD)
            b->keys[a][s] = (int16_t)(s == 0 ? code : 0);
        else
            b->pads[a][s] = (int8_t)(s == 0 ? code : NO_PAD);
    }
    return true;
}

/* ---- names ------------------------------------------------------------------ */

static const char *pad_id(int code)
{
    if (code == INPUT_PAD_LEFT_TRIGGER) return "lefttrigger";
    if (code == INPUT_PAD_RIGHT_TRIGGER) return "righttrigger";
    const char *n = SDL_GameControllerGetStringForButton((SDL_GameControllerButton)code);
    return n ? n : "";
}

static int pad_from_id(const char *name)
{
    if (SDL_strcasecmp(name, "lefttrigger") == 0) return INPUT_PAD_LEFT_TRIGGER;
    if (SDL_strcasecmp(name, "righttrigger") == 0) return INPUT_PAD_RIGHT_TRIGGER;
    return SDL_GameControllerGetButtonFromString(name); /* -1 when unknown */
}

/* As an Xbox-style pad labels them. */
static const char *pad_glyph(int code)
{
    switch (code) {
    case SDL_CONTROLLER_BUTTON_A:
        return "A";
    case SDL_CONTROLLER_BUTTON_B:
        return "B";
    case SDL_CONTROLLER_BUTTON_X:
        return "X";
    case SDL_CONTROLLER_BUTTON_Y:
        return "Y";
    case SDL_CONTROLLER_BUTTON_BACK:
        return "Back";
    case SDL_CONTROLLER_BUTTON_GUIDE:
        return "Guide";
    case SDL_CONTROLLER_BUTTON_START:
        return "Start";
    case SDL_CONTROLLER_BUTTON_LEFTSTICK:
        return "LS";
    case SDL_CONTROLLER_BUTTON_RIGHTSTICK:
        return "RS";
    case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
        return "LB";
    case SDL_CONTROLLER_BUTTON_RIGHTSHOULDER:
        return "RB";
    case SDL_CONTROLLER_BUTTON_DPAD_UP:
        return "D-pad Up";
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
        return "D-pad Down";
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
        return "D-pad Left";
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
        return "D-pad Right";
    case SDL_CONTROLLER_BUTTON_MISC1:
        return "Share";
    case SDL_CONTROLLER_BUTTON_PADDLE1:
        return "P1";
    case SDL_CONTROLLER_BUTTON_PADDLE2:
        return "P2";
    case SDL_CONTROLLER_BUTTON_PADDLE3:
        return "P3";
    case SDL_CONTROLLER_BUTTON_PADDLE4:
        return "P4";
    case SDL_CONTROLLER_BUTTON_TOUCHPAD:
        return "Touchpad";
    case INPUT_PAD_LEFT_TRIGGER:
        return "LT";
    case INPUT_PAD_RIGHT_TRIGGER:
        return "RT";
    default:
        return "";
    }
}

const char *input_code_name(input_device_t dev, int code, char *buf, size_t cap)
{
    if (cap == 0) return buf;
    buf[0] = '\0';
    if (dev == INPUT_DEV_PAD) {
        snprintf(buf, cap, "%s", pad_glyph(code));
        return buf;
    }
    if (code <= 0 || code >= SDL_NUM_SCANCODES) return buf;
    /* The key's name on the player's keyboard layout (Z on a German one
     * where the table says Y); the scancode's name when no layout is known. */
    SDL_Keycode k = SDL_GetKeyFromScancode((SDL_Scancode)code);
    const char *n = k != SDLK_UNKNOWN ? SDL_GetKeyName(k) : "";
    if (!n || !n[0]) n = SDL_GetScancodeName((SDL_Scancode)code);
    if (strcmp(n, "Return") == 0) n = "Enter";
    if (strcmp(n, "Escape") == 0) n = "Esc";
    snprintf(buf, cap, "%s", n);
    return buf;
}

/* A prompt's short form: "Shift" for either shift key. */
static void short_key_name(int code, char *buf, size_t cap)
{
    input_code_name(INPUT_DEV_KEYBOARD, code, buf, cap);
    if (strcmp(buf, "Keypad Enter") == 0) {
        snprintf(buf, cap, "Enter");
        return;
    }
    static const char *const sides[] = {"Left ", "Right "};
    for (int i = 0; i < 2; i++) {
        size_t n = strlen(sides[i]);
        if (strncmp(buf, sides[i], n) == 0 &&
            (strcmp(buf + n, "Shift") == 0 || strcmp(buf + n, "Ctrl") == 0 ||
             strcmp(buf + n, "Alt") == 0 || strcmp(buf + n, "GUI") == 0))
            memmove(buf, buf + n, strlen(buf + n) + 1);
    }
}

/* ---- settings ---------------------------------------------------------------- */

static void add_warning(char *warn, size_t cap, const char *msg)
{
    size_t n = strlen(warn);
    if (n + 3 >= cap) return;
    snprintf(warn + n, cap - n, "%s%s", n ? "; " : "", msg);
}

/* The names on one line, " or " between them, into codes; false (with why)
 * when one is not a key or button SDL knows. */
static bool parse_names(const char *value, input_device_t dev, int codes[INPUT_BIND_SLOTS],
                        int *count, char *why, size_t why_cap)
{
    *count = 0;
    if (SDL_strcasecmp(value, "none") == 0) return true;
    const char *p = value;
    while (*p) {
        const char *sep = strstr(p, " or ");
        size_t n = sep ? (size_t)(sep - p) : strlen(p);
        char name[SETTINGS_BIND_VALUE];
        while (n > 0 && p[0] == ' ') p++, n--;
        while (n > 0 && p[n - 1] == ' ') n--;
        if (n >= sizeof name) n = sizeof name - 1;
        memcpy(name, p, n);
        name[n] = '\0';
        int code =
            dev == INPUT_DEV_KEYBOARD ? (int)SDL_GetScancodeFromName(name) : pad_from_id(name);
        if (!code_ok(dev, code)) {
            snprintf(why, why_cap, "no %s is called \"%s\"",
                     dev == INPUT_DEV_KEYBOARD ? "key" : "game controller button", name);
            return false;
        }
        bool dup = false;
        for (int i = 0; i < *count; i++) dup |= codes[i] == code;
        if (!dup) {
            if (*count == INPUT_BIND_SLOTS) {
                snprintf(why, why_cap, "at most %d names", INPUT_BIND_SLOTS);
                return false;
            }
            codes[(*count)++] = code;
        }
        p += n;
        if (sep)
            p = sep + 4;
        else
            break;
    }
    if (*count == 0) {
        snprintf(why, why_cap, "no names");
        return false;
    }
    return true;
}

static void default_on(input_bindings_t *b, input_bind_t a, input_device_t dev)
{
    if (dev == INPUT_DEV_KEYBOARD)
        memcpy(b->keys[a], bind_rows[a].keys, sizeof b->keys[a]);
    else
        memcpy(b->pads[a], bind_rows[a].pads, sizeof b->pads[a]);
}

static bool is_default(const input_bindings_t *b, input_bind_t a, input_device_t dev)
{
    return dev == INPUT_DEV_KEYBOARD
               ? memcmp(b->keys[a], bind_rows[a].keys, sizeof b->keys[a]) == 0
               : memcmp(b->pads[a], bind_rows[a].pads, sizeof b->pads[a]) == 0;
}

void input_bindings_from_settings(input_bindings_t *b, const settings_t *s, char *warn,
                                  size_t warn_cap)
{
    input_bindings_default(b);
    if (warn_cap) warn[0] = '\0';
    char msg[320];
    for (int i = 0; i < s->bind_count; i++) {
        const char *name = s->binds[i].name;
        int a = 0;
        while (a < BIND_COUNT && strcmp(name + 4, bind_rows[a].id) != 0) a++;
        if (a == BIND_COUNT) {
            snprintf(msg, sizeof msg, "%s: there is no control called \"%s\"", name, name + 4);
            add_warning(warn, warn_cap, msg);
        }
    }
    for (int dev = INPUT_DEV_KEYBOARD; dev <= INPUT_DEV_PAD; dev++) {
        for (int a = 0; a < BIND_COUNT; a++) {
            char name[SETTINGS_BIND_NAME];
            snprintf(name, sizeof name, "%s.%s", dev == INPUT_DEV_KEYBOARD ? "key" : "pad",
                     bind_rows[a].id);
            const char *v = settings_get_bind(s, name);
            if (!v) continue;
            int codes[INPUT_BIND_SLOTS], count = 0;
            char why[160];
            if (!parse_names(v, (input_device_t)dev, codes, &count, why, sizeof why)) {
                snprintf(msg, sizeof msg, "%s: %s; %s keeps its default", name, why,
                         bind_rows[a].label);
                add_warning(warn, warn_cap, msg);
                continue;
            }
            /* No way at all to pause or confirm would leave the player stuck. */
            bool had =
                dev == INPUT_DEV_KEYBOARD ? bind_rows[a].keys[0] > 0 : bind_rows[a].pads[0] >= 0;
            if (count == 0 && had) {
                snprintf(msg, sizeof msg, "%s: %s needs a %s; it keeps its default", name,
                         bind_rows[a].label, dev == INPUT_DEV_KEYBOARD ? "key" : "button");
                add_warning(warn, warn_cap, msg);
                continue;
            }
            for (int k = 0; k < INPUT_BIND_SLOTS; k++) {
                if (dev == INPUT_DEV_KEYBOARD)
                    b->keys[a][k] = (int16_t)(k < count ? codes[k] : 0);
                else
                    b->pads[a][k] = (int8_t)(k < count ? codes[k] : NO_PAD);
            }
        }
        /* Two actions of one screen on one key: the one the file changed
         * keeps its default (the later, when it changed both). */
        for (int a = 0; a < BIND_COUNT; a++) {
            input_bind_t other = first_clash(b, (input_bind_t)a, (input_device_t)dev);
            if (other == BIND_COUNT) continue;
            input_bind_t back =
                is_default(b, (input_bind_t)a, (input_device_t)dev) ? other : (input_bind_t)a;
            snprintf(msg, sizeof msg, "%s and %s share a %s; %s keeps its default",
                     bind_rows[other].label, bind_rows[a].label,
                     dev == INPUT_DEV_KEYBOARD ? "key" : "button", bind_rows[back].label);
            add_warning(warn, warn_cap, msg);
            default_on(b, back, (input_device_t)dev);
        }
        bool clash = false;
        for (int a = 0; a < BIND_COUNT; a++)
            clash |= first_clash(b, (input_bind_t)a, (input_device_t)dev) != BIND_COUNT;
        if (clash) {
            add_warning(warn, warn_cap,
                        dev == INPUT_DEV_KEYBOARD ? "every key is back to its default"
                                                  : "every button is back to its default");
            for (int a = 0; a < BIND_COUNT; a++)
                default_on(b, (input_bind_t)a, (input_device_t)dev);
        }
    }
}

void input_bindings_to_settings(const input_bindings_t *b, settings_t *s)
{
    for (int dev = INPUT_DEV_KEYBOARD; dev <= INPUT_DEV_PAD; dev++) {
        for (int a = 0; a < BIND_COUNT; a++) {
            char name[SETTINGS_BIND_NAME], value[SETTINGS_BIND_VALUE] = "";
            snprintf(name, sizeof name, "%s.%s", dev == INPUT_DEV_KEYBOARD ? "key" : "pad",
                     bind_rows[a].id);
            size_t n = 0;
            for (int k = 0; k < INPUT_BIND_SLOTS; k++) {
                int c = dev == INPUT_DEV_KEYBOARD ? b->keys[a][k] : b->pads[a][k];
                if (dev == INPUT_DEV_KEYBOARD ? c <= 0 : c < 0) continue;
                const char *cn =
                    dev == INPUT_DEV_KEYBOARD ? SDL_GetScancodeName((SDL_Scancode)c) : pad_id(c);
                int m = snprintf(value + n, sizeof value - n, "%s%s", n ? " or " : "", cn);
                if (m < 0 || (size_t)m >= sizeof value - n) break;
                n += (size_t)m;
            }
            settings_set_bind(s, name, n ? value : "none");
        }
    }
}

/* ---- devices ------------------------------------------------------------------ */

void input_devices_init(input_devices_t *d)
{
    memset(d, 0, sizeof *d);
    input_bindings_default(&d->binds);
    /* Pads already plugged in arrive as CONTROLLERDEVICEADDED events too. */
}

void input_devices_close(input_devices_t *d)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (d->pads[i]) SDL_GameControllerClose(d->pads[i]);
    input_bindings_t keep = d->binds;
    memset(d, 0, sizeof *d);
    d->binds = keep;
}

static int pad_slot(const input_devices_t *d, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (d->pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(d->pads[i])) == id)
            return i;
    return -1;
}

static void pad_added(input_devices_t *d, int index)
{
    if (!SDL_IsGameController(index)) return;
    if (pad_slot(d, SDL_JoystickGetDeviceInstanceID(index)) >= 0) return;
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (!d->pads[i]) {
            d->pads[i] = SDL_GameControllerOpen(index);
            d->triggers[i] = 0;
            if (d->pads[i])
                SDL_Log("game controller connected: %s", SDL_GameControllerName(d->pads[i]));
            return;
        }
    }
}

static void pad_removed(input_devices_t *d, SDL_JoystickID id)
{
    int i = pad_slot(d, id);
    if (i < 0) return;
    SDL_Log("game controller disconnected");
    SDL_GameControllerClose(d->pads[i]);
    d->pads[i] = NULL;
    d->triggers[i] = 0;
}

static bool is_modifier(SDL_Scancode sc)
{
    return sc >= SDL_SCANCODE_LCTRL && sc <= SDL_SCANCODE_RGUI;
}

static uint32_t key_action(const input_devices_t *d, const SDL_KeyboardEvent *k)
{
    SDL_Scancode sc = k->keysym.scancode;
    if ((sc == SDL_SCANCODE_RETURN || sc == SDL_SCANCODE_KP_ENTER) && (k->keysym.mod & KMOD_ALT))
        return ACT_FULLSCREEN;
    if (k->repeat && !has_code(&d->binds, BIND_UP, INPUT_DEV_KEYBOARD, sc) &&
        !has_code(&d->binds, BIND_DOWN, INPUT_DEV_KEYBOARD, sc))
        return 0; /* held Up/Down run through a list; nothing else repeats */
    uint32_t a = 0;
    bool quiet = false;
    for (int i = 0; i < BIND_COUNT; i++) {
        if (!has_code(&d->binds, (input_bind_t)i, INPUT_DEV_KEYBOARD, sc)) continue;
        a |= bind_rows[i].act;
        quiet |= bind_rows[i].quiet;
    }
    if (quiet) return a;
    if (!is_modifier(sc)) a |= ACT_ANY; /* modifiers alone are not "a key" */
    return a;
}

static uint32_t button_action(const input_devices_t *d, int code)
{
    uint32_t a = ACT_ANY;
    for (int i = 0; i < BIND_COUNT; i++)
        if (has_code(&d->binds, (input_bind_t)i, INPUT_DEV_PAD, code)) a |= bind_rows[i].act;
    return a;
}

/* The stick steps through menus once per push past the dead zone. */
static uint32_t stick_action(input_devices_t *d, const SDL_ControllerAxisEvent *e)
{
    int v = e->value > INPUT_DEAD_ZONE * 2 ? 1 : (e->value < -INPUT_DEAD_ZONE * 2 ? -1 : 0);
    if (e->axis == SDL_CONTROLLER_AXIS_LEFTY) {
        if (v == d->stick_y) return 0;
        d->stick_y = v;
        if (v) d->last = INPUT_DEV_PAD;
        return v < 0 ? ACT_UP : (v > 0 ? ACT_DOWN : 0);
    }
    if (e->axis == SDL_CONTROLLER_AXIS_LEFTX) {
        if (v == d->stick_x) return 0;
        d->stick_x = v;
        if (v) d->last = INPUT_DEV_PAD;
        return v < 0 ? ACT_LEFT : (v > 0 ? ACT_RIGHT : 0);
    }
    return 0;
}

/* A trigger pulled past INPUT_TRIGGER_DOWN is a button press: its code, or -1. */
static int trigger_press(input_devices_t *d, const SDL_ControllerAxisEvent *e)
{
    int bit = e->axis == SDL_CONTROLLER_AXIS_TRIGGERLEFT    ? 1
              : e->axis == SDL_CONTROLLER_AXIS_TRIGGERRIGHT ? 2
                                                            : 0;
    int slot = pad_slot(d, e->which);
    if (!bit || slot < 0) return -1;
    bool down = e->value > INPUT_TRIGGER_DOWN;
    bool was = (d->triggers[slot] & bit) != 0;
    d->triggers[slot] = (uint8_t)(down ? d->triggers[slot] | bit : d->triggers[slot] & ~bit);
    if (!down || was) return -1;
    d->last = INPUT_DEV_PAD;
    return bit == 1 ? INPUT_PAD_LEFT_TRIGGER : INPUT_PAD_RIGHT_TRIGGER;
}

static void capture(input_devices_t *d, input_device_t dev, int code)
{
    d->capturing = false;
    d->captured = true;
    d->capture_dev = dev;
    d->capture_code = code;
}

void input_capture_begin(input_devices_t *d)
{
    d->capturing = true;
    d->captured = false;
    d->capture_code = -1;
}

void input_capture_end(input_devices_t *d)
{
    d->capturing = false;
    d->captured = false;
}

uint32_t input_handle_event(input_devices_t *d, const SDL_Event *e)
{
    switch (e->type) {
    case SDL_QUIT:
        return ACT_QUIT;
    case SDL_WINDOWEVENT:
        switch (e->window.event) {
        case SDL_WINDOWEVENT_FOCUS_LOST:
        case SDL_WINDOWEVENT_HIDDEN:
        case SDL_WINDOWEVENT_MINIMIZED:
            return ACT_AWAY;
        case SDL_WINDOWEVENT_FOCUS_GAINED:
        case SDL_WINDOWEVENT_RESTORED:
            return ACT_BACK_AGAIN;
        default:
            return 0;
        }
    case SDL_KEYDOWN:
        d->last = INPUT_DEV_KEYBOARD;
        if (d->capturing) {
            if (!e->key.repeat) {
                SDL_Scancode sc = e->key.keysym.scancode;
                capture(d, INPUT_DEV_KEYBOARD, sc == SDL_SCANCODE_ESCAPE ? -1 : (int)sc);
            }
            return 0;
        }
        return key_action(d, &e->key);
    case SDL_CONTROLLERDEVICEADDED:
        pad_added(d, e->cdevice.which);
        return 0;
    case SDL_CONTROLLERDEVICEREMOVED:
        pad_removed(d, e->cdevice.which);
        return 0;
    case SDL_CONTROLLERBUTTONDOWN:
        d->last = INPUT_DEV_PAD;
        if (d->capturing) {
            capture(d, INPUT_DEV_PAD, e->cbutton.button);
            return 0;
        }
        return button_action(d, e->cbutton.button);
    case SDL_CONTROLLERAXISMOTION: {
        int t = trigger_press(d, &e->caxis);
        uint32_t a = stick_action(d, &e->caxis);
        if (d->capturing) {
            if (t >= 0) capture(d, INPUT_DEV_PAD, t);
            return 0;
        }
        return t >= 0 ? a | button_action(d, t) : a;
    }
    case SDL_FINGERDOWN:
        input_note_pointer(d, e);
        return 0; /* the touch's mouse event does the rest */
    case SDL_MOUSEBUTTONDOWN: {
        bool waiting = d->capturing;
        input_note_pointer(d, e);
        return waiting ? 0 : ACT_ANY; /* a click skips a card or a scene, like a key */
    }
    default:
        return 0;
    }
}

void input_note_pointer(input_devices_t *d, const SDL_Event *e)
{
    if (e->type == SDL_FINGERDOWN) {
        d->last = INPUT_DEV_TOUCH;
        return;
    }
    if (e->type != SDL_MOUSEBUTTONDOWN) return; /* a mouse nudged is not a device taken up */
    d->last = e->button.which == SDL_TOUCH_MOUSEID ? INPUT_DEV_TOUCH : INPUT_DEV_MOUSE;
    if (d->capturing) capture(d, d->last, -1); /* a click cancels the wait */
}

uint32_t input_touch_set(input_devices_t *d, uint8_t held)
{
    uint8_t pressed = (uint8_t)(held & ~d->touch);
    d->touch = held;
    if (pressed) d->last = INPUT_DEV_TOUCH;
    if (pressed && d->capturing) {
        capture(d, INPUT_DEV_TOUCH, -1); /* the page's buttons are not bound */
        return 0;
    }
    uint32_t a = 0;
    if (pressed & INPUT_UP) a |= ACT_UP;
    if (pressed & INPUT_DOWN) a |= ACT_DOWN;
    if (pressed & INPUT_LEFT) a |= ACT_LEFT;
    if (pressed & INPUT_RIGHT) a |= ACT_RIGHT;
    if (pressed & INPUT_ACTION) a |= ACT_CONFIRM;
    if (pressed & INPUT_TOUCH_PAUSE) a |= ACT_BACK;
    if (pressed) a |= ACT_ANY;
    return a;
}

static bool pad_held(SDL_GameController *p, int code)
{
    if (code == INPUT_PAD_LEFT_TRIGGER)
        return SDL_GameControllerGetAxis(p, SDL_CONTROLLER_AXIS_TRIGGERLEFT) > INPUT_TRIGGER_DOWN;
    if (code == INPUT_PAD_RIGHT_TRIGGER)
        return SDL_GameControllerGetAxis(p, SDL_CONTROLLER_AXIS_TRIGGERRIGHT) > INPUT_TRIGGER_DOWN;
    return code >= 0 && SDL_GameControllerGetButton(p, (SDL_GameControllerButton)code);
}

uint8_t input_sample(const input_devices_t *d)
{
    uint8_t b = (uint8_t)(d->touch & INPUT_ALL_BUTTONS);
    int nkeys = 0;
    const Uint8 *k = SDL_GetKeyboardState(&nkeys);
    for (int a = 0; a < BIND_COUNT; a++) {
        if (!bind_rows[a].game) continue;
        for (int s = 0; s < INPUT_BIND_SLOTS; s++) {
            int sc = d->binds.keys[a][s];
            if (sc > 0 && sc < nkeys && k[sc]) b |= bind_rows[a].game;
        }
    }
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        SDL_GameController *p = d->pads[i];
        if (!p) continue;
        int x = SDL_GameControllerGetAxis(p, SDL_CONTROLLER_AXIS_LEFTX);
        int y = SDL_GameControllerGetAxis(p, SDL_CONTROLLER_AXIS_LEFTY);
        /* A radial dead zone; past it, the stick's direction picks one of 8 ways. */
        if ((long)x * x + (long)y * y > (long)INPUT_DEAD_ZONE * INPUT_DEAD_ZONE) {
            int ax = x < 0 ? -x : x, ay = y < 0 ? -y : y;
            if (ax * 5 > ay * 2) b |= x < 0 ? INPUT_LEFT : INPUT_RIGHT; /* within ~68 deg */
            if (ay * 5 > ax * 2) b |= y < 0 ? INPUT_UP : INPUT_DOWN;
        }
        for (int a = 0; a < BIND_COUNT; a++) {
            if (!bind_rows[a].game) continue;
            for (int s = 0; s < INPUT_BIND_SLOTS; s++)
                if (pad_held(p, d->binds.pads[a][s])) b |= bind_rows[a].game;
        }
    }
    /* Opposite directions cancel, as on a real pad. */
    if ((b & INPUT_UP) && (b & INPUT_DOWN)) b &= (uint8_t) ~(INPUT_UP | INPUT_DOWN);
    if ((b & INPUT_LEFT) && (b & INPUT_RIGHT)) b &= (uint8_t) ~(INPUT_LEFT | INPUT_RIGHT);
    return b;
}

/* ---- prompts ------------------------------------------------------------------- */

/* The page's buttons (tools/web/shell/index.html): the stick, Sprint, Use
 * (which confirms in menus) and Pause. */
static const char *touch_name(input_bind_t a)
{
    switch (a) {
    case BIND_UP:
    case BIND_DOWN:
    case BIND_LEFT:
    case BIND_RIGHT:
        return "Stick";
    case BIND_SPRINT:
        return "Sprint";
    case BIND_USE:
    case BIND_CONFIRM:
        return "Use";
    case BIND_PAUSE:
        return "Pause";
    default:
        return "";
    }
}

/* A pad button's name, marked as a glyph (INPUT_GLYPH_OPEN ... CLOSE) when
 * asked: the screens draw it as the button. */
static void pad_name(int code, bool glyph, char *buf, size_t cap)
{
    const char *n = pad_glyph(code);
    if (glyph && n[0])
        snprintf(buf, cap, "%c%s%c", INPUT_GLYPH_OPEN, n, INPUT_GLYPH_CLOSE);
    else
        snprintf(buf, cap, "%s", n);
}

static const char *prompt_on(const input_bindings_t *b, input_device_t dev, input_bind_t a,
                             bool glyph, char *buf, size_t cap)
{
    if (cap == 0) return buf;
    buf[0] = '\0';
    if ((int)a < 0 || a >= BIND_COUNT) return buf;
    if (dev == INPUT_DEV_TOUCH) {
        snprintf(buf, cap, "%s", touch_name(a));
    } else if (dev == INPUT_DEV_PAD) {
        for (int s = 0; s < INPUT_BIND_SLOTS && !buf[0]; s++)
            if (b->pads[a][s] >= 0) pad_name(b->pads[a][s], glyph, buf, cap);
    } else { /* the keyboard, and the mouse's player, whose other hand is on it */
        for (int s = 0; s < INPUT_BIND_SLOTS && !buf[0]; s++)
            if (b->keys[a][s] > 0) short_key_name(b->keys[a][s], buf, cap);
    }
    return buf;
}

const char *input_prompt_on(const input_bindings_t *b, input_device_t dev, input_bind_t a,
                            char *buf, size_t cap)
{
    return prompt_on(b, dev, a, false, buf, cap);
}

const char *input_prompt(const input_devices_t *d, input_bind_t a, char *buf, size_t cap)
{
    return input_prompt_on(&d->binds, d->last, a, buf, cap);
}

/* {move} and {updown}: "Arrows", "WASD", "Up/Down", or each key's name. */
static void ways_name(const input_bindings_t *b, input_device_t dev, int ways, bool glyph,
                      char *buf, size_t cap)
{
    if (dev == INPUT_DEV_PAD && glyph) {
        snprintf(buf, cap, "%cStick%c", INPUT_GLYPH_OPEN, INPUT_GLYPH_CLOSE);
        return;
    }
    if (dev != INPUT_DEV_KEYBOARD && dev != INPUT_DEV_MOUSE) {
        snprintf(buf, cap, "Stick"); /* the left stick (or the page's) always moves */
        return;
    }
    /* In the order a player reads WASD: up, left, down, right. */
    static const input_bind_t order4[] = {BIND_UP, BIND_LEFT, BIND_DOWN, BIND_RIGHT};
    static const input_bind_t order_ud[] = {BIND_UP, BIND_DOWN};
    static const input_bind_t order_lr[] = {BIND_LEFT, BIND_RIGHT};
    bool four = ways == 4;
    const input_bind_t *order = four ? order4 : (ways > 0 ? order_ud : order_lr);
    int n = four ? 4 : 2;
    char names[4][32];
    bool letters = true, arrows = true;
    static const char *const arrow_names[] = {"Up", "Left", "Down", "Right"};
    for (int i = 0; i < n; i++) {
        input_prompt_on(b, INPUT_DEV_KEYBOARD, order[i], names[i], sizeof names[i]);
        letters &= strlen(names[i]) == 1;
        arrows &= strcmp(names[i], four       ? arrow_names[i]
                                   : ways > 0 ? (i ? "Down" : "Up")
                                              : (i ? "Right" : "Left")) == 0;
    }
    if (four && arrows) {
        snprintf(buf, cap, "Arrows");
    } else if (four && letters) {
        snprintf(buf, cap, "%s%s%s%s", names[0], names[1], names[2], names[3]);
    } else if (four) {
        snprintf(buf, cap, "%s/%s/%s/%s", names[0], names[1], names[2], names[3]);
    } else {
        snprintf(buf, cap, "%s/%s", names[0], names[1]);
    }
}

/* One {...}: false when a name inside is not an action. */
static bool expand(const input_bindings_t *b, input_device_t dev, bool glyph, const char *name,
                   size_t len, char *out, size_t cap)
{
    out[0] = '\0';
    char tok[32];
    if (len >= sizeof tok) return false;
    memcpy(tok, name, len);
    tok[len] = '\0';
    if (strcmp(tok, "any") == 0 || strcmp(tok, "Any") == 0) {
        const char *s = dev == INPUT_DEV_PAD     ? "press a button"
                        : dev == INPUT_DEV_TOUCH ? "tap"
                        : dev == INPUT_DEV_MOUSE ? "click"
                                                 : "press a key";
        snprintf(out, cap, "%s", s);
        if (tok[0] == 'A' && out[0] >= 'a' && out[0] <= 'z') out[0] = (char)(out[0] - 'a' + 'A');
        return true;
    }
    if (strcmp(tok, "move") == 0 || strcmp(tok, "updown") == 0 || strcmp(tok, "leftright") == 0) {
        ways_name(b, dev, tok[0] == 'm' ? 4 : tok[0] == 'u' ? 2 : -2, glyph, out, cap);
        return true;
    }
    /* name|name|...: every one with a way, " or " between them. */
    size_t used = 0;
    char *p = tok;
    while (p) {
        char *bar = strchr(p, '|');
        if (bar) *bar = '\0';
        int a = 0;
        while (a < BIND_COUNT && strcmp(p, bind_rows[a].id) != 0) a++;
        if (a == BIND_COUNT) return false;
        char one[32];
        prompt_on(b, dev, (input_bind_t)a, glyph, one, sizeof one);
        bool seen = one[0] == '\0';
        for (const char *q = strstr(out, one); q && !seen; q = strstr(q + 1, one)) {
            size_t l = strlen(one);
            seen = (q == out || q[-1] == ' ') && (q[l] == '\0' || q[l] == ' ');
        }
        if (!seen) {
            int m = snprintf(out + used, cap - used, "%s%s", used ? " or " : "", one);
            if (m > 0 && (size_t)m < cap - used) used += (size_t)m;
        }
        p = bar ? bar + 1 : NULL;
    }
    return true;
}

static const char *format_on(const input_bindings_t *b, input_device_t dev, bool glyph,
                             const char *tmpl, char *buf, size_t cap)
{
    if (cap == 0) return buf;
    buf[0] = '\0';
    size_t used = 0;
    const char *p = tmpl;
    while (*p) {
        const char *gap = strstr(p, "   ");
        size_t seg_len = gap ? (size_t)(gap - p) : strlen(p);
        char seg[256];
        size_t n = 0;
        bool keep = true;
        for (size_t i = 0; i < seg_len && n + 1 < sizeof seg;) {
            const char *close = p[i] == '{' ? memchr(p + i, '}', seg_len - i) : NULL;
            char val[96];
            if (close &&
                expand(b, dev, glyph, p + i + 1, (size_t)(close - p - i - 1), val, sizeof val)) {
                keep &= val[0] != '\0';
                int m = snprintf(seg + n, sizeof seg - n, "%s", val);
                n = m < 0 ? n : (size_t)m >= sizeof seg - n ? sizeof seg - 1 : n + (size_t)m;
                i = (size_t)(close - p) + 1;
            } else {
                seg[n++] = p[i++];
            }
        }
        seg[n] = '\0';
        if (keep && n > 0) {
            int m = snprintf(buf + used, cap - used, "%s%s", used ? "   " : "", seg);
            if (m < 0 || (size_t)m >= cap - used) break;
            used += (size_t)m;
        }
        if (!gap) break;
        p = gap;
        while (*p == ' ') p++;
    }
    return buf;
}

const char *input_prompt_format_on(const input_bindings_t *b, input_device_t dev, const char *tmpl,
                                   char *buf, size_t cap)
{
    return format_on(b, dev, false, tmpl, buf, cap);
}

const char *input_prompt_glyphs_on(const input_bindings_t *b, input_device_t dev, const char *tmpl,
                                   char *buf, size_t cap)
{
    return format_on(b, dev, true, tmpl, buf, cap);
}

const char *input_prompt_glyphs(const input_devices_t *d, const char *tmpl, char *buf, size_t cap)
{
    return format_on(&d->binds, d->last, true, tmpl, buf, cap);
}

uint32_t input_prompt_actions(const input_devices_t *d, const char *part, size_t n)
{
    /* A part as drawn, with its glyph marks: read without them. */
    char plain[160];
    size_t k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof plain; i++)
        if (part[i] != INPUT_GLYPH_OPEN && part[i] != INPUT_GLYPH_CLOSE) plain[k++] = part[i];
    plain[k] = '\0';
    part = plain;
    n = k;
    uint32_t acts = 0;
    size_t best = 0;
    for (int a = BIND_RIGHT + 1; a < BIND_COUNT; a++) {
        char name[48];
        input_prompt(d, (input_bind_t)a, name, sizeof name);
        size_t l = strlen(name);
        if (!l || l > n || strncmp(part, name, l) != 0) continue;
        if (l < n && part[l] != ' ' && part[l] != ':') continue; /* "R" is not "Right" */
        if (l > best) best = l, acts = 0;
        if (l == best) acts |= bind_rows[a].act;
    }
    return acts ? acts | ACT_ANY : 0;
}

const char *input_prompt_format(const input_devices_t *d, const char *tmpl, char *buf, size_t cap)
{
    return input_prompt_format_on(&d->binds, d->last, tmpl, buf, cap);
}
