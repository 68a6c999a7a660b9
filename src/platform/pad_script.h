/* A testing aid: a virtual game controller (SDL_JoystickAttachVirtual, one
 * that SDL_GameController takes for a real pad) driven by a script file,
 * so a window test can walk the game's screens with pad input alone. The
 * game reads it when MM_PAD_SCRIPT names a file (not in the browser).
 *
 * One command a line; '#' starts a comment:
 *
 *     wait MS                 nothing for MS milliseconds
 *     press BUTTON            down, 80 ms, up, then 220 ms (SDL's names:
 *                             a b x y back start leftshoulder dpup ...)
 *     down BUTTON / up BUTTON
 *     axis AXIS VALUE         leftx lefty ... to -32768..32767
 *     until SCREEN [MS]       wait until that screen shows (screen_name),
 *                             at most MS (10000); else it says so and stops
 *     press-until SCREEN BUTTON   press BUTTON until SCREEN shows (at most 20)
 *     say TEXT                print "pad TEXT"
 *     prompt TEMPLATE         print "pad prompt " and the template as the
 *                             screens name it now ({confirm} ...), a glyph
 *                             shown as [A]
 *
 * Each line it runs is printed as "pad > LINE"; the end as "pad done", a
 * wait that ran out as "pad timeout SCREEN". */
#ifndef MM_PAD_SCRIPT_H
#define MM_PAD_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

struct app;
typedef struct pad_script pad_script_t;

/* Reads the script and attaches the virtual controller (after SDL_Init);
 * NULL with the reason in err. */
pad_script_t *pad_script_load(const char *path, char *err, size_t err_cap);
void pad_script_free(pad_script_t *s);
/* Once a frame, before the events are read: runs what is due. */
void pad_script_step(pad_script_t *s, struct app *app);

#endif
