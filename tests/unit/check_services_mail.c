/* HAProxy, Dovecot and Postfix configurations read to the byte: their
   hard cases, includes, listeners and certificate settings, edits that
   change only their own lines, Debian's packaged files coming back byte
   for byte, and main.cf changed through postconf only. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf_util.h"
#include "services/dovecot.h"
#include "services/haproxy.h"
#include "services/postfix.h"
#include "services/run.h"
#include "unit.h"

static void
assert_arg (const struct cw_conf *conf, size_t node, size_t i,
            const char *expected)
{
  char *arg = cw_conf_arg (conf, node, i);
  ck_assert_ptr_nonnull (arg);
  ck_assert_str_eq (arg, expected);
  free (arg);
}

/* The Nth node (from 0) named NAME anywhere. */
static size_t
find_nth (const struct cw_conf *conf, const char *name, size_t nth)
{
  for (size_t i = 0; i < conf->node_count; i++)
    if (cw_conf_is (conf, i, name) && nth-- == 0)
      return i;
  ck_abort_msg ("no %s", name);
  return CW_CONF_NONE;
}

static size_t
find (const struct cw_conf *conf, const char *name)
{
  return find_nth (conf, name, 0);
}

/* ---------------------------------------------------------- HAProxy */

static const char haproxy_hard[] =
  "# certwiz test\n"
  "global\n"
  "    log stdout format raw local0   # trailing comment\n"
  "    stats socket /run/h.sock mode 600 level admin\n"
  "\n"
  "defaults\n"
  "\tmode http\n"
  "\ttimeout connect 5s\n"
  "\n"
  "frontend fe_https\n"
  "    bind 127.0.0.1:8443,ipv4@:9443 ssl crt /etc/haproxy/site.pem "
  "crt '/etc/haproxy/second cert.pem' alpn h2,http/1.1\n"
  "    bind :80\n"
  "    http-request set-header X-Test \"a \\\"b\\\" #c\"\n"
  "    http-request return status 200 string ok\\ go\\x21 # done\n"
  "    default_backend be\n"
  "\n"
  "backend be\n"
  "    server s1 127.0.0.1:8080 check\n"
  "listen stats\n"
  "    bind :8404 ssl crt-list /etc/haproxy/list.txt\n";

START_TEST (test_haproxy_hard_cases)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_haproxy_syntax, haproxy_hard);
  size_t header = find (&conf, "http-request");
  assert_arg (&conf, header, 2, "a \"b\" #c");
  assert_arg (&conf, find_nth (&conf, "http-request", 1), 4, "ok go!");
  ck_assert_uint_eq (conf.nodes[find_nth (&conf, "http-request", 1)]
                     .arg_count, 5);
  ck_assert_uint_eq (cw_conf_parent (&conf, header), find (&conf, "frontend"));

  struct cw_haproxy_binds binds;
  cw_haproxy_binds (&conf, &binds);
  ck_assert_uint_eq (binds.count, 3);
  const struct cw_haproxy_bind *tls = &binds.items[0];
  ck_assert (tls->ssl);
  ck_assert_uint_eq (tls->listeners.count, 2);
  ck_assert_str_eq (tls->listeners.items[0].address, "127.0.0.1");
  ck_assert_uint_eq (tls->listeners.items[1].port, 9443);
  ck_assert_str_eq (tls->listeners.items[1].address, "*");
  ck_assert_uint_eq (tls->crt_count, 2);
  assert_arg (&conf, tls->node, tls->crt_args[1],
              "/etc/haproxy/second cert.pem");
  ck_assert (!binds.items[1].ssl);
  ck_assert_int_eq (binds.items[1].listeners.items[0].tls, CW_TLS_NONE);
  assert_arg (&conf, binds.items[2].node, binds.items[2].crt_list_arg,
              "/etc/haproxy/list.txt");
  ck_assert_uint_eq (binds.items[2].section, find (&conf, "listen"));

  /* The certificate file of one bind changes, and a bind is added
     after the section's last line. */
  cw_conf_set_arg (&conf, tls->node, tls->crt_args[1],
                   "/etc/certwiz/live/www/haproxy.pem");
  char *text = conf_rendered (&conf, 0);
  conf_assert_only_lines (conf.files[0].text, text, 11, 11);
  free (text);
  const char *bind[] = { "127.0.0.1:10443", "ssl", "crt", "/x y.pem" };
  cw_conf_add (&conf, find (&conf, "frontend"), "bind", bind, 4);
  text = conf_rendered (&conf, 0);
  ck_assert_ptr_nonnull (strstr (text, "crt /etc/certwiz/live/www/haproxy.pem "
                                       "alpn"));
  ck_assert_ptr_nonnull (strstr (text, "    default_backend be\n"
                                       "    bind 127.0.0.1:10443 ssl crt "
                                       "'/x y.pem'\n\nbackend be\n"));
  free (text);
  cw_haproxy_binds_free (&binds);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_haproxy_errors)
{
  free (conf_parse_fails (&cw_haproxy_syntax,
                          "global\n  log \"stdout\n", "config-syntax", 2));
  free (conf_parse_fails (&cw_haproxy_syntax, "\n  mode http\n",
                          "config-syntax", 2));
}
END_TEST

