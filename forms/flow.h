/* The wizard's flows as data: each is a table of steps, screens shared
   between flows (forms/steps.c shows them), and the screen that ends it.
   A request for a CA and a self-signed certificate are two tables of
   the same screens; a new flow is one more table (and the screens of its
   own steps).  No terminal is needed here. */
#ifndef CERTWIZ_FORMS_FLOW_H
#define CERTWIZ_FORMS_FLOW_H

#include <stddef.h>

#include "wizard.h"

struct wz_flow_step
{
  enum wz_step step;
  const char *title;       /* N_(): "Step 2 of 5: Names (SAN)" */
};

struct wz_flow
{
  const char *name;        /* in a draft: "request" */
  const char *title;       /* N_(): the title bar's, "New certificate
                              request" */
  const struct wz_flow_step *steps;   /* counted: "Step 2 of 5" */
  size_t count;
  struct wz_flow_step end; /* the screen after the last step */
};

extern const struct wz_flow wz_flow_request;
extern const struct wz_flow wz_flow_selfsign;

/* The flow a draft names; NULL when none has that name. */
const struct wz_flow *wz_flow_named (const char *name);
/* The position of STEP among FLOW's counted steps, or FLOW->count when
   it is not one of them (the end, or a step of another flow). */
size_t wz_flow_index (const struct wz_flow *flow, enum wz_step step);
/* The counted step where a finding about STEP is fixed: STEP itself, or
   the flow's last step (where its file or store is chosen) when FLOW has
   no such step. */
size_t wz_flow_fix_at (const struct wz_flow *flow, enum wz_step step);

#endif
