/* One certificate or request in full: every field certwiz show gives,
   its chain, and on a key its PEM; scrolled, and acted on with the
   actions' keys. */
#include <config.h>

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "browser.h"
#include "pki/certfields.h"
#include "pki/chain.h"
#include "pki/import_chain.h"
#include "base/i18n.h"
#include "keybar.h"
#include "loop.h"
#include "names/subject.h"
#include "term.h"
#include "text.h"
#include "wrap.h"
#include "base/xalloc.h"

/* Labels take 14 columns, so that a SHA-256 thumbprint (64 digits) fits
   on one line at 80 columns. */
#define LABEL_X 1
#define LABEL_WIDTH 15
/* A longer value is cut, with a marker: a hostile certificate's name of
   thousands of characters would otherwise fill pages. */
#define MAX_VALUE_LINES 6

struct field
{
  const char *label;       /* translated; NULL for a heading */
  char *value;             /* as read: made safe when laid out */
  enum ui_role role;
};

struct line
{
  const char *label;       /* NULL for a heading, "" under a label */
  char *text;              /* safe, fitted to the width laid out for */
  enum ui_role role;
};

struct details
{
  struct browser *b;
  struct bw_item *item;
  struct field *fields;
  size_t field_count;
  struct line *lines;      /* the fields laid out, or the PEM's lines */
  size_t line_count;
  int width;               /* what LINES was laid out for; 0: not yet */
  bool pem;                /* the PEM shown instead of the fields */
  size_t top;
  bool measuring;          /* the key bar's width is being measured */
};

static int
text_rows (void)
{
  return WZ_STATUS_ROW - WZ_TOP;
}

/* ------------------------------------------------------------- fields */

static void
add (struct details *d, const char *label, const char *value,
     enum ui_role role)
{
  if (!value || (!*value && label && *label))
    return;
  d->fields = xreallocarray (d->fields, d->field_count + 1,
                             sizeof *d->fields);
  d->fields[d->field_count++] = (struct field) { label, xstrdup (value),
                                                 role };
}

static void
add_heading (struct details *d, const char *text)
{
  add (d, "", "", UI_NORMAL);
  add (d, NULL, text, UI_LABEL);
}

struct dn_fields
{
  struct details *d;
  const char *label;       /* for the first attribute only */
};

static void
add_attribute (const char *oid, const char *value, void *state)
{
  struct dn_fields *dn = state;
  const char *name = gnutls_x509_dn_oid_name (oid,
                                              GNUTLS_X509_DN_OID_RETURN_OID);
  char *text = xasprintf ("%s=%s", name, value);
  add (dn->d, dn->label, text, UI_NORMAL);
  dn->label = "";
  free (text);
}

static enum ui_role
validity_role (time_t not_after)
{
  long days = cw_days_left (not_after);
  return days < 0 ? UI_ERROR
         : days < CW_EXPIRING_DAYS ? UI_WARNING : UI_NORMAL;
}

static void
add_validity (struct details *d, const struct cw_certinfo *info)
{
  char *validity = cw_validity_text (info->not_before, info->not_after);
  add (d, _("Valid"), validity, validity_role (info->not_after));
  free (validity);
}

/* The core's one table of fields (pki/certfields.h), as certwiz show
   gives them: a field added there shows here.  What the screen adds is
   only how a few look: the subject one attribute a line, colours. */
struct shown_field
{
  struct details *d;
  const struct cw_field_source *source;
  gnutls_x509_crt_t crt;   /* the certificate's, or NULL */
};

static enum ui_role
role_of (const struct shown_field *s, const char *label)
{
  if (strcmp (label, "Valid") == 0 && s->source->info)
    return validity_role (s->source->info->not_after);
  if (strcmp (label, "Key here") == 0 && s->source->entry
      && !s->source->entry->has_key)
    return UI_DIM;
  if (strcmp (label, "State") == 0)
    return UI_NOTE;
  return UI_NORMAL;
}

