/* Whether a TXT record is served by the servers that matter: the zone's
   authoritative servers (found through the system's resolver), asked
   directly and without recursion, or one server given instead. */
#ifndef CERTWIZ_ACME_DNSCHECK_H
#define CERTWIZ_ACME_DNSCHECK_H

#include <stdbool.h>

/* True when every server asked answers NAME's TXT with VALUE among its
   strings.  SERVER ("ADDR" or "ADDR:PORT", IPv4) replaces the
   authoritative servers when not NULL.  *ASKED receives how many servers
   were asked (0 when none could be found). */
bool cw_dns_txt_served (const char *name, const char *value,
                        const char *server, int *asked);

#endif
