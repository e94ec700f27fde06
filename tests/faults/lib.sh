# Shared set-up of the fault tests (issue #7).  Sourced after
# tests/cli/lib.sh and tests/cli/ca.sh.
#
#   shim_build              compile faultshim.c into $shim, or skip (77)
#                           when there is no C compiler
#   shim_run LOG [VAR=VALUE...] CMD...
#                           CMD in $fault_out with the shim preloaded, its
#                           output in LOG.out and LOG.err (kept for the
#                           secrets check), its exit status in $status
#   shim_counts FILE        the "OP N" lines of a counting run's FILE
#   pub_key FILE, pub_req FILE, pub_cert FILE
#                           a short digest of the public key of a private
#                           key, a request or a certificate
#   check_store STORE WHAT  every entry whole, each key fitting its
#                           request or certificate, records readable and
#                           naming each fact once, modes private, certwiz
#                           list working; STORE's keys, "AREA ID DIGEST",
#                           in $work/now.keys
#   keep_key_lines FILE...  remember the base64 lines of these keys
#   check_secrets WHAT DIR...
#                           no private key, password ($fault_passwords)
#                           or key base64 in any file under DIR
#   fault_summary POINTS INJECTED
#                           the line .ci/run collects
#
# $fault_out is the output folder and certwiz's working folder; the shim
# counts calls under it and under the store each test names.
#
# The checks run a few hundred times, so they start few processes: one
# find, one sha256sum and one awk a store; public keys are read with
# openssl once for each distinct file (by checksum, in $fault_db).

fault_out="$work/o"
fault_logs="$work/logs"
fault_db="$work/digests"
shim="$work/faultshim.so"
mkdir -p "$fault_out" "$fault_logs"
: >"$fault_db"

# The compiler the tree was configured with, else cc.
shim_cc() {
  if [ -n "${CC:-}" ]; then
    printf '%s\n' "$CC"
    return 0
  fi
  _mk="$(dirname "$CERTWIZ")/../Makefile"
  _cc=
  if [ -f "$_mk" ]; then _cc=$(sed -n 's/^CC = //p' "$_mk" | head -n 1); fi
  printf '%s\n' "${_cc:-cc}"
}

shim_build() {
  # shellcheck disable=SC2046
  set -- $(shim_cc)
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "SKIP: no C compiler ($1) to build the fault shim"
    exit 77
  fi
  if ! "$@" -shared -fPIC -O1 -o "$shim" \
      "$top_srcdir/tests/faults/faultshim.c" -ldl 2>"$work/shim.err"; then
    cat "$work/shim.err" >&2
    echo "ERROR: the fault shim does not build" >&2
    exit 99
  fi
}

# A sanitizer build wants its runtime first among the libraries; the
# shim before it is harmless, and allowed so.
shim_asan="verify_asan_link_order=0"

# The subshell reports a kill to /dev/null: the shell would print
# "Killed" for each point.
shim_run() {
  _log=$1
  shift
  set +e
  (
    cd "$fault_out" || exit 99
    env LD_PRELOAD="$shim" \
      ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}$shim_asan" \
      "$@" >"$_log.out" 2>"$_log.err" </dev/null
    exit $?
  ) 2>/dev/null
  status=$?
  set -e
}

shim_counts() {
  grep -v '^total ' "$1" || true
}

# ------------------------------------------------------------ digests

empty_digest=$(printf '' | sha256sum | cut -c1-16)

# _digest_line KIND FILE SUM: "SUM DIGEST THUMBPRINT" for $fault_db.  An
# unreadable file has the digest of nothing.
_digest_line() {
  _thumb=-
  case $1 in
    key) _d=$("$OPENSSL" pkey -in "$2" -pubout 2>/dev/null | sha256sum) ;;
    req) _d=$("$OPENSSL" req -in "$2" -noout -pubkey 2>/dev/null | sha256sum) ;;
    cert)
      _d=$("$OPENSSL" x509 -in "$2" -noout -pubkey 2>/dev/null | sha256sum)
      _thumb=$(thumbprint_of "$2" 2>/dev/null) || _thumb=- ;;
  esac
  printf '%s %.16s %s\n' "$3" "$_d" "${_thumb:--}"
}

