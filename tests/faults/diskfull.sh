#!/bin/sh
# Issue #7, a full disk and I/O errors: request (replacing a file with
# --force), import (a CA's answer, a backup, the intermediate that
# completes an installed certificate's chain, a second certificate for an
# installed certificate's key) and export (replacing a
# backup with --force), with each call that changes a file of the store
# or of the output folder failing in turn, with ENOSPC (from that call
# on, as a full disk stays full) and with EIO (that call only).  Each
# time certwiz exits 3 with a [code], says why, and leaves the store and
# the file it would replace byte for byte as they were, with no
# temporary file anywhere.  A request whose key is already kept when its
# file cannot be written says so: its entry is then the one change.
. "${top_srcdir}/tests/cli/lib.sh"
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/faults/lib.sh"

fault_scene "Disk Full Horse 3"
chmod 600 "$in/pw"
fault_passwords=$password

# ---------------------------------------------------------------- the store
run 0 "$CERTWIZ" --store "$base" request --key p256 --out "$in/p1.req" \
  --subject "C=US, O=Contoso Corp, CN=p1.contoso.com"
sign_request "$in/p1.req" "$in/p1.pem"
make_chain "$in/p1.pem" "$in/p1.crt"
run 0 "$CERTWIZ" --store "$base" request --key p256 --out "$in/c1.req" \
  --subject "C=US, O=Contoso Corp, CN=c1.contoso.com"
sign_request "$in/c1.req" "$in/c1.pem"
run 0 "$CERTWIZ" --store "$base" import "$in/c1.pem"
c1=$(thumbprint_of "$in/c1.pem")
sleep 1
sign_request "$in/c1.req" "$in/c1b.pem"
run 0 "$CERTWIZ" --store "$base" export "$c1" --out "$in/old.pfx" \
  --password-file "$in/pw"
# A backup to restore, made elsewhere by openssl (few iterations: fast).
run 0 "$CERTWIZ" --store "$work/side" request --key p256 --out "$in/q.req" \
  --subject "C=US, O=Contoso Corp, CN=q.contoso.com"
sign_request "$in/q.req" "$in/q.pem"
run 0 "$CERTWIZ" --store "$work/side" import "$in/q.pem"
"$OPENSSL" pkcs12 -export -name q -passout file:"$in/pw" \
  -inkey "$work/side/certs/$(thumbprint_of "$in/q.pem")/key.pem" \
  -in "$in/q.pem" -certfile "$ca_inter" -out "$in/q.pfx"
printf 'a request the user keeps\n' >"$in/old.req"
check_store "$base" "the store before any fault"
store_state "$base" >"$work/base.state"
keep_key_lines "$base"/*/*/key.pem "$work"/side/*/*/key.pem
pending_before=$(ls "$base/pending" | wc -l)

fresh() {
  rm -rf "$s" "$fault_out"
  cp -a "$base" "$s"
  mkdir -p "$fault_out"
  cp -p "$in/old.req" "$in/old.pfx" "$fault_out/"
}

# scenario NAME LOG [VAR=VALUE...]
scenario() {
  _name=$1 _slog=$2
  shift 2
  set -- "$@" CERTWIZ_FAULT_DIRS="$s:$fault_out" "$CERTWIZ" --store "$s"
  case $_name in
    request) shim_run "$_slog" "$@" request --key p256 --out old.req \
      --force --subject "C=US, O=Contoso Corp, CN=new.contoso.com" ;;
    import-answer) shim_run "$_slog" "$@" import "$in/p1.crt" ;;
    import-backup) shim_run "$_slog" "$@" import "$in/q.pfx" \
      --password-file "$in/pw" ;;
    import-chain) shim_run "$_slog" "$@" import "$ca_inter" ;;
    import-shared) shim_run "$_slog" "$@" import "$in/c1b.pem" ;;
    export) shim_run "$_slog" "$@" export "$c1" --out old.pfx --force \
      --password-file "$in/pw" ;;
  esac
}

