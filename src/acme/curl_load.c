#include <config.h>

#include "acme/curl_load.h"

#include <dlfcn.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/xalloc.h"

struct cw_curl_api cw_curl;

/* Each function and where its pointer goes. */
#define ENTRY(name, member) { #name, offsetof (struct cw_curl_api, member) }
static const struct
{
  const char *symbol;
  size_t offset;
} entries[] = {
  ENTRY (curl_global_init, global_init),
  ENTRY (curl_version_info, version_info),
  ENTRY (curl_easy_init, easy_init),
  ENTRY (curl_easy_cleanup, easy_cleanup),
  ENTRY (curl_easy_reset, easy_reset),
  ENTRY (curl_easy_setopt, easy_setopt),
  ENTRY (curl_easy_perform, easy_perform),
  ENTRY (curl_easy_getinfo, easy_getinfo),
  ENTRY (curl_easy_strerror, easy_strerror),
  ENTRY (curl_slist_append, slist_append),
  ENTRY (curl_slist_free_all, slist_free_all),
  ENTRY (curl_url, url),
  ENTRY (curl_url_set, url_set),
  ENTRY (curl_url_get, url_get),
  ENTRY (curl_url_cleanup, url_cleanup),
  ENTRY (curl_free, free),
  ENTRY (curl_getdate, getdate),
};

static void
missing (struct cw_diags *diags, const char *what)
{
  if (diags)
    cw_diag_add (diags, CW_ERROR, "http-library", "acme",
                 _("ACME needs the HTTP library %s (libcurl %s or later, "
                   "built on GnuTLS), which cannot be used: %s. Install "
                   "the package %s (apt-get install %s), then try again."),
                 CW_LIBCURL_SONAME, CW_LIBCURL_MIN_NAME, what,
                 CW_LIBCURL_PACKAGE, CW_LIBCURL_PACKAGE);
}

/* The pointers of every entry, from the library; the name of the first
   one missing, or NULL. */
static const char *
resolve (void *library)
{
  for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
    {
      void *fn = dlsym (library, entries[i].symbol);
      if (!fn)
        return entries[i].symbol;
      /* POSIX makes a function's address from dlsym usable as one. */
      memcpy ((char *) &cw_curl + entries[i].offset, &fn, sizeof fn);
    }
  return NULL;
}

static bool
load (struct cw_diags *diags)
{
  void *library = dlopen (CW_LIBCURL_SONAME, RTLD_NOW | RTLD_LOCAL);
  if (!library)
    {
      const char *why = dlerror ();
      missing (diags, why ? why : _("it is not installed"));
      return false;
    }
  const char *absent = resolve (library);
  if (absent)
    {
      char *why = xasprintf (_("it has no function %s"), absent);
      missing (diags, why);
      free (why);
      return false;
    }
  const curl_version_info_data *v = cw_curl.version_info (CURLVERSION_NOW);
  if (!v || v->version_num < CW_LIBCURL_MIN_VERSION)
    {
      char *why = xasprintf (_("it is version %s"), v ? v->version : "?");
      missing (diags, why);
      free (why);
      return false;
    }
  if (cw_curl.global_init (CURL_GLOBAL_DEFAULT) != CURLE_OK)
    {
      missing (diags, _("it cannot start"));
      return false;
    }
  /* Kept loaded until the program ends: its handles may live as long. */
  return true;
}

bool
cw_curl_load (struct cw_diags *diags)
{
  /* A failure is tried again, so that every caller hears why. */
  static bool loaded;
  if (!loaded)
    loaded = load (diags);
  return loaded;
}
