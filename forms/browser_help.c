/* The F1 help of the certificate browser: the list, and one
   certificate's details. */
#include <config.h>

#include "browser.h"
#include "base/i18n.h"

struct help
{
  const char *title;
  const char *text;
};

/* Marked with N_() and translated when returned, since a static table
   cannot call gettext. */
static const struct help topics[BW_HELP_COUNT] = {
  [BW_HELP_LIST] = {
    N_("The certificate browser"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("The list shows the pending requests and the certificates of the\n"
       "store, or, read-only, the certificates of the files you named: the\n"
       "friendly name or common name, how many names it covers (#), the\n"
       "issuer, the expiry date and the days left, and whether the private\n"
       "key is here.\n"
       "\n"
       "A certificate that has expired shows EXPIRED and stands out; one\n"
       "that expires within 30 days shows \"expiring\". A pending request\n"
       "waits for the CA's certificate: import it on this machine, into\n"
       "this store, where its key is.\n"
       "\n"
       "Type to filter: the list keeps the rows whose names, common name,\n"
       "friendly name or issuer contain what you typed, in any case, or\n"
       "whose thumbprint starts with it (colons and blanks may group its\n"
       "digits). Backspace edits the filter; Esc clears it, and a second\n"
       "Esc goes back.\n"
       "\n"
       "F5 sorts by the next column, F6 reverses the order; the heading of\n"
       "the column sorted on is marked.\n"
       "\n"
       "Enter shows every field of the certificate, its chain and its PEM.\n"
       "F2 offers the actions: test whether it covers a domain, back it up\n"
       "with its key (.pfx), clone its names into a new request, delete it\n"
       "from the store, or write its PEM to a file. In the details, each\n"
       "action is a letter: t, b, c, d and w.")
  },
  [BW_HELP_DETAILS] = {
    N_("A certificate's details"),
    /* TRANSLATORS: help text; lines of at most 76 columns, a blank
       line between paragraphs. */
    N_("Every field of the certificate, as certwiz show gives them: the\n"
       "subject one attribute a line in the order written, the names it\n"
       "covers, the issuer, the validity, the key, the key usages, both\n"
       "thumbprints (SHA-1, the one Exchange shows, and SHA-256), the\n"
       "friendly name and whether the private key is here. Then its chain:\n"
       "the certificates that issued it, nearest first. The arrows, PgUp\n"
       "and PgDn scroll. p shows the PEM instead, and back.\n"
       "\n"
       "t tests a domain by both rules of certwiz match: Exchange's Domain\n"
       "Security (a wildcard covers its own domain, and a name one label\n"
       "below a domain covers it) and TLS host name checking, as clients\n"
       "do it. Each says which name decided, and why.\n"
       "\n"
       "b backs the certificate up with its private key as a .pfx file,\n"
       "when the key is in the store. c opens the request wizard filled\n"
       "with its subject and names, for a new key. d deletes it from the\n"
       "store, after asking: a pending request's key is lost for good. w\n"
       "writes the PEM shown to a file, never replacing one without asking.\n"
       "\n"
       "Text from a certificate is shown escaped where it holds control\n"
       "characters, escape sequences or direction overrides, and long\n"
       "values are cut with a marker.")
  },
};

const char *
bw_help_title (enum bw_help topic)
{
  return _(topics[topic < BW_HELP_COUNT ? topic : BW_HELP_LIST].title);
}

const char *
bw_help_text (enum bw_help topic)
{
  return _(topics[topic < BW_HELP_COUNT ? topic : BW_HELP_LIST].text);
}
