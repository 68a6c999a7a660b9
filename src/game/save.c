#include "game/save.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "game/game.h"
#include "game/utf8.h"

_Static_assert(SAVE_MAX_TICKS == LEVEL_MAX_TIME_S * GAME_TICK_HZ,
               "a best time is at most the longest clock");

void save_init(save_t *s)
{
    memset(s, 0, sizeof *s);
}

static save_entry_t *find(save_t *s, const char *id)
{
    for (int32_t i = 0; i < s->count; i++)
        if (strcmp(s->entries[i].id, id) == 0) return &s->entries[i];
    return NULL;
}

int32_t save_best(const save_t *s, const char *id)
{
    save_entry_t *e = find((save_t *)s, id);
    return e ? e->best_ticks : 0;
}

/* The assisted runs' table: ids and best times only. */
static save_entry_t *find_assisted(save_t *s, const char *id)
{
    for (int32_t i = 0; i < s->assisted_count; i++)
        if (strcmp(s->assisted[i].id, id) == 0) return &s->assisted[i];
    return NULL;
}

int32_t save_best_assisted(const save_t *s, const char *id)
{
    save_entry_t *e = find_assisted((save_t *)s, id);
    return e ? e->best_ticks : 0;
}

int save_record_assisted(save_t *s, const char *id, int32_t ticks)
{
    size_t len = strlen(id);
    if (ticks <= 0 || ticks > SAVE_MAX_TICKS || len == 0 || len > SAVE_ID_MAX) return -1;
    save_entry_t *e = find_assisted(s, id);
    if (!e) {
        if (s->assisted_count >= SAVE_MAX_LEVELS) return -1;
        e = &s->assisted[s->assisted_count++];
        memset(e, 0, sizeof *e);
        memcpy(e->id, id, len + 1);
    }
    if (e->best_ticks == 0 || ticks < e->best_ticks) {
        e->best_ticks = ticks;
        return 1;
    }
    return 0;
}

bool save_won(const save_t *s, const char *id)
{
    return save_best(s, id) > 0 || save_best_assisted(s, id) > 0;
}

/* The assisted best under an old key moves to the new one: 1 moved, 0
 * nothing there, -1 no room (left as it is). */
static int carry_assisted(save_t *s, const char *from_id, const char *to_id)
{
    save_entry_t *from = find_assisted(s, from_id);
    if (!from) return 0;
    int32_t ticks = from->best_ticks;
    if (ticks > 0 && save_record_assisted(s, to_id, ticks) < 0) return -1;
    from = find_assisted(s, from_id);
    *from = s->assisted[--s->assisted_count];
    return 1;
}

int save_record(save_t *s, const char *id, int32_t ticks)
{
    size_t len = strlen(id);
    if (ticks <= 0 || ticks > SAVE_MAX_TICKS || len == 0 || len > SAVE_ID_MAX) return -1;
    save_entry_t *e = find(s, id);
    if (!e) {
        if (s->count >= SAVE_MAX_LEVELS) return -1;
        e = &s->entries[s->count++];
        memset(e, 0, sizeof *e);
        memcpy(e->id, id, len + 1);
    }
    if (e->best_ticks == 0 || ticks < e->best_ticks) {
        e->best_ticks = ticks;
        return 1;
    }
    return 0;
}

/* An entry for id, made when there is none (with no best yet). */
static save_entry_t *find_or_add(save_t *s, const char *id)
{
    size_t len = strlen(id);
    if (len == 0 || len > SAVE_ID_MAX) return NULL;
    save_entry_t *e = find(s, id);
    if (e) return e;
    if (s->count >= SAVE_MAX_LEVELS) return NULL;
    e = &s->entries[s->count++];
    memset(e, 0, sizeof *e);
    memcpy(e->id, id, len + 1);
    return e;
}

int32_t save_closest(const save_t *s, const char *id)
{
    const save_entry_t *e = find((save_t *)s, id);
    return e && e->has_closest ? e->closest_ticks : -1;
}

int save_record_closest(save_t *s, const char *id, int32_t ticks)
{
    if (ticks < 0 || ticks > SAVE_MAX_TICKS) return -1;
    save_entry_t *e = find_or_add(s, id);
    if (!e) return -1;
    if (e->has_closest && ticks >= e->closest_ticks) return 0;
    e->has_closest = true;
    e->closest_ticks = ticks;
    return 1;
}

