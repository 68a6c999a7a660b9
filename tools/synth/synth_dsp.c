/* Renderer: voices (band-limited oscillators, unison, envelopes, resonant
 * filter, LFOs), the delay and reverb sends, and the master bus.
 *
 * Every note is rendered on its own into the dry and send buses, so the
 * result depends only on the score. Loops render their notes into a buffer
 * one release longer than the loop and fold the overhang onto the start;
 * the effects then run over the loop several times and only the last pass
 * is kept, so the echoes and reverb of the end already ring at the start. */
#include "synth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846
#define MIN_ATTACK_MS 1.5 /* shortest fade-in: no click at note starts */
#define MIN_DECAY_MS 1.0
#define MIN_RELEASE_MS 6.0 /* shortest fade-out: no click at note ends */
#define ENV_CURVE 5.0f     /* steepness of decay and release curves */
#define LOOP_PRIME_S 12.0  /* effect pre-roll before the kept loop pass */
#define ONESHOT_TAIL_S 6.0 /* room for tails when a one-shot has no length */
#define TAIL_FLOOR 0.0003f /* about -70 dBFS: where an automatic tail ends */
#define FADE_MS 8.0        /* fade at the end of one-shots */
#define LIMIT_KNEE 0.70f   /* the soft limiter is linear below this */
#define LIMIT_CEIL 0.95f   /* and never reaches past this */
#define DC_POLE 0.9995f    /* master DC blocker, about 4 Hz */
/* LFOs, pitch and the filter's cutoff move every this many samples: far
 * finer than the ear follows, and the render stays quick. */
#define CONTROL_FRAMES 8
#define MOD_SMOOTH 0.03f /* per sample: a 0.7 ms glide for volume and pan LFOs */

static int64_t ms_frames(double ms)
{
    return (int64_t)floor(ms * SYNTH_RATE / 1000.0 + 0.5);
}

static float db_to_gain(float db)
{
    return powf(10.0f, db / 20.0f);
}

/* ---- envelopes ----------------------------------------------------------- */

typedef struct env {
    int64_t a, d, r;
    float s;
    float k_end, k_norm; /* exp(-k) and 1 / (1 - exp(-k)) */
} env_t;

static env_t env_make(const synth_adsr_t *e)
{
    env_t v;
    v.a = ms_frames(fmax(e->attack_ms, MIN_ATTACK_MS));
    v.d = ms_frames(fmax(e->decay_ms, MIN_DECAY_MS));
    v.r = ms_frames(fmax(e->release_ms, MIN_RELEASE_MS));
    v.s = e->sustain;
    v.k_end = expf(-ENV_CURVE);
    v.k_norm = 1.0f / (1.0f - v.k_end);
    return v;
}

/* Falls from 1 to exactly 0 as x goes 0..1, exponential in between, so a
 * release always ends in silence at a known sample. */
static float env_fall(const env_t *e, float x)
{
    return (expf(-ENV_CURVE * x) - e->k_end) * e->k_norm;
}

static float env_held(const env_t *e, int64_t n)
{
    if (n < e->a) return (float)n / (float)e->a;
    n -= e->a;
    if (n < e->d) return e->s + (1.0f - e->s) * env_fall(e, (float)n / (float)e->d);
    return e->s;
}

static float env_level(const env_t *e, int64_t n, int64_t gate, float release_from)
{
    if (n < gate) return env_held(e, n);
    n -= gate;
    if (n >= e->r) return 0.0f;
    return release_from * env_fall(e, (float)n / (float)e->r);
}

/* ---- oscillators ---------------------------------------------------------- */

/* sin(2*pi*ph) for ph in 0..1 by a polynomial (error below 1e-7): the
 * library's sin is most of the time of a score full of sine partials. */
static double sin_cycle(double ph)
{
    double x = ph < 0.5 ? ph : ph - 1.0; /* -0.5..0.5 */
    if (x > 0.25)
        x = 0.5 - x;
    else if (x < -0.25)
        x = -0.5 - x;
    double t = 2.0 * PI * x, t2 = t * t; /* -pi/2..pi/2 */
    return t * (1.0 + t2 * (-1.0 / 6 +
                            t2 * (1.0 / 120 + t2 * (-1.0 / 5040 + t2 * (1.0 / 362880 +
                                                                        t2 * (-1.0 / 39916800))))));
}

