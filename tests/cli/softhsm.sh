# A real PKCS#11 token for the tests: SoftHSM2, its tokens in the test's
# own folder ($work), never the machine's.  Sourced after tests/cli/lib.sh.
#   softhsm_token LABEL   skip (77) when the tools are missing; else a new
#                         token LABEL with the user PIN 1234, SOFTHSM2_CONF
#                         exported, and $token its URI
softhsm_token() {
  for tool in softhsm2-util p11tool; do
    command -v "$tool" >/dev/null 2>&1 ||
      { echo "SKIP: $tool is missing (./quickstart installs it)"; exit 77; }
  done
  mkdir -p "$work/tokens"
  cat >"$work/softhsm2.conf" <<CONF
directories.tokendir = $work/tokens
objectstore.backend = file
log.level = ERROR
CONF
  SOFTHSM2_CONF="$work/softhsm2.conf"
  export SOFTHSM2_CONF
  softhsm2-util --init-token --free --label "$1" --pin 1234 \
    --so-pin 87654321 >/dev/null
  token="pkcs11:token=$1"
}