START_TEST (test_haproxy_debian)
{
  static const char cfg[] = "/etc/haproxy/haproxy.cfg";
  if (access (cfg, R_OK) != 0)
    {
      printf ("skipped: %s is not here\n", cfg);
      return;
    }
  struct cw_conf conf;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_haproxy_load (&conf, cfg, &diags), CW_OK);
  conf_assert_round_trip (&conf);
  ck_assert_uint_ge (conf.node_count, 10);
  cw_conf_free (&conf);
  cw_diags_free (&diags);
}
END_TEST

/* ---------------------------------------------------------- Dovecot */

static const char dovecot_hard[] =
  "# certwiz test\n"
  "protocols = imap pop3\n"
  "listen = 127.0.0.1, ::1\n"
  "ssl = required\n"
  "ssl_cert = </etc/dovecot/cert.pem\n"
  "ssl_key = < /etc/dovecot/private/key.pem  # trailing comment\n"
  "ssl_cipher_list = \"ALL:!LOW #not a comment\"\n"
  "mail_location = maildir:~/Maildir \\\n"
  "    :INDEX=/var/index\n"
  "auth_mechanisms =\n"
  "service imap-login {\n"
  "  inet_listener imap {\n"
  "    port = 0\n"
  "  }\n"
  "  inet_listener imaps {\n"
  "    port = 10993\n"
  "    ssl = yes\n"
  "  }\n"
  "}\n"
  "protocol imap {\n"
  "  mail_plugins = $mail_plugins imap_quota\n"
  "}\n"
  "local 127.0.0.1 {\n"
  "  ssl_cert = </other.pem\n"
  "}\n"
  "namespace \"inbox name\" {\n"
  "}\n";

