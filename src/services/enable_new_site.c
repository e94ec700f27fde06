/* --add-site for nginx and Apache: where a new TLS site goes (a file of
   certwiz's own in a folder the main configuration already includes),
   the names, the listen address and the root it gets, its ports, and
   its removal on disable. */
#include <config.h>

#include "services/enable_site.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/i18n.h"
#include "base/xalloc.h"
#include "names/match.h"

#define FALLBACK_ROOT "/var/www/html"

static bool
is_folder (const char *path)
{
  struct stat st;
  return path && stat (path, &st) == 0 && S_ISDIR (st.st_mode);
}

static char *
absolute (const struct cw_conf *conf, const char *path)
{
  if (path[0] == '/' || !conf->prefix)
    return xstrdup (path);
  return xasprintf ("%s/%s", conf->prefix, path);
}

/* The folder PATTERN reads every file of, or every .conf file of (DIR
   then a star, or a star and .conf), or DIR itself when FOLDERS; NULL
   otherwise. */
static char *
folder_of (const struct cw_conf *conf, const char *pattern, bool folders)
{
  if (strstr (pattern, "${"))
    return NULL;
  char *path = absolute (conf, pattern);
  char *slash = strrchr (path, '/');
  if (slash && (strcmp (slash, "/*") == 0 || strcmp (slash, "/*.conf") == 0))
    *slash = '\0';
  else if (!folders)
    *path = '\0';
  if (!*path || strpbrk (path, "*?[") || !is_folder (path))
    {
      free (path);
      return NULL;
    }
  return path;
}

/* The first include of CONF (a directive named one of INCLUDES, in a
   block named BLOCK, NULL: at the top) that reads a whole folder. */
static char *
included_folder (const struct cw_conf *conf, const char *const *includes,
                 const char *block, bool folders)
{
  for (size_t n = 0; n < conf->node_count; n++)
    {
      bool include = false;
      for (size_t i = 0; includes[i]; i++)
        include = include || cw_conf_is (conf, n, includes[i]);
      size_t parent = include ? cw_conf_parent (conf, n) : CW_CONF_NONE;
      if (!include || (block ? parent == CW_CONF_NONE
                               || !cw_conf_is (conf, parent, block)
                             : parent != CW_CONF_NONE))
        continue;
      char *pattern = cw_conf_arg (conf, n, 0);
      char *folder = pattern ? folder_of (conf, pattern, folders) : NULL;
      free (pattern);
      if (folder)
        return folder;
    }
  return NULL;
}

/* "certwiz-www.example.org.conf": the first name, safe as a file name. */
static char *
file_name (const char *name)
{
  char *safe = xstrdup (name);
  for (char *c = safe; *c; c++)
    if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z')
          || (*c >= '0' && *c <= '9') || *c == '.' || *c == '-'))
      *c = '_';
  char *whole = xasprintf ("certwiz-%s.conf", safe);
  free (safe);
  return whole;
}

/* The root of the first site (one serving CRT's names first) whose
   directive ROOT names a folder that exists, else FALLBACK_ROOT. */
static char *
root_of (const struct cw_svc *svc, gnutls_x509_crt_t crt, const char *root)
{
  for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < svc->sites.count; i++)
      {
        const struct cw_site *s = &svc->sites.items[i];
        if (pass == 0 && !cw_svc_covers_site (crt, s))
          continue;
        size_t n = cw_conf_in_effect (&svc->conf, s->node, root);
        char *value = n == CW_CONF_NONE ? NULL
                                        : cw_conf_arg (&svc->conf, n, 0);
        char *path = value ? absolute (&svc->conf, value) : NULL;
        free (value);
        if (is_folder (path))
          return path;
        free (path);
      }
  return is_folder (FALLBACK_ROOT) ? xstrdup (FALLBACK_ROOT) : NULL;
}

static enum cw_status
refuse (struct cw_diags *diags, const char *code, char *message)
{
  cw_diag_add (diags, CW_ERROR, code, "service", "%s", message);
  free (message);
  return CW_REFUSED;
}

