/* Web servers' configurations read to the byte: nginx and Apache, their
   hard cases, their includes, their sites, edits that change only their
   own lines, and Debian's packaged files coming back byte for byte. */
#include <config.h>

#include <check.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "conf_util.h"
#include "services/apache.h"
#include "services/nginx.h"
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

/* The first node named NAME anywhere. */
static size_t
find (const struct cw_conf *conf, const char *name)
{
  for (size_t i = 0; i < conf->node_count; i++)
    if (cw_conf_is (conf, i, name))
      return i;
  ck_abort_msg ("no %s", name);
  return CW_CONF_NONE;
}

/* ------------------------------------------------------------ nginx */

static const char nginx_hard[] =
  "# certwiz test\n"
  "user  nobody;   # trailing comment\n"
  "events { worker_connections 64; }\n"
  "\n"
  "http {\n"
  "    map $host $x { default \"a b\"; ~^www\\. 'q\\'uote'; }\n"
  "    server {\n"
  "        listen 443 ssl http2;  listen [::]:8443 ssl;\n"
  "        listen 80;\n"
  "        server_name www.contoso.com contoso.com;\n"
  "        ssl_certificate \"/etc/ssl/my cert.pem\";\n"
  "        ssl_certificate_key /etc/ssl/key\\;.pem;\n"
  "        # a comment inside a block } { ;\n"
  "        location ~ \"^/a{2}$\" { return 200 \"x\\ty\"; }\n"
  "        location / { root ${x}/html}; }\n"
  "    }\n"
  "}\n";

START_TEST (test_nginx_hard_cases)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_nginx_syntax, nginx_hard);
  assert_arg (&conf, find (&conf, "ssl_certificate"), 0,
              "/etc/ssl/my cert.pem");
  /* nginx keeps a backslash before anything but quotes, a backslash, t,
     r and n. */
  assert_arg (&conf, find (&conf, "ssl_certificate_key"), 0,
              "/etc/ssl/key\\;.pem");
  size_t map = find (&conf, "map");
  size_t tilde = cw_conf_next (&conf, map, cw_conf_next (&conf, map,
                                                         CW_CONF_NONE, NULL),
                               NULL);
  assert_arg (&conf, tilde, 0, "q'uote");
  size_t ret = find (&conf, "return");
  assert_arg (&conf, ret, 1, "x\ty");
  /* A '}' inside a word belongs to the word, as nginx reads it. */
  assert_arg (&conf, find (&conf, "root"), 0, "${x}/html}");

  struct cw_sites sites = CW_SITES_INIT;
  cw_nginx_sites (&conf, &sites);
  ck_assert_uint_eq (sites.count, 1);
  const struct cw_site *site = &sites.items[0];
  ck_assert_uint_eq (site->name_count, 2);
  ck_assert_str_eq (site->names[0], "www.contoso.com");
  ck_assert_str_eq (site->names[1], "contoso.com");
  ck_assert_uint_eq (site->listeners.count, 3);
  ck_assert_uint_eq (site->listeners.items[0].port, 443);
  ck_assert_int_eq (site->listeners.items[0].tls, CW_TLS_DIRECT);
  ck_assert_str_eq (site->listeners.items[1].address, "[::]");
  ck_assert_uint_eq (site->listeners.items[1].port, 8443);
  ck_assert_int_eq (site->listeners.items[2].tls, CW_TLS_NONE);
  ck_assert_uint_eq (site->certs.count, 1);
  ck_assert_uint_eq (site->keys.count, 1);
  cw_sites_free (&sites);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_nginx_crlf_and_no_final_newline)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_nginx_syntax,
                 "http {\r\n  server { listen 443 ssl; }\r\n}\r\n"
                 "# no newline at the end");
  ck_assert_uint_eq (conf.files[0].tokens[conf.files[0].token_count - 1]
                     .kind, CW_TOKEN_COMMENT);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_nginx_inherited_certificates)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_nginx_syntax,
                 "http {\n"
                 "  ssl_certificate /http/rsa.pem;\n"
                 "  ssl_certificate /http/ecdsa.pem;\n"
                 "  ssl_certificate_key /http/rsa.key;\n"
                 "  server { listen 443 ssl; server_name a.example; }\n"
                 "  server { listen 443 ssl; server_name b.example;\n"
                 "           ssl_certificate /b/cert.pem; }\n"
                 "  server { server_name c.example; ssl on; }\n"
                 "}\n");
  struct cw_sites sites = CW_SITES_INIT;
  cw_nginx_sites (&conf, &sites);
  ck_assert_uint_eq (sites.count, 3);
  ck_assert_uint_eq (sites.items[0].certs.count, 2);
  assert_arg (&conf, sites.items[0].certs.items[1], 0, "/http/ecdsa.pem");
  ck_assert_uint_eq (sites.items[1].certs.count, 1);
  assert_arg (&conf, sites.items[1].certs.items[0], 0, "/b/cert.pem");
  ck_assert_uint_eq (sites.items[1].keys.count, 1);
  /* No listen: *:80, here with the old "ssl on". */
  ck_assert_uint_eq (sites.items[2].listeners.count, 1);
  ck_assert_uint_eq (sites.items[2].listeners.items[0].port, 80);
  ck_assert (cw_site_serves_tls (&sites.items[2]));
  cw_sites_free (&sites);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_nginx_errors)
{
  free (conf_parse_fails (&cw_nginx_syntax,
                          "events {}\nhttp {\n  server {\n    listen 80;\n"
                          "  }\n", "config-unterminated", 2));
  free (conf_parse_fails (&cw_nginx_syntax,
                          "http {\n  server {\n    listen 80\n  }\n}\n",
                          "config-syntax", 3));
  free (conf_parse_fails (&cw_nginx_syntax,
                          "http {\n}\n}\n", "config-syntax", 3));
  free (conf_parse_fails (&cw_nginx_syntax,
                          "user nobody;\nerror_log \"/var/log/x;\n",
                          "config-syntax", 2));
  free (conf_parse_fails (&cw_nginx_syntax, "root \"/a\"b;\n",
                          "config-syntax", 1));
  free (conf_parse_fails (&cw_nginx_syntax, "user nobody", "config-syntax",
                          1));
  free (conf_parse_fails (&cw_nginx_syntax, "\n\n{ }", "config-syntax", 3));
}
END_TEST

