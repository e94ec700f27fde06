/* nginx's configuration: its syntax, and the server blocks the enable
   step works on. */
#ifndef CERTWIZ_SERVICES_NGINX_H
#define CERTWIZ_SERVICES_NGINX_H

#include "services/conf.h"
#include "services/site.h"

extern const struct cw_conf_syntax cw_nginx_syntax;

/* Reads nginx's main file PATH and what it includes.  PREFIX is where
   relative includes start, as nginx's own (NULL: PATH's folder, which
   is nginx's when it runs with -c PATH). */
enum cw_status cw_nginx_load (struct cw_conf *conf, const char *path,
                              const char *prefix, struct cw_diags *diags);

/* The server blocks of the http blocks, with their server_name names,
   their listen ports (TLS with "ssl", or every one under "ssl on"), and
   the ssl_certificate and ssl_certificate_key directives in effect. */
void cw_nginx_sites (const struct cw_conf *conf, struct cw_sites *sites);

#endif
