/* Postfix's main.cf through postconf: certwiz never edits it by hand. */
#include <config.h>

#include "services/postfix.h"
#include "services/run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/safetext.h"
#include "base/xalloc.h"

static enum cw_status
postconf (const char *const *argv, struct cw_run_result *result,
          struct cw_diags *diags)
{
  enum cw_status status = cw_run (argv, result, diags);
  if (status == CW_OK && result->exit_status != 0)
    {
      char *said = cw_safe_text (result->err, strlen (result->err), true);
      cw_diag_add (diags, CW_ERROR, "postconf-failed", "postfix",
                   _("postconf failed (exit status %d): %s Check the "
                     "configuration folder %s."), result->exit_status,
                   said, argv[2]);
      free (said);
      status = CW_FAILED;
    }
  return status;
}

enum cw_status
cw_postconf_get (const char *dir, const char *const *names, size_t count,
                 char **values, struct cw_diags *diags)
{
  const char **argv = xcalloc (count + 4, sizeof *argv);
  argv[0] = "postconf";
  argv[1] = "-c";
  argv[2] = dir;
  for (size_t i = 0; i < count; i++)
    {
      argv[3 + i] = names[i];
      values[i] = NULL;
    }
  struct cw_run_result result;
  enum cw_status status = postconf (argv, &result, diags);
  free (argv);
  /* "name = value", one a line; an unknown name only gets a warning. */
  char *save = NULL;
  for (char *line = status == CW_OK ? strtok_r (result.out, "\n", &save)
                                    : NULL;
       line; line = strtok_r (NULL, "\n", &save))
    for (size_t i = 0; i < count; i++)
      {
        size_t len = strlen (names[i]);
        if (strncmp (line, names[i], len) == 0
            && strncmp (line + len, " =", 2) == 0)
          {
            const char *value = line + len + 2;
            free (values[i]);
            values[i] = xstrdup (*value == ' ' ? value + 1 : value);
          }
      }
  cw_run_result_free (&result);
  return status;
}

enum cw_status
cw_postconf_set (const char *dir, const char *name, const char *value,
                 struct cw_diags *diags)
{
  char *setting = xasprintf ("%s = %s", name, value);
  const char *argv[] = { "postconf", "-c", dir, "-e", setting, NULL };
  struct cw_run_result result;
  enum cw_status status = postconf (argv, &result, diags);
  cw_run_result_free (&result);
  free (setting);
  return status;
}

enum cw_status
cw_postconf_remove (const char *dir, const char *name, struct cw_diags *diags)
{
  const char *argv[] = { "postconf", "-c", dir, "-X", name, NULL };
  struct cw_run_result result;
  enum cw_status status = postconf (argv, &result, diags);
  cw_run_result_free (&result);
  return status;
}

/* smtpd_tls_chain_files came with Postfix 3.4. */
static bool
version_has_chain_files (const char *version)
{
  unsigned major = 0, minor = 0;
  if (!version || sscanf (version, "%u.%u", &major, &minor) < 1)
    return false;
  return major > 3 || (major == 3 && minor >= 4);
}

enum cw_status
cw_postfix_tls (const char *dir, struct cw_postfix_tls *tls,
                struct cw_diags *diags)
{
  static const char *const names[] = {
    "smtpd_tls_chain_files", "smtpd_tls_cert_file", "smtpd_tls_key_file",
    "smtpd_tls_security_level", "myhostname", "mail_version",
    "maillog_file" };
  char *values[7];
  enum cw_status status = cw_postconf_get (dir, names, 7, values, diags);
  *tls = (struct cw_postfix_tls) {
    values[0], values[1], values[2], values[3], values[4], values[5],
    values[6], version_has_chain_files (values[5]) };
  return status;
}

void
cw_postfix_tls_free (struct cw_postfix_tls *tls)
{
  free (tls->chain_files);
  free (tls->cert_file);
  free (tls->key_file);
  free (tls->security_level);
  free (tls->myhostname);
  free (tls->mail_version);
  free (tls->maillog_file);
}
