#!/bin/sh
# Issue #7, crash safety: request, import (a CA's answer, a backup, a
# backup that answers a pending request, CA certificates that complete an
# installed certificate's chain, a second certificate for an installed
# certificate's key), export (new file, --force over
# an old one) and delete (pending, installed), each killed with SIGKILL
# at every call that changes a file of the store or of the output folder,
# in turn.  After each kill: every key still somewhere, every entry
# whole, certwiz list working; the next change clears tmp/; running the
# command again finishes the job.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/faults/lib.sh"

fault_scene "Crash Test Horse 7"
chmod 600 "$in/pw"
fault_passwords=$password

# ---------------------------------------------------------------- the store
# request_in STORE NAME: a pending request for NAME.contoso.com; its ID.
request_in() {
  run 0 "$CERTWIZ" --store "$1" request --key p256 --out "$in/$2.req" \
    --subject "C=US, O=Contoso Corp, CN=$2.contoso.com" --friendly-name "$2"
  for e in "$1"/pending/*; do
    if cmp -s "$e/request.pem" "$in/$2.req"; then basename "$e"; fi
  done
}

p1=$(request_in "$base" p1)
p2=$(request_in "$base" p2)
request_in "$base" c1 >/dev/null
sign_request "$in/c1.req" "$in/c1.pem"
make_chain "$in/c1.pem" "$in/c1.crt"
run 0 "$CERTWIZ" --store "$base" import "$in/c1.crt"
c1=$(thumbprint_of "$in/c1.pem")
sign_request "$in/p1.req" "$in/p1.pem"
make_chain "$in/p1.pem" "$in/p1.crt"
p1_cert=$(thumbprint_of "$in/p1.pem")
# A certificate installed without its intermediate, for the chain
# material to complete; and c1 issued again, for its kept key.
request_in "$base" ch >/dev/null
sign_request "$in/ch.req" "$in/ch.pem"
run 0 "$CERTWIZ" --store "$base" import "$in/ch.pem"
sleep 1
sign_request "$in/c1.req" "$in/c1b.pem"
run 0 "$CERTWIZ" --store "$base" export "$c1" --out "$in/old.pfx" \
  --password-file "$in/pw"

# backup_of STORE NAME: NAME.pfx, a backup of NAME's certificate with
# its key and the intermediate, made by openssl with its few iterations:
# certwiz's own take a second to open each time.
backup_of() {
  "$OPENSSL" pkcs12 -export -name "$2" -passout file:"$in/pw" \
    -inkey "$1/certs/$(thumbprint_of "$in/$2.pem")/key.pem" \
    -in "$in/$2.pem" -certfile "$ca_inter" -out "$in/$2.pfx"
}

# A backup made elsewhere, to restore here.
request_in "$work/side" q >/dev/null
sign_request "$in/q.req" "$in/q.pem"
run 0 "$CERTWIZ" --store "$work/side" import "$in/q.pem"
backup_of "$work/side" q

# A backup of a certificate whose request is pending here: restoring it
# closes the request.
r=$(request_in "$work/side2" r)
cp -a "$work/side2/pending/$r" "$base/pending/$r"
sign_request "$in/r.req" "$in/r.pem"
run 0 "$CERTWIZ" --store "$work/side2" import "$in/r.pem"
backup_of "$work/side2" r

check_store "$base" "the store before any fault"
cp "$work/now.keys" "$work/base.keys"
keep_key_lines "$base"/*/*/key.pem "$work"/side*/*/*/key.pem
expect_eq "$(wc -l <"$work/base.keys")" 5 "five keys to keep: p1, p2, c1, ch, r"
pub_cert "$in/c1.pem" >"$work/c1.pub"

# ---------------------------------------------------------------- runs
fresh() {
  rm -rf "$s" "$fault_out"
  cp -a "$base" "$s"
  mkdir -p "$fault_out"
  cp -p "$in/old.pfx" "$fault_out/old.pfx"
}

# scenario NAME LOG [VAR=VALUE...]: runs NAME's command with the shim.
scenario() {
  _name=$1 _slog=$2
  shift 2
  set -- "$@" CERTWIZ_FAULT_DIRS="$s:$fault_out" "$CERTWIZ" --store "$s"
  case $_name in
    request) shim_run "$_slog" "$@" request --key p256 --out new.req \
      --subject "C=US, O=Contoso Corp, CN=new.contoso.com" ;;
    import-answer) shim_run "$_slog" "$@" import "$in/p1.crt" ;;
    import-backup) shim_run "$_slog" "$@" import "$in/q.pfx" \
      --password-file "$in/pw" ;;
    import-backup-answers) shim_run "$_slog" "$@" import "$in/r.pfx" \
      --password-file "$in/pw" ;;
    import-chain) shim_run "$_slog" "$@" import "$ca_inter" ;;
    import-shared) shim_run "$_slog" "$@" import "$in/c1b.pem" ;;
    export) shim_run "$_slog" "$@" export "$c1" --out c1.pfx \
      --password-file "$in/pw" ;;
    export-force) shim_run "$_slog" "$@" export "$c1" --out old.pfx --force \
      --password-file "$in/pw" ;;
    delete-pending) shim_run "$_slog" "$@" delete "$p2" --yes ;;
    delete-cert) shim_run "$_slog" "$@" delete "$c1" --yes ;;
  esac
}

