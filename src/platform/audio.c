/* Sound through SDL2_mixer.
 *
 * Effects are Mix_Chunks on the mixer's channels. The title and results
 * music are Mix_Music. A level's music is a stem set mixed by our own music
 * hook (Mix_HookMusic), one read position for all, so the stems stay
 * sample-locked however long they play. Each stem is streamed from its Ogg
 * file (libvorbisfile, a few thousand frames decoded ahead; a silent layer
 * is not decoded at all and seeks to the beat when it swells in) where the
 * build has it, else decoded into memory whole (the browser).
 * The main thread tells the hook what it wants through atomics (volumes,
 * pause, restart, stop); the hook changes the stems' volumes on the beat and
 * fades every start, stop and pause over a few milliseconds so nothing
 * clicks. A new stem set is decoded on a thread of its own where threads
 * exist, so starting a level does not stall a frame. */
#include "platform/audio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>
#if defined(MM_STREAM_STEMS)
#include <vorbis/vorbisfile.h>
#endif

#define CHANNELS 16
#define MUSIC_FADE_IN_MS 400
#define MUSIC_FADE_OUT_MS 250 /* the title's music, before the stems start */
#define DECLICK_S 0.012       /* stems fade this fast on stop, pause, restart */
#define BUS_SMOOTH_S 0.030    /* volume and ducking glide at most 0..1 in this time */
#define DUCK_ATTACK_MS 40
#define DUCK_RELEASE_MS 800
#define DUCK_HOLD_MAX_MS 3000
#define RING_RADIUS_TILES 8 /* a payphone is heard from half a screen away */
#define HEARTBEAT_FIRST (GAME_LAST_SECONDS * GAME_TICK_HZ - 20) /* off the clock's tick */
#define SHEET_MAX (16 * 1024)

static const char *const music_files[MUSIC_COUNT] = {"music_title.ogg", NULL, "music_results.ogg",
                                                     "sting_ending_together.ogg",
                                                     "sting_ending_flash.ogg"};
/* How often each plays through: -1 loops, the endings play once. */
static const int music_loops[MUSIC_COUNT] = {-1, -1, -1, 1, 1};
static const struct {
    const char *name;
    audio_music_t music;
} ending_names[] = {{"ending_together", MUSIC_ENDING_TOGETHER},
                    {"ending_flash", MUSIC_ENDING_FLASH}};
static const char *const cue_files[] = {
    "sfx_select.wav",   "sfx_confirm.wav",       "sting_win.ogg",      "sting_lose.ogg",
    "sfx_bump.wav",     "sfx_ring.ogg",          "sfx_tick.wav",       "sfx_pause.wav",
    "sting_caught.ogg", "sfx_step_pavement.wav", "sfx_step_floor.wav", "sfx_door.wav",
    "sfx_pickup.wav",   "sfx_heartbeat.wav",     "sfx_horn.ogg",       "sfx_tyres.ogg",
    "sfx_siren.ogg",    "sfx_helicopter.ogg",    "sfx_alert.wav",      "sfx_key.wav",
    "sfx_unlock.wav",   "sfx_locked.wav",        "sfx_coffee.wav",     "sfx_clock.ogg",
    "sfx_shove.wav",    "sfx_spill.ogg",         "sfx_car_door.wav",   "sfx_fire.ogg",
    "sfx_sink.wav",     "sfx_checkpoint.wav",    "sfx_story.ogg",      "sfx_hit.wav",
    "sfx_mammoth.ogg",  "sfx_crash.ogg",         "sfx_wind.ogg"};
_Static_assert(sizeof cue_files / sizeof cue_files[0] == CUE_COUNT, "a file for every cue");
static bool asset_here(const audio_t *au, const char *file);

static const char *const stem_names[AUDIO_STEM_COUNT] = {"main", "tension", "final"};

/* ---- the rules ------------------------------------------------------------ */

static float clamp01(float x)
{
    return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x);
}

/* x*scale rounded, for x in 0..1 (no libm in the game's link) */
static int scaled(float x, int scale)
{
    return (int)(clamp01(x) * (float)scale + 0.5f);
}

void audio_stem_gains(int32_t ticks_left, int32_t ticks_total, float gains[AUDIO_STEM_COUNT])
{
    const float last = (float)GAME_LAST_SECONDS;
    float left = (float)ticks_left / GAME_TICK_HZ, total = (float)ticks_total / GAME_TICK_HZ;
    /* Long enough for the layer to grow, early enough on a short level. */
    float start = 0.6f * total;
    start = start > 30.0f ? 30.0f : (start < last + 2.0f ? last + 2.0f : start);
    float x = clamp01((start - left) / (start - last));
    gains[AUDIO_STEM_MAIN] = 1.0f;
    /* squared: the layer creeps in, then grows, as loudness is heard */
    gains[AUDIO_STEM_TENSION] = x * x;
    gains[AUDIO_STEM_FINAL] = ticks_left <= GAME_LAST_SECONDS * GAME_TICK_HZ ? 1.0f : 0.0f;
}

float audio_duck_gain(uint32_t ms, uint32_t hold_ms)
{
    const float depth = 1.0f - AUDIO_DUCK_LEVEL;
    if (ms < DUCK_ATTACK_MS) return 1.0f - depth * (float)ms / DUCK_ATTACK_MS;
    ms -= DUCK_ATTACK_MS;
    if (ms < hold_ms) return AUDIO_DUCK_LEVEL;
    ms -= hold_ms;
    if (ms < DUCK_RELEASE_MS) return AUDIO_DUCK_LEVEL + depth * (float)ms / DUCK_RELEASE_MS;
    return 1.0f;
}

