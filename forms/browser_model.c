#include <config.h>

#include "browser_model.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>
#include <unistr.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"

void
bm_init (struct bm_model *model)
{
  *model = (struct bm_model) { .sort = BM_EXPIRES, .filter = xstrdup ("") };
}

/* A row and its strings are in the model's arena (bm_add). */
void
bm_clear (struct bm_model *model)
{
  for (size_t i = 0; i < model->count; i++)
    free (model->rows[i]->services);
  cw_arena_free (&model->arena);
  model->count = 0;
  model->filtered = 0;
  model->shown_count = 0;
  model->dirty = false;
  model->sorted = 0;
  model->chain_incomplete = 0;
  model->any_services = false;
  model->any_token = false;
}

void
bm_free (struct bm_model *model)
{
  bm_clear (model);
  free (model->rows);
  free (model->shown);
  free (model->added);
  free (model->order);
  free (model->kept);
  free (model->filter);
  *model = (struct bm_model) { .rows = NULL };
}

/* ------------------------------------------------------------ folding */

static bool
is_ascii (const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    if (*p >= 0x80)
      return false;
  return true;
}

static char
lower_ascii (char c)
{
  return c >= 'A' && c <= 'Z' ? (char) (c - 'A' + 'a') : c;
}

static char *
fold_ascii (const char *text)
{
  char *copy = xstrdup (text);
  for (char *p = copy; *p; p++)
    *p = lower_ascii (*p);
  return copy;
}

char *
bm_fold (const char *text)
{
  size_t len = strlen (text);
  /* Most certificate text is ASCII, and a hostile certificate's bytes
     need not be UTF-8: both are lowered byte by byte. */
  if (is_ascii (text) || u8_check ((const uint8_t *) text, len))
    return fold_ascii (text);
  size_t out_len = 0;
  uint8_t *lower = u8_tolower ((const uint8_t *) text, len, NULL, NULL,
                               NULL, &out_len);
  if (!lower)
    return fold_ascii (text);
  char *folded = xstrndup ((const char *) lower, out_len);
  free (lower);
  return folded;
}

/* ------------------------------------------------------------- adding */

/* Text is searched as it is shown, escaped (as cw_safe_text does):
   typing "x1b" finds the name shown with "\x1b", and no part holds a
   newline, which separates the parts. */
static char *
searchable (const char *text)
{
  return cw_safe_text (text, strlen (text), true);
}

static void
append (char **text, size_t *len, const char *part)
{
  char *safe = searchable (part);
  size_t n = strlen (safe);
  *text = xreallocarray (*text, *len + n + 2, 1);
  if (*len)
    (*text)[(*len)++] = '\n';
  memcpy (*text + *len, safe, n + 1);
  *len += n;
  free (safe);
}

/* "DNS:mail.contoso.com" is searched as "mail.contoso.com": the prefix
   would make a filter of "d" or "s" keep every row. */
static const char *
without_kind (const char *name)
{
  const char *colon = strchr (name, ':');
  return colon && colon - name <= 5 ? colon + 1 : name;
}

/* Printable ASCII is shown as it is: most certificates' text, which
   then needs neither escaping nor Unicode case folding. */
static bool
is_plain (const char *text)
{
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    if (*p < 0x20 || *p > 0x7e)
      return false;
  return true;
}

/* PARTS joined by newlines and lowered, in one allocation. */
static char *
join_plain (const char *const *parts, size_t count)
{
  size_t len = 0;
  for (size_t i = 0; i < count; i++)
    len += strlen (parts[i]) + 1;
  char *text = xmalloc (len + 1), *out = text;
  for (size_t i = 0; i < count; i++)
    {
      if (i)
        *out++ = '\n';
      for (const char *p = parts[i]; *p; p++)
        *out++ = lower_ascii (*p);
    }
  *out = '\0';
  return text;
}

static char *
join_escaped (const char *const *parts, size_t count)
{
  char *text = xstrdup ("");
  size_t len = 0;
  for (size_t i = 0; i < count; i++)
    append (&text, &len, parts[i]);
  char *folded = bm_fold (text);
  free (text);
  return folded;
}