typedef struct voice {
    int type;
    double phase, ratio; /* ratio: to the note's frequency */
    float gain_l, gain_r, width;
    uint32_t rng;
} voice_t;

/* Smooths the jump of a discontinuous waveform: far less aliasing than a
 * naive saw or pulse, cheap enough for every voice. */
static double poly_blep(double t, double dt)
{
    if (t < dt) {
        t /= dt;
        return t + t - t * t - 1.0;
    }
    if (t > 1.0 - dt) {
        t = (t - 1.0) / dt;
        return t * t + t + t + 1.0;
    }
    return 0.0;
}

static float voice_sample(voice_t *v, double inc, float width)
{
    double ph = v->phase, y;
    switch (v->type) {
    case SYNTH_OSC_SAW:
        y = 2.0 * ph - 1.0 - poly_blep(ph, inc);
        break;
    case SYNTH_OSC_PULSE: {
        double t2 = ph - width;
        if (t2 < 0.0) t2 += 1.0;
        y = (ph < width ? 1.0 : -1.0) + poly_blep(ph, inc) - poly_blep(t2, inc);
        y -= 2.0 * width - 1.0; /* keep it centred while the width moves */
        break;
    }
    case SYNTH_OSC_TRIANGLE:
        y = 4.0 * fabs(ph - 0.5) - 1.0;
        break;
    case SYNTH_OSC_SINE:
        y = sin_cycle(ph);
        break;
    default: { /* noise: xorshift, seeded per note */
        uint32_t x = v->rng;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v->rng = x;
        y = (double)x / 2147483648.0 - 1.0;
        break;
    }
    }
    ph += inc;
    if (ph >= 1.0) ph -= floor(ph);
    v->phase = ph;
    return (float)y;
}

/* ---- filter: Simper's trapezoidal state-variable filter -------------------- */

typedef struct svf {
    float ic1, ic2;
} svf_t;

typedef struct svf_coef {
    float a1, a2, a3, k;
} svf_coef_t;

static svf_coef_t svf_coef(float cutoff, float k)
{
    svf_coef_t c;
    float g = tanf((float)PI * cutoff / SYNTH_RATE);
    c.k = k;
    c.a1 = 1.0f / (1.0f + g * (g + k));
    c.a2 = g * c.a1;
    c.a3 = g * c.a2;
    return c;
}

static float svf_run(svf_t *f, const svf_coef_t *c, float x, int type)
{
    float v3 = x - f->ic2;
    float v1 = c->a1 * f->ic1 + c->a2 * v3;
    float v2 = f->ic2 + c->a2 * f->ic1 + c->a3 * v3;
    f->ic1 = 2.0f * v1 - f->ic1;
    f->ic2 = 2.0f * v2 - f->ic2;
    if (type == SYNTH_FILTER_BANDPASS) return v1;
    if (type == SYNTH_FILTER_HIGHPASS) return x - c->k * v1 - v2;
    return v2;
}

/* ---- LFO -------------------------------------------------------------------- */

static float lfo_wave(int shape, double cycles)
{
    double x = cycles - floor(cycles);
    switch (shape) {
    case SYNTH_SHAPE_TRIANGLE: /* in phase with the sine */
        return (float)(x < 0.25 ? 4.0 * x : (x < 0.75 ? 2.0 - 4.0 * x : 4.0 * x - 4.0));
    case SYNTH_SHAPE_SQUARE:
        return x < 0.5 ? 1.0f : -1.0f;
    case SYNTH_SHAPE_SAW:
        return (float)(1.0 - 2.0 * x);
    case SYNTH_SHAPE_RAMP:
        return (float)(2.0 * x - 1.0);
    default:
        return (float)sin(2.0 * PI * x);
    }
}

/* ---- one note ------------------------------------------------------------- */

