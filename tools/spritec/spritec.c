/*
 * spritec: builds the game's sprite sheet from text pixel-art sources.
 *
 * Reads sprite sources (format documented in assets/README.md), checks them,
 * packs every frame into one RGBA PNG and writes an index of frame rectangles.
 * It can also write a contact sheet of all frames, scaled up and labelled, for
 * reviewing the art.
 */
#include <png.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_CAP 64         /* longest name + 1 */
#define MAX_DIM 256         /* largest frame side, keeps all size math small */
#define SHEET_MIN_WIDTH 256 /* sheet width unless a frame is wider */
#define PAD 1               /* gutter around each frame, filled with its edge pixels */
#define PREVIEW_SCALE 4
#define PREVIEW_WIDTH 1200
#define FONT_SCALE 2
#define INDEX_MAGIC "miraclemile-sprites 1"
#define MAX_OPS 8 /* flips and turns on one copy, its sources' included */

/* Transforms a copy applies, in order, after its pixels are composed. */
enum op { OP_FLIP_X = 1, OP_FLIP_Y, OP_ROTATE };

struct loc {
    const char *file;
    int line;
    int col;
};

struct palette {
    char name[NAME_CAP];
    char parent[NAME_CAP]; /* empty: no parent */
    struct loc loc;
    struct loc parent_loc;
    uint32_t own[128]; /* 0xRRGGBBAA */
    bool own_set[128];
    uint32_t color[128]; /* flattened with the parents */
    bool has[128];
    int state; /* 0 new, 1 resolving, 2 done, 3 failed */
};

struct frame {
    char name[NAME_CAP];
    struct loc loc;
    int w, h;      /* final size, after any rotation */
    int pw, ph;    /* size of pix (and of the base), before the transforms */
    char *pix;     /* pw*ph palette keys, row-major */
    int *row_line; /* drawn frames: where each row is, for error messages */
    int *row_col;
    char palette[NAME_CAP]; /* empty: none given (already reported) */
    struct loc palette_loc;
    bool is_copy;
    char copied_from[NAME_CAP];
    int base;    /* frame drawn underneath, or -1 */
    bool hidden; /* a part: only a building block for other frames */
    unsigned char ops[MAX_OPS];
    int op_count;
    uint8_t *rgba; /* w*h*4 once rendered */
};

struct state {
    struct palette *pals;
    int pal_count, pal_cap;
    struct frame *frames;
    int frame_count, frame_cap;
    int errors;
};

enum block { BLOCK_NONE, BLOCK_PALETTE, BLOCK_SPRITE };

struct parser {
    struct state *st;
    const char *file;
    enum block block;
    int cur; /* index of the open palette or sprite */
    char use[NAME_CAP];
    struct loc use_loc;
};

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

static void error_at(struct state *st, struct loc at, const char *fmt, ...) PRINTF_LIKE(3, 4);

static void error_at(struct state *st, struct loc at, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d:%d: error: ", at.file, at.line, at.col);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    st->errors++;
}

