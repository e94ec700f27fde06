/* How an operation ended; the CLI's exit status. */
#ifndef CERTWIZ_STATUS_H
#define CERTWIZ_STATUS_H

enum cw_status
{
  CW_OK = 0,        /* done; warnings allowed */
  CW_REFUSED = 1,   /* the input was refused; nothing was written */
  CW_USAGE = 2,     /* the command line was wrong */
  CW_FAILED = 3,    /* anything else: I/O, crypto */
  CW_CANCELLED = 4  /* stopped on the user's request; nothing was written */
};

#endif