void audio_spatial(int32_t sx, int32_t sy, int32_t lx, int32_t ly, int32_t near_px, int32_t far_px,
                   float *volume, float *pan)
{
    double dx = (double)sx - (double)lx, dy = (double)sy - (double)ly;
    double d = SDL_sqrt(dx * dx + dy * dy);
    double near_d = near_px > 0 ? near_px : 0, far_d = far_px > near_d ? far_px : near_d;
    if (d <= near_d) {
        *volume = 1.0f;
    } else if (d >= far_d) {
        *volume = 0.0f;
    } else { /* smoothstep: no corner where it starts or where it ends */
        double t = (d - near_d) / (far_d - near_d);
        *volume = (float)(1.0 - t * t * (3.0 - 2.0 * t));
    }
    double p = dx / (far_d > 1.0 ? far_d : 1.0);
    p = p < -1.0 ? -1.0 : (p > 1.0 ? 1.0 : p);
    *pan = (float)(AUDIO_PAN_MAX * p);
}

audio_music_t audio_ending_music(const char *name)
{
    for (size_t i = 0; name && i < sizeof ending_names / sizeof ending_names[0]; i++)
        if (strcmp(name, ending_names[i].name) == 0) return ending_names[i].music;
    return MUSIC_NONE;
}

bool audio_music_name_ok(const char *name)
{
    size_t n = 0;
    for (; name[n]; n++) {
        char c = name[n];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
            return false;
    }
    return n > 0 && n <= AUDIO_MUSIC_NAME_MAX;
}

audio_cue_t audio_footstep_cue(tile_kind_t tile, float *volume)
{
    switch (tile) {
    case TILE_DINER_FLOOR:
    case TILE_STORE_FLOOR:
    case TILE_MALL_FLOOR:
    case TILE_ESCALATOR:
    case TILE_DOOR:
        *volume = 0.6f;
        return CUE_STEP_FLOOR;
    case TILE_GRASS:
        *volume = 0.3f; /* soft ground: barely a sound */
        return CUE_STEP_PAVEMENT;
    case TILE_TAR:
    case TILE_TAR_SHALLOW:
    case TILE_WATER:
        *volume = 0.4f;
        return CUE_STEP_PAVEMENT;
    default:
        *volume = 0.55f;
        return CUE_STEP_PAVEMENT;
    }
}

/* A file name from a sheet goes into a path: no folders, no surprises. */
static bool file_name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= AUDIO_FILE_NAME_MAX || s[0] == '.') return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return false;
    }
    return true;
}

/* The next whitespace-separated word of a line, or NULL. */
static const char *next_word(const char **p, const char *end, size_t *n)
{
    const char *s = *p;
    while (s < end && (*s == ' ' || *s == '\t' || *s == '\r')) s++;
    const char *w = s;
    while (s < end && *s != ' ' && *s != '\t' && *s != '\r') s++;
    *p = s;
    *n = (size_t)(s - w);
    return *n ? w : NULL;
}

static bool word_is(const char *w, size_t n, const char *lit)
{
    return w && n == strlen(lit) && memcmp(w, lit, n) == 0;
}

bool audio_sheet_parse(const char *buf, size_t len, audio_sheet_t *sheet, char *err, size_t err_cap)
{
    memset(sheet, 0, sizeof *sheet);
    err[0] = '\0';
    const char *p = buf, *end = buf + len;
    int line = 0;
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p));
        if (!eol) eol = end;
        line++;
        const char *s = p;
        p = eol + (eol < end);
        size_t n, vn, fn;
        const char *w = next_word(&s, eol, &n);
        if (!w || w[0] == '#') continue;
        const char *v = next_word(&s, eol, &vn);
        if (word_is(w, n, "bars")) {
            int bars = v && vn <= 4 ? 0 : -1;
            for (size_t i = 0; bars >= 0 && i < vn; i++)
                bars = v[i] >= '0' && v[i] <= '9' ? bars * 10 + (v[i] - '0') : -1;
            if (bars < 1) {
                snprintf(err, err_cap, "line %d: 'bars' needs a whole number from 1", line);
                return false;
            }
            sheet->bars = bars;
        } else if (word_is(w, n, "loop")) {
            sheet->loop = word_is(v, vn, "yes");
        } else if (word_is(w, n, "stem")) {
            const char *f = next_word(&s, eol, &fn);
            if (!v || !f || !file_name_ok(f, fn)) {
                snprintf(err, err_cap, "line %d: expected 'stem NAME FILE', a plain file name",
                         line);
                return false;
            }
            for (int i = 0; i < AUDIO_STEM_COUNT; i++)
                if (word_is(v, vn, stem_names[i])) {
                    memcpy(sheet->files[i], f, fn);
                    sheet->files[i][fn] = '\0';
                }
        }
        /* 'tempo' and words of later versions are for people, or ignored */
    }
    if (sheet->bars == 0 || !sheet->files[AUDIO_STEM_MAIN][0]) {
        snprintf(err, err_cap, "no 'bars' or no main stem");
        return false;
    }
    return true;
}

/* ---- stem sets and the mixing hook ------------------------------------------ */

/* A stem read from its file as it plays: the frames from start on, decoded. */
enum { STREAM_FRAMES = 4096 };
typedef struct stem_stream {
#if defined(MM_STREAM_STEMS)
    OggVorbis_File vf;
#endif
    int64_t start, next; /* the frame buf starts at; the one the decoder reads next */
    int len;             /* frames in buf */
    int channels;
    Sint16 buf[STREAM_FRAMES * 2];
} stem_stream_t;

typedef struct stem_set {
    char name[AUDIO_MUSIC_NAME_MAX + 1];
    Mix_Chunk *chunk[AUDIO_STEM_COUNT];      /* NULL for a stem the set lacks */
    stem_stream_t *stream[AUDIO_STEM_COUNT]; /* or the stem streamed */
    int64_t frames;                          /* the loop, in device frames */
    int beats;
} stem_set_t;

