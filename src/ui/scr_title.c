/* The title: the Mile at night, the missiles' trails, two ways to play and
 * the editor. */
#include <stdio.h>
#include <string.h>

#include "platform/input.h"
#include "ui/screen.h"
#include "ui/ui_common.h"

/* The question before quitting, and its place. */
static const char quit_question[] = "Quit Miracle Mile?";
static const char quit_prompt[] = "{confirm} yes   {pause} no"; /* ui_prompt's keys */
enum { ASK_Y = 184, ASK_W = 180, ASK_H = 46 };
/* The two ways to play and making a level, their rows. */
enum { WAY_Y = 128, WAY_STEP = 18, TITLE_WAYS = 3 };

static void title_enter(ui_ctx_t *ctx)
{
    ctx->quit_asking = false;
    audio_play_music(ctx->audio, MUSIC_TITLE);
}

/* Esc asks first; Enter quits, Esc (or a click away) keeps playing. */
static void quit_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (a & ACT_CONFIRM) {
        ui_request(ctx, UI_REQ_QUIT, 0);
    } else if (a & ACT_BACK) {
        ctx->quit_asking = false;
        audio_play_cue(ctx->audio, CUE_SELECT);
    }
}

static void title_actions(ui_ctx_t *ctx, uint32_t a)
{
    if (ctx->quit_asking) {
        quit_actions(ctx, a);
    } else if (a & ACT_BACK) {
#if !defined(__EMSCRIPTEN__) /* a page has nowhere to quit to */
        ctx->quit_asking = true;
        audio_play_cue(ctx->audio, CUE_PAUSE);
        ui_trace("ask %s", quit_question);
#endif
    } else if (a & (ACT_UP | ACT_DOWN)) {
        ctx->title_sel = (ctx->title_sel + ((a & ACT_DOWN) ? 1 : TITLE_WAYS - 1)) % TITLE_WAYS;
        audio_play_cue(ctx->audio, CUE_SELECT);
    } else if (ctx->title_sel == 2 && (a & ACT_ANY)) {
        audio_play_cue(ctx->audio, CUE_CONFIRM);
        ui_request(ctx, UI_REQ_EDITOR_NEW, 0);
    } else if (ctx->title_sel == 1 && (a & ACT_ANY)) {
        bool open = ui_night_unlocked(ctx);
        audio_play_cue(ctx->audio, open ? CUE_CONFIRM : CUE_BUMP);
        if (open) ui_request(ctx, UI_REQ_NIGHT_BEGIN, 0);
    } else if (a & ACT_ANY) {
        audio_play_cue(ctx->audio, CUE_CONFIRM);
        /* The select opens on the furthest level open. */
        ctx->menu_sel = 0;
        for (int i = 0; i < ctx->campaign_count; i++)
            if (ui_level_unlocked(ctx, i)) ctx->menu_sel = i;
        ui_go(ctx, SCREEN_SELECT);
    }
}

/* The question before quitting: a larger box in the larger menu text. */
typedef struct ask_layout {
    font_id_t fs;
    int w, h, prompt_y;
} ask_layout_t;

static ask_layout_t ask_layout(const text_cache_t *t)
{
    if (!t->large_menus) return (ask_layout_t){FONT_SMALL, ASK_W, ASK_H, ASK_Y + 28};
    return (ask_layout_t){FONT_SMALL_BIG, ASK_W + 60, ASK_H + 10, ASK_Y + 33};
}

/* A settings file read with trouble, in up to two lines at the foot. */
static void warning_lines(ui_ctx_t *ctx, const char *s)
{
    enum { WIDTH = RENDER_W - 24 };
    font_id_t f = text_menu_font(ctx->text, FONT_SMALL);
    int lh = f == FONT_SMALL ? 12 : text_line_height(ctx->text, f);
    int y = RENDER_H - 12 - 2 * lh;
    for (int line = 0; line < 2 && *s; line++, y += lh) {
        char buf[256];
        size_t n = strlen(s) < sizeof buf - 4 ? strlen(s) : sizeof buf - 4, take = n;
        memcpy(buf, s, n);
        buf[n] = '\0';
        /* As many words as fit; the last line ends in "..." if more is left. */
        while (take > 0 && text_width(ctx->text, f, buf) > WIDTH) {
            while (take > 0 && s[take - 1] != ' ') take--;
            if (take > 0) take--;
            buf[take] = '\0';
        }
        if (take == 0) take = n;
        bool more = s[take] != '\0';
        if (line == 1 && more) snprintf(buf + (take > 3 ? take - 3 : take), 4, "...");
        text_draw_shadow(ctx->text, f, buf, RENDER_W / 2, y, col_amber, TEXT_CENTRE);
        s += take;
        while (*s == ' ') s++;
    }
}