START_TEST (test_nginx_includes)
{
  conf_write ("sites/b.conf", "server { server_name b.example; }\n");
  conf_write ("sites/a.conf", "server { server_name a.example;\n"
                              "  include snippets/tls.conf; }\n");
  conf_write ("snippets/tls.conf", "listen 443 ssl;\n"
                                   "ssl_certificate /a.pem;\n");
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_nginx_syntax,
                 "http {\n  include sites/*.conf;\n"
                 "  include nothing/*.conf;\n}\n");
  ck_assert_uint_eq (conf.file_count, 4);
  struct cw_sites sites = CW_SITES_INIT;
  cw_nginx_sites (&conf, &sites);
  ck_assert_uint_eq (sites.count, 2);
  ck_assert_str_eq (sites.items[0].names[0], "a.example");
  ck_assert (cw_site_serves_tls (&sites.items[0]));
  ck_assert_uint_eq (sites.items[0].certs.count, 1);
  ck_assert_str_eq (cw_conf_path (&conf, sites.items[0].certs.items[0]) +
                    strlen (unit_dir), "/snippets/tls.conf");
  ck_assert_uint_eq (cw_conf_line (&conf, sites.items[0].certs.items[0]), 2);
  ck_assert_str_eq (sites.items[1].names[0], "b.example");
  cw_sites_free (&sites);
  cw_conf_free (&conf);

  free (conf_parse_fails (&cw_nginx_syntax,
                          "http {\n include missing.conf;\n}\n",
                          "config-include", 2));
  /* An error in an included file names that file. */
  conf_write ("loop.conf", "\ninclude loop.conf;\n");
  conf_write ("broken.conf", "server {\n");
  static const struct { const char *text, *code, *where; } cases[] = {
    { "include loop.conf;", "config-include-loop", "loop.conf, line 2:" },
    { "http { include broken.conf; }", "config-unterminated",
      "broken.conf, line 1:" },
  };
  for (size_t i = 0; i < 2; i++)
    {
      struct cw_conf broken;
      struct cw_diags diags = CW_DIAGS_INIT;
      cw_conf_init (&broken, &cw_nginx_syntax, unit_dir);
      ck_assert_int_eq (cw_conf_load_text (&broken, "main.conf",
                                           cases[i].text,
                                           strlen (cases[i].text), &diags),
                        CW_REFUSED);
      ck_assert_str_eq (diags.items[0].code, cases[i].code);
      ck_assert_ptr_nonnull (strstr (diags.items[0].message,
                                     cases[i].where));
      cw_diags_free (&diags);
      cw_conf_free (&broken);
    }
}
END_TEST

