#include "game/replay.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"

replay_t *replay_create(uint64_t level_hash)
{
    replay_t *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->level_hash = level_hash;
    r->rules = GAME_RULES_VERSION;
    r->assists = game_assists_none();
    return r;
}

void replay_destroy(replay_t *r)
{
    if (!r) return;
    free(r->inputs);
    free(r);
}

void replay_clear(replay_t *r)
{
    r->count = 0;
    r->check_count = 0;
    r->change_count = 0; /* the start's assists stay */
}

static bool same_assists(const game_assists_t *a, const game_assists_t *b)
{
    return a->clock_pct == b->clock_pct && a->extra_s == b->extra_s && a->no_fail == b->no_fail &&
           a->soft_hazards == b->soft_hazards;
}

game_assists_t replay_assists_at(const replay_t *r, int32_t tick)
{
    game_assists_t a = r->assists;
    for (int32_t i = 0; i < r->change_count && r->changes[i].tick <= tick; i++)
        a = r->changes[i].assists;
    return a;
}

int replay_set_assists(replay_t *r, int32_t tick, const game_assists_t *a)
{
    game_assists_t c = game_assists_clamp(a);
    if (tick <= 0) {
        r->assists = c;
        return 0;
    }
    int32_t n = r->change_count;
    if (n > 0 && r->changes[n - 1].tick > tick) return -1;
    if (n > 0 && r->changes[n - 1].tick == tick) r->change_count = --n; /* the last word counts */
    game_assists_t before = replay_assists_at(r, tick);
    if (same_assists(&before, &c)) return 0;
    if (n >= REPLAY_MAX_CHANGES) return -1;
    r->changes[n].tick = tick;
    r->changes[n].assists = c;
    r->change_count = n + 1;
    return 0;
}

int replay_push(replay_t *r, uint8_t buttons)
{
    if (r->count >= REPLAY_MAX_TICKS) return -1;
    if (r->count == r->cap) {
        int32_t cap = r->cap ? r->cap * 2 : 1024;
        if (cap > REPLAY_MAX_TICKS) cap = REPLAY_MAX_TICKS;
        uint8_t *p = realloc(r->inputs, (size_t)cap);
        if (!p) return -1;
        r->inputs = p;
        r->cap = cap;
    }
    r->inputs[r->count++] = buttons;
    return 0;
}

/* Text form: a header, then runs "N*B" (N ticks of buttons B, in hex), eight a
 * line, so a replay stays small and readable in a diff. */
char *replay_write(const replay_t *r, size_t *len_out)
{
    size_t cap =
        256 + (size_t)r->count * 12 + (size_t)r->check_count * 32 + (size_t)r->change_count * 48;
    char *out = malloc(cap);
    if (!out) return NULL;
    size_t n = 0;
    n += (size_t)snprintf(out + n, cap - n,
                          "miraclemile-replay %d\nrules %u\nlevel %016" PRIx64
                          "\nassists %d %d %d %d\nticks %d\ninputs\n",
                          REPLAY_FORMAT_VERSION, (unsigned)r->rules, r->level_hash,
                          (int)r->assists.clock_pct, (int)r->assists.extra_s,
                          r->assists.no_fail ? 1 : 0, r->assists.soft_hazards ? 1 : 0,
                          (int)r->count);
    int runs = 0;
    for (int32_t i = 0; i < r->count;) {
        int32_t j = i;
        while (j < r->count && r->inputs[j] == r->inputs[i]) j++;
        n += (size_t)snprintf(out + n, cap - n, "%d*%x%s", (int)(j - i), r->inputs[i],
                              (++runs % 8 == 0) ? "\n" : " ");
        i = j;
    }
    if (n > 0 && out[n - 1] == ' ') out[n - 1] = '\n';
    n += (size_t)snprintf(out + n, cap - n, "end\nchanges\n");
    for (int32_t i = 0; i < r->change_count; i++) {
        const game_assists_t *a = &r->changes[i].assists;
        n += (size_t)snprintf(out + n, cap - n, "%d %d %d %d %d\n", (int)r->changes[i].tick,
                              (int)a->clock_pct, (int)a->extra_s, a->no_fail ? 1 : 0,
                              a->soft_hazards ? 1 : 0);
    }
    n += (size_t)snprintf(out + n, cap - n, "end\nchecks\n");
    for (int32_t i = 0; i < r->check_count; i++)
        n += (size_t)snprintf(out + n, cap - n, "%d %016" PRIx64 "\n", (int)r->checks[i].tick,
                              r->checks[i].hash);
    n += (size_t)snprintf(out + n, cap - n, "end\n");
    if (len_out) *len_out = n;
    return out;
}

typedef struct cursor {
    const char *buf;
    size_t len, pos;
    int line, col;
} cursor_t;

static void skip_space(cursor_t *c)
{
    while (c->pos < c->len) {
        char ch = c->buf[c->pos];
        if (ch == '\n') {
            c->line++;
            c->col = 1;
        } else if (ch == ' ' || ch == '\t' || ch == '\r') {
            c->col++;
        } else {
            break;
        }
        c->pos++;
    }
}

