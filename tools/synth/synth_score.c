/* Score parser: text in, instruments and note events out (format documented
 * in assets/sound/README.md).
 *
 * The file is split into lines of whitespace-separated tokens first. Top-level
 * settings and instruments are read in one pass; tracks and patterns are kept
 * as line ranges and run afterwards by a small interpreter (repeat, play), so
 * they may use instruments and patterns defined further down. Errors are
 * collected, never fatal, and de-duplicated because repeated lines run again. */
#include "synth.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ERRORS 100
#define MAX_CHORD 16
#define MAX_ARP_STEPS 64
#define MAX_PLAY_DEPTH 8
#define MAX_BARS 1024
#define MAX_SECONDS 600        /* longest score the renderer will take */
#define MAX_STATEMENTS 2000000 /* runaway nested repeats stop here */
#define BAR_TICKS SYNTH_BAR_TICKS
#define DEFAULT_NOTE_TICKS (4 * SYNTH_TICKS_PER_STEP)

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

typedef struct score_tok {
    const char *s;
    int col;
} score_tok_t;

typedef struct score_line {
    score_tok_t *toks;
    int count;
} score_line_t;

typedef struct score_error {
    int line, col, seq;
    char msg[200];
} score_error_t;

typedef struct score_block {
    char name[SYNTH_NAME_CAP];
    int is_track;
    int header;     /* line index of "track"/"pattern" */
    int end;        /* line index of its "end" (or where it was cut off) */
    int instrument; /* tracks only; -1 when unknown */
    int played;
} score_block_t;

typedef struct tick_event {
    int64_t start, length; /* ticks */
    float gate;
    int note;
    float velocity;
    int instrument, track;
} tick_event_t;

typedef struct parser {
    const char *path;
    char *text;
    size_t text_len;
    char *arena;
    size_t arena_used;
    score_line_t *lines;
    int line_count;
    score_error_t *errors;
    size_t error_count, error_cap;
    int errors_dropped;
    score_block_t *blocks;
    size_t block_count, block_cap;
    tick_event_t *events;
    size_t event_count, event_cap;
    size_t instrument_cap;
    long statements_run;
    synth_score_t *score;
    int have_tempo, have_bars, have_length;
} parser_t;

typedef enum arp_mode {
    ARP_OFF,
    ARP_UP,
    ARP_DOWN,
    ARP_UPDOWN,
    ARP_DOWNUP,
    ARP_ORDER,
    ARP_RANDOM,
    ARP_PATTERN
} arp_mode_t;

static const char *const arp_mode_names[] = {"off",   "up",     "down",    "updown", "downup",
                                             "order", "random", "pattern", NULL};

typedef struct track_state {
    int instrument, track;
    int dry; /* only checking a pattern nobody plays: no events, no bar checks */
    int64_t pos, step, last_len, end_ticks;
    int transpose;
    float gate, velocity;
    int arp_mode, arp_octaves;
    int64_t arp_rate;
    float arp_gate;
    int pattern[MAX_ARP_STEPS];
    int pattern_len;
    float accent[MAX_ARP_STEPS];
    int accent_len;
    uint32_t rng;
    int depth;
} track_state_t;

/* ---- small helpers ------------------------------------------------------ */

static void *grow(void *p, size_t count, size_t *cap, size_t size)
{
    if (count < *cap) return p;
    size_t n = *cap ? *cap * 2 : 16;
    void *q = realloc(p, n * size);
    if (!q) {
        fputs("synth: out of memory\n", stderr);
        exit(1);
    }
    *cap = n;
    return q;
}

static uint32_t xorshift32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

static int lower(int c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

static int eq_nocase(const char *a, const char *b)
{
    while (*a && *b && lower((unsigned char)*a) == lower((unsigned char)*b)) a++, b++;
    return *a == '\0' && *b == '\0';
}

static int find_name(const char *const *names, const char *s)
{
    for (int i = 0; names[i]; i++)
        if (strcmp(names[i], s) == 0) return i;
    return -1;
}

static void join_names(char *buf, size_t cap, const char *const *names)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; names[i] && used < cap; i++) {
        int n = snprintf(buf + used, cap - used, "%s%s", i ? ", " : "", names[i]);
        if (n < 0) break;
        used += (size_t)n;
    }
}

PRINTF_LIKE(4, 5)
static void perr(parser_t *p, int line_index, int col, const char *fmt, ...)
{
    score_error_t e;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof e.msg, fmt, ap);
    va_end(ap);
    e.line = line_index + 1;
    e.col = col;
    /* Repeats and patterns run the same lines again: report each once. */
    for (size_t i = 0; i < p->error_count; i++)
        if (p->errors[i].line == e.line && p->errors[i].col == e.col &&
            strcmp(p->errors[i].msg, e.msg) == 0)
            return;
    if (p->error_count >= MAX_ERRORS) {
        p->errors_dropped++;
        return;
    }
    e.seq = (int)p->error_count;
    p->errors = grow(p->errors, p->error_count, &p->error_cap, sizeof *p->errors);
    p->errors[p->error_count++] = e;
}

static int error_cmp(const void *a, const void *b)
{
    const score_error_t *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : (x->seq > y->seq);
}

/* ---- reading and tokenizing --------------------------------------------- */

