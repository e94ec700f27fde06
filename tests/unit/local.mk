# libcheck unit tests of the core; each program is one area.
UNIT_TESTS = \
  tests/unit/check_acme \
  tests/unit/check_browser \
  tests/unit/check_certscan \
  tests/unit/check_chain \
  tests/unit/check_import_ui \
  tests/unit/check_key \
  tests/unit/check_loop \
  tests/unit/check_match \
  tests/unit/check_password \
  tests/unit/check_pkcs12 \
  tests/unit/check_request \
  tests/unit/check_san \
  tests/unit/check_services_conf \
  tests/unit/check_services_mail \
  tests/unit/check_services_systemd \
  tests/unit/check_services_verify \
  tests/unit/check_store \
  tests/unit/check_subject \
  tests/unit/check_token \
  tests/unit/check_ui \
  tests/unit/check_wizard

# The runner and the temporary folder every unit test shares.
check_LIBRARIES = tests/unit/libunit.a
tests_unit_libunit_a_SOURCES = tests/unit/unit.c tests/unit/unit.h
tests_unit_libunit_a_CFLAGS = $(UNIT_CFLAGS)

check_PROGRAMS += $(UNIT_TESTS)
# Unit tests see every layer's headers.
UNIT_CPPFLAGS = $(FORMS_CPPFLAGS)
TESTS += $(UNIT_TESTS)

tests_unit_check_certscan_SOURCES = tests/unit/check_certscan.c
tests_unit_check_certscan_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_certscan_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_certscan_LDADD = $(UNIT_LIBS)

tests_unit_check_request_SOURCES = tests/unit/check_request.c
tests_unit_check_request_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_request_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_request_LDADD = $(UNIT_LIBS)

tests_unit_check_san_SOURCES = tests/unit/check_san.c
tests_unit_check_san_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_san_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_san_LDADD = $(UNIT_LIBS)

tests_unit_check_store_SOURCES = tests/unit/check_store.c
tests_unit_check_store_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_store_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_store_LDADD = $(UNIT_LIBS)

tests_unit_check_subject_SOURCES = tests/unit/check_subject.c
tests_unit_check_subject_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_subject_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_subject_LDADD = $(UNIT_LIBS)

tests_unit_check_match_SOURCES = tests/unit/check_match.c
tests_unit_check_match_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_match_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_match_LDADD = $(UNIT_LIBS)

tests_unit_check_chain_SOURCES = tests/unit/check_chain.c
tests_unit_check_chain_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_chain_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_chain_LDADD = $(UNIT_LIBS)

tests_unit_check_password_SOURCES = tests/unit/check_password.c
tests_unit_check_password_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_password_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_password_LDADD = $(UNIT_LIBS)

tests_unit_check_pkcs12_SOURCES = tests/unit/check_pkcs12.c
tests_unit_check_pkcs12_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_pkcs12_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_pkcs12_LDADD = $(UNIT_LIBS)

tests_unit_check_wizard_SOURCES = tests/unit/check_wizard.c
tests_unit_check_wizard_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_wizard_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_wizard_LDADD = $(UNIT_LIBS)

tests_unit_check_ui_SOURCES = tests/unit/check_ui.c
tests_unit_check_ui_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_ui_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_ui_LDADD = $(UNIT_LIBS)

tests_unit_check_import_ui_SOURCES = tests/unit/check_import_ui.c
tests_unit_check_import_ui_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_import_ui_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_import_ui_LDADD = $(UNIT_LIBS)

tests_unit_check_browser_SOURCES = tests/unit/check_browser.c
tests_unit_check_browser_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_browser_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_browser_LDADD = $(UNIT_LIBS)

tests_unit_check_acme_SOURCES = tests/unit/check_acme.c
tests_unit_check_acme_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_acme_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_acme_LDADD = $(UNIT_LIBS)

tests_unit_check_key_SOURCES = tests/unit/check_key.c
tests_unit_check_key_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_key_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_key_LDADD = $(UNIT_LIBS)

tests_unit_check_token_SOURCES = tests/unit/check_token.c
tests_unit_check_token_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_token_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_token_LDADD = $(UNIT_LIBS)
# The configuration tests share their round trips and diffs.
tests_unit_check_services_conf_SOURCES = tests/unit/check_services_conf.c \
  tests/unit/conf_util.c tests/unit/conf_util.h
tests_unit_check_services_conf_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_services_conf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_services_conf_LDADD = $(UNIT_LIBS)

tests_unit_check_services_mail_SOURCES = tests/unit/check_services_mail.c \
  tests/unit/conf_util.c tests/unit/conf_util.h
tests_unit_check_services_mail_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_services_mail_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_services_mail_LDADD = $(UNIT_LIBS)

tests_unit_check_services_systemd_SOURCES = \
  tests/unit/check_services_systemd.c
tests_unit_check_services_systemd_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_services_systemd_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_services_systemd_LDADD = $(UNIT_LIBS)

tests_unit_check_services_verify_SOURCES = tests/unit/check_services_verify.c
tests_unit_check_services_verify_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_services_verify_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_services_verify_LDADD = $(UNIT_LIBS)

tests_unit_check_loop_SOURCES = tests/unit/check_loop.c
tests_unit_check_loop_CPPFLAGS = $(UNIT_CPPFLAGS)
tests_unit_check_loop_CFLAGS = $(UNIT_CFLAGS)
tests_unit_check_loop_LDADD = $(UNIT_LIBS)
