# Shared set-up of the shell tests: a private work folder and store, and
# small assertions.  Sourced by each test; $CERTWIZ and $OPENSSL come from
# the test environment (Makefile.am).
# Sourced once: a test that needs two libraries built on this one
# (the daemons' and the terminal's) shares one work folder.
[ -n "${cw_cli_lib_loaded:-}" ] && return 0
cw_cli_lib_loaded=yes
set -u

: "${CERTWIZ:?run through make check}"
: "${OPENSSL:=openssl}"

work=$(mktemp -d "${TMPDIR:-/tmp}/certwiz-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
export CERTWIZ_STORE="$work/store"
export HOME="$work/home"
mkdir -p "$HOME"
cd "$work"

failures=0

fail() {
  printf 'FAIL: %s\n' "$*" >&2
  failures=$((failures + 1))
}

ok() {
  printf 'ok: %s\n' "$*"
}

# run EXPECTED_STATUS CMD...: runs CMD, keeps its output in $work/out and
# $work/err, and checks its exit status.
run() {
  expected=$1
  shift
  set +e
  "$@" >"$work/out" 2>"$work/err"
  status=$?
  set -e
  if [ "$status" -ne "$expected" ]; then
    fail "'$*' exited $status, not $expected"
    sed 's/^/  stderr: /' "$work/err" >&2
    return 0
  fi
}

# expect_in FILE TEXT [WHAT]: FILE contains TEXT (fixed string).
expect_in() {
  if grep -qF -- "$2" "$1"; then ok "${3:-$2}"; else
    fail "${3:-expected} \"$2\" in $(basename "$1")"
    sed 's/^/  | /' "$1" >&2
  fi
}

expect_not_in() {
  if grep -qF -- "$2" "$1"; then
    fail "${3:-unexpected} \"$2\" in $(basename "$1")"
    sed 's/^/  | /' "$1" >&2
  else ok "${3:-no $2}"; fi
}

expect_eq() {
  if [ "$1" = "$2" ]; then ok "${3:-$2}"; else
    fail "${3:-value}: got \"$1\", expected \"$2\""
  fi
}

mode_of() {
  stat -c '%a' "$1"
}

finish() {
  if [ "$failures" -ne 0 ]; then
    printf '%d check(s) failed\n' "$failures" >&2
    exit 1
  fi
  exit 0
}

set -e

# locale_tree LANG...: compiles the project's catalogs of LANG into
# $work/locale and points certwiz at it (CERTWIZ_LOCALEDIR), so the tests
# see translations without an installation.
locale_tree() {
  for l in "$@"; do
    mkdir -p "$work/locale/$l/LC_MESSAGES"
    msgfmt -o "$work/locale/$l/LC_MESSAGES/certwiz.mo" \
      "$top_srcdir/po/$l.po" || fail "po/$l.po does not compile"
  done
  CERTWIZ_LOCALEDIR="$work/locale"
  export CERTWIZ_LOCALEDIR
}