START_TEST (test_nginx_edits)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_nginx_syntax, nginx_hard);
  size_t cert = find (&conf, "ssl_certificate");
  const char *path[] = { "/etc/certwiz/live/www/fullchain.pem" };
  cw_conf_set_args (&conf, cert, path, 1);
  size_t server = find (&conf, "server");
  const char *key[] = { "/etc/certwiz/live/www/priv key.pem" };
  cw_conf_add (&conf, server, "ssl_trusted_certificate", key, 1);
  cw_conf_remove (&conf, find (&conf, "ssl_certificate_key"));
  size_t events = find (&conf, "events");
  const char *on[] = { "on" };
  cw_conf_add (&conf, events, "multi_accept", on, 1);
  char *text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text,
    "# certwiz test\n"
    "user  nobody;   # trailing comment\n"
    "events { worker_connections 64; multi_accept on; }\n"
    "\n"
    "http {\n"
    "    map $host $x { default \"a b\"; ~^www\\. 'q\\'uote'; }\n"
    "    server {\n"
    "        listen 443 ssl http2;  listen [::]:8443 ssl;\n"
    "        listen 80;\n"
    "        server_name www.contoso.com contoso.com;\n"
    "        ssl_certificate /etc/certwiz/live/www/fullchain.pem;\n"
    "        # a comment inside a block } { ;\n"
    "        location ~ \"^/a{2}$\" { return 200 \"x\\ty\"; }\n"
    "        location / { root ${x}/html}; }\n"
    "        ssl_trusted_certificate \"/etc/certwiz/live/www/priv key.pem\";\n"
    "    }\n"
    "}\n");
  ck_assert (cw_conf_changed (&conf, 0));
  free (text);
  cw_conf_free (&conf);

  /* One of two directives on a line goes, the other stays. */
  conf_parse_ok (&conf, &cw_nginx_syntax,
                 "server {\n\tlisten 80;  listen 443 ssl;\n}\n");
  cw_conf_remove (&conf, cw_conf_next (&conf, 0, 1, "listen"));
  const char *ssl[] = { "8443", "ssl" };
  cw_conf_set_args (&conf, 1, ssl, 2);
  text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text, "server {\n\tlisten 8443 ssl;\n}\n");
  free (text);
  cw_conf_free (&conf);
}
END_TEST

static bool
any_file (const char *path)
{
  return path != NULL;
}

START_TEST (test_nginx_debian)
{
  if (conf_round_trip_tree (&cw_nginx_syntax, "/etc/nginx", any_file) == 0)
    return;
  struct cw_conf conf;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_nginx_load (&conf, "/etc/nginx/nginx.conf", NULL,
                                   &diags), CW_OK);
  ck_assert_uint_ge (conf.file_count, 2);
  conf_assert_round_trip (&conf);
  struct cw_sites sites = CW_SITES_INIT;
  cw_nginx_sites (&conf, &sites);
  ck_assert_uint_ge (sites.count, 1);
  ck_assert_uint_eq (sites.items[0].listeners.items[0].port, 80);
  ck_assert (!cw_site_serves_tls (&sites.items[0]));

  /* Debian's site given TLS: two lines added, nothing else changed. */
  size_t server = sites.items[0].node, file = conf.nodes[server].file;
  const char *cert[] = { "/etc/certwiz/live/www/fullchain.pem" };
  const char *key[] = { "/etc/certwiz/live/www/privkey.pem" };
  cw_conf_add (&conf, server, "ssl_certificate", cert, 1);
  cw_conf_add (&conf, server, "ssl_certificate_key", key, 1);
  char *text = conf_rendered (&conf, file);
  unsigned close = conf.files[file].tokens[conf.nodes[server].close].line;
  conf_assert_only_lines (conf.files[file].text, text, close, close + 1);
  ck_assert_ptr_nonnull (strstr (text, "\n\tssl_certificate /etc/certwiz/"));
  free (text);
  cw_sites_free (&sites);
  cw_conf_free (&conf);
  cw_diags_free (&diags);
}
END_TEST

