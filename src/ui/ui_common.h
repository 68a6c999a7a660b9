/* What every screen around play shares: its colours, and how a time reads. */
#ifndef MM_UI_COMMON_H
#define MM_UI_COMMON_H

#include <SDL.h>
#include <stddef.h>
#include <stdint.h>

/* The night's palette for text (constants, one copy per screen's file). */
static const SDL_Color col_text = {236, 230, 255, 255};
static const SDL_Color col_dim = {140, 130, 190, 255};
static const SDL_Color col_neon = {255, 70, 200, 255};
static const SDL_Color col_cyan = {90, 230, 255, 255};
static const SDL_Color col_amber = {255, 176, 60, 255};

/* Ticks (60 a second) as "M:SS.hh". */
void ui_format_ticks(char *buf, size_t cap, int32_t ticks);

#endif
