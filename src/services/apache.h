/* Apache's configuration: its syntax, and the virtual hosts the enable
   step works on. */
#ifndef CERTWIZ_SERVICES_APACHE_H
#define CERTWIZ_SERVICES_APACHE_H

#include "services/conf.h"
#include "services/site.h"

extern const struct cw_conf_syntax cw_apache_syntax;

/* Reads Apache's main file PATH and what it includes.  SERVER_ROOT is
   where relative paths start until a ServerRoot directive says
   otherwise (NULL: PATH's folder, as Debian's /etc/apache2). */
enum cw_status cw_apache_load (struct cw_conf *conf, const char *path,
                               const char *server_root,
                               struct cw_diags *diags);

/* The <VirtualHost> sections, through <IfModule> and the like, with
   ServerName and ServerAlias, their addresses (TLS under "SSLEngine
   on"), and the SSLCertificateFile, SSLCertificateKeyFile and
   SSLCertificateChainFile directives in effect. */
void cw_apache_sites (const struct cw_conf *conf, struct cw_sites *sites);

/* The Listen directives: "https" ones, or port 443 with no protocol
   named, as TLS. */
void cw_apache_listens (const struct cw_conf *conf,
                        struct cw_listeners *listeners);

#endif
