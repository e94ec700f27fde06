#include <config.h>

#include "flow.h"

#include <string.h>

#include "base/i18n.h"

static const struct wz_flow_step request_steps[] = {
  { WZ_STEP_SUBJECT, N_("Subject") },
  { WZ_STEP_NAMES, N_("Names (SAN)") },
  { WZ_STEP_KEY, N_("Key") },
  { WZ_STEP_REVIEW, N_("Review") },
  { WZ_STEP_WRITE, N_("Write the request") },
};

const struct wz_flow wz_flow_request = {
  "request", N_("New certificate request"), request_steps,
  sizeof request_steps / sizeof request_steps[0],
  { WZ_STEP_WRITTEN, N_("Done") },
};

/* A self-signed certificate is installed, not written: its last step
   asks for how long it is valid instead of for a file. */
static const struct wz_flow_step selfsign_steps[] = {
  { WZ_STEP_SUBJECT, N_("Subject") },
  { WZ_STEP_NAMES, N_("Names (SAN)") },
  { WZ_STEP_KEY, N_("Key") },
  { WZ_STEP_REVIEW, N_("Review") },
  { WZ_STEP_VALIDITY, N_("Validity") },
};

const struct wz_flow wz_flow_selfsign = {
  "selfsign", N_("New self-signed certificate"), selfsign_steps,
  sizeof selfsign_steps / sizeof selfsign_steps[0],
  { WZ_STEP_INSTALLED, N_("Done") },
};

static const struct wz_flow *const flows[] = {
  &wz_flow_request, &wz_flow_selfsign,
};

const struct wz_flow *
wz_flow_named (const char *name)
{
  for (size_t i = 0; name && i < sizeof flows / sizeof flows[0]; i++)
    if (strcmp (flows[i]->name, name) == 0)
      return flows[i];
  return NULL;
}

size_t
wz_flow_index (const struct wz_flow *flow, enum wz_step step)
{
  for (size_t i = 0; i < flow->count; i++)
    if (flow->steps[i].step == step)
      return i;
  return flow->count;
}

size_t
wz_flow_fix_at (const struct wz_flow *flow, enum wz_step step)
{
  size_t at = wz_flow_index (flow, step);
  return at < flow->count ? at : flow->count - 1;
}
