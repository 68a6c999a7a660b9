/* synth: renders a text score (assets/sound/README.md) into a WAV or Ogg
 * Vorbis file at 48 kHz stereo. Same score, same bytes. */
#include "synth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *to)
{
    fputs("usage: synth [-v] [-q QUALITY] [-s TRACK | --stem NAME | --stems] -o OUTPUT SCORE\n"
          "\n"
          "Renders the text score SCORE to OUTPUT at 48 kHz stereo. The output type\n"
          "follows its extension: .wav (16-bit PCM) or .ogg (Ogg Vorbis).\n"
          "\n"
          "  -o OUTPUT    file to write (.wav or .ogg)\n"
          "  -q QUALITY   Ogg Vorbis quality from -0.1 to 1, overriding the score's\n"
          "  -s TRACK     solo: render only this track (effects and length as scored)\n"
          "  --stem NAME  render only the tracks of this stem ('main': those naming none)\n"
          "  --stems      render every stem to a file of its own: 'main' to OUTPUT, the\n"
          "               others to OUTPUT with _NAME before the extension; and write\n"
          "               the stem sheet, OUTPUT with the extension .stems\n"
          "  -v           print length, peak and RMS of the result\n"
          "  -h, --help   show this help\n"
          "\n"
          "Without -s or a stem option every track is rendered together.\n"
          "Score errors are printed as file:line:col: error: message (exit 1);\n"
          "usage errors exit 2.\n",
          to);
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "synth: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    usage(stderr);
    return 2;
}

static int ends_with_nocase(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n < m) return 0;
    for (size_t i = 0; i < m; i++) {
        char a = s[n - m + i], b = suffix[i];
        if (a >= 'A' && a <= 'Z') a = (char)(a - 'A' + 'a');
        if (a != b) return 0;
    }
    return 1;
}

static void print_stats(const char *path, const synth_audio_t *a)
{
    double sum = 0;
    float peak = 0;
    for (int64_t i = 0; i < a->frames * SYNTH_CHANNELS; i++) {
        float x = fabsf(a->samples[i]);
        if (x > peak) peak = x;
        sum += (double)a->samples[i] * a->samples[i];
    }
    double rms = a->frames ? sqrt(sum / (double)(a->frames * SYNTH_CHANNELS)) : 0;
    fprintf(stderr, "%s: %lld frames (%.3f s), peak %.3f (%.3f before the limiter), RMS %.3f\n",
            path, (long long)a->frames, (double)a->frames / SYNTH_RATE, peak,
            a->peak_before_limiter, rms);
}

/* OUTPUT with "_stem" put before its extension. */
static void stem_path(char *buf, size_t cap, const char *out, const char *stem)
{
    const char *dot = strrchr(out, '.');
    int base = (int)(dot - out);
    snprintf(buf, cap, "%.*s_%s%s", base, out, stem, dot);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    const char *b = strrchr(path, '\\');
    if (b && (!s || b > s)) s = b;
    return s ? s + 1 : path;
}

/* Renders one score (all of it, one track, or one stem) and writes it. */
static int render_one(const char *score_path, const char *out, const char *solo, int stem,
                      int have_quality, double quality, int verbose)
{
    synth_score_t score;
    if (synth_score_load(score_path, &score) != 0) return 1;
    if (solo && synth_score_solo(&score, solo) != 0) {
        fprintf(stderr, "%s: error: no track named '%s'\n", score_path, solo);
        synth_score_free(&score);
        return 1;
    }
    if (stem >= 0) synth_score_keep_stem(&score, stem);
    synth_audio_t audio;
    if (synth_render(&score, &audio) != 0) {
        fprintf(stderr, "synth: out of memory rendering %s\n", score_path);
        synth_score_free(&score);
        return 1;
    }
    float q = have_quality ? (float)quality : score.quality;
    int rc = ends_with_nocase(out, ".ogg") ? synth_write_ogg(out, &audio, q)
                                           : synth_write_wav(out, &audio);
    if (verbose && rc == 0) print_stats(out, &audio);
    synth_audio_free(&audio);
    synth_score_free(&score);
    return rc == 0 ? 0 : 1;
}

