/* Postfix: master.cf read to the byte (its services, their ports and
   -o overrides), and main.cf read and changed only through postconf,
   which knows its syntax, its defaults and its $name expansions. */
#ifndef CERTWIZ_SERVICES_POSTFIX_H
#define CERTWIZ_SERVICES_POSTFIX_H

#include "services/conf.h"
#include "services/site.h"

extern const struct cw_conf_syntax cw_master_syntax;

/* A service line's fields: service, type, private, unpriv, chroot,
   wakeup, maxproc and command (its arguments follow). */
#define CW_MASTER_FIELDS 8

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

/* The TLS files the smtpd services name for themselves with -o
   (smtpd_tls_chain_files, cert_file, key_file, eccert_file,
   eckey_file), which main.cf's parameters do not reach. */

/* Each one, as "SERVICE/TYPE/PARAM TOKEN", TOKEN the -o argument as
   written ("smtpd_tls_cert_file=/etc/ssl/old.pem"): what
   cw_master_tls_restore puts back.  *ITEMS owned by the caller. */
void cw_master_tls_overrides (const struct cw_conf *conf, char ***items,
                              size_t *count);
/* Edits CONF so that each non-empty one names FULLCHAIN and KEY (the
   chain files "KEY,FULLCHAIN"); the ECDSA pair is emptied, so that the
   service serves the one certificate. */
void cw_master_tls_point (struct cw_conf *conf, const char *fullchain,
                          const char *key);
/* Edits CONF so that each override of ITEMS is as it was written. */
void cw_master_tls_restore (struct cw_conf *conf, char *const *items,
                            size_t count);

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