# The ID whose key the command may remove on purpose.
doomed_of() {
  case $1 in
    delete-pending) echo "$p2" ;;
    delete-cert) echo "$c1" ;;
    *) echo none ;;
  esac
}

# keys_kept WHAT NAME [count]: every key of the store before is still in
# it (as check_store last saw it), in one place only; a restored backup
# may share its key with the request it answers until that request is
# closed: counted in $both.  A second certificate for c1's key has its
# own copy of it.
keys_kept() {
  awk -v doomed="$(doomed_of "$2")" -v shared="$r" -v name="$2" -v c1="$c1" '
    FILENAME == ARGV[1] { n[$3]++; where[$3] = where[$3] " " $1 "/" $2; next }
    !n[$3] && $2 != doomed { print "lost", $1 "/" $2 ": the key is lost" }
    n[$3] > 1 && name == "import-backup-answers" && $2 == shared {
      print "both"; next }
    n[$3] == 2 && name == "import-shared" && $2 == c1 { next }
    n[$3] > 1 { print "fail", $1 "/" $2 ": the key is in" where[$3] }
  ' "$work/now.keys" "$work/base.keys" >"$work/kept"
  while read -r _kind _text; do
    case $_kind in
      both) if [ "${3:-}" = count ]; then both=$((both + 1)); fi ;;
      *) fail "$1: $_text" ;;
    esac
  done <"$work/kept"
  return 0
}

# pfx_ok WHAT FILE: a whole backup of c1, 0600.
pfx_ok() {
  if "$OPENSSL" pkcs12 -in "$2" -nocerts -nodes -passin file:"$in/pw" \
      2>/dev/null | "$OPENSSL" pkey -pubout 2>/dev/null | sha256sum |
      cut -c1-16 | cmp -s - "$work/c1.pub"; then
    [ "$(mode_of "$2")" = 600 ] || fail "$1: $(basename "$2") is not 0600"
  else
    fail "$1: $(basename "$2") is not a whole backup of c1"
  fi
}

# outputs_ok WHAT NAME: the output file is absent or whole; temporary
# files left beside it are counted.
outputs_ok() {
  case $2 in
    request)
      if [ -e "$fault_out/new.req" ]; then
        "$OPENSSL" req -in "$fault_out/new.req" -noout -verify >/dev/null 2>&1 ||
          fail "$1: new.req is not a whole request"
        grep -q "^pending .* $(pub_req "$fault_out/new.req")\$" "$work/now.keys" ||
          fail "$1: new.req was written, and its key is not in the store"
      fi ;;
    export)
      [ ! -e "$fault_out/c1.pfx" ] || pfx_ok "$1" "$fault_out/c1.pfx" ;;
    export-force)
      cmp -s "$fault_out/old.pfx" "$in/old.pfx" || pfx_ok "$1" "$fault_out/old.pfx" ;;
  esac
  for _t in "$fault_out"/.*.tmp "$fault_out"/.*.tmp.old; do
    [ -e "$_t" ] || continue
    out_leftovers=$((out_leftovers + 1))
    echo "$1: $(basename "$_t") ($(stat -c '%a, %s bytes' "$_t"))" >>"$work/leftovers"
    case $_t in
      *.pfx.*) [ "$(mode_of "$_t")" = 600 ] ||
        fail "$1: the leftover $(basename "$_t") is not private" ;;
    esac
  done
  return 0
}

# The pending request answered by the import is either still pending
# (and whole) or installed with its key: never neither, never both.
answer_ok() {
  _pend=no _inst=no
  [ -d "$s/pending/$p1" ] && _pend=yes
  [ -f "$s/certs/$p1_cert/key.pem" ] && _inst=yes
  [ "$_pend$_inst" = yesno ] || [ "$_pend$_inst" = noyes ] ||
    fail "$1: p1 pending: $_pend, installed with its key: $_inst"
}