bool save_set_splits(save_t *s, const char *id, int32_t count, const int32_t *splits)
{
    save_entry_t *e = find(s, id);
    if (!e || e->best_ticks <= 0) return false;
    if (count < 0) count = 0;
    if (count > SAVE_MAX_SPLITS) count = SAVE_MAX_SPLITS;
    e->split_count = count;
    for (int32_t i = 0; i < count; i++)
        e->splits[i] = splits[i] < 0 ? 0 : splits[i] > SAVE_MAX_TICKS ? SAVE_MAX_TICKS : splits[i];
    return true;
}

const save_entry_t *save_entry(const save_t *s, const char *id)
{
    return find((save_t *)s, id);
}

int save_carry(save_t *s, const char *from_id, const char *to_id)
{
    if (strcmp(from_id, to_id) == 0) return 0;
    int moved = carry_assisted(s, from_id, to_id) > 0;
    save_entry_t *from = find(s, from_id);
    if (!from) return moved;
    save_entry_t old = *from;
    int32_t ticks = from->best_ticks;
    int r = ticks > 0 ? save_record(s, to_id, ticks) : 0;
    if (r < 0) return moved; /* no room: keep it as it is */
    if (r > 0) save_set_splits(s, to_id, old.split_count, old.splits);
    if (old.has_closest && save_record_closest(s, to_id, old.closest_ticks) < 0) return moved;
    from = find(s, from_id); /* the array may not move, but look again */
    *from = s->entries[--s->count];
    return 1;
}

static bool night_valid(const save_night_t *r)
{
    if (r->count < 1 || r->count > SAVE_NIGHT_LEVELS || r->score < 1 || r->score > SAVE_MAX_TICKS)
        return false;
    for (int32_t i = 0; i < r->count; i++) {
        const char *id = r->splits[i].id;
        if (!id[0] || !memchr(id, '\0', SAVE_ID_MAX + 1) || r->splits[i].spent < 0 ||
            r->splits[i].spent > SAVE_MAX_TICKS || r->splits[i].left < 0 ||
            r->splits[i].left > SAVE_MAX_TICKS)
            return false;
    }
    return true;
}

static int record_night_in(save_night_t *best, const save_night_t *run)
{
    if (!night_valid(run)) return -1;
    if (best->count > 0 && run->score <= best->score) return 0;
    if (best != run) *best = *run;
    return 1;
}

int save_record_night(save_t *s, const save_night_t *run)
{
    return record_night_in(&s->night, run);
}

int save_record_night_assisted(save_t *s, const save_night_t *run)
{
    return record_night_in(&s->night_assisted, run);
}

/* ---- writing --------------------------------------------------------------- */

typedef struct out {
    char *buf;
    size_t cap, n;
    bool full;
} out_t;

static void put(out_t *o, const char *s, size_t len)
{
    if (o->full || len >= o->cap - o->n) {
        o->full = true;
        return;
    }
    memcpy(o->buf + o->n, s, len);
    o->n += len;
    o->buf[o->n] = '\0';
}

/* UTF-8 text is written as it is, so the file stays readable; anything that
 * would end or break the line or the quotes is escaped. */
static void put_id(out_t *o, const char *id)
{
    static const char hex[] = "0123456789abcdef";
    size_t len = strlen(id);
    put(o, "\"", 1);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)id[i];
        size_t seq = utf8_sequence_len(id + i, len - i);
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            put(o, esc, 2);
            i++;
        } else if (seq == 0 || c < 0x20 || c == 0x7f) {
            char esc[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            put(o, esc, 4);
            i++;
        } else {
            put(o, id + i, seq);
            i += seq;
        }
    }
    put(o, "\"", 1);
}

/* A night's best run, its lines after prefix ("" or "assisted "). */
static void put_night(out_t *o, const char *prefix, const save_night_t *night)
{
    if (night->count <= 0) return;
    char num[48];
    put(o, prefix, strlen(prefix));
    int w = snprintf(num, sizeof num, "night %d\n", (int)night->score);
    put(o, num, (size_t)w);
    for (int32_t i = 0; i < night->count; i++) {
        put(o, prefix, strlen(prefix));
        put(o, "split ", 6);
        put_id(o, night->splits[i].id);
        w = snprintf(num, sizeof num, " %d %d\n", (int)night->splits[i].spent,
                     (int)night->splits[i].left);
        put(o, num, (size_t)w);
    }
}

