/* The journal, the backups, the live folder and the bindings of
   enable (services/enable_journal.c). */
#ifndef CERTWIZ_SERVICES_ENABLE_JOURNAL_H
#define CERTWIZ_SERVICES_ENABLE_JOURNAL_H

#include <dirent.h>
#include <stdbool.h>

#include "base/diag.h"
#include "base/record.h"
#include "base/status.h"
#include "services/svc.h"

struct cw_progress;
struct cw_store;

struct cw_live_files
{
  const char *fullchain;
  const char *key;
  const char *combined;
};

/* LINK (ROOT/NAME) -> GENERATION (NAME.gen-N beside it), switched by one
   rename; PREVIOUS what it pointed at before, NULL when it was not
   there. */
struct cw_live
{
  char *link;
  char *previous;
  char *generation;
};

/* Writes FILES into a new generation of the live folder NAME (the key
   0600); the link is not switched yet. */
enum cw_status cw_live_stage (const char *name,
                              const struct cw_live_files *files,
                              struct cw_live *live, struct cw_diags *diags);
enum cw_status cw_live_switch (const struct cw_live *live,
                               struct cw_diags *diags);
/* LINK/FILE, the stable path a service is pointed at. */
char *cw_live_path (const struct cw_live *live, const char *file);
void cw_live_free (struct cw_live *live);

/* The journal: written before anything of the service changes, with a
   backup of each file of PLAN, the live link's previous target and the
   reload, and what each port served before (BEFORE, "" when
   nothing); cw_journal_undo puts all of it back and reloads. */
enum cw_status cw_journal_begin (struct cw_store *store,
                                 const struct cw_svc_plan *plan,
                                 const struct cw_live *live,
                                 char (*before)[41], struct cw_diags *diags);
/* Puts back what the journal names; *UNDONE (may be NULL) gets the
   journal, with its "served-before" checks ("HOST PORT STARTTLS SNI
   THUMBPRINT"). */
enum cw_status cw_journal_undo (struct cw_store *store,
                                struct cw_record *undone,
                                struct cw_diags *diags);
/* The journal's reload, again. */
void cw_journal_reload (const struct cw_record *journal,
                        struct cw_diags *diags);
void cw_journal_end (struct cw_store *store);
bool cw_journal_present (struct cw_store *store);
/* Where the tests may kill a run (CERTWIZ_TEST_KILL_AT=STEP) or hold
   it (CERTWIZ_TEST_HOLD_AT=STEP: the run waits there until PROGRESS is
   cancelled or the file CERTWIZ_TEST_HOLD_FILE appears, at most 30 s;
   the file's name with ".held" exists while it waits). */
void cw_journal_step (const char *step, struct cw_progress *progress);

/* The binding of a service's instance (SERVICE, CONFIG) to a
   certificate: a record in the store's services/ (NULL removes it). */
bool cw_binding_read (struct cw_store *store, const char *service,
                      const char *config, struct cw_record *record);
enum cw_status cw_binding_write (struct cw_store *store, const char *service,
                                 const char *config,
                                 const struct cw_record *record,
                                 struct cw_diags *diags);
void cw_bindings_each (struct cw_store *store,
                       void (*each) (const struct cw_record *record,
                                     void *state),
                       void *state);

/* The live folder: $CERTWIZ_LIVE, else /etc/certwiz/live. */
const char *cw_live_root (void);

/* The services column: "HTTPS, SMTP" for the certificate ID, or NULL
   when no service uses it (owned by the caller). */
char *cw_bindings_labels (struct cw_store *store, const char *id);

/* The services column of every certificate, the bindings read once:
   for a listing, which would otherwise read them again at each row. */
struct cw_service_labels
{
  struct cw_service_label *items;   /* sorted by certificate ID */
  size_t count;
};
#define CW_SERVICE_LABELS_INIT { NULL, 0 }
void cw_service_labels_read (struct cw_store *store,
                             struct cw_service_labels *labels);
/* "HTTPS, SMTP" for the certificate ID, or NULL; owned by LABELS. */
const char *cw_service_labels_for (const struct cw_service_labels *labels,
                                   const char *id);
void cw_service_labels_free (struct cw_service_labels *labels);

#endif
