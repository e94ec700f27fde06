/* The screen now shown, so that whatever is open on top of it (a dialog,
   the help) can draw it again when the terminal is resized. */
#ifndef CERTWIZ_UI_SCREEN_H
#define CERTWIZ_UI_SCREEN_H

typedef void (*ui_redraw_fn) (void *state);

struct ui_screen
{
  ui_redraw_fn redraw;      /* draws the whole screen; NULL: nothing */
  void *state;
};

/* Makes REDRAW the current screen's redraw function.  Returns the
   previous one so callers can restore it (a stack by hand).  Dialogs and
   the help register themselves this way, drawing what was below them
   first, so that one opened over another still redraws everything. */
struct ui_screen ui_screen_set (ui_redraw_fn redraw, void *state);
void ui_screen_restore (struct ui_screen previous);
/* Erases and redraws the current screen; when the terminal is smaller
   than UI_MIN_COLS x UI_MIN_LINES, shows ui_term_draw_too_small instead.
   The result shows at the next refresh or key read. */
void ui_screen_redraw (void);
/* Reads a key, handling resizes (redraws via ui_screen_redraw and keeps
   waiting while the terminal is too small): returns the first key that
   is not a resize.  Callers that must redraw themselves after a resize
   and are not registered with ui_screen_set pass AFTER_REDRAW, called
   with STATE once the screen is redrawn (never while it is too small);
   it may be NULL. */
int ui_screen_key (void (*after_redraw) (void *state), void *state);

#endif