_kind_of() {
  case $1 in
    */key.pem) echo key ;;
    */request.pem) echo req ;;
    *) echo cert ;;
  esac
}

# _digests STORE: $work/cs.sums, "SUM PATH" of STORE's keys, requests and
# certificates; $fault_db knows them all.
_digests() {
  (cd "$1" && find pending certs -mindepth 2 -maxdepth 2 -type f \
    \( -name key.pem -o -name request.pem -o -name cert.pem \) \
    -exec sha256sum {} +) >"$work/cs.sums" 2>/dev/null || true
  awk 'FILENAME == ARGV[1] { known[$1] = 1; next }
    !($1 in known) && !seen[$1]++ { print $1, $2 }' \
    "$fault_db" "$work/cs.sums" >"$work/cs.new"
  while read -r _sum _path; do
    _digest_line "$(_kind_of "$_path")" "$1/$_path" "$_sum" >>"$fault_db"
  done <"$work/cs.new"
}

_pub() {
  _sum=$(sha256sum "$2" | cut -d' ' -f1)
  _line=$(grep -m 1 "^$_sum " "$fault_db" || true)
  if [ -z "$_line" ]; then
    _line=$(_digest_line "$1" "$2" "$_sum")
    printf '%s\n' "$_line" >>"$fault_db"
  fi
  printf '%s\n' "$_line" | cut -d' ' -f2
}
pub_key() { _pub key "$1"; }
pub_req() { _pub req "$1"; }
pub_cert() { _pub cert "$1"; }

# ------------------------------------------------------------ store