typedef struct audio_stems {
    /* fixed while the hook is installed */
    stem_set_t *set;
    int channels;
    float declick_step, bus_smooth;
    /* main thread -> hook, in thousandths */
    SDL_atomic_t target[AUDIO_STEM_COUNT];
    SDL_atomic_t bus;
    SDL_atomic_t run, paused, restart;
    /* hook -> main thread: faded out and stopped or paused */
    SDL_atomic_t silent;
    /* the hook's own */
    int64_t pos, next_beat;
    int beat;
    int seen_restart;
    float gain[AUDIO_STEM_COUNT], step[AUDIO_STEM_COUNT], latched[AUDIO_STEM_COUNT];
    float env, bus_gain;
    /* main thread */
    bool hooked;
    stem_set_t *cached; /* not hooked: kept for the next run of the level */
    SDL_Thread *loader;
    SDL_atomic_t loaded;
    stem_set_t *loading;
    char loading_name[AUDIO_MUSIC_NAME_MAX + 1];
    char key[LEVEL_NAME_MAX + 1];            /* the level's music key, */
    char resolved[AUDIO_MUSIC_NAME_MAX + 1]; /* the set it means */
    char failed[AUDIO_MUSIC_NAME_MAX + 1];   /* a set that would not load */
    bool default_failed;
    int32_t ticks_total;
} audio_stems_t;

static void set_free(stem_set_t *set)
{
    if (!set) return;
    for (int i = 0; i < AUDIO_STEM_COUNT; i++) {
        if (set->chunk[i]) Mix_FreeChunk(set->chunk[i]);
#if defined(MM_STREAM_STEMS)
        if (set->stream[i]) ov_clear(&set->stream[i]->vf);
#endif
        free(set->stream[i]);
    }
    free(set);
}

#if defined(MM_STREAM_STEMS)
/* Opens a stem to stream, if it is in the device's own rate, channels and
 * sample format (else NULL: it is decoded whole and converted). */
static stem_stream_t *stream_open(const char *path, int freq, Uint16 format, int channels,
                                  int64_t *frames)
{
    if (format != AUDIO_S16SYS || channels < 1 || channels > 2) return NULL;
    stem_stream_t *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    if (ov_fopen(path, &s->vf) != 0) {
        free(s);
        return NULL;
    }
    const vorbis_info *vi = ov_info(&s->vf, -1);
    ogg_int64_t n = ov_pcm_total(&s->vf, -1);
    if (!vi || vi->rate != freq || vi->channels != channels || n <= 0) {
        ov_clear(&s->vf);
        free(s);
        return NULL;
    }
    s->channels = channels;
    *frames = (int64_t)n;
    return s;
}

/* The stem's frame at pos (channels samples), decoding ahead as needed; NULL
 * past its end or on a broken file (silence). On the mixer's thread. */
static const Sint16 *stream_at(stem_stream_t *s, int64_t pos)
{
    if (pos >= s->start && pos < s->start + s->len)
        return s->buf + (size_t)(pos - s->start) * (size_t)s->channels;
    if (pos != s->next && ov_pcm_seek(&s->vf, (ogg_int64_t)pos) != 0) {
        s->len = 0;
        s->next = -1;
        return NULL;
    }
    s->start = pos;
    s->len = 0;
    int frame_bytes = (int)sizeof(Sint16) * s->channels;
    for (int tries = 0; s->len < STREAM_FRAMES && tries < 64; tries++) {
        int section = 0;
        long n = ov_read(&s->vf, (char *)(s->buf + (size_t)s->len * (size_t)s->channels),
                         (STREAM_FRAMES - s->len) * frame_bytes, SDL_BYTEORDER == SDL_BIG_ENDIAN, 2,
                         1, &section);
        if (n == OV_HOLE) continue;
        if (n <= 0) break;
        s->len += (int)(n / frame_bytes);
    }
    s->next = s->start + s->len;
    return s->len > 0 ? s->buf : NULL;
}
#endif

static int64_t beat_frame(const stem_set_t *set, int beat)
{
    return (int64_t)beat * set->frames / set->beats;
}

/* Every stem glides to its new volume from the beat on: the tension layer
 * over the whole beat, the final layer over a sixteenth, so it lands. */
static void latch_targets(audio_stems_t *st)
{
    const stem_set_t *set = st->set;
    int64_t beat_len = set->frames / set->beats;
    for (int i = 0; i < AUDIO_STEM_COUNT; i++) {
        st->latched[i] = (float)SDL_AtomicGet(&st->target[i]) / 1000.0f;
        int64_t glide = i == AUDIO_STEM_FINAL ? beat_len / 4 : beat_len;
        st->step[i] = (st->latched[i] - st->gain[i]) / (float)(glide > 0 ? glide : 1);
    }
}

static void restart_stems(audio_stems_t *st)
{
    st->pos = 0;
    st->beat = 0;
    st->next_beat = 0;
    for (int i = 0; i < AUDIO_STEM_COUNT; i++) {
        st->gain[i] = (float)SDL_AtomicGet(&st->target[i]) / 1000.0f;
        st->step[i] = 0.0f;
    }
}

/* A streamed stem's frame at pos, or NULL (silence; no streaming built in). */
static const Sint16 *stem_read(stem_stream_t *s, int64_t pos)
{
#if defined(MM_STREAM_STEMS)
    return stream_at(s, pos);
#else
    (void)s;
    (void)pos;
    return NULL;
#endif
}

