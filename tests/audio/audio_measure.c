/* Measures rendered sounds against what their score promises: the length as
 * scored, a level above a floor (not silent), a peak below full scale (no
 * clipping), loops that join without a jump, a steady note at its pitch, and
 * stems of one score that are exactly as long as each other.
 *
 *   audio_measure [--score SCORE] [--rms-min X] [--pitch HZ] WAV...
 *   audio_measure --self-test
 *
 * Prints one line per file (length, peak, RMS) and exits 1 on any failure,
 * saying what failed. Reads only 16-bit PCM WAV, which is what the synth
 * writes. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RATE 48000
#define PI 3.14159265358979323846
#define PEAK_MAX 0.97    /* the synth's limiter stops at 0.95 */
#define FULL_SCALE 32767 /* a sample here has clipped */
#define EDGE_MAX 0.02    /* a one-shot starts and ends this close to silence */
#define SEAM_WINDOW 4800 /* 100 ms each side of a loop's seam */
#define SEAM_FACTOR 1.5  /* the seam may step this much more than its neighbours */
#define SEAM_SLACK (4.0 / 32768.0)
#define PITCH_TOLERANCE 0.003 /* 0.3 %, about 5 cents */
#define CLICK_WINDOW 1200     /* 25 ms each side */
#define CLICK_MAX 10.0        /* times the sharpest edge around it; the scores reach 6 */
#define MAX_FILES 16

typedef struct sound {
    const char *path;
    float *x; /* interleaved stereo, -1..1 */
    long frames;
} sound_t;

typedef struct score_info {
    double tempo;
    int bars, loop;
    double length_s; /* 0 when the score gives none */
} score_info_t;

static int failures;

static void fail(const char *path, const char *fmt, double a, double b)
{
    fprintf(stderr, "FAIL %s: ", path);
    fprintf(stderr, fmt, a, b);
    fputc('\n', stderr);
    failures++;
}

