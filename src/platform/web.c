/* The browser build: the frame loop under emscripten_set_main_loop, and the
 * few functions the page (tools/web/shell/page.js) calls. Emscripten only. */
#include "platform/web.h"

#include <stdio.h>
#include <string.h>

#include <emscripten.h>

#include "platform/input.h"
#include "platform/settings.h"

static app_t *web_app;
static app_options_t web_opt;
static bool web_started;
static bool web_told_first_frame;
/* What the page was last told (web_tell_page). */
static int web_told_screen = -1;
static bool web_told_typing;
static input_bindings_t web_told_binds;

/* tools/web/library.js: tells the page what happened ("first-frame",
 * "failed"). */
void mm_web_page_event(const char *what, const char *detail);

static void write_settings(app_t *app)
{
    char err[512];
    if (app->settings_path[0] &&
        !settings_save(&app->settings, app->settings_path, err, sizeof err))
        SDL_Log("warning: cannot save your settings: %s", err);
}

/* A page has nowhere to quit to: Esc on the title does nothing, and leaving
 * a level opened from a file (which quits on the desktop) goes to the title. */
static void stay(app_t *app)
{
    app->running = true;
    if (app->screen == SCREEN_TITLE) return;
    app->screen = SCREEN_TITLE;
    app->screen_frame = 0;
    audio_play_music(&app->audio, MUSIC_TITLE);
}

/* The browser leaves fullscreen by itself (Esc, or the tab losing it): keep
 * the saved setting true to what the player sees, as the desktop's window
 * manager never does this behind the game's back. */
static void sync_fullscreen(app_t *app)
{
    bool full = (SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN) != 0;
    if (app->settings.fullscreen && !full) {
        app->settings.fullscreen = false;
        write_settings(app);
    }
}

/* Tells the page what it shows around the game: the screen (the page's
 * touch controls give way to the editor's own tools), a line of the editor
 * being typed into (a phone has no keys: the page shows a text field), and
 * the controls after the player remaps one (the page's help follows). */
static void web_tell_page(app_t *app)
{
    if ((int)app->screen != web_told_screen) {
        web_told_screen = (int)app->screen;
        mm_web_page_event("screen", screen_name(app->screen));
    }
    bool typing = app->screen == SCREEN_EDITOR && app->editor.edit_row >= 0;
    if (typing != web_told_typing) {
        web_told_typing = typing;
        mm_web_page_event(typing ? "typing" : "typed", typing ? app->editor.edit : "");
    }
    if (memcmp(&web_told_binds, &app->input.binds, sizeof web_told_binds) != 0) {
        web_told_binds = app->input.binds;
        mm_web_page_event("bindings", "");
    }
}

static void web_frame(void)
{
    if (!web_started) {
        /* Set up inside the loop, so the renderer's vsync request tunes this
         * loop's timing (there is none to tune before the first call). */
        if (app_init(web_app, &web_opt) != 0) {
            emscripten_cancel_main_loop();
            mm_web_page_event("failed", "the game could not start");
            return;
        }
        web_started = true;
    }
    if (!app_frame(web_app)) stay(web_app);
    sync_fullscreen(web_app);
    web_tell_page(web_app);
    if (!web_told_first_frame) {
        web_told_first_frame = true;
        mm_web_page_event("first-frame", screen_name(web_app->screen));
    }
}

int web_run(app_t *app, const app_options_t *opt)
{
    web_app = app;
    web_opt = *opt;
    if (!web_opt.data_dir) web_opt.data_dir = "/data"; /* where the build packs it */
    /* fps 0: the browser's animation frames. app_frame's tick accumulator
     * keeps the game at 60 ticks a second whatever the screen's rate. */
    emscripten_set_main_loop(web_frame, 0, 1);
    return 0; /* not reached: the loop owns the page from here */
}

/* ---- called by the page ------------------------------------------------------ */

/* Before main(): the SDL renderer to ask for ("software" where the browser's
 * WebGL is itself drawn in software, as in a virtual machine: there each of a
 * frame's hundreds of draw calls crosses to the GPU process, while SDL's own
 * blitter draws the 480x270 picture in a few milliseconds and the page puts
 * it on a 2D canvas). Any other name is passed to SDL as it is. */
EMSCRIPTEN_KEEPALIVE void web_set_renderer(const char *name)
{
    if (name && name[0]) SDL_SetHint(SDL_HINT_RENDER_DRIVER, name);
}

/* Plays a level file the page wrote into the in-memory file system (opened
 * with the button or dropped on the page); a broken file shows its errors. */