static void copy_name(char dst[NAME_CAP], const char *src, size_t len)
{
    if (len >= NAME_CAP) len = NAME_CAP - 1;
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* ---- input ------------------------------------------------------------- */

static char *read_file(const char *path, size_t *out_len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap + 1);
    while (buf) {
        size_t n = fread(buf + len, 1, cap - len, fp);
        len += n;
        if (len < cap) break;
        char *bigger = realloc(buf, cap * 2 + 1);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    bool failed = ferror(fp) != 0;
    fclose(fp);
    if (!buf || failed) {
        free(buf);
        return NULL;
    }
    buf[len] = '\0';
    *out_len = len;
    return buf;
}

struct token {
    const char *s;
    int len;
    int col; /* 1-based */
};

/* Splits a line into words; a word starting with '#' begins a comment that
 * runs to the end of the line. In a palette block the colour after a
 * one-character key is the exception. Returns max + 1 if there are too many. */
static int tokenize(const char *line, struct token *toks, int max, bool palette_block)
{
    int n = 0, i = 0;
    for (;;) {
        while (line[i] == ' ' || line[i] == '\t') i++;
        if (line[i] == '\0') break;
        bool is_colour = palette_block && n == 1 && toks[0].len == 1;
        if (line[i] == '#' && !is_colour) break;
        if (n == max) return max + 1;
        int start = i;
        while (line[i] != '\0' && line[i] != ' ' && line[i] != '\t') i++;
        toks[n].s = line + start;
        toks[n].len = i - start;
        toks[n].col = start + 1;
        n++;
    }
    return n;
}

static bool tok_is(const struct token *t, const char *word)
{
    size_t len = strlen(word);
    return (size_t)t->len == len && memcmp(t->s, word, len) == 0;
}

static bool is_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Names are [A-Za-z0-9_]+; a copy pattern may hold one '*'. */
static bool check_name(struct parser *p, const struct token *t, int line, bool allow_star,
                       const char *what)
{
    struct loc at = {p->file, line, t->col};
    int stars = 0;
    bool ok = t->len > 0 && t->len < NAME_CAP;
    for (int i = 0; ok && i < t->len; i++) {
        if (t->s[i] == '*' && allow_star)
            stars++;
        else if (!is_name_char(t->s[i]))
            ok = false;
    }
    if (!ok || stars > 1) {
        error_at(p->st, at, "bad %s name '%.*s': use letters, digits and '_' (at most %d)", what,
                 t->len, t->s, NAME_CAP - 1);
        return false;
    }
    return true;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool parse_color(const struct token *t, uint32_t *out)
{
    if ((t->len != 7 && t->len != 9) || t->s[0] != '#') return false;
    uint32_t v = 0;
    for (int i = 1; i < t->len; i++) {
        int d = hex_digit(t->s[i]);
        if (d < 0) return false;
        v = (v << 4) | (uint32_t)d;
    }
    if (t->len == 7) v = (v << 8) | 0xffu;
    *out = v;
    return true;
}

static int find_palette(const struct state *st, const char *name)
{
    for (int i = 0; i < st->pal_count; i++)
        if (strcmp(st->pals[i].name, name) == 0) return i;
    return -1;
}

/* Only frames before 'limit' count: a frame may use only earlier frames. */
static int find_frame(const struct state *st, const char *name, int limit)
{
    for (int i = 0; i < limit; i++)
        if (strcmp(st->frames[i].name, name) == 0) return i;
    return -1;
}

static bool grow(void **items, int *cap, int count, size_t size)
{
    if (count < *cap) return true;
    int new_cap = *cap ? *cap * 2 : 16;
    void *bigger = realloc(*items, (size_t)new_cap * size);
    if (!bigger) return false;
    *items = bigger;
    *cap = new_cap;
    return true;
}

static struct frame *new_frame(struct parser *p, const char *name, struct loc at)
{
    struct state *st = p->st;
    int dup = find_frame(st, name, st->frame_count);
    if (dup >= 0) {
        struct loc prev = st->frames[dup].loc;
        error_at(st, at, "frame '%s' is already defined at %s:%d", name, prev.file, prev.line);
        return NULL;
    }
    if (!grow((void **)&st->frames, &st->frame_cap, st->frame_count, sizeof *st->frames)) {
        error_at(st, at, "out of memory");
        return NULL;
    }
    struct frame *f = &st->frames[st->frame_count++];
    memset(f, 0, sizeof *f);
    copy_name(f->name, name, strlen(name));
    f->loc = at;
    f->base = -1;
    return f;
}

/* ---- directives -------------------------------------------------------- */

static void begin_palette(struct parser *p, const struct token *t, int n, int line)
{
    struct state *st = p->st;
    struct loc at = {p->file, line, t[0].col};
    if (n < 2 || (n != 2 && n != 4) || (n == 4 && !tok_is(&t[2], "extends"))) {
        error_at(st, at, "expected 'palette NAME' or 'palette NAME extends PARENT'");
        return;
    }
    if (!check_name(p, &t[1], line, false, "palette")) return;
    if (n == 4 && !check_name(p, &t[3], line, false, "palette")) return;
    char name[NAME_CAP];
    copy_name(name, t[1].s, (size_t)t[1].len);
    int dup = find_palette(st, name);
    if (dup >= 0) {
        struct loc prev = st->pals[dup].loc;
        error_at(st, (struct loc){p->file, line, t[1].col},
                 "palette '%s' is already defined at %s:%d", name, prev.file, prev.line);
        return;
    }
    if (!grow((void **)&st->pals, &st->pal_cap, st->pal_count, sizeof *st->pals)) {
        error_at(st, at, "out of memory");
        return;
    }
    struct palette *pal = &st->pals[st->pal_count];
    memset(pal, 0, sizeof *pal);
    memcpy(pal->name, name, sizeof name);
    pal->loc = at;
    if (n == 4) {
        copy_name(pal->parent, t[3].s, (size_t)t[3].len);
        pal->parent_loc = (struct loc){p->file, line, t[3].col};
    }
    p->cur = st->pal_count++;
    p->block = BLOCK_PALETTE;
}

static void palette_entry(struct parser *p, const struct token *t, int n, int line)
{
    struct state *st = p->st;
    struct palette *pal = &st->pals[p->cur];
    struct loc at = {p->file, line, t[0].col};
    unsigned char key = (unsigned char)t[0].s[0];
    if (t[0].len != 1 || key <= ' ' || key >= 127) {
        error_at(st, at, "palette key '%.*s' must be one printable character", t[0].len, t[0].s);
        return;
    }
    if (n != 2) {
        error_at(st, at, "expected 'KEY #RRGGBB' or 'KEY #RRGGBBAA' (or 'end')");
        return;
    }
    uint32_t c;
    if (!parse_color(&t[1], &c)) {
        error_at(st, (struct loc){p->file, line, t[1].col},
                 "bad colour '%.*s': expected #RRGGBB or #RRGGBBAA", t[1].len, t[1].s);
        return;
    }
    if (pal->own_set[key]) {
        error_at(st, at, "key '%c' appears twice in palette '%s'", key, pal->name);
        return;
    }
    pal->own[key] = c;
    pal->own_set[key] = true;
}

/* Reads 'with PAL', 'over BASE', 'flip', 'vflip' options from t[from..n). */
struct options {
    const struct token *with;
    const struct token *over;
    unsigned char ops[MAX_OPS];
    int op_count;
};

static bool parse_options(struct parser *p, const struct token *t, int from, int n, int line,
                          bool allow_over, bool allow_flip, struct options *o)
{
    memset(o, 0, sizeof *o);
    bool ok = true;
    for (int i = from; i < n; i++) {
        struct loc at = {p->file, line, t[i].col};
        if (tok_is(&t[i], "with") && i + 1 < n) {
            o->with = &t[++i];
            ok = check_name(p, o->with, line, false, "palette") && ok;
        } else if (allow_over && tok_is(&t[i], "over") && i + 1 < n) {
            o->over = &t[++i];
            ok = check_name(p, o->over, line, false, "frame") && ok;
        } else if (allow_flip &&
                   (tok_is(&t[i], "flip") || tok_is(&t[i], "vflip") || tok_is(&t[i], "rotate"))) {
            if (o->op_count == MAX_OPS) {
                error_at(p->st, at, "more than %d flips and turns", MAX_OPS);
                ok = false;
                continue;
            }
            o->ops[o->op_count++] = tok_is(&t[i], "flip")    ? OP_FLIP_X
                                    : tok_is(&t[i], "vflip") ? OP_FLIP_Y
                                                             : OP_ROTATE;
        } else {
            error_at(p->st, at, "unexpected '%.*s'", t[i].len, t[i].s);
            ok = false;
        }
    }
    return ok;
}

static void begin_sprite(struct parser *p, const struct token *t, int n, int line, bool hidden)
{
    struct state *st = p->st;
    struct loc at = {p->file, line, t[0].col};
    /* The block is opened even when the header is bad, so that its rows are
     * not taken for directives. cur = -1 marks a sprite that is skipped. */
    p->block = BLOCK_SPRITE;
    p->cur = -1;
    if (n < 2) {
        error_at(st, at, "expected '%s NAME [with PALETTE] [over FRAME]'",
                 hidden ? "part" : "sprite");
        return;
    }
    struct options o;
    bool ok = check_name(p, &t[1], line, false, "frame");
    ok = parse_options(p, t, 2, n, line, true, false, &o) && ok;
    if (!ok) return;
    int base = -1;
    if (o.over) {
        char base_name[NAME_CAP];
        copy_name(base_name, o.over->s, (size_t)o.over->len);
        base = find_frame(st, base_name, st->frame_count);
        if (base < 0) {
            error_at(st, (struct loc){p->file, line, o.over->col},
                     "no frame '%s' defined before this one to draw over", base_name);
            return;
        }
    }
    char name[NAME_CAP];
    copy_name(name, t[1].s, (size_t)t[1].len);
    struct frame *f = new_frame(p, name, (struct loc){p->file, line, t[1].col});
    if (!f) return;
    f->base = base;
    f->hidden = hidden;
    if (o.with) {
        copy_name(f->palette, o.with->s, (size_t)o.with->len);
        f->palette_loc = (struct loc){p->file, line, o.with->col};
    } else if (p->use[0]) {
        memcpy(f->palette, p->use, sizeof f->palette);
        f->palette_loc = p->use_loc;
    } else {
        error_at(st, at, "sprite '%s' has no palette: add 'with PALETTE' or a 'use PALETTE' line",
                 name);
    }
    p->cur = st->frame_count - 1;
}

static void sprite_row(struct parser *p, const struct token *t, int n, int line)
{
    struct state *st = p->st;
    if (p->cur < 0) return;
    struct frame *f = &st->frames[p->cur];
    struct loc at = {p->file, line, t[0].col};
    if (n != 1) {
        error_at(st, (struct loc){p->file, line, t[n > 1 ? 1 : 0].col},
                 "a row is one run of pixels without spaces (or 'end')");
        return;
    }
    for (int i = 0; i < t[0].len; i++) {
        if ((unsigned char)t[0].s[i] >= 127) {
            error_at(st, (struct loc){p->file, line, t[0].col + i},
                     "pixels must be printable ASCII characters");
            return;
        }
    }
    if (f->h == 0) {
        if (t[0].len > MAX_DIM) {
            error_at(st, at, "row is %d pixels wide, the limit is %d", t[0].len, MAX_DIM);
            p->cur = -1;
            return;
        }
        f->w = t[0].len;
    } else if (t[0].len != f->w) {
        error_at(st, at, "row is %d pixels wide, but the first row of '%s' is %d", t[0].len,
                 f->name, f->w);
        return;
    }
    if (f->h == MAX_DIM) {
        error_at(st, at, "sprite '%s' is taller than %d rows", f->name, MAX_DIM);
        p->cur = -1;
        return;
    }
    /* Rows are few: grow one at a time to keep this simple. */
    size_t rows = (size_t)f->h + 1;
    char *pix = realloc(f->pix, rows * (size_t)f->w);
    if (pix) f->pix = pix;
    int *lines = pix ? realloc(f->row_line, rows * sizeof *lines) : NULL;
    if (lines) f->row_line = lines;
    int *cols = lines ? realloc(f->row_col, rows * sizeof *cols) : NULL;
    if (cols) f->row_col = cols;
    if (!cols) {
        error_at(st, at, "out of memory");
        p->cur = -1;
        return;
    }
    memcpy(f->pix + (size_t)f->h * (size_t)f->w, t[0].s, (size_t)f->w);
    f->row_line[f->h] = line;
    f->row_col[f->h] = t[0].col;
    f->h++;
}

static void end_sprite(struct parser *p)
{
    struct state *st = p->st;
    if (p->cur >= 0) {
        struct frame *f = &st->frames[p->cur];
        f->pw = f->w;
        f->ph = f->h;
        if (f->h == 0) {
            error_at(st, f->loc, "sprite '%s' has no rows", f->name);
        } else if (f->base >= 0) {
            const struct frame *b = &st->frames[f->base];
            if (b->w != f->w || b->h != f->h)
                error_at(st, f->loc, "sprite '%s' is %dx%d but '%s' under it is %dx%d", f->name,
                         f->w, f->h, b->name, b->w, b->h);
        }
    }
    p->block = BLOCK_NONE;
    p->cur = -1;
}

/* Makes frame 'name' from frame 'src', composing the flips. */
static void make_copy(struct parser *p, const char *name, int src, const struct options *o,
                      struct loc at)
{
    struct state *st = p->st;
    struct frame *f = new_frame(p, name, at);
    if (!f) return;
    const struct frame *s = &st->frames[src]; /* after new_frame: it may move frames */
    size_t size = (size_t)s->pw * (size_t)s->ph;
    f->pix = malloc(size ? size : 1);
    if (!f->pix) {
        error_at(st, at, "out of memory");
        return;
    }
    memcpy(f->pix, s->pix, size);
    f->w = s->w;
    f->h = s->h;
    f->pw = s->pw;
    f->ph = s->ph;
    f->is_copy = true;
    memcpy(f->copied_from, s->name, sizeof f->copied_from);
    f->base = s->base;
    /* The source's transforms first, then this copy's own. */
    if (s->op_count + o->op_count > MAX_OPS) {
        error_at(st, at, "more than %d flips and turns from '%s' onwards", MAX_OPS, s->name);
        return;
    }
    memcpy(f->ops, s->ops, (size_t)s->op_count);
    memcpy(f->ops + s->op_count, o->ops, (size_t)o->op_count);
    f->op_count = s->op_count + o->op_count;
    for (int i = 0; i < o->op_count; i++) {
        if (o->ops[i] == OP_ROTATE) {
            int w = f->w;
            f->w = f->h;
            f->h = w;
        }
    }
    if (o->with) {
        copy_name(f->palette, o->with->s, (size_t)o->with->len);
        f->palette_loc = (struct loc){at.file, at.line, o->with->col};
    } else {
        memcpy(f->palette, s->palette, sizeof f->palette);
        f->palette_loc = s->palette_loc;
    }
}

static void do_copy(struct parser *p, const struct token *t, int n, int line)
{
    struct state *st = p->st;
    struct loc at = {p->file, line, t[0].col};
    if (n < 4 || !tok_is(&t[2], "from")) {
        error_at(st, at, "expected 'copy NEW from SOURCE [flip] [vflip] [rotate] [with PALETTE]'");
        return;
    }
    struct options o;
    bool ok = check_name(p, &t[1], line, true, "frame");
    ok = check_name(p, &t[3], line, true, "frame") && ok;
    ok = parse_options(p, t, 4, n, line, false, true, &o) && ok;
    if (!ok) return;
    const char *dst_star = memchr(t[1].s, '*', (size_t)t[1].len);
    const char *src_star = memchr(t[3].s, '*', (size_t)t[3].len);
    struct loc dst_at = {p->file, line, t[1].col};
    if ((dst_star == NULL) != (src_star == NULL)) {
        error_at(st, dst_at, "use '*' in both names or in neither");
        return;
    }
    if (!src_star) {
        char src_name[NAME_CAP], dst_name[NAME_CAP];
        copy_name(src_name, t[3].s, (size_t)t[3].len);
        copy_name(dst_name, t[1].s, (size_t)t[1].len);
        int src = find_frame(st, src_name, st->frame_count);
        if (src < 0) {
            error_at(st, (struct loc){p->file, line, t[3].col},
                     "no frame '%s' defined before this line", src_name);
            return;
        }
        make_copy(p, dst_name, src, &o, dst_at);
        return;
    }
    /* Pattern copy: the text matched by '*' in SOURCE replaces '*' in NEW. */
    size_t sp_len = (size_t)(src_star - t[3].s);
    size_t ss_len = (size_t)t[3].len - sp_len - 1;
    size_t dp_len = (size_t)(dst_star - t[1].s);
    size_t ds_len = (size_t)t[1].len - dp_len - 1;
    int limit = st->frame_count, matches = 0;
    for (int i = 0; i < limit; i++) {
        const char *nm = st->frames[i].name;
        size_t len = strlen(nm);
        if (len < sp_len + ss_len || memcmp(nm, t[3].s, sp_len) != 0 ||
            memcmp(nm + len - ss_len, src_star + 1, ss_len) != 0)
            continue;
        size_t mid = len - sp_len - ss_len;
        if (dp_len + mid + ds_len >= NAME_CAP) {
            error_at(st, dst_at, "name made from '%s' is too long", nm);
            continue;
        }
        char dst_name[NAME_CAP];
        memcpy(dst_name, t[1].s, dp_len);
        memcpy(dst_name + dp_len, nm + sp_len, mid);
        memcpy(dst_name + dp_len + mid, dst_star + 1, ds_len);
        dst_name[dp_len + mid + ds_len] = '\0';
        make_copy(p, dst_name, i, &o, dst_at);
        matches++;
    }
    if (matches == 0)
        error_at(st, (struct loc){p->file, line, t[3].col},
                 "no frame defined before this line matches '%.*s'", t[3].len, t[3].s);
}

static void do_use(struct parser *p, const struct token *t, int n, int line)
{
    if (n != 2) {
        error_at(p->st, (struct loc){p->file, line, t[0].col}, "expected 'use PALETTE'");
        return;
    }
    if (!check_name(p, &t[1], line, false, "palette")) return;
    copy_name(p->use, t[1].s, (size_t)t[1].len);
    p->use_loc = (struct loc){p->file, line, t[1].col};
}

static bool is_directive(const struct token *t)
{
    return tok_is(t, "palette") || tok_is(t, "sprite") || tok_is(t, "part") || tok_is(t, "copy") ||
           tok_is(t, "use");
}

/* line 0: the file ended; the error then points at the block's start. */
static void close_block_missing_end(struct parser *p, int line, int col)
{
    struct state *st = p->st;
    struct loc at = {p->file, line, col};
    if (p->block == BLOCK_PALETTE) {
        const struct palette *pal = &st->pals[p->cur];
        if (line == 0)
            error_at(st, pal->loc, "palette '%s' has no 'end'", pal->name);
        else
            error_at(st, at, "missing 'end' for palette '%s' (line %d)", pal->name, pal->loc.line);
        p->block = BLOCK_NONE;
    } else if (p->block == BLOCK_SPRITE) {
        const struct frame *f = p->cur >= 0 ? &st->frames[p->cur] : NULL;
        if (line == 0 && f)
            error_at(st, f->loc, "sprite '%s' has no 'end'", f->name);
        else if (f)
            error_at(st, at, "missing 'end' for sprite '%s' (line %d)", f->name, f->loc.line);
        else if (line == 0)
            error_at(st, (struct loc){p->file, 1, 1}, "a sprite has no 'end'");
        else
            error_at(st, at, "missing 'end' for the sprite above");
        end_sprite(p);
    }
}

#define MAX_TOKENS 12

static void parse_line(struct parser *p, const char *text, int line)
{
    struct token t[MAX_TOKENS];
    int n = tokenize(text, t, MAX_TOKENS, p->block == BLOCK_PALETTE);
    if (n == 0) return;
    if (n > MAX_TOKENS) {
        error_at(p->st, (struct loc){p->file, line, 1}, "too many words on one line");
        return;
    }
    if (p->block != BLOCK_NONE && is_directive(&t[0]) && n >= 2) {
        /* Most likely a forgotten 'end': say so and carry on. */
        close_block_missing_end(p, line, t[0].col);
    }
    if (p->block == BLOCK_PALETTE) {
        if (tok_is(&t[0], "end") && n == 1)
            p->block = BLOCK_NONE;
        else
            palette_entry(p, t, n, line);
        return;
    }
    if (p->block == BLOCK_SPRITE) {
        if (tok_is(&t[0], "end") && n == 1)
            end_sprite(p);
        else
            sprite_row(p, t, n, line);
        return;
    }
    if (tok_is(&t[0], "palette")) {
        begin_palette(p, t, n, line);
    } else if (tok_is(&t[0], "sprite") || tok_is(&t[0], "part")) {
        begin_sprite(p, t, n, line, tok_is(&t[0], "part"));
    } else if (tok_is(&t[0], "copy")) {
        do_copy(p, t, n, line);
    } else if (tok_is(&t[0], "use")) {
        do_use(p, t, n, line);
    } else if (tok_is(&t[0], "end")) {
        error_at(p->st, (struct loc){p->file, line, t[0].col}, "'end' without a block to close");
    } else {
        error_at(p->st, (struct loc){p->file, line, t[0].col},
                 "unknown directive '%.*s' (expected palette, sprite, part, copy or use)", t[0].len,
                 t[0].s);
    }
}

static bool parse_file(struct state *st, const char *path)
{
    size_t len = 0;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "%s: error: cannot read file\n", path);
        st->errors++;
        return false;
    }
    struct parser p = {.st = st, .file = path, .block = BLOCK_NONE, .cur = -1};
    int line = 1;
    char *s = text;
    while (s < text + len) {
        char *nl = memchr(s, '\n', (size_t)(text + len - s));
        char *next = nl ? nl + 1 : text + len;
        char *eol = nl ? nl : text + len;
        if (eol > s && eol[-1] == '\r') eol--;
        *eol = '\0';
        size_t text_len = strlen(s);
        if (text_len != (size_t)(eol - s))
            error_at(st, (struct loc){path, line, (int)text_len + 1}, "NUL byte in text");
        else
            parse_line(&p, s, line);
        s = next;
        line++;
    }
    if (p.block != BLOCK_NONE) close_block_missing_end(&p, 0, 0);
    free(text);
    return true;
}