static uint32_t le32(const unsigned char *b)
{
    return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static unsigned le16(const unsigned char *b)
{
    return (unsigned)b[0] | (unsigned)b[1] << 8;
}

static unsigned char *read_all(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    long cap = 1 << 20, n = 0;
    unsigned char *buf = malloc((size_t)cap);
    while (buf) {
        size_t got = fread(buf + n, 1, (size_t)(cap - n), f);
        n += (long)got;
        if (n < cap) break;
        unsigned char *bigger = realloc(buf, (size_t)cap * 2);
        if (!bigger) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

/* A RIFF walk that trusts nothing: every chunk is checked against the file. */
static int load_wav(const char *path, sound_t *s)
{
    long len = 0;
    unsigned char *b = read_all(path, &len);
    memset(s, 0, sizeof *s);
    s->path = path;
    if (!b) {
        fprintf(stderr, "FAIL %s: cannot read the file\n", path);
        return 0;
    }
    int ok = len >= 12 && memcmp(b, "RIFF", 4) == 0 && memcmp(b + 8, "WAVE", 4) == 0;
    int fmt_ok = 0;
    long pos = 12;
    while (ok && pos + 8 <= len) {
        uint32_t size = le32(b + pos + 4);
        if ((uint64_t)size > (uint64_t)(len - pos - 8)) break;
        const unsigned char *c = b + pos + 8;
        if (memcmp(b + pos, "fmt ", 4) == 0 && size >= 16)
            fmt_ok = le16(c) == 1 && le16(c + 2) == 2 && le32(c + 4) == RATE && le16(c + 14) == 16;
        if (memcmp(b + pos, "data", 4) == 0 && fmt_ok) {
            s->frames = (long)(size / 4);
            s->x = malloc((size_t)(s->frames > 0 ? s->frames : 1) * 2 * sizeof *s->x);
            if (!s->x) break;
            for (long i = 0; i < s->frames * 2; i++)
                s->x[i] = (float)(int16_t)le16(c + i * 2) / 32768.0f;
            free(b);
            return 1;
        }
        pos += 8 + (long)size + (size & 1);
    }
    free(b);
    fprintf(stderr, "FAIL %s: not a 48 kHz 16-bit stereo WAV file\n", path);
    failures++;
    return 0;
}

/* ---- the score's promise --------------------------------------------------- */

static int read_score(const char *path, score_info_t *si)
{
    long len = 0;
    unsigned char *b = read_all(path, &len);
    memset(si, 0, sizeof *si);
    if (!b) {
        fprintf(stderr, "FAIL %s: cannot read the score\n", path);
        failures++;
        return 0;
    }
    /* only the top-level words the length depends on; they start a line */
    char line[256];
    long i = 0;
    while (i < len) {
        int n = 0;
        while (i < len && b[i] != '\n') {
            if (n < (int)sizeof line - 1) line[n++] = (char)b[i];
            i++;
        }
        i++;
        line[n] = '\0';
        char word[32], arg[64];
        arg[0] = '\0';
        if (sscanf(line, " %31s %63s", word, arg) < 1) continue;
        if (strcmp(word, "tempo") == 0) si->tempo = atof(arg);
        if (strcmp(word, "bars") == 0) si->bars = atoi(arg);
        if (strcmp(word, "loop") == 0) si->loop = 1;
        if (strcmp(word, "length") == 0) {
            char *end;
            double v = strtod(arg, &end);
            si->length_s = strcmp(end, "ms") == 0 ? v / 1000.0 : v;
        }
    }
    free(b);
    return 1;
}

/* The synth's own rounding: ticks of 1/12 sixteenth, integer arithmetic. */
static long bars_frames(const score_info_t *si)
{
    int64_t tempo_milli = (int64_t)floor(si->tempo * 1000.0 + 0.5);
    const int64_t num = (int64_t)RATE * 60 * 1000 / (4 * 12);
    int64_t ticks = (int64_t)si->bars * 192;
    return tempo_milli > 0 ? (long)((ticks * num + tempo_milli / 2) / tempo_milli) : 0;
}

/* ---- measures ------------------------------------------------------------- */

static void level(const sound_t *s, double *peak, double *rms, long *full)
{
    double sum = 0, pk = 0;
    long clipped = 0;
    for (long i = 0; i < s->frames * 2; i++) {
        double a = fabs(s->x[i]);
        if (a > pk) pk = a;
        if (a * 32768.0 >= FULL_SCALE) clipped++;
        sum += a * a;
    }
    *peak = pk;
    *rms = s->frames ? sqrt(sum / (double)(s->frames * 2)) : 0;
    *full = clipped;
}

static float at(const sound_t *s, long frame, int ch)
{
    frame %= s->frames;
    if (frame < 0) frame += s->frames;
    return s->x[frame * 2 + ch];
}

/* How far the sample after the seam is from what its neighbours predict,
 * against the worst the same measure finds in the 100 ms on either side: a
 * jump at the seam stands out, a normal join does not. Uses the first and
 * second differences, so both steps and kinks count. */
static int seam_ok(const sound_t *s, double *seam_out, double *local_out)
{
    double seam = 0, local = 0;
    long w = SEAM_WINDOW < s->frames / 4 ? SEAM_WINDOW : s->frames / 4;
    for (int ch = 0; ch < 2; ch++)
        for (long k = -w; k < w; k++) {
            /* the step from frame k-1 to frame k, counted round the loop */
            double d1 = fabs(at(s, k, ch) - at(s, k - 1, ch));
            double d2 = fabs(at(s, k, ch) - 2.0 * at(s, k - 1, ch) + at(s, k - 2, ch));
            double m = d1 > d2 ? d1 : d2;
            if (k == 0 || k == 1) {
                if (m > seam) seam = m;
            } else if (m > local) {
                local = m;
            }
        }
    *seam_out = seam;
    *local_out = local;
    return seam <= SEAM_FACTOR * local + SEAM_SLACK;
}

/* The worst click: the largest second difference (a jump or a kink) as a
 * multiple of the largest one in the 25 ms on either side of it (its
 * immediate neighbours left out: a jump disturbs them too). A waveform's
 * own edges recur within 25 ms down to 40 Hz, and a drum's attack is
 * followed by its body; a sound switched on or off hard stands alone, tens
 * to hundreds of times above its surroundings. */
static double click_ratio(const sound_t *s, long *where)
{
    const long w = CLICK_WINDOW, gap = 3, span = CLICK_WINDOW - gap + 1;
    long n = s->frames;
    double worst = 0;
    *where = 0;
    if (n < 2 * w + 4) return 0;
    double *d = malloc((size_t)n * sizeof *d);
    double *m = malloc((size_t)n * sizeof *m); /* m[j]: max of d[j .. j+span-1] */
    long *q = malloc((size_t)n * sizeof *q);   /* a monotonic queue of indices */
    if (!d || !m || !q) {
        free(d), free(m), free(q);
        return 0;
    }
    for (int ch = 0; ch < 2; ch++) {
        d[0] = d[1] = 0;
        for (long i = 2; i < n; i++)
            d[i] = fabs((double)s->x[i * 2 + ch] - 2.0 * s->x[(i - 1) * 2 + ch] +
                        s->x[(i - 2) * 2 + ch]);
        long head = 0, tail = 0;
        for (long i = n - 1; i >= 0; i--) { /* sliding maximum, right to left */
            while (tail > head && d[q[tail - 1]] <= d[i]) tail--;
            q[tail++] = i;
            if (q[head] >= i + span) head++;
            m[i] = d[q[head]];
        }
        for (long i = w; i + w < n; i++) {
            double around = fmax(m[i - w], m[i + gap]);
            /* below -70 dBFS nothing is heard, whatever its shape */
            if (d[i] > 3e-4 && d[i] > worst * around) {
                worst = d[i] / (around + 1e-9);
                *where = i;
            }
        }
    }
    free(d), free(m), free(q);
    return worst;
}

/* The fundamental of a steady stretch, by the normalised difference function
 * (as in the YIN pitch tracker) with a parabola through the best lag. */
static double pitch_of(const float *mono, long n, double fmin, double fmax)
{
    int lag_min = (int)floor(RATE / fmax), lag_max = (int)ceil(RATE / fmin);
    long win = n - lag_max;
    if (win < 2 * lag_max || lag_min < 2) return 0;
    if (win > 16384) win = 16384;
    double *d = calloc((size_t)lag_max + 2, sizeof *d);
    if (!d) return 0;
    double run = 0;
    d[0] = 1;
    for (int lag = 1; lag <= lag_max + 1; lag++) {
        double sum = 0;
        for (long i = 0; i < win; i++) {
            double e = mono[i] - mono[i + lag];
            sum += e * e;
        }
        run += sum;
        d[lag] = run > 0 ? sum * lag / run : 1;
    }
    int best = -1;
    for (int lag = lag_min; lag <= lag_max; lag++)
        if (d[lag] < 0.15 && d[lag] <= d[lag - 1] && d[lag] <= d[lag + 1]) {
            best = lag;
            break;
        }
    if (best < 0) { /* no clear dip: the deepest one */
        best = lag_min;
        for (int lag = lag_min; lag <= lag_max; lag++)
            if (d[lag] < d[best]) best = lag;
    }
    double a = d[best - 1], b = d[best], c = d[best + 1], shift = 0;
    if (a - 2 * b + c > 0) shift = 0.5 * (a - c) / (a - 2 * b + c);
    free(d);
    return RATE / (best + shift);
}

/* Measures the middle half of the sound, past the attack and before the
 * release. */
static double sound_pitch(const sound_t *s)
{
    long from = s->frames / 4, n = s->frames / 2;
    float *mono = malloc((size_t)(n > 0 ? n : 1) * sizeof *mono);
    if (!mono) return 0;
    for (long i = 0; i < n; i++) mono[i] = 0.5f * (s->x[(from + i) * 2] + s->x[(from + i) * 2 + 1]);
    double f = pitch_of(mono, n, 30, 4000);
    free(mono);
    return f;
}

static void measure(const sound_t *s, const score_info_t *si, double rms_min, double pitch)
{
    double peak, rms;
    long full, click_at;
    level(s, &peak, &rms, &full);
    double click = click_ratio(s, &click_at);
    const char *name = strrchr(s->path, '/') ? strrchr(s->path, '/') + 1 : s->path;
    printf("%-32s %8.3f s  peak %.3f (%5.1f dBFS)  RMS %.3f (%5.1f dBFS)  sharpest %.0f\n", name,
           (double)s->frames / RATE, peak, 20 * log10(peak + 1e-9), rms, 20 * log10(rms + 1e-9),
           click);
    if (si) {
        long want = si->loop || !si->length_s ? bars_frames(si) : 0;
        if (si->length_s && !si->loop) want = (long)floor(si->length_s * RATE + 0.5);
        if ((si->loop || si->length_s) && s->frames != want)
            fail(s->path, "is %.0f frames long, the score says %.0f", (double)s->frames,
                 (double)want);
        /* a one-shot without 'length' runs until its echoes die away */
        if (!si->loop && !si->length_s && (s->frames < 48 || s->frames > want + 12 * RATE))
            fail(s->path, "is %.0f frames long, more than 12 s past its %.0f scored frames",
                 (double)s->frames, (double)want);
    }
    if (rms < rms_min) fail(s->path, "is too quiet: RMS %.4f, below %.4f", rms, rms_min);
    if (peak >= PEAK_MAX || full > 0)
        fail(s->path, "clips: peak %.4f, %.0f samples at full scale", peak, (double)full);
    if (si && si->loop && s->frames > 8) {
        double seam, local;
        if (!seam_ok(s, &seam, &local))
            fail(s->path, "jumps where the loop joins: %.5f against %.5f nearby", seam, local);
    }
    if (click > CLICK_MAX)
        fail(s->path, "clicks at %.3f s (%.0f times its surroundings)", (double)click_at / RATE,
             click);
    if (si && !si->loop && s->frames > 0) {
        double first = fmax(fabs(s->x[0]), fabs(s->x[1]));
        double last = fmax(fabs(s->x[s->frames * 2 - 2]), fabs(s->x[s->frames * 2 - 1]));
        if (first > EDGE_MAX || last > EDGE_MAX)
            fail(s->path, "starts at %.4f or ends at %.4f: a click", first, last);
    }
    if (pitch > 0) {
        double f = sound_pitch(s);
        printf("%-32s pitch %.2f Hz (scored %.2f Hz, %+.1f cents)\n", name, f, pitch,
               f > 0 ? 1200 * log2(f / pitch) : 0.0);
        if (!(fabs(f / pitch - 1) <= PITCH_TOLERANCE))
            fail(s->path, "sounds at %.2f Hz, not %.2f Hz", f, pitch);
    }
}

/* ---- the measures measured -------------------------------------------------- */

static int self_check(const char *what, int got, int want)
{
    if (got == want) return 0;
    fprintf(stderr, "FAIL self-test: %s\n", what);
    return 1;
}

static int self_test(void)
{
    const long n = RATE;
    sound_t s = {"self-test", malloc((size_t)n * 2 * sizeof(float)), n};
    float *mono = malloc((size_t)n * sizeof *mono);
    int bad = 0;
    if (!s.x || !mono) return 1;
    /* 441 Hz over one second: a whole number of cycles joins smoothly */
    for (long i = 0; i < n; i++)
        s.x[i * 2] = s.x[i * 2 + 1] = (float)(0.5 * sin(2 * PI * 441 * i / RATE));
    double seam, local;
    bad += self_check("a whole number of cycles loops", seam_ok(&s, &seam, &local), 1);
    /* 440.5 Hz: the loop stops half a cycle short and jumps */
    for (long i = 0; i < n; i++)
        s.x[i * 2] = s.x[i * 2 + 1] = (float)(0.5 * sin(2 * PI * 440.5 * i / RATE));
    bad += self_check("half a cycle short jumps", seam_ok(&s, &seam, &local), 0);
    /* a slow drift that does not come back steps at the seam */
    for (long i = 0; i < n; i++)
        s.x[i * 2] = s.x[i * 2 + 1] = (float)(0.4 * sin(2 * PI * 441 * i / RATE) + 0.05 * i / n);
    bad += self_check("a drift that does not come back", seam_ok(&s, &seam, &local), 0);
    /* pitch of a sine, a band-rich square and a detuned pair */
    double freqs[3] = {440.0, 110.0, 261.63};
    for (int k = 0; k < 3; k++) {
        for (long i = 0; i < n; i++) {
            double ph = freqs[k] * i / RATE;
            double y =
                k == 0 ? sin(2 * PI * ph)
                       : (k == 1 ? (ph - floor(ph) < 0.5 ? 0.5 : -0.5)
                                 : 0.5 * sin(2 * PI * ph * 1.002) + 0.5 * sin(2 * PI * ph / 1.002));
            mono[i] = (float)y;
        }
        double f = pitch_of(mono, n / 2, 30, 4000);
        bad += self_check("pitch within 0.3 %", fabs(f / freqs[k] - 1) <= PITCH_TOLERANCE, 1);
    }
    /* a tone switched off at its peak clicks; faded out, it does not */
    for (long i = 0; i < n; i++) {
        double fade = i < n / 2 ? 1.0 : (i < n / 2 + 480 ? 1.0 - (i - n / 2) / 480.0 : 0.0);
        s.x[i * 2] = s.x[i * 2 + 1] = (float)(0.3 * cos(2 * PI * 440 * i / RATE) * fade);
    }
    long where;
    bad += self_check("a 10 ms fade does not click", click_ratio(&s, &where) <= CLICK_MAX, 1);
    for (long i = n / 2; i < n; i++) s.x[i * 2] = s.x[i * 2 + 1] = 0.0f;
    bad += self_check("a hard stop clicks", click_ratio(&s, &where) > CLICK_MAX, 1);
    /* clipping and silence are caught */
    for (long i = 0; i < n * 2; i++) s.x[i] = i == 999 ? 1.0f : 0.001f;
    double peak, rms;
    long full;
    level(&s, &peak, &rms, &full);
    bad += self_check("a full-scale sample counts as clipped", full == 1, 1);
    bad += self_check("near silence measures quiet", rms < 0.01, 1);
    free(mono);
    free(s.x);
    printf("self-test: %s\n", bad ? "FAILED" : "ok");
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    const char *score = NULL;
    double rms_min = 0.01, pitch = 0;
    const char *files[MAX_FILES];
    int nfiles = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--self-test") == 0) return self_test();
        if (i + 1 < argc && strcmp(argv[i], "--score") == 0)
            score = argv[++i];
        else if (i + 1 < argc && strcmp(argv[i], "--rms-min") == 0)
            rms_min = atof(argv[++i]);
        else if (i + 1 < argc && strcmp(argv[i], "--pitch") == 0)
            pitch = atof(argv[++i]);
        else if (argv[i][0] == '-' || nfiles == MAX_FILES) {
            fprintf(stderr, "usage: audio_measure [--score SCORE] [--rms-min X] [--pitch HZ] "
                            "WAV... | --self-test\n");
            return 2;
        } else
            files[nfiles++] = argv[i];
    }
    score_info_t si;
    if (score && !read_score(score, &si)) return 1;
    long first_len = -1;
    float *sum = NULL; /* stems play at once: their sum must not clip either */
    for (int i = 0; i < nfiles; i++) {
        sound_t s;
        if (!load_wav(files[i], &s)) continue;
        measure(&s, score ? &si : NULL, rms_min, pitch);
        /* stems play side by side in the game: one length for all */
        if (first_len >= 0 && s.frames != first_len)
            fail(s.path, "is %.0f frames long, its first stem %.0f", (double)s.frames,
                 (double)first_len);
        if (first_len < 0) {
            first_len = s.frames;
            sum = calloc((size_t)(s.frames > 0 ? s.frames : 1) * 2, sizeof *sum);
        }
        if (sum && nfiles > 1 && s.frames == first_len)
            for (long k = 0; k < s.frames * 2; k++) sum[k] += s.x[k];
        free(s.x);
    }
    if (sum && nfiles > 1) {
        sound_t all = {"all stems together", sum, first_len};
        double peak, rms;
        long full;
        level(&all, &peak, &rms, &full);
        printf("%-32s %8.3f s  peak %.3f (%5.1f dBFS)  RMS %.3f (%5.1f dBFS)\n", all.path,
               (double)all.frames / RATE, peak, 20 * log10(peak + 1e-9), rms,
               20 * log10(rms + 1e-9));
        if (peak >= PEAK_MAX)
            fail(all.path, "clip: peak %.4f, %.0f at full scale", peak, (double)full);
    }
    free(sum);
    if (nfiles == 0) {
        fprintf(stderr, "audio_measure: no files\n");
        return 2;
    }
    return failures ? 1 : 0;
}
