/* Postfix: master.cf read to the byte (its services, their ports and
   -o overrides), and main.cf read and changed only through postconf,
   which knows its syntax, its defaults and its $name expansions. */
#ifndef CERTWIZ_SERVICES_POSTFIX_H
#define CERTWIZ_SERVICES_POSTFIX_H

#include "services/conf.h"
#include "services/site.h"

extern const struct cw_conf_syntax cw_master_syntax;

enum cw_status cw_master_load (struct cw_conf *conf, const char *path,
                               struct cw_diags *diags);

/* The -o override of the main.cf parameter NAME in SERVICE: its node,
   the last one when several are given, and its value into *VALUE
   (owned by the caller; may be NULL); CW_CONF_NONE when there is none. */
size_t cw_master_override (const struct cw_conf *conf, size_t service,
                           const char *name, char **value);

/* The smtpd services of type inet: their address and port, direct TLS
   with "-o smtpd_tls_wrappermode=yes", STARTTLS otherwise.  Each
   listener's node is its service line. */
void cw_master_smtpd_services (const struct cw_conf *conf,
                               struct cw_listeners *listeners);

/* ------------------------------------------------- main.cf, postconf */

/* postconf -c DIR NAME...: the value of each of NAMES (Postfix's
   default when main.cf does not set it) into VALUES, owned by the
   caller; NULL for a name postconf does not know. */
enum cw_status cw_postconf_get (const char *dir, const char *const *names,
                                size_t count, char **values,
                                struct cw_diags *diags);
/* postconf -c DIR -e "NAME = VALUE". */
enum cw_status cw_postconf_set (const char *dir, const char *name,
                                const char *value, struct cw_diags *diags);
/* postconf -c DIR -X NAME: back to Postfix's default. */
enum cw_status cw_postconf_remove (const char *dir, const char *name,
                                   struct cw_diags *diags);

/* The main.cf parameters of Postfix's TLS server. */
struct cw_postfix_tls
{
  char *chain_files;       /* smtpd_tls_chain_files (Postfix 3.4 and later) */
  char *cert_file;         /* smtpd_tls_cert_file */
  char *key_file;          /* smtpd_tls_key_file */
  char *security_level;    /* smtpd_tls_security_level */
  char *myhostname;
  char *mail_version;
  char *maillog_file;      /* where its tools log, without syslog */
  bool has_chain_files;    /* this Postfix knows smtpd_tls_chain_files */
};

enum cw_status cw_postfix_tls (const char *dir, struct cw_postfix_tls *tls,
                               struct cw_diags *diags);
void cw_postfix_tls_free (struct cw_postfix_tls *tls);

#endif
