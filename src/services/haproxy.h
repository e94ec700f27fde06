/* HAProxy's configuration: its syntax, and the bind lines that serve
   TLS with their certificate files. */
#ifndef CERTWIZ_SERVICES_HAPROXY_H
#define CERTWIZ_SERVICES_HAPROXY_H

#include "services/conf.h"
#include "services/site.h"

extern const struct cw_conf_syntax cw_haproxy_syntax;

enum cw_status cw_haproxy_load (struct cw_conf *conf, const char *path,
                                struct cw_diags *diags);

struct cw_haproxy_bind
{
  size_t node;             /* the bind line */
  size_t section;          /* its frontend or listen section */
  struct cw_listeners listeners;   /* one per address of the line */
  bool ssl;
  size_t *crt_args;        /* which arguments are crt files */
  size_t crt_count;
  size_t crt_list_arg;     /* the argument of crt-list, or CW_CONF_NONE */
};

struct cw_haproxy_binds
{
  struct cw_haproxy_bind *items;
  size_t count;
};

/* The bind lines of the frontend and listen sections. */
void cw_haproxy_binds (const struct cw_conf *conf,
                       struct cw_haproxy_binds *binds);
void cw_haproxy_binds_free (struct cw_haproxy_binds *binds);

/* Replaces the certificate HAProxy loaded from CRT (the path as its
   configuration writes it) with PEM (key and chain) in the running
   process, through its runtime API on SOCKET_PATH: "set ssl cert", then
   "commit ssl cert".  False, with a warning when HAProxy answered, when
   it is not done. */
bool cw_haproxy_set_cert (const char *socket_path, const char *crt,
                          const char *pem, struct cw_diags *diags);

#endif