# after_failure WHAT NAME LOG ERRNO-TEXT
after_failure() {
  if [ "$status" -ne 3 ]; then
    fail "$1: exits $status, not 3: $(cat "$3.err")"
  fi
  codes=$(codes_of "$3.err" | tr '\n' ' ')
  [ -n "$codes" ] || fail "$1: no [code] in: $(cat "$3.err")"
  grep -q "^certwiz: error: .*$4" "$3.err" ||
    fail "$1: the error does not say \"$4\": $(cat "$3.err")"
  # Where the failed call was: the store, or the output folder.
  where=$(sed -n 's/^FAIL [a-z0-9]* [0-9]* //p' "$3.trace" | head -n 1)
  in_out=no
  case $where in "$fault_out" | "$fault_out"/*) in_out=yes ;; esac
  if [ "$2" = request ] && [ "$in_out" = yes ]; then
    # The key was kept before the file was written: one new entry,
    # whole, which the error points to.
    expect_code="out-write"
    check_store "$s" "$1"
    n=$(ls "$s/pending" | wc -l)
    [ "$n" -eq $((pending_before + 1)) ] ||
      fail "$1: $n pending entries, not $((pending_before + 1))"
    grep -q "copy the request from \"$s/pending/" "$3.err" ||
      fail "$1: the error does not say where the kept request is"
    kept_only=$((kept_only + 1))
  else
    expect_code=
    store_state "$s" >"$work/state.now"
    cmp -s "$work/base.state" "$work/state.now" || {
      fail "$1: the store changed"
      diff "$work/base.state" "$work/state.now" | sed 's/^/  | /' >&2
    }
  fi
  if [ -n "$expect_code" ]; then
    case " $codes" in
      *" $expect_code "*) ;;
      *) fail "$1: [$expect_code] expected, got: $codes" ;;
    esac
  fi
  cmp -s "$fault_out/old.req" "$in/old.req" ||
    fail "$1: old.req changed"
  cmp -s "$fault_out/old.pfx" "$in/old.pfx" ||
    fail "$1: old.pfx changed"
  left=$(cd "$fault_out" && ls -A | grep -v -x -e old.req -e old.pfx || true)
  [ -z "$left" ] || fail "$1: left in the output folder: $left"
  left=$(ls -A "$s/tmp")
  [ -z "$left" ] || fail "$1: left in tmp/: $left"
  return 0
}

points=0 injected=0 kept_only=0
started=$(date +%s)
for name in request import-answer import-backup import-chain import-shared export; do
  fresh
  scenario "$name" "$fault_logs/$name.count" \
    CERTWIZ_FAULT_COUNT="$work/$name.count"
  if [ "$status" -ne 0 ]; then
    fail "$name: exits $status without faults: $(cat "$fault_logs/$name.count.err")"
    continue
  fi
  # Removing a file cannot fill a disk; a failing unlink is another
  # story (it leaves what it could not remove).
  shim_counts "$work/$name.count" | grep -v '^unlink' >"$work/$name.ops" || true
  echo "$name: $(tr '\n' ' ' <"$work/$name.ops")"
  while read -r op count <&3; do
    k=1
    while [ "$k" -le "$count" ]; do
      points=$((points + 1))
      # A full disk stays full for the calls that need room; a rename
      # or a link that fails once is not retried by anyone.
      case $op in
        rename* | link*) enospc="$k:ENOSPC" ;;
        *) enospc="$k+:ENOSPC" ;;
      esac
      for fault in "$enospc" "$k:EIO"; do
        case $fault in
          *ENOSPC) text="No space left on device" ;;
          *) text="Input/output error" ;;
        esac
        log="$fault_logs/$name-$op-$k-${fault#*:}"
        fresh
        rm -f "$log.trace"
        scenario "$name" "$log" CERTWIZ_FAULT_FAIL="$op:$fault" \
          CERTWIZ_FAULT_TRACE="$log.trace"
        injected=$((injected + 1))
        after_failure "$name $op:$fault" "$name" "$log" "$text"
      done
      k=$((k + 1))
    done
  done 3<"$work/$name.ops"
done
elapsed=$(($(date +%s) - started))

echo "$kept_only failure(s) of the request file left its key kept in the store, as designed"
keep_key_lines "$s"/*/*/key.pem
check_secrets "disk full runs" "$fault_logs"
echo "($elapsed s)"
fault_summary "$points" "$injected"
finish