int save_write(const save_t *s, char *buf, size_t cap)
{
    if (cap == 0) return -1;
    out_t o = {buf, cap, 0, false};
    char num[48];
    int w = snprintf(num, sizeof num, "miraclemile-save %d\n", SAVE_FORMAT_VERSION);
    put(&o, num, (size_t)w);
    /* Each level's lines together, in the save's order, so that reading
     * them back makes the same entries in the same order. */
    for (int32_t i = 0; i < s->count; i++) {
        const save_entry_t *e = &s->entries[i];
        if (e->best_ticks > 0) {
            put(&o, "best ", 5);
            put_id(&o, e->id);
            w = snprintf(num, sizeof num, " %d\n", (int)e->best_ticks);
            put(&o, num, (size_t)w);
        }
        if (e->has_closest) {
            put(&o, "closest ", 8);
            put_id(&o, e->id);
            w = snprintf(num, sizeof num, " %d\n", (int)e->closest_ticks);
            put(&o, num, (size_t)w);
        }
        if (e->best_ticks > 0 && e->split_count > 0) {
            put(&o, "splits ", 7);
            put_id(&o, e->id);
            for (int32_t k = 0; k < e->split_count; k++) {
                w = snprintf(num, sizeof num, " %d", (int)e->splits[k]);
                put(&o, num, (size_t)w);
            }
            put(&o, "\n", 1);
        }
    }
    put_night(&o, "", &s->night);
    /* Runs with assists, apart (version 5). */
    for (int32_t i = 0; i < s->assisted_count; i++) {
        const save_entry_t *e = &s->assisted[i];
        if (e->best_ticks <= 0) continue;
        put(&o, "assisted best ", 14);
        put_id(&o, e->id);
        w = snprintf(num, sizeof num, " %d\n", (int)e->best_ticks);
        put(&o, num, (size_t)w);
    }
    put_night(&o, "assisted ", &s->night_assisted);
    return o.full ? -1 : (int)o.n;
}

/* ---- reading --------------------------------------------------------------- */

#define MM_STR_(x) #x
#define MM_STR(x) MM_STR_(x)

typedef struct line {
    const char *p;
    size_t len;
    int number;
} line_t;

static void note(char *dst, size_t cap, int32_t *count, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void note(char *dst, size_t cap, int32_t *count, int line, const char *fmt, ...)
{
    if ((*count)++ > 0) return; /* the first one is what the player needs to see */
    int n = snprintf(dst, cap, "line %d: ", line);
    if (n < 0 || (size_t)n >= cap) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst + n, cap - (size_t)n, fmt, ap);
    va_end(ap);
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The quoted id at *pos. Returns 1 with the id in out, 0 when it is well
 * formed but cannot be a level's id (too long, empty: dropped with a
 * warning), -1 when it is not well formed (msg says why). */
static int read_quoted(const line_t *l, size_t *pos, char *out, const char **msg)
{
    size_t i = *pos, n = 0;
    bool too_long = false;
    if (i >= l->len || l->p[i] != '"') {
        *msg = "expected the level's id in double quotes after 'best'";
        return -1;
    }
    i++;
    for (;;) {
        if (i >= l->len) {
            *msg = "the level's id has no closing quote";
            return -1;
        }
        char c = l->p[i++];
        if (c == '"') break;
        if (c == '\\') {
            if (i >= l->len) {
                *msg = "the level's id has no closing quote";
                return -1;
            }
            char e = l->p[i++];
            if (e == 'x') {
                int hi = i < l->len ? hex_digit(l->p[i]) : -1;
                int lo = i + 1 < l->len ? hex_digit(l->p[i + 1]) : -1;
                if (hi < 0 || lo < 0 || (hi == 0 && lo == 0)) {
                    *msg = "a \\x in the level's id needs two hex digits, not 00";
                    return -1;
                }
                c = (char)(hi * 16 + lo);
                i += 2;
            } else if (e == '"' || e == '\\') {
                c = e;
            } else {
                *msg = "unknown escape in the level's id (only \\\" \\\\ and \\xHH)";
                return -1;
            }
        }
        if (n < SAVE_ID_MAX)
            out[n++] = c;
        else
            too_long = true;
    }
    out[n] = '\0';
    *pos = i;
    if (too_long) {
        *msg = "the level's id is longer than " MM_STR(SAVE_ID_MAX) " bytes";
        return 0;
    }
    if (n == 0) {
        *msg = "the level's id is empty";
        return 0;
    }
    return 1;
}

/* The best time at *pos: digits, then only blanks to the end of the line.
 * Returns 1 with the value, 0 for a number out of range (msg says so), -1
 * for anything that is not a number. */