START_TEST (test_dovecot_hard_cases)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_dovecot_syntax, dovecot_hard);
  assert_arg (&conf, find (&conf, "ssl_cipher_list"), 0,
              "ALL:!LOW #not a comment");
  assert_arg (&conf, find (&conf, "mail_location"), 0,
              "maildir:~/Maildir :INDEX=/var/index");
  ck_assert_uint_eq (conf.nodes[find (&conf, "auth_mechanisms")].arg_count, 0);
  assert_arg (&conf, find (&conf, "namespace"), 0, "inbox name");

  struct cw_dovecot_tls tls;
  cw_dovecot_tls (&conf, &tls);
  ck_assert (!tls.version_24);
  ck_assert_str_eq (tls.cert_file, "/etc/dovecot/cert.pem");
  ck_assert_str_eq (tls.key_file, "/etc/dovecot/private/key.pem");
  ck_assert (tls.cert_has_file_mark && tls.key_has_file_mark);
  ck_assert_uint_eq (cw_conf_line (&conf, tls.cert), 5);
  /* imap is turned off by its port 0; the others are Dovecot's own. */
  ck_assert_uint_eq (tls.listeners.count, 3);
  ck_assert_uint_eq (tls.listeners.items[0].port, 10993);
  ck_assert_int_eq (tls.listeners.items[0].tls, CW_TLS_DIRECT);
  ck_assert_str_eq (tls.listeners.items[0].address, "127.0.0.1");
  ck_assert_uint_eq (tls.listeners.items[1].port, 110);
  ck_assert_int_eq (tls.listeners.items[1].tls, CW_TLS_STARTTLS);
  ck_assert_str_eq (tls.listeners.items[1].protocol, "pop3");
  ck_assert_uint_eq (tls.listeners.items[2].port, 995);
  cw_dovecot_tls_free (&tls);
  cw_conf_free (&conf);

  conf_parse_ok (&conf, &cw_dovecot_syntax,
                 "ssl_server_cert_file = /etc/x.pem\n"
                 "ssl_server_key_file = /etc/x.key\nssl = no\n");
  cw_dovecot_tls (&conf, &tls);
  ck_assert (tls.version_24);
  ck_assert (!tls.cert_has_file_mark);
  ck_assert_str_eq (tls.cert_file, "/etc/x.pem");
  ck_assert_uint_eq (tls.listeners.count, 0);
  cw_dovecot_tls_free (&tls);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_dovecot_errors)
{
  free (conf_parse_fails (&cw_dovecot_syntax,
                          "ssl = yes\nservice imap {\n  x = 1\n",
                          "config-unterminated", 2));
  free (conf_parse_fails (&cw_dovecot_syntax, "ssl = yes\n}\n",
                          "config-syntax", 2));
  free (conf_parse_fails (&cw_dovecot_syntax, "\nservice imap\n",
                          "config-syntax", 2));
  free (conf_parse_fails (&cw_dovecot_syntax, "passdb { driver = static\n}\n",
                          "config-syntax", 1));
  free (conf_parse_fails (&cw_dovecot_syntax, "= 1\n", "config-syntax", 1));
}
END_TEST

START_TEST (test_dovecot_includes)
{
  conf_write ("conf.d/10-ssl.conf", "ssl_cert = </included.pem\n");
  conf_write ("conf.d/20-imap.conf", "protocol imap {\n}\n");
  conf_write ("conf.d/sub/inner.ext", "ssl_key = </key.pem\n");
  /* Relative to the including file's folder, not the main file's. */
  conf_write ("conf.d/30-x.conf", "!include sub/inner.ext\n");
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_dovecot_syntax,
                 "!include conf.d/*.conf\n"
                 "!include_try missing/*.conf\n"
                 "!include_try /nowhere/at/all.conf\n");
  ck_assert_uint_eq (conf.file_count, 5);
  struct cw_dovecot_tls tls;
  cw_dovecot_tls (&conf, &tls);
  ck_assert_str_eq (tls.cert_file, "/included.pem");
  ck_assert_str_eq (tls.key_file, "/key.pem");
  cw_dovecot_tls_free (&tls);
  cw_conf_free (&conf);
  free (conf_parse_fails (&cw_dovecot_syntax, "\n!include missing.conf\n",
                          "config-include", 2));
  free (conf_parse_fails (&cw_dovecot_syntax, "!include none/*.conf\n",
                          "config-include", 1));
}
END_TEST

