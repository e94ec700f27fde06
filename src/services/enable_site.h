/* What the adapters of the site-based services (nginx, Apache) share:
   the site chosen by the certificate's names, a directive of it pointed
   at a live file, the files changed, the ports of its TLS listeners,
   and whether the daemon of a pid file runs. */
#ifndef CERTWIZ_SERVICES_ENABLE_SITE_H
#define CERTWIZ_SERVICES_ENABLE_SITE_H

#include <stdbool.h>
#include <stddef.h>

#include "services/enable.h"

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
/* Whether the process whose pid PATH holds runs. */
bool cw_svc_pid_alive (const char *path);
/* That process, when it runs; 0 otherwise. */
pid_t cw_svc_pid_read (const char *path);

#endif
