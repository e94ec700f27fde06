/* What the adapters of the site-based services (nginx, Apache) share:
   the site chosen by the certificate's names, a directive of it pointed
   at a live file, the files changed, the ports of its TLS listeners,
   and whether the daemon of a pid file runs. */
#ifndef CERTWIZ_SERVICES_ENABLE_SITE_H
#define CERTWIZ_SERVICES_ENABLE_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "services/svc.h"

/* Whether CRT covers one of SITE's names. */
bool cw_svc_covers_site (gnutls_x509_crt_t crt, const struct cw_site *site);
/* How many TLS sites of SVC serve CRT's names (or are named SITE when it
   is not NULL); the first becomes SVC->site. */
size_t cw_svc_find_site (struct cw_svc *svc, gnutls_x509_crt_t crt,
                         const char *site);
/* The directives IN of BLOCK set to VALUE: its own changed, extra ones
   removed; one added when only an enclosing block has it (changing that
   would change the other sites). */
void cw_svc_point (struct cw_conf *conf, size_t block,
                   const struct cw_conf_nodes *in, const char *name,
                   const char *value);
/* Every file of CONF the edits changed, into PLAN. */
void cw_svc_plan_changed (const struct cw_conf *conf,
                          struct cw_svc_plan *plan);
/* A port to check for each TLS listener of SITE and each of its plain
   names (the wildcards and patterns left out). */
void cw_svc_plan_site_ports (const struct cw_site *site,
                             struct cw_svc_plan *plan);
/* --add-site (enable_new_site.c) */

struct cw_new_site;

/* How a service includes files and names a site's root. */
struct cw_new_site_syntax
{
  const char *const *includes;  /* the include directives, NULL-ended */
  const char *block;       /* the block they are in ("http"); NULL: the
                              top */
  bool folders;            /* an include of a folder reads its files */
  const char *root;        /* "root", "DocumentRoot" */
  /* The new site's text, as an admin would write it. */
  char *(*render) (const struct cw_conf *conf, const struct cw_new_site *site,
                   const struct cw_svc_target *target);
};

/* A new TLS site, in a file of certwiz's own. */
struct cw_new_site
{
  char *path;              /* in the first folder the configuration
                              includes whole: certwiz-NAME.conf */
  char **names;            /* the certificate's DNS names */
  size_t name_count;
  char *address;           /* "*" for every address */
  unsigned port;
  char *root;              /* a site's root that exists, else
                              /var/www/html */
};

/* SITE for CRT's names on LISTEN ("[ADDR:]PORT", "" for 443). */
enum cw_status cw_new_site_prepare (const struct cw_svc *svc,
                                    gnutls_x509_crt_t crt, const char *listen,
                                    const struct cw_new_site_syntax *how,
                                    struct cw_new_site *site,
                                    struct cw_diags *diags);
/* --add-site's plan: the new site's file for CRT's names on LISTEN and
   its ports; when TARGET is restoring, that file's removal. */
enum cw_status cw_new_site_add (struct cw_svc *svc, gnutls_x509_crt_t crt,
                                const char *listen,
                                const struct cw_new_site_syntax *how,
                                const struct cw_svc_target *target,
                                struct cw_svc_plan *plan,
                                struct cw_diags *diags);
/* Its ports, one per plain name. */
void cw_new_site_ports (const struct cw_new_site *site,
                        struct cw_svc_plan *plan);
/* "ADDRESS:PORT"; for every address "ANY:PORT", or "PORT" when ANY is
   NULL (owned by the caller). */
char *cw_new_site_listen (const struct cw_new_site *site, const char *any);
void cw_new_site_free (struct cw_new_site *site);
/* disable: the file PATH removed by PLAN (nothing when it is gone). */
enum cw_status cw_new_site_removal (const char *path,
                                    struct cw_svc_plan *plan,
                                    struct cw_diags *diags);

/* Whether the process whose pid PATH holds runs. */
bool cw_svc_pid_alive (const char *path);
/* That process, when it runs; 0 otherwise. */
pid_t cw_svc_pid_read (const char *path);

#endif
