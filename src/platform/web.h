/* The browser build's entry point: the page calls main() once the data has
 * downloaded and the saves have been read back from IndexedDB; from then on
 * the browser's animation frames drive app_frame(). Emscripten only. */
#ifndef MM_WEB_H
#define MM_WEB_H

#include "platform/app.h"

/* Takes the app (allocated, not yet initialised) and the options; starts the
 * frame loop and does not return. */
int web_run(app_t *app, const app_options_t *opt);

/* Called by the page (tools/web/shell/page.js) through ccall. */
/* Plays a level file the page wrote into the in-memory file system; 1 if it
 * plays, 0 if it showed its errors instead. */
int web_open_level(const char *path);
/* What F11 does in the game: fullscreen on or off, saved. */
void web_toggle_fullscreen(void);
/* The player looked away (1: the page hidden, blurred or left) or came back. */
void web_set_away(int away);
/* The touch controls' buttons held (input bits; INPUT_TOUCH_PAUSE for pause). */
void web_touch(int held);
/* Before main(): the SDL renderer to use ("software" where WebGL is itself
 * drawn in software). */
void web_set_renderer(const char *name);
/* The game's state as JSON (screen, level, tick, best times...). */
const char *web_state(void);
/* The keys and pad buttons bound to each action now, as JSON (the page's help). */
const char *web_bindings(void);
/* Presses a key (an SDL keycode, with KMOD_ bits) for the page's own buttons. */
void web_press_key(int key, int mod);
/* The editor's line being typed into becomes text, and Enter sets it. */
void web_type_text(const char *text);

#endif
