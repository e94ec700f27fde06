/* The list of a folder's likely files, to walk through and choose the
   file to import. */
#include <config.h>

#include "file_picker.h"

#include <curses.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/i18n.h"
#include "list.h"
#include "loop.h"
#include "screen_frame.h"
#include "term.h"
#include "text.h"
#include "wizard_ui.h"
#include "base/xalloc.h"

#define FOLDER_ROW WZ_TOP
#define SHOWN_ROW (WZ_TOP + 1)
#define LIST_ROW (WZ_TOP + 3)

struct picker
{
  struct wz_folder folder;
  struct ui_list list;
  bool all;                /* every file, not only the likely ones */
  char *status;            /* owned */
  char *chosen;            /* the file chosen, once it is */
};

static int
list_rows (void)
{
  return WZ_STATUS_ROW - LIST_ROW - 1;
}

/* "2048 bytes  2025-11-21 19:50", or what a folder is. */
static char *
entry_details (const struct wz_dir_entry *e)
{
  if (strcmp (e->name, "..") == 0)
    return xstrdup (_("parent folder"));
  if (e->dir)
    return xstrdup (_("folder"));
  char when[32] = "";
  struct tm tm;
  if (localtime_r (&e->mtime, &tm))
    strftime (when, sizeof when, "%Y-%m-%d %H:%M", &tm);
  return xasprintf (ngettext ("%jd byte  %s", "%jd bytes  %s",
                              (unsigned long) e->size),
                    (intmax_t) e->size, when);
}

static void
draw_entry (int y, int x, int width, size_t index, bool selected,
            void *state)
{
  struct picker *p = state;
  const struct wz_dir_entry *e = &p->folder.items[index];
  char *details = entry_details (e);
  int details_width = ui_width (details);
  /* The name keeps most of the row; the details go when it is narrow. */
  int name_width = width - details_width - 2;
  if (name_width < width / 2)
    name_width = width;
  char *name = xasprintf ("%s%s", e->name,
                          e->dir && strcmp (e->name, "..") ? "/" : "");
  ui_put (y, x, name, name_width, selected ? UI_SELECTED : UI_NORMAL);
  if (name_width < width)
    ui_put (y, x + name_width, details, width - name_width,
            selected ? UI_SELECTED : UI_DIM);
  free (name);
  free (details);
}

static void
draw (struct ui_screen *screen)
{
  struct picker *p = screen->state;
  wz_frame_draw (screen, _("Import"), _("Choose a file"), p->status,
                 UI_WARNING);
  int x = 2 + ui_put_text (FOLDER_ROW, 2, _("Folder:"), 0, UI_LABEL);
  ui_put (FOLDER_ROW, x + 1, p->folder.path ? p->folder.path : "",
          COLS - x - 3, UI_NORMAL);
  ui_put (SHOWN_ROW, 2,
          p->all ? _("Showing every file (a: only certificates and "
                     "backups).")
                 : _("Showing only .cer .crt .pem .der .p7b .p7c .pfx "
                     ".p12 files (a: every file)."),
          COLS - 4, UI_DIM);
  ui_list_draw (&p->list, LIST_ROW, 2, COLS - 4, list_rows (), draw_entry,
                p);
  if (p->folder.count == 0)
    ui_put (LIST_ROW, 4, _("(nothing to show here)"), 0, UI_DIM);
}

static void
say (struct picker *p, char *text)
{
  free (p->status);
  p->status = text;
}

/* Opens PATH, selecting SELECT (a name) when it is there; on failure the
   picker stays where it was and says why. */
static bool
load (struct picker *p, const char *path, const char *select)
{
  struct wz_folder f;
  int err = wz_folder_read (&f, path, p->all);
  if (err)
    {
      say (p, xasprintf (_("That folder cannot be opened: %s."),
                         strerror (err)));
      return false;
    }
  wz_folder_free (&p->folder);
  p->folder = f;
  ui_list_init (&p->list, f.count);
  for (size_t i = 0; select && i < f.count; i++)
    if (strcmp (f.items[i].name, select) == 0)
      p->list.selected = i;
  return true;
}