START_TEST (test_dovecot_edits)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_dovecot_syntax, dovecot_hard);
  const char *cert[] = { "</etc/certwiz/live/mail/fullchain.pem" };
  cw_conf_set_args (&conf, find (&conf, "ssl_cert"), cert, 1);
  const char *plain[] = { "plain login" };
  cw_conf_set_args (&conf, find (&conf, "auth_mechanisms"), plain, 1);
  const char *yes[] = { "yes" };
  cw_conf_add (&conf, find_nth (&conf, "inet_listener", 1), "haproxy", yes,
               1);
  cw_conf_remove (&conf, find (&conf, "ssl_cipher_list"));
  char *text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text,
    "# certwiz test\n"
    "protocols = imap pop3\n"
    "listen = 127.0.0.1, ::1\n"
    "ssl = required\n"
    "ssl_cert = </etc/certwiz/live/mail/fullchain.pem\n"
    "ssl_key = < /etc/dovecot/private/key.pem  # trailing comment\n"
    "mail_location = maildir:~/Maildir \\\n"
    "    :INDEX=/var/index\n"
    "auth_mechanisms = plain login\n"
    "service imap-login {\n"
    "  inet_listener imap {\n"
    "    port = 0\n"
    "  }\n"
    "  inet_listener imaps {\n"
    "    port = 10993\n"
    "    ssl = yes\n"
    "    haproxy = yes\n"
    "  }\n"
    "}\n"
    "protocol imap {\n"
    "  mail_plugins = $mail_plugins imap_quota\n"
    "}\n"
    "local 127.0.0.1 {\n"
    "  ssl_cert = </other.pem\n"
    "}\n"
    "namespace \"inbox name\" {\n"
    "}\n");
  free (text);
  cw_conf_free (&conf);
}
END_TEST

static bool
dovecot_file (const char *path)
{
  const char *dot = strrchr (path, '.');
  return dot && (strcmp (dot, ".conf") == 0 || strcmp (dot, ".ext") == 0);
}

START_TEST (test_dovecot_debian)
{
  if (conf_round_trip_tree (&cw_dovecot_syntax, "/etc/dovecot", dovecot_file)
      == 0)
    return;
  struct cw_conf conf;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_dovecot_load (&conf, "/etc/dovecot/dovecot.conf",
                                     &diags), CW_OK);
  ck_assert_uint_ge (conf.file_count, 10);
  conf_assert_round_trip (&conf);
  struct cw_dovecot_tls tls;
  cw_dovecot_tls (&conf, &tls);
  ck_assert (tls.cert != CW_CONF_NONE);
  ck_assert (tls.cert_has_file_mark);
  ck_assert_str_eq (cw_conf_path (&conf, tls.cert),
                    "/etc/dovecot/conf.d/10-ssl.conf");
  /* Debian's imapd and pop3d turn their protocols on in protocols.d. */
  if (access ("/usr/share/dovecot/protocols.d/imapd.protocol", R_OK) == 0)
    {
      ck_assert_uint_ge (tls.listeners.count, 2);
      ck_assert_uint_eq (tls.listeners.items[0].port, 143);
      ck_assert_int_eq (tls.listeners.items[0].tls, CW_TLS_STARTTLS);
      ck_assert_uint_eq (tls.listeners.items[1].port, 993);
    }
  size_t cert = tls.cert, file = conf.nodes[cert].file;
  const char *path[] = { "</etc/certwiz/live/mail/fullchain.pem" };
  cw_conf_set_args (&conf, cert, path, 1);
  char *text = conf_rendered (&conf, file);
  unsigned line = cw_conf_line (&conf, cert);
  conf_assert_only_lines (conf.files[file].text, text, line, line);
  free (text);
  cw_dovecot_tls_free (&tls);
  cw_conf_free (&conf);
  cw_diags_free (&diags);
}
END_TEST

/* ---------------------------------------------------------- Postfix */

static const char master_hard[] =
  "# certwiz test\n"
  "smtp      inet  n       -       y       -       -       smtpd\n"
  "127.0.0.1:2525 inet n - n - - smtpd\n"
  "  -o smtpd_tls_security_level=encrypt\n"
  "#  -o commented=out\n"
  "\n"
  "  -o { smtpd_client_restrictions = permit_mynetworks, reject }\n"
  "submission inet n - y - - smtpd -v -o smtpd_tls_wrappermode=no\n"
  "smtps     inet  n       -       y       -       -       smtpd\n"
  "  -o smtpd_tls_wrappermode=yes\n"
  "pickup    unix  n       -       y       60      1       pickup\n";

