# Shared set-up of the terminal tests: the real certwiz runs in a private
# tmux server, keys are sent with send-keys and the screen is read with
# capture-pane, as tig's tests do.  Sourced by each test after
# tests/cli/lib.sh's private work folder and store ($work, $CERTWIZ_STORE)
# and assertions (ok, fail, expect_in, expect_not_in, expect_eq, run).
#
#   tui_start [ENV=VALUE...]   start certwiz in a fresh session of
#                              $tui_cols x $tui_lines (80x24 unless set)
#   tui_start_in_shell [...]   the same, in a shell that then prints
#                              "EXITED:<status> TTY:[icanon echo]"
#   tui_stop                   end certwiz with SIGHUP (a dropped
#                              connection) and wait until it has ended
#   send KEY...                named keys: Enter Tab BTab Escape F1 Up ...
#   type TEXT                  literal text (UTF-8 as is)
#   keys_read [SECONDS]        until certwiz has read every key sent
#   screen                     the screen as text
#   screen_sgr                 the screen with its SGR escape sequences
#   wait_for TEXT [SECONDS]    until TEXT shows; else fails, shows the
#                              screen and ends the test
#   wait_gone TEXT [SECONDS]   until TEXT no longer shows
#   wait_row ROW TEXT [SECONDS] until row ROW (from 1) holds TEXT
#   poll_for TEXT [SECONDS]    as wait_for, but only returns 0 or 1
#   expect_screen TEXT [WHAT], expect_no_screen TEXT [WHAT]
#   wait_words TEXT [SECONDS], expect_words TEXT [WHAT]
#                              the same with runs of blanks counted as
#                              one: a label and its value, whatever the
#                              columns between them
#   expect_no_color [WHAT], expect_sgr PARAM WHAT
#   box_text TITLE             the text of the dialog box titled TITLE
#   cursor                     "ROW,COLUMN" of the cursor, or "hidden"
#   expect_cursor PATTERN WHAT until the cursor matches PATTERN
#   resize COLS LINES
#   tui_pid                    certwiz's process id
#   wait_exit [SECONDS]        until certwiz ended; sets $exit_status
#                              and $exit_signal
#   process_alive PID          PID runs (not ended, not a zombie)
#
# Timeouts default to $TUI_TIMEOUT (5 s): waits poll every 0.1 s and
# return as soon as the screen is right, so a slow build (sanitizers)
# only needs a larger TUI_TIMEOUT, never longer sleeps.

if ! command -v tmux >/dev/null 2>&1; then
  echo "SKIP: tmux is not installed"
  exit 77
fi

. "${top_srcdir}/tests/cli/lib.sh"

# Not the user's tmux, whatever the environment says.
unset TMUX TMUX_PANE
# One server per tui_start, each on its own socket: a new server never
# meets the previous one while it shuts down.
tui_run=0
tui_socket="certwiz-test-$$-$tui_run"
tui_cols=80
tui_lines=24
tui_in_shell=no
: "${TUI_TIMEOUT:=5}"
# Every sanitizer report of every certwiz started here lands in files
# that finish looks at, even from a run whose exit status is not checked.
tui_sanlog="$work/sanitizer"

tm() {
  tmux -u -L "$tui_socket" -f /dev/null "$@"
}

# process_alive PID: PID runs (a zombie has ended; kill -0 says it lives).
process_alive() {
  if [ -r "/proc/$1/stat" ]; then
    [ "$(sed 's/.*) //' "/proc/$1/stat" | cut -c1)" != Z ]
  else
    kill -0 "$1" 2>/dev/null
  fi
}

# tui_stop: ends the tmux server.  certwiz gets SIGHUP, as on a dropped
# connection, and may save a draft: wait for it to end, so that nothing
# writes to the store afterwards.
tui_stop() {
  _tui_pids=$(tm list-panes -a -F '#{pane_pid}' 2>/dev/null || true)
  server=$(tm display-message -p '#{pid}' 2>/dev/null || true)
  [ -s "$work/tui.pid" ] && _tui_pids="$_tui_pids $(cat "$work/tui.pid")"
  tm kill-server >/dev/null 2>&1 || true
  for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    alive=
    for pid in $_tui_pids $server; do
      process_alive "$pid" && alive=yes
    done
    [ -z "$alive" ] && break
    sleep 0.1
  done
  # tmux leaves its socket behind (also when the last session ended by
  # itself); each start has its own, so remove it once no server answers.
  socket="${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$tui_socket"
  if [ -S "$socket" ] && ! tm list-sessions >/dev/null 2>&1; then
    rm -f "$socket"
  fi
  rm -f "$work/tui.pid"
}