static void SDLCALL stems_mix(void *udata, Uint8 *stream, int len)
{
    audio_stems_t *st = udata;
    const stem_set_t *set = st->set;
    const int ch = st->channels;
    Sint16 *out = (Sint16 *)(void *)stream;
    int frames = len / (int)(sizeof(Sint16) * (size_t)ch);
    int run = SDL_AtomicGet(&st->run), paused = SDL_AtomicGet(&st->paused);
    int restart = SDL_AtomicGet(&st->restart);
    float bus_target = (float)SDL_AtomicGet(&st->bus) / 1000.0f;
    const Sint16 *src[AUDIO_STEM_COUNT];
    for (int i = 0; i < AUDIO_STEM_COUNT; i++)
        src[i] = set->chunk[i] ? (const Sint16 *)(const void *)set->chunk[i]->abuf : NULL;

    bool sound = false;
    for (int f = 0; f < frames; f++) {
        bool want = run && !paused && restart == st->seen_restart;
        if (want) {
            st->env = st->env + st->declick_step > 1.0f ? 1.0f : st->env + st->declick_step;
        } else if (st->env > 0.0f) {
            st->env = st->env - st->declick_step < 0.0f ? 0.0f : st->env - st->declick_step;
        }
        if (st->env == 0.0f && !want) {
            if (restart != st->seen_restart) { /* faded out: jump to the top */
                st->seen_restart = restart;
                restart_stems(st);
            }
            continue; /* stopped or paused: hold the position */
        }
        if (st->pos == st->next_beat) {
            latch_targets(st);
            st->beat++;
            st->next_beat = st->beat < set->beats ? beat_frame(set, st->beat) : set->frames;
        }
        float d = bus_target - st->bus_gain; /* a linear glide, so it arrives */
        st->bus_gain +=
            d > st->bus_smooth ? st->bus_smooth : (d < -st->bus_smooth ? -st->bus_smooth : d);
        float g[AUDIO_STEM_COUNT];
        for (int i = 0; i < AUDIO_STEM_COUNT; i++) {
            float x = st->gain[i] + st->step[i];
            if ((st->step[i] > 0.0f && x >= st->latched[i]) ||
                (st->step[i] < 0.0f && x <= st->latched[i])) {
                x = st->latched[i];
                st->step[i] = 0.0f;
            }
            st->gain[i] = x;
            g[i] = x * st->bus_gain * st->env;
        }
        size_t at = (size_t)st->pos * (size_t)ch;
        const Sint16 *in[AUDIO_STEM_COUNT];
        for (int i = 0; i < AUDIO_STEM_COUNT; i++)
            in[i] = src[i]                           ? src[i] + at
                    : set->stream[i] && g[i] != 0.0f ? stem_read(set->stream[i], st->pos)
                                                     : NULL;
        for (int c = 0; c < ch; c++) {
            float mix = 0.0f;
            for (int i = 0; i < AUDIO_STEM_COUNT; i++)
                if (in[i]) mix += (float)in[i][c] * g[i];
            Sint16 *o = &out[(size_t)f * (size_t)ch + (size_t)c];
            float y = (float)*o + mix;
            *o = (Sint16)(y > 32767.0f ? 32767.0f : (y < -32768.0f ? -32768.0f : y));
        }
        sound = true;
        if (++st->pos >= set->frames) {
            st->pos = 0;
            st->beat = 0;
            st->next_beat = 0;
        }
    }
    SDL_AtomicSet(&st->silent, !sound && st->env == 0.0f);
}

/* Reads the sheet and decodes its stems; NULL with a warning logged when it
 * cannot. Runs on the loader thread. */
static stem_set_t *set_load(const char *data_dir, const char *name)
{
    char path[1200], err[200];
    snprintf(path, sizeof path, "%s/assets/music_%s.stems", data_dir, name);
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw) {
        SDL_Log("warning: cannot read the stem sheet %s", path);
        return NULL;
    }
    char *text = malloc(SHEET_MAX);
    size_t len = text ? SDL_RWread(rw, text, 1, SHEET_MAX) : 0;
    SDL_RWclose(rw);
    audio_sheet_t sheet;
    bool ok = text && audio_sheet_parse(text, len, &sheet, err, sizeof err);
    free(text);
    if (!ok) {
        SDL_Log("warning: %s: %s", path, text ? err : "out of memory");
        return NULL;
    }
    stem_set_t *set = calloc(1, sizeof *set);
    if (!set) return NULL;
    snprintf(set->name, sizeof set->name, "%s", name);
    int freq = 0, channels = 0;
    Uint16 format = 0;
    Mix_QuerySpec(&freq, &format, &channels);
    int64_t frame_bytes = (int64_t)sizeof(Sint16) * channels;
    set->frames = -1;
    for (int i = 0; i < AUDIO_STEM_COUNT; i++) {
        if (!sheet.files[i][0]) continue;
        snprintf(path, sizeof path, "%s/assets/%s", data_dir, sheet.files[i]);
        int64_t n = 0;
#if defined(MM_STREAM_STEMS)
        set->stream[i] = stream_open(path, freq, format, channels, &n);
#endif
        if (!set->stream[i]) {
            set->chunk[i] = Mix_LoadWAV(path);
            if (!set->chunk[i]) {
                SDL_Log("warning: cannot load the stem %s: %s", path, Mix_GetError());
                continue;
            }
            n = (int64_t)set->chunk[i]->alen / frame_bytes;
        }
        /* they are one length; should a file differ, none reads past its end */
        if (set->frames < 0 || n < set->frames) set->frames = n;
    }
    set->beats = sheet.bars * 4;
    if ((!set->chunk[AUDIO_STEM_MAIN] && !set->stream[AUDIO_STEM_MAIN]) ||
        set->frames < set->beats * 4) {
        set_free(set);
        return NULL;
    }
    if (!sheet.loop) SDL_Log("warning: the music '%s' was not written as a loop", name);
    return set;
}

typedef struct load_job {
    audio_stems_t *st;
    char data_dir[1024];
} load_job_t;

static int SDLCALL loader_main(void *arg)
{
    load_job_t *job = arg;
    job->st->loading = set_load(job->data_dir, job->st->loading_name);
    SDL_AtomicSet(&job->st->loaded, 1);
    free(job);
    return 0;
}

static void start_load(audio_t *au, const char *name)
{
    audio_stems_t *st = au->stems;
    load_job_t *job = malloc(sizeof *job);
    if (!job) return;
    job->st = st;
    snprintf(job->data_dir, sizeof job->data_dir, "%s", au->data_dir);
    snprintf(st->loading_name, sizeof st->loading_name, "%s", name);
    st->loading = NULL;
    SDL_AtomicSet(&st->loaded, 0);
    st->loader = SDL_CreateThread(loader_main, "mm-stems", job);
    if (!st->loader) loader_main(job); /* no threads (a browser): load now */
}

