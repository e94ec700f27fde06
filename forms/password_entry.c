/* A masked password entry that wipes what it held, its strength hint,
   and the dialog that asks for a backup's password. */
#include <config.h>

#include "password_entry.h"

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "box.h"
#include "loop.h"
#include "base/i18n.h"
#include "term.h"
#include "text.h"
#include "base/xalloc.h"

void
wz_secret_init (struct wz_secret *secret)
{
  secret->text = xcalloc (WZ_SECRET_MAX + 1, 1);
  secret->len = 0;
}

void
wz_secret_wipe (struct wz_secret *secret)
{
  if (secret->text)
    explicit_bzero (secret->text, WZ_SECRET_MAX + 1);
  secret->len = 0;
}

void
wz_secret_free (struct wz_secret *secret)
{
  wz_secret_wipe (secret);
  free (secret->text);
  secret->text = NULL;
}

bool
wz_secret_same (const struct wz_secret *a, const struct wz_secret *b)
{
  return a->len == b->len && memcmp (a->text, b->text, a->len) == 0;
}

static bool
secret_backspace (struct wz_secret *secret)
{
  if (secret->len == 0)
    return false;
  /* Back to the first byte of the last character, wiping all of it. */
  size_t start = secret->len - 1;
  while (start > 0 && ((unsigned char) secret->text[start] & 0xC0) == 0x80)
    start--;
  explicit_bzero (secret->text + start, secret->len - start);
  secret->len = start;
  return true;
}

static enum ui_field_result
secret_insert (struct wz_secret *secret, int key)
{
  uint8_t buf[6];
  if (key >= 0x80 && key < 0xA0)
    return UI_FIELD_NOT_MINE;
  int n = u8_uctomb (buf, (ucs4_t) key, sizeof buf);
  if (n <= 0 || secret->len + (size_t) n > WZ_SECRET_MAX)
    {
      explicit_bzero (buf, sizeof buf);
      return UI_FIELD_REFUSED;
    }
  memcpy (secret->text + secret->len, buf, (size_t) n);
  secret->len += (size_t) n;
  secret->text[secret->len] = '\0';
  explicit_bzero (buf, sizeof buf);
  return UI_FIELD_CHANGED;
}

enum ui_field_result
wz_secret_key (struct wz_secret *secret, int key)
{
  if (ui_is_backspace (key))
    return secret_backspace (secret) ? UI_FIELD_CHANGED : UI_FIELD_MOVED;
  if (key == 21) /* Ctrl-U, as in shells */
    {
      wz_secret_wipe (secret);
      return UI_FIELD_CHANGED;
    }
  if (!UI_IS_CHAR (key) || key < 0x20 || key == 0x7F)
    return UI_FIELD_NOT_MINE;
  return secret_insert (secret, key);
}

static size_t
chars_of (const char *text, size_t len)
{
  size_t chars = 0;
  for (size_t i = 0; i < len; i++)
    chars += ((unsigned char) text[i] & 0xC0) != 0x80;
  return chars;
}

void
wz_secret_draw (const struct wz_secret *secret, int y, int x, int width,
                bool focused)
{
  size_t chars = chars_of (secret->text, secret->len);
  /* The stars past the width add nothing: the cursor stays in sight. */
  size_t shown = width > 1 && chars > (size_t) width - 1 ? (size_t) width - 1
                                                         : chars;
  char *stars = xmalloc (shown + 1);
  memset (stars, '*', shown);
  stars[shown] = '\0';
  ui_put (y, x, stars, width, focused ? UI_FIELD_FOCUS : UI_FIELD);
  if (focused)
    {
      move (y, x + (int) shown);
      curs_set (1);
    }
  free (stars);
}

/* ------------------------------------------------------------ strength */

static unsigned
kind_of (unsigned char c)
{
  if (c >= 'a' && c <= 'z')
    return WZ_KIND_LOWER;
  if (c >= 'A' && c <= 'Z')
    return WZ_KIND_UPPER;
  if (c >= '0' && c <= '9')
    return WZ_KIND_DIGIT;
  return WZ_KIND_OTHER;
}

static int
kind_count (unsigned kinds)
{
  int n = 0;
  for (; kinds; kinds >>= 1)
    n += kinds & 1u;
  return n;
}

enum wz_strength
wz_password_strength (const char *password, size_t *chars, unsigned *kinds)
{
  size_t n = 0;
  unsigned k = 0;
  for (const unsigned char *p = (const unsigned char *) password; *p; p++)
    if ((*p & 0xC0) != 0x80)
      n++, k |= kind_of (*p);
  int different = kind_count (k);
  *chars = n;
  *kinds = k;
  if (n == 0)
    return WZ_STRENGTH_EMPTY;
  if (n >= 20 || (n >= 16 && different >= 2) || (n >= 14 && different >= 3))
    return WZ_STRENGTH_STRONG;
  if (n >= 12 || (n >= 10 && different >= 3))
    return WZ_STRENGTH_FAIR;
  return WZ_STRENGTH_WEAK;
}