trap 'tui_stop; rm -rf "$work"' EXIT
trap 'exit 130' HUP INT TERM

# ------------------------------------------------------------- starting

# tui_new [ENV=VALUE...] COMMAND...: a new server and session running
# COMMAND in $work with the fixed environment, changed by any ENV=VALUE.
tui_new() {
  tui_stop
  tui_in_shell=no
  tui_run=$((tui_run + 1))
  tui_socket="certwiz-test-$$-$tui_run"
  # One command list: remain-on-exit is set before the program can end.
  tm start-server \; \
    set-option -g remain-on-exit on \; \
    set-option -g status off \; \
    set-option -g history-limit 0 \; \
    new-session -d -s tui -x "$tui_cols" -y "$tui_lines" -c "$work" -- \
    env -i PATH="$PATH" HOME="$HOME" TERM=screen \
    LANG=C.UTF-8 LC_ALL=C.UTF-8 LANGUAGE= TZ=UTC \
    CERTWIZ_STORE="$CERTWIZ_STORE" \
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}log_path=$tui_sanlog" \
    UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}log_path=$tui_sanlog" \
    LSAN_OPTIONS="${LSAN_OPTIONS:-}" \
    "$@"
}

# tui_start [ENV=VALUE...]: certwiz itself is the pane's process.
tui_start() {
  tui_new "$@" "$CERTWIZ"
}

# tui_start_in_shell [ENV=VALUE...]: certwiz runs in a shell that, once
# it ends, prints how it ended and whether the terminal is usable again
# (stty's echo and icanon: "-echo" when certwiz left it raw), then waits
# to be killed: a dead pane's "Pane is dead" line would scroll the screen.
tui_start_in_shell() {
  cat >"$work/tui-shell.sh" <<'EOF'
pidfile=$1
shift
sh -c 'echo $$ >"$0"; exec "$@"' "$pidfile" "$@"
status=$?
modes=$(stty -a | tr ' ;' '\n\n' |
  grep -x -e '-\{0,1\}echo' -e '-\{0,1\}icanon' | tr '\n' ' ' | sed 's/ $//')
printf 'EXITED:%s TTY:[%s]\n' "$status" "$modes"
echo "$status" >"$pidfile.status"
exec sleep 3600
EOF
  rm -f "$work/tui.pid.status"
  tui_new "$@" sh "$work/tui-shell.sh" "$work/tui.pid" "$CERTWIZ"
  tui_in_shell=yes
}

# ------------------------------------------------------------- keys

send() {
  tm send-keys -t tui "$@"
}

type() {
  tm send-keys -t tui -l -- "$1"
}

# keys_read [SECONDS]: until certwiz has read every key sent, that is
# until the terminal's input queue is empty (FIONREAD on the pane's tty;
# ncurses reads a byte at a time).  For keys with nothing to show, such
# as those typed while the terminal is too small.  perl is in every
# Debian (perl-base); without it, a short pause has to do.
keys_read() {
  tty=$(tm display-message -p -t tui '#{pane_tty}')
  if ! command -v perl >/dev/null 2>&1; then
    sleep 0.5
    return 0
  fi
  tries=$(awk "BEGIN { print int(${1:-$TUI_TIMEOUT} * 10) }")
  while :; do
    queued=$(perl -e 'use Fcntl;
      sysopen(my $t, $ARGV[0], O_RDONLY | O_NOCTTY | O_NONBLOCK) or die;
      my $n = pack("L", 0);
      ioctl($t, 0x541B, $n) or die;    # FIONREAD on Linux
      print unpack("L", $n);' "$tty" 2>/dev/null) || queued=unknown
    case $queued in
      0) return 0 ;;
      unknown) sleep 0.5; return 0 ;;
    esac
    if [ "$tries" -le 0 ]; then
      fail "certwiz did not read its keys within ${1:-$TUI_TIMEOUT} s"
      return 0
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
}

# ------------------------------------------------------------- screen

screen() {
  tm capture-pane -p -t tui
}

screen_sgr() {
  tm capture-pane -p -e -t tui
}

# With tui_words=yes, runs of blanks count as one, in the screen and in
# TEXT: for a label and its value, whatever the columns between them.
tui_words=no