/* All of the title but the backdrop's cars, and the warning and question
 * drawn over them (title_draw). */
static void title_picture(ui_ctx_t *ctx)
{
    ui_backdrop_still(ctx);
    text_cache_t *t = ctx->text;
    render_t *rd = ctx->render;
    /* Two thin trails climbing out of the west: the missiles are flying. */
    for (int m = 0; m < 2; m++) {
        int len = (int)(ctx->frame / 3 % 400);
        for (int i = 0; i < len && i < 160; i++) {
            int x = 12 + m * 30 + i, y = 150 - i * i / 300 - m * 8;
            render_fill(rd, x, y, 1, 1, (SDL_Color){255, 220, 230, (Uint8)(30 + i / 4)});
        }
    }
    /* The title in neon: a soft glow behind, then the tubes. */
    render_glow(rd, RENDER_W / 2, 58, 120, (SDL_Color){255, 40, 200, 60});
    text_draw_shadow(t, FONT_LARGE, "MIRACLE MILE", RENDER_W / 2, 42, col_neon, TEXT_CENTRE);
    bool large = t->large_menus;
    text_draw_shadow(t, text_menu_font(t, FONT_MEDIUM), "Los Angeles, 4:05 a.m.", RENDER_W / 2,
                     large ? 73 : 76, col_cyan, TEXT_CENTRE);
    if (large) { /* the larger text: the first line in two */
        static const char *const lines[] = {"A payphone rings outside Johnnie's.",
                                            "Wrong number: the missiles are flying.",
                                            "Seventy minutes. Cross the Mile. Find Julie."};
        for (int i = 0; i < 3; i++)
            text_draw_shadow(t, FONT_SMALL_BIG, lines[i], RENDER_W / 2, 91 + i * 12, col_text,
                             TEXT_CENTRE);
    } else {
        text_draw_shadow(
            t, FONT_SMALL,
            "A payphone rings outside Johnnie's. Wrong number: the missiles are flying.",
            RENDER_W / 2, 98, col_text, TEXT_CENTRE);
        text_draw_shadow(t, FONT_SMALL, "Seventy minutes. Cross the Mile. Find Julie.",
                         RENDER_W / 2, 110, col_text, TEXT_CENTRE);
    }
    /* Two ways to play; the whole night opens once every level is won. */
    bool night_open = ui_night_unlocked(ctx);
    static const char *const ways[TITLE_WAYS] = {"The Mile", "The whole night", "Make a level"};
    for (int i = 0; i < TITLE_WAYS; i++) {
        bool sel = ctx->title_sel == i;
        bool blink = sel && (ctx->frame / 30) % 2 == 1 && ctx->screen_frame >= 30;
        SDL_Color c =
            sel ? (blink ? col_text : col_amber) : (i == 1 && !night_open ? col_dim : col_text);
        char label[48];
        snprintf(label, sizeof label, sel ? "> %s <" : "%s", ways[i]);
        /* The menu's size (the large_text setting) */
        int w = text_draw_shadow(t, text_menu_font(t, FONT_MEDIUM), label, RENDER_W / 2,
                                 WAY_Y + i * WAY_STEP, c, TEXT_CENTRE);
        if (i == 1 && !night_open)
            render_sprite(rd, rd->icon_lock, RENDER_W / 2 + w / 2 + (large ? 5 : 2),
                          WAY_Y + i * WAY_STEP - 3); /* clear of the larger text's shadow */
    }
    /* The medals won over the campaign, one icon and a count each; those
     * kept from assisted runs counted apart ("+1", in the assists' cyan). */
    int count[MEDAL_COUNT] = {0}, assisted[MEDAL_COUNT] = {0}, all = 0;
    for (int i = 0; i < ctx->campaign_count; i++) {
        bool with;
        medal_t m = ui_level_medal_kept(ctx, i, &with);
        (with ? assisted : count)[m]++;
        all += m != MEDAL_NONE;
    }
    if (all > 0) {
        static const char *const icons[MEDAL_COUNT] = {NULL, "medal_bronze", "medal_silver",
                                                       "medal_gold", "medal_expert"};
        const SDL_Rect *mark = render_frame_named(rd, "mark_assisted");
        int step = large ? 50 : 40; /* room for "1 +1" in either size */
        int x = RENDER_W / 2 - 4 * step / 2, y = RENDER_H - 52;
        for (int m = MEDAL_EXPERT; m >= MEDAL_BRONZE; m--, x += step) {
            const SDL_Rect *icon = render_frame_named(rd, icons[m]);
            if (icon) render_sprite(rd, icon, x, y);
            char n[16];
            snprintf(n, sizeof n, "%d", count[m]);
            int w =
                text_draw_shadow(t, text_menu_font(t, FONT_SMALL), n, x + 18, y + (large ? 2 : 4),
                                 count[m] || assisted[m] ? col_text : col_dim, TEXT_LEFT);
            if (assisted[m]) {
                if (mark) render_sprite(rd, mark, x + 10, y + 10);
                snprintf(n, sizeof n, "+%d", assisted[m]);
                text_draw_shadow(t, text_menu_font(t, FONT_SMALL), n, x + 19 + w,
                                 y + (large ? 2 : 4), col_cyan, TEXT_LEFT);
            }
        }
    }
    if (ctx->title_sel == 1) {
        char line[96], tb[24];
        snprintf(line, sizeof line, "Every level on one clock: what is left carries on.");
        if (ctx->save->night.count > 0) {
            ui_format_ticks(tb, sizeof tb, ctx->save->night.score);
            snprintf(line, sizeof line, "Every level on one clock. Best night: %s left.", tb);
        } else if (ctx->save->night_assisted.count > 0) {
            ui_format_ticks(tb, sizeof tb, ctx->save->night_assisted.score);
            snprintf(line, sizeof line, "Every level on one clock. Best (assisted): %s left.", tb);
        }
        text_draw_shadow(t, text_menu_font(t, FONT_SMALL),
                         night_open ? line
                                    : "Locked: reach Julie in every level of the Mile first.",
                         RENDER_W / 2, WAY_Y + TITLE_WAYS * WAY_STEP + 4,
                         night_open ? col_cyan : col_text, TEXT_CENTRE);
    }
    if (ctx->title_sel == 2)
        text_draw_shadow(t, text_menu_font(t, FONT_SMALL),
                         "Paint a level of your own, play it, save it: it joins the Mile.",
                         RENDER_W / 2, WAY_Y + TITLE_WAYS * WAY_STEP + 4, col_cyan, TEXT_CENTRE);
    /* What to press, on the device last used ("Press a key", "Press a button", "Tap"). */
    if (!ctx->quit_asking && ctx->screen_frame >= 60 && (ctx->frame / 30) % 2 == 0) {
        char any[48];
        ui_prompt(ctx, "{Any}", any, sizeof any);
        text_draw_shadow(t, text_menu_font(t, FONT_SMALL), any, RENDER_W / 2, large ? 201 : 198,
                         col_dim, TEXT_CENTRE);
    }
}