static int read_file(parser_t *p)
{
    FILE *f = fopen(p->path, "rb");
    if (!f) return -1;
    size_t cap = 0, len = 0;
    char *buf = NULL;
    for (;;) {
        buf = grow(buf, len + 4096, &cap, 1);
        size_t n = fread(buf + len, 1, cap - len - 1, f);
        len += n;
        if (n == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    buf[len] = '\0';
    p->text = buf;
    p->text_len = len;
    return 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* '#' starts a comment only at the start of a token, so C#4 stays a note;
 * '|' is always a token of its own. */
static void tokenize(parser_t *p)
{
    int n = 1;
    for (size_t i = 0; i < p->text_len; i++) n += p->text[i] == '\n';
    p->lines = calloc((size_t)n, sizeof *p->lines);
    p->arena = malloc(2 * p->text_len + 2);
    if (!p->lines || !p->arena) {
        fputs("synth: out of memory\n", stderr);
        exit(1);
    }
    p->line_count = n;
    const char *s = p->text;
    const char *end = p->text + p->text_len;
    for (int li = 0; li < n; li++) {
        const char *eol = memchr(s, '\n', (size_t)(end - s));
        if (!eol) eol = end;
        size_t len = (size_t)(eol - s), i = 0, cap = 0;
        score_line_t *L = &p->lines[li];
        while (i < len) {
            if (is_space(s[i])) {
                i++;
                continue;
            }
            if (s[i] == '#') break;
            size_t start = i;
            if (s[i] == '|')
                i++;
            else
                while (i < len && !is_space(s[i]) && s[i] != '|') i++;
            L->toks = grow(L->toks, (size_t)L->count, &cap, sizeof *L->toks);
            char *t = p->arena + p->arena_used;
            memcpy(t, s + start, i - start);
            t[i - start] = '\0';
            p->arena_used += i - start + 1;
            L->toks[L->count].s = t;
            L->toks[L->count].col = (int)start + 1;
            L->count++;
        }
        s = eol < end ? eol + 1 : end;
    }
}

/* ---- numbers and settings ------------------------------------------------ */

typedef enum unit { U_NONE, U_MS, U_SECONDS, U_DB, U_HZ } unit_t;

static int parse_num(parser_t *p, int li, const score_tok_t *t, unit_t unit, double lo, double hi,
                     double *out)
{
    char *end;
    double v = strtod(t->s, &end);
    if (end == t->s) {
        perr(p, li, t->col, "expected a number, got '%s'", t->s);
        return 0;
    }
    if (*end) {
        if (unit == U_MS && eq_nocase(end, "ms"))
            ;
        else if (unit == U_MS && eq_nocase(end, "s"))
            v *= 1000.0;
        else if (unit == U_SECONDS && eq_nocase(end, "s"))
            ;
        else if (unit == U_SECONDS && eq_nocase(end, "ms"))
            v /= 1000.0;
        else if (unit == U_DB && eq_nocase(end, "db"))
            ;
        else if (unit == U_HZ && eq_nocase(end, "hz"))
            ;
        else if (unit == U_HZ && eq_nocase(end, "khz"))
            v *= 1000.0;
        else {
            perr(p, li, t->col, "unexpected '%s' after the number in '%s'", end, t->s);
            return 0;
        }
    }
    if (!isfinite(v) || v < lo || v > hi) {
        perr(p, li, t->col, "%s is out of range (%g to %g)", t->s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

static int parse_int(parser_t *p, int li, const score_tok_t *t, double lo, double hi, int *out)
{
    double v;
    if (!parse_num(p, li, t, U_NONE, lo, hi, &v)) return 0;
    if (v != floor(v)) {
        perr(p, li, t->col, "expected a whole number, got '%s'", t->s);
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* A length in sixteenths: "4", "1.5", "4/3" (a triplet eighth). */
static int parse_len(parser_t *p, int li, int col, const char *s, int64_t *ticks)
{
    char *end;
    double num = strtod(s, &end), den = 1.0;
    if (end == s) goto bad;
    if (*end == '/') {
        const char *d = end + 1;
        den = strtod(d, &end);
        if (end == d) goto bad;
    }
    if (*end || !isfinite(num) || !isfinite(den) || !(num > 0) || !(den > 0)) goto bad;
    double t = num / den * SYNTH_TICKS_PER_STEP;
    if (t > (double)MAX_BARS * BAR_TICKS) goto bad;
    double r = floor(t + 0.5);
    if (r < 1 || fabs(t - r) > 1e-6) {
        perr(p, li, col, "length '%s' is not a whole number of twelfths of a sixteenth", s);
        return 0;
    }
    *ticks = (int64_t)r;
    return 1;
bad:
    perr(p, li, col, "bad length '%s' (sixteenths, e.g. 4, 1.5 or 4/3)", s);
    return 0;
}

typedef enum field_kind { FK_FLOAT, FK_DOUBLE, FK_INT, FK_ENUM } field_kind_t;

typedef struct field {
    const char *key;
    field_kind_t kind;
    unit_t unit;
    double lo, hi;
    void *dest;
    const char *const *names; /* FK_ENUM */
} field_t;

static void parse_field_value(parser_t *p, int li, const field_t *fd, const score_tok_t *v)
{
    if (fd->kind == FK_ENUM) {
        int idx = find_name(fd->names, v->s);
        if (idx < 0) {
            char list[200];
            join_names(list, sizeof list, fd->names);
            perr(p, li, v->col, "unknown %s '%s' (known: %s)", fd->key, v->s, list);
            return;
        }
        *(int *)fd->dest = idx;
        return;
    }
    double d;
    if (!parse_num(p, li, v, fd->unit, fd->lo, fd->hi, &d)) return;
    if (fd->kind == FK_FLOAT)
        *(float *)fd->dest = (float)d;
    else if (fd->kind == FK_DOUBLE)
        *(double *)fd->dest = d;
    else if (d != floor(d))
        perr(p, li, v->col, "%s must be a whole number", fd->key);
    else
        *(int *)fd->dest = (int)d;
}

/* "key value key value ..." from token `first` on. */
static void parse_fields(parser_t *p, int li, int first, const field_t *f, int nf)
{
    const score_line_t *L = &p->lines[li];
    for (int i = first; i < L->count; i += 2) {
        const score_tok_t *k = &L->toks[i];
        const field_t *fd = NULL;
        for (int j = 0; j < nf; j++)
            if (strcmp(f[j].key, k->s) == 0) fd = &f[j];
        if (!fd) {
            char list[200];
            size_t used = 0;
            list[0] = '\0';
            for (int j = 0; j < nf && used < sizeof list; j++) {
                int n = snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "", f[j].key);
                if (n < 0) break;
                used += (size_t)n;
            }
            perr(p, li, k->col, "unknown setting '%s' for '%s' (known: %s)", k->s, L->toks[0].s,
                 list);
            continue;
        }
        if (i + 1 >= L->count) {
            perr(p, li, k->col, "'%s' needs a value", k->s);
            break;
        }
        parse_field_value(p, li, fd, &L->toks[i + 1]);
    }
}

static int expect_args(parser_t *p, int li, int n)
{
    const score_line_t *L = &p->lines[li];
    if (L->count - 1 == n) return 1;
    if (L->count - 1 > n)
        perr(p, li, L->toks[n + 1].col, "unexpected '%s': '%s' takes %d value%s", L->toks[n + 1].s,
             L->toks[0].s, n, n == 1 ? "" : "s");
    else
        perr(p, li, L->toks[0].col, "'%s' takes %d value%s", L->toks[0].s, n, n == 1 ? "" : "s");
    return 0;
}

static int check_name(parser_t *p, int li, const score_tok_t *t)
{
    if (strlen(t->s) >= SYNTH_NAME_CAP) {
        perr(p, li, t->col, "name '%s' is longer than %d characters", t->s, SYNTH_NAME_CAP - 1);
        return 0;
    }
    return 1;
}

static int is_block_keyword(const char *s)
{
    return strcmp(s, "instrument") == 0 || strcmp(s, "track") == 0 || strcmp(s, "pattern") == 0;
}

/* ---- top-level settings ------------------------------------------------- */

static void parse_setting(parser_t *p, int li)
{
    const score_line_t *L = &p->lines[li];
    const char *kw = L->toks[0].s;
    synth_score_t *sc = p->score;
    double v;
    int i;
    /* a bad value is reported where it is; it still counts as given */
    if (strcmp(kw, "tempo") == 0) {
        p->have_tempo = 1;
        if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_NONE, 20, 400, &v))
            sc->tempo_milli = (int64_t)floor(v * 1000.0 + 0.5);
    } else if (strcmp(kw, "bars") == 0) {
        p->have_bars = 1;
        if (expect_args(p, li, 1) && parse_int(p, li, &L->toks[1], 1, MAX_BARS, &i)) sc->bars = i;
    } else if (strcmp(kw, "length") == 0) {
        p->have_length = 1;
        if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_SECONDS, 0.01, 60, &v))
            sc->length_frames = (int64_t)floor(v * SYNTH_RATE + 0.5);
    } else if (strcmp(kw, "loop") == 0) {
        if (expect_args(p, li, 0)) sc->loop = 1;
    } else if (strcmp(kw, "seed") == 0) {
        if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_NONE, 0, 4294967295.0, &v)) {
            if (v != floor(v))
                perr(p, li, L->toks[1].col, "expected a whole number, got '%s'", L->toks[1].s);
            else
                sc->seed = (uint32_t)v;
        }
    } else if (strcmp(kw, "quality") == 0) {
        if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_NONE, -0.1, 1, &v))
            sc->quality = (float)v;
    } else if (strcmp(kw, "format") == 0) {
        static const char *const formats[] = {"default", "wav", "ogg", NULL};
        const field_t f = {"format", FK_ENUM, U_NONE, 0, 0, &sc->format, formats};
        if (expect_args(p, li, 1)) parse_field_value(p, li, &f, &L->toks[1]);
    } else if (strcmp(kw, "master") == 0) {
        const field_t f[] = {{"gain", FK_FLOAT, U_DB, -48, 24, &sc->master_gain_db, NULL}};
        parse_fields(p, li, 1, f, 1);
    } else if (strcmp(kw, "delay") == 0) {
        synth_delay_t *d = &sc->delay;
        const field_t f[] = {
            {"time", FK_FLOAT, U_NONE, 0.25, 64, &d->time, NULL},
            {"feedback", FK_FLOAT, U_NONE, 0, 0.95, &d->feedback, NULL},
            {"tone", FK_FLOAT, U_HZ, 200, 20000, &d->tone_hz, NULL},
            {"pingpong", FK_FLOAT, U_NONE, 0, 1, &d->pingpong, NULL},
            {"level", FK_FLOAT, U_NONE, 0, 4, &d->level, NULL},
            {"reverb", FK_FLOAT, U_NONE, 0, 2, &d->to_reverb, NULL},
        };
        parse_fields(p, li, 1, f, (int)(sizeof f / sizeof f[0]));
    } else if (strcmp(kw, "reverb") == 0) {
        synth_reverb_t *r = &sc->reverb;
        const field_t f[] = {
            {"size", FK_FLOAT, U_NONE, 0, 1, &r->size, NULL},
            {"damp", FK_FLOAT, U_NONE, 0, 1, &r->damp, NULL},
            {"width", FK_FLOAT, U_NONE, 0, 1, &r->width, NULL},
            {"predelay", FK_FLOAT, U_MS, 0, 250, &r->predelay_ms, NULL},
            {"level", FK_FLOAT, U_NONE, 0, 4, &r->level, NULL},
        };
        parse_fields(p, li, 1, f, (int)(sizeof f / sizeof f[0]));
    } else {
        perr(p, li, L->toks[0].col,
             "unknown statement '%s' (expected tempo, bars, length, loop, seed, quality, format, "
             "master, delay, reverb, instrument, pattern or track)",
             kw);
    }
}