/* ---- palettes and rendering --------------------------------------------- */

static bool resolve_palette(struct state *st, int i)
{
    struct palette *pal = &st->pals[i];
    if (pal->state == 2) return true;
    if (pal->state == 3) return false;
    if (pal->state == 1) {
        error_at(st, pal->parent_loc, "palette '%s' extends itself through its parents", pal->name);
        pal->state = 3;
        return false;
    }
    pal->state = 1;
    memset(pal->has, 0, sizeof pal->has);
    pal->color['.'] = 0; /* '.' is transparent unless a palette says otherwise */
    pal->has['.'] = true;
    if (pal->parent[0]) {
        int parent = find_palette(st, pal->parent);
        if (parent < 0) {
            error_at(st, pal->parent_loc, "unknown palette '%s'", pal->parent);
            pal->state = 3;
            return false;
        }
        if (!resolve_palette(st, parent)) {
            pal->state = 3;
            return false;
        }
        memcpy(pal->color, st->pals[parent].color, sizeof pal->color);
        memcpy(pal->has, st->pals[parent].has, sizeof pal->has);
    }
    for (int k = 0; k < 128; k++) {
        if (pal->own_set[k]) {
            pal->color[k] = pal->own[k];
            pal->has[k] = true;
        }
    }
    pal->state = 2;
    return true;
}

