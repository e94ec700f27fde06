# Terminal tests: the real program in a private tmux server, driven with
# send-keys and read with capture-pane.  They skip (77) without tmux.
TUI_TESTS = \
  tests/tui/alabel.sh \
  tests/tui/big.sh \
  tests/tui/browse.sh \
  tests/tui/browse_chain.sh \
  tests/tui/draft.sh \
  tests/tui/fields.sh \
  tests/tui/finding_cut.sh \
  tests/tui/first_run.sh \
  tests/tui/focus_error.sh \
  tests/tui/import.sh \
  tests/tui/keys.sh \
  tests/tui/languages.sh \
  tests/tui/linux_field.sh \
  tests/tui/locale_c.sh \
  tests/tui/looks.sh \
  tests/tui/menu.sh \
  tests/tui/names_list.sh \
  tests/tui/progress.sh \
  tests/tui/request.sh \
  tests/tui/scroll.sh \
  tests/tui/small.sh \
  tests/tui/terminal.sh \
  tests/tui/token.sh \
  tests/tui/token_key.sh

TESTS += $(TUI_TESTS)
EXTRA_DIST += $(TUI_TESTS) tests/tui/lib.sh
