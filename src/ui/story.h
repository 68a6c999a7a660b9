/* The story around the campaign: the card before each level, the two
 * endings and the credits. Each is drawn from a time in displayed frames
 * (60 a second) and nothing else, so a frame of any of them can be drawn
 * off screen and compared with a stored picture. The app decides when they
 * show (src/platform/app.c); these only draw them. */
#ifndef MM_STORY_H
#define MM_STORY_H

#include <stdbool.h>
#include <stdint.h>

#include "game/game.h"
#include "platform/render.h"

typedef enum story_ending {
    STORY_TOGETHER, /* the last level won: Harry and Julie lift off at dawn */
    STORY_FLASH,    /* the last clock run out: the flash, the tar pits */
    STORY_ENDING_COUNT
} story_ending_t;

/* What a card says. Any text may be NULL or empty; hour and place come
 * from the level's keys, number is the level's place in the campaign
 * (1-based, 0 for none). */
typedef struct story_card {
    const char *hour, *place, *name, *story;
    int number;
} story_card_t;

/* A card lasts this long unless a key or a click skips it. */
#define STORY_CARD_FRAMES (7 * 60)

/* The card over a still of the level (g: the level just set up, Harry at
 * his start; NULL for a plain dark ground). frame drives the still's own
 * animation (neon, tar), t is frames since the card opened. */
void story_draw_card(render_t *rd, const game_t *g, const story_card_t *card, uint32_t frame,
                     uint32_t t);

/* An ending at t frames; done once it has played out. */
void story_draw_ending(render_t *rd, story_ending_t e, uint32_t t);
uint32_t story_ending_frames(story_ending_t e);
/* The music piece each ending plays (audio_play_ending). */
const char *story_ending_piece(story_ending_t e);

/* The credits, rolling up at t frames; done after story_credits_frames(). */
void story_draw_credits(render_t *rd, uint32_t t);
uint32_t story_credits_frames(void);

#endif
