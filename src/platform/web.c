/* The browser build: the frame loop under emscripten_set_main_loop, and the
 * few functions the page (tools/web/shell/page.js) calls. Emscripten only. */
#include "platform/web.h"

#include <stdio.h>
#include <string.h>

#include <emscripten.h>

#include "platform/settings.h"

static app_t *web_app;
static app_options_t web_opt;
static bool web_started;
static bool web_told_first_frame;

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
    char num[160];
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
    append(buf, sizeof buf, "]}");
    return buf;
}