typedef struct render_ctx {
    const synth_score_t *score;
    int64_t frames; /* length of the buses */
    double bar_frames;
    float *dry, *send_delay, *send_reverb; /* interleaved stereo */
} render_ctx_t;

static void pan_gains(float pos, float *l, float *r)
{
    /* constant power, unity for the centre */
    float a = (pos + 1.0f) * (float)PI / 4.0f;
    *l = cosf(a) * (float)sqrt(2.0);
    *r = sinf(a) * (float)sqrt(2.0);
}

static int64_t instrument_release(const synth_instrument_t *in)
{
    return ms_frames(fmax(in->amp.release_ms, MIN_RELEASE_MS));
}

static void render_note(const render_ctx_t *rc, const synth_event_t *ev)
{
    const synth_instrument_t *in = &rc->score->instruments[ev->instrument];
    voice_t voices[SYNTH_MAX_OSC * SYNTH_MAX_UNISON];
    float widths[SYNTH_MAX_OSC * SYNTH_MAX_UNISON];
    int nv = 0;
    for (int o = 0; o < in->osc_count; o++) {
        const synth_osc_t *os = &in->osc[o];
        int u_count = os->type == SYNTH_OSC_NOISE ? 1 : os->unison;
        float norm = os->level / sqrtf((float)u_count);
        for (int u = 0; u < u_count; u++) {
            voice_t *v = &voices[nv];
            float pos = 0.0f, cents = 0.0f;
            if (u_count > 1) {
                float x = (float)u / (float)(u_count - 1);
                cents = os->detune_cents * (x - 0.5f);
                pos = os->spread * (2.0f * x - 1.0f);
            }
            uint32_t h = synth_hash32(ev->seed ^ (uint32_t)(o * 16 + u + 1) * 0x85ebca6bU);
            v->type = os->type;
            v->ratio = os->ratio * pow(2.0, (os->tune + cents / 100.0) / 12.0);
            /* free-running analog oscillators: every voice starts elsewhere */
            v->phase = (double)(h >> 8) / 16777216.0;
            v->rng = synth_hash32(h) | 1u;
            pan_gains(pos, &v->gain_l, &v->gain_r);
            v->gain_l *= norm;
            v->gain_r *= norm;
            widths[nv] = os->width;
            nv++;
        }
    }

    env_t amp = env_make(&in->amp), fenv = env_make(&in->fenv);
    int64_t gate = ev->length, total = gate + amp.r;
    float amp_from = env_held(&amp, gate), fenv_from = env_held(&fenv, gate);
    double base_hz = 440.0 * pow(2.0, (ev->note - 69.0) / 12.0);
    float gain = db_to_gain(in->gain_db) * ev->velocity;
    float key = in->keytrack != 0.0f ? powf((float)(base_hz / 261.6256), in->keytrack) : 1.0f;
    float k = 2.0f - 2.0f * 0.98f * in->resonance;
    float drive = 1.0f + 3.0f * in->drive, drive_norm = 1.0f / tanhf(drive);
    float fenv_oct = in->fenv_amount * ev->velocity;
    int64_t bend_frames = ms_frames(in->bend_ms);
    float pan_l, pan_r;
    pan_gains(in->pan, &pan_l, &pan_r);
    double lfo_cpf[SYNTH_MAX_LFO]; /* cycles per frame */
    int64_t lfo_delay[SYNTH_MAX_LFO];
    for (int i = 0; i < in->lfo_count; i++) {
        const synth_lfo_t *l = &in->lfo[i];
        lfo_cpf[i] =
            l->period_bars > 0 ? 1.0 / (l->period_bars * rc->bar_frames) : l->rate_hz / SYNTH_RATE;
        lfo_delay[i] = ms_frames(l->delay_ms);
    }
    svf_t fl = {0, 0}, fr = {0, 0};

    float m_cut = 0, m_pwm = 0, m_amp = 1, m_pan = 0, fe = 0;
    float amp_now = 0.0f, amp_next = 0.0f; /* the envelope at n = 0 is 0 */
    float pan_tl = pan_l, pan_tr = pan_r;  /* where the pan LFO wants the gains */
    float amp_mod = 1.0f, gl = pan_l, gr = pan_r;
    double inc = 0;
    svf_coef_t coef = svf_coef(1000.0f, k);
    for (int64_t n = 0; n < total; n++) {
        int64_t t = ev->start + n;
        if (t >= rc->frames) break;
        if (n % CONTROL_FRAMES == 0) {
            float m_cents = 0;
            m_cut = 0, m_pwm = 0, m_amp = 1, m_pan = 0;
            for (int i = 0; i < in->lfo_count; i++) {
                const synth_lfo_t *l = &in->lfo[i];
                /* phase from song time: sweeps run across notes and loop
                 * with the score when the period divides its length */
                float v = lfo_wave(l->shape, (double)t * lfo_cpf[i] + l->phase) * l->depth;
                if (n < lfo_delay[i]) v *= (float)n / (float)lfo_delay[i];
                switch (l->target) {
                case SYNTH_LFO_CUTOFF:
                    m_cut += v;
                    break;
                case SYNTH_LFO_PITCH:
                    m_cents += v;
                    break;
                case SYNTH_LFO_PWM:
                    m_pwm += v;
                    break;
                case SYNTH_LFO_AMP:
                    m_amp *= 1.0f - 0.5f * (fabsf(l->depth) - v);
                    break;
                default:
                    m_pan += v;
                    break;
                }
            }
            float semis = in->bend_to;
            if (n < bend_frames)
                semis =
                    in->bend_from + (in->bend_to - in->bend_from) * (float)n / (float)bend_frames;
            semis += m_cents / 100.0f;
            inc = base_hz * (semis != 0.0f ? exp2(semis / 12.0) : 1.0) / SYNTH_RATE;
            if (m_pan != 0.0f) {
                float p = in->pan + m_pan;
                pan_gains(p < -1.0f ? -1.0f : (p > 1.0f ? 1.0f : p), &pan_tl, &pan_tr);
            } else {
                pan_tl = pan_l;
                pan_tr = pan_r;
            }
            if (n == 0) { /* start where the modulation is, not on a glide */
                amp_mod = m_amp;
                gl = pan_tl;
                gr = pan_tr;
            }
            if (in->filter != SYNTH_FILTER_OFF) {
                fe = env_level(&fenv, n, gate, fenv_from);
                float fc = in->cutoff * key * exp2f(fe * fenv_oct + m_cut);
                fc = fc < 16.0f ? 16.0f : (fc > 0.45f * SYNTH_RATE ? 0.45f * SYNTH_RATE : fc);
                coef = svf_coef(fc, k);
            }
        }

        float sl = 0, sr = 0;
        for (int i = 0; i < nv; i++) {
            double vi = inc * voices[i].ratio;
            float w = widths[i] + m_pwm;
            w = w < 0.05f ? 0.05f : (w > 0.95f ? 0.95f : w);
            if (vi >= 0.45) { /* above what the sample rate can hold */
                voices[i].phase = 0;
                continue;
            }
            float x = voice_sample(&voices[i], vi, w);
            sl += x * voices[i].gain_l;
            sr += x * voices[i].gain_r;
        }
        if (in->filter != SYNTH_FILTER_OFF) {
            if (in->drive > 0.0f) {
                sl = tanhf(sl * drive) * drive_norm;
                sr = tanhf(sr * drive) * drive_norm;
            }
            sl = svf_run(&fl, &coef, sl, in->filter);
            sr = svf_run(&fr, &coef, sr, in->filter);
        }
        /* the amplitude envelope is exact at every eighth sample and
         * straight in between: inaudible, and far fewer exponentials */
        int64_t in_block = n % CONTROL_FRAMES;
        if (in_block == 0) {
            amp_now = amp_next;
            amp_next = env_level(&amp, n + CONTROL_FRAMES, gate, amp_from);
        }
        /* A square or saw LFO on the volume or the pan jumps; the jump is
         * rounded off over a millisecond, as in an analog VCA, so it does not
         * click. */
        amp_mod += (m_amp - amp_mod) * MOD_SMOOTH;
        gl += (pan_tl - gl) * MOD_SMOOTH;
        gr += (pan_tr - gr) * MOD_SMOOTH;
        float a =
            (amp_now + (amp_next - amp_now) * (float)in_block / CONTROL_FRAMES) * gain * amp_mod;
        float ol = sl * a * gl, or_ = sr * a * gr;
        size_t idx = (size_t)t * 2;
        rc->dry[idx] += ol;
        rc->dry[idx + 1] += or_;
        rc->send_delay[idx] += ol * in->send_delay;
        rc->send_delay[idx + 1] += or_ * in->send_delay;
        rc->send_reverb[idx] += ol * in->send_reverb;
        rc->send_reverb[idx + 1] += or_ * in->send_reverb;
    }
}

