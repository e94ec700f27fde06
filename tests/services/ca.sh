# A real two-level certificate authority made with certtool, and the
# server certificates the daemon tests serve.  Sourced after lib.sh.
#
#   pki_init               the root and the intermediate in $pki, and a
#                          second root no one trusts ($pki/other-root.pem)
#   pki_leaf BASE NAME...  a key and a certificate for the DNS NAMEs,
#                          signed by the intermediate: BASE.key, BASE.pem
#                          (the leaf), BASE.chain.pem (leaf, intermediate)
#                          and BASE.haproxy.pem (key and chain in one).
#                          Settings, as variables for one call:
#                            leaf_key=rsa|ecdsa (ecdsa)
#                            leaf_purpose=server|client (server)
#                            leaf_expired=yes  valid until a year ago
#                            leaf_issuer=other signed by the other root
#   pki_sign_request REQ OUT NAME...
#                          the intermediate signs a request (certwiz's)
#   pki_thumbprint PEM     the SHA-1 thumbprint: a store ID
pki="$work/pki"
pki_serial=100

_pki_certtool() {
  "$CERTTOOL" "$@" >"$pki/certtool.out" 2>&1 || {
    cat "$pki/certtool.out" >&2
    return 1
  }
}

_pki_ca() {
  _c_name=$1 _c_cn=$2 _c_issuer=$3
  _pki_certtool --generate-privkey --key-type ecdsa \
    --outfile "$pki/$_c_name.key"
  cat >"$pki/$_c_name.tmpl" <<EOT
organization = "certwiz Test CA"
cn = "$_c_cn"
serial = $pki_serial
expiration_days = 3650
ca
cert_signing_key
crl_signing_key
EOT
  pki_serial=$((pki_serial + 1))
  if [ -z "$_c_issuer" ]; then
    _pki_certtool --generate-self-signed --load-privkey "$pki/$_c_name.key" \
      --template "$pki/$_c_name.tmpl" --outfile "$pki/$_c_name.pem"
  else
    echo "path_len = 0" >>"$pki/$_c_name.tmpl"
    _pki_certtool --generate-certificate --load-privkey "$pki/$_c_name.key" \
      --load-ca-certificate "$pki/$_c_issuer.pem" \
      --load-ca-privkey "$pki/$_c_issuer.key" \
      --template "$pki/$_c_name.tmpl" --outfile "$pki/$_c_name.pem"
  fi
}

pki_init() {
  mkdir -p "$pki"
  _pki_ca root "certwiz Test Root" ""
  _pki_ca inter "certwiz Test Issuing CA" root
  _pki_ca other-root "Nobody's Root" ""
  _pki_ca other-inter "Nobody's Issuing CA" other-root
}

# The template of a leaf for NAMEs, with the leaf_* settings.
_pki_leaf_template() {
  _t_out=$1
  shift
  {
    echo "cn = \"$1\""
    for n in "$@"; do echo "dns_name = \"$n\""; done
    echo "serial = $pki_serial"
    if [ "${leaf_purpose:-server}" = client ]; then
      echo "tls_www_client"
    else
      echo "tls_www_server"
    fi
    echo "signing_key"
    [ "${leaf_key:-ecdsa}" = rsa ] && echo "encryption_key"
    if [ "${leaf_expired:-}" = yes ]; then
      stamp='+%Y-%m-%d %H:%M:%S'
      echo "activation_date = \"$(date -u -d '-2 years' "$stamp")\""
      echo "expiration_date = \"$(date -u -d '-1 year' "$stamp")\""
    else
      echo "expiration_days = 90"
    fi
  } >"$_t_out"
  pki_serial=$((pki_serial + 1))
}

_pki_issuer() {
  [ "${leaf_issuer:-}" = other ] && echo other-inter || echo inter
}

pki_leaf() {
  _l_base=$1
  shift
  case ${leaf_key:-ecdsa} in
    rsa) _pki_certtool --generate-privkey --key-type rsa --bits 2048 \
           --outfile "$_l_base.key" ;;
    *) _pki_certtool --generate-privkey --key-type ecdsa \
         --outfile "$_l_base.key" ;;
  esac
  _pki_leaf_template "$_l_base.tmpl" "$@"
  _l_issuer=$(_pki_issuer)
  _pki_certtool --generate-certificate --load-privkey "$_l_base.key" \
    --load-ca-certificate "$pki/$_l_issuer.pem" \
    --load-ca-privkey "$pki/$_l_issuer.key" \
    --template "$_l_base.tmpl" --outfile "$_l_base.pem"
  cat "$_l_base.pem" "$pki/$_l_issuer.pem" >"$_l_base.chain.pem"
  cat "$_l_base.key" "$_l_base.chain.pem" >"$_l_base.haproxy.pem"
  chmod 600 "$_l_base.key" "$_l_base.haproxy.pem"
}

pki_sign_request() {
  _s_req=$1 _s_out=$2
  shift 2
  _pki_leaf_template "$_s_out.tmpl" "$@"
  _s_issuer=$(_pki_issuer)
  _pki_certtool --generate-certificate --load-request "$_s_req" \
    --load-ca-certificate "$pki/$_s_issuer.pem" \
    --load-ca-privkey "$pki/$_s_issuer.key" \
    --template "$_s_out.tmpl" --outfile "$_s_out"
}

pki_thumbprint() {
  "$OPENSSL" x509 -in "$1" -noout -fingerprint -sha1 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}

# pki_store_entry BASE NAME...: a certificate of the store: certwiz makes
# the key and the request, the intermediate signs it, certwiz imports it
# with the chain.  BASE.pem, BASE.chain.pem, BASE.key (the store's key,
# copied) and BASE.haproxy.pem are written; $store_id is its ID.
# store_key=rsa2048 for one call makes an RSA key (p256 otherwise).
pki_store_entry() {
  _e_base=$1
  shift
  _e_sans=
  for n in "$@"; do _e_sans="$_e_sans --san $n"; done
  # shellcheck disable=SC2086
  "$CERTWIZ" request --subject "CN=$1" $_e_sans --key "${store_key:-p256}" \
    --out "$_e_base.req" \
    >"$_e_base.out" 2>&1 || { cat "$_e_base.out" >&2; return 1; }
  pki_sign_request "$_e_base.req" "$_e_base.pem" "$@"
  cat "$_e_base.pem" "$pki/$(_pki_issuer).pem" >"$_e_base.chain.pem"
  "$CERTWIZ" import "$_e_base.chain.pem" >"$_e_base.out" 2>&1 ||
    { cat "$_e_base.out" >&2; return 1; }
  store_id=$(pki_thumbprint "$_e_base.pem")
  cp "$CERTWIZ_STORE/certs/$store_id/key.pem" "$_e_base.key"
  cat "$_e_base.key" "$_e_base.chain.pem" >"$_e_base.haproxy.pem"
  chmod 600 "$_e_base.key" "$_e_base.haproxy.pem"
}