/* Waits for a load in flight; returns what it made (or NULL). */
static stem_set_t *finish_load(audio_stems_t *st)
{
    if (st->loader) SDL_WaitThread(st->loader, NULL);
    st->loader = NULL;
    stem_set_t *set = st->loading;
    st->loading = NULL;
    st->loading_name[0] = '\0';
    SDL_AtomicSet(&st->loaded, 0);
    return set;
}

static bool loading(const audio_stems_t *st)
{
    return st->loading_name[0] != '\0';
}

static void unhook(audio_stems_t *st)
{
    if (!st->hooked) return;
    Mix_HookMusic(NULL, NULL); /* takes the mixer's lock: the hook is done */
    st->hooked = false;
    st->cached = st->set;
    st->set = NULL;
}

static void hook(audio_t *au, stem_set_t *set)
{
    audio_stems_t *st = au->stems;
    if (st->cached && st->cached != set) set_free(st->cached);
    st->cached = NULL;
    st->set = set;
    st->env = 0.0f;
    st->bus_gain = (float)SDL_AtomicGet(&st->bus) / 1000.0f;
    st->seen_restart = SDL_AtomicGet(&st->restart);
    restart_stems(st);
    SDL_AtomicSet(&st->run, 1);
    SDL_AtomicSet(&st->silent, 0);
    Mix_HookMusic(stems_mix, st);
    st->hooked = true;
}

/* The stem set a level asks for: its music key if a sheet exists for it and
 * loads, else the default pulse, with one warning. Remembered, so the disk
 * is asked once per key. */
static const char *resolve_music(audio_t *au, const char *key)
{
    audio_stems_t *st = au->stems;
    if (!key) key = "";
    if (st->resolved[0] && strcmp(st->key, key) == 0) return st->resolved;
    snprintf(st->key, sizeof st->key, "%s", key);
    const char *name = key[0] && strcmp(key, "level") != 0 ? key : AUDIO_DEFAULT_MUSIC;
    bool ok = audio_music_name_ok(name) && strcmp(name, st->failed) != 0;
    if (ok) {
        char path[1200];
        snprintf(path, sizeof path, "%s/assets/music_%s.stems", au->data_dir, name);
        SDL_RWops *rw = SDL_RWFromFile(path, "rb");
        ok = rw != NULL;
        if (rw) SDL_RWclose(rw);
    }
    if (!ok) {
        SDL_Log("warning: the level's music '%.40s' does not exist; playing '%s' instead "
                "(known: pulse1 to pulse6)",
                name, AUDIO_DEFAULT_MUSIC);
        name = AUDIO_DEFAULT_MUSIC;
    }
    snprintf(st->resolved, sizeof st->resolved, "%s", name);
    return st->resolved;
}

static void set_targets(audio_stems_t *st, int32_t ticks_left, int32_t ticks_total)
{
    float g[AUDIO_STEM_COUNT];
    audio_stem_gains(ticks_left, ticks_total, g);
    for (int i = 0; i < AUDIO_STEM_COUNT; i++) SDL_AtomicSet(&st->target[i], scaled(g[i], 1000));
}

static void update_stems(audio_t *au, const audio_scene_t *scene, float music_level)
{
    audio_stems_t *st = au->stems;
    SDL_AtomicSet(&st->bus, scaled(music_level, 1000));
    bool want = scene->in_level && au->playing == MUSIC_LEVEL;
    if (!want) {
        SDL_AtomicSet(&st->run, 0);
        if (st->hooked && SDL_AtomicGet(&st->silent)) unhook(st);
        return;
    }
    st->ticks_total = scene->ticks_total;
    set_targets(st, scene->ticks_left, scene->ticks_total);
    SDL_AtomicSet(&st->paused, scene->paused);

    const char *name = resolve_music(au, scene->level_music);
    if (st->hooked && strcmp(st->set->name, name) == 0) return;
    if (st->hooked) { /* another level's music: fade it, then swap */
        SDL_AtomicSet(&st->run, 0);
        if (!SDL_AtomicGet(&st->silent)) return;
        unhook(st);
    }
    if (Mix_PlayingMusic()) return; /* the title's music is still fading out */
    if (st->cached && strcmp(st->cached->name, name) == 0) {
        hook(au, st->cached);
        return;
    }
    if (st->default_failed && strcmp(name, AUDIO_DEFAULT_MUSIC) == 0) return; /* silence */
#if defined(__EMSCRIPTEN__)
    /* The level plays on without music until its stems have come, then it
     * fades in (the page fetches them; the main stem comes last). */
    if (!loading(st)) {
        char main_stem[80];
        snprintf(main_stem, sizeof main_stem, "music_%s.ogg", name);
        if (!asset_here(au, main_stem)) return;
    }
#endif
    if (!loading(st)) start_load(au, name);
    if (!SDL_AtomicGet(&st->loaded)) return;
    char loaded[AUDIO_MUSIC_NAME_MAX + 1];
    snprintf(loaded, sizeof loaded, "%s", st->loading_name);
    stem_set_t *set = finish_load(st);
    if (strcmp(loaded, name) != 0) { /* the player moved on while it loaded */
        set_free(set);
    } else if (set) {
        hook(au, set);
    } else if (strcmp(name, AUDIO_DEFAULT_MUSIC) == 0) {
        st->default_failed = true;
    } else { /* its sheet is there but broken: the default from now on */
        snprintf(st->failed, sizeof st->failed, "%s", name);
        st->resolved[0] = '\0';
    }
}

/* ---- the device ------------------------------------------------------------- */