/* The stem sheet tells the game which files play together and how many
 * beats they hold, so it can fade them on the beat. */
static int write_sheet(const char *path, const char *score_path, const synth_score_t *sc,
                       const char *out)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "synth: cannot write %s\n", path);
        return 1;
    }
    char name[1024];
    fprintf(f, "# Stem sheet written by synth from %s: these files play together.\n",
            base_name(score_path));
    fprintf(f, "tempo %lld.%03lld\n", (long long)(sc->tempo_milli / 1000),
            (long long)(sc->tempo_milli % 1000));
    fprintf(f, "bars %d\n", sc->bars);
    fprintf(f, "loop %s\n", sc->loop ? "yes" : "no");
    for (int i = 0; i < sc->stem_count; i++) {
        if (i == 0)
            snprintf(name, sizeof name, "%s", out);
        else
            stem_path(name, sizeof name, out, sc->stem_names[i]);
        fprintf(f, "stem %s %s\n", sc->stem_names[i], base_name(name));
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "synth: cannot write %s\n", path);
        remove(path);
        return 1;
    }
    return 0;
}

static int render_stems(const char *score_path, const char *out, int have_quality, double quality,
                        int verbose)
{
    synth_score_t score;
    if (synth_score_load(score_path, &score) != 0) return 1;
    int rc = 0;
    char path[1024];
    for (int i = 0; i < score.stem_count && rc == 0; i++) {
        if (i == 0)
            snprintf(path, sizeof path, "%s", out);
        else
            stem_path(path, sizeof path, out, score.stem_names[i]);
        rc = render_one(score_path, path, NULL, i, have_quality, quality, verbose);
    }
    if (rc == 0) {
        const char *dot = strrchr(out, '.');
        snprintf(path, sizeof path, "%.*s.stems", (int)(dot - out), out);
        rc = write_sheet(path, score_path, &score, out);
    }
    synth_score_free(&score);
    return rc;
}

int main(int argc, char **argv)
{
    const char *out = NULL, *score_path = NULL, *solo = NULL, *stem_name = NULL;
    int verbose = 0, have_quality = 0, all_stems = 0;
    double quality = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-v") == 0) {
            verbose = 1;
        } else if (strcmp(a, "--stems") == 0) {
            all_stems = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "-q") == 0 || strcmp(a, "-s") == 0 ||
                   strcmp(a, "--stem") == 0) {
            if (i + 1 >= argc) return usage_error("missing value for", a);
            if (a[1] == 'o') {
                out = argv[++i];
            } else if (a[1] == 's') {
                solo = argv[++i];
            } else if (a[1] == '-') {
                stem_name = argv[++i];
            } else {
                char *end;
                quality = strtod(argv[++i], &end);
                if (end == argv[i] || *end || !(quality >= -0.1 && quality <= 1.0))
                    return usage_error("quality must be a number from -0.1 to 1", argv[i]);
                have_quality = 1;
            }
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option", a);
        } else if (score_path) {
            return usage_error("only one score at a time, extra argument", a);
        } else {
            score_path = a;
        }
    }
    if (!out) return usage_error("no output file (-o)", NULL);
    if (!score_path) return usage_error("no score given", NULL);
    if (!ends_with_nocase(out, ".ogg") && !ends_with_nocase(out, ".wav"))
        return usage_error("the output must end in .wav or .ogg", out);
    if ((solo != NULL) + (stem_name != NULL) + all_stems > 1)
        return usage_error("choose one of -s, --stem and --stems", NULL);
    if (strlen(out) > 900) return usage_error("output path too long", NULL);

    if (all_stems) return render_stems(score_path, out, have_quality, quality, verbose);
    int stem = -1;
    if (stem_name) {
        synth_score_t score;
        if (synth_score_load(score_path, &score) != 0) return 1;
        stem = synth_score_find_stem(&score, stem_name);
        synth_score_free(&score);
        if (stem < 0) {
            fprintf(stderr, "%s: error: no stem named '%s'\n", score_path, stem_name);
            return 1;
        }
    }
    return render_one(score_path, out, solo, stem, have_quality, quality, verbose);
}