enum cw_status
cw_new_site_prepare (const struct cw_svc *svc, gnutls_x509_crt_t crt,
                     const char *listen, const struct cw_new_site_syntax *how,
                     struct cw_new_site *site, struct cw_diags *diags)
{
  memset (site, 0, sizeof *site);
  if (!cw_listen_address (*listen ? listen : "443", 443, &site->address,
                          &site->port) || !site->port)
    return refuse (diags, "enable-add-site-listen",
                   xasprintf (_("\"%s\" is no port, nor address and port, "
                                "for the new site. Give one such as 443 or "
                                "192.0.2.1:443."), listen));
  site->names = cw_cert_dns_names (crt, &site->name_count);
  if (!site->name_count)
    return refuse (diags, "enable-add-site-no-names",
                   xstrdup (_("The certificate names no DNS name, so no "
                              "site can be made for it. Use a certificate "
                              "for the site's names.")));
  char *folder = included_folder (&svc->conf, how->includes, how->block,
                                  how->folders);
  if (!folder)
    return refuse (diags, "enable-add-site-no-folder",
                   xasprintf (_("%s includes no folder where a file for the "
                                "new site could go (such as conf.d/*.conf). "
                                "Include one, or add the TLS site by hand."),
                              svc->config));
  char *name = file_name (site->names[0]);
  site->path = xasprintf ("%s/%s", folder, name);
  free (name);
  free (folder);
  struct stat st;
  if (lstat (site->path, &st) == 0)
    return refuse (diags, "enable-add-site-exists",
                   xasprintf (_("%s is there already, and serves no TLS site "
                                "for these names. Remove it or fix it, then "
                                "try again."), site->path));
  site->root = root_of (svc, crt, how->root);
  if (!site->root)
    return refuse (diags, "enable-add-site-no-root",
                   xasprintf (_("No site of %s has a root folder that exists, "
                                "nor is there %s, for the new site to serve. "
                                "Make the folder first."), svc->config,
                              FALLBACK_ROOT));
  return CW_OK;
}

enum cw_status
cw_new_site_add (struct cw_svc *svc, gnutls_x509_crt_t crt, const char *listen,
                 const struct cw_new_site_syntax *how,
                 const struct cw_svc_target *target, struct cw_svc_plan *plan,
                 struct cw_diags *diags)
{
  if (target->restoring)
    return cw_new_site_removal (target->added, plan, diags);
  struct cw_new_site site;
  enum cw_status status = cw_new_site_prepare (svc, crt, listen, how, &site,
                                               diags);
  if (status == CW_OK)
    {
      char *text = how->render (&svc->conf, &site, target);
      cw_svc_plan_file (plan, site.path, NULL, 0, text, strlen (text));
      free (text);
      cw_new_site_ports (&site, plan);
    }
  cw_new_site_free (&site);
  return status;
}

void
cw_new_site_ports (const struct cw_new_site *site, struct cw_svc_plan *plan)
{
  const char *host = strcmp (site->address, "*") == 0 ? "127.0.0.1"
                                                      : site->address;
  for (size_t i = 0; i < site->name_count; i++)
    if (!strchr (site->names[i], '*'))
      cw_svc_plan_port (plan, host, site->port, CW_STARTTLS_NONE,
                        site->names[i]);
}

/* "ADDRESS:PORT", or "PORT" for every address. */
char *
cw_new_site_listen (const struct cw_new_site *site, const char *any)
{
  if (strcmp (site->address, "*") == 0)
    return any ? xasprintf ("%s:%u", any, site->port)
               : xasprintf ("%u", site->port);
  return xasprintf ("%s:%u", site->address, site->port);
}

void
cw_new_site_free (struct cw_new_site *site)
{
  free (site->path);
  cw_names_list_free (site->names, site->name_count);
  free (site->address);
  free (site->root);
  memset (site, 0, sizeof *site);
}

enum cw_status
cw_new_site_removal (const char *path, struct cw_svc_plan *plan,
                     struct cw_diags *diags)
{
  FILE *f = fopen (path, "rb");
  if (!f && errno == ENOENT)
    return CW_OK;
  size_t cap = 4096, len = 0, n;
  char *text = xmalloc (cap);
  while (f && (n = fread (text + len, 1, cap - len, f)) > 0)
    if ((len += n) == cap)
      text = xreallocarray (text, cap *= 2, 1);
  bool ok = f && !ferror (f);
  int err = errno;
  if (f)
    fclose (f);
  if (ok)
    cw_svc_plan_file (plan, path, text, len, NULL, 0);
  else
    cw_diag_add (diags, CW_ERROR, "enable-io", "service",
                 _("Cannot read \"%s\": %s. Check that it is a file you may "
                   "read."), path, strerror (err));
  free (text);
  return ok ? CW_OK : CW_FAILED;
}