static int read_ticks(const line_t *l, size_t pos, int32_t *ticks, const char **msg)
{
    size_t i = pos;
    bool negative = i < l->len && l->p[i] == '-';
    if (negative) i++;
    size_t digits = i;
    int64_t v = 0;
    while (i < l->len && l->p[i] >= '0' && l->p[i] <= '9') {
        if (v <= SAVE_MAX_TICKS) v = v * 10 + (l->p[i] - '0'); /* no wrap: stop once too big */
        i++;
    }
    bool any = i > digits;
    while (i < l->len && is_blank(l->p[i])) i++;
    if (!any || i != l->len) {
        *msg = "expected the best time in ticks at the end of the line";
        return -1;
    }
    if (negative || v < 1 || v > SAVE_MAX_TICKS) {
        *msg =
            "the best time is out of range (1 to " MM_STR(SAVE_MAX_TICKS) " ticks); it was dropped";
        return 0;
    }
    *ticks = (int32_t)v;
    return 1;
}

static bool starts_with(const line_t *l, const char *word)
{
    size_t n = strlen(word);
    return l->len >= n && memcmp(l->p, word, n) == 0;
}

/* One "best" line. Returns 1 (read), 0 (dropped with a warning) or -1
 * (damaged); msg says why. */
static int read_best(const line_t *l, int version, char *id, int32_t *ticks, const char **msg)
{
    if (version == 1) {
        /* Version 1 wrote "best ID TICKS" with the id as it was, spaces and
         * all: the id is everything up to the last space. */
        size_t last = l->len;
        while (last > 5 && l->p[last - 1] != ' ') last--;
        if (!starts_with(l, "best ") || last <= 5) {
            *msg = "expected 'best LEVEL TICKS'";
            return -1;
        }
        size_t idlen = last - 1 - 5;
        int r = read_ticks(l, last, ticks, msg);
        if (r <= 0) return r;
        if (idlen == 0 || idlen > SAVE_ID_MAX) {
            *msg = "the level's id is empty or too long";
            return 0;
        }
        memcpy(id, l->p + 5, idlen);
        id[idlen] = '\0';
        return 1;
    }
    if (!starts_with(l, "best") || l->len < 5 || !is_blank(l->p[4])) {
        *msg = "expected 'best \"LEVEL\" TICKS'";
        return -1;
    }
    size_t pos = 5;
    while (pos < l->len && is_blank(l->p[pos])) pos++;
    const char *id_msg = NULL;
    int r = read_quoted(l, &pos, id, &id_msg);
    if (r < 0) {
        *msg = id_msg;
        return -1;
    }
    if (pos >= l->len || !is_blank(l->p[pos])) {
        *msg = "expected a space and the best time after the level's id";
        return -1;
    }
    while (pos < l->len && is_blank(l->p[pos])) pos++;
    int t = read_ticks(l, pos, ticks, msg);
    if (t <= 0) return t;
    if (r == 0) {
        *msg = id_msg;
        return 0;
    }
    return 1;
}

/* A number of 0 to SAVE_MAX_TICKS at *pos, then a blank or the end. */
static bool read_count(const line_t *l, size_t *pos, int32_t *v)
{
    size_t i = *pos;
    int64_t n = 0;
    while (i < l->len && l->p[i] >= '0' && l->p[i] <= '9') {
        if (n <= SAVE_MAX_TICKS) n = n * 10 + (l->p[i] - '0');
        i++;
    }
    if (i == *pos || n > SAVE_MAX_TICKS || (i < l->len && !is_blank(l->p[i]))) return false;
    while (i < l->len && is_blank(l->p[i])) i++;
    *pos = i;
    *v = (int32_t)n;
    return true;
}

/* A line of the night's best run (version 3): "night SCORE" starts it, each
 * "split "ID" SPENT LEFT" adds a level. Returns false (msg says why) for a
 * line that cannot be read. */