static char *
search_text (const struct bm_entry *entry)
{
  size_t count = 0;
  const char **parts = xreallocarray (NULL, entry->name_count + 4,
                                      sizeof *parts);
  parts[count++] = entry->label;
  if (entry->cn && strcmp (entry->cn, entry->label) != 0)
    parts[count++] = entry->cn;
  for (size_t i = 0; i < entry->name_count; i++)
    parts[count++] = without_kind (entry->names[i]);
  parts[count++] = entry->issuer ? entry->issuer : "";
  if (entry->subject && *entry->subject)
    parts[count++] = entry->subject;
  bool plain = true;
  for (size_t i = 0; i < count && plain; i++)
    plain = is_plain (parts[i]);
  char *text = plain ? join_plain (parts, count) : join_escaped (parts, count);
  free (parts);
  return text;
}

static void
set_state (struct bm_row *row)
{
  const char *code;
  if (row->pending)
    {
      row->state = BM_STATE_PENDING;
      /* TRANSLATORS: a request's state in lists; keep it short. */
      row->state_text = _("pending");
      return;
    }
  row->state_text = cw_validity_state (row->not_after, &code);
  row->state = strcmp (code, "expired") == 0 ? BM_STATE_EXPIRED
               : strcmp (code, "expiring") == 0 ? BM_STATE_EXPIRING
               : BM_STATE_VALID;
}

/* The listing knows what a row alone cannot: its intermediate is
   missing. */
static void
mark_chain_incomplete (struct bm_model *model, struct bm_row *row)
{
  if (row->state == BM_STATE_EXPIRED)
    return;
  model->chain_incomplete++;
  row->state = BM_STATE_CHAIN_INCOMPLETE;
  /* TRANSLATORS: a certificate's state in lists, when its intermediate
     certificate is missing; keep it short. */
  row->state_text = _("chain incomplete");
}

/* A row with room for TEXT_BYTES after it. */
static struct bm_row *
new_row (struct bm_model *model, size_t text_bytes)
{
  if (model->count == model->capacity)
    {
      model->capacity = model->capacity ? 2 * model->capacity : 64;
      model->rows = xreallocarray (model->rows, model->capacity,
                                   sizeof *model->rows);
      model->shown = xreallocarray (model->shown, model->capacity,
                                    sizeof *model->shown);
      model->added = xreallocarray (model->added, model->capacity,
                                    sizeof *model->added);
      model->order = xreallocarray (model->order, model->capacity,
                                    sizeof *model->order);
      model->kept = xreallocarray (model->kept, model->capacity,
                                   sizeof *model->kept);
    }
  struct bm_row *row = cw_arena_alloc (&model->arena,
                                       sizeof *row + text_bytes);
  *row = (struct bm_row) { .serial = model->count };
  model->added[model->count] = row;
  model->rows[model->count++] = row;
  model->dirty = true;
  return row;
}

enum row_text
{
  TEXT_ID, TEXT_LABEL, TEXT_ISSUER, TEXT_SHA256, TEXT_SEARCH,
  TEXT_LABEL_KEY, TEXT_ISSUER_KEY, TEXT_COUNT
};

/* Copies TEXT to OUT, lowering ASCII letters when FOLD; past the copy. */
static char *
put_text (char *out, const char *text, size_t len, bool fold)
{
  for (size_t i = 0; i < len; i++)
    out[i] = fold ? lower_ascii (text[i]) : text[i];
  out[len] = '\0';
  return out + len + 1;
}

/* The row and its strings are one piece of the arena: ten thousand
   rows are made before the browser's first frame, and a filter reads
   them all at each key. */
