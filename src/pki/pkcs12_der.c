/* Reading pkcs12.asn's types with libtasn1. */
#include <config.h>

#include "pki/pkcs12_der.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/xalloc.h"

bool
cw_p12_der_decode (const char *type, const gnutls_datum_t *der,
                   asn1_node *node)
{
  char name[64] = "CertwizPkcs8.";
  asn1_node definitions = NULL;
  *node = NULL;
  if (!der->data || der->size == 0 || der->size > INT_MAX
      || strlen (name) + strlen (type) >= sizeof name)
    return false;
  strcat (name, type);
  bool ok = asn1_array2tree (cw_p12_asn1_tab, &definitions, NULL)
              == ASN1_SUCCESS
            && asn1_create_element (definitions, name, node) == ASN1_SUCCESS;
  /* The element is a copy: the definitions go at once. */
  asn1_delete_structure (&definitions);
  if (ok && asn1_der_decoding (node, der->data, (int) der->size, NULL)
              == ASN1_SUCCESS)
    return true;
  asn1_delete_structure2 (node, ASN1_DELETE_FLAG_ZEROIZE);
  return false;
}

bool
cw_p12_der_read (asn1_node node, const char *name, gnutls_datum_t *value)
{
  int size = 0;
  value->data = NULL;
  value->size = 0;
  if (asn1_read_value (node, name, NULL, &size) != ASN1_MEM_ERROR
      || size <= 0)
    return false;
  value->data = xmalloc ((size_t) size);
  if (asn1_read_value (node, name, value->data, &size) != ASN1_SUCCESS)
    {
      free (value->data);
      value->data = NULL;
      return false;
    }
  value->size = (unsigned) size;
  return true;
}

void
cw_p12_der_free (gnutls_datum_t *value)
{
  if (value->data)
    gnutls_memset (value->data, 0, value->size);
  free (value->data);
  value->data = NULL;
  value->size = 0;
}

bool
cw_p12_der_oid_is (asn1_node node, const char *name, const char *oid)
{
  char text[ASN1_MAX_NAME_SIZE * 2];
  int size = sizeof text;
  return asn1_read_value (node, name, text, &size) == ASN1_SUCCESS
         && strcmp (text, oid) == 0;
}

bool
cw_p12_der_uint (asn1_node node, const char *name, unsigned long max,
                 unsigned long *value)
{
  unsigned char bytes[9];
  int size = sizeof bytes;
  if (asn1_read_value (node, name, bytes, &size) != ASN1_SUCCESS
      || size <= 0 || (bytes[0] & 0x80))
    return false;
  unsigned long number = 0;
  for (int i = 0; i < size; i++)
    {
      if (number > max >> 8)
        return false;
      number = number << 8 | bytes[i];
    }
  *value = number;
  return number <= max;
}
