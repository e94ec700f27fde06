#include <config.h>

#include "box.h"

#include <curses.h>
#include <stdlib.h>

#include "border.h"
#include "term.h"
#include "text.h"

#define BOX_MAX_WIDTH 72

/* Where the box goes on this terminal. */
struct frame
{
  int y, x, height, width;
};

/* Rows and columns around the text: border and one blank on each side,
   and a blank row between the text and the footer. */
#define PAD_ROWS 4
#define PAD_COLS 4

static struct frame
layout (struct ui_box *box)
{
  struct frame f;
  f.width = COLS - 4 < BOX_MAX_WIDTH ? COLS - 4 : BOX_MAX_WIDTH;
  size_t lines = ui_textview_wrap (&box->view, f.width - PAD_COLS);
  /* The screen's top and bottom bars stay in sight around the box. */
  int most = LINES - 2 - PAD_ROWS - box->footer_rows;
  box->text_rows = lines < (size_t) most ? (int) lines : most;
  if (box->text_rows < 1)
    box->text_rows = 1;
  f.height = PAD_ROWS + box->text_rows + box->footer_rows;
  f.y = (LINES - f.height) / 2;
  f.x = (COLS - f.width) / 2;
  return f;
}

/* Text on the border, blank-padded so it stands apart from the line. */
static void
put_on_border (int y, int x, const char *text, int width, enum ui_role role)
{
  x += ui_put_text (y, x, " ", 1, UI_NORMAL);
  x += ui_put_text (y, x, text, width - 2, role);
  ui_put_text (y, x, " ", 1, UI_NORMAL);
}

static void
draw_position (struct ui_box *box, struct frame f)
{
  char *position = ui_textview_position (&box->view, box->text_rows);
  if (!position)
    return;
  int w = ui_width (position) + 2;
  if (w < f.width - 4)
    put_on_border (f.y + f.height - 1, f.x + f.width - 2 - w, position, w,
                   UI_DIM);
  free (position);
}

void
ui_box_draw (struct ui_box *box)
{
  struct frame f = layout (box);
  curs_set (0);
  ui_border (f.y, f.x, f.height, f.width, UI_NORMAL);
  if (box->title && *box->title)
    put_on_border (f.y, f.x + 2, box->title, f.width - 4, box->title_role);
  ui_textview_draw (&box->view, f.y + 2, f.x + 2, box->text_rows,
                    UI_NORMAL);
  draw_position (box, f);
  /* Last, so that a text field can leave the cursor in place. */
  if (box->draw_footer)
    box->draw_footer (box, f.y + 3 + box->text_rows, f.x + 2,
                      f.width - PAD_COLS);
}

void
ui_box_init (struct ui_box *box)
{
  ui_textview_init (&box->view, box->text ? box->text : "");
  box->text_rows = 1;
}

bool
ui_box_scroll (struct ui_box *box, int key)
{
  if (box->has_field && (key == UI_KEY (KEY_HOME) || key == UI_KEY (KEY_END)))
    return false;
  return ui_textview_key (&box->view, key, box->text_rows);
}

void
ui_box_free (struct ui_box *box)
{
  ui_textview_free (&box->view);
}