/* ---- delay: stereo, optionally ping-pong, darker with every repeat -------- */

typedef struct fx_delay {
    float *buf; /* left then right */
    int64_t len, pos;
    float feedback, tone, pingpong, lp_l, lp_r;
} fx_delay_t;

static int delay_init(fx_delay_t *d, const synth_score_t *sc)
{
    double sixteenth = synth_ticks_to_frames(sc, 1000 * SYNTH_TICKS_PER_STEP) / 1000.0;
    memset(d, 0, sizeof *d);
    d->len = (int64_t)floor(sc->delay.time * sixteenth + 0.5);
    if (d->len < 1) d->len = 1;
    d->buf = calloc((size_t)d->len * 2, sizeof *d->buf);
    d->feedback = sc->delay.feedback;
    d->tone = 1.0f - expf(-2.0f * (float)PI * sc->delay.tone_hz / SYNTH_RATE);
    d->pingpong = sc->delay.pingpong;
    return d->buf ? 0 : -1;
}

static void delay_run(fx_delay_t *d, float in_l, float in_r, float *out_l, float *out_r)
{
    float *bl = d->buf, *br = d->buf + d->len;
    float yl = bl[d->pos], yr = br[d->pos];
    d->lp_l += d->tone * (yl - d->lp_l);
    d->lp_r += d->tone * (yr - d->lp_r);
    float pp = d->pingpong, mono = 0.5f * (in_l + in_r);
    /* ping-pong: everything enters on the left and the repeats swap sides */
    float wl = (1 - pp) * in_l + pp * mono + d->feedback * ((1 - pp) * d->lp_l + pp * d->lp_r);
    float wr = (1 - pp) * in_r + d->feedback * ((1 - pp) * d->lp_r + pp * d->lp_l);
    bl[d->pos] = wl;
    br[d->pos] = wr;
    if (++d->pos >= d->len) d->pos = 0;
    *out_l = yl;
    *out_r = yr;
}