/* ---- instruments -------------------------------------------------------- */

static const char *const osc_names[] = {"saw", "pulse", "triangle", "sine", "noise", NULL};
static const char *const filter_names[] = {"off", "lowpass", "bandpass", "highpass", NULL};
static const char *const lfo_target_names[] = {"cutoff", "pitch", "pwm", "amp", "pan", NULL};
static const char *const lfo_shape_names[] = {"sine", "triangle", "square", "saw", "ramp", NULL};
static const double lfo_depth_limit[] = {8, 2400, 0.45, 1, 2};

static void default_adsr(synth_adsr_t *e, float a, float d, float s, float r)
{
    e->attack_ms = a;
    e->decay_ms = d;
    e->sustain = s;
    e->release_ms = r;
}

static void adsr_fields(field_t *f, synth_adsr_t *e)
{
    const field_t t[4] = {
        {"attack", FK_FLOAT, U_MS, 0, 20000, &e->attack_ms, NULL},
        {"decay", FK_FLOAT, U_MS, 0, 20000, &e->decay_ms, NULL},
        {"sustain", FK_FLOAT, U_NONE, 0, 1, &e->sustain, NULL},
        {"release", FK_FLOAT, U_MS, 0, 20000, &e->release_ms, NULL},
    };
    memcpy(f, t, sizeof t);
}

static void parse_osc(parser_t *p, int li, synth_instrument_t *in)
{
    const score_line_t *L = &p->lines[li];
    if (in->osc_count >= SYNTH_MAX_OSC) {
        perr(p, li, L->toks[0].col, "an instrument has at most %d oscillators", SYNTH_MAX_OSC);
        return;
    }
    synth_osc_t o = {SYNTH_OSC_SAW, 0.5f, 1, 0, 0.5f, 0, 1, 1};
    if (L->count < 2) {
        perr(p, li, L->toks[0].col, "'osc' needs a waveform (saw, pulse, triangle, sine, noise)");
        return;
    }
    const field_t type = {"waveform", FK_ENUM, U_NONE, 0, 0, &o.type, osc_names};
    parse_field_value(p, li, &type, &L->toks[1]);
    const field_t f[] = {
        {"width", FK_FLOAT, U_NONE, 0.05, 0.95, &o.width, NULL},
        {"unison", FK_INT, U_NONE, 1, SYNTH_MAX_UNISON, &o.unison, NULL},
        {"detune", FK_FLOAT, U_NONE, 0, 200, &o.detune_cents, NULL},
        {"spread", FK_FLOAT, U_NONE, 0, 1, &o.spread, NULL},
        {"tune", FK_FLOAT, U_NONE, -48, 48, &o.tune, NULL},
        {"ratio", FK_FLOAT, U_NONE, 0.01, 32, &o.ratio, NULL},
        {"level", FK_FLOAT, U_NONE, 0, 4, &o.level, NULL},
    };
    parse_fields(p, li, 2, f, (int)(sizeof f / sizeof f[0]));
    in->osc[in->osc_count++] = o;
}

static void parse_lfo(parser_t *p, int li, synth_instrument_t *in)
{
    const score_line_t *L = &p->lines[li];
    if (in->lfo_count >= SYNTH_MAX_LFO) {
        perr(p, li, L->toks[0].col, "an instrument has at most %d LFOs", SYNTH_MAX_LFO);
        return;
    }
    synth_lfo_t l = {SYNTH_LFO_CUTOFF, SYNTH_SHAPE_SINE, 1.0, 0, 0, 0, 0};
    if (L->count < 2) {
        perr(p, li, L->toks[0].col, "'lfo' needs a target (cutoff, pitch, pwm, amp, pan)");
        return;
    }
    const field_t target = {"target", FK_ENUM, U_NONE, 0, 0, &l.target, lfo_target_names};
    parse_field_value(p, li, &target, &L->toks[1]);
    const field_t f[] = {
        {"shape", FK_ENUM, U_NONE, 0, 0, &l.shape, lfo_shape_names},
        {"rate", FK_DOUBLE, U_HZ, 0.001, 100, &l.rate_hz, NULL},
        {"period", FK_DOUBLE, U_NONE, 1.0 / 64, MAX_BARS, &l.period_bars, NULL},
        {"depth", FK_FLOAT, U_NONE, -2400, 2400, &l.depth, NULL},
        {"phase", FK_FLOAT, U_NONE, 0, 1, &l.phase, NULL},
        {"delay", FK_FLOAT, U_MS, 0, 20000, &l.delay_ms, NULL},
    };
    parse_fields(p, li, 2, f, (int)(sizeof f / sizeof f[0]));
    double lim = lfo_depth_limit[l.target];
    if (fabs(l.depth) > lim) {
        int col = L->toks[0].col;
        for (int i = 2; i < L->count; i++)
            if (strcmp(L->toks[i].s, "depth") == 0 && i + 1 < L->count) col = L->toks[i + 1].col;
        perr(p, li, col, "depth for '%s' must be within -%g to %g", lfo_target_names[l.target], lim,
             lim);
        return;
    }
    in->lfo[in->lfo_count++] = l;
}