/* ----------------------------------------------------------- Apache */

static const char apache_hard[] =
  "# certwiz test \\\n"
  "  this comment goes on\n"
  "ServerRoot \"/etc/apache2\"\n"
  "Define SITE contoso\n"
  "ErrorLog ${APACHE_LOG_DIR}/error.log\n"
  "SSLCertificateFile /etc/ssl/global.pem\n"
  "<IfModule mod_ssl.c>\n"
  "\t<VirtualHost *:443 [::1]:8443>\n"
  "\t\tServerName https://www.contoso.com:443\n"
  "\t\tServerAlias contoso.com \\\n"
  "\t\t    mail.contoso.com\n"
  "\t\tSSLEngine on\n"
  "\t\tSSLCertificateKeyFile \"/etc/ssl/my \\\"key\\\".pem\"\n"
  "\t\tHeader always set X-Site \"${SITE}\"\n"
  "\t\t<Directory \"/var/www/${SITE}\">\n"
  "\t\t\tRequire all granted\n"
  "\t\t</Directory>\n"
  "\t</VirtualHost>\n"
  "</IfModule>\n"
  "<virtualhost *:80>\n"
  "    ServerName www.contoso.com\n"
  "</VIRTUALHOST>\n";

START_TEST (test_apache_hard_cases)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_apache_syntax, apache_hard);
  assert_arg (&conf, find (&conf, "SSLCertificateKeyFile"), 0,
              "/etc/ssl/my \"key\".pem");
  assert_arg (&conf, find (&conf, "ErrorLog"), 0,
              "${APACHE_LOG_DIR}/error.log");
  assert_arg (&conf, find (&conf, "Header"), 3, "${SITE}");
  ck_assert_str_eq (conf.prefix, "/etc/apache2");
  ck_assert (cw_conf_is (&conf, find (&conf, "serveralias"), "ServerAlias"));

  struct cw_sites sites = CW_SITES_INIT;
  cw_apache_sites (&conf, &sites);
  ck_assert_uint_eq (sites.count, 2);
  const struct cw_site *tls = &sites.items[0];
  ck_assert_uint_eq (tls->name_count, 3);
  ck_assert_str_eq (tls->names[0], "www.contoso.com");
  ck_assert_str_eq (tls->names[2], "mail.contoso.com");
  ck_assert_uint_eq (tls->listeners.count, 2);
  ck_assert_uint_eq (tls->listeners.items[1].port, 8443);
  ck_assert_str_eq (tls->listeners.items[1].address, "[::1]");
  ck_assert (cw_site_serves_tls (tls));
  /* The main server's certificate is in effect in the virtual host. */
  ck_assert_uint_eq (tls->certs.count, 1);
  assert_arg (&conf, tls->certs.items[0], 0, "/etc/ssl/global.pem");
  ck_assert_uint_eq (tls->keys.count, 1);
  ck_assert (!cw_site_serves_tls (&sites.items[1]));
  cw_sites_free (&sites);
  cw_conf_free (&conf);
}
END_TEST