void audio_init(audio_t *au, const char *data_dir)
{
    memset(au, 0, sizeof *au);
    au->playing = MUSIC_NONE;
    au->music_gain = 1.0f;
    au->sfx_volume = MIX_MAX_VOLUME;
    au->music_set = -1;
    snprintf(au->data_dir, sizeof au->data_dir, "%s", data_dir);
    audio_quiet_alsa();
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        SDL_Log("warning: no audio (%s); the game plays silently", SDL_GetError());
        return;
    }
    Mix_Init(MIX_INIT_OGG);
    if (Mix_OpenAudio(48000, AUDIO_S16SYS, 2, 1024) != 0) {
        SDL_Log("warning: no audio device (%s); the game plays silently", Mix_GetError());
        Mix_Quit();
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        return;
    }
    int freq = 0, channels = 0;
    Uint16 format = 0;
    Mix_QuerySpec(&freq, &format, &channels);
    au->ok = true;
    Mix_AllocateChannels(CHANNELS);
    /* The stems are mixed as 16-bit samples, which is what was asked for. */
    if (format != AUDIO_S16SYS || channels < 1 || freq < 8000) {
        SDL_Log("warning: unexpected audio format; the levels play without music");
        return;
    }
    au->stems = calloc(1, sizeof *au->stems);
    if (!au->stems) return;
    au->stems->channels = channels;
    au->stems->declick_step = 1.0f / (float)(DECLICK_S * freq);
    au->stems->bus_smooth = 1.0f / (float)(BUS_SMOOTH_S * freq); /* per frame */
    SDL_AtomicSet(&au->stems->bus, 1000);
}

/* ---- sounds read when first needed -------------------------------------------- */

#if defined(__EMSCRIPTEN__)
/* tools/web/library.js: asks the page for a file of the data folder it
 * leaves out of the first download (the music, the effects), once. */
void mm_web_want_asset(const char *file);
#endif

/* Whether data_dir/assets/FILE is there to read: always on the desktop (a
 * missing file is reported when it fails to load); in the browser a file
 * still on its way is asked for and read when it has come. */
static bool asset_here(const audio_t *au, const char *file)
{
#if defined(__EMSCRIPTEN__)
    char path[1200];
    snprintf(path, sizeof path, "%s/assets/%s", au->data_dir, file);
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (rw) {
        SDL_RWclose(rw);
        return true;
    }
    mm_web_want_asset(file);
    return false;
#else
    (void)au;
    (void)file;
    return true;
#endif
}

/* A music piece, read the first time it is asked for. NULL while it is on
 * its way (music_waiting says so) or if it cannot be read (once warned). */
static Mix_Music *music_get(audio_t *au, audio_music_t m)
{
    if (m <= MUSIC_NONE || m >= MUSIC_COUNT || !music_files[m] || au->music_failed[m]) return NULL;
    if (au->music[m]) return au->music[m];
    if (!asset_here(au, music_files[m])) return NULL;
    char path[1200];
    snprintf(path, sizeof path, "%s/assets/%s", au->data_dir, music_files[m]);
    au->music[m] = Mix_LoadMUS(path);
    if (!au->music[m]) {
        SDL_Log("warning: cannot load music %s: %s", path, Mix_GetError());
        au->music_failed[m] = true;
    }
    return au->music[m];
}

/* An effect, decoded the first time it plays (a few milliseconds), so the
 * game starts without decoding every sound it might make. */
static Mix_Chunk *cue_get(audio_t *au, audio_cue_t c)
{
    if (au->cues[c] || au->cue_failed[c]) return au->cues[c];
    char file[64];
    snprintf(file, sizeof file, "%s", cue_files[c]);
#if defined(__EMSCRIPTEN__)
    /* The browser build renders every effect as Ogg (MM_SFX_FORMAT). */
    char *dot = strrchr(file, '.');
    if (dot && strcmp(dot, ".wav") == 0) snprintf(dot, sizeof file - (size_t)(dot - file), ".ogg");
#endif
    if (!asset_here(au, file)) return NULL;
    char path[1200];
    snprintf(path, sizeof path, "%s/assets/%s", au->data_dir, file);
    au->cues[c] = Mix_LoadWAV(path);
    if (!au->cues[c]) {
        SDL_Log("warning: cannot load sound %s: %s", path, Mix_GetError());
        au->cue_failed[c] = true;
    }
    return au->cues[c];
}

bool audio_cue_ready(audio_t *au, audio_cue_t c)
{
    return au->ok && c >= 0 && c < CUE_COUNT && cue_get(au, c) != NULL;
}

void audio_shutdown(audio_t *au)
{
    if (!au->ok) return;
    Mix_HaltMusic();
    Mix_HaltChannel(-1);
    if (au->stems) {
        audio_stems_t *st = au->stems;
        unhook(st);
        if (loading(st)) set_free(finish_load(st));
        set_free(st->cached);
        free(st);
    }
    for (int i = 0; i < MUSIC_COUNT; i++)
        if (au->music[i]) Mix_FreeMusic(au->music[i]);
    for (int i = 0; i < CUE_COUNT; i++)
        if (au->cues[i]) Mix_FreeChunk(au->cues[i]);
    Mix_CloseAudio();
    Mix_Quit();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    memset(au, 0, sizeof *au);
}

void audio_play_music(audio_t *au, audio_music_t m)
{
    if (!au->ok) return;
    if (m == MUSIC_LEVEL) {
        audio_stems_t *st = au->stems;
        if (st) { /* a new run: from the top, with the clock full */
            if (st->ticks_total > 0) set_targets(st, st->ticks_total, st->ticks_total);
            SDL_AtomicAdd(&st->restart, 1);
        }
        if (au->playing != MUSIC_LEVEL) Mix_FadeOutMusic(MUSIC_FADE_OUT_MS);
        au->playing = m;
        return;
    }
    if (au->playing == m) return;
    au->playing = m;
    au->music_waiting = false;
    Mix_Music *mus = music_get(au, m);
    if (!mus) {
        Mix_HaltMusic();
        /* On its way (the browser): it fades in when it has come. */
        au->music_waiting = m != MUSIC_NONE && !au->music_failed[m] && music_files[m];
        return;
    }
    /* While the stems' hook is still fading out, the music waits silently
     * and its fade-in starts when the hook is gone. */
    Mix_FadeInMusic(mus, music_loops[m], MUSIC_FADE_IN_MS);
}