static int find_instrument(const synth_score_t *sc, const char *name)
{
    for (int i = 0; i < sc->instrument_count; i++)
        if (strcmp(sc->instruments[i].name, name) == 0) return i;
    return -1;
}

/* Returns the line index to continue after. */
static int parse_instrument(parser_t *p, int header)
{
    const score_line_t *H = &p->lines[header];
    synth_instrument_t in;
    memset(&in, 0, sizeof in);
    default_adsr(&in.amp, 5, 100, 1, 50);
    default_adsr(&in.fenv, 1, 200, 0, 100);
    in.cutoff = 2000;
    in.resonance = 0.2f;
    int ok = expect_args(p, header, 1) && check_name(p, header, &H->toks[1]);
    if (ok) {
        snprintf(in.name, sizeof in.name, "%s", H->toks[1].s);
        if (find_instrument(p->score, in.name) >= 0) {
            perr(p, header, H->toks[1].col, "instrument '%s' is defined twice", in.name);
            ok = 0;
        }
    }
    int li = header + 1;
    for (; li < p->line_count; li++) {
        const score_line_t *L = &p->lines[li];
        if (!L->count) continue;
        const char *kw = L->toks[0].s;
        field_t f[8];
        if (strcmp(kw, "end") == 0) {
            expect_args(p, li, 0);
            break;
        }
        if (is_block_keyword(kw)) {
            perr(p, header, H->toks[0].col, "'instrument' has no 'end'");
            li--;
            break;
        }
        if (strcmp(kw, "osc") == 0) {
            parse_osc(p, li, &in);
        } else if (strcmp(kw, "amp") == 0) {
            adsr_fields(f, &in.amp);
            parse_fields(p, li, 1, f, 4);
        } else if (strcmp(kw, "fenv") == 0) {
            adsr_fields(f, &in.fenv);
            f[4] = (field_t){"amount", FK_FLOAT, U_NONE, -10, 10, &in.fenv_amount, NULL};
            parse_fields(p, li, 1, f, 5);
        } else if (strcmp(kw, "filter") == 0) {
            int first = 1;
            in.filter = SYNTH_FILTER_LOWPASS;
            if (L->count > 1 && find_name(filter_names, L->toks[1].s) >= 0) {
                in.filter = find_name(filter_names, L->toks[1].s);
                first = 2;
            }
            const field_t ff[] = {
                {"cutoff", FK_FLOAT, U_HZ, 20, 20000, &in.cutoff, NULL},
                {"resonance", FK_FLOAT, U_NONE, 0, 1, &in.resonance, NULL},
                {"keytrack", FK_FLOAT, U_NONE, -1, 2, &in.keytrack, NULL},
                {"drive", FK_FLOAT, U_NONE, 0, 4, &in.drive, NULL},
            };
            parse_fields(p, li, first, ff, 4);
        } else if (strcmp(kw, "lfo") == 0) {
            parse_lfo(p, li, &in);
        } else if (strcmp(kw, "bend") == 0) {
            const field_t ff[] = {
                {"from", FK_FLOAT, U_NONE, -48, 48, &in.bend_from, NULL},
                {"to", FK_FLOAT, U_NONE, -48, 48, &in.bend_to, NULL},
                {"time", FK_FLOAT, U_MS, 0, 20000, &in.bend_ms, NULL},
            };
            parse_fields(p, li, 1, ff, 3);
        } else if (strcmp(kw, "send") == 0) {
            const field_t ff[] = {
                {"delay", FK_FLOAT, U_NONE, 0, 2, &in.send_delay, NULL},
                {"reverb", FK_FLOAT, U_NONE, 0, 2, &in.send_reverb, NULL},
            };
            parse_fields(p, li, 1, ff, 2);
        } else if (strcmp(kw, "pan") == 0) {
            double v;
            if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_NONE, -1, 1, &v))
                in.pan = (float)v;
        } else if (strcmp(kw, "gain") == 0) {
            double v;
            if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_DB, -60, 24, &v))
                in.gain_db = (float)v;
        } else {
            perr(p, li, L->toks[0].col,
                 "unknown instrument setting '%s' (expected osc, amp, filter, fenv, lfo, bend, "
                 "pan, send, gain or end)",
                 kw);
        }
    }
    if (li >= p->line_count) perr(p, header, H->toks[0].col, "'instrument' has no 'end'");
    if (ok) {
        if (in.osc_count == 0)
            in.osc[in.osc_count++] = (synth_osc_t){SYNTH_OSC_SAW, 0.5f, 1, 0, 0.5f, 0, 1, 1};
        size_t count = (size_t)p->score->instrument_count;
        p->score->instruments = grow(p->score->instruments, count, &p->instrument_cap, sizeof in);
        p->score->instruments[p->score->instrument_count++] = in;
    }
    return li;
}

/* ---- tracks and patterns: structure ------------------------------------- */

static const char *first_word(const parser_t *p, int li)
{
    return p->lines[li].count ? p->lines[li].toks[0].s : "";
}

/* The "end" closing the block opened at `header`, skipping nested repeats.
 * Stops early at the next block keyword (a forgotten "end"). */
static int find_block_end(const parser_t *p, int header, int limit, int *found, int *open_repeats)
{
    int depth = 0;
    for (int li = header + 1; li < limit; li++) {
        const char *kw = first_word(p, li);
        if (strcmp(kw, "repeat") == 0)
            depth++;
        else if (strcmp(kw, "end") == 0) {
            if (depth == 0) {
                *found = 1;
                return li;
            }
            depth--;
        } else if (is_block_keyword(kw)) {
            limit = li;
            break;
        }
    }
    *found = 0;
    *open_repeats = depth;
    return limit;
}

