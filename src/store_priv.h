/* What the store's files share and nothing else uses. */
#ifndef CERTWIZ_STORE_PRIV_H
#define CERTWIZ_STORE_PRIV_H

#include "diag.h"
#include "status.h"

#define CW_STORE_TMP "tmp"

/* Reports ERR on the store at PATH; returns CW_FAILED. */
enum cw_status cw_store_io_error (struct cw_diags *diags, int err,
                                  const char *path);
/* Calls EACH with every name in the folder SUB of DIRFD except "." and
   "..", with the folder's own descriptor.  Returns 0, or the errno value
   of opening SUB. */
int cw_store_each_name (int dirfd, const char *sub,
                        void (*each) (int fd, const char *name, void *state),
                        void *state);
/* Deletes the folder NAME of DIRFD and the plain files in it. */
void cw_store_remove_tree (int dirfd, const char *name);

#endif
