# Sourced by replay.sh and ci-fuzz.sh, so that the fuzzers start from
# the corpora they are replayed over.
# corpora_of NAME: the folders of GnuTLS's fuzz corpora harness NAME reads.
corpora_of() {
  case $1 in
    subject) echo dn_parser idna_parser ;;
    san) echo idna_parser ;;
    detect) echo x509_parser pkcs7_parser x509_crq_parser \
      private_key_parser pkcs8_key_parser ;;
    pkcs12) echo pkcs12_key_parser ;;
    import) echo x509_parser pkcs7_parser pkcs12_key_parser ;;
    safetext) echo dn_parser idna_parser pkcs12_key_parser pkcs7_parser \
      pkcs8_key_parser private_key_parser x509_crq_parser x509_parser ;;
  esac
}