static int find_block(const parser_t *p, int is_track, const char *name)
{
    for (size_t i = 0; i < p->block_count; i++)
        if (p->blocks[i].is_track == is_track && strcmp(p->blocks[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int parse_block(parser_t *p, int header, int is_track)
{
    const score_line_t *H = &p->lines[header];
    score_block_t b;
    memset(&b, 0, sizeof b);
    b.is_track = is_track;
    b.header = header;
    b.instrument = -1;
    int found, open_repeats = 0;
    b.end = find_block_end(p, header, p->line_count, &found, &open_repeats);
    if (!found)
        perr(p, header, H->toks[0].col, "'%s' has no 'end'%s", H->toks[0].s,
             open_repeats ? " (or a 'repeat' in it has none)" : "");
    int ok = is_track ? expect_args(p, header, 2) : expect_args(p, header, 1);
    if (ok) ok = check_name(p, header, &H->toks[1]);
    if (ok) {
        snprintf(b.name, sizeof b.name, "%s", H->toks[1].s);
        if (!is_track && find_block(p, 0, b.name) >= 0) {
            perr(p, header, H->toks[1].col, "pattern '%s' is defined twice", b.name);
            ok = 0;
        }
    }
    if (ok) {
        p->blocks = grow(p->blocks, p->block_count, &p->block_cap, sizeof b);
        p->blocks[p->block_count++] = b;
    }
    return found ? b.end : b.end - 1;
}

/* ---- tracks and patterns: notes ----------------------------------------- */

typedef struct chord_type {
    const char *name;
    int count;
    int iv[6];
} chord_type_t;

static const chord_type_t chord_types[] = {
    {"", 1, {0}},
    {"maj", 3, {0, 4, 7}},
    {"m", 3, {0, 3, 7}},
    {"min", 3, {0, 3, 7}},
    {"5", 2, {0, 7}},
    {"6", 4, {0, 4, 7, 9}},
    {"m6", 4, {0, 3, 7, 9}},
    {"7", 4, {0, 4, 7, 10}},
    {"maj7", 4, {0, 4, 7, 11}},
    {"m7", 4, {0, 3, 7, 10}},
    {"m7b5", 4, {0, 3, 6, 10}},
    {"9", 5, {0, 4, 7, 10, 14}},
    {"maj9", 5, {0, 4, 7, 11, 14}},
    {"m9", 5, {0, 3, 7, 10, 14}},
    {"add9", 4, {0, 4, 7, 14}},
    {"madd9", 4, {0, 3, 7, 14}},
    {"sus2", 3, {0, 2, 7}},
    {"sus4", 3, {0, 5, 7}},
    {"7sus4", 4, {0, 5, 7, 10}},
    {"dim", 3, {0, 3, 6}},
    {"aug", 3, {0, 4, 8}},
};

/* One pitch item: a note (A4, C#3, Bb2, C-1) optionally followed by a chord
 * quality (A3m, F3maj7). Appends to notes[]; returns 0 on error. */
static int parse_pitch(parser_t *p, int li, int col, const char *s, int *notes, int *count)
{
    static const int letter_semis[7] = {9, 11, 0, 2, 4, 5, 7}; /* a..g */
    int c = lower((unsigned char)s[0]);
    if (c < 'a' || c > 'g') {
        perr(p, li, col, "expected a note like A4, C#3 or Bb2, got '%s'", s);
        return 0;
    }
    int semi = letter_semis[c - 'a'], i = 1, sign = 1;
    if (s[i] == '#')
        semi++, i++;
    else if (s[i] == 'b')
        semi--, i++;
    if (s[i] == '-') sign = -1, i++;
    if (s[i] < '0' || s[i] > '9') {
        perr(p, li, col, "expected an octave digit in '%s' (C4 is middle C)", s);
        return 0;
    }
    int octave = sign * (s[i] - '0');
    i++;
    const chord_type_t *ct = NULL;
    for (size_t k = 0; k < sizeof chord_types / sizeof chord_types[0]; k++)
        if (strcmp(chord_types[k].name, s + i) == 0) ct = &chord_types[k];
    if (!ct) {
        perr(p, li, col,
             "unknown chord '%s' in '%s' (known: m, maj, 5, 6, m6, 7, maj7, m7, m7b5, 9, maj9, m9, "
             "add9, madd9, sus2, sus4, 7sus4, dim, aug)",
             s + i, s);
        return 0;
    }
    int root = (octave + 1) * 12 + semi;
    for (int k = 0; k < ct->count; k++) {
        int n = root + ct->iv[k];
        if (n < 0 || n > 127) {
            perr(p, li, col, "'%s' is outside the MIDI note range", s);
            return 0;
        }
        if (*count >= MAX_CHORD) {
            perr(p, li, col, "too many notes in one chord (at most %d)", MAX_CHORD);
            return 0;
        }
        notes[(*count)++] = n;
    }
    return 1;
}

typedef struct note_tok {
    int notes[MAX_CHORD];
    int count; /* 0 = rest */
    int64_t len;
    int has_len;
    float velocity;
    int has_velocity;
} note_tok_t;

/* NOTE[+NOTE...][:LEN][@VEL], or r / . for a rest. */
static int parse_note_tok(parser_t *p, int li, const score_tok_t *t, int allow_len, note_tok_t *nt)
{
    char buf[128];
    memset(nt, 0, sizeof *nt);
    if (strlen(t->s) >= sizeof buf) {
        perr(p, li, t->col, "token too long");
        return 0;
    }
    snprintf(buf, sizeof buf, "%s", t->s);
    char *at = strchr(buf, '@');
    if (at) {
        *at = '\0';
        char *end;
        double v = strtod(at + 1, &end);
        if (end == at + 1 || *end || !isfinite(v) || v < 0 || v > 1) {
            perr(p, li, t->col, "velocity after '@' must be a number from 0 to 1 in '%s'", t->s);
            return 0;
        }
        nt->velocity = (float)v;
        nt->has_velocity = 1;
    }
    char *colon = strchr(buf, ':');
    if (colon) {
        *colon = '\0';
        if (!allow_len) {
            perr(p, li, t->col, "no ':length' in a steps line (every step is 'step' long)");
            return 0;
        }
        if (!parse_len(p, li, t->col, colon + 1, &nt->len)) return 0;
        nt->has_len = 1;
    }
    if (strcmp(buf, "r") == 0 || strcmp(buf, ".") == 0) return 1;
    if (buf[0] == '\0') {
        perr(p, li, t->col, "missing note in '%s'", t->s);
        return 0;
    }
    char *item = buf;
    for (;;) {
        char *plus = strchr(item, '+');
        if (plus) *plus = '\0';
        if (!parse_pitch(p, li, t->col, item, nt->notes, &nt->count)) return 0;
        if (!plus) break;
        item = plus + 1;
    }
    return 1;
}

static void add_event(parser_t *p, track_state_t *ts, int64_t start, int64_t len, float gate,
                      int note, float velocity)
{
    p->events = grow(p->events, p->event_count, &p->event_cap, sizeof *p->events);
    p->events[p->event_count++] =
        (tick_event_t){start, len, gate, note, velocity, ts->instrument, ts->track};
}

static void sort_unique(int *n, int *count)
{
    for (int i = 1; i < *count; i++)
        for (int j = i; j > 0 && n[j - 1] > n[j]; j--) {
            int t = n[j];
            n[j] = n[j - 1];
            n[j - 1] = t;
        }
    int out = 0;
    for (int i = 0; i < *count; i++)
        if (out == 0 || n[out - 1] != n[i]) n[out++] = n[i];
    *count = out;
}

/* Plays a chord (or single note) at start for len ticks: as is, or through
 * the arpeggiator when the track has one on. */
static void emit(parser_t *p, track_state_t *ts, int li, int col, const note_tok_t *nt,
                 int64_t start, int64_t len)
{
    if (ts->dry || nt->count == 0) return;
    if (ts->end_ticks && start + len > ts->end_ticks) {
        perr(p, li, col, "this runs past the end of the score (bar %d)", p->score->bars);
        return;
    }
    float vel = nt->has_velocity ? nt->velocity : ts->velocity;
    int notes[MAX_CHORD], count = nt->count;
    for (int i = 0; i < count; i++) {
        notes[i] = nt->notes[i] + ts->transpose;
        if (notes[i] < 0 || notes[i] > 127) {
            perr(p, li, col, "transposed note is outside the MIDI note range");
            return;
        }
    }
    if (ts->arp_mode == ARP_OFF) {
        for (int i = 0; i < count; i++) add_event(p, ts, start, len, ts->gate, notes[i], vel);
        return;
    }
    if (ts->arp_mode != ARP_ORDER) sort_unique(notes, &count);
    int pool[MAX_ARP_STEPS], m = 0;
    for (int o = 0; o < ts->arp_octaves; o++)
        for (int i = 0; i < count && m < MAX_ARP_STEPS; i++) pool[m++] = notes[i] + 12 * o;
    int64_t s = 0;
    for (int64_t t = start; t < start + len; t += ts->arp_rate, s++) {
        int64_t d = start + len - t < ts->arp_rate ? start + len - t : ts->arp_rate;
        int idx = (int)(s % m), note;
        switch (ts->arp_mode) {
        case ARP_DOWN:
            idx = m - 1 - idx;
            break;
        case ARP_UPDOWN:
        case ARP_DOWNUP:
            if (m > 1) {
                int period = 2 * m - 2, j = (int)(s % period);
                idx = j < m ? j : period - j;
            } else
                idx = 0;
            if (ts->arp_mode == ARP_DOWNUP) idx = m - 1 - idx;
            break;
        case ARP_RANDOM:
            idx = (int)(xorshift32(&ts->rng) % (uint32_t)m);
            break;
        default:
            break;
        }
        note = pool[idx];
        if (ts->arp_mode == ARP_PATTERN) {
            int k = ts->pattern[s % ts->pattern_len];
            if (k == 0) continue; /* a rest step */
            note = pool[(k - 1) % m] + 12 * ((k - 1) / m);
        }
        if (note > 127) {
            perr(p, li, col, "arpeggio goes above the MIDI note range");
            return;
        }
        float v = vel * (ts->accent_len ? ts->accent[s % ts->accent_len] : 1.0f);
        add_event(p, ts, t, d, ts->arp_gate, note, v);
    }
}

static void bar_check(parser_t *p, track_state_t *ts, int li, int col)
{
    if (ts->dry || ts->pos % BAR_TICKS == 0) return;
    int64_t into = ts->pos % BAR_TICKS;
    perr(p, li, col, "bar check: this is %g sixteenths into bar %d, not at a bar line",
         (double)into / SYNTH_TICKS_PER_STEP, (int)(ts->pos / BAR_TICKS) + 1);
}

static void exec_notes(parser_t *p, track_state_t *ts, int li)
{
    const score_line_t *L = &p->lines[li];
    for (int i = 1; i < L->count; i++) {
        const score_tok_t *t = &L->toks[i];
        note_tok_t nt;
        if (strcmp(t->s, "|") == 0) {
            bar_check(p, ts, li, t->col);
            continue;
        }
        if (!parse_note_tok(p, li, t, 1, &nt)) continue;
        if (nt.has_len) ts->last_len = nt.len;
        int64_t len = ts->last_len;
        emit(p, ts, li, t->col, &nt, ts->pos, len);
        ts->pos += len;
    }
}

/* One token per step: a note or chord, '.' or 'r' for a rest, '-' to hold
 * the previous step longer. */
static void exec_steps(parser_t *p, track_state_t *ts, int li)
{
    const score_line_t *L = &p->lines[li];
    note_tok_t held;
    int64_t held_start = 0, held_len = 0;
    int held_col = 0;
    held.count = 0;
    for (int i = 1; i < L->count; i++) {
        const score_tok_t *t = &L->toks[i];
        if (strcmp(t->s, "|") == 0) {
            bar_check(p, ts, li, t->col);
            continue;
        }
        if (strcmp(t->s, "-") == 0) {
            held_len += ts->step;
            ts->pos += ts->step;
            continue;
        }
        note_tok_t nt;
        if (held.count) emit(p, ts, li, held_col, &held, held_start, held_len);
        held.count = 0;
        if (parse_note_tok(p, li, t, 0, &nt)) held = nt;
        held_start = ts->pos;
        held_len = ts->step;
        held_col = t->col;
        ts->pos += ts->step;
    }
    if (held.count) emit(p, ts, li, held_col, &held, held_start, held_len);
}

static int is_number_tok(const char *s)
{
    char *end;
    double v = strtod(s, &end);
    (void)v;
    return end != s && *end == '\0';
}

static void exec_arp(parser_t *p, track_state_t *ts, int li)
{
    const score_line_t *L = &p->lines[li];
    if (L->count < 2) {
        char list[200];
        join_names(list, sizeof list, arp_mode_names);
        perr(p, li, L->toks[0].col, "'arp' needs a mode (%s)", list);
        return;
    }
    int mode = find_name(arp_mode_names, L->toks[1].s);
    if (mode < 0) {
        char list[200];
        join_names(list, sizeof list, arp_mode_names);
        perr(p, li, L->toks[1].col, "unknown arp mode '%s' (known: %s)", L->toks[1].s, list);
        return;
    }
    ts->arp_mode = mode;
    ts->arp_octaves = 1;
    ts->arp_rate = SYNTH_TICKS_PER_STEP;
    ts->arp_gate = 0.5f;
    ts->accent_len = 0;
    ts->pattern_len = 0;
    static const char *const keys[] = {"octaves", "rate", "gate", "accent", NULL};
    int i = 2;
    if (mode == ARP_PATTERN) {
        for (; i < L->count && find_name(keys, L->toks[i].s) < 0; i++) {
            const score_tok_t *t = &L->toks[i];
            int k = 0;
            if (strcmp(t->s, ".") != 0 && !parse_int(p, li, t, 1, MAX_ARP_STEPS, &k)) continue;
            if (ts->pattern_len >= MAX_ARP_STEPS) {
                perr(p, li, t->col, "an arp pattern has at most %d steps", MAX_ARP_STEPS);
                break;
            }
            ts->pattern[ts->pattern_len++] = k;
        }
        if (ts->pattern_len == 0) {
            perr(p, li, L->toks[1].col,
                 "'arp pattern' needs step numbers (1 = lowest note, '.' = "
                 "rest)");
            ts->arp_mode = ARP_OFF;
        }
    }
    for (; i < L->count; i++) {
        const score_tok_t *t = &L->toks[i];
        if (strcmp(t->s, "accent") == 0) {
            while (i + 1 < L->count && is_number_tok(L->toks[i + 1].s)) {
                double v;
                i++;
                if (!parse_num(p, li, &L->toks[i], U_NONE, 0, 1, &v)) continue;
                if (ts->accent_len >= MAX_ARP_STEPS) {
                    perr(p, li, L->toks[i].col, "at most %d accents", MAX_ARP_STEPS);
                    break;
                }
                ts->accent[ts->accent_len++] = (float)v;
            }
            if (ts->accent_len == 0) perr(p, li, t->col, "'accent' needs numbers from 0 to 1");
            continue;
        }
        if (find_name(keys, t->s) < 0) {
            perr(p, li, t->col, "unknown arp setting '%s' (known: octaves, rate, gate, accent)",
                 t->s);
            continue;
        }
        if (i + 1 >= L->count) {
            perr(p, li, t->col, "'%s' needs a value", t->s);
            break;
        }
        const score_tok_t *v = &L->toks[++i];
        double d;
        if (strcmp(t->s, "octaves") == 0) {
            int n;
            if (parse_int(p, li, v, 1, 4, &n)) ts->arp_octaves = n;
        } else if (strcmp(t->s, "rate") == 0) {
            int64_t r;
            if (parse_len(p, li, v->col, v->s, &r)) ts->arp_rate = r;
        } else { /* gate: above 1 the notes overlap, a strum */
            if (parse_num(p, li, v, U_NONE, 0.05, 16, &d)) ts->arp_gate = (float)d;
        }
    }
}

static int stem_name_ok(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/* "stem NAME": the track plays in its own layer (see synth_score_t). The
 * name becomes part of a file name, so it is kept to a safe alphabet. */
static void exec_stem(parser_t *p, track_state_t *ts, int li)
{
    const score_line_t *L = &p->lines[li];
    if (!expect_args(p, li, 1)) return;
    const score_tok_t *t = &L->toks[1];
    if (ts->dry || ts->depth > 0) {
        perr(p, li, L->toks[0].col, "'stem' belongs in a track, not in a pattern");
        return;
    }
    if (!check_name(p, li, t)) return;
    if (!stem_name_ok(t->s)) {
        perr(p, li, t->col, "a stem name uses only a-z, 0-9, '_' and '-', not '%s'", t->s);
        return;
    }
    synth_score_t *sc = p->score;
    int idx = synth_score_find_stem(sc, t->s);
    if (idx < 0) {
        char(*names)[SYNTH_NAME_CAP] =
            realloc(sc->stem_names, (size_t)(sc->stem_count + 1) * sizeof *names);
        if (!names) {
            fputs("synth: out of memory\n", stderr);
            exit(1);
        }
        sc->stem_names = names;
        snprintf(names[sc->stem_count], SYNTH_NAME_CAP, "%s", t->s);
        idx = sc->stem_count++;
    }
    int *cur = &sc->track_stems[ts->track];
    if (*cur != 0 && *cur != idx) {
        perr(p, li, t->col, "this track is already in stem '%s'", sc->stem_names[*cur]);
        return;
    }
    *cur = idx;
}

static void exec_lines(parser_t *p, track_state_t *ts, int a, int b);

static void exec_play(parser_t *p, track_state_t *ts, int li)
{
    const score_line_t *L = &p->lines[li];
    if (L->count < 2 || L->count > 3) {
        perr(p, li, L->toks[0].col, "'play' takes a pattern name and an optional transpose");
        return;
    }
    int bi = find_block(p, 0, L->toks[1].s);
    if (bi < 0) {
        perr(p, li, L->toks[1].col, "no pattern named '%s'", L->toks[1].s);
        return;
    }
    int shift = 0;
    if (L->count == 3 && !parse_int(p, li, &L->toks[2], -48, 48, &shift)) return;
    if (ts->depth >= MAX_PLAY_DEPTH) {
        perr(p, li, L->toks[0].col, "patterns play each other more than %d deep", MAX_PLAY_DEPTH);
        return;
    }
    score_block_t b = p->blocks[bi];
    p->blocks[bi].played = 1;
    int saved = ts->transpose;
    ts->transpose += shift;
    ts->depth++;
    exec_lines(p, ts, b.header + 1, b.end);
    ts->depth--;
    ts->transpose = saved;
}

static void exec_statement(parser_t *p, track_state_t *ts, int li)
{
    const score_line_t *L = &p->lines[li];
    const char *kw = L->toks[0].s;
    double v;
    int n;
    if (strcmp(kw, "notes") == 0)
        exec_notes(p, ts, li);
    else if (strcmp(kw, "steps") == 0)
        exec_steps(p, ts, li);
    else if (strcmp(kw, "arp") == 0)
        exec_arp(p, ts, li);
    else if (strcmp(kw, "play") == 0)
        exec_play(p, ts, li);
    else if (strcmp(kw, "stem") == 0)
        exec_stem(p, ts, li);
    else if (strcmp(kw, "step") == 0) {
        int64_t t;
        if (expect_args(p, li, 1) && parse_len(p, li, L->toks[1].col, L->toks[1].s, &t))
            ts->step = t;
    } else if (strcmp(kw, "gate") == 0) {
        if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_NONE, 0.05, 16, &v))
            ts->gate = (float)v;
    } else if (strcmp(kw, "velocity") == 0) {
        if (expect_args(p, li, 1) && parse_num(p, li, &L->toks[1], U_NONE, 0, 1, &v))
            ts->velocity = (float)v;
    } else if (strcmp(kw, "transpose") == 0) {
        if (expect_args(p, li, 1) && parse_int(p, li, &L->toks[1], -48, 48, &n)) ts->transpose = n;
    } else if (strcmp(kw, "at") == 0) {
        if (expect_args(p, li, 1) && parse_int(p, li, &L->toks[1], 1, MAX_BARS, &n))
            ts->pos = (int64_t)(n - 1) * BAR_TICKS;
    } else if (strcmp(kw, "end") == 0) {
        perr(p, li, L->toks[0].col, "'end' without a matching 'repeat'");
    } else {
        perr(p, li, L->toks[0].col,
             "unknown track statement '%s' (expected notes, steps, arp, step, gate, velocity, "
             "transpose, at, repeat, play, stem or end)",
             kw);
    }
}

static void exec_lines(parser_t *p, track_state_t *ts, int a, int b)
{
    for (int li = a; li < b; li++) {
        const score_line_t *L = &p->lines[li];
        if (!L->count) continue;
        if (p->statements_run < 0) return;
        if (++p->statements_run > MAX_STATEMENTS) {
            perr(p, li, L->toks[0].col, "too many repeats: the score never ends");
            p->statements_run = -1; /* stop every enclosing repeat too */
            return;
        }
        if (strcmp(L->toks[0].s, "repeat") != 0) {
            exec_statement(p, ts, li);
            continue;
        }
        int found, open_repeats = 0, times = 1;
        if (expect_args(p, li, 1)) parse_int(p, li, &L->toks[1], 1, 256, &times);
        int end = find_block_end(p, li, b, &found, &open_repeats);
        if (!found) {
            perr(p, li, L->toks[0].col, "'repeat' has no 'end'");
            return;
        }
        for (int r = 0; r < times && p->statements_run >= 0; r++) exec_lines(p, ts, li + 1, end);
        li = end;
    }
}

static void track_state_init(parser_t *p, track_state_t *ts, int instrument, int track,
                             uint32_t salt)
{
    memset(ts, 0, sizeof *ts);
    ts->instrument = instrument;
    ts->track = track;
    ts->step = SYNTH_TICKS_PER_STEP;
    ts->last_len = DEFAULT_NOTE_TICKS;
    ts->end_ticks = (int64_t)p->score->bars * BAR_TICKS; /* 0: no bars, no limit */
    ts->gate = 1.0f;
    ts->velocity = 1.0f;
    ts->arp_mode = ARP_OFF;
    ts->rng = synth_hash32(p->score->seed ^ synth_hash32(salt)) | 1u;
}

static void run_tracks(parser_t *p)
{
    int tracks = 0;
    synth_score_t *score = p->score;
    score->stem_names = malloc(sizeof *score->stem_names);
    if (!score->stem_names) {
        fputs("synth: out of memory\n", stderr);
        exit(1);
    }
    snprintf(score->stem_names[0], SYNTH_NAME_CAP, "main");
    score->stem_count = 1;
    for (size_t i = 0; i < p->block_count; i++) {
        score_block_t *b = &p->blocks[i];
        if (!b->is_track) continue;
        tracks++;
        const score_tok_t *it = &p->lines[b->header].toks[2];
        b->instrument = find_instrument(p->score, it->s);
        if (b->instrument < 0) {
            perr(p, b->header, it->col, "no instrument named '%s'", it->s);
            continue;
        }
        synth_score_t *sc = p->score;
        char(*names)[SYNTH_NAME_CAP] =
            realloc(sc->track_names, (size_t)(sc->track_count + 1) * sizeof *names);
        if (!names) {
            fputs("synth: out of memory\n", stderr);
            exit(1);
        }
        sc->track_names = names;
        int *stems = realloc(sc->track_stems, (size_t)(sc->track_count + 1) * sizeof *stems);
        if (!stems) {
            fputs("synth: out of memory\n", stderr);
            exit(1);
        }
        sc->track_stems = stems;
        stems[sc->track_count] = 0;
        snprintf(names[sc->track_count], SYNTH_NAME_CAP, "%s", b->name);
        track_state_t ts;
        track_state_init(p, &ts, b->instrument, sc->track_count++, (uint32_t)i + 1);
        exec_lines(p, &ts, b->header + 1, b->end);
    }
    /* Patterns nobody plays are still checked for mistakes. */
    for (size_t i = 0; i < p->block_count; i++) {
        score_block_t *b = &p->blocks[i];
        if (b->is_track || b->played) continue;
        track_state_t ts;
        track_state_init(p, &ts, 0, -1, 0);
        ts.dry = 1;
        exec_lines(p, &ts, b->header + 1, b->end);
    }
    if (tracks == 0) perr(p, 0, 1, "the score has no tracks");
}

/* ---- whole file ---------------------------------------------------------- */

static void parse_top(parser_t *p)
{
    for (int li = 0; li < p->line_count; li++) {
        const score_line_t *L = &p->lines[li];
        if (!L->count) continue;
        const char *kw = L->toks[0].s;
        if (strcmp(kw, "instrument") == 0)
            li = parse_instrument(p, li);
        else if (strcmp(kw, "track") == 0)
            li = parse_block(p, li, 1);
        else if (strcmp(kw, "pattern") == 0)
            li = parse_block(p, li, 0);
        else if (strcmp(kw, "end") == 0)
            perr(p, li, L->toks[0].col, "'end' without a block");
        else
            parse_setting(p, li);
    }
    if (!p->have_tempo) perr(p, 0, 1, "the score has no 'tempo'");
    if (p->score->loop && !p->have_bars) perr(p, 0, 1, "a 'loop' score needs 'bars'");
    if (p->score->loop && p->have_length)
        perr(p, 0, 1, "a 'loop' score is exactly 'bars' long: drop 'length'");
    if (!p->have_bars && !p->have_length) perr(p, 0, 1, "the score needs 'bars' or 'length'");
    int64_t ticks = (int64_t)p->score->bars * BAR_TICKS;
    if (synth_ticks_to_frames(p->score, ticks) > (int64_t)MAX_SECONDS * SYNTH_RATE)
        perr(p, 0, 1, "the score is longer than %d seconds", MAX_SECONDS);
}

int64_t synth_ticks_to_frames(const synth_score_t *score, int64_t ticks)
{
    /* frames = ticks * 60 s / (bpm * 4 * 12) * rate, in integers */
    const int64_t num = (int64_t)SYNTH_RATE * 60 * 1000 / (4 * SYNTH_TICKS_PER_STEP);
    return (ticks * num + score->tempo_milli / 2) / score->tempo_milli;
}

static void convert_events(parser_t *p)
{
    synth_score_t *sc = p->score;
    if (!p->event_count) return;
    sc->events = calloc(p->event_count, sizeof *sc->events);
    if (!sc->events) {
        fputs("synth: out of memory\n", stderr);
        exit(1);
    }
    for (size_t i = 0; i < p->event_count; i++) {
        const tick_event_t *t = &p->events[i];
        int64_t s = synth_ticks_to_frames(sc, t->start);
        int64_t e = synth_ticks_to_frames(sc, t->start + t->length);
        int64_t len = (int64_t)floor((double)(e - s) * t->gate + 0.5);
        synth_event_t *ev = &sc->events[i];
        ev->start = s;
        ev->length = len < 1 ? 1 : len;
        ev->note = (float)t->note;
        ev->velocity = t->velocity;
        ev->instrument = t->instrument;
        ev->track = t->track;
        ev->seed = synth_hash32(sc->seed * 0x9e3779b9U + (uint32_t)i);
    }
    sc->event_count = p->event_count;
}

static void parser_free(parser_t *p)
{
    if (p->lines)
        for (int i = 0; i < p->line_count; i++) free(p->lines[i].toks);
    free(p->lines);
    free(p->arena);
    free(p->text);
    free(p->errors);
    free(p->blocks);
    free(p->events);
}

int synth_score_load(const char *path, synth_score_t *score)
{
    parser_t p;
    memset(&p, 0, sizeof p);
    memset(score, 0, sizeof *score);
    score->tempo_milli = 120000;
    score->seed = 1;
    score->quality = 0.3f;
    score->delay = (synth_delay_t){3, 0.35f, 4000, 1, 1, 0};
    score->reverb = (synth_reverb_t){0.7f, 0.4f, 1, 10, 1};
    p.path = path;
    p.score = score;
    if (read_file(&p) != 0) {
        fprintf(stderr, "%s: error: cannot read the score: %s\n", path, strerror(errno));
        return 1;
    }
    tokenize(&p);
    parse_top(&p);
    run_tracks(&p);
    int errors = (int)p.error_count + p.errors_dropped;
    if (errors == 0) convert_events(&p);
    if (p.error_count) qsort(p.errors, p.error_count, sizeof *p.errors, error_cmp);
    for (size_t i = 0; i < p.error_count; i++)
        fprintf(stderr, "%s:%d:%d: error: %s\n", path, p.errors[i].line, p.errors[i].col,
                p.errors[i].msg);
    if (p.errors_dropped)
        fprintf(stderr, "%s: error: %d more errors not shown\n", path, p.errors_dropped);
    parser_free(&p);
    if (errors) synth_score_free(score);
    return errors;
}

int synth_score_solo(synth_score_t *score, const char *track)
{
    int t = -1;
    for (int i = 0; i < score->track_count; i++)
        if (strcmp(score->track_names[i], track) == 0) t = i;
    if (t < 0) return -1;
    size_t kept = 0;
    for (size_t i = 0; i < score->event_count; i++)
        if (score->events[i].track == t) score->events[kept++] = score->events[i];
    score->event_count = kept;
    return 0;
}

int synth_score_find_stem(const synth_score_t *score, const char *name)
{
    for (int i = 0; i < score->stem_count; i++)
        if (strcmp(score->stem_names[i], name) == 0) return i;
    return -1;
}

void synth_score_keep_stem(synth_score_t *score, int stem)
{
    size_t kept = 0;
    for (size_t i = 0; i < score->event_count; i++) {
        int t = score->events[i].track;
        if (t >= 0 && t < score->track_count && score->track_stems[t] == stem)
            score->events[kept++] = score->events[i];
    }
    score->event_count = kept;
}

void synth_score_free(synth_score_t *score)
{
    free(score->instruments);
    free(score->events);
    free(score->track_names);
    free(score->track_stems);
    free(score->stem_names);
    score->track_stems = NULL;
    score->stem_names = NULL;
    score->stem_count = 0;
    score->instruments = NULL;
    score->events = NULL;
    score->track_names = NULL;
    score->instrument_count = 0;
    score->event_count = 0;
    score->track_count = 0;
}
