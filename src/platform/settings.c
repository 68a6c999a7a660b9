#include "platform/settings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/files.h"

void settings_default(settings_t *s)
{
    s->music_volume = 7;
    s->sfx_volume = 8;
    s->muted = false;
    s->fullscreen = false;
    s->knows_sprint = false;
    s->knows_action = false;
    s->ghost = SETTINGS_GHOST_BEST; /* your best run, once there is one */
}

static int parse_line(settings_t *s, const char *line)
{
    char key[32];
    int v = 0;
    char extra;
    if (sscanf(line, " %31[a-z_] = %d %c", key, &v, &extra) != 2) return -1;
    if (strcmp(key, "music_volume") == 0 && v >= 0 && v <= SETTINGS_VOLUME_MAX)
        s->music_volume = v;
    else if (strcmp(key, "sfx_volume") == 0 && v >= 0 && v <= SETTINGS_VOLUME_MAX)
        s->sfx_volume = v;
    else if (strcmp(key, "muted") == 0 && (v == 0 || v == 1))
        s->muted = v == 1;
    else if (strcmp(key, "fullscreen") == 0 && (v == 0 || v == 1))
        s->fullscreen = v == 1;
    else if (strcmp(key, "knows_sprint") == 0 && (v == 0 || v == 1))
        s->knows_sprint = v == 1;
    else if (strcmp(key, "knows_action") == 0 && (v == 0 || v == 1))
        s->knows_action = v == 1;
    else if (strcmp(key, "ghost") == 0 && v >= 0 && v < SETTINGS_GHOST_MODES)
        s->ghost = v;
    else
        return -1;
    return 0;
}

int settings_parse(settings_t *s, const char *buf, size_t len, char *err, size_t err_cap)
{
    settings_default(s);
    size_t pos = 0;
    int line = 0;
    while (pos < len) {
        char tmp[128];
        size_t start = pos;
        while (pos < len && buf[pos] != '\n') pos++;
        size_t l = pos - start;
        if (pos < len) pos++;
        line++;
        if (l >= sizeof tmp || memchr(buf + start, '\0', l)) {
            snprintf(err, err_cap, "line %d: not a settings line", line);
            return -1;
        }
        memcpy(tmp, buf + start, l);
        tmp[l] = '\0';
        if (l > 0 && tmp[l - 1] == '\r') tmp[--l] = '\0';
        if (l == 0 || tmp[0] == '#') continue;
        if (line == 1) {
            int ver = 0;
            char extra;
            if (sscanf(tmp, "miraclemile-settings %d %c", &ver, &extra) != 1 || ver != 1) {
                snprintf(err, err_cap, "line 1: not a settings file of version 1");
                return -1;
            }
            continue;
        }
        if (parse_line(s, tmp) != 0) {
            snprintf(err, err_cap,
                     "line %d: expected 'music_volume|sfx_volume = 0..10' or "
                     "'muted|fullscreen|knows_sprint|knows_action = 0|1' or 'ghost = 0..2'",
                     line);
            return -1;
        }
    }
    if (line == 0) {
        snprintf(err, err_cap, "line 1: the file is empty");
        return -1;
    }
    return 0;
}

int settings_write(const settings_t *s, char *buf, size_t cap)
{
    int n = snprintf(buf, cap,
                     "miraclemile-settings 1\nmusic_volume = %d\nsfx_volume = %d\nmuted = %d\n"
                     "fullscreen = %d\nknows_sprint = %d\nknows_action = %d\n",
                     s->music_volume, s->sfx_volume, s->muted ? 1 : 0, s->fullscreen ? 1 : 0,
                     s->knows_sprint ? 1 : 0, s->knows_action ? 1 : 0);
    if (n < 0 || (size_t)n >= cap) return -1;
    /* The ghost's line: 0 off, 1 your best, 2 the expert. */
    int g = snprintf(buf + n, cap - (size_t)n, "ghost = %d\n", s->ghost);
    if (g < 0 || (size_t)g >= cap - (size_t)n) return -1;
    n += g;
    return n;
}

void settings_load(settings_t *s, const char *path, char *warn, size_t warn_cap)
{
    settings_default(s);
    if (warn_cap) warn[0] = '\0';
    if (!path || !files_exists(path)) return;
    char err[256];
    size_t len = 0;
    char *buf = files_read(path, 1 << 16, &len, err, sizeof err);
    if (!buf) {
        snprintf(warn, warn_cap, "cannot read your settings (%s); using the defaults", err);
        return;
    }
    if (settings_parse(s, buf, len, err, sizeof err) != 0) {
        char kept[1100];
        settings_default(s);
        if (files_keep_aside(path, ".damaged", kept, sizeof kept))
            snprintf(warn, warn_cap,
                     "your settings file was damaged (%s); it was kept as %s and the defaults "
                     "are used",
                     err, kept);
        else
            snprintf(warn, warn_cap, "your settings file %s is damaged (%s); the defaults are used",
                     path, err);
    }
    free(buf);
}

bool settings_save(const settings_t *s, const char *path, char *err, size_t err_cap)
{
    char buf[256];
    int n = settings_write(s, buf, sizeof buf);
    if (n < 0) {
        snprintf(err, err_cap, "settings too long");
        return false;
    }
    return files_write_atomic(path, buf, (size_t)n, err, err_cap);
}