static void request_subject (struct details *d, const char *text);

static bool
add_subject (const struct shown_field *s, const char *label,
             const struct cw_field_value *value)
{
  if (strcmp (label, "Subject") != 0)
    return false;
  if (s->crt)
    {
      struct dn_fields dn = { s->d, _("Subject") };
      cw_cert_dn_each (s->crt, false, add_attribute, &dn);
    }
  else
    request_subject (s->d, value->text ? value->text : "");
  return true;
}

static void
add_value (const struct shown_field *s, const struct cw_certfield *field,
           const struct cw_field_value *value)
{
  enum ui_role role = role_of (s, field->label);
  if (add_subject (s, field->label, value))
    return;
  if (value->type == CW_FIELD_STRINGS)
    for (size_t k = 0; k < value->count; k++)
      add (s->d, _(field->label), value->items[k], role);
  else if (value->type == CW_FIELD_STRING)
    add (s->d, _(field->label), value->text, role);
}

static void
table_fields (struct details *d, enum cw_field_table table,
              const struct cw_field_source *source, gnutls_x509_crt_t crt)
{
  struct shown_field s = { d, source, crt };
  size_t count;
  const struct cw_certfield *fields = cw_certfields (table, &count);
  for (size_t i = 0; i < count; i++)
    {
      if (!(fields[i].shown & CW_FIELD_TEXT) || !fields[i].label)
        continue;
      struct cw_field_value value;
      cw_certfield_get (&fields[i], source, &value);
      add_value (&s, &fields[i], &value);
      cw_field_value_free (&value);
    }
}

/* Every field of certwiz show: the certificate's, and what the store's
   record adds. */
static void
cert_fields (struct details *d, gnutls_x509_crt_t crt,
             const struct cw_store_entry *entry)
{
  struct cw_certinfo info;
  if (cw_certinfo_get (crt, &info) < 0)
    {
      add (d, _("Certificate"), _("(it cannot be read)"), UI_ERROR);
      return;
    }
  struct cw_field_source source = { &info, entry };
  table_fields (d, CW_FIELDS_CERT, &source, crt);
  if (entry)
    table_fields (d, CW_FIELDS_ENTRY, &source, NULL);
  cw_certinfo_free (&info);
}

/* A certificate of the chain: enough to tell which it is. */
static void
chain_fields (struct details *d, gnutls_x509_crt_t crt, size_t index)
{
  struct cw_certinfo info;
  char *name = cw_cert_short_name (crt);
  /* TRANSLATORS: a heading in a certificate's details: "2. Contoso CA",
     the second certificate of its chain. */
  char *title = xasprintf (_("%zu. %s"), index + 1, name);
  add (d, "", "", UI_NORMAL);
  add (d, NULL, title, UI_NORMAL);
  free (title), free (name);
  if (cw_certinfo_get (crt, &info) < 0)
    return;
  add (d, _("Subject"), info.subject, UI_NORMAL);
  add (d, _("Issuer"), info.issuer, UI_NORMAL);
  add_validity (d, &info);
  add (d, _("Thumbprint"), info.sha1, UI_NORMAL);
  cw_certinfo_free (&info);
}

static void
chain_section (struct details *d)
{
  const struct bw_item *item = d->item;
  char *heading = item->chain_count == 0 ? xstrdup (_("Chain"))
    : item->in_store
    ? xasprintf (ngettext ("Chain: %zu certificate, the issuer first",
                           "Chain: %zu certificates, the issuer first",
                           item->chain_count), item->chain_count)
    : xasprintf (ngettext ("Chain: %zu issuer found in the files",
                           "Chain: %zu issuers found in the files",
                           item->chain_count), item->chain_count);
  add_heading (d, heading);
  free (heading);
  if (item->chain_count == 0)
    add (d, "", gnutls_x509_crt_check_issuer (item->leaf, item->leaf)
                  ? _("(none: the certificate is self-signed)")
                  : _("(none: its issuer is not here)"), UI_DIM);
  if (item->in_store
      && cw_record_chain_incomplete (&item->target.entry.record))
    add (d, "", cw_chain_incomplete_fix (), UI_WARNING);
  for (size_t i = 0; i < item->chain_count; i++)
    chain_fields (d, item->chain[i], i);
}