EMSCRIPTEN_KEEPALIVE int web_open_level(const char *path)
{
    if (!web_started) return 0;
    if (web_app->screen == SCREEN_PAUSE) audio_pause_music(&web_app->audio, false);
    web_app->running = true;
    return app_open_level_file(web_app, path) ? 1 : 0;
}

/* The page was hidden (another tab, a phone's home screen), the window lost
 * focus, or the page is being left (1); or the player is back (0). */
EMSCRIPTEN_KEEPALIVE void web_set_away(int away)
{
    if (web_started) app_set_away(web_app, away != 0);
}

/* The page's touch controls (a stick, sprint, use, pause): the buttons held
 * now, as input bits (INPUT_TOUCH_PAUSE for pause). They drive Harry in play
 * and, as they are pressed, every menu. */
EMSCRIPTEN_KEEPALIVE void web_touch(int held)
{
    if (!web_started) return;
    app_handle_actions(web_app, input_touch_set(&web_app->input, (uint8_t)held));
}

/* The page's fullscreen button does what F11 does in the game. Called from a
 * mousedown: SDL's request waits for the mouseup, which the browser counts
 * as the user's gesture. */
EMSCRIPTEN_KEEPALIVE void web_toggle_fullscreen(void)
{
    if (!web_started) return;
    app_t *app = web_app;
    app->settings.fullscreen = !app->settings.fullscreen;
    SDL_SetWindowFullscreen(app->window,
                            app->settings.fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
    write_settings(app);
}

static void append_json_string(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    if (n + 1 < cap) buf[n++] = '"';
    for (; *s && n + 8 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            buf[n++] = '\\';
            buf[n++] = (char)c;
        } else if (c < 0x20) {
            n += (size_t)snprintf(buf + n, cap - n, "\\u%04x", c);
        } else {
            buf[n++] = (char)c;
        }
    }
    if (n + 1 < cap) buf[n++] = '"';
    buf[n < cap ? n : cap - 1] = '\0';
}

static void append(char *buf, size_t cap, const char *s)
{
    size_t n = strlen(buf);
    if (n < cap) snprintf(buf + n, cap - n, "%s", s);
}

/* The game's state as JSON, for the browser test and for anyone debugging
 * the page from the console: Module.ccall('web_state', 'string'). */
EMSCRIPTEN_KEEPALIVE const char *web_state(void)
{
    static char buf[32768]; /* room for every save entry (SAVE_MAX_LEVELS) */
    char num[256];
    buf[0] = '\0';
    if (!web_started) {
        append(buf, sizeof buf, "{\"started\":false}");
        return buf;
    }
    const app_t *app = web_app;
    append(buf, sizeof buf, "{\"started\":true,\"screen\":");
    append_json_string(buf, sizeof buf, screen_name(app->screen));
    append(buf, sizeof buf, ",\"level\":");
    append_json_string(buf, sizeof buf, app->level ? app->level_id : "");
    snprintf(num, sizeof num,
             ",\"status\":%d,\"tick\":%u,\"ticks_left\":%d,\"frame\":%u,\"fullscreen\":%s,"
             "\"audio\":%s,\"save_path\":",
             (int)app->game.status, (unsigned)app->game.tick, (int)app->game.ticks_left,
             (unsigned)app->frame, app->settings.fullscreen ? "true" : "false",
             app->audio.ok ? "true" : "false");
    append(buf, sizeof buf, num);
    append_json_string(buf, sizeof buf, app->save_path);
    append(buf, sizeof buf, ",\"best\":{");
    for (int32_t i = 0; i < app->save.count; i++) {
        if (i > 0) append(buf, sizeof buf, ",");
        append_json_string(buf, sizeof buf, app->save.entries[i].id);
        snprintf(num, sizeof num, ":%d", (int)app->save.entries[i].best_ticks);
        append(buf, sizeof buf, num);
    }
    append(buf, sizeof buf, "},\"custom\":[");
    for (int32_t i = 0; i < app->custom_count; i++) {
        if (i > 0) append(buf, sizeof buf, ",");
        append_json_string(buf, sizeof buf, app->campaign[app->campaign_count + i].file);
    }
    snprintf(num, sizeof num,
             "],\"menu_sel\":%d,\"pause_sel\":%d,\"campaign_count\":%d,\"editor\":{\"tool\":%d,"
             "\"tile\":%d,"
             "\"typing\":%s,\"file\":",
             app->ui.menu_sel, app->ui.pause_sel, (int)app->campaign_count, (int)app->editor.tool,
             (int)app->editor.tile,
             app->screen == SCREEN_EDITOR && app->editor.edit_row >= 0 ? "true" : "false");
    append(buf, sizeof buf, num);
    append_json_string(buf, sizeof buf, app->editor.file_name);
    append(buf, sizeof buf, ",\"saved\":");
    append_json_string(buf, sizeof buf, app->editor.saved_path);
    append(buf, sizeof buf, ",\"status\":");
    append_json_string(buf, sizeof buf, app->editor.status);
    append(buf, sizeof buf, "}}");
    return buf;
}