static void put_rgba(uint8_t *px, uint32_t c)
{
    px[0] = (uint8_t)(c >> 24);
    px[1] = (uint8_t)(c >> 16);
    px[2] = (uint8_t)(c >> 8);
    px[3] = (uint8_t)c;
}

/* Source-over compositing of straight-alpha pixel src onto dst. */
static void blend_over(uint8_t *dst, const uint8_t *src)
{
    unsigned sa = src[3], da = dst[3];
    if (sa == 255 || da == 0) {
        memcpy(dst, src, 4);
        return;
    }
    if (sa == 0) return;
    unsigned dw = da * (255 - sa);  /* dst weight, scaled by 255 */
    unsigned oa255 = sa * 255 + dw; /* out alpha, scaled by 255 */
    for (int c = 0; c < 3; c++)
        dst[c] = (uint8_t)((src[c] * sa * 255 + dst[c] * dw + oa255 / 2) / oa255);
    dst[3] = (uint8_t)((oa255 + 127) / 255);
}

/* One flip or a quarter turn clockwise of a w x h image; the turn swaps
 * w and h. Returns the new buffer, or NULL when out of memory. */
static uint8_t *apply_op(const uint8_t *in, int *w, int *h, int op)
{
    int iw = *w, ih = *h;
    int ow = op == OP_ROTATE ? ih : iw, oh = op == OP_ROTATE ? iw : ih;
    uint8_t *out = malloc((size_t)iw * (size_t)ih * 4);
    if (!out) return NULL;
    for (int y = 0; y < oh; y++) {
        for (int x = 0; x < ow; x++) {
            int sx = x, sy = y;
            if (op == OP_FLIP_X) sx = iw - 1 - x;
            if (op == OP_FLIP_Y) sy = ih - 1 - y;
            if (op == OP_ROTATE) { /* clockwise: the left column becomes the top row */
                sx = y;
                sy = ih - 1 - x;
            }
            memcpy(out + ((size_t)y * (size_t)ow + (size_t)x) * 4,
                   in + ((size_t)sy * (size_t)iw + (size_t)sx) * 4, 4);
        }
    }
    *w = ow;
    *h = oh;
    return out;
}