/* A request's subject is certwiz's own text: read back, it is shown one
   attribute a line, as a certificate's is. */
static void
request_subject (struct details *d, const char *text)
{
  struct cw_subject subject = CW_SUBJECT_INIT;
  struct cw_diags diags = CW_DIAGS_INIT;
  bool parsed = cw_subject_parse (text, &subject, &diags)
                && subject.count > 0;
  if (!parsed)
    add (d, _("Subject"), text, UI_NORMAL);
  for (size_t i = 0; parsed && i < subject.count; i++)
    {
      char *line = xasprintf ("%s=%s",
                              cw_attr_info (subject.rdns[i].attr)->name,
                              subject.rdns[i].value);
      add (d, i ? "" : _("Subject"), line, UI_NORMAL);
      free (line);
    }
  cw_subject_free (&subject);
  cw_diags_free (&diags);
}

static void
request_fields (struct details *d)
{
  struct cw_field_source source = { NULL, &d->item->target.entry };
  table_fields (d, CW_FIELDS_REQUEST, &source, NULL);
  table_fields (d, CW_FIELDS_ENTRY, &source, NULL);
}

static void
build_fields (struct details *d)
{
  if (d->item->pending)
    {
      request_fields (d);
      return;
    }
  cert_fields (d, d->item->leaf,
               d->item->in_store ? &d->item->target.entry : NULL);
  chain_section (d);
}

/* ------------------------------------------------------------- layout */

static void
push_line (struct details *d, const char *label, char *text,
           enum ui_role role)
{
  d->lines = xreallocarray (d->lines, d->line_count + 1, sizeof *d->lines);
  d->lines[d->line_count++] = (struct line) { label, text, role };
}

static void
free_lines (struct details *d)
{
  for (size_t i = 0; i < d->line_count; i++)
    free (d->lines[i].text);
  free (d->lines);
  d->lines = NULL;
  d->line_count = 0;
  d->width = 0;
}

/* A newline in a name must not start a line that looks like another
   field: it is shown as "\x0a", as ui_put would. */
static void
lay_out_field (struct details *d, const struct field *f, int width)
{
  char *line = bw_one_line (f->value);
  struct ui_lines lines;
  ui_wrap (line, width, &lines);
  size_t shown = lines.count < MAX_VALUE_LINES ? lines.count
                                               : MAX_VALUE_LINES;
  if (shown == 0)
    push_line (d, f->label, xstrdup (""), f->role);
  for (size_t i = 0; i < shown; i++)
    {
      /* One more line than fits: ui_put cuts it with its marker. */
      char *text = i + 1 == shown && lines.count > shown
                     ? xasprintf ("%s%s", lines.lines[i], lines.lines[i + 1])
                     : xstrdup (lines.lines[i]);
      push_line (d, i == 0 ? f->label : "", text, f->role);
    }
  ui_lines_free (&lines);
  free (line);
}

static void
lay_out_pem (struct details *d)
{
  const char *p = d->item->pem;
  if (!*p)
    push_line (d, NULL, xstrdup (_("(no PEM to show)")), UI_DIM);
  while (*p)
    {
      size_t len = strcspn (p, "\n");
      push_line (d, NULL, xstrndup (p, len), UI_NORMAL);
      p += len + (p[len] == '\n');
    }
}