void
bm_add (struct bm_model *model, const struct bm_entry *entry)
{
  /* TRANSLATORS: in the browser's list, for a certificate without a
     friendly name, a common name or any name. */
  const char *label = *entry->label ? entry->label : _("(no name)");
  const char *issuer = entry->issuer ? entry->issuer : "";
  static const bool folded[TEXT_COUNT] = { true, false, false, true,
                                           false, true, true };
  const char *text[TEXT_COUNT] = {
    entry->id, label, issuer, entry->sha256 ? entry->sha256 : "",
    NULL, label, issuer,
  };
  char *made[TEXT_COUNT] = { NULL };
  size_t len[TEXT_COUNT], bytes = 0;
  text[TEXT_SEARCH] = made[TEXT_SEARCH] = search_text (entry);
  for (size_t i = 0; i < TEXT_COUNT; i++)
    {
      if (folded[i] && !is_ascii (text[i]))
        text[i] = made[i] = bm_fold (text[i]);
      len[i] = strlen (text[i]);
      bytes += len[i] + 1;
    }
  struct bm_row *row = new_row (model, bytes);
  char **place[TEXT_COUNT] = {
    &row->id, &row->label, &row->issuer, &row->sha256, &row->search,
    &row->label_key, &row->issuer_key,
  };
  char *out = (char *) (row + 1);
  for (size_t i = 0; i < TEXT_COUNT; i++)
    {
      *place[i] = out;
      out = put_text (out, text[i], len[i], folded[i]);
      free (made[i]);
    }
  row->pending = entry->pending;
  row->has_key = entry->has_key;
  row->key_on_token = entry->key_on_token;
  model->any_token = model->any_token || entry->key_on_token;
  row->not_after = entry->not_after;
  row->source = entry->source;
  row->name_count = entry->name_count;
  set_state (row);
}

/* A request may have neither a friendly name nor a CN (DC only): its
   first name says what it is for. */
static const char *
listing_label (const struct cw_listing_row *row)
{
  if (*row->label || row->name_count == 0)
    return row->label;
  return without_kind (row->names[0]);
}

void
bm_add_listing (struct bm_model *model, const struct cw_listing *listing)
{
  for (size_t i = 0; i < listing->count; i++)
    {
      const struct cw_listing_row *row = &listing->rows[i];
      struct bm_entry entry = {
        row->pending, row->has_key, row->id, listing_label (row), row->cn,
        row->issuer, row->sha256, (const char *const *) row->names,
        row->name_count, row->not_after, i, row->key_token != NULL,
        row->subject,
      };
      bm_add (model, &entry);
      if (row->state_code
          && strcmp (row->state_code, "chain-incomplete") == 0)
        mark_chain_incomplete (model, model->rows[model->count - 1]);
    }
}

void
bm_add_service (struct bm_model *model, const char *id, const char *label)
{
  for (size_t i = 0; i < model->count; i++)
    {
      struct bm_row *row = model->rows[i];
      if (row->pending || strcasecmp (row->id, id) != 0
          || (row->services && strstr (row->services, label)))
        continue;
      char *longer = row->services ? xasprintf ("%s, %s", row->services,
                                                label)
                                   : xstrdup (label);
      free (row->services);
      row->services = longer;
      model->any_services = true;
    }
}

void
bm_add_summary (struct bm_model *model,
                const struct cw_cert_summary *summary, size_t source)
{
  struct bm_entry entry = {
    false, false, summary->sha1, summary->name, summary->cn,
    summary->issuer_name, summary->sha256,
    (const char *const *) summary->names, summary->name_count,
    summary->not_after, source, false, summary->organization,
  };
  bm_add (model, &entry);
}

/* ------------------------------------------------------------ sorting */

static int
by_number (size_t a, size_t b)
{
  return a < b ? -1 : a > b;
}

/* The label, then the order added: every column's last tie break. */
static int
tie_break (const struct bm_row *a, const struct bm_row *b)
{
  int c = strcmp (a->label_key, b->label_key);
  return c ? c : by_number (a->serial, b->serial);
}

/* Requests have no expiry yet: they come after every certificate. */
static int
by_expiry (const struct bm_row *a, const struct bm_row *b)
{
  if (a->pending != b->pending)
    return a->pending ? 1 : -1;
  if (!a->pending && a->not_after != b->not_after)
    return a->not_after < b->not_after ? -1 : 1;
  return 0;
}