poll_for() {
  tries=$(awk "BEGIN { print int(${2:-$TUI_TIMEOUT} * 10) }")
  needle=$1
  [ "$tui_words" = yes ] && needle=$(printf '%s\n' "$1" | tr -s ' ')
  while :; do
    if [ "$tui_words" = yes ]; then
      screen 2>/dev/null | tr -s ' ' >"$work/screen" || true
    else
      screen >"$work/screen" 2>/dev/null || true
    fi
    grep -qF -- "$needle" "$work/screen" && return 0
    [ "$tries" -le 0 ] && return 1
    tries=$((tries - 1))
    sleep 0.1
  done
}

show_screen() {
  echo "  screen:" >&2
  screen 2>/dev/null | sed 's/^/  |/' >&2
}

# wait_for TEXT [SECONDS]: the rest of a test makes no sense when a
# screen never came, so a timeout ends the test.
wait_for() {
  if poll_for "$@"; then return 0; fi
  fail "timed out after ${2:-$TUI_TIMEOUT} s waiting for \"$1\""
  show_screen
  finish
}

# wait_row ROW TEXT [SECONDS]: until row ROW (from 1) holds TEXT; for a
# change that leaves TEXT elsewhere on the screen (a resize).
wait_row() {
  tries=$(awk "BEGIN { print int(${3:-$TUI_TIMEOUT} * 10) }")
  while :; do
    screen 2>/dev/null | sed -n "$1p" >"$work/row" || true
    grep -qF -- "$2" "$work/row" && return 0
    if [ "$tries" -le 0 ]; then
      fail "timed out after ${3:-$TUI_TIMEOUT} s waiting for \"$2\" on row $1"
      show_screen
      finish
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
}

wait_gone() {
  tries=$(awk "BEGIN { print int(${2:-$TUI_TIMEOUT} * 10) }")
  while :; do
    screen >"$work/screen" 2>/dev/null || true
    grep -qF -- "$1" "$work/screen" || return 0
    if [ "$tries" -le 0 ]; then
      fail "timed out after ${2:-$TUI_TIMEOUT} s waiting for \"$1\" to go"
      show_screen
      finish
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
}

# The checks give the screen $TUI_SETTLE seconds (1) to settle, as tmux
# may have read only part of a redraw; right ones return at once.
expect_screen() {
  poll_for "$1" "${TUI_SETTLE:-1}" || true
  expect_in "$work/screen" "$1" "${2:-screen shows \"$1\"}"
}

# wait_words TEXT [SECONDS], expect_words TEXT [WHAT]: as wait_for and
# expect_screen, with runs of blanks counted as one.
wait_words() {
  tui_words=yes
  if poll_for "$@"; then tui_words=no; return 0; fi
  tui_words=no
  fail "timed out after ${2:-$TUI_TIMEOUT} s waiting for \"$1\""
  show_screen
  finish
}

expect_words() {
  tui_words=yes
  poll_for "$1" "${TUI_SETTLE:-1}" || true
  tui_words=no
  expect_in "$work/screen" "$(printf '%s\n' "$1" | tr -s ' ')" \
    "${2:-screen shows \"$1\"}"
}

expect_no_screen() {
  tries=$(awk "BEGIN { print int(${TUI_SETTLE:-1} * 10) }")
  while screen >"$work/screen" && grep -qF -- "$1" "$work/screen" &&
    [ "$tries" -gt 0 ]; do
    tries=$((tries - 1))
    sleep 0.1
  done
  expect_not_in "$work/screen" "$1" "${2:-screen does not show \"$1\"}"
}

esc=$(printf '\033')

# The numeric SGR parameters the screen uses, one a line.
sgr_params() {
  screen_sgr | grep -o "$esc\\[[0-9;]*m" | sed "s/^$esc\\[//; s/m\$//" |
    tr ';' '\n' | sed 's/^$/0/'
}

# No foreground or background color: 30-38, 40-48, 90-97, 100-107.  The
# defaults, 39 and 49, are what tmux writes to reset, and allowed.
expect_no_color() {
  colors=$(sgr_params | grep -x -e '3[0-8]' -e '4[0-8]' -e '9[0-7]' \
    -e '10[0-7]' | sort -u | tr '\n' ' ')
  if [ -z "$colors" ]; then ok "${1:-no color on the screen}"; else
    fail "${1:-no color}: SGR color codes $colors"
    screen_sgr | sed "s/$esc/\\\\e/g; s/^/  |/" >&2
  fi
}