static void
lay_out (struct details *d)
{
  int width = COLS - LABEL_X - LABEL_WIDTH;
  if (d->width == COLS)
    return;
  free_lines (d);
  d->width = COLS;
  if (d->pem)
    {
      lay_out_pem (d);
      return;
    }
  for (size_t i = 0; i < d->field_count; i++)
    lay_out_field (d, &d->fields[i],
                   d->fields[i].label ? width : COLS - 2 * LABEL_X);
}

/* ------------------------------------------------------------ drawing */

static size_t
last_top (const struct details *d)
{
  size_t rows = (size_t) text_rows ();
  return d->line_count > rows ? d->line_count - rows : 0;
}

static void
draw_line (int y, const struct line *line)
{
  if (!line->label)
    {
      ui_put (y, LABEL_X, line->text, COLS - 2 * LABEL_X,
              line->role == UI_NORMAL ? UI_LABEL : line->role);
      return;
    }
  ui_put (y, LABEL_X, line->label, LABEL_WIDTH - 1, UI_LABEL);
  ui_put (y, LABEL_X + LABEL_WIDTH, line->text, 0, line->role);
}

static void
draw_position (const struct details *d)
{
  int rows = text_rows ();
  if (d->line_count <= (size_t) rows)
    return;
  char *range = ui_range_text (d->top, (size_t) rows, d->line_count);
  char *shown = xasprintf (" %s ", range);
  int w = ui_width (shown);
  ui_put_text (WZ_STATUS_ROW - 1, COLS - 1 - w, shown, w, UI_DIM);
  free (shown), free (range);
}

static void
draw_title (const struct details *d)
{
  const char *what = d->item->pending ? _("Pending request")
                                      : _("Certificate");
  char *left = d->pem ? xasprintf ("certwiz - %s (PEM)", what)
                      : xasprintf ("certwiz - %s", what);
  ui_titlebar (left, d->item->label);
  free (left);
}

static void
redraw_details (struct ui_screen *screen)
{
  struct details *d = screen->state;
  lay_out (d);
  if (d->top > last_top (d))
    d->top = last_top (d);
  draw_title (d);
  for (int row = 0; row < text_rows (); row++)
    if (d->top + (size_t) row < d->line_count)
      draw_line (WZ_TOP + row, &d->lines[d->top + (size_t) row]);
  draw_position (d);
  ui_draw_keybar (screen);
  ui_statusline (d->b->ui->status, d->b->ui->status_role);
}

/* --------------------------------------------------------------- keys */

enum
{
  DETAILS_PEM = 1,
  DETAILS_MENU,
  DETAILS_ACTION           /* then one for each bw_action */
};

static bool
scroll_key (struct details *d, int key)
{
  size_t page = (size_t) (text_rows () > 2 ? text_rows () - 1 : 1);
  size_t last = last_top (d);
  switch (key)
    {
    case UI_KEY (KEY_UP):
      d->top = d->top ? d->top - 1 : 0;
      return true;
    case UI_KEY (KEY_DOWN):
      d->top = d->top < last ? d->top + 1 : last;
      return true;
    case UI_KEY (KEY_PPAGE):
      d->top = d->top > page ? d->top - page : 0;
      return true;
    case UI_KEY (KEY_NPAGE):
      d->top = d->top + page < last ? d->top + page : last;
      return true;
    case UI_KEY (KEY_HOME):
      d->top = 0;
      return true;
    case UI_KEY (KEY_END):
      d->top = last;
      return true;
    default:
      return false;
    }
}

static void
toggle_pem (struct details *d)
{
  d->pem = !d->pem;
  d->top = 0;
  d->width = 0;
}

static bool
act_details (struct ui_screen *screen, int action, int key)
{
  struct details *d = screen->state;
  enum wz_action done = WZ_STAY;
  (void) key;
  wz_say (d->b->ui, NULL, UI_NORMAL);
  if (action < UI_ACT_NONE)
    return false;
  if (action == DETAILS_PEM)
    toggle_pem (d);
  else if (action == DETAILS_MENU)
    done = bw_act (d->b, d->item, bw_action_menu (d->b, d->item));
  else
    done = bw_act (d->b, d->item, (enum bw_action) (action - DETAILS_ACTION));
  if (done == WZ_QUIT)
    ui_quit ();
  else if (done == WZ_BACK)
    ui_close (screen, UI_BACK);
  return true;
}