/* The next word (run of non-space bytes). */
static size_t next_word(cursor_t *c, const char **w)
{
    skip_space(c);
    *w = c->buf + c->pos;
    size_t n = 0;
    while (c->pos < c->len && c->buf[c->pos] != ' ' && c->buf[c->pos] != '\n' &&
           c->buf[c->pos] != '\t' && c->buf[c->pos] != '\r') {
        c->pos++;
        c->col++;
        n++;
    }
    return n;
}

static int expect_word(cursor_t *c, const char *want, char *err, size_t cap)
{
    const char *w;
    int line = 0, col = 0;
    skip_space(c);
    line = c->line;
    col = c->col;
    size_t n = next_word(c, &w);
    if (n != strlen(want) || memcmp(w, want, n) != 0) {
        snprintf(err, cap, "%d:%d: expected '%s'", line, col, want);
        return -1;
    }
    return 0;
}

static int read_number(cursor_t *c, int base, uint64_t max, uint64_t *out, const char *what,
                       char *err, size_t cap)
{
    const char *w;
    skip_space(c);
    int line = c->line, col = c->col;
    size_t n = next_word(c, &w);
    uint64_t v = 0;
    bool ok = n > 0 && n <= 16;
    for (size_t i = 0; ok && i < n; i++) {
        int d = -1;
        char ch = w[i];
        if (ch >= '0' && ch <= '9') d = ch - '0';
        if (base == 16 && ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
        if (d < 0) ok = false;
        v = v * (uint64_t)base + (uint64_t)(d < 0 ? 0 : d);
    }
    if (!ok || v > max) {
        snprintf(err, cap, "%d:%d: expected %s", line, col, what);
        return -1;
    }
    *out = v;
    return 0;
}

/* Four numbers: the clock's percent, the extra seconds, no-fail and soft
 * hazards (0 or 1); every value must be one the game offers. */
static int read_assists(cursor_t *c, game_assists_t *a, char *err, size_t cap)
{
    skip_space(c);
    int line = c->line, col = c->col;
    uint64_t v[4];
    static const uint64_t max[4] = {100, GAME_ASSIST_EXTRA_MAX, 1, 1};
    static const char *what[4] = {"the clock's speed (50 to 100)",
                                  "the extra seconds (0, 10, 20 or 30)", "no-fail (0 or 1)",
                                  "soft hazards (0 or 1)"};
    for (int i = 0; i < 4; i++)
        if (read_number(c, 10, max[i], &v[i], what[i], err, cap) < 0) return -1;
    a->clock_pct = (int32_t)v[0];
    a->extra_s = (int32_t)v[1];
    a->no_fail = v[2] == 1;
    a->soft_hazards = v[3] == 1;
    game_assists_t ok = game_assists_clamp(a);
    if (ok.clock_pct != a->clock_pct || ok.extra_s != a->extra_s) {
        snprintf(err, cap,
                 "%d:%d: assists the game does not offer (the clock runs at 50 to 100%% in steps "
                 "of 10, extra seconds are 0, 10, 20 or 30)",
                 line, col);
        return -1;
    }
    return 0;
}

replay_t *replay_parse(const char *buf, size_t len, char *err, size_t err_cap)
{
    cursor_t c = {buf, len, 0, 1, 1};
    uint64_t version = 0, hash = 0, ticks = 0, rules = 0, options = 0;
    if (expect_word(&c, "miraclemile-replay", err, err_cap) < 0) return NULL;
    if (read_number(&c, 10, 1000, &version, "a format version", err, err_cap) < 0) return NULL;
    if (version == 1) {
        snprintf(err, err_cap,
                 "1:20: this is a version 1 replay, from before the game checked its "
                 "replays step by step; it cannot be played any more, so record it again");
        return NULL;
    }
    if (version != 2 && version != REPLAY_FORMAT_VERSION) {
        snprintf(err, err_cap, "1:20: replay format version %d is not known (this game reads %d)",
                 (int)version, REPLAY_FORMAT_VERSION);
        return NULL;
    }
    if (expect_word(&c, "rules", err, err_cap) < 0) return NULL;
    if (read_number(&c, 10, 1000000, &rules, "the rules version", err, err_cap) < 0) return NULL;
    if (expect_word(&c, "level", err, err_cap) < 0) return NULL;
    if (read_number(&c, 16, UINT64_MAX, &hash, "the level's hash (16 hex digits)", err, err_cap) <
        0)
        return NULL;
    game_assists_t assists = game_assists_none();
    if (version == 2) {
        /* Version 2 had an options word and nothing that used it. */
        skip_space(&c);
        int line = c.line, col = c.col;
        if (expect_word(&c, "options", err, err_cap) < 0) return NULL;
        if (read_number(&c, 16, 0xffffffffu, &options, "the options (hex)", err, err_cap) < 0)
            return NULL;
        if (options != 0) {
            snprintf(err, err_cap, "%d:%d: options %x are not known to this game", line, col,
                     (unsigned)options);
            return NULL;
        }
    } else {
        if (expect_word(&c, "assists", err, err_cap) < 0) return NULL;
        if (read_assists(&c, &assists, err, err_cap) < 0) return NULL;
    }
    if (expect_word(&c, "ticks", err, err_cap) < 0) return NULL;
    if (read_number(&c, 10, REPLAY_MAX_TICKS, &ticks, "a tick count", err, err_cap) < 0)
        return NULL;
    if (expect_word(&c, "inputs", err, err_cap) < 0) return NULL;
    replay_t *r = replay_create(hash);
    if (!r) {
        snprintf(err, err_cap, "0:0: out of memory");
        return NULL;
    }
    r->rules = (uint32_t)rules;
    r->assists = assists;
    for (;;) {
        const char *w;
        skip_space(&c);
        int line = c.line, col = c.col;
        size_t n = next_word(&c, &w);
        if (n == 0) {
            snprintf(err, err_cap, "%d:%d: the inputs have no 'end'", line, col);
            goto fail;
        }
        if (n == 3 && memcmp(w, "end", 3) == 0) break;
        const char *star = memchr(w, '*', n);
        uint64_t count = 0, buttons = 0;
        cursor_t a = {w, star ? (size_t)(star - w) : 0, 0, line, col};
        cursor_t b = {star ? star + 1 : w, star ? n - (size_t)(star - w) - 1 : 0, 0, line, col};
        if (!star || read_number(&a, 10, REPLAY_MAX_TICKS, &count, "", err, err_cap) < 0 ||
            read_number(&b, 16, INPUT_ALL_BUTTONS, &buttons, "", err, err_cap) < 0 || count == 0) {
            snprintf(err, err_cap,
                     "%d:%d: expected a run like '12*9' (ticks, then buttons in hex 0 to 1f)", line,
                     col);
            goto fail;
        }
        if ((uint64_t)r->count + count > ticks) {
            snprintf(err, err_cap, "%d:%d: more inputs than the %d ticks the header says", line,
                     col, (int)ticks);
            goto fail;
        }
        for (uint64_t i = 0; i < count; i++) {
            if (replay_push(r, (uint8_t)buttons) < 0) {
                snprintf(err, err_cap, "%d:%d: out of memory", line, col);
                goto fail;
            }
        }
    }
    if ((uint64_t)r->count != ticks) {
        snprintf(err, err_cap, "%d:%d: the inputs cover %d ticks but the header says %d", c.line,
                 c.col, (int)r->count, (int)ticks);
        goto fail;
    }
    if (version >= 3) {
        if (expect_word(&c, "changes", err, err_cap) < 0) goto fail;
        for (;;) {
            const char *w;
            skip_space(&c);
            int line = c.line, col = c.col;
            cursor_t save = c;
            size_t n = next_word(&c, &w);
            if (n == 3 && memcmp(w, "end", 3) == 0) break;
            c = save;
            uint64_t tick = 0;
            game_assists_t a;
            if (read_number(&c, 10, ticks, &tick, "a tick (or 'end')", err, err_cap) < 0 ||
                read_assists(&c, &a, err, err_cap) < 0)
                goto fail;
            int32_t prev = r->change_count ? r->changes[r->change_count - 1].tick : 0;
            if ((int32_t)tick <= prev || r->change_count >= REPLAY_MAX_CHANGES) {
                snprintf(err, err_cap,
                         "%d:%d: changes must be after tick 0, in rising order of ticks, at "
                         "most %d",
                         line, col, REPLAY_MAX_CHANGES);
                goto fail;
            }
            r->changes[r->change_count].tick = (int32_t)tick;
            r->changes[r->change_count++].assists = a;
        }
    }
    if (expect_word(&c, "checks", err, err_cap) < 0) goto fail;
    for (;;) {
        const char *w;
        skip_space(&c);
        int line = c.line, col = c.col;
        cursor_t save = c;
        size_t n = next_word(&c, &w);
        if (n == 3 && memcmp(w, "end", 3) == 0) break;
        c = save;
        uint64_t tick = 0, h = 0;
        if (read_number(&c, 10, ticks, &tick, "a tick (or 'end')", err, err_cap) < 0) goto fail;
        if (read_number(&c, 16, UINT64_MAX, &h, "a state hash (16 hex digits)", err, err_cap) < 0)
            goto fail;
        int32_t prev = r->check_count ? r->checks[r->check_count - 1].tick : -1;
        if ((int32_t)tick <= prev || r->check_count >= REPLAY_MAX_CHECKS) {
            snprintf(err, err_cap, "%d:%d: checks must be in rising order of ticks, at most %d",
                     line, col, REPLAY_MAX_CHECKS);
            goto fail;
        }
        r->checks[r->check_count].tick = (int32_t)tick;
        r->checks[r->check_count++].hash = h;
    }
    return r;
fail:
    replay_destroy(r);
    return NULL;
}