START_TEST (test_master_hard_cases)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_master_syntax, master_hard);
  struct cw_listeners smtpd = { NULL, 0, 0 };
  cw_master_smtpd_services (&conf, &smtpd);
  ck_assert_uint_eq (smtpd.count, 4);
  ck_assert_uint_eq (smtpd.items[0].port, 25);
  ck_assert_str_eq (smtpd.items[0].address, "*");
  ck_assert_uint_eq (smtpd.items[1].port, 2525);
  ck_assert_str_eq (smtpd.items[1].address, "127.0.0.1");
  ck_assert_uint_eq (smtpd.items[2].port, 587);
  ck_assert_int_eq (smtpd.items[2].tls, CW_TLS_STARTTLS);
  ck_assert_uint_eq (smtpd.items[3].port, 465);
  ck_assert_int_eq (smtpd.items[3].tls, CW_TLS_DIRECT);
  size_t local = smtpd.items[1].node;
  char *value;
  ck_assert (cw_master_override (&conf, local, "smtpd_client_restrictions",
                                 &value) != CW_CONF_NONE);
  ck_assert_str_eq (value, "permit_mynetworks, reject");
  free (value);
  ck_assert (cw_master_override (&conf, local, "commented", NULL)
             == CW_CONF_NONE);
  /* -v is an argument of smtpd; the 8 fields come first. */
  assert_arg (&conf, smtpd.items[2].node, 7, "-v");

  size_t level = cw_master_override (&conf, local, "smtpd_tls_security_level",
                                     NULL);
  cw_conf_set_arg (&conf, level, 0, "smtpd_tls_security_level=may");
  const char *chain[] = { "smtpd_tls_chain_files=/k.pem,/c.pem" };
  cw_conf_add (&conf, smtpd.items[3].node, "-o", chain, 1);
  cw_conf_remove (&conf, cw_master_override (&conf, smtpd.items[2].node,
                                             "smtpd_tls_wrappermode", NULL));
  char *text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text,
    "# certwiz test\n"
    "smtp      inet  n       -       y       -       -       smtpd\n"
    "127.0.0.1:2525 inet n - n - - smtpd\n"
    "  -o smtpd_tls_security_level=may\n"
    "#  -o commented=out\n"
    "\n"
    "  -o { smtpd_client_restrictions = permit_mynetworks, reject }\n"
    "submission inet n - y - - smtpd -v\n"
    "smtps     inet  n       -       y       -       -       smtpd\n"
    "  -o smtpd_tls_wrappermode=yes\n"
    "  -o smtpd_tls_chain_files=/k.pem,/c.pem\n"
    "pickup    unix  n       -       y       60      1       pickup\n");
  free (text);
  cw_listeners_free (&smtpd);
  cw_conf_free (&conf);

  /* A service whose overrides all stand on its first line gets a new
     one on a continuation line. */
  conf_parse_ok (&conf, &cw_master_syntax,
                 "smtp inet n - n - - smtpd -o a=b\n");
  const char *more[] = { "c=d" };
  cw_conf_add (&conf, 0, "-o", more, 1);
  cw_conf_remove (&conf, 1);
  text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text, "smtp inet n - n - - smtpd\n  -o c=d\n");
  free (text);
  cw_conf_free (&conf);
}
END_TEST

/* The -o TLS files of the smtpd services: pointed at the live files,
   only those bytes changed, then put back byte for byte. */
static const char master_tls[] =
  "smtp inet n - n - - smtpd\n"
  "submission inet  n  -  n  -  -  smtpd\n"
  "  -o syslog_name=postfix/submission\n"
  "  -o smtpd_tls_cert_file=/old/cert.pem   # its own\n"
  "  -o { smtpd_tls_key_file = /old/key.pem }\n"
  "  -o smtpd_tls_eccert_file=/old/ec.pem\n"
  "  -o smtpd_tls_chain_files=\n"
  "smtps inet n - n - - smtpd -o smtpd_tls_chain_files=/k,/c\n"
  "cleanup unix n - n - 0 cleanup -o smtpd_tls_cert_file=/not/smtpd\n";