bool audio_play_ending(audio_t *au, const char *name)
{
    audio_music_t m = audio_ending_music(name);
    if (m == MUSIC_NONE) {
        SDL_Log("warning: no ending music named '%.40s' (known: ending_together, ending_flash)",
                name ? name : "(null)");
        return false;
    }
    if (!au->ok) return true;
    /* Ended (not looping, it stays 'playing'): start it over. */
    if (au->playing == m && !audio_ending_playing(au)) au->playing = MUSIC_NONE;
    audio_play_music(au, m);
    return true;
}

bool audio_ending_playing(const audio_t *au)
{
    return au->ok && (au->playing == MUSIC_ENDING_TOGETHER || au->playing == MUSIC_ENDING_FLASH) &&
           au->music[au->playing] && Mix_PlayingMusic();
}

void audio_pause_music(audio_t *au, bool paused)
{
    if (!au->ok) return;
    if (paused)
        Mix_PauseMusic();
    else
        Mix_ResumeMusic();
    if (au->stems) SDL_AtomicSet(&au->stems->paused, paused);
}

/* Plays a chunk on a free channel (or the oldest) at a volume of its own
 * (0..1 of the effects volume) and a pan (-1..1). The panning is set anew on
 * every start, so a reused channel never keeps the last sound's place. */
static void play_chunk_at(audio_t *au, audio_cue_t c, float volume, float pan)
{
    if (!au->ok || !cue_get(au, c)) return;
    au->plays[c]++;
    int ch = Mix_GroupAvailable(-1);
    if (ch < 0) ch = Mix_GroupOldest(-1);
    if (ch < 0) return;
    /* Stopping a channel drops its effects (the panning among them), and
     * starting one that still plays would stop it: stop it first, then set
     * the new sound's place. */
    Mix_HaltChannel(ch);
    Mix_Volume(ch, scaled(volume, au->sfx_volume));
    /* balance: the middle keeps both sides at full, as a sound unpanned */
    Mix_SetPanning(ch, (Uint8)scaled(pan > 0.0f ? 1.0f - pan : 1.0f, 255),
                   (Uint8)scaled(pan < 0.0f ? 1.0f + pan : 1.0f, 255));
    Mix_PlayChannel(ch, au->cues[c], 0);
}

static void play_chunk(audio_t *au, audio_cue_t c, float volume)
{
    play_chunk_at(au, c, volume, 0.0f);
}

void audio_play_cue(audio_t *au, audio_cue_t c)
{
    audio_play_cue_at(au, c, 1.0f, 0.0f);
}

void audio_play_cue_at(audio_t *au, audio_cue_t c, float volume, float pan)
{
    if (!au->ok || c < 0 || c >= CUE_COUNT) return;
    if (!(volume > 0.0f)) volume = 0.0f; /* and not a number */
    if (!(pan >= -1.0f && pan <= 1.0f)) pan = pan < -1.0f ? -1.0f : (pan > 1.0f ? 1.0f : 0.0f);
    play_chunk_at(au, c, volume, pan);
    if (c == CUE_WIN || c == CUE_LOSE || c == CUE_CAUGHT || c == CUE_RING) {
        /* the music stays down while the sting sounds, then comes back */
        Mix_Chunk *k = au->cues[c];
        int freq = 48000, channels = 2;
        Uint16 format;
        Mix_QuerySpec(&freq, &format, &channels);
        uint32_t ms = k ? (uint32_t)((uint64_t)k->alen * 1000 /
                                     ((uint64_t)freq * (uint64_t)channels * sizeof(Sint16)))
                        : 0;
        ms = ms > DUCK_RELEASE_MS ? ms - DUCK_RELEASE_MS : 0;
        au->duck_hold_ms = ms > DUCK_HOLD_MAX_MS ? DUCK_HOLD_MAX_MS : ms;
        au->duck_start_ms = SDL_GetTicks();
        au->ducking = true;
    }
}

void audio_set_volumes(audio_t *au, int music, int sfx, bool muted)
{
    if (!au->ok) return;
    au->music_gain = muted ? 0.0f : (float)music / 10.0f;
    au->sfx_volume = muted ? 0 : MIX_MAX_VOLUME * sfx / 10;
    Mix_Volume(-1, au->sfx_volume);
    au->music_set = -1; /* set on the next update */
    Mix_VolumeMusic(scaled(au->music_gain, MIX_MAX_VOLUME));
    if (au->stems) SDL_AtomicSet(&au->stems->bus, scaled(au->music_gain, 1000));
}

void audio_update(audio_t *au, const audio_scene_t *scene)
{
    if (!au->ok) return;
    float duck = 1.0f;
    if (au->ducking) {
        uint32_t t = SDL_GetTicks() - au->duck_start_ms;
        duck = audio_duck_gain(t, au->duck_hold_ms);
        if (t > DUCK_ATTACK_MS + au->duck_hold_ms + DUCK_RELEASE_MS) au->ducking = false;
    }
    float level = au->music_gain * duck;
    int v = scaled(level, MIX_MAX_VOLUME);
    if (v != au->music_set) {
        Mix_VolumeMusic(v);
        au->music_set = v;
    }
    if (au->music_waiting && au->playing > MUSIC_NONE && au->playing != MUSIC_LEVEL &&
        (au->frames_waited++ % 15) == 0) {
        Mix_Music *mus = music_get(au, au->playing);
        if (mus) {
            au->music_waiting = false;
            Mix_FadeInMusic(mus, music_loops[au->playing], MUSIC_FADE_IN_MS);
        } else if (au->music_failed[au->playing]) {
            au->music_waiting = false;
        }
    }
    if (au->stems) update_stems(au, scene, level);
}

/* ---- sounds of the level ------------------------------------------------------ */

