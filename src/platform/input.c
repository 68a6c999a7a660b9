#include "platform/input.h"

#include <string.h>

void input_devices_init(input_devices_t *d)
{
    memset(d, 0, sizeof *d);
    /* Pads already plugged in arrive as CONTROLLERDEVICEADDED events too. */
}

void input_devices_close(input_devices_t *d)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (d->pads[i]) SDL_GameControllerClose(d->pads[i]);
    memset(d, 0, sizeof *d);
}

static void pad_added(input_devices_t *d, int index)
{
    if (!SDL_IsGameController(index)) return;
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(index);
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (d->pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(d->pads[i])) == id)
            return;
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (!d->pads[i]) {
            d->pads[i] = SDL_GameControllerOpen(index);
            if (d->pads[i])
                SDL_Log("game controller connected: %s", SDL_GameControllerName(d->pads[i]));
            return;
        }
    }
}

static void pad_removed(input_devices_t *d, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (d->pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(d->pads[i])) == id) {
            SDL_Log("game controller disconnected");
            SDL_GameControllerClose(d->pads[i]);
            d->pads[i] = NULL;
        }
    }
}

static uint32_t key_action(const SDL_KeyboardEvent *k)
{
    uint32_t a = ACT_ANY;
    switch (k->keysym.sym) {
    case SDLK_UP:
    case SDLK_w:
        a |= ACT_UP;
        break;
    case SDLK_DOWN:
    case SDLK_s:
        a |= ACT_DOWN;
        break;
    case SDLK_LEFT:
    case SDLK_a:
        a |= ACT_LEFT;
        break;
    case SDLK_RIGHT:
    case SDLK_d:
        a |= ACT_RIGHT;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        if (k->keysym.mod & KMOD_ALT) return ACT_FULLSCREEN;
        a |= ACT_CONFIRM;
        break;
    case SDLK_SPACE:
        a |= ACT_CONFIRM;
        break;
    case SDLK_ESCAPE:
        a |= ACT_BACK;
        break;
    case SDLK_m:
        return ACT_MUTE;
    case SDLK_o:
        a |= ACT_OPTIONS;
        break;
    case SDLK_r:
        a |= ACT_RESTART;
        break;
    case SDLK_F11:
        return ACT_FULLSCREEN;
    case SDLK_LSHIFT:
    case SDLK_RSHIFT:
    case SDLK_LALT:
    case SDLK_RALT:
    case SDLK_LCTRL:
    case SDLK_RCTRL:
    case SDLK_LGUI:
    case SDLK_RGUI:
        return 0; /* modifiers alone are not "a key" */
    default:
        break;
    }
    return a;
}

static uint32_t button_action(Uint8 b)
{
    switch (b) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP:
        return ACT_ANY | ACT_UP;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
        return ACT_ANY | ACT_DOWN;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
        return ACT_ANY | ACT_LEFT;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
        return ACT_ANY | ACT_RIGHT;
    case SDL_CONTROLLER_BUTTON_A:
        return ACT_ANY | ACT_CONFIRM;
    case SDL_CONTROLLER_BUTTON_B:
        return ACT_ANY | ACT_BACK;
    case SDL_CONTROLLER_BUTTON_START:
        return ACT_ANY | ACT_BACK;
    case SDL_CONTROLLER_BUTTON_Y:
    case SDL_CONTROLLER_BUTTON_BACK:
        return ACT_ANY | ACT_RESTART;
    default:
        return ACT_ANY;
    }
}

/* The stick steps through menus once per push past the dead zone. */
static uint32_t stick_action(input_devices_t *d, const SDL_ControllerAxisEvent *e)
{
    int v = e->value > INPUT_DEAD_ZONE * 2 ? 1 : (e->value < -INPUT_DEAD_ZONE * 2 ? -1 : 0);
    if (e->axis == SDL_CONTROLLER_AXIS_LEFTY) {
        if (v == d->stick_y) return 0;
        d->stick_y = v;
        return v < 0 ? ACT_UP : (v > 0 ? ACT_DOWN : 0);
    }
    if (e->axis == SDL_CONTROLLER_AXIS_LEFTX) {
        if (v == d->stick_x) return 0;
        d->stick_x = v;
        return v < 0 ? ACT_LEFT : (v > 0 ? ACT_RIGHT : 0);
    }
    return 0;
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
        if (e->key.repeat && !(e->key.keysym.sym == SDLK_UP || e->key.keysym.sym == SDLK_DOWN ||
                               e->key.keysym.sym == SDLK_w || e->key.keysym.sym == SDLK_s))
            return 0;
        return key_action(&e->key);
    case SDL_CONTROLLERDEVICEADDED:
        pad_added(d, e->cdevice.which);
        return 0;
    case SDL_CONTROLLERDEVICEREMOVED:
        pad_removed(d, e->cdevice.which);
        return 0;
    case SDL_CONTROLLERBUTTONDOWN:
        return button_action(e->cbutton.button);
    case SDL_CONTROLLERAXISMOTION:
        return stick_action(d, &e->caxis);
    case SDL_MOUSEBUTTONDOWN: /* a click skips a card or a scene, like a key */
        return ACT_ANY;
    default:
        return 0;
    }
}

uint32_t input_touch_set(input_devices_t *d, uint8_t held)
{
    uint8_t pressed = (uint8_t)(held & ~d->touch);
    d->touch = held;
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

uint8_t input_sample(const input_devices_t *d)
{
    uint8_t b = (uint8_t)(d->touch & INPUT_ALL_BUTTONS);
    const Uint8 *k = SDL_GetKeyboardState(NULL);
    if (k[SDL_SCANCODE_UP] || k[SDL_SCANCODE_W]) b |= INPUT_UP;
    if (k[SDL_SCANCODE_DOWN] || k[SDL_SCANCODE_S]) b |= INPUT_DOWN;
    if (k[SDL_SCANCODE_LEFT] || k[SDL_SCANCODE_A]) b |= INPUT_LEFT;
    if (k[SDL_SCANCODE_RIGHT] || k[SDL_SCANCODE_D]) b |= INPUT_RIGHT;
    if (k[SDL_SCANCODE_LSHIFT] || k[SDL_SCANCODE_RSHIFT]) b |= INPUT_SPRINT;
    /* The action button: get in or out of a vehicle, answer a payphone. */
    if (k[SDL_SCANCODE_E] || k[SDL_SCANCODE_SPACE] || k[SDL_SCANCODE_RETURN]) b |= INPUT_ACTION;
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
        if (SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_DPAD_UP)) b |= INPUT_UP;
        if (SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_DPAD_DOWN)) b |= INPUT_DOWN;
        if (SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_DPAD_LEFT)) b |= INPUT_LEFT;
        if (SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_DPAD_RIGHT)) b |= INPUT_RIGHT;
        if (SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_A) ||
            SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_RIGHTSHOULDER) ||
            SDL_GameControllerGetAxis(p, SDL_CONTROLLER_AXIS_TRIGGERRIGHT) > 16000)
            b |= INPUT_SPRINT;
        if (SDL_GameControllerGetButton(p, SDL_CONTROLLER_BUTTON_X)) b |= INPUT_ACTION;
    }
    /* Opposite directions cancel, as on a real pad. */
    if ((b & INPUT_UP) && (b & INPUT_DOWN)) b &= (uint8_t) ~(INPUT_UP | INPUT_DOWN);
    if ((b & INPUT_LEFT) && (b & INPUT_RIGHT)) b &= (uint8_t) ~(INPUT_LEFT | INPUT_RIGHT);
    return b;
}