START_TEST (test_master_tls_overrides)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_master_syntax, master_tls);
  char **items;
  size_t count;
  cw_master_tls_overrides (&conf, &items, &count);
  ck_assert_uint_eq (count, 5);
  ck_assert_str_eq (items[0], "submission/inet/smtpd_tls_chain_files "
                              "smtpd_tls_chain_files=");
  ck_assert_str_eq (items[1], "submission/inet/smtpd_tls_cert_file "
                              "smtpd_tls_cert_file=/old/cert.pem");
  ck_assert_str_eq (items[2], "submission/inet/smtpd_tls_key_file "
                              "{ smtpd_tls_key_file = /old/key.pem }");
  ck_assert_str_eq (items[4], "smtps/inet/smtpd_tls_chain_files "
                              "smtpd_tls_chain_files=/k,/c");
  cw_master_tls_point (&conf, "/live/full.pem", "/live/key.pem");
  char *text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text,
    "smtp inet n - n - - smtpd\n"
    "submission inet  n  -  n  -  -  smtpd\n"
    "  -o syslog_name=postfix/submission\n"
    "  -o smtpd_tls_cert_file=/live/full.pem   # its own\n"
    "  -o smtpd_tls_key_file=/live/key.pem\n"
    "  -o smtpd_tls_eccert_file=\n"
    "  -o smtpd_tls_chain_files=\n"
    "smtps inet n - n - - smtpd "
    "-o smtpd_tls_chain_files=/live/key.pem,/live/full.pem\n"
    "cleanup unix n - n - 0 cleanup -o smtpd_tls_cert_file=/not/smtpd\n");

  /* disable: the file as enable left it, the overrides as written. */
  struct cw_conf changed;
  conf_parse_ok (&changed, &cw_master_syntax, text);
  cw_master_tls_restore (&changed, items, count);
  char *back = conf_rendered (&changed, 0);
  ck_assert_str_eq (back, master_tls);
  free (back);
  free (text);
  for (size_t i = 0; i < count; i++)
    free (items[i]);
  free (items);
  cw_conf_free (&changed);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_master_errors)
{
  free (conf_parse_fails (&cw_master_syntax, "  -o a=b\n", "config-syntax",
                          1));
  free (conf_parse_fails (&cw_master_syntax,
                          "smtp inet n - n - - smtpd\nx unix n - n\n",
                          "config-syntax", 2));
  free (conf_parse_fails (&cw_master_syntax,
                          "smtp inet n - n - - smtpd -o\n", "config-syntax",
                          1));
  free (conf_parse_fails (&cw_master_syntax,
                          "smtp inet n - n - - smtpd -o { a = b\n",
                          "config-syntax", 1));
}
END_TEST

START_TEST (test_master_debian)
{
  static const char *const files[] = { "/etc/postfix/master.cf",
                                       "/usr/share/postfix/master.cf.dist" };
  size_t read = 0;
  for (size_t i = 0; i < 2; i++)
    {
      if (access (files[i], R_OK) != 0)
        continue;
      struct cw_conf conf;
      struct cw_diags diags = CW_DIAGS_INIT;
      ck_assert_int_eq (cw_master_load (&conf, files[i], &diags), CW_OK);
      conf_assert_round_trip (&conf);
      struct cw_listeners smtpd = { NULL, 0, 0 };
      cw_master_smtpd_services (&conf, &smtpd);
      ck_assert_uint_ge (smtpd.count, 1);
      ck_assert_uint_eq (smtpd.items[0].port, 25);
      cw_listeners_free (&smtpd);
      cw_conf_free (&conf);
      read++;
    }
  if (!read)
    printf ("skipped: Postfix's master.cf is not here\n");
}
END_TEST