static int
by_column (const struct bm_row *a, const struct bm_row *b,
           enum bm_column column)
{
  switch (column)
    {
    case BM_STATE:
      return a->state != b->state ? by_number (a->state, b->state)
                                  : by_expiry (a, b);
    case BM_NAMES:
      return by_number (a->name_count, b->name_count);
    case BM_ISSUER:
      /* A request's empty issuer goes last, as its expiry does. */
      if (!*a->issuer_key != !*b->issuer_key)
        return *a->issuer_key ? -1 : 1;
      return strcmp (a->issuer_key, b->issuer_key);
    case BM_EXPIRES:
      return by_expiry (a, b);
    case BM_KEY:
      return a->has_key != b->has_key ? (a->has_key ? -1 : 1) : 0;
    default:
      return 0;
    }
}

static int
compare_rows (const void *pa, const void *pb, void *state)
{
  const struct bm_model *model = state;
  const struct bm_row *a = *(struct bm_row *const *) pa;
  const struct bm_row *b = *(struct bm_row *const *) pb;
  int c = by_column (a, b, model->sort);
  if (c == 0)
    c = tie_break (a, b);
  return model->descending ? -c : c;
}

/* SHOWN: the rows kept, in the order sorted. */
static void
show_kept (struct bm_model *model)
{
  model->shown_count = 0;
  for (size_t i = 0; i < model->count; i++)
    if (model->kept[model->order[i]])
      model->shown[model->shown_count++] = model->added[model->order[i]];
}

enum filter_pass
{
  FILTER_ADDED,            /* the same filter: the rows added since */
  FILTER_NARROWER,         /* the filter grew longer: also the rows kept */
  FILTER_ALL               /* another filter: every row */
};

/* A row that lacks "mail" lacks "mail." too: a longer filter only
   tests again the rows kept. */
static void
filter_rows (struct bm_model *model, enum filter_pass pass)
{
  size_t from = pass == FILTER_ALL ? 0 : model->filtered;
  if (pass == FILTER_NARROWER)
    for (size_t i = 0; i < from; i++)
      if (model->kept[i])
        model->kept[i] = bm_row_matches (model, model->added[i]);
  for (size_t i = from; i < model->count; i++)
    model->kept[i] = bm_row_matches (model, model->added[i]);
  model->filtered = model->count;
  show_kept (model);
}

/* The rows sorted before and those added since, sorted on their own,
   merged through SHOWN, which the filter makes anew after every sort. */
static void
merge_added (struct bm_model *model)
{
  struct bm_row **out = model->shown, **a = model->rows;
  struct bm_row **a_end = a + model->sorted, **b = a_end;
  struct bm_row **b_end = model->rows + model->count;
  size_t n = 0;
  while (a < a_end && b < b_end)
    out[n++] = compare_rows (a, b, model) <= 0 ? *a++ : *b++;
  while (a < a_end)
    out[n++] = *a++;
  while (b < b_end)
    out[n++] = *b++;
  memcpy (model->rows, out, n * sizeof *out);
}

/* Rows read a slice at a time are sorted as they come: only the new
   ones, then merged, so that reading a bundle of a hundred thousand
   does not sort them all again for every slice.  ALL: a new order. */
static void
sort_rows (struct bm_model *model, bool all)
{
  size_t from = all ? 0 : model->sorted;
  if (model->count > from)
    qsort_r (model->rows + from, model->count - from, sizeof *model->rows,
             compare_rows, model);
  if (from && from < model->count)
    merge_added (model);
  model->sorted = model->count;
  for (size_t i = 0; i < model->count; i++)
    model->order[i] = model->rows[i]->serial;
  model->dirty = false;
}

void
bm_refresh (struct bm_model *model)
{
  if (!model->dirty)
    return;
  sort_rows (model, false);
  filter_rows (model, FILTER_ADDED);
}

void
bm_set_sort (struct bm_model *model, enum bm_column column, bool descending)
{
  model->sort = column < BM_COLUMN_COUNT ? column : BM_EXPIRES;
  model->descending = descending;
  sort_rows (model, true);
  filter_rows (model, FILTER_ADDED);
}