/* ---- the page's help, and typing without keys ---------------------------------- */

/* The keys and pad buttons bound to each action now (Options -> Controls),
 * as JSON for the page's help: {"up":{"keys":["Up","W"],"pad":["D-pad
 * up"]},...}, by the settings file's action names. */
EMSCRIPTEN_KEEPALIVE const char *web_bindings(void)
{
    static char buf[4096];
    char name[64];
    buf[0] = '\0';
    if (!web_started) return "{}";
    const input_bindings_t *b = &web_app->input.binds;
    append(buf, sizeof buf, "{");
    for (int a = 0; a < BIND_COUNT; a++) {
        if (a > 0) append(buf, sizeof buf, ",");
        append_json_string(buf, sizeof buf, input_bind_id((input_bind_t)a));
        append(buf, sizeof buf, ":{\"keys\":[");
        bool first = true;
        for (int i = 0; i < INPUT_BIND_SLOTS; i++) {
            if (!b->keys[a][i]) continue;
            if (!first) append(buf, sizeof buf, ",");
            first = false;
            append_json_string(
                buf, sizeof buf,
                input_code_name(INPUT_DEV_KEYBOARD, b->keys[a][i], name, sizeof name));
        }
        append(buf, sizeof buf, "],\"pad\":[");
        first = true;
        for (int i = 0; i < INPUT_BIND_SLOTS; i++) {
            if (b->pads[a][i] < 0) continue;
            if (!first) append(buf, sizeof buf, ",");
            first = false;
            append_json_string(buf, sizeof buf,
                               input_code_name(INPUT_DEV_PAD, b->pads[a][i], name, sizeof name));
        }
        append(buf, sizeof buf, "]}");
    }
    append(buf, sizeof buf, "}");
    return buf;
}

static void push_key(SDL_Keycode key, Uint16 mod)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.key.windowID = SDL_GetWindowID(web_app->window);
    e.key.keysym.sym = key;
    e.key.keysym.scancode = SDL_GetScancodeFromKey(key);
    e.key.keysym.mod = mod;
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    SDL_PushEvent(&e);
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    SDL_PushEvent(&e);
}

/* A key the page's own buttons press for the player, with modifiers (SDL's
 * KMOD_ bits): the touch controls' Pause is Esc in the editor, which reads
 * keys, not the game's actions, and the page's "Download level" is Ctrl+D. */
EMSCRIPTEN_KEEPALIVE void web_press_key(int key, int mod)
{
    if (web_started) push_key((SDL_Keycode)key, (Uint16)mod);
}

/* The page's text field (a phone's on-screen keyboard) for the editor's
 * line being typed into: the line becomes text and Enter sets it, as if it
 * had been typed, so the editor does what it does with keys. */
EMSCRIPTEN_KEEPALIVE void web_type_text(const char *text)
{
    if (!web_started || !text || web_app->screen != SCREEN_EDITOR || web_app->editor.edit_row < 0)
        return;
    /* Backspace removes a whole UTF-8 character: one per character there. */
    for (const char *c = web_app->editor.edit; *c; c++)
        if (((unsigned char)*c & 0xc0) != 0x80) push_key(SDLK_BACKSPACE, KMOD_NONE);
    size_t n = strlen(text);
    for (size_t at = 0; at < n;) {
        SDL_Event e;
        memset(&e, 0, sizeof e);
        e.type = SDL_TEXTINPUT;
        e.text.windowID = SDL_GetWindowID(web_app->window);
        size_t take = n - at < sizeof e.text.text - 1 ? n - at : sizeof e.text.text - 1;
        /* (A piece never ends inside a character.) */
        while (take > 0 && at + take < n && ((unsigned char)text[at + take] & 0xc0) == 0x80) take--;
        if (take == 0) break;
        memcpy(e.text.text, text + at, take);
        SDL_PushEvent(&e);
        at += take;
    }
    push_key(SDLK_RETURN, KMOD_NONE);
}
