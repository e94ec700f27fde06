/* libcurl, loaded when certwiz first speaks HTTP rather than at every
   start: linked, it brings twenty more shared libraries (Kerberos, LDAP,
   SSH, OpenSSL's libcrypto...) into every command, a few milliseconds
   each time, although only the ACME commands use it.

   http.c includes this file instead of <curl/curl.h> and calls the
   usual curl_* names, which lead to the functions of the loaded
   library; nothing else in certwiz calls libcurl. */
#ifndef CERTWIZ_ACME_CURL_LOAD_H
#define CERTWIZ_ACME_CURL_LOAD_H

/* The type checks of curl_easy_setopt are macros over the name, which
   is a pointer here. */
#define CURL_DISABLE_TYPECHECK 1
#include <curl/curl.h>
#include <stdbool.h>

#include "base/diag.h"

/* The library: its soname, as configure found it, and the Debian package
   that brings it. */
#ifndef CW_LIBCURL_SONAME
# define CW_LIBCURL_SONAME "libcurl-gnutls.so.4"
#endif
#define CW_LIBCURL_PACKAGE "libcurl3-gnutls"
/* CURLOPT_PROTOCOLS_STR, which the HTTPS-only rule needs. */
#define CW_LIBCURL_MIN_VERSION 0x075500
#define CW_LIBCURL_MIN_NAME "7.85"

struct cw_curl_api
{
  CURLcode (*global_init) (long flags);
  curl_version_info_data *(*version_info) (CURLversion age);
  CURL *(*easy_init) (void);
  void (*easy_cleanup) (CURL *curl);
  void (*easy_reset) (CURL *curl);
  CURLcode (*easy_setopt) (CURL *curl, CURLoption option, ...);
  CURLcode (*easy_perform) (CURL *curl);
  CURLcode (*easy_getinfo) (CURL *curl, CURLINFO info, ...);
  const char *(*easy_strerror) (CURLcode code);
  struct curl_slist *(*slist_append) (struct curl_slist *list,
                                      const char *text);
  void (*slist_free_all) (struct curl_slist *list);
  CURLU *(*url) (void);
  CURLUcode (*url_set) (CURLU *u, CURLUPart what, const char *part,
                        unsigned int flags);
  CURLUcode (*url_get) (const CURLU *u, CURLUPart what, char **part,
                        unsigned int flags);
  void (*url_cleanup) (CURLU *u);
  void (*free) (void *p);
  time_t (*getdate) (const char *text, const time_t *unused);
};

/* Filled by cw_curl_load; read only after it returned true. */
extern struct cw_curl_api cw_curl;

/* Loads libcurl and starts it (curl_global_init), once for the whole
   program; later calls only say whether that worked.  False when it
   cannot: a diagnostic in DIAGS (when not NULL) says what is missing and
   which package brings it.  Call it before any thread is started. */
bool cw_curl_load (struct cw_diags *diags);

#define curl_version_info cw_curl.version_info
#define curl_easy_init cw_curl.easy_init
#define curl_easy_cleanup cw_curl.easy_cleanup
#define curl_easy_reset cw_curl.easy_reset
/* curl.h makes these two macros that check the number of arguments. */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#define curl_easy_setopt cw_curl.easy_setopt
#define curl_easy_perform cw_curl.easy_perform
#define curl_easy_getinfo cw_curl.easy_getinfo
#define curl_easy_strerror cw_curl.easy_strerror
#define curl_slist_append cw_curl.slist_append
#define curl_slist_free_all cw_curl.slist_free_all
#define curl_url cw_curl.url
#define curl_url_set cw_curl.url_set
#define curl_url_get cw_curl.url_get
#define curl_url_cleanup cw_curl.url_cleanup
#define curl_free cw_curl.free
#define curl_getdate cw_curl.getdate

#endif
