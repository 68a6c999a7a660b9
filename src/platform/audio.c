#include "platform/audio.h"

#include <stdio.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

static const char *const music_files[MUSIC_COUNT] = {"music_title.ogg", "music_level.ogg",
                                                     "music_results.ogg"};
static const char *const cue_files[CUE_COUNT] = {
    "sfx_select.wav", "sfx_confirm.wav", "sfx_win.wav",  "sfx_lose.wav",
    "sfx_bump.wav",   "sfx_ring.wav",    "sfx_tick.wav", "sfx_pause.wav"};

void audio_init(audio_t *au, const char *data_dir)
{
    memset(au, 0, sizeof *au);
    au->playing = MUSIC_NONE;
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
    au->ok = true;
    Mix_AllocateChannels(16);
    char path[1200];
    for (int i = 0; i < MUSIC_COUNT; i++) {
        snprintf(path, sizeof path, "%s/assets/%s", data_dir, music_files[i]);
        au->music[i] = Mix_LoadMUS(path);
        if (!au->music[i]) SDL_Log("warning: cannot load music %s: %s", path, Mix_GetError());
    }
    for (int i = 0; i < CUE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/assets/%s", data_dir, cue_files[i]);
        au->cues[i] = Mix_LoadWAV(path);
        if (!au->cues[i]) SDL_Log("warning: cannot load sound %s: %s", path, Mix_GetError());
    }
}

void audio_shutdown(audio_t *au)
{
    if (!au->ok) return;
    Mix_HaltMusic();
    Mix_HaltChannel(-1);
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
    if (!au->ok || au->playing == m) return;
    au->playing = m;
    if (m == MUSIC_NONE || !au->music[m]) {
        Mix_HaltMusic();
        return;
    }
    Mix_FadeInMusic(au->music[m], -1, 400);
}

void audio_pause_music(audio_t *au, bool paused)
{
    if (!au->ok) return;
    if (paused)
        Mix_PauseMusic();
    else
        Mix_ResumeMusic();
}

void audio_play_cue(audio_t *au, audio_cue_t c)
{
    if (!au->ok || !au->cues[c]) return;
    Mix_PlayChannel(-1, au->cues[c], 0);
}

void audio_set_volumes(audio_t *au, int music, int sfx, bool muted)
{
    if (!au->ok) return;
    Mix_VolumeMusic(muted ? 0 : MIX_MAX_VOLUME * music / 10);
    Mix_Volume(-1, muted ? 0 : MIX_MAX_VOLUME * sfx / 10);
}

void audio_update(audio_t *au, const audio_scene_t *scene)
{
    (void)au;
    (void)scene;
}

void audio_game_tick(audio_t *au, const game_t *g)
{
    if (g->events & GAME_EVENT_BUMP) audio_play_cue(au, CUE_BUMP);
    if (g->events & GAME_EVENT_SECOND) audio_play_cue(au, CUE_TICK);
}