/* What each event of the rules sounds like, and from how far it is heard
 * (0: everywhere, at full volume). */
static const struct {
    int8_t cue, extra; /* -1: none */
    int16_t far_px;
} event_sounds[EV_TYPE_COUNT] = {
    [EV_BUMP] = {CUE_BUMP, -1, 0},
    [EV_STEP] = {-1, -1, 0}, /* by the ground: below */
    [EV_SECOND] = {CUE_TICK, -1, 0},
    [EV_WON] = {-1, -1, 0}, /* the app plays the sting */
    [EV_LOST] = {-1, -1, 0},
    [EV_CLOCK_STARTS] = {-1, -1, 0},
    [EV_HIT] = {CUE_HIT, CUE_TYRES, 0},
    [EV_HORN] = {CUE_HORN, -1, 360},
    [EV_SHOVE] = {CUE_SHOVE, -1, 0},
    [EV_SPILL] = {CUE_SPILL, -1, 0},
    [EV_SPOTTED] = {CUE_ALERT, CUE_SIREN, 420},
    [EV_CAUGHT] = {CUE_CAUGHT, -1, 0},
    [EV_SINKING] = {CUE_SINK, -1, 0},
    [EV_SUNK] = {CUE_SINK, -1, 0},
    [EV_RESPAWN] = {-1, -1, 0},
    [EV_FIRE_SPREADS] = {CUE_FIRE, -1, 320},
    [EV_KEY] = {CUE_KEY, -1, 0},
    [EV_DOOR_OPENS] = {CUE_UNLOCK, -1, 360},
    [EV_DOOR_LOCKED] = {CUE_LOCKED, -1, 0},
    [EV_COFFEE] = {CUE_COFFEE, -1, 0},
    [EV_CLOCK] = {CUE_CLOCK, -1, 0},
    [EV_RING] = {CUE_RING, -1, 260},
    [EV_CHECKPOINT] = {CUE_CHECKPOINT, -1, 0},
    [EV_STORY] = {CUE_STORY, -1, 0},
    [EV_RIDE_ON] = {CUE_CAR_DOOR, -1, 0},
    [EV_RIDE_OFF] = {CUE_CAR_DOOR, -1, 0},
    [EV_JULIE_MOVES] = {CUE_PICKUP, -1, 0},
    [EV_ROTOR] = {CUE_HELICOPTER, -1, 480},
    [EV_SIGNAL] = {-1, -1, 0},
    [EV_HINT] = {-1, -1, 0},
    [EV_CRY] = {CUE_MAMMOTH, -1, 320}, /* heard from near the shore */
    [EV_PANIC] = {CUE_ALERT, -1, 0},
    [EV_GUST] = {CUE_WIND, -1, 400},
    /* Until the crash has its own cue: the hit, with the tyres' screech. */
    [EV_CRASH] = {CUE_HIT, CUE_TYRES, 640},
};

void audio_game_tick(audio_t *au, const game_t *g)
{
    if (!au->ok || !g->level) return;
    const level_t *lv = g->level;
    const ent_t *harry = game_harry(g);
    int32_t lx = harry->pos.x / GAME_SUB, ly = harry->pos.y / GAME_SUB;
    int32_t tx = harry->pos.x / GAME_TILE_SUB, ty = harry->pos.y / GAME_TILE_SUB;
    tile_kind_t tile = game_tile_at(g, tx, ty);
    if (g->tick <= 1 || lv != au->run_level) { /* a new run */
        au->run_level = lv;
        au->last_tx = tx;
        au->last_ty = ty;
        au->next_heartbeat = HEARTBEAT_FIRST;
        au->steps = 0;
        au->rotor_until = 0;
    }
    for (int32_t i = 0; i < g->event_count; i++) {
        const game_event_t *ev = &g->events[i];
        if (ev->type == EV_STEP) {
            float vol;
            audio_cue_t cue = audio_footstep_cue((tile_kind_t)ev->arg, &vol);
            /* left, right: alternate feet land a little differently */
            play_chunk(au, cue, (au->steps++ & 1) ? vol * 0.85f : vol);
            continue;
        }
        if (ev->type >= EV_TYPE_COUNT || event_sounds[ev->type].cue < 0) continue;
        float vol = 1.0f, pan = 0.0f;
        int32_t far = event_sounds[ev->type].far_px;
        if (far > 0) {
            audio_spatial(ev->x, ev->y, lx, ly, far / 4, far, &vol, &pan);
            if (vol <= 0.01f) continue;
        }
        if (ev->type == EV_ROTOR) {
            /* The rotor loops: start it again only when it has run out. */
            uint32_t now = SDL_GetTicks();
            if (now < au->rotor_until) continue;
            au->rotor_until = now + 1900;
        }
        audio_play_cue_at(au, (audio_cue_t)event_sounds[ev->type].cue, vol, pan);
        if (event_sounds[ev->type].extra >= 0)
            audio_play_cue_at(au, (audio_cue_t)event_sounds[ev->type].extra, vol * 0.8f, pan);
    }
    /* Walking through a doorway: the door's creak (the ground, not a rule). */
    if (tx != au->last_tx || ty != au->last_ty) {
        tile_kind_t before = game_tile_at(g, au->last_tx, au->last_ty);
        if (tile == TILE_DOOR && before != TILE_DOOR) audio_play_cue(au, CUE_DOOR);
        au->last_tx = tx;
        au->last_ty = ty;
    }
    /* the heart races as the last seconds run out: from one beat a second
     * to two */
    if (g->status == GAME_PLAYING && g->ticks_left <= au->next_heartbeat && g->ticks_left > 0) {
        play_chunk(au, CUE_HEARTBEAT, 0.9f);
        au->next_heartbeat =
            g->ticks_left - (GAME_TICK_HZ / 2 + g->ticks_left * (GAME_TICK_HZ / 2) /
                                                    (GAME_LAST_SECONDS * GAME_TICK_HZ));
    }
}