# expect_sgr PARAM WHAT: the screen uses the attribute PARAM (1 bold,
# 7 reverse...).
expect_sgr() {
  if sgr_params | grep -qx -- "$1"; then ok "$2"; else
    fail "$2: no SGR $1 on the screen"
    screen_sgr | sed "s/$esc/\\\\e/g; s/^/  |/" >&2
  fi
}

# box_text TITLE: the text inside the dialog box whose top border holds
# TITLE, its lines joined with single blanks (wrapping may fall anywhere).
box_text() {
  screen | awk -v title="$1" '
    !inbox && index($0, title) { inbox = 1; next }
    inbox && (/└/ || /^ *\+-/) { exit }
    inbox {
      bar = index($0, "│") ? "│" : "|"
      if (split($0, part, bar) >= 3) printf "%s ", part[2]
    }' | tr -s ' ' | sed 's/^ //; s/ $//'
}

# cursor: where the terminal's cursor is, "ROW,COLUMN" from 0, or
# "hidden".
cursor() {
  tm display-message -p -t tui \
    '#{?cursor_flag,#{cursor_y}#,#{cursor_x},hidden}'
}

# expect_cursor PATTERN WHAT: the cursor comes to PATTERN (a case
# pattern: "hidden", "4,*" for row 4) within $TUI_SETTLE seconds; the
# cursor is the only sign of some moves, so this is how to wait for them.
expect_cursor() {
  tries=$(awk "BEGIN { print int(${TUI_SETTLE:-1} * 10) }")
  while :; do
    at=$(cursor)
    # shellcheck disable=SC2254
    case $at in
      $1) ok "$2"; return 0 ;;
    esac
    if [ "$tries" -le 0 ]; then
      fail "$2: the cursor is at $at, not $1"
      return 0
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
}

# ------------------------------------------------------------- window

resize() {
  tm resize-window -t tui -x "$1" -y "$2"
}

# ------------------------------------------------------------- process

tui_pid() {
  if [ "$tui_in_shell" = yes ]; then
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -s "$work/tui.pid" ] && break
      sleep 0.1
    done
    cat "$work/tui.pid"
  else
    tm display-message -p -t tui '#{pane_pid}'
  fi
}

# wait_exit [SECONDS]: certwiz ended; $exit_status is its exit status
# (empty when a signal ended it) and $exit_signal the signal (else empty).
wait_exit() {
  tries=$(awk "BEGIN { print int(${1:-$TUI_TIMEOUT} * 10) }")
  while :; do
    if [ "$tui_in_shell" = yes ]; then
      if [ -s "$work/tui.pid.status" ]; then
        exit_status=$(cat "$work/tui.pid.status") exit_signal=
        if [ "$exit_status" -gt 128 ]; then
          exit_signal=$((exit_status - 128)) exit_status=
        fi
        return 0
      fi
    else
      # The pane is dead once its terminal is closed, which may be before
      # tmux has the status.  tmux 3.3a sometimes misses the SIGCHLD
      # altogether and leaves the process a zombie without a status: a
      # SIGCHLD sent by hand makes it reap (its handler loops on waitpid).
      ended=$(tm display-message -p -t tui \
        '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}')
      case $ended in
        1:?*:* | 1:*:?*)
          exit_status=$(echo "$ended" | cut -d: -f2)
          exit_signal=$(echo "$ended" | cut -d: -f3)
          return 0 ;;
        1::)
          kill -CHLD "$(tm display-message -p '#{pid}')" 2>/dev/null || true ;;
      esac
    fi
    if [ "$tries" -le 0 ]; then
      fail "certwiz did not end within ${1:-$TUI_TIMEOUT} s"
      show_screen
      finish
    fi
    tries=$((tries - 1))
    sleep 0.1
  done
}

# ------------------------------------------------------------- the end

# As tests/cli/lib.sh's, and a sanitizer report from any certwiz run
# here is a failure too.
finish() {
  for log in "$tui_sanlog".*; do
    [ -f "$log" ] || continue
    fail "sanitizer report from certwiz ($(basename "$log"))"
    sed 's/^/  | /' "$log" >&2
  done
  if [ "$failures" -ne 0 ]; then
    printf '%d check(s) failed\n' "$failures" >&2
    exit 1
  fi
  exit 0
}
