/* A service instance as enable sees it: the adapters' operations and
   the plan of a change (the files, the ports, the commands), opening an
   instance, and what one of its ports serves. */
#ifndef CERTWIZ_SERVICES_SVC_H
#define CERTWIZ_SERVICES_SVC_H

#include <gnutls/x509.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "base/diag.h"
#include "base/status.h"
#include "services/conf.h"
#include "services/site.h"
#include "services/starttls.h"

struct cw_store;

/* One file the change rewrites: its text now and after. */
struct cw_svc_file
{
  char *path;
  char *before;
  size_t before_length;
  char *after;
  size_t after_length;
  bool created;            /* there was no file before: BEFORE is "" */
  bool removed;            /* the change removes it: AFTER is "" */
};

/* A port to prove by handshake, with the name asked by SNI. */
struct cw_svc_port
{
  char *host;
  unsigned port;
  enum cw_starttls starttls;
  char *sni;
  char served_before[41];  /* the thumbprint it served before the change,
                              "" when none (set by the transaction) */
  char expect[41];         /* disable: what it is to serve again when that
                              is not the target's certificate ("") */
};

struct cw_svc_plan
{
  struct cw_svc_file *files;
  size_t file_count;
  struct cw_svc_port *ports;
  size_t port_count;
  char **test;             /* the service's config test (argv) */
  char **reload;           /* its reload (argv) */
  pid_t master;            /* the daemon's main process when known (set
                              by the transaction, from the adapter) */
  char *log;               /* where its tools write the errors they do
                              not print (Postfix's maillog_file), or
                              NULL */
};

/* Where the service is pointed: the stable paths of the live folder. */
struct cw_svc_target
{
  const char *fullchain;   /* the certificate, then its chain */
  const char *key;
  const char *combined;    /* key and full chain in one (HAProxy) */
  /* disable: the settings of cw_svc's originals to put back as they
     were, instead of pointing them at these files */
  bool restoring;
  char *const *originals;
  size_t original_count;
  const char *added;       /* disable: the file a new site was added in */
};

/* An instance of a service, as its adapter reads it. */
struct cw_svc
{
  const struct cw_svc_adapter *adapter;
  char *config;            /* its main configuration */
  struct cw_conf conf;
  struct cw_sites sites;
  size_t site;             /* the one chosen; CW_CONF_NONE before */
  char *cert_now;          /* the files named when it was read, kept by */
  char *key_now;           /* adapters whose configuration is no cw_conf */
  /* Settings beside the main ones that enable points at the files too
     and disable puts back, in the adapter's words (Postfix's -o
     overrides of master.cf): kept in the binding. */
  char **originals;
  size_t original_count;
};

struct cw_svc_adapter
{
  const char *name;        /* "nginx": what --service takes */
  const char *word;        /* the Exchange-style word: "https" */
  const char *label;       /* the Services column: "HTTPS" */
  const char *default_config;
  const char *program;     /* present on this machine when installed */
  /* Reads the configuration SVC->config. */
  enum cw_status (*load) (struct cw_svc *svc, struct cw_diags *diags);
  /* Chooses the site that serves CRT's names over TLS (SITE: the one
     named, or NULL). */
  enum cw_status (*choose) (struct cw_svc *svc, gnutls_x509_crt_t crt,
                            const char *site, struct cw_diags *diags);
  /* The certificate and key files the chosen site names now (owned by
     the caller; NULL when none). */
  void (*current) (const struct cw_svc *svc, char **cert, char **key);
  /* The files changed to serve TARGET, the ports, the commands. */
  enum cw_status (*plan) (struct cw_svc *svc,
                          const struct cw_svc_target *target,
                          struct cw_svc_plan *plan, struct cw_diags *diags);
  /* Whether the daemon still runs. */
  bool (*alive) (const struct cw_svc *svc);
  /* Puts the staged files to work in the running daemon without a
     reload, when it can (HAProxy's runtime API, for a renewal); false:
     PLAN->reload runs.  NULL for the services that always reload. */
  bool (*reload_live) (const struct cw_svc *svc,
                       const struct cw_svc_plan *plan,
                       struct cw_diags *diags);
  /* Its main process, 0 when unknown (may be NULL): the workers it had
     before a reload are waited for, since they still serve the old
     certificate until they exit. */
  pid_t (*master) (const struct cw_svc *svc);
  /* A new TLS site for CRT's names, listening on LISTEN ("[ADDR:]PORT",
     "" for 443), in a file of certwiz's own pointed at TARGET; on
     disable (TARGET->restoring) that file, TARGET->added, removed.
     NULL for the services with no sites to add. */
  enum cw_status (*add_site) (struct cw_svc *svc, gnutls_x509_crt_t crt,
                              const char *listen,
                              const struct cw_svc_target *target,
                              struct cw_svc_plan *plan,
                              struct cw_diags *diags);
};

/* Whether CRT covers the host NAME (RFC 9525), as a client checks it. */
bool cw_svc_covers (gnutls_x509_crt_t crt, const char *name);

/* How long a handshake is waited for after a reload, in milliseconds
   ($CERTWIZ_SERVE_TIMEOUT_MS, else 10 s); also the bound on waiting for
   a daemon's old workers to exit. */
long cw_svc_serve_timeout_ms (void);

/* The adapter NAME or Exchange-style word names ("nginx", "https"); of
   the word's, the first whose program is installed.  NULL when none. */
const struct cw_svc_adapter *cw_svc_adapter_find (const char *name);
/* The table, for listings: *COUNT adapters. */
const struct cw_svc_adapter *const *cw_svc_adapters (size_t *count);

/* Reads the instance of ADAPTER whose configuration is CONFIG (NULL:
   cw_svc_config_default). */
enum cw_status cw_svc_open (const struct cw_svc_adapter *adapter,
                            const char *config, struct cw_svc *svc,
                            struct cw_diags *diags);
void cw_svc_free (struct cw_svc *svc);
/* The thumbprint of the leaf PORT serves now, by one handshake; false
   when none could be made. */
bool cw_svc_served (const struct cw_svc_port *port, char out[41]);
/* CRT's SHA-1 thumbprint in hex, "" when it cannot be taken. */
void cw_svc_thumbprint (gnutls_x509_crt_t crt, char out[41]);
void cw_svc_plan_free (struct cw_svc_plan *plan);
/* Adds a changed file to PLAN (texts copied; BEFORE NULL: a new file,
   AFTER NULL: the file removed). */
void cw_svc_plan_file (struct cw_svc_plan *plan, const char *path,
                       const char *before, size_t before_length,
                       const char *after, size_t after_length);
void cw_svc_plan_port (struct cw_svc_plan *plan, const char *host,
                       unsigned port, enum cw_starttls starttls,
                       const char *sni);
/* A NULL-terminated argv from the arguments, up to a NULL. */
char **cw_svc_argv (const char *first, ...);

/* An adapter's configuration: $CERTWIZ_<NAME>_CONFIG (for instance
   CERTWIZ_NGINX_CONFIG), else Debian's. */
const char *cw_svc_config_default (const struct cw_svc_adapter *adapter);

#endif