static bool render_frame(struct state *st, int fi)
{
    struct frame *f = &st->frames[fi];
    int pw = f->pw, ph = f->ph;
    size_t count = (size_t)pw * (size_t)ph;
    if (!f->palette[0] || count == 0 || !f->pix) return false; /* already reported */
    int pi = find_palette(st, f->palette);
    if (pi < 0) {
        error_at(st, f->palette_loc, "unknown palette '%s'", f->palette);
        return false;
    }
    if (st->pals[pi].state != 2) return false; /* reported while resolving */
    const struct palette *pal = &st->pals[pi];
    uint8_t *out = calloc(count, 4);
    if (!out) {
        error_at(st, f->loc, "out of memory");
        return false;
    }
    if (f->base >= 0) {
        const struct frame *b = &st->frames[f->base];
        if (!b->rgba || b->w != pw || b->h != ph) {
            free(out);
            return false; /* its own error is already out */
        }
        memcpy(out, b->rgba, count * 4);
    }
    bool reported[128] = {false};
    bool ok = true;
    for (int y = 0; y < ph; y++) {
        for (int x = 0; x < pw; x++) {
            unsigned char key = (unsigned char)f->pix[(size_t)y * (size_t)pw + (size_t)x];
            if (key < 128 && pal->has[key]) {
                uint8_t px[4];
                put_rgba(px, pal->color[key]);
                blend_over(out + ((size_t)y * (size_t)pw + (size_t)x) * 4, px);
                continue;
            }
            ok = false;
            if (key < 128 && reported[key]) continue;
            if (key < 128) reported[key] = true;
            if (f->is_copy)
                error_at(st, f->loc, "palette '%s' has no colour for '%c' (used in '%s')",
                         pal->name, key, f->copied_from);
            else
                error_at(st, (struct loc){f->loc.file, f->row_line[y], f->row_col[y] + x},
                         "palette '%s' has no colour for '%c'", pal->name, key);
        }
    }
    if (!ok) {
        free(out);
        return false;
    }
    /* Transform after composing, so a flipped or turned copy moves its base
     * too. */
    for (int i = 0; i < f->op_count; i++) {
        uint8_t *next = apply_op(out, &pw, &ph, f->ops[i]);
        free(out);
        if (!next) {
            error_at(st, f->loc, "out of memory");
            return false;
        }
        out = next;
    }
    f->rgba = out;
    return true;
}