/* ---- reverb: Freeverb (8 damped combs + 4 allpasses per side) ------------- */

#define FV_COMBS 8
#define FV_ALLPASSES 4

typedef struct fv_line {
    float *buf;
    int len, pos;
    float store;
} fv_line_t;

typedef struct fx_reverb {
    float *mem;
    fv_line_t comb[2][FV_COMBS], allpass[2][FV_ALLPASSES], pre;
    float feedback, damp, wet1, wet2;
} fx_reverb_t;

static int reverb_init(fx_reverb_t *r, const synth_reverb_t *p)
{
    static const int comb_len[FV_COMBS] = {1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617};
    static const int ap_len[FV_ALLPASSES] = {556, 441, 341, 225};
    const int spread = 23;
    const double scale = SYNTH_RATE / 44100.0; /* tunings are for 44.1 kHz */
    memset(r, 0, sizeof *r);
    size_t total = 0;
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < FV_COMBS; i++) {
            r->comb[s][i].len = (int)floor((comb_len[i] + s * spread) * scale + 0.5);
            total += (size_t)r->comb[s][i].len;
        }
        for (int i = 0; i < FV_ALLPASSES; i++) {
            r->allpass[s][i].len = (int)floor((ap_len[i] + s * spread) * scale + 0.5);
            total += (size_t)r->allpass[s][i].len;
        }
    }
    r->pre.len = (int)ms_frames(p->predelay_ms) + 1;
    total += (size_t)r->pre.len;
    r->mem = calloc(total, sizeof *r->mem);
    if (!r->mem) return -1;
    float *m = r->mem;
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < FV_COMBS; i++) r->comb[s][i].buf = m, m += r->comb[s][i].len;
        for (int i = 0; i < FV_ALLPASSES; i++) r->allpass[s][i].buf = m, m += r->allpass[s][i].len;
    }
    r->pre.buf = m;
    r->feedback = 0.7f + 0.28f * p->size;
    r->damp = 0.4f * p->damp;
    r->wet1 = p->level * (p->width / 2.0f + 0.5f);
    r->wet2 = p->level * ((1.0f - p->width) / 2.0f);
    return 0;
}