/* "lower case, digits". */
static char *
kinds_text (unsigned kinds)
{
  const char *names[] = {
    _("lower case"), _("capitals"), _("digits"), _("other signs"),
  };
  char *text = xstrdup ("");
  for (unsigned i = 0; i < 4; i++)
    if (kinds & (1u << i))
      {
        char *joined = xasprintf ("%s%s%s", text, *text ? ", " : "",
                                  names[i]);
        free (text);
        text = joined;
      }
  return text;
}

char *
wz_strength_text (const char *password)
{
  size_t chars;
  unsigned kinds;
  enum wz_strength strength = wz_password_strength (password, &chars,
                                                    &kinds);
  if (strength == WZ_STRENGTH_EMPTY)
    return xstrdup (_("A backup needs a password."));
  const char *level = strength == WZ_STRENGTH_STRONG ? _("strong")
                      : strength == WZ_STRENGTH_FAIR ? _("fair") : _("weak");
  char *kinds_list = kinds_text (kinds);
  /* TRANSLATORS: %s is "weak", "fair" or "strong", %zu a number of
     characters, the last %s a list such as "lower case, digits". */
  char *text = xasprintf (ngettext ("Strength: %s (%zu character: %s)",
                                    "Strength: %s (%zu characters: %s)",
                                    chars),
                          level, chars, kinds_list);
  free (kinds_list);
  if (strength != WZ_STRENGTH_WEAK)
    return text;
  char *advice = xasprintf (_("%s; longer is stronger"), text);
  free (text);
  return advice;
}

enum ui_role
wz_strength_role (enum wz_strength strength)
{
  return strength == WZ_STRENGTH_WEAK ? UI_WARNING
         : strength == WZ_STRENGTH_STRONG ? UI_NOTE : UI_DIM;
}

/* -------------------------------------------------------------- dialog */

static void
draw_ask (struct ui_box *box, int y, int x, int width)
{
  const struct wz_secret *secret = box->data;
  /* TRANSLATORS: under a password box.  Keep the key names as printed
     on keyboards. */
  ui_put_text (y + 2, x, _("Enter: OK    Esc: cancel    F1: help"), width,
               UI_DIM);
  /* Last: the entry leaves the cursor where typing goes. */
  wz_secret_draw (secret, y, x, width, true);
}

struct ask
{
  struct ui_box box;
  struct wz_secret *secret;
  const char *help_title;
  const char *help_text;
};

enum { ASK_ENTER = 1 };

static void
draw_dialog (struct ui_screen *screen)
{
  struct ask *a = screen->state;
  ui_box_draw (&a->box);
}

static bool
act_dialog (struct ui_screen *screen, int action, int key)
{
  (void) key;
  if (action != ASK_ENTER)
    return false;
  ui_close (screen, 0);
  return true;
}

static void
typed (struct ui_screen *screen, int key)
{
  struct ask *a = screen->state;
  if (!ui_box_scroll (&a->box, key)
      && wz_secret_key (a->secret, key) == UI_FIELD_REFUSED)
    beep ();
}

static bool
help_dialog (struct ui_screen *screen, const char **title,
             const char **text)
{
  struct ask *a = screen->state;
  *title = a->help_title;
  *text = a->help_text;
  return true;
}

/* Esc is the shared Back: the dialog closes, the secret is wiped. */
static const struct ui_key ask_keys[] = {
  UI_ENTER_KEYS (ASK_ENTER, NULL, NULL),
};

static const struct ui_screen_ops ask_ops = {
  .draw = draw_dialog, .act = act_dialog, .key = typed, .help = help_dialog,
};

bool
wz_ask_password (const char *title, const char *text,
                 const char *help_title, const char *help_text,
                 struct wz_secret *secret)
{
  wz_secret_wipe (secret);
  struct ask a = {
    .box = { .title = title, .title_role = UI_LABEL, .text = text,
             .footer_rows = 3, .draw_footer = draw_ask, .data = secret,
             .has_field = true },
    .secret = secret, .help_title = help_title, .help_text = help_text,
  };
  ui_box_init (&a.box);
  struct ui_screen screen = {
    .ops = &ask_ops,
    .keys = UI_KEYMAP (ask_keys, UI_SHARE_BACK | UI_SHARE_HELP),
    .overlay = true, .first_tick = -1, .state = &a,
  };
  bool entered = ui_run (&screen) == 0;
  ui_box_free (&a.box);
  if (!entered)
    wz_secret_wipe (secret);
  return entered;
}

static enum cw_status
answer_typed (void *state, const char *token_label, unsigned attempt,
              char **pin, struct cw_diags *diags)
{
  char *const *typed = state;
  (void) token_label, (void) diags;
  if (attempt > 0 || !*typed || !**typed)
    return CW_REFUSED;
  *pin = xstrdup (*typed);
  return CW_OK;
}

struct cw_pin_source
wz_pin_typed (char *const *pin)
{
  return (struct cw_pin_source) { .ask = answer_typed,
                                  .state = (void *) pin };
}
