#include <config.h>

#include "acme/dnscheck.h"

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

#define MAX_SERVERS 8
#define ANSWER_MAX 4096

struct servers
{
  struct sockaddr_in addr[MAX_SERVERS];
  int count;
};

static bool
parse_server (const char *text, struct sockaddr_in *addr)
{
  char host[64];
  const char *colon = strchr (text, ':');
  size_t n = colon ? (size_t) (colon - text) : strlen (text);
  if (n >= sizeof host)
    return false;
  memcpy (host, text, n);
  host[n] = '\0';
  *addr = (struct sockaddr_in) { .sin_family = AF_INET,
                                 .sin_port = htons (colon ? (uint16_t)
                                                      atoi (colon + 1)
                                                    : 53) };
  return inet_pton (AF_INET, host, &addr->sin_addr) == 1;
}

/* The NS host names of the closest zone above NAME that has some. */
static int
find_ns (const char *name, char hosts[MAX_SERVERS][NS_MAXDNAME])
{
  struct __res_state rs = { 0 };
  if (res_ninit (&rs) < 0)
    return 0;
  unsigned char answer[ANSWER_MAX];
  int found = 0;
  for (const char *zone = name; zone && *zone && !found;
       zone = strchr (zone, '.') ? strchr (zone, '.') + 1 : NULL)
    {
      int len = res_nquery (&rs, zone, ns_c_in, ns_t_ns, answer,
                            sizeof answer);
      ns_msg msg;
      if (len <= 0 || ns_initparse (answer, len, &msg) < 0)
        continue;
      for (int i = 0; i < ns_msg_count (msg, ns_s_an) && found < MAX_SERVERS;
           i++)
        {
          ns_rr rr;
          if (ns_parserr (&msg, ns_s_an, i, &rr) == 0
              && ns_rr_type (rr) == ns_t_ns
              && ns_name_uncompress (ns_msg_base (msg), ns_msg_end (msg),
                                     ns_rr_rdata (rr), hosts[found],
                                     NS_MAXDNAME) >= 0)
            found++;
        }
    }
  res_nclose (&rs);
  return found;
}

static void
authoritative (const char *name, struct servers *servers)
{
  char hosts[MAX_SERVERS][NS_MAXDNAME];
  int n = find_ns (name, hosts);
  for (int i = 0; i < n && servers->count < MAX_SERVERS; i++)
    {
      struct addrinfo hints = { .ai_family = AF_INET,
                                .ai_socktype = SOCK_DGRAM }, *list;
      if (getaddrinfo (hosts[i], "53", &hints, &list) != 0)
        continue;
      servers->addr[servers->count++] = *(struct sockaddr_in *) list->ai_addr;
      freeaddrinfo (list);
    }
}

static bool
answer_holds (const unsigned char *answer, int len, const char *value)
{
  ns_msg msg;
  if (ns_initparse (answer, len, &msg) < 0)
    return false;
  for (int i = 0; i < ns_msg_count (msg, ns_s_an); i++)
    {
      ns_rr rr;
      if (ns_parserr (&msg, ns_s_an, i, &rr) < 0 || ns_rr_type (rr) != ns_t_txt)
        continue;
      /* The character strings of one record, joined. */
      char text[1024];
      size_t used = 0;
      const unsigned char *p = ns_rr_rdata (rr), *end = p + ns_rr_rdlen (rr);
      while (p < end && used < sizeof text - 256)
        {
          unsigned n = *p++;
          if (p + n > end)
            break;
          memcpy (text + used, p, n);
          used += n;
          p += n;
        }
      text[used] = '\0';
      if (strcmp (text, value) == 0)
        return true;
    }
  return false;
}

static bool
server_serves (const struct sockaddr_in *addr, const char *name,
               const char *value)
{
  struct __res_state rs = { 0 };
  if (res_ninit (&rs) < 0)
    return false;
  rs.nsaddr_list[0] = *addr;
  rs.nscount = 1;
  rs.options &= ~(unsigned long) (RES_RECURSE | RES_DNSRCH | RES_DEFNAMES);
  rs.retry = 2;
  rs.retrans = 2;
  unsigned char answer[ANSWER_MAX];
  int len = res_nquery (&rs, name, ns_c_in, ns_t_txt, answer, sizeof answer);
  res_nclose (&rs);
  return len > 0 && answer_holds (answer, len, value);
}

bool
cw_dns_txt_served (const char *name, const char *value, const char *server,
                   int *asked)
{
  struct servers servers = { .count = 0 };
  if (server)
    servers.count = parse_server (server, &servers.addr[0]) ? 1 : 0;
  else
    authoritative (name, &servers);
  *asked = servers.count;
  if (servers.count == 0)
    return false;
  for (int i = 0; i < servers.count; i++)
    if (!server_serves (&servers.addr[i], name, value))
      return false;
  return true;
}
