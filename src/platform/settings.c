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
    s->assist_clock = 100;
    s->assist_extra = 0;
    s->assist_no_fail = false;
    s->assist_soft = false;
    s->no_flash = false;
    s->no_shake = false;
    s->large_text = false;
    s->bind_count = 0;
}

/* ---- controls: key.ACTION / pad.ACTION = names ------------------------------ */

static bool bind_name_ok(const char *name)
{
    if (strncmp(name, "key.", 4) != 0 && strncmp(name, "pad.", 4) != 0) return false;
    size_t n = strlen(name);
    if (n <= 4 || n >= SETTINGS_BIND_NAME) return false;
    for (size_t i = 4; i < n; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || name[i] == '_')) return false;
    return true;
}

bool settings_set_bind(settings_t *s, const char *name, const char *value)
{
    if (!bind_name_ok(name) || strlen(value) >= SETTINGS_BIND_VALUE) return false;
    for (const char *c = value; *c; c++)
        if (*c < 0x20 || *c > 0x7e) return false; /* names are printable ASCII */
    int i = 0;
    while (i < s->bind_count && strcmp(s->binds[i].name, name) != 0) i++;
    if (i == s->bind_count) {
        if (s->bind_count == SETTINGS_MAX_BINDS) return false;
        s->bind_count++;
    }
    snprintf(s->binds[i].name, sizeof s->binds[i].name, "%s", name);
    snprintf(s->binds[i].value, sizeof s->binds[i].value, "%s", value);
    return true;
}

const char *settings_get_bind(const settings_t *s, const char *name)
{
    for (int i = 0; i < s->bind_count; i++)
        if (strcmp(s->binds[i].name, name) == 0) return s->binds[i].value;
    return NULL;
}

/* 1: a control line, read; 0: not one; -1: one that cannot be kept. */
static int parse_bind_line(settings_t *s, char *line)
{
    while (*line == ' ' || *line == '\t') line++;
    if (strncmp(line, "key.", 4) != 0 && strncmp(line, "pad.", 4) != 0) return 0;
    char *eq = strchr(line, '=');
    if (!eq) return -1;
    char *end = eq;
    while (end > line && (end[-1] == ' ' || end[-1] == '\t')) end--;
    *end = '\0';
    char *v = eq + 1;
    while (*v == ' ' || *v == '\t') v++;
    size_t n = strlen(v);
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t')) v[--n] = '\0';
    return settings_set_bind(s, line, v) ? 1 : -1;
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
    else if (strcmp(key, "assist_clock") == 0 && v >= 50 && v <= 100 && v % 10 == 0)
        s->assist_clock = v;
    else if (strcmp(key, "assist_extra") == 0 && v >= 0 && v <= 30 && v % 10 == 0)
        s->assist_extra = v;
    else if (strcmp(key, "assist_no_fail") == 0 && (v == 0 || v == 1))
        s->assist_no_fail = v == 1;
    else if (strcmp(key, "assist_soft") == 0 && (v == 0 || v == 1))
        s->assist_soft = v == 1;
    else if (strcmp(key, "no_flash") == 0 && (v == 0 || v == 1))
        s->no_flash = v == 1;
    else if (strcmp(key, "no_shake") == 0 && (v == 0 || v == 1))
        s->no_shake = v == 1;
    else if (strcmp(key, "large_text") == 0 && (v == 0 || v == 1))
        s->large_text = v == 1;
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
        char tmp[256];
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
        int bind = parse_bind_line(s, tmp);
        if (bind < 0) {
            snprintf(err, err_cap,
                     "line %d: expected 'key.ACTION = key names' or 'pad.ACTION = button names' "
                     "(up to %d printable characters)",
                     line, SETTINGS_BIND_VALUE - 1);
            return -1;
        }
        if (bind == 0 && parse_line(s, tmp) != 0) {
            snprintf(err, err_cap,
                     "line %d: expected 'music_volume|sfx_volume = 0..10', 'ghost = 0..2', "
                     "'assist_clock = 50..100' (in tens), 'assist_extra = 0|10|20|30' or "
                     "'muted|fullscreen|knows_sprint|knows_action|assist_no_fail|assist_soft|"
                     "no_flash|no_shake|large_text = 0|1'",
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
    for (int i = 0; i < s->bind_count; i++) {
        int m =
            snprintf(buf + n, cap - (size_t)n, "%s = %s\n", s->binds[i].name, s->binds[i].value);
        if (m < 0 || (size_t)m >= cap - (size_t)n) return -1;
        n += m;
    }
    /* The assists and accessibility, after the rest. */
    int m = snprintf(buf + n, cap - (size_t)n,
                     "assist_clock = %d\nassist_extra = %d\nassist_no_fail = %d\n"
                     "assist_soft = %d\nno_flash = %d\nno_shake = %d\nlarge_text = %d\n",
                     s->assist_clock, s->assist_extra, s->assist_no_fail ? 1 : 0,
                     s->assist_soft ? 1 : 0, s->no_flash ? 1 : 0, s->no_shake ? 1 : 0,
                     s->large_text ? 1 : 0);
    if (m < 0 || (size_t)m >= cap - (size_t)n) return -1;
    n += m;
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
    char buf[SETTINGS_TEXT_MAX];
    int n = settings_write(s, buf, sizeof buf);
    if (n < 0) {
        snprintf(err, err_cap, "settings too long");
        return false;
    }
    return files_write_atomic(path, buf, (size_t)n, err, err_cap);
}