START_TEST (test_apache_errors)
{
  free (conf_parse_fails (&cw_apache_syntax,
                          "Listen 80\n<VirtualHost *:80>\n  ServerName a\n",
                          "config-syntax", 2));
  char *message = conf_parse_fails (&cw_apache_syntax,
                                    "<VirtualHost *:80>\n"
                                    "  <Directory />\n"
                                    "  </VirtualHost>\n</Directory>\n",
                                    "config-syntax", 3);
  ck_assert_ptr_nonnull (strstr (message, "line 2"));
  free (message);
  free (conf_parse_fails (&cw_apache_syntax, "\n</IfModule>\n",
                          "config-syntax", 2));
  free (conf_parse_fails (&cw_apache_syntax, "<VirtualHost *:80\n",
                          "config-syntax", 1));
  free (conf_parse_fails (&cw_apache_syntax,
                          "DocumentRoot \"/var/www\nServerName a\n",
                          "config-syntax", 1));
}
END_TEST

START_TEST (test_apache_includes)
{
  conf_write ("sites-enabled/b.conf", "<VirtualHost *:443>\n"
                                      "  ServerName b.example\n"
                                      "  SSLEngine On\n</VirtualHost>\n");
  conf_write ("sites-enabled/a.conf", "<VirtualHost *:80>\n"
                                      "  ServerName a.example\n"
                                      "</VirtualHost>\n");
  conf_write ("conf.d/inner/z.conf", "Listen 8443 https\n");
  conf_write ("conf.d/first.conf", "Listen 80\n");
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_apache_syntax,
                 "Define DIR sites-enabled\n"
                 "IncludeOptional ${DIR}/*.conf\n"
                 "Include conf.d\n"
                 "IncludeOptional missing/*.conf\n"
                 "IncludeOptional missing.conf\n");
  ck_assert_uint_eq (conf.file_count, 5);
  struct cw_sites sites = CW_SITES_INIT;
  cw_apache_sites (&conf, &sites);
  ck_assert_uint_eq (sites.count, 2);
  ck_assert_str_eq (sites.items[0].names[0], "a.example");
  ck_assert_str_eq (sites.items[1].names[0], "b.example");
  ck_assert (cw_site_serves_tls (&sites.items[1]));
  cw_sites_free (&sites);
  struct cw_listeners listens = { NULL, 0, 0 };
  cw_apache_listens (&conf, &listens);
  ck_assert_uint_eq (listens.count, 2);
  ck_assert_uint_eq (listens.items[0].port, 80);
  ck_assert_int_eq (listens.items[1].tls, CW_TLS_DIRECT);
  cw_listeners_free (&listens);
  cw_conf_free (&conf);

  free (conf_parse_fails (&cw_apache_syntax, "\nInclude missing.conf\n",
                          "config-include", 2));
  free (conf_parse_fails (&cw_apache_syntax, "Include nothing/*.conf\n",
                          "config-include", 1));
  free (conf_parse_fails (&cw_apache_syntax,
                          "Include ${CERTWIZ_UNDEFINED_NAME}/x.conf\n",
                          "config-syntax", 1));
}
END_TEST

START_TEST (test_apache_edits)
{
  struct cw_conf conf;
  conf_parse_ok (&conf, &cw_apache_syntax, apache_hard);
  size_t vhost = find (&conf, "VirtualHost");
  const char *cert[] = { "/etc/certwiz/live/www/cert.pem" };
  cw_conf_add (&conf, vhost, "SSLCertificateFile", cert, 1);
  const char *chain[] = { "/etc/certwiz/live/www/chain file.pem" };
  cw_conf_add (&conf, vhost, "SSLCertificateChainFile", chain, 1);
  const char *key[] = { "/etc/certwiz/live/www/privkey.pem" };
  cw_conf_set_args (&conf, find (&conf, "SSLCertificateKeyFile"), key, 1);
  cw_conf_remove (&conf, find (&conf, "ServerAlias"));
  char *text = conf_rendered (&conf, 0);
  ck_assert_str_eq (text,
    "# certwiz test \\\n"
    "  this comment goes on\n"
    "ServerRoot \"/etc/apache2\"\n"
    "Define SITE contoso\n"
    "ErrorLog ${APACHE_LOG_DIR}/error.log\n"
    "SSLCertificateFile /etc/ssl/global.pem\n"
    "<IfModule mod_ssl.c>\n"
    "\t<VirtualHost *:443 [::1]:8443>\n"
    "\t\tServerName https://www.contoso.com:443\n"
    "\t\tSSLEngine on\n"
    "\t\tSSLCertificateKeyFile /etc/certwiz/live/www/privkey.pem\n"
    "\t\tHeader always set X-Site \"${SITE}\"\n"
    "\t\t<Directory \"/var/www/${SITE}\">\n"
    "\t\t\tRequire all granted\n"
    "\t\t</Directory>\n"
    "\t\tSSLCertificateFile /etc/certwiz/live/www/cert.pem\n"
    "\t\tSSLCertificateChainFile \"/etc/certwiz/live/www/chain file.pem\"\n"
    "\t</VirtualHost>\n"
    "</IfModule>\n"
    "<virtualhost *:80>\n"
    "    ServerName www.contoso.com\n"
    "</VIRTUALHOST>\n");
  free (text);
  cw_conf_free (&conf);
}
END_TEST

