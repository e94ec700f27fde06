/* Dovecot's TLS settings and listeners, as the enable step sees them. */
#include <config.h>

#include "services/dovecot.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

/* Dovecot's own listeners of the login services. */
static const struct
{
  const char *service;
  const char *listener;
  const char *protocol;
  unsigned port;
  bool ssl;
} defaults[] = {
  { "imap-login", "imap", "imap", 143, false },
  { "imap-login", "imaps", "imap", 993, true },
  { "pop3-login", "pop3", "pop3", 110, false },
  { "pop3-login", "pop3s", "pop3", 995, true },
};

#define DEFAULT_COUNT (sizeof defaults / sizeof defaults[0])

/* The value of the setting NAME of BLOCK itself: a listener's "ssl" is
   not the top's. */
static char *
setting (const struct cw_conf *conf, size_t block, const char *name)
{
  size_t last = cw_conf_last (conf, block, name);
  if (last == CW_CONF_NONE)
    return NULL;
  char *value = cw_conf_arg (conf, last, 0);
  return value ? value : xstrdup ("");
}

static size_t
top_setting (const struct cw_conf *conf, const char *name)
{
  return cw_conf_last (conf, CW_CONF_NONE, name);
}

/* "protocols = $protocols imap": each setting builds on the last. */
static bool
protocol_enabled (const struct cw_conf *conf, const char *protocol)
{
  char *value = NULL;
  for (size_t n = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE,
                                "protocols");
       n != CW_CONF_NONE; n = cw_conf_next (conf, CW_CONF_NONE, n,
                                            "protocols"))
    {
      char *words = cw_conf_arg (conf, n, 0);
      char *joined = xstrdup ("");
      char *save = NULL;
      for (char *w = words ? strtok_r (words, " \t,", &save) : NULL; w;
           w = strtok_r (NULL, " \t,", &save))
        {
          const char *part = strcmp (w, "$protocols") == 0
                             ? (value ? value : "") : w;
          char *longer = xasprintf ("%s %s", joined, part);
          free (joined);
          joined = longer;
        }
      free (words);
      free (value);
      value = joined;
    }
  if (!value)
    return true;             /* Dovecot's own default: imap pop3 lmtp */
  bool found = false;
  char *save = NULL;
  for (char *w = strtok_r (value, " \t", &save); w && !found;
       w = strtok_r (NULL, " \t", &save))
    found = strcmp (w, protocol) == 0;
  free (value);
  return found;
}

/* The listener NAME of SERVICE's block, CW_CONF_NONE when the
   configuration does not mention it. */
static size_t
listener_block (const struct cw_conf *conf, const char *service,
                const char *name)
{
  for (size_t s = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, "service");
       s != CW_CONF_NONE; s = cw_conf_next (conf, CW_CONF_NONE, s, "service"))
    {
      char *which = cw_conf_arg (conf, s, 0);
      bool same = which && strcmp (which, service) == 0;
      free (which);
      for (size_t l = same ? cw_conf_next (conf, s, CW_CONF_NONE,
                                           "inet_listener")
                           : CW_CONF_NONE;
           l != CW_CONF_NONE; l = cw_conf_next (conf, s, l, "inet_listener"))
        {
          char *listener = cw_conf_arg (conf, l, 0);
          bool found = listener && strcmp (listener, name) == 0;
          free (listener);
          if (found)
            return l;
        }
    }
  return CW_CONF_NONE;
}

/* "listen = *, ::" gives the first address. */
static char *
first_address (const char *listen)
{
  size_t skip = strspn (listen, " \t,");
  size_t length = strcspn (listen + skip, " \t,");
  return length ? xstrndup (listen + skip, length) : xstrdup ("*");
}

static void
add_listeners (const struct cw_conf *conf, bool ssl_on,
               struct cw_listeners *listeners)
{
  char *listen = setting (conf, CW_CONF_NONE, "listen");
  for (size_t i = 0; i < DEFAULT_COUNT; i++)
    {
      if (!protocol_enabled (conf, defaults[i].protocol))
        continue;
      size_t block = listener_block (conf, defaults[i].service,
                                     defaults[i].listener);
      unsigned port = defaults[i].port;
      bool ssl = defaults[i].ssl;
      char *address = NULL;
      if (block != CW_CONF_NONE)
        {
          char *p = setting (conf, block, "port");
          char *s = setting (conf, block, "ssl");
          address = setting (conf, block, "address");
          port = p ? (unsigned) strtoul (p, NULL, 10) : port;
          ssl = s ? strcmp (s, "yes") == 0 : ssl;
          free (p);
          free (s);
        }
      char *where = first_address (address && *address ? address
                                   : listen ? listen : "*");
      if (port && ssl_on)
        cw_listeners_add (listeners, where, port,
                          ssl ? CW_TLS_DIRECT : CW_TLS_STARTTLS,
                          defaults[i].protocol,
                          block != CW_CONF_NONE ? block : CW_CONF_NONE);
      free (where);
      free (address);
    }
  free (listen);
}

void
cw_dovecot_tls (const struct cw_conf *conf, struct cw_dovecot_tls *tls)
{
  *tls = (struct cw_dovecot_tls) { .ssl = top_setting (conf, "ssl") };
  tls->cert = top_setting (conf, "ssl_server_cert_file");
  tls->key = top_setting (conf, "ssl_server_key_file");
  tls->version_24 = tls->cert != CW_CONF_NONE || tls->key != CW_CONF_NONE;
  if (!tls->version_24)
    {
      tls->cert = top_setting (conf, "ssl_cert");
      tls->key = top_setting (conf, "ssl_key");
    }
  char *cert = tls->cert == CW_CONF_NONE ? NULL
               : cw_conf_arg (conf, tls->cert, 0);
  char *key = tls->key == CW_CONF_NONE ? NULL
              : cw_conf_arg (conf, tls->key, 0);
  tls->cert_has_file_mark = cert && cert[0] == '<';
  tls->key_has_file_mark = key && key[0] == '<';
  tls->cert_file = tls->cert_has_file_mark ? cw_dovecot_file_value (cert)
                                           : cert ? xstrdup (cert) : NULL;
  tls->key_file = tls->key_has_file_mark ? cw_dovecot_file_value (key)
                                         : key ? xstrdup (key) : NULL;
  free (cert);
  free (key);
  char *ssl = tls->ssl == CW_CONF_NONE ? NULL
              : cw_conf_arg (conf, tls->ssl, 0);
  /* Dovecot's own default is "ssl = yes". */
  bool ssl_on = !ssl || strcmp (ssl, "no") != 0;
  free (ssl);
  add_listeners (conf, ssl_on, &tls->listeners);
}

void
cw_dovecot_tls_free (struct cw_dovecot_tls *tls)
{
  free (tls->cert_file);
  free (tls->key_file);
  cw_listeners_free (&tls->listeners);
}