/* ---- packing and output ------------------------------------------------- */

struct rect {
    int w, h, x, y;
};

/* Shelf packing: rows left to right, a new row when one is full. Rects are
 * placed in the order given, which keeps the result stable. Returns the
 * height used. */
static int shelf_pack(struct rect *r, const int *order, int count, int width)
{
    int x = 0, y = 0, row_h = 0;
    for (int k = 0; k < count; k++) {
        struct rect *q = &r[order[k]];
        if (x + q->w > width && x > 0) {
            y += row_h;
            x = 0;
            row_h = 0;
        }
        q->x = x;
        q->y = y;
        x += q->w;
        if (q->h > row_h) row_h = q->h;
    }
    return y + row_h;
}

/* Insertion sort, tallest first and ties in source order: stable without
 * relying on qsort, and the counts are small. */
static void sort_taller_first(int *order, int count, const struct rect *r)
{
    for (int i = 1; i < count; i++) {
        int v = order[i], j = i;
        while (j > 0 && r[order[j - 1]].h < r[v].h) {
            order[j] = order[j - 1];
            j--;
        }
        order[j] = v;
    }
}

static bool write_png_rows(png_structp png, png_infop info, FILE *fp, png_bytep *rows, int w, int h)
{
    /* Nothing below changes a local after setjmp, so longjmp is safe here. */
    if (setjmp(png_jmpbuf(png))) return false;
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8, PNG_COLOR_TYPE_RGBA,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    /* Fixed settings and no time chunk: the same pixels give the same bytes.
     * No row filters: pixel art's flat runs deflate best as they are (the
     * sheet is 37 KB so, 62 KB with libpng's choice of filters per row). */
    png_set_compression_level(png, 9);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, NULL);
    return true;
}

static bool write_png(const char *path, uint8_t *rgba, int w, int h)
{
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        fprintf(stderr, "%s: error: cannot open for writing\n", path);
        return false;
    }
    png_bytep *rows = malloc((size_t)h * sizeof *rows);
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    bool ok = rows && png && info;
    if (ok) {
        for (int y = 0; y < h; y++) rows[y] = rgba + (size_t)y * (size_t)w * 4;
        ok = write_png_rows(png, info, fp, rows, w, h);
    }
    png_destroy_write_struct(&png, &info);
    free(rows);
    if (fclose(fp) != 0) ok = false;
    if (!ok) {
        fprintf(stderr, "%s: error: failed to write PNG\n", path);
        remove(path);
    }
    return ok;
}

static bool write_sheet(struct state *st, const char *png_path, const char *idx_path)
{
    int n = st->frame_count;
    struct rect *r = calloc((size_t)n, sizeof *r);
    int *order = calloc((size_t)n, sizeof *order);
    if (!r || !order) {
        free(r);
        free(order);
        fprintf(stderr, "error: out of memory\n");
        return false;
    }
    int width = SHEET_MIN_WIDTH, packed = 0;
    for (int i = 0; i < n; i++) {
        if (st->frames[i].hidden) continue; /* parts stay out of the sheet */
        r[i].w = st->frames[i].w + 2 * PAD;
        r[i].h = st->frames[i].h + 2 * PAD;
        if (r[i].w > width) width = r[i].w;
        order[packed++] = i;
    }
    /* Tallest first wastes less space; ties keep source order. */
    sort_taller_first(order, packed, r);
    int height = shelf_pack(r, order, packed, width);
    if (height < 1) height = 1;
    free(order);
    bool ok = true;
    if (png_path) {
        uint8_t *sheet = calloc((size_t)width * (size_t)height, 4);
        if (!sheet) {
            fprintf(stderr, "error: out of memory\n");
            free(r);
            return false;
        }
        for (int i = 0; i < n; i++) {
            const struct frame *f = &st->frames[i];
            if (f->hidden) continue;
            /* Copy the frame and repeat its edge pixels into the gutter, so
             * filtering or rounding at a frame's edge never picks up a
             * neighbour. */
            for (int y = -PAD; y < f->h + PAD; y++) {
                int sy = y < 0 ? 0 : (y >= f->h ? f->h - 1 : y);
                for (int x = -PAD; x < f->w + PAD; x++) {
                    int sx = x < 0 ? 0 : (x >= f->w ? f->w - 1 : x);
                    size_t dst =
                        ((size_t)(r[i].y + PAD + y) * (size_t)width + (size_t)(r[i].x + PAD + x)) *
                        4;
                    memcpy(sheet + dst, f->rgba + ((size_t)sy * (size_t)f->w + (size_t)sx) * 4, 4);
                }
            }
        }
        ok = write_png(png_path, sheet, width, height);
        free(sheet);
    }
    if (ok && idx_path) {
        FILE *fp = fopen(idx_path, "wb");
        if (!fp) {
            fprintf(stderr, "%s: error: cannot open for writing\n", idx_path);
            ok = false;
        } else {
            fprintf(fp, "%s\n", INDEX_MAGIC);
            for (int i = 0; i < n; i++) {
                const struct frame *f = &st->frames[i];
                if (f->hidden) continue;
                fprintf(fp, "frame %s %d %d %d %d\n", f->name, r[i].x + PAD, r[i].y + PAD, f->w,
                        f->h);
            }
            if (ferror(fp)) ok = false;
            if (fclose(fp) != 0) ok = false;
            if (!ok) {
                fprintf(stderr, "%s: error: failed to write index\n", idx_path);
                remove(idx_path);
            }
        }
    }
    free(r);
    return ok;
}