/* What title_picture's pixels depend on but for its three parts that
 * change by the frame counter alone (title_parts). */
static uint64_t title_key(ui_ctx_t *ctx)
{
    struct {
        uint64_t backdrop;
        uint32_t night_score, assisted_score;
        int32_t counts[MEDAL_COUNT];
        int sel, night_count, assisted_count;
        bool night_open, large;
    } k;
    memset(&k, 0, sizeof k);
    k.backdrop = ui_backdrop_key(ctx);
    k.sel = ctx->title_sel;
    k.night_open = ui_night_unlocked(ctx);
    k.large = ctx->text->large_menus;
    k.night_count = ctx->save->night.count;
    k.night_score = (uint32_t)ctx->save->night.score;
    k.assisted_count = ctx->save->night_assisted.count;
    k.assisted_score = (uint32_t)ctx->save->night_assisted.score;
    for (int i = 0; i < ctx->campaign_count; i++) {
        bool with;
        medal_t m = ui_level_medal_kept(ctx, i, &with);
        k.counts[m] += with ? 1 << 8 : 1; /* the assisted ones apart */
    }
    uint64_t h = render_key_add(RENDER_KEY_START, &k, sizeof k);
    char any[48];
    ui_prompt(ctx, "{Any}", any, sizeof any); /* the device last used names it */
    return render_key_str(h, any);
}