static bool
apache_file (const char *path)
{
  const char *dot = strrchr (path, '.');
  return dot && (strcmp (dot, ".conf") == 0 || strcmp (dot, ".load") == 0);
}

START_TEST (test_apache_debian)
{
  if (conf_round_trip_tree (&cw_apache_syntax, "/etc/apache2", apache_file)
      == 0)
    return;
  struct cw_conf conf;
  struct cw_diags diags = CW_DIAGS_INIT;
  ck_assert_int_eq (cw_apache_load (&conf, "/etc/apache2/apache2.conf", NULL,
                                    &diags), CW_OK);
  ck_assert_uint_ge (conf.file_count, 3);
  conf_assert_round_trip (&conf);
  struct cw_sites sites = CW_SITES_INIT;
  cw_apache_sites (&conf, &sites);
  ck_assert_uint_ge (sites.count, 1);
  ck_assert_uint_eq (sites.items[0].listeners.items[0].port, 80);
  cw_sites_free (&sites);
  cw_conf_free (&conf);

  /* Debian's TLS site, inside its <IfModule mod_ssl.c>. */
  ck_assert_int_eq (cw_apache_load (&conf,
                                    "/etc/apache2/sites-available/"
                                    "default-ssl.conf", "/etc/apache2",
                                    &diags), CW_OK);
  cw_apache_sites (&conf, &sites);
  ck_assert_uint_eq (sites.count, 1);
  ck_assert (cw_site_serves_tls (&sites.items[0]));
  ck_assert_uint_eq (sites.items[0].listeners.items[0].port, 443);
  ck_assert_uint_eq (sites.items[0].certs.count, 1);
  size_t cert = sites.items[0].certs.items[0];
  const char *path[] = { "/etc/certwiz/live/www/cert.pem" };
  cw_conf_set_args (&conf, cert, path, 1);
  char *text = conf_rendered (&conf, 0);
  unsigned line = cw_conf_line (&conf, cert);
  conf_assert_only_lines (conf.files[0].text, text, line, line);
  free (text);
  cw_sites_free (&sites);
  cw_conf_free (&conf);
  cw_diags_free (&diags);
}
END_TEST

static Suite *
conf_suite (void)
{
  Suite *s = suite_create ("web server configurations");
  TCase *tc = tcase_create ("nginx");
  tcase_add_checked_fixture (tc, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (tc, test_nginx_hard_cases);
  tcase_add_test (tc, test_nginx_crlf_and_no_final_newline);
  tcase_add_test (tc, test_nginx_inherited_certificates);
  tcase_add_test (tc, test_nginx_errors);
  tcase_add_test (tc, test_nginx_includes);
  tcase_add_test (tc, test_nginx_edits);
  tcase_add_test (tc, test_nginx_debian);
  suite_add_tcase (s, tc);

  tc = tcase_create ("apache");
  tcase_add_checked_fixture (tc, unit_dir_setup, unit_dir_teardown);
  tcase_add_test (tc, test_apache_hard_cases);
  tcase_add_test (tc, test_apache_errors);
  tcase_add_test (tc, test_apache_includes);
  tcase_add_test (tc, test_apache_edits);
  tcase_add_test (tc, test_apache_debian);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  setlocale (LC_ALL, "");
  return unit_run (conf_suite (), NULL);
}