/* ---- preview ------------------------------------------------------------ */

/* A 3x5 font for frame names: 15 bits per glyph, top row first. */
static const char *glyph_bits(char c)
{
    static const char *const letters[26] = {
        "010101111101101", "110101110101110", "011100100100011", "110101101101110",
        "111100110100111", "111100110100100", "011100101101011", "101101111101101",
        "111010010010111", "001001001101010", "101101110101101", "100100100100111",
        "101111111101101", "110101101101101", "010101101101010", "110101110100100",
        "010101101110011", "110101110101101", "011100010001110", "111010010010010",
        "101101101101111", "101101101101010", "101101111111101", "101101010101101",
        "101101010010010", "111001010100111"};
    static const char *const digits[10] = {"111101101101111", "010110010010111", "110001010100111",
                                           "110001010001110", "101101111001001", "111100110001110",
                                           "011100111101111", "111001010010010", "111101111101111",
                                           "111101111001110"};
    if (c >= 'a' && c <= 'z') return letters[c - 'a'];
    if (c >= 'A' && c <= 'Z') return letters[c - 'A'];
    if (c >= '0' && c <= '9') return digits[c - '0'];
    if (c == '_') return "000000000000111";
    if (c == '-') return "000000111000000";
    return "110001010000010"; /* '?' */
}

static void fill_rect(uint8_t *img, int img_w, int x0, int y0, int w, int h, uint32_t c)
{
    for (int y = y0; y < y0 + h; y++)
        for (int x = x0; x < x0 + w; x++)
            put_rgba(img + ((size_t)y * (size_t)img_w + (size_t)x) * 4, c);
}

static void draw_text(uint8_t *img, int img_w, int x, int y, const char *s, uint32_t c)
{
    for (; *s; s++, x += 4 * FONT_SCALE) {
        const char *bits = glyph_bits(*s);
        for (int gy = 0; gy < 5; gy++)
            for (int gx = 0; gx < 3; gx++)
                if (bits[gy * 3 + gx] == '1')
                    fill_rect(img, img_w, x + gx * FONT_SCALE, y + gy * FONT_SCALE, FONT_SCALE,
                              FONT_SCALE, c);
    }
}

static bool write_preview(struct state *st, const char *path)
{
    enum { MARGIN = 6, TEXT_H = 5 * FONT_SCALE, GAP = 4 };
    int n = st->frame_count;
    struct rect *r = calloc((size_t)n, sizeof *r);
    int *order = calloc((size_t)n, sizeof *order);
    if (!r || !order) {
        free(r);
        free(order);
        fprintf(stderr, "error: out of memory\n");
        return false;
    }
    int width = PREVIEW_WIDTH;
    for (int i = 0; i < n; i++) {
        const struct frame *f = &st->frames[i];
        int text_w = (int)strlen(f->name) * 4 * FONT_SCALE;
        int cell_w = f->w * PREVIEW_SCALE;
        r[i].w = (cell_w > text_w ? cell_w : text_w) + 2 * MARGIN;
        r[i].h = f->h * PREVIEW_SCALE + GAP + TEXT_H + 2 * MARGIN;
        if (r[i].w > width) width = r[i].w;
        order[i] = i;
    }
    int height = shelf_pack(r, order, n, width);
    if (height < 1) height = 1;
    free(order);
    uint8_t *img = calloc((size_t)width * (size_t)height, 4);
    if (!img) {
        free(r);
        fprintf(stderr, "error: out of memory\n");
        return false;
    }
    fill_rect(img, width, 0, 0, width, height, 0x121019ffu);
    for (int i = 0; i < n; i++) {
        const struct frame *f = &st->frames[i];
        int fx = r[i].x + MARGIN, fy = r[i].y + MARGIN;
        int fw = f->w * PREVIEW_SCALE, fh = f->h * PREVIEW_SCALE;
        /* A faint backdrop shows the frame's extent without hiding dark art. */
        fill_rect(img, width, fx, fy, fw, fh, 0x23202dffu);
        for (int y = 0; y < fh; y++) {
            for (int x = 0; x < fw; x++) {
                const uint8_t *src =
                    f->rgba +
                    ((size_t)(y / PREVIEW_SCALE) * (size_t)f->w + (size_t)(x / PREVIEW_SCALE)) * 4;
                blend_over(img + ((size_t)(fy + y) * (size_t)width + (size_t)(fx + x)) * 4, src);
            }
        }
        draw_text(img, width, fx, fy + fh + GAP, f->name, 0xc8c4d8ffu);
    }
    bool ok = write_png(path, img, width, height);
    free(img);
    free(r);
    return ok;
}

