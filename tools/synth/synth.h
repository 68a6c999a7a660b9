/* synth: renders text scores (format in assets/sound/README.md) to audio.
 *
 * The score parser turns a score into instruments plus a flat list of note
 * events in sample time; the renderer plays those through the voices and the
 * send effects; the writers store the result as 16-bit WAV or Ogg Vorbis. */
#ifndef SYNTH_H
#define SYNTH_H

#include <stddef.h>
#include <stdint.h>

#define SYNTH_RATE 48000
#define SYNTH_CHANNELS 2
#define SYNTH_TICKS_PER_STEP 12 /* a sixteenth; 12 allows halves, thirds and quarters */
#define SYNTH_STEPS_PER_BAR 16  /* 4/4 only */
#define SYNTH_BAR_TICKS (SYNTH_TICKS_PER_STEP * SYNTH_STEPS_PER_BAR)
#define SYNTH_MAX_OSC 4
#define SYNTH_MAX_UNISON 8
#define SYNTH_MAX_LFO 4
#define SYNTH_NAME_CAP 32

typedef enum synth_osc_type {
    SYNTH_OSC_SAW,
    SYNTH_OSC_PULSE,
    SYNTH_OSC_TRIANGLE,
    SYNTH_OSC_SINE,
    SYNTH_OSC_NOISE
} synth_osc_type_t;

typedef enum synth_filter_type {
    SYNTH_FILTER_OFF,
    SYNTH_FILTER_LOWPASS,
    SYNTH_FILTER_BANDPASS,
    SYNTH_FILTER_HIGHPASS
} synth_filter_type_t;

typedef enum synth_lfo_target {
    SYNTH_LFO_CUTOFF, /* depth in octaves */
    SYNTH_LFO_PITCH,  /* depth in cents */
    SYNTH_LFO_PWM,    /* depth in pulse width */
    SYNTH_LFO_AMP,    /* depth 0..1 of tremolo */
    SYNTH_LFO_PAN     /* depth in pan units */
} synth_lfo_target_t;

typedef enum synth_lfo_shape {
    SYNTH_SHAPE_SINE,
    SYNTH_SHAPE_TRIANGLE,
    SYNTH_SHAPE_SQUARE,
    SYNTH_SHAPE_SAW, /* falling */
    SYNTH_SHAPE_RAMP /* rising */
} synth_lfo_shape_t;

typedef struct synth_adsr {
    float attack_ms, decay_ms, sustain, release_ms;
} synth_adsr_t;

typedef struct synth_osc {
    int type;           /* synth_osc_type_t */
    float width;        /* pulse width */
    int unison;         /* stacked voices */
    float detune_cents; /* between the outermost unison voices */
    float spread;       /* stereo spread of the unison voices, 0..1 */
    float tune;         /* semitones */
    float ratio;        /* frequency multiplier, for inharmonic partials */
    float level;
} synth_osc_t;

typedef struct synth_lfo {
    int target; /* synth_lfo_target_t */
    int shape;  /* synth_lfo_shape_t */
    double rate_hz;
    double period_bars; /* when > 0 it wins over rate_hz: tempo-locked */
    float depth;
    float phase;    /* 0..1, of the global cycle */
    float delay_ms; /* fade-in after each note start */
} synth_lfo_t;

typedef struct synth_instrument {
    char name[SYNTH_NAME_CAP];
    synth_osc_t osc[SYNTH_MAX_OSC];
    int osc_count;
    synth_adsr_t amp;
    int filter; /* synth_filter_type_t */
    float cutoff, resonance, keytrack, drive;
    synth_adsr_t fenv;
    float fenv_amount; /* octaves at full velocity */
    synth_lfo_t lfo[SYNTH_MAX_LFO];
    int lfo_count;
    float bend_from, bend_to, bend_ms; /* semitones, a glide at every note start */
    float pan, send_delay, send_reverb, gain_db;
} synth_instrument_t;

typedef struct synth_event {
    int64_t start;  /* sample */
    int64_t length; /* samples held before the release */
    float note;     /* MIDI note number, 69 = A4 = 440 Hz */
    float velocity; /* 0..1 */
    int instrument;
    int track;     /* index into synth_score_t.track_names */
    uint32_t seed; /* noise and phase randomness of this note */
} synth_event_t;

typedef struct synth_delay {
    float time; /* sixteenths */
    float feedback, tone_hz, pingpong, level, to_reverb;
} synth_delay_t;

typedef struct synth_reverb {
    float size, damp, width, predelay_ms, level;
} synth_reverb_t;

typedef enum synth_format {
    SYNTH_FORMAT_DEFAULT, /* as the file name says: music_ and sting_ are Ogg, the rest WAV */
    SYNTH_FORMAT_WAV,
    SYNTH_FORMAT_OGG
} synth_format_t;

typedef struct synth_score {
    int64_t tempo_milli; /* beats per minute times 1000 */
    int bars;
    int loop;
    int64_t length_frames; /* one-shot length when given, else 0 */
    uint32_t seed;
    float quality; /* Ogg Vorbis VBR quality, -0.1..1 */
    float master_gain_db;
    synth_delay_t delay;
    synth_reverb_t reverb;
    synth_instrument_t *instruments;
    int instrument_count;
    synth_event_t *events;
    size_t event_count;
    char (*track_names)[SYNTH_NAME_CAP];
    int *track_stems; /* per track: index into stem_names */
    int track_count;
    /* Stems are layers rendered to files of their own that the game plays
     * in sync; [0] is "main", the tracks that name no stem. */
    char (*stem_names)[SYNTH_NAME_CAP];
    int stem_count;
    int format; /* synth_format_t: how the build stores the sound */
} synth_score_t;

typedef struct synth_audio {
    float *samples; /* interleaved stereo */
    int64_t frames;
    float peak_before_limiter;
} synth_audio_t;

/* Mixes the bits of x: seeds for notes, voices and random arpeggios. */
static inline uint32_t synth_hash32(uint32_t x)
{
    x ^= x >> 16;
    x *= 0x7feb352dU;
    x ^= x >> 15;
    x *= 0x846ca68bU;
    x ^= x >> 16;
    return x;
}

/* Parses a score. Prints every error as file:line:col: error: message to
 * stderr and returns how many there were (0 = success). */
int synth_score_load(const char *path, synth_score_t *score);
void synth_score_free(synth_score_t *score);

/* Keeps only the events of the named track (for listening to one part).
 * Returns 0, or -1 when the score has no such track. */
int synth_score_solo(synth_score_t *score, const char *track);

/* Keeps only the events of the tracks in the stem with this index. */
void synth_score_keep_stem(synth_score_t *score, int stem);
/* The index of a stem by name, or -1. */
int synth_score_find_stem(const synth_score_t *score, const char *name);

/* Sample position of a tick (1/12 sixteenth) at the score's tempo. */
int64_t synth_ticks_to_frames(const synth_score_t *score, int64_t ticks);

/* Renders the whole score. A loop score renders exactly bars long and wraps
 * every tail around to the start. Returns 0, or -1 when out of memory. */
int synth_render(const synth_score_t *score, synth_audio_t *audio);
void synth_audio_free(synth_audio_t *audio);

/* Return 0 on success; on failure print a message and remove the file. */
int synth_write_wav(const char *path, const synth_audio_t *audio);
int synth_write_ogg(const char *path, const synth_audio_t *audio, float quality);

#endif