static float comb_run(fv_line_t *c, float in, float feedback, float damp)
{
    float out = c->buf[c->pos];
    c->store = out * (1.0f - damp) + c->store * damp;
    if (fabsf(c->store) < 1e-20f) c->store = 0.0f; /* no denormals in long tails */
    c->buf[c->pos] = in + c->store * feedback;
    if (++c->pos >= c->len) c->pos = 0;
    return out;
}

static float allpass_run(fv_line_t *a, float in)
{
    float b = a->buf[a->pos];
    float out = b - in;
    a->buf[a->pos] = in + b * 0.5f;
    if (++a->pos >= a->len) a->pos = 0;
    return out;
}

static void reverb_run(fx_reverb_t *r, float in_l, float in_r, float *out_l, float *out_r)
{
    fv_line_t *pre = &r->pre;
    float x = pre->buf[pre->pos];
    pre->buf[pre->pos] = (in_l + in_r) * 0.015f; /* Freeverb's fixed input gain */
    if (++pre->pos >= pre->len) pre->pos = 0;
    float o[2] = {0, 0};
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < FV_COMBS; i++)
            o[s] += comb_run(&r->comb[s][i], x, r->feedback, r->damp);
        for (int i = 0; i < FV_ALLPASSES; i++) o[s] = allpass_run(&r->allpass[s][i], o[s]);
    }
    *out_l = o[0] * r->wet1 + o[1] * r->wet2;
    *out_r = o[1] * r->wet1 + o[0] * r->wet2;
}

/* ---- master ----------------------------------------------------------------- */

static float soft_limit(float x)
{
    float a = fabsf(x);
    if (a <= LIMIT_KNEE) return x;
    const float room = LIMIT_CEIL - LIMIT_KNEE;
    float y = LIMIT_KNEE + room * tanhf((a - LIMIT_KNEE) / room);
    return x < 0 ? -y : y;
}

