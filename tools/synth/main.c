/* synth: renders a text score (assets/sound/README.md) into a WAV or Ogg
 * Vorbis file at 48 kHz stereo. Same score, same bytes. */
#include "synth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *to)
{
    fputs("usage: synth [-v] [-q QUALITY] [-s TRACK] -o OUTPUT SCORE\n"
          "\n"
          "Renders the text score SCORE to OUTPUT at 48 kHz stereo. The output type\n"
          "follows its extension: .wav (16-bit PCM) or .ogg (Ogg Vorbis).\n"
          "\n"
          "  -o OUTPUT    file to write (.wav or .ogg)\n"
          "  -q QUALITY   Ogg Vorbis quality from -0.1 to 1, overriding the score's\n"
          "  -s TRACK     solo: render only this track (effects and length as scored)\n"
          "  -v           print length, peak and RMS of the result\n"
          "  -h, --help   show this help\n"
          "\n"
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

int main(int argc, char **argv)
{
    const char *out = NULL, *score_path = NULL, *solo = NULL;
    int verbose = 0, have_quality = 0;
    double quality = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-v") == 0) {
            verbose = 1;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "-q") == 0 || strcmp(a, "-s") == 0) {
            if (i + 1 >= argc) return usage_error("missing value for", a);
            if (a[1] == 'o') {
                out = argv[++i];
            } else if (a[1] == 's') {
                solo = argv[++i];
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
    int ogg = ends_with_nocase(out, ".ogg");
    if (!ogg && !ends_with_nocase(out, ".wav"))
        return usage_error("the output must end in .wav or .ogg", out);

    synth_score_t score;
    if (synth_score_load(score_path, &score) != 0) return 1;
    if (solo && synth_score_solo(&score, solo) != 0) {
        fprintf(stderr, "%s: error: no track named '%s'\n", score_path, solo);
        synth_score_free(&score);
        return 1;
    }
    synth_audio_t audio;
    if (synth_render(&score, &audio) != 0) {
        fprintf(stderr, "synth: out of memory rendering %s\n", score_path);
        synth_score_free(&score);
        return 1;
    }
    float q = have_quality ? (float)quality : score.quality;
    int rc = ogg ? synth_write_ogg(out, &audio, q) : synth_write_wav(out, &audio);
    if (verbose && rc == 0) print_stats(out, &audio);
    synth_audio_free(&audio);
    synth_score_free(&score);
    return rc == 0 ? 0 : 1;
}