static void
key_details (struct ui_screen *screen, int key)
{
  struct details *d = screen->state;
  wz_say (d->b->ui, NULL, UI_NORMAL);
  scroll_key (d, key);
}

static bool
help_details (struct ui_screen *screen, const char **title,
              const char **text)
{
  (void) screen;
  *title = bw_help_title (BW_HELP_DETAILS);
  *text = bw_help_text (BW_HELP_DETAILS);
  return true;
}

/* The width of every hint the bar would show. */
static int
bar_width (struct ui_screen *screen)
{
  struct details *d = screen->state;
  struct ui_keyhint hints[BW_ACTION_COUNT + 8];
  d->measuring = true;
  size_t n = ui_keybar_hints (screen, hints, sizeof hints / sizeof *hints);
  d->measuring = false;
  int width = 0;
  for (size_t i = 0; i < n; i++)
    width += ui_width (hints[i].key) + ui_width (hints[i].label) + 3;
  return width;
}

/* Only the actions that apply are shown; p names what it shows next.
   Help goes first when the bar is too narrow for every key: F1 still
   works, and the actions are what this screen is for. */
static bool
hint_details (struct ui_screen *screen, const struct ui_key *key,
              struct ui_keyhint *out)
{
  struct details *d = screen->state;
  if (key->action == UI_ACT_HELP)
    return d->measuring || bar_width (screen) <= COLS;
  if (key->action == DETAILS_PEM)
    out->label = d->pem
      /* TRANSLATORS: the key bar's word for the key that shows the
         fields again; short. */
      ? _("Fields")
      /* TRANSLATORS: the key bar's word for the key that shows the PEM;
         short. */
      : _("PEM");
  if (key->action >= DETAILS_ACTION)
    return bw_action_allowed (d->b, d->item,
                              (enum bw_action) (key->action
                                                - DETAILS_ACTION), NULL);
  return true;
}

static const struct ui_screen_ops details_ops = {
  .draw = redraw_details, .act = act_details, .key = key_details,
  .help = help_details, .hint = hint_details,
};

/* F1 first, then p, then the actions' letters (from their table), then
   Esc and F10. */
static struct ui_key details_keys[4 + 2 * BW_ACTION_COUNT];

static struct ui_keymap
details_keymap (void)
{
  size_t n = 0;
  details_keys[n++] = (struct ui_key) { UI_KEY (KEY_F (1)), UI_ACT_HELP,
                                        "F1", N_("Help") };
  details_keys[n++] = (struct ui_key) { 'p', DETAILS_PEM, "p", N_("PEM") };
  details_keys[n++] = (struct ui_key) { 'P', DETAILS_PEM, NULL, NULL };
  details_keys[n++] = (struct ui_key) { UI_KEY (KEY_F (2)), DETAILS_MENU,
                                        NULL, NULL };
  n += bw_action_keys (details_keys + n, DETAILS_ACTION);
  return (struct ui_keymap) { details_keys, n, UI_SHARE_ALL };
}

static void
details_free (struct details *d)
{
  free_lines (d);
  for (size_t i = 0; i < d->field_count; i++)
    free (d->fields[i].value);
  free (d->fields);
}

void
bw_details_run (struct browser *b, struct bw_item *item)
{
  struct details d = { .b = b, .item = item };
  struct ui_screen screen = { .ops = &details_ops,
                              .keys = details_keymap (), .first_tick = -1,
                              .state = &d };
  build_fields (&d);
  ui_run (&screen);
  details_free (&d);
}