int synth_render(const synth_score_t *sc, synth_audio_t *audio)
{
    memset(audio, 0, sizeof *audio);
    int64_t music = synth_ticks_to_frames(sc, (int64_t)sc->bars * SYNTH_BAR_TICKS);
    int64_t max_release = 1;
    for (int i = 0; i < sc->instrument_count; i++) {
        int64_t r = instrument_release(&sc->instruments[i]);
        if (r > max_release) max_release = r;
    }
    int64_t held_end = music; /* a long gate may hold a note past the last bar */
    for (size_t i = 0; i < sc->event_count; i++) {
        int64_t e = sc->events[i].start + sc->events[i].length;
        if (e > held_end) held_end = e;
    }
    int64_t out_frames, bus_frames;
    if (sc->loop) {
        out_frames = music;
        bus_frames = held_end + max_release + 1;
    } else if (sc->length_frames) {
        out_frames = bus_frames = sc->length_frames;
    } else {
        out_frames = bus_frames = held_end + max_release + (int64_t)(ONESHOT_TAIL_S * SYNTH_RATE);
    }

    float *bus = calloc((size_t)bus_frames * 6, sizeof *bus);
    float *out = malloc((size_t)out_frames * 2 * sizeof *out);
    fx_delay_t dl;
    fx_reverb_t rv;
    int ok = bus && out;
    int dl_ok = ok && delay_init(&dl, sc) == 0;
    int rv_ok = ok && reverb_init(&rv, &sc->reverb) == 0;
    if (!dl_ok || !rv_ok) {
        if (dl_ok) free(dl.buf);
        if (rv_ok) free(rv.mem);
        free(bus);
        free(out);
        return -1;
    }

    render_ctx_t rc;
    rc.score = sc;
    rc.frames = bus_frames;
    /* in thousandths of a tick, so the fraction of a frame is kept */
    rc.bar_frames = (double)synth_ticks_to_frames(sc, 1000 * SYNTH_BAR_TICKS) / 1000.0;
    rc.dry = bus;
    rc.send_delay = bus + bus_frames * 2;
    rc.send_reverb = bus + bus_frames * 4;
    for (size_t i = 0; i < sc->event_count; i++) render_note(&rc, &sc->events[i]);

    if (sc->loop) /* what rings past the end sounds at the start */
        for (int b = 0; b < 3; b++) {
            float *x = bus + bus_frames * 2 * b;
            for (int64_t i = out_frames; i < bus_frames; i++) {
                int64_t j = i % out_frames;
                x[j * 2] += x[i * 2];
                x[j * 2 + 1] += x[i * 2 + 1];
            }
        }

    int passes = 1;
    if (sc->loop) passes += (int)ceil(LOOP_PRIME_S * SYNTH_RATE / (double)out_frames);
    float master = db_to_gain(sc->master_gain_db), peak = 0;
    float dc_xl = 0, dc_xr = 0, dc_yl = 0, dc_yr = 0;
    const float *dry = rc.dry, *sd = rc.send_delay, *sr = rc.send_reverb;
    for (int pass = 0; pass < passes; pass++)
        for (int64_t i = 0; i < out_frames; i++) {
            float el, er, wl, wr;
            delay_run(&dl, sd[i * 2], sd[i * 2 + 1], &el, &er);
            el *= sc->delay.level;
            er *= sc->delay.level;
            float tr = sc->delay.to_reverb;
            reverb_run(&rv, sr[i * 2] + el * tr, sr[i * 2 + 1] + er * tr, &wl, &wr);
            float l = (dry[i * 2] + el + wl) * master;
            float r = (dry[i * 2 + 1] + er + wr) * master;
            float yl = l - dc_xl + DC_POLE * dc_yl, yr = r - dc_xr + DC_POLE * dc_yr;
            dc_xl = l, dc_xr = r, dc_yl = yl, dc_yr = yr;
            out[i * 2] = yl;
            out[i * 2 + 1] = yr;
        }
    free(bus);
    free(dl.buf);
    free(rv.mem);

    for (int64_t i = 0; i < out_frames * 2; i++) {
        float a = fabsf(out[i]);
        if (a > peak) peak = a;
        out[i] = soft_limit(out[i]);
    }
    if (!sc->loop) {
        if (!sc->length_frames) { /* end where the tail has died away */
            int64_t last = music;
            for (int64_t i = out_frames - 1; i >= 0; i--)
                if (fabsf(out[i * 2]) > TAIL_FLOOR || fabsf(out[i * 2 + 1]) > TAIL_FLOOR) {
                    last = i;
                    break;
                }
            int64_t n = last + ms_frames(FADE_MS) + 1;
            if (n < out_frames) out_frames = n;
        }
        int64_t fade = ms_frames(FADE_MS);
        if (fade > out_frames) fade = out_frames;
        for (int64_t j = 0; j < fade; j++) {
            int64_t i = out_frames - fade + j;
            float g = (float)(fade - 1 - j) / (float)fade;
            out[i * 2] *= g;
            out[i * 2 + 1] *= g;
        }
    }
    audio->samples = out;
    audio->frames = out_frames;
    audio->peak_before_limiter = peak;
    return 0;
}

void synth_audio_free(synth_audio_t *audio)
{
    free(audio->samples);
    audio->samples = NULL;
    audio->frames = 0;
}