static void
go_up (struct picker *p)
{
  const char *slash = strrchr (p->folder.path, '/');
  char *came_from = xstrdup (slash && slash[1] ? slash + 1 : "");
  char *parent = wz_folder_join (p->folder.path, "..");
  load (p, parent, came_from);
  free (parent);
  free (came_from);
}

static void
toggle_all (struct picker *p)
{
  p->all = !p->all;
  char *path = xstrdup (p->folder.path);
  char *selected = p->folder.count
    ? xstrdup (p->folder.items[p->list.selected].name) : NULL;
  load (p, path, selected);
  free (selected);
  free (path);
}

/* Enter: into a folder, or the file is chosen. */
static bool
open_selected (struct picker *p, char **chosen)
{
  if (p->folder.count == 0)
    return false;
  const struct wz_dir_entry *e = &p->folder.items[p->list.selected];
  if (strcmp (e->name, "..") == 0)
    {
      go_up (p);
      return false;
    }
  char *path = wz_folder_join (p->folder.path, e->name);
  if (!e->dir)
    {
      *chosen = path;
      return true;
    }
  load (p, path, NULL);
  free (path);
  return false;
}

enum
{
  PICKER_OPEN = 1,
  PICKER_UP,
  PICKER_ALL
};

static bool
act (struct ui_screen *screen, int action, int key)
{
  struct picker *p = screen->state;
  (void) key;
  say (p, NULL);
  if (action == PICKER_OPEN)
    {
      if (open_selected (p, &p->chosen))
        ui_close (screen, WZ_PICK_CHOSEN);
    }
  else if (action == PICKER_UP)
    go_up (p);
  else if (action == PICKER_ALL)
    toggle_all (p);
  else
    return false;
  return true;
}

static void
typed (struct ui_screen *screen, int key)
{
  struct picker *p = screen->state;
  say (p, NULL);
  /* Right walks into a folder, never chooses a file. */
  if (key == UI_KEY (KEY_RIGHT) && p->folder.count
      && p->folder.items[p->list.selected].dir)
    open_selected (p, &p->chosen);
  else
    ui_list_key (&p->list, key, list_rows ());
}

static bool
help (struct ui_screen *screen, const char **title, const char **text)
{
  (void) screen;
  return wz_frame_help (WZ_XHELP_FILE_LIST, title, text);
}

static const struct ui_key keys[] = {
  UI_ENTER_KEYS (PICKER_OPEN, "Enter", N_("Open")),
  UI_BACKSPACE_KEYS (PICKER_UP, "Bksp", N_("Up a folder")),
  { UI_KEY (KEY_LEFT), PICKER_UP, NULL, NULL },
  { 'a', PICKER_ALL, "a", N_("All files") },
  { 'A', PICKER_ALL, NULL, NULL },
};

static const struct ui_screen_ops ops = {
  .draw = draw, .act = act, .key = typed, .help = help,
};

/* The folder to start in: START's, or the folder of the file START
   names or begins to name; else the current one. */
static void
start_in (struct picker *p, const char *start)
{
  char *path = start && *start ? wz_expand_path (start) : xstrdup (".");
  struct stat st;
  if (stat (path, &st) != 0 || !S_ISDIR (st.st_mode))
    {
      char *slash = strrchr (path, '/');
      if (slash)
        slash[slash == path ? 1 : 0] = '\0';
      else
        strcpy (path, ".");
    }
  if (!load (p, path, NULL) && !load (p, ".", NULL))
    load (p, "/", NULL);
  free (path);
}

enum wz_pick
wz_pick_file (const char *start, char **chosen)
{
  struct picker p = { .folder = { NULL, NULL, 0 }, .chosen = NULL };
  start_in (&p, start);
  struct ui_screen screen = { .ops = &ops,
                              .keys = UI_KEYMAP (keys, UI_SHARE_ALL),
                              .first_tick = -1, .state = &p };
  int result = ui_run (&screen);
  wz_folder_free (&p.folder);
  free (p.status);
  *chosen = result == WZ_PICK_CHOSEN ? p.chosen : NULL;
  if (result != WZ_PICK_CHOSEN)
    free (p.chosen);
  return result == WZ_PICK_CHOSEN ? WZ_PICK_CHOSEN
         : ui_quitting () ? WZ_PICK_QUIT : WZ_PICK_BACK;
}