# retry_ok WHAT NAME: the command run again after the crash finishes the
# job, or says why not; its output in $log.retry.*.
retry_ok() {
  case $2 in
    request | export | export-force) return 0 ;;
  esac
  scenario "$2" "$log.retry"
  case $status in
    0) ;;
    1) grep -q -e '\[already-installed\]' -e '\[id-not-found\]' \
         -e '\[ca-completes-nothing\]' \
         "$log.retry.err" ||
         fail "$1: run again: refused: $(cat "$log.retry.err")" ;;
    *) fail "$1: run again: exit $status: $(cat "$log.retry.err")" ;;
  esac
  check_store "$s" "$1, run again"
  keys_kept "$1, run again" "$2"
  case $2 in
    import-answer)
      [ ! -d "$s/pending/$p1" ] && [ -f "$s/certs/$p1_cert/key.pem" ] ||
        fail "$1: run again: p1 is not installed with its key" ;;
    import-backup-answers)
      if [ -d "$s/pending/$r" ]; then
        both_after=$((both_after + 1))
        echo "$1: run again (exit $status): the answered request r is still pending" >>"$work/both"
      fi ;;
    delete-*)
      _doomed=$(doomed_of "$2")
      [ ! -e "$s/pending/$_doomed" ] && [ ! -e "$s/certs/$_doomed" ] ||
        fail "$1: run again: $_doomed is still there" ;;
  esac
  return 0
}

# next_change WHAT NAME: a request, after which the store is still whole;
# its output in $log.next.*.
next_change() {
  set +e
  "$CERTWIZ" --store "$s" request --key p256 --out "$work/next.req" \
    --subject "CN=next.contoso.com" >"$log.next.out" 2>"$log.next.err" </dev/null
  _st=$?
  set -e
  rm -f "$work/next.req"
  [ "$_st" -eq 0 ] || fail "$1: the next request exits $_st: $(cat "$log.next.err")"
  tmp_cleared "$1"
  check_store "$s" "$1, after the next change"
  keys_kept "$1, after the next change" "$2"
}

tmp_cleared() {
  [ -z "$(ls -A "$s/tmp")" ] ||
    fail "$1: tmp/ still holds $(ls -A "$s/tmp") after the next change"
}

points=0 both=0 both_after=0 out_leftovers=0
: >"$work/leftovers"
: >"$work/both"
started=$(date +%s)
for name in request import-answer import-backup import-backup-answers \
    import-chain import-shared export export-force delete-pending delete-cert; do
  fresh
  scenario "$name" "$fault_logs/$name.count" \
    CERTWIZ_FAULT_COUNT="$work/$name.count" \
    CERTWIZ_FAULT_TRACE="$work/$name.trace"
  if [ "$status" -ne 0 ]; then
    fail "$name: exits $status without faults: $(cat "$fault_logs/$name.count.err")"
    continue
  fi
  total=$(sed -n 's/^total //p' "$work/$name.count")
  echo "$name: $total fault points: $(shim_counts "$work/$name.count" | tr '\n' ' ')"
  shim_counts "$work/$name.count" >"$work/$name.ops"
  # And once just after the last call: all done, but not yet said.
  echo "after $total" >>"$work/$name.ops"
  while read -r op count <&3; do
    k=1
    [ "$op" = after ] && k=$count
    while [ "$k" -le "$count" ]; do
      # Each point is named by the call and the file it was on.
      where=$(sed -n "s|^$op $k $work/||p" "$work/$name.trace")
      point="$name $op:$k${where:+ on $where}"
      log="$fault_logs/$name-$op-$k"
      fresh
      if [ "$op" = after ]; then
        scenario "$name" "$log" CERTWIZ_FAULT_KILL="any:$k:after"
      else
        scenario "$name" "$log" CERTWIZ_FAULT_KILL="$op:$k"
      fi
      points=$((points + 1))
      if [ "$status" -ne 137 ]; then
        fail "$point: not killed (exit $status): $(cat "$log.err")"
      fi
      check_store "$s" "$point"
      keys_kept "$point" "$name" count
      outputs_ok "$point" "$name"
      if [ "$name" = import-answer ]; then answer_ok "$point"; fi
      # The next change of the store clears what the kill left in tmp/:
      # an import run again (it takes the lock before anything else),
      # else a new request.
      case $name in
        import-*) retry_ok "$point" "$name" ;;
        *) next_change "$point" "$name"
           retry_ok "$point" "$name" ;;
      esac
      tmp_cleared "$point"
      k=$((k + 1))
    done
  done 3<"$work/$name.ops"
done
elapsed=$(($(date +%s) - started))

# A backup answering a request installs through that request's entry in
# one move: never the key in both places, never a request left pending.
[ "$both" -eq 0 ] ||
  fail "$both kill(s) left the restored key both in certs/ and in the answered pending request"
[ "$both_after" -eq 0 ] || {
  fail "run again, the answered request stayed pending $both_after time(s):"
  sed 's/^/  /' "$work/both"
}
[ "$out_leftovers" -eq 0 ] || {
  echo "note: $out_leftovers temporary file(s) left in the output folder by a kill:"
  sed 's/^/  /' "$work/leftovers"
}
keep_key_lines "$s"/*/*/key.pem
check_secrets "crash runs" "$fault_logs"
if [ "$failures" -eq 0 ]; then consistent=yes; else consistent=no; fi
echo "($elapsed s)"
echo "fault points tried: $points, store consistent after all: $consistent"
fault_summary "$points" "$points"
finish