cat >"$work/check.awk" <<'EOF'
function bad(text) { print text }
FILENAME == ARGV[1] { digest[$1] = $2; thumb[$1] = $3; next }
FILENAME == ARGV[2] {
  p = $2; sub(/^\.\//, "", p)
  fdigest[p] = digest[$1]; fthumb[p] = thumb[$1]
  next
}
FILENAME == ARGV[3] {
  type = $1; mode = $2; size = $3; p = $4
  n = split(p, part, "/")
  if (type == "l") bad("a symbolic link: " p)
  else if (type == "d" && mode != "700") bad(p " is " mode ", not 700")
  else if (type == "f" && mode != "600") bad(p " is " mode ", not 600")
  # tmp/ is checked after the next change, which must empty it.
  if (part[1] == "tmp" && n > 1) next
  if (n == 1) {
    # index: the listing's cache (src/store/index.c), rewritten whole.
    if (p != "pending" && p != "certs" && p != "tmp" && p != ".lock" \
        && p != "draft" && p != "index")
      bad("a stray " p " in the store")
    next
  }
  if (part[1] != "pending" && part[1] != "certs") { bad("a stray " p); next }
  if (n == 2) {
    if (type != "d") bad(p " is not a folder")
    else entries[p] = 1
    next
  }
  if (n > 3 || type != "f") { bad("a stray " p); next }
  size_of[part[1] "/" part[2] "/" part[3]] = size
  names[part[1] "/" part[2]] = names[part[1] "/" part[2]] " " part[3]
  next
}
# Records: the magic line, then "name: value" lines; each name once,
# but for the names (san, cert-san), each value once.
FNR == 1 {
  rec = FILENAME; sub(/\/record$/, "", rec)
  m = split(rec, part, "/"); rec = part[m - 1] "/" part[m]
  if ($0 != "# certwiz record 1") bad(rec "/record is not a record")
  next
}
{
  if ($0 == "") next
  colon = index($0, ": ")
  if (colon < 2) { bad(rec "/record: a line that does not read: " $0); next }
  name = substr($0, 1, colon - 1)
  if (name == "san" || name == "cert-san") {
    if (seen[rec, $0]++) bad(rec "/record repeats \"" $0 "\"")
  } else if (seen[rec, name]++ == 1)
    bad(rec "/record repeats " name)
  if (name == "thumbprint") rthumb[rec] = substr($0, colon + 2)
}
END {
  for (e in entries) {
    split(e, part, "/"); area = part[1]; id = part[2]
    if (area == "pending") {
      need = " key.pem request.pem record "; may = " cert.pem chain.pem "
    } else {
      need = " cert.pem record "; may = " key.pem chain.pem request.pem "
    }
    k = split(need, list, " ")
    for (i = 1; i <= k; i++)
      if (!((e "/" list[i]) in size_of) || size_of[e "/" list[i]] == 0)
        bad(e " has no " list[i])
    k = split(names[e], list, " ")
    for (i = 1; i <= k; i++)
      if (!index(need may, " " list[i] " "))
        bad(e " holds a stray file \"" list[i] "\"")
    if (area == "pending") {
      kd = fdigest[e "/key.pem"]
      if (kd == "" || kd == empty || kd != fdigest[e "/request.pem"])
        bad(e ": the key does not fit the request")
      if (kd != "") print area, id, kd > keys
    } else {
      cd = fdigest[e "/cert.pem"]
      if (fthumb[e "/cert.pem"] != id)
        bad(e " holds another certificate")
      if ((e "/record") in size_of && rthumb[e] != id)
        bad(e "/record is another certificate's")
      if ((e "/key.pem") in size_of) {
        kd = fdigest[e "/key.pem"]
        if (kd == "" || kd == empty || kd != cd)
          bad(e ": the key does not fit the certificate")
        if (kd != "") print area, id, kd > keys
      }
    }
  }
}
EOF

check_store() {
  _digests "$1"
  (cd "$1" && find . -mindepth 1 -printf '%y %m %s %P\n') >"$work/cs.list"
  set -- "$1" "$2" "$fault_db" "$work/cs.sums" "$work/cs.list"
  for _r in "$1"/pending/*/record "$1"/certs/*/record; do
    if [ -f "$_r" ]; then set -- "$@" "$_r"; fi
  done
  _store=$1 _what=$2
  shift 2
  : >"$work/now.keys"
  awk -v keys="$work/now.keys" -v empty="$empty_digest" -f "$work/check.awk" \
    "$@" >"$work/cs.fail"
  while IFS= read -r _line; do
    fail "$_what: $_line"
  done <"$work/cs.fail"
  set +e
  "$CERTWIZ" --store "$_store" list >"$work/list.out" 2>"$work/list.err" \
    </dev/null
  _st=$?
  set -e
  if [ "$_st" -ne 0 ] || [ -s "$work/list.err" ]; then
    fail "$_what: certwiz list exits $_st: $(cat "$work/list.err")"
  fi
  return 0
}

# ------------------------------------------------------------ secrets

: >"$work/keylines"
fault_passwords=
keep_key_lines() {
  for _key in "$@"; do
    [ -f "$_key" ] || continue
    grep -v -e '^-----' -e '^$' "$_key" | awk 'length($0) >= 16' \
      >>"$work/keylines" || true
  done
  sort -u "$work/keylines" -o "$work/keylines"
}

check_secrets() {
  _what=$1
  shift
  _seen=$(grep -rl -e "PRIVATE KEY" "$@" 2>/dev/null || true)
  [ -z "$_seen" ] && ok "$_what: no \"PRIVATE KEY\" in any output" ||
    fail "$_what: \"PRIVATE KEY\" in $_seen"
  if [ -n "$fault_passwords" ]; then
    printf '%s\n' "$fault_passwords" >"$work/pwlines"
    _seen=$(grep -rlF -f "$work/pwlines" "$@" 2>/dev/null || true)
    [ -z "$_seen" ] && ok "$_what: no password in any output" ||
      fail "$_what: a password in $_seen"
  fi
  if [ -s "$work/keylines" ]; then
    _seen=$(grep -rlF -f "$work/keylines" "$@" 2>/dev/null || true)
    [ -z "$_seen" ] && ok "$_what: no line of a key's base64 in any output" ||
      fail "$_what: base64 of a private key in $_seen"
  fi
}

fault_summary() {
  if [ "$failures" -eq 0 ]; then _result="all consistent"; else
    _result="$failures check(s) failed"
  fi
  echo "faults: $1 points tried, $2 failures injected, results: $_result"
}

# fault_scene PASSWORD: what crash.sh and diskfull.sh start from: the shim,
# an openssl CA, umask 022, the folders $in (inputs), $s (the store) and
# $base (stores to copy from), and PASSWORD in $in/pw.
fault_scene() {
  shim_build
  ca_init
  umask 022
  in="$work/in"
  s="$work/s"
  base="$work/base"
  mkdir -p "$in"
  password=$1
  printf '%s\n' "$password" >"$in/pw"
}
