/* A virtual game controller driven by a script (pad_script.h): a testing
 * aid, so the window tests can play with pad input only. */
#include "platform/pad_script.h"

#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"
#include "platform/app.h"

#if defined(__EMSCRIPTEN__)
/* Not in the browser: a page has no script file to read. */
pad_script_t *pad_script_load(const char *path, char *err, size_t err_cap)
{
    (void)path;
    snprintf(err, err_cap, "no pad scripts in the browser");
    return NULL;
}

void pad_script_free(pad_script_t *s)
{
    (void)s;
}

void pad_script_step(pad_script_t *s, struct app *app)
{
    (void)s, (void)app;
}
#else

#define PAD_SCRIPT_MAX (64 * 1024)
#define PAD_LINE_MAX 200

struct pad_script {
    char *text;
    size_t len, pos;   /* the next line's start */
    int device;        /* the virtual joystick's index */
    SDL_Joystick *joy; /* opened here to set its buttons and axes */
    Uint32 due;        /* when the next line may run (SDL_GetTicks) */
    Uint32 deadline;   /* an until's last moment */
    /* A press under way: its button goes up at release_at. */
    int held;
    Uint32 release_at;
    int tries; /* press-until's presses so far */
    char line[PAD_LINE_MAX];
    bool in_line; /* line is being waited on (until, press-until) */
    bool done;
};

pad_script_t *pad_script_load(const char *path, char *err, size_t err_cap)
{
    pad_script_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_cap, "out of memory");
        return NULL;
    }
    s->text = files_read(path, PAD_SCRIPT_MAX, &s->len, err, err_cap);
    if (!s->text) {
        free(s);
        return NULL;
    }
    s->held = -1;
    s->device = SDL_JoystickAttachVirtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, SDL_CONTROLLER_AXIS_MAX,
                                          SDL_CONTROLLER_BUTTON_MAX, 0);
    s->joy = s->device >= 0 ? SDL_JoystickOpen(s->device) : NULL;
    if (!s->joy) {
        snprintf(err, err_cap, "no virtual game controller: %s", SDL_GetError());
        pad_script_free(s);
        return NULL;
    }
    /* The triggers rest at their low end (a virtual axis at 0 is half pulled). */
    SDL_JoystickSetVirtualAxis(s->joy, SDL_CONTROLLER_AXIS_TRIGGERLEFT, -32768);
    SDL_JoystickSetVirtualAxis(s->joy, SDL_CONTROLLER_AXIS_TRIGGERRIGHT, -32768);
    s->due = SDL_GetTicks() + 500; /* the game's first frames */
    return s;
}

void pad_script_free(pad_script_t *s)
{
    if (!s) return;
    if (s->joy) SDL_JoystickClose(s->joy);
    if (s->device >= 0) SDL_JoystickDetachVirtual(s->device);
    free(s->text);
    free(s);
}

static void say(const char *a, const char *b)
{
    printf("pad %s%s\n", a, b);
    fflush(stdout);
}

/* The next line of the script (without its comment), false at the end. */
static bool next_line(pad_script_t *s)
{
    while (s->pos < s->len) {
        size_t start = s->pos, end = start;
        while (end < s->len && s->text[end] != '\n') end++;
        s->pos = end < s->len ? end + 1 : end;
        size_t n = end - start < PAD_LINE_MAX - 1 ? end - start : PAD_LINE_MAX - 1;
        memcpy(s->line, s->text + start, n);
        s->line[n] = '\0';
        char *hash = strchr(s->line, '#');
        if (hash) *hash = '\0';
        n = strlen(s->line);
        while (n > 0 && (s->line[n - 1] == ' ' || s->line[n - 1] == '\r' || s->line[n - 1] == '\t'))
            s->line[--n] = '\0';
        char *p = s->line;
        while (*p == ' ' || *p == '\t') p++;
        if (*p) {
            memmove(s->line, p, strlen(p) + 1);
            return true;
        }
    }
    return false;
}

static void press(pad_script_t *s, int button, Uint32 now)
{
    SDL_JoystickSetVirtualButton(s->joy, button, 1);
    s->held = button;
    s->release_at = now + 80;
    s->due = now + 300;
}

/* The template as the screens name it now, a glyph as [A]. */
static void print_prompt(struct app *app, const char *tmpl)
{
    char buf[TEXT_MAX], out[TEXT_MAX];
    ui_prompt(&app->ui, tmpl, buf, sizeof buf);
    size_t k = 0;
    for (const char *c = buf; *c && k + 1 < sizeof out; c++)
        out[k++] = *c == TEXT_GLYPH_OPEN ? '[' : (*c == TEXT_GLYPH_CLOSE ? ']' : *c);
    out[k] = '\0';
    say("prompt ", out);
}

static int button_of(const char *name)
{
    return SDL_GameControllerGetButtonFromString(name);
}

/* Runs s->line; false while it waits (until, press-until). */
static bool run_line(pad_script_t *s, struct app *app, Uint32 now)
{
    char cmd[32] = "", a[64] = "", b[64] = "";
    const char *rest = s->line;
    sscanf(s->line, "%31s %63s %63s", cmd, a, b);
    while (*rest && *rest != ' ') rest++;
    while (*rest == ' ') rest++;
    if (!s->in_line) say("> ", s->line);
    if (strcmp(cmd, "wait") == 0) {
        s->due = now + (Uint32)atoi(a);
    } else if (strcmp(cmd, "press") == 0 && button_of(a) >= 0) {
        press(s, button_of(a), now);
    } else if ((strcmp(cmd, "down") == 0 || strcmp(cmd, "up") == 0) && button_of(a) >= 0) {
        SDL_JoystickSetVirtualButton(s->joy, button_of(a), cmd[0] == 'd');
    } else if (strcmp(cmd, "axis") == 0 && SDL_GameControllerGetAxisFromString(a) >= 0) {
        SDL_JoystickSetVirtualAxis(s->joy, SDL_GameControllerGetAxisFromString(a), (Sint16)atoi(b));
    } else if (strcmp(cmd, "until") == 0 || strcmp(cmd, "press-until") == 0) {
        bool pressing = cmd[0] == 'p';
        if (!s->in_line) {
            s->in_line = true;
            s->tries = 0;
            s->deadline = now + (Uint32)(!pressing && b[0] ? atoi(b) : 10000);
        }
        if (strcmp(screen_name(app->screen), a) == 0) {
            s->in_line = false;
            return true;
        }
        if (pressing && s->tries < 20 && button_of(b) >= 0) {
            s->tries++;
            press(s, button_of(b), now);
            return false;
        }
        if (pressing ? s->tries >= 20 : now >= s->deadline) {
            say("timeout ", a);
            s->done = true;
            s->in_line = false;
            return true;
        }
        s->due = now + 50;
        return false;
    } else if (strcmp(cmd, "say") == 0) {
        say("", rest);
    } else if (strcmp(cmd, "prompt") == 0) {
        print_prompt(app, rest);
    } else {
        say("cannot read: ", s->line);
    }
    return true;
}

void pad_script_step(pad_script_t *s, struct app *app)
{
    if (!s || s->done) return;
    Uint32 now = SDL_GetTicks();
    if (s->held >= 0 && now >= s->release_at) {
        SDL_JoystickSetVirtualButton(s->joy, s->held, 0);
        s->held = -1;
    }
    while (!s->done && now >= s->due && s->held < 0) {
        if (!s->in_line && !next_line(s)) {
            s->done = true;
            say("done", "");
            return;
        }
        if (!run_line(s, app, now)) return;
    }
}
#endif
