/* The real app's frames (app_frame, as the window runs them) driven by a
 * virtual game controller only: into a level, the pause menu, Options,
 * Controls; Pause moved from B and Start to LB, Y refused (Restart has it)
 * with a line naming Restart; the settings file keeps it; in play LB
 * pauses, Start no longer does, and the prompts name LB.
 *
 *   test_controls_app DATA_DIR */
#define _POSIX_C_SOURCE 200809L
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/files.h"
#include "platform/app.h"

static app_t app;
static SDL_Joystick *pad;
static int failures;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "test_controls_app:%d: ", __LINE__);                                   \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static void frames(int n)
{
    for (int i = 0; i < n; i++) app_frame(&app);
}

/* A press as a hand makes it: down for a few frames, then up, then a
 * moment for the screen to settle. */
static void button(SDL_GameControllerButton b)
{
    SDL_JoystickSetVirtualButton(pad, b, 1);
    frames(2);
    SDL_JoystickSetVirtualButton(pad, b, 0);
    frames(8);
}

/* Presses b until the screen is s (screens ignore their first frames). */
static bool reach(screen_t s, SDL_GameControllerButton b)
{
    for (int i = 0; i < 20 && app.screen != s; i++) button(b);
    return app.screen == s;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_controls_app DATA_DIR\n");
        return 2;
    }
    char home[] = "/tmp/mm-controls-app-XXXXXX";
    if (!mkdtemp(home)) {
        perror("mkdtemp");
        return 2;
    }
    setenv("XDG_DATA_HOME", home, 1);
    if (!getenv("SDL_VIDEODRIVER")) setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (!getenv("SDL_AUDIODRIVER")) setenv("SDL_AUDIODRIVER", "dummy", 1);
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    /* An off-screen window never has focus, where SDL would hold the pad's
     * events back. */
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    app_options_t opt = {0};
    opt.data_dir = argv[1];
    if (app_init(&app, &opt) != 0) {
        fprintf(stderr, "test_controls_app: the game did not start\n");
        return 1;
    }
    int index = SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_AXIS_MAX,
                                          SDL_CONTROLLER_BUTTON_MAX, 0);
    CHECK(index >= 0, "no virtual game controller: %s", SDL_GetError());
    if (index < 0) return 1;
    frames(5);
    CHECK(app.input.pads[0] != NULL, "the virtual pad was not picked up");
    if (!app.input.pads[0]) return 1;
    pad = SDL_GameControllerGetJoystick(app.input.pads[0]);
    /* Its triggers rest at the low end (a virtual axis at 0 is half pulled). */
    SDL_JoystickSetVirtualAxis(pad, SDL_CONTROLLER_AXIS_TRIGGERLEFT, -32768);
    SDL_JoystickSetVirtualAxis(pad, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, -32768);
    frames(30);

    /* Title -> select -> the first level (its card skipped) -> pause. */
    CHECK(reach(SCREEN_SELECT, SDL_CONTROLLER_BUTTON_A), "A did not open the level select");
    CHECK(reach(SCREEN_CARD, SDL_CONTROLLER_BUTTON_A), "A did not choose the first level");
    CHECK(app.input.last == INPUT_DEV_PAD, "the last device is not the pad");
    char buf[160];
    ui_prompt(&app.ui, "{confirm} play   {pause} back", buf, sizeof buf);
    /* Each button marked as a glyph, drawn as the button (ui/text.h). */
    CHECK(strcmp(buf, "\x01"
                      "A\x02 play   \x01"
                      "B\x02 back") == 0,
          "the pad's prompts read '%s'", buf);
    CHECK(reach(SCREEN_PLAY, SDL_CONTROLLER_BUTTON_A), "A did not skip the card");
    CHECK(reach(SCREEN_PAUSE, SDL_CONTROLLER_BUTTON_START), "Start did not pause");
    /* Options (the pause menu's fourth row), then down its rows to Controls. */
    button(SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    button(SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    button(SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    CHECK(reach(SCREEN_OPTIONS, SDL_CONTROLLER_BUTTON_A), "the pause menu did not open Options");
    for (int i = 0; i < 20 && app.screen == SCREEN_OPTIONS; i++) {
        button(SDL_CONTROLLER_BUTTON_A);
        if (app.screen == SCREEN_OPTIONS) button(SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    }
    CHECK(app.screen == SCREEN_CONTROLS, "Options has no Controls row (screen %d)", app.screen);
    for (int i = 0; i < BIND_PAUSE; i++) button(SDL_CONTROLLER_BUTTON_DPAD_DOWN);
    CHECK(app.ui.controls_sel == BIND_PAUSE, "the Pause row is not chosen (%d)",
          app.ui.controls_sel);

    /* Y is Restart's: refused, with a line that says so. */
    button(SDL_CONTROLLER_BUTTON_A);
    CHECK(app.input.capturing, "A on a row did not wait for a button");
    button(SDL_CONTROLLER_BUTTON_Y);
    CHECK(!app.input.capturing, "Y was not taken");
    CHECK(strstr(app.ui.controls_msg, "Y already does Restart") != NULL, "the refusal said '%s'",
          app.ui.controls_msg);
    CHECK(app.input.binds.pads[BIND_PAUSE][0] == SDL_CONTROLLER_BUTTON_B,
          "the refusal changed Pause");
    /* LB is free. */
    button(SDL_CONTROLLER_BUTTON_A);
    button(SDL_CONTROLLER_BUTTON_LEFTSHOULDER);
    CHECK(app.input.binds.pads[BIND_PAUSE][0] == SDL_CONTROLLER_BUTTON_LEFTSHOULDER &&
              app.input.binds.pads[BIND_PAUSE][1] == -1,
          "Pause is not LB alone");
    CHECK(strstr(app.ui.controls_msg, "Pause / back: LB") != NULL, "the change said '%s'",
          app.ui.controls_msg);
    ui_prompt(&app.ui, "{confirm} change   {pause} back", buf, sizeof buf);
    CHECK(strcmp(buf, "\x01"
                      "A\x02 change   \x01LB\x02 back") == 0,
          "the prompts after it read '%s'", buf);
    /* B is only a button now; LB goes back, and Options closing saves. */
    button(SDL_CONTROLLER_BUTTON_B);
    CHECK(app.screen == SCREEN_CONTROLS, "B still goes back");
    CHECK(reach(SCREEN_OPTIONS, SDL_CONTROLLER_BUTTON_LEFTSHOULDER), "LB did not go back");
    CHECK(reach(SCREEN_PAUSE, SDL_CONTROLLER_BUTTON_LEFTSHOULDER), "LB did not close Options");
    size_t len = 0;
    char err[256];
    char *text = files_read(app.settings_path, 1 << 16, &len, err, sizeof err);
    CHECK(text && strstr(text, "\npad.pause = leftshoulder\n"), "the settings file has no LB: %s",
          text ? text : err);
    CHECK(text && strstr(text, "\npad.restart = y or back\n"), "Restart's buttons changed");
    free(text);

    /* In play: LB pauses, Start does nothing. */
    CHECK(reach(SCREEN_PLAY, SDL_CONTROLLER_BUTTON_LEFTSHOULDER), "LB did not resume");
    frames(20);
    button(SDL_CONTROLLER_BUTTON_START);
    frames(20);
    CHECK(app.screen == SCREEN_PLAY, "Start still pauses");
    CHECK(reach(SCREEN_PAUSE, SDL_CONTROLLER_BUTTON_LEFTSHOULDER), "LB did not pause");

    SDL_JoystickDetachVirtual(index);
    app_shutdown(&app);
    char path[256];
    snprintf(path, sizeof path, "%s/MiracleMile/miraclemile/settings.txt", home);
    remove(path);
    if (failures == 0) printf("test_controls_app: passed\n");
    return failures ? 1 : 0;
}
