/* Dovecot's configuration: its syntax, the TLS settings in effect and
   the IMAP and POP3 listeners. */
#ifndef CERTWIZ_SERVICES_DOVECOT_H
#define CERTWIZ_SERVICES_DOVECOT_H

#include "services/conf.h"
#include "services/site.h"

extern const struct cw_conf_syntax cw_dovecot_syntax;

enum cw_status cw_dovecot_load (struct cw_conf *conf, const char *path,
                                struct cw_diags *diags);

/* The file of a "<file" value, without the '<' and the blanks after it;
   NULL when VALUE does not start with '<'. */
char *cw_dovecot_file_value (const char *value);

struct cw_dovecot_tls
{
  size_t ssl;              /* the "ssl" setting at the top, or NONE */
  size_t cert;             /* ssl_cert (2.3) or ssl_server_cert_file */
  size_t key;              /* ssl_key (2.3) or ssl_server_key_file */
  bool version_24;         /* the 2.4 names are used */
  char *cert_file;         /* what they name: the '<' of 2.3 removed */
  char *key_file;
  bool cert_has_file_mark; /* 2.3: the value starts with '<', without
                              which Dovecot starts and every handshake
                              fails */
  bool key_has_file_mark;
  struct cw_listeners listeners;   /* imap, imaps, pop3, pop3s */
};

/* The top-level TLS settings and the listeners of the imap and pop3
   protocols: Dovecot's own (143, 993, 110, 995) unless the
   configuration changes them (a port of 0 turns one off), for the
   protocols it enables. */
void cw_dovecot_tls (const struct cw_conf *conf, struct cw_dovecot_tls *tls);
void cw_dovecot_tls_free (struct cw_dovecot_tls *tls);

#endif