static bool
have_postconf (void)
{
  struct cw_run_result result;
  struct cw_diags diags = CW_DIAGS_INIT;
  const char *argv[] = { "postconf", "-d", "mail_version", NULL };
  bool here = cw_run (argv, &result, &diags) == CW_OK
              && result.exit_status == 0;
  if (cw_diags_count (&diags, CW_ERROR))
    ck_assert_str_eq (diags.items[0].code, "run-failed");
  cw_run_result_free (&result);
  cw_diags_free (&diags);
  if (!here)
    printf ("skipped: postconf is not here (Postfix is not installed)\n");
  return here;
}

static const char main_cf[] =
  "# certwiz test: main.cf\n"
  "myhostname = mail.contoso.com\n"
  "smtpd_tls_cert_file = /etc/ssl/old.pem\n"
  "\n"
  "# end\n";

START_TEST (test_postconf)
{
  if (!have_postconf ())
    return;
  conf_write ("main.cf", main_cf);
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_postconf_set (unit_dir, "smtpd_tls_chain_files",
                                     "/k.pem, /c.pem", &diags), CW_OK);
  ck_assert_int_eq (cw_postconf_remove (unit_dir, "smtpd_tls_cert_file",
                                        &diags), CW_OK);
  struct cw_postfix_tls tls;
  ck_assert_int_eq (cw_postfix_tls (unit_dir, &tls, &diags), CW_OK);
  ck_assert_str_eq (tls.chain_files, "/k.pem, /c.pem");
  ck_assert_str_eq (tls.cert_file, "");
  ck_assert_str_eq (tls.myhostname, "mail.contoso.com");
  ck_assert_ptr_nonnull (tls.security_level);
  ck_assert (tls.has_chain_files);
  cw_postfix_tls_free (&tls);

  /* postconf kept every other line of main.cf. */
  char *path, text[512] = "";
  ck_assert_int_ge (asprintf (&path, "%s/main.cf", unit_dir), 0);
  FILE *f = fopen (path, "r");
  ck_assert_ptr_nonnull (f);
  ck_assert_uint_gt (fread (text, 1, sizeof text - 1, f), 0);
  fclose (f);
  free (path);
  ck_assert_str_eq (text, "# certwiz test: main.cf\n"
                          "myhostname = mail.contoso.com\n"
                          "\n"
                          "# end\n"
                          "smtpd_tls_chain_files = /k.pem, /c.pem\n");

  ck_assert_int_eq (cw_postconf_set ("/nonexistent/certwiz", "a", "b",
                                     &diags), CW_FAILED);
  ck_assert_str_eq (diags.items[0].code, "postconf-failed");
  cw_diags_free (&diags);
}
END_TEST

static Suite *
mail_suite (void)
{
  Suite *s = suite_create ("proxy and mail configurations");
  TCase *tc = tcase_create ("haproxy");
  tcase_add_test (tc, test_haproxy_hard_cases);
  tcase_add_test (tc, test_haproxy_errors);
  tcase_add_test (tc, test_haproxy_debian);
  suite_add_tcase (s, tc);

  tc = tcase_create ("dovecot");
  tcase_add_checked_fixture (tc, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (tc, test_dovecot_hard_cases);
  tcase_add_test (tc, test_dovecot_errors);
  tcase_add_test (tc, test_dovecot_includes);
  tcase_add_test (tc, test_dovecot_edits);
  tcase_add_test (tc, test_dovecot_debian);
  suite_add_tcase (s, tc);

  tc = tcase_create ("postfix");
  tcase_add_checked_fixture (tc, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (tc, test_master_hard_cases);
  tcase_add_test (tc, test_master_tls_overrides);
  tcase_add_test (tc, test_master_errors);
  tcase_add_test (tc, test_master_debian);
  tcase_add_test (tc, test_postconf);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (mail_suite (), NULL);
}