/* Where a trail's points i in [lo, hi) lie, both trails (title_picture). */
static SDL_Rect trail_box(int lo, int hi)
{
    if (hi <= lo) hi = lo + 1;
    int top = 150 - (hi - 1) * (hi - 1) / 300 - 8, bottom = 150 - lo * lo / 300;
    return (SDL_Rect){12 + lo, top, 30 + hi - lo, bottom - top + 1};
}

/* The title's parts that change by the frame alone, each redrawn where it
 * lies: the trails' length (every third frame while they climb, only the
 * new points drawn), the chosen way's blink and the blinking key prompt. */
static int title_parts(ui_ctx_t *ctx, render_part_t *p)
{
    uint32_t len = ctx->frame / 3 % 400;
    if (len > 160) len = 160;
    int was = (int)ctx->render->title.part_key[0];
    int lo = was < (int)len ? was : (int)len, hi = was < (int)len ? (int)len : was;
    if (!ctx->render->title.valid || hi > 160) lo = 0, hi = 160;
    p[0] = (render_part_t){len, trail_box(lo, hi)};
    bool blink = (ctx->frame / 30) % 2 == 1 && ctx->screen_frame >= 30;
    p[1] = (render_part_t){
        blink, {RENDER_W / 2 - 160, WAY_Y + ctx->title_sel * WAY_STEP - 4, 320, WAY_STEP + 14}};
    bool prompt = ctx->screen_frame >= 60 && (ctx->frame / 30) % 2 == 0;
    p[2] = (render_part_t){prompt, {RENDER_W / 2 - 160, 190, 320, 32}}; /* either text size */
    return 3;
}

/* The title but for the backdrop's cars is kept as a picture while its key
 * stays the same; the cars pass below all of it (the street's bottom rows),
 * so they come last. A settings warning (down by the cars) or the quit
 * question is drawn over them, every frame, as before. */
static void title_draw(ui_ctx_t *ctx)
{
    text_cache_t *t = ctx->text;
    render_t *rd = ctx->render;
    bool warning = ctx->settings_warning && ctx->settings_warning[0];
    if (warning || ctx->quit_asking) {
        title_picture(ctx);
    } else {
        render_part_t parts[RENDER_STILL_PARTS];
        int n = title_parts(ctx, parts);
        if (render_still_begin_parts(rd, &rd->title, title_key(ctx), parts, n)) {
            title_picture(ctx);
            render_still_end(rd, &rd->title);
        }
    }
    ui_backdrop_cars(ctx);
    if (warning) warning_lines(ctx, ctx->settings_warning);
    if (ctx->quit_asking) {
        ask_layout_t l = ask_layout(t);
        ui_panel(ctx, RENDER_W / 2 - l.w / 2, ASK_Y, l.w, l.h);
        text_draw_shadow(t, text_menu_font(t, FONT_MEDIUM), quit_question, RENDER_W / 2, ASK_Y + 8,
                         col_amber, TEXT_CENTRE);
        char prompt[96];
        text_draw(t, l.fs, ui_prompt(ctx, quit_prompt, prompt, sizeof prompt), RENDER_W / 2,
                  l.prompt_y, col_text, TEXT_CENTRE);
    }
}

static uint32_t title_pointer(ui_ctx_t *ctx, int x, int y, bool click)
{
    if (ctx->quit_asking) {
        if (!click) return 0;
        ask_layout_t l = ask_layout(ctx->text);
        uint32_t a =
            ui_prompt_at(ctx, l.fs, quit_prompt, RENDER_W / 2, l.prompt_y, TEXT_CENTRE, x, y);
        /* A click away from the question keeps playing, like Esc. */
        if (!a && !ui_in(x, y, RENDER_W / 2 - l.w / 2, ASK_Y, l.w, l.h)) a = ACT_BACK;
        return a;
    }
    for (int i = 0; i < TITLE_WAYS; i++)
        if (ui_in(x, y, RENDER_W / 2 - 90, WAY_Y + i * WAY_STEP - 3, 180, WAY_STEP)) {
            ui_hover(ctx, &ctx->title_sel, i);
            return click ? ACT_ANY | ACT_CONFIRM : 0;
        }
    return click ? ACT_ANY : 0; /* a click anywhere else: "press a key" */
}

const screen_ops_t scr_title_ops = {
    .enter = title_enter, .actions = title_actions, .draw = title_draw, .pointer = title_pointer};