static bool read_night(const line_t *l, save_night_t *run, char *id, const char **msg)
{
    size_t pos;
    if (starts_with(l, "night") && l->len > 5 && is_blank(l->p[5])) {
        pos = 6;
        while (pos < l->len && is_blank(l->p[pos])) pos++;
        int32_t score = 0;
        if (!read_count(l, &pos, &score) || pos != l->len || score < 1) {
            *msg =
                "expected 'night SCORE' with the score in ticks (1 to " MM_STR(SAVE_MAX_TICKS) ")";
            return false;
        }
        memset(run, 0, sizeof *run);
        run->score = score;
        run->count = -1; /* a run begun: splits may follow */
        return true;
    }
    pos = 6;
    while (pos < l->len && is_blank(l->p[pos])) pos++;
    int32_t spent = 0, left = 0;
    if (read_quoted(l, &pos, id, msg) <= 0) return false;
    while (pos < l->len && is_blank(l->p[pos])) pos++;
    if (!read_count(l, &pos, &spent) || !read_count(l, &pos, &left) || pos != l->len) {
        *msg = "expected 'split \"LEVEL\" SPENT LEFT' in ticks (0 to " MM_STR(SAVE_MAX_TICKS) ")";
        return false;
    }
    if (run->count == 0) {
        *msg = "a split before the 'night' line of its run";
        return false;
    }
    int32_t at = run->count < 0 ? 0 : run->count;
    if (at >= SAVE_NIGHT_LEVELS) {
        *msg = "more than " MM_STR(SAVE_NIGHT_LEVELS) " splits in the night's run";
        return false;
    }
    memcpy(run->splits[at].id, id, strlen(id) + 1);
    run->splits[at].spent = spent;
    run->splits[at].left = left;
    run->count = at + 1;
    return true;
}

/* A level's extra line (version 4): 'closest "ID" TICKS' or 'splits "ID"
 * T1 T2 ...'. The splits wait in pend until the best line is read (it may
 * come before or after: save_write puts bests first). Returns false (msg
 * says why) for a line that cannot be read. */
typedef struct pending_splits {
    int32_t count;
    struct {
        char id[SAVE_ID_MAX + 1];
        int32_t n;
        int32_t t[SAVE_MAX_SPLITS];
    } items[SAVE_MAX_LEVELS];
} pending_splits_t;

static bool read_level_extra(const line_t *l, save_t *s, pending_splits_t *pend, char *id,
                             const char **msg)
{
    bool closest = starts_with(l, "closest");
    size_t pos = closest ? 8 : 7;
    while (pos < l->len && is_blank(l->p[pos])) pos++;
    if (read_quoted(l, &pos, id, msg) <= 0) return false;
    while (pos < l->len && is_blank(l->p[pos])) pos++;
    if (closest) {
        int32_t t = 0;
        if (!read_count(l, &pos, &t) || pos != l->len) {
            *msg = "expected 'closest \"LEVEL\" TICKS' (0 to " MM_STR(SAVE_MAX_TICKS) ")";
            return false;
        }
        if (save_record_closest(s, id, t) < 0) {
            *msg = "more than " MM_STR(SAVE_MAX_LEVELS) " levels";
            return false;
        }
        return true;
    }
    int32_t t[SAVE_MAX_SPLITS], n = 0;
    while (pos < l->len) {
        if (n >= SAVE_MAX_SPLITS || !read_count(l, &pos, &t[n])) {
            *msg = "expected 'splits \"LEVEL\"' and up to " MM_STR(
                SAVE_MAX_SPLITS) " times in ticks (0 to " MM_STR(SAVE_MAX_TICKS) ")";
            return false;
        }
        n++;
    }
    if (pend->count >= SAVE_MAX_LEVELS) {
        *msg = "more than " MM_STR(SAVE_MAX_LEVELS) " levels";
        return false;
    }
    memcpy(pend->items[pend->count].id, id, strlen(id) + 1);
    pend->items[pend->count].n = n;
    memcpy(pend->items[pend->count].t, t, (size_t)n * sizeof t[0]);
    pend->count++;
    return true;
}

/* "miraclemile-save N": the version, or 0. */
static int read_header(const line_t *l)
{
    static const char magic[] = "miraclemile-save";
    size_t n = sizeof magic - 1, i = n;
    if (!starts_with(l, magic) || i >= l->len || !is_blank(l->p[i])) return 0;
    while (i < l->len && is_blank(l->p[i])) i++;
    int v = 0;
    size_t digits = i;
    while (i < l->len && l->p[i] >= '0' && l->p[i] <= '9' && v < 1000)
        v = v * 10 + (l->p[i++] - '0');
    if (i == digits) return 0;
    while (i < l->len && is_blank(l->p[i])) i++;
    return i == l->len ? v : 0;
}

