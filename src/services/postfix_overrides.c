/* The TLS files an smtpd service of master.cf names for itself with
   "-o": main.cf's parameters do not reach such a service, so enable
   changes them too, token by token (the rest of master.cf keeps every
   byte: postconf -P would rewrite the whole service entry). */
#include <config.h>

#include "services/postfix.h"

#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

enum tls_role
{
  ROLE_CHAIN,              /* "key, fullchain" */
  ROLE_CERT,
  ROLE_KEY,
  ROLE_CLEARED             /* the ECDSA pair: one certificate is served */
};

static const struct
{
  const char *name;
  enum tls_role role;
} tls_params[] = {
  { "smtpd_tls_chain_files", ROLE_CHAIN },
  { "smtpd_tls_cert_file", ROLE_CERT },
  { "smtpd_tls_key_file", ROLE_KEY },
  { "smtpd_tls_eccert_file", ROLE_CLEARED },
  { "smtpd_tls_eckey_file", ROLE_CLEARED },
};

#define TLS_PARAMS (sizeof tls_params / sizeof tls_params[0])

/* "SERVICE/TYPE" of an smtpd service (any type: postscreen's "pass"
   ones too), or NULL. */
static char *
smtpd_service (const struct cw_conf *conf, size_t service)
{
  char *name = cw_conf_name (conf, service);
  char *type = cw_conf_arg (conf, service, 0);
  char *command = cw_conf_arg (conf, service, CW_MASTER_FIELDS - 2);
  char *key = name && type && command && strcmp (command, "smtpd") == 0
              ? xasprintf ("%s/%s", name, type) : NULL;
  free (name), free (type), free (command);
  return key;
}

static char *
token_text (const struct cw_conf *conf, size_t node)
{
  const struct cw_conf_node *n = &conf->nodes[node];
  const struct cw_conf_token *t = cw_conf_token_of (conf, n->file,
                                                    n->args[0]);
  return xstrndup (conf->files[n->file].text + t->offset, t->length);
}

void
cw_master_tls_overrides (const struct cw_conf *conf, char ***items,
                         size_t *count)
{
  *items = NULL;
  *count = 0;
  for (size_t s = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, NULL);
       s != CW_CONF_NONE; s = cw_conf_next (conf, CW_CONF_NONE, s, NULL))
    {
      char *service = smtpd_service (conf, s);
      for (size_t p = 0; service && p < TLS_PARAMS; p++)
        {
          size_t n = cw_master_override (conf, s, tls_params[p].name, NULL);
          if (n == CW_CONF_NONE)
            continue;
          char *text = token_text (conf, n);
          *items = xreallocarray (*items, *count + 1, sizeof **items);
          (*items)[(*count)++] = xasprintf ("%s/%s %s", service,
                                            tls_params[p].name, text);
          free (text);
        }
      free (service);
    }
}

static char *
pointed_value (enum tls_role role, const char *fullchain, const char *key)
{
  switch (role)
    {
    case ROLE_CHAIN:
      return xasprintf ("%s,%s", key, fullchain);
    case ROLE_CERT:
      return xstrdup (fullchain);
    case ROLE_KEY:
      return xstrdup (key);
    case ROLE_CLEARED:
    default:
      return xstrdup ("");
    }
}

void
cw_master_tls_point (struct cw_conf *conf, const char *fullchain,
                     const char *key)
{
  for (size_t s = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, NULL);
       s != CW_CONF_NONE; s = cw_conf_next (conf, CW_CONF_NONE, s, NULL))
    {
      char *service = smtpd_service (conf, s);
      for (size_t p = 0; service && p < TLS_PARAMS; p++)
        {
          char *now = NULL;
          size_t n = cw_master_override (conf, s, tls_params[p].name, &now);
          /* An empty override turns the parameter off for the service
             (the chain files, so that the older ones count): kept. */
          if (n != CW_CONF_NONE && now && *now)
            {
              char *value = pointed_value (tls_params[p].role, fullchain,
                                           key);
              if (strcmp (value, now) != 0)
                {
                  char *pair = xasprintf ("%s=%s", tls_params[p].name,
                                          value);
                  cw_conf_set_arg (conf, n, 0, pair);
                  free (pair);
                }
              free (value);
            }
          free (now);
        }
      free (service);
    }
}

/* The smtpd service NAME ("SERVICE/TYPE"). */
static size_t
service_named (const struct cw_conf *conf, const char *name)
{
  for (size_t s = cw_conf_next (conf, CW_CONF_NONE, CW_CONF_NONE, NULL);
       s != CW_CONF_NONE; s = cw_conf_next (conf, CW_CONF_NONE, s, NULL))
    {
      char *service = smtpd_service (conf, s);
      bool same = service && strcmp (service, name) == 0;
      free (service);
      if (same)
        return s;
    }
  return CW_CONF_NONE;
}

void
cw_master_tls_restore (struct cw_conf *conf, char *const *items,
                       size_t count)
{
  for (size_t i = 0; i < count; i++)
    {
      const char *space = strchr (items[i], ' ');
      char *key = space ? xstrndup (items[i], (size_t) (space - items[i]))
                        : NULL;
      char *param = key ? strrchr (key, '/') : NULL;
      if (param)
        *param++ = '\0';
      size_t s = param ? service_named (conf, key) : CW_CONF_NONE;
      size_t n = s == CW_CONF_NONE ? CW_CONF_NONE
                 : cw_master_override (conf, s, param, NULL);
      if (n != CW_CONF_NONE)
        {
          char *now = token_text (conf, n);
          if (strcmp (now, space + 1) != 0)
            cw_conf_set_arg_text (conf, n, 0, space + 1);
          free (now);
        }
      free (key);
    }
}