/* ---------------------------------------------------------- filtering */

static bool
is_hex (char c)
{
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

/* Whether the lower-case hex THUMBPRINT starts with FILTER, read as
   digits that may be grouped with colons or blanks, as thumbprints are
   shown by other tools. */
static bool
thumbprint_starts (const char *thumbprint, const char *filter)
{
  size_t n = 0;
  for (const char *p = filter; *p; p++)
    {
      if (*p == ':' || *p == ' ')
        continue;
      if (!is_hex (*p) || thumbprint[n] != *p)
        return false;
      n++;
    }
  return n > 0;
}

bool
bm_row_matches (const struct bm_model *model, const struct bm_row *row)
{
  const char *filter = model->filter;
  return !*filter || strstr (row->search, filter)
         || thumbprint_starts (row->id, filter)
         || thumbprint_starts (row->sha256, filter);
}

/* Whether every row FILTER keeps was kept by WAS too.  A substring of
   the rows' text is, once WAS is in FILTER.  So is a thumbprint's
   start, unless WAS has no digit to start one: ":" keeps no row by its
   thumbprint, ":a" does. */
static bool
narrows (const char *was, const char *filter)
{
  if (!*was || strncmp (filter, was, strlen (was)) != 0)
    return false;
  return strspn (was, ": ") < strlen (was);
}

void
bm_set_filter (struct bm_model *model, const char *text)
{
  char *trim = xstrdup_trimmed (text);
  char *safe = searchable (trim);
  char *was = model->filter;
  model->filter = bm_fold (safe);
  enum filter_pass pass = narrows (was, model->filter) ? FILTER_NARROWER
                          : FILTER_ALL;
  free (was);
  free (safe);
  free (trim);
  if (model->dirty)
    sort_rows (model, false);
  filter_rows (model, pass);
}

/* The row is looked for in memory order, then its place among those
   shown by its address alone. */
bool
bm_find (const struct bm_model *model, const char *id, size_t *index)
{
  for (size_t i = 0; i < model->count; i++)
    if (model->kept[i] && strcmp (model->added[i]->id, id) == 0)
      for (size_t j = 0; j < model->shown_count; j++)
        if (model->shown[j] == model->added[i])
          {
            *index = j;
            return true;
          }
  return false;
}

/* ----------------------------------------------------------- headings */

const char *
bm_column_heading (enum bm_column column)
{
  /* TRANSLATORS: the browser's column headings.  The state, the count
     of names, the expiry date and the key are cut to 8, 3, 10 and 4
     columns, with room for an arrow; the name and the issuer share what
     is left.  In the context "column" they may be shorter than the same
     words elsewhere. */
  switch (column)
    {
    case BM_STATE:
      return C_("column", "State");
    case BM_NAMES:
      return C_("column", "#");
    case BM_ISSUER:
      return C_("column", "Issuer");
    case BM_EXPIRES:
      return C_("column", "Expires");
    case BM_KEY:
      return C_("column", "Key");
    default:
      return C_("column", "Name");
    }
}

const char *
bm_column_order (enum bm_column column, bool descending)
{
  static const char *const orders[BM_COLUMN_COUNT][2] = {
    /* TRANSLATORS: how the browser's list is sorted, shown above it at
       the right; at most 40 columns. */
    { N_("sorted by state, expired first"),
      N_("sorted by state, valid first") },
    { N_("sorted by name, A to Z"), N_("sorted by name, Z to A") },
    { N_("sorted by name count, fewest first"),
      N_("sorted by name count, most first") },
    { N_("sorted by issuer, A to Z"), N_("sorted by issuer, Z to A") },
    { N_("sorted by expiry, soonest first"),
      N_("sorted by expiry, latest first") },
    { N_("sorted by key, key here first"),
      N_("sorted by key, no key first") },
  };
  return _(orders[column < BM_COLUMN_COUNT ? column : BM_NAME][descending]);
}