int save_parse(save_t *s, const char *buf, size_t len, save_report_t *report)
{
    save_report_t scratch;
    save_report_t *rp = report ? report : &scratch;
    memset(rp, 0, sizeof *rp);
    save_init(s);
    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) pos = 3; /* saved again by Notepad */
    int number = 0, version = 0;
    char id[SAVE_ID_MAX + 1];
    pending_splits_t *pend = NULL; /* splits, kept for the levels that have a best */
    while (pos < len) {
        line_t l = {buf + pos, 0, ++number};
        while (pos < len && buf[pos] != '\n') pos++;
        l.len = (size_t)(buf + pos - l.p);
        if (pos < len) pos++;
        if (l.len > 0 && l.p[l.len - 1] == '\r') l.len--;
        while (l.len > 0 && is_blank(l.p[l.len - 1])) l.len--;
        if (l.len == 0) continue;
        if (memchr(l.p, '\0', l.len)) {
            note(rp->error, sizeof rp->error, &rp->damaged_lines, number, "binary data");
            continue;
        }
        if (version == 0) {
            version = read_header(&l);
            if (version > SAVE_FORMAT_VERSION) {
                note(rp->error, sizeof rp->error, &rp->damaged_lines, number,
                     "a save of format %d, from a newer version of the game (this one reads 1 "
                     "to %d)",
                     version, SAVE_FORMAT_VERSION);
                return -1;
            }
            if (version < 1) {
                note(rp->error, sizeof rp->error, &rp->damaged_lines, number,
                     "not a save file of version 1 to %d", SAVE_FORMAT_VERSION);
                return -1; /* nothing else in it can be trusted */
            }
            continue;
        }
        const char *msg = "";
        /* Version 5: an assisted run's lines are its kind's with "assisted "
         * in front, kept apart from the unassisted bests. */
        bool assisted = version >= 5 && starts_with(&l, "assisted ");
        if (assisted) {
            size_t skip = 9;
            while (skip < l.len && is_blank(l.p[skip])) skip++;
            l.p += skip;
            l.len -= skip;
        }
        /* The nights are read in place, checked at the end. */
        save_night_t *run = assisted ? &s->night_assisted : &s->night;
        if (version >= 3 && ((starts_with(&l, "night") && l.len > 5 && is_blank(l.p[5])) ||
                             (starts_with(&l, "split") && l.len > 5 && is_blank(l.p[5])))) {
            if (!read_night(&l, run, id, &msg))
                note(rp->error, sizeof rp->error, &rp->damaged_lines, number, "%s", msg);
            continue;
        }
        if (version >= 4 && !assisted &&
            ((starts_with(&l, "closest") && l.len > 7 && is_blank(l.p[7])) ||
             (starts_with(&l, "splits") && l.len > 6 && is_blank(l.p[6])))) {
            if (!pend) pend = calloc(1, sizeof *pend);
            if (!pend || !read_level_extra(&l, s, pend, id, &msg))
                note(rp->error, sizeof rp->error, &rp->damaged_lines, number, "%s",
                     pend ? msg : "out of memory");
            continue;
        }
        int32_t ticks = 0;
        int r = read_best(&l, version, id, &ticks, &msg);
        if (r < 0) {
            note(rp->error, sizeof rp->error, &rp->damaged_lines, number, "%s", msg);
        } else if (r == 0) {
            note(rp->warning, sizeof rp->warning, &rp->dropped_values, number, "%s", msg);
        } else if ((assisted ? save_record_assisted(s, id, ticks) : save_record(s, id, ticks)) <
                   0) {
            note(rp->error, sizeof rp->error, &rp->damaged_lines, number, "more than %d levels",
                 SAVE_MAX_LEVELS);
        }
    }
    if (pend) {
        for (int32_t i = 0; i < pend->count; i++)
            if (!save_set_splits(s, pend->items[i].id, pend->items[i].n, pend->items[i].t))
                note(rp->warning, sizeof rp->warning, &rp->dropped_values, number,
                     "splits for a level with no best time; they were dropped");
        free(pend);
    }
    if (version == 0) {
        note(rp->error, sizeof rp->error, &rp->damaged_lines, 1, "the file is empty");
        return -1;
    }
    save_night_t *nights[2] = {&s->night, &s->night_assisted};
    for (int i = 0; i < 2; i++) {
        if (nights[i]->count != 0 && !night_valid(nights[i])) {
            note(rp->warning, sizeof rp->warning, &rp->dropped_values, number,
                 "the whole night's best run has no levels; it was dropped");
            memset(nights[i], 0, sizeof *nights[i]);
        }
    }
    if (rp->damaged_lines) return -1;
    return rp->dropped_values ? 1 : 0;
}
