# A real two-level certificate authority made with openssl, for the tests
# that install a CA's answer.  Sourced after lib.sh (it needs $work and
# $OPENSSL); not a test itself.
#
#   ca_init                 make the root and the intermediate in $work/ca
#   sign_request REQ OUT [EXTFILE_LINES]
#                           sign the request REQ with the intermediate: a PEM
#                           leaf in OUT with the request's names, unless
#                           EXTFILE_LINES (newline-separated openssl
#                           extension lines) give other ones
#   to_der PEM OUT          the certificate as DER (a .cer as Windows CAs send)
#   make_chain LEAF OUT     leaf then intermediate, in PEM
#   make_shuffled LEAF OUT  intermediate, root, leaf: out of order, root in
#   make_p7b LEAF OUT [DER] a .p7b of leaf and intermediate, PEM or DER
#   pubkey_of_cert PEM      the certificate's public key (PEM) on stdout
#   pubkey_of_req REQ       the request's public key (PEM) on stdout
#   thumbprint_of PEM       the certificate's SHA-1 thumbprint: its ID
#   pending_id STORE        the ID of the store's only pending request
#
# $ca_root and $ca_inter are the CA certificates' PEM files.  Also here,
# for the lifecycle tests: store_state and expect_store_same (a store left
# byte for byte as it was), no_tty (run without a controlling terminal)
# and codes_of (the [code]s of certwiz's diagnostics).

ca_dir="$work/ca"
ca_root="$ca_dir/root.pem"
ca_inter="$ca_dir/inter.pem"
ca_serial=4096

ca_init() {
  mkdir -p "$ca_dir"
  cat >"$ca_dir/ca.ext" <<'EOF'
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[inter]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
EOF
  "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$ca_dir/root.key" 2>/dev/null
  "$OPENSSL" req -new -key "$ca_dir/root.key" \
    -subj "/C=US/O=Fabrikam Test CA/CN=Fabrikam Test Root" \
    -out "$ca_dir/root.req"
  "$OPENSSL" x509 -req -in "$ca_dir/root.req" -signkey "$ca_dir/root.key" \
    -set_serial 1 -days 3650 -sha256 -extfile "$ca_dir/ca.ext" \
    -extensions root -out "$ca_root" 2>/dev/null
  "$OPENSSL" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$ca_dir/inter.key" 2>/dev/null
  "$OPENSSL" req -new -key "$ca_dir/inter.key" \
    -subj "/C=US/O=Fabrikam Test CA/CN=Fabrikam Issuing CA 1" \
    -out "$ca_dir/inter.req"
  "$OPENSSL" x509 -req -in "$ca_dir/inter.req" -CA "$ca_root" \
    -CAkey "$ca_dir/root.key" -set_serial 2 -days 3650 -sha256 \
    -extfile "$ca_dir/ca.ext" -extensions inter -out "$ca_inter" 2>/dev/null
}

# The request's subjectAltName, as an extfile line ("DNS:a, DNS:b").
_ca_req_sans() {
  "$OPENSSL" req -in "$1" -noout -text |
    sed -n '/X509v3 Subject Alternative Name/{n;s/^ *//;s/IP Address:/IP:/g;p;}'
}

sign_request() {
  req=$1 out=$2
  ca_serial=$((ca_serial + 1))
  {
    echo "basicConstraints = critical, CA:false"
    echo "keyUsage = critical, digitalSignature, keyEncipherment"
    echo "extendedKeyUsage = serverAuth, clientAuth"
    echo "authorityKeyIdentifier = keyid"
    if [ $# -ge 3 ]; then
      printf '%s\n' "$3"
    else
      echo "subjectAltName = $(_ca_req_sans "$req")"
    fi
  } >"$ca_dir/leaf.ext"
  "$OPENSSL" x509 -req -in "$req" -CA "$ca_inter" -CAkey "$ca_dir/inter.key" \
    -set_serial "$ca_serial" -days 90 -sha256 -extfile "$ca_dir/leaf.ext" \
    -out "$out" 2>"$ca_dir/sign.err" || {
    cat "$ca_dir/sign.err" >&2
    return 1
  }
}

to_der() {
  "$OPENSSL" x509 -in "$1" -outform DER -out "$2"
}

make_chain() {
  cat "$1" "$ca_inter" >"$2"
}

make_shuffled() {
  cat "$ca_inter" "$ca_root" "$1" >"$2"
}

make_p7b() {
  "$OPENSSL" crl2pkcs7 -nocrl -certfile "$1" -certfile "$ca_inter" \
    -outform "${3:-PEM}" -out "$2"
}

pubkey_of_cert() {
  "$OPENSSL" x509 -in "$1" -noout -pubkey
}

pubkey_of_req() {
  "$OPENSSL" req -in "$1" -noout -pubkey
}

thumbprint_of() {
  "$OPENSSL" x509 -in "$1" -noout -fingerprint -sha1 |
    sed 's/.*=//; s/://g' | tr 'A-F' 'a-f'
}

# The ID of the only pending request of the store DIR.
pending_id() {
  ls "$1/pending"
}

# --------------------------------------------------------------------
# Helpers the lifecycle tests share besides the CA.

# store_state DIR: every path of DIR, and every file with its checksum, to
# compare a store before and after a command that must not change it.
store_state() {
  if [ -d "$1" ]; then
    (cd "$1" && find . | LC_ALL=C sort &&
      find . -type f | LC_ALL=C sort | xargs -r sha256sum)
  else
    echo "no store"
  fi
}

# expect_store_same DIR SNAPSHOT WHAT: DIR is still as store_state saw it.
expect_store_same() {
  store_state "$1" >"$work/state.now"
  if cmp -s "$2" "$work/state.now"; then ok "$3"; else
    fail "$3: the store changed"
    diff "$2" "$work/state.now" | sed 's/^/  | /' >&2
  fi
}

# no_tty CMD...: runs CMD in a new session, without a controlling
# terminal, as a cron job or a pipeline would; certwiz cannot open
# /dev/tty there even when make check runs in a terminal.
no_tty() {
  setsid -w "$@" </dev/null
}
have_setsid() {
  setsid -w true </dev/null 2>/dev/null
}

# codes_of FILE: the [code]s of the diagnostics in FILE, one a line.
codes_of() {
  sed -n 's/^certwiz: [a-z]*: .*\[\([a-z0-9-]*\)\]$/\1/p' "$1"
}