/* An icon: one frame scaled up by the largest whole number that fits a
 * size x size square, centred on a clear ground (pixels stay square and
 * sharp at every size a browser asks for). */
static bool write_icon(struct state *st, const char *name, int size, const char *path)
{
    const struct frame *f = NULL;
    for (int i = 0; i < st->frame_count && !f; i++)
        if (strcmp(st->frames[i].name, name) == 0) f = &st->frames[i];
    if (!f) {
        fprintf(stderr, "spritec: error: --icon: no frame named '%s'\n", name);
        return false;
    }
    int k = size / (f->w > f->h ? f->w : f->h);
    if (k < 1) {
        fprintf(stderr, "spritec: error: --icon: '%s' (%dx%d) is bigger than %d px\n", name, f->w,
                f->h, size);
        return false;
    }
    uint8_t *img = calloc((size_t)size * (size_t)size, 4);
    if (!img) {
        fprintf(stderr, "error: out of memory\n");
        return false;
    }
    int ox = (size - f->w * k) / 2, oy = (size - f->h * k) / 2;
    for (int y = 0; y < f->h * k; y++)
        for (int x = 0; x < f->w * k; x++)
            memcpy(img + ((size_t)(oy + y) * (size_t)size + (size_t)(ox + x)) * 4,
                   f->rgba + ((size_t)(y / k) * (size_t)f->w + (size_t)(x / k)) * 4, 4);
    bool ok = write_png(path, img, size, size);
    free(img);
    return ok;
}

/* ---- main --------------------------------------------------------------- */

static void usage(FILE *out)
{
    fputs("usage: spritec -o SHEET.png -i SHEET.idx SOURCE.txt...\n"
          "       spritec --preview PREVIEW.png SOURCE.txt...\n"
          "       spritec --icon FRAME SIZE ICON.png SOURCE.txt...\n"
          "\n"
          "Builds a sprite sheet from text sprite sources.\n"
          "  -o FILE          write the packed sheet (RGBA PNG); parts are left out\n"
          "  -i FILE          write the frame index ('frame NAME X Y W H' lines)\n"
          "  --preview FILE   write a contact sheet of every frame, scaled 4x and named\n"
          "  --icon FRAME SIZE FILE\n"
          "                   write FRAME scaled up by whole numbers into a SIZE x SIZE\n"
          "                   square PNG (an app icon)\n"
          "  -h, --help       show this help\n"
          "Options may be combined. Errors are reported as file:line:col and exit 1;\n"
          "usage errors exit 2.\n",
          out);
}

static void free_state(struct state *st)
{
    for (int i = 0; i < st->frame_count; i++) {
        free(st->frames[i].pix);
        free(st->frames[i].row_line);
        free(st->frames[i].row_col);
        free(st->frames[i].rgba);
    }
    free(st->frames);
    free(st->pals);
}

int main(int argc, char **argv)
{
    const char *png_path = NULL, *idx_path = NULL, *preview_path = NULL;
    const char *icon_frame = NULL, *icon_path = NULL;
    int icon_size = 0;
    const char **sources = calloc((size_t)argc, sizeof *sources);
    int source_count = 0;
    bool options_done = false;
    if (!sources) {
        fprintf(stderr, "spritec: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        if (options_done || a[0] != '-' || a[1] == '\0') {
            sources[source_count++] = a;
            continue;
        }
        if (strcmp(a, "--") == 0) {
            options_done = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            free(sources);
            return 0;
        }
        if (strcmp(a, "--icon") == 0) {
            if (i + 3 >= argc || atoi(argv[i + 2]) < 1) {
                fprintf(stderr, "spritec: --icon needs a frame, a size in pixels and a file\n");
                usage(stderr);
                free(sources);
                return 2;
            }
            icon_frame = argv[i + 1];
            icon_size = atoi(argv[i + 2]);
            icon_path = argv[i + 3];
            i += 3;
            continue;
        }
        if (strcmp(a, "-o") == 0)
            target = &png_path;
        else if (strcmp(a, "-i") == 0)
            target = &idx_path;
        else if (strcmp(a, "--preview") == 0)
            target = &preview_path;
        if (!target || i + 1 >= argc) {
            if (target)
                fprintf(stderr, "spritec: %s needs a file name\n", a);
            else
                fprintf(stderr, "spritec: unknown option '%s'\n", a);
            usage(stderr);
            free(sources);
            return 2;
        }
        *target = argv[++i];
    }
    if (source_count == 0 || (!png_path && !idx_path && !preview_path && !icon_path)) {
        if (source_count == 0)
            fprintf(stderr, "spritec: no source files given\n");
        else
            fprintf(stderr, "spritec: nothing to write: give -o, -i, --preview or --icon\n");
        usage(stderr);
        free(sources);
        return 2;
    }

    struct state st = {0};
    for (int i = 0; i < source_count; i++) parse_file(&st, sources[i]);
    free(sources);
    for (int i = 0; i < st.pal_count; i++) resolve_palette(&st, i);
    /* Frames only draw over earlier ones, so one pass in order renders all. */
    for (int i = 0; i < st.frame_count; i++) render_frame(&st, i);
    if (st.errors == 0 && st.frame_count == 0) {
        fprintf(stderr, "spritec: error: the sources define no frames\n");
        st.errors++;
    }
    int status = 0;
    if (st.errors > 0) {
        fprintf(stderr, "spritec: %d error%s, nothing written\n", st.errors,
                st.errors == 1 ? "" : "s");
        status = 1;
    } else {
        if ((png_path || idx_path) && !write_sheet(&st, png_path, idx_path)) status = 1;
        if (status == 0 && preview_path && !write_preview(&st, preview_path)) status = 1;
        if (status == 0 && icon_path && !write_icon(&st, icon_frame, icon_size, icon_path))
            status = 1;
    }
    free_state(&st);
    return status;
}
