#if HAVE_CONFIG_H
# include "config.h"
#endif

#include <libtasn1.h>

const asn1_static_node cw_p12_asn1_tab[] = {
  { "CertwizPkcs8", 536872976, NULL },
  { NULL, 1073741836, NULL },
  { "AlgorithmIdentifier", 1610612741, NULL },
  { "algorithm", 1073741836, NULL },
  { "parameters", 541081613, NULL },
  { "algorithm", 1, NULL },
  { "EncryptedPrivateKeyInfo", 1610612741, NULL },
  { "encryptionAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "encryptedData", 7, NULL },
  { "PBES2-params", 1610612741, NULL },
  { "keyDerivationFunc", 1073741826, "AlgorithmIdentifier"},
  { "encryptionScheme", 2, "AlgorithmIdentifier"},
  { "PBKDF2-params", 1610612741, NULL },
  { "salt", 1073741831, NULL },
  { "iterationCount", 1073741827, NULL },
  { "keyLength", 1073758211, NULL },
  { "prf", 16386, "AlgorithmIdentifier"},
  { "IV", 1073741831, NULL },
  { "NamedCurve", 1073741836, NULL },
  { "PrivateKeyInfo", 1610612741, NULL },
  { "version", 1073741827, NULL },
  { "privateKeyAlgorithm", 1073741826, "AlgorithmIdentifier"},
  { "privateKey", 1073741831, NULL },
  { "attributes", 536895503, NULL },
  { NULL, 1073745928, "0"},
  { NULL, 2, "Attribute"},
  { "Attribute", 1610612741, NULL },
  { "type", 1073741836, NULL },
  { "values", 536870927, NULL },
  { NULL, 13, NULL },
  { "ECPrivateKey", 536870917, NULL },
  { "version", 1073741827, NULL },
  { "privateKey", 1073741831, NULL },
  { "parameters", 1610637324, NULL },
  { NULL, 2056, "0"},
  { "publicKey", 536895494, NULL },
  { NULL, 2056, "1"},
  { NULL, 0, NULL }
};
