# Real, throwaway TLS daemons for the tests: Postfix, Dovecot, nginx,
# Apache and HAProxy from Debian's packages, each with its own
# configuration, state and pid files under $work/svc/NAME, on 127.0.0.1
# high ports, serving the key and chain it is given.  Each start waits
# for its port by polling, within a bound.  Every daemon started is
# stopped by its pid when the test ends, however it ends (trap); never
# by name.  Sourced by each test after nothing else.
#
#   svc_require_root WHY      skip (77) unless root
#   svc_require TOOL...       skip (77) when a daemon is not installed
#   svc_ports N               N free ports of 127.0.0.1 into $ports
#   start_nginx NAME PORT SITE...     SITE is "SERVER_NAME:CHAIN:KEY";
#   start_apache NAME PORT SITE...    the first is the default one
#   start_haproxy NAME PORT PEM...    PEM: key and chain in one file
#   start_dovecot NAME CHAIN KEY IMAP IMAPS POP3 POP3S
#   start_postfix NAME CHAIN KEY SMTP SMTPS   ($postfix_services: more
#                             master.cf entries, on $postfix_ports)
#   svc_stop NAME             stop one now
#   svc_check_none_left       stop all, then fail if a process of this
#                             test's folder or a port it used is left
. "${top_srcdir}/tests/cli/lib.sh"
# codes_of, the [code]s of certwiz's diagnostics.
. "${top_srcdir}/tests/cli/ca.sh"
. "${top_srcdir}/tests/services/ca.sh"

: "${TCPPORT:?run through make check}"
svc="$work/svc"
mkdir -p "$svc"
: >"$svc/registry"
# The daemons drop to their own users, which must reach their folders.
chmod 755 "$work" "$svc"

# Every daemon asked to stop at once, then each waited for: Dovecot
# takes seconds.
svc_stop_all() {
  [ -f "$svc/registry" ] || return 0
  _a_names=$(awk '{ print $1 }' "$svc/registry")
  for _a_name in $_a_names; do _svc_term "$_a_name"; done
  for _a_name in $_a_names; do _svc_reap "$_a_name"; done
}
trap 'svc_stop_all; rm -rf "$work"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 141' PIPE

svc_require_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "skipped: $1 needs root (CI runs as root)"
    exit 77
  fi
}

_svc_find() {
  for d in /usr/sbin /usr/lib/postfix/sbin /sbin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  command -v "$1" 2>/dev/null
}

svc_require() {
  for tool in "$@"; do
    _svc_find "$tool" >/dev/null || {
      echo "skipped: $tool is not installed (./quickstart installs it)"
      exit 77
    }
  done
}

svc_ports() {
  ports=$("$TCPPORT" free "$1")
}

# svc_register NAME PIDFILE PORT...: the daemon NAME runs as the pid its
# PIDFILE holds once it is up; the ports are checked when it stops.
svc_register() {
  echo "$*" >>"$svc/registry"
}

_svc_pid() {
  awk -v n="$1" '$1 == n { print $2 }' "$svc/registry" | tail -1 |
    xargs -r cat 2>/dev/null | awk 'NR == 1 { print $1 }'
}

_svc_alive() {
  [ -n "$1" ] && kill -0 "$1" 2>/dev/null &&
    ! grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null
}

# Waits for every port, at most BOUND ms each; on a failure, shows the
# daemon's log.
_svc_wait_ports() {
  _w_name=$1 _w_log=$2
  shift 2
  for _w_port in "$@"; do
    "$TCPPORT" open "$_w_port" 10000 || {
      fail "$_w_name did not open port $_w_port within 10 s"
      [ -f "$_w_log" ] && sed "s/^/  $_w_name log: /" "$_w_log" >&2
      return 1
    }
  done
}

# The daemon NAME is asked to stop; _svc_reap waits for it.  Its pid is
# kept aside: a daemon removes its pid file as it exits.
_svc_term() {
  _k_pid=$(_svc_pid "$1")
  echo "$_k_pid" >"$svc/stopping.$1"
  if _svc_alive "$_k_pid"; then
    kill -TERM "$_k_pid" 2>/dev/null || :
  fi
}

# Waits up to 10 s for NAME to stop, then kills it; it is never stopped
# twice.
_svc_reap() {
  _k_pid=$(cat "$svc/stopping.$1" 2>/dev/null || :)
  _k_i=0
  while _svc_alive "$_k_pid" && [ "$_k_i" -lt 200 ]; do
    sleep 0.05
    _k_i=$((_k_i + 1))
  done
  if _svc_alive "$_k_pid"; then
    kill -KILL "$_k_pid" 2>/dev/null || :
  fi
  awk -v n="$1" '$1 != n' "$svc/registry" >"$svc/registry.new" &&
    mv "$svc/registry.new" "$svc/registry"
  cat "$svc/ports.$1" >>"$svc/used-ports" 2>/dev/null || :
}

svc_stop() {
  _svc_term "$1"
  _svc_reap "$1"
}

svc_check_none_left() {
  svc_stop_all
  for _c_port in $(cat "$svc/used-ports" 2>/dev/null); do
    "$TCPPORT" closed "$_c_port" 5000 ||
      fail "port $_c_port still accepts connections after its daemon stopped"
  done
  _c_left=$(pgrep -f "$work" || :)
  if [ -n "$_c_left" ]; then
    fail "processes of $work are left: $(echo $_c_left)"
    ps -o pid,args -p "$(echo $_c_left | tr ' ' ,)" >&2 || :
  else
    ok "no daemon of this test is left"
  fi
}

_svc_dir() {
  _s_dir="$svc/$1"
  rm -rf "$_s_dir"
  mkdir -p "$_s_dir"
  chmod 755 "$_s_dir"
  shift
  echo "$*" >"$svc/ports.$(basename "$_s_dir")"
}

# ------------------------------------------------------------- nginx

start_nginx() {
  _s_name=$1 _s_port=$2
  shift 2
  _svc_dir "$_s_name" "$_s_port"
  {
    echo "pid $_s_dir/nginx.pid;"
    echo "error_log $_s_dir/error.log;"
    echo "worker_processes 1;"
    echo "events { worker_connections 64; }"
    echo "http {"
    echo "  access_log off;"
    for _s_t in client_body proxy fastcgi uwsgi scgi; do
      echo "  ${_s_t}_temp_path $_s_dir/$_s_t;"
    done
    _s_first=default_server
    for _s_site in "$@"; do
      IFS=: read -r _s_server _s_chain _s_key <<EOT
$_s_site
EOT
      echo "  server {"
      echo "    listen 127.0.0.1:$_s_port ssl $_s_first;"
      echo "    server_name $_s_server;"
      echo "    ssl_certificate $_s_chain;"
      echo "    ssl_certificate_key $_s_key;"
      echo "    location / { return 200 \"ok\\n\"; }"
      echo "  }"
      _s_first=
    done
    echo "}"
  } >"$_s_dir/nginx.conf"
  svc_register "$_s_name" "$_s_dir/nginx.pid"
  "$(_svc_find nginx)" -p "$_s_dir" -e "$_s_dir/error.log" \
    -c "$_s_dir/nginx.conf" \
    >"$_s_dir/start.out" 2>&1 || {
    fail "nginx $_s_name did not start"
    cat "$_s_dir/start.out" >&2
    return 1
  }
  _svc_wait_ports "$_s_name" "$_s_dir/error.log" "$_s_port"
}

# ------------------------------------------------------------ Apache

start_apache() {
  _s_name=$1 _s_port=$2
  shift 2
  _svc_dir "$_s_name" "$_s_port"
  _s_mods=/usr/lib/apache2/modules
  {
    echo "ServerRoot $_s_dir"
    echo "ServerName localhost"
    echo "Listen 127.0.0.1:$_s_port"
    echo "PidFile $_s_dir/apache.pid"
    echo "DefaultRuntimeDir $_s_dir"
    echo "Mutex file:$_s_dir default"
    echo "ErrorLog $_s_dir/error.log"
    echo "LogLevel warn"
    for _s_m in mpm_event authz_core socache_shmcb ssl; do
      echo "LoadModule ${_s_m}_module $_s_mods/mod_$_s_m.so"
    done
    echo "User nobody"
    echo "Group nogroup"
    echo "SSLSessionCache shmcb:$_s_dir/ssl_scache(512000)"
    echo "StartServers 1"
    echo "DocumentRoot $_s_dir"
    for _s_site in "$@"; do
      IFS=: read -r _s_server _s_chain _s_key <<EOT
$_s_site
EOT
      echo "<VirtualHost 127.0.0.1:$_s_port>"
      echo "  ServerName $_s_server"
      echo "  SSLEngine on"
      echo "  SSLCertificateFile $_s_chain"
      echo "  SSLCertificateKeyFile $_s_key"
      echo "</VirtualHost>"
    done
  } >"$_s_dir/httpd.conf"
  svc_register "$_s_name" "$_s_dir/apache.pid"
  "$(_svc_find apache2)" -f "$_s_dir/httpd.conf" -k start \
    >"$_s_dir/start.out" 2>&1 || {
    fail "apache $_s_name did not start"
    cat "$_s_dir/start.out" >&2
    return 1
  }
  _svc_wait_ports "$_s_name" "$_s_dir/error.log" "$_s_port"
}

# ----------------------------------------------------------- HAProxy

start_haproxy() {
  _s_name=$1 _s_port=$2
  shift 2
  _svc_dir "$_s_name" "$_s_port"
  _s_crts=
  for _s_pem in "$@"; do _s_crts="$_s_crts crt $_s_pem"; done
  cat >"$_s_dir/haproxy.cfg" <<EOT
global
    stats socket $_s_dir/admin.sock mode 600 level admin
    pidfile $_s_dir/haproxy.pid
    log stderr format raw local0 err

defaults
    mode http
    timeout connect 5s
    timeout client 10s
    timeout server 10s

frontend tls
    bind 127.0.0.1:$_s_port ssl$_s_crts
    http-request return status 200 content-type text/plain string ok
EOT
  svc_register "$_s_name" "$_s_dir/haproxy.pid"
  "$(_svc_find haproxy)" -W -D -f "$_s_dir/haproxy.cfg" \
    -p "$_s_dir/haproxy.pid" \
    >"$_s_dir/start.out" 2>&1 || {
    fail "haproxy $_s_name did not start"
    cat "$_s_dir/start.out" >&2
    return 1
  }
  _svc_wait_ports "$_s_name" "$_s_dir/start.out" "$_s_port"
}

# ----------------------------------------------------------- Dovecot

start_dovecot() {
  _s_name=$1 _s_chain=$2 _s_key=$3
  _s_imap=$4 _s_imaps=$5 _s_pop3=$6 _s_pop3s=$7
  _svc_dir "$_s_name" "$_s_imap" "$_s_imaps" "$_s_pop3" "$_s_pop3s"
  mkdir -p "$_s_dir/run" "$_s_dir/state" "$_s_dir/home"
  _s_dh=/usr/share/dovecot/dh.pem
  [ -f "$_s_dh" ] && _s_dh="ssl_dh = <$_s_dh" || _s_dh=
  cat >"$_s_dir/dovecot.conf" <<EOT
instance_name = certwiz-$_s_name-$$
base_dir = $_s_dir/run
state_dir = $_s_dir/state
log_path = $_s_dir/dovecot.log
listen = 127.0.0.1
protocols = imap pop3
ssl = yes
ssl_cert = <$_s_chain
ssl_key = <$_s_key
$_s_dh
mail_location = maildir:$_s_dir/home/%u
passdb {
  driver = static
  args = password=certwiz
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$_s_dir/home/%u
}
service imap-login {
  inet_listener imap {
    port = $_s_imap
  }
  inet_listener imaps {
    port = $_s_imaps
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = $_s_pop3
  }
  inet_listener pop3s {
    port = $_s_pop3s
    ssl = yes
  }
}
service imap {
}
service lmtp {
  unix_listener lmtp {
  }
}
EOT
  svc_register "$_s_name" "$_s_dir/run/master.pid"
  "$(_svc_find dovecot)" -c "$_s_dir/dovecot.conf" \
    >"$_s_dir/start.out" 2>&1 || {
    fail "dovecot $_s_name did not start"
    cat "$_s_dir/start.out" "$_s_dir/dovecot.log" >&2 2>/dev/null
    return 1
  }
  _svc_wait_ports "$_s_name" "$_s_dir/dovecot.log" \
    "$_s_imap" "$_s_imaps" "$_s_pop3" "$_s_pop3s"
}

# ----------------------------------------------------------- Postfix

start_postfix() {
  _s_name=$1 _s_chain=$2 _s_key=$3 _s_smtp=$4 _s_smtps=$5
  # shellcheck disable=SC2086
  _svc_dir "$_s_name" "$_s_smtp" "$_s_smtps" ${postfix_ports:-}
  mkdir -p "$_s_dir/queue"
  cat >"$_s_dir/main.cf" <<EOT
compatibility_level = 3.6
queue_directory = $_s_dir/queue
data_directory = $_s_dir/data
inet_interfaces = loopback-only
inet_protocols = ipv4
myhostname = mail.test.example
mydestination =
maillog_file = $_s_dir/maillog
maillog_file_prefixes = $_s_dir
smtpd_tls_security_level = may
smtpd_tls_chain_files = $_s_key, $_s_chain
EOT
  cat >"$_s_dir/master.cf" <<EOT
127.0.0.1:$_s_smtp inet n - n - - smtpd
127.0.0.1:$_s_smtps inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
${postfix_services:-}pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
local     unix  -       n       n       -       -       local
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
EOT
  _s_postfix=$(_svc_find postfix)
  svc_register "$_s_name" "$_s_dir/queue/pid/master.pid"
  # postfix check makes the queue's folders and the data directory; the
  # master is started with the configuration folder on its command line
  # so that the processes of this test can be found by it.
  "$_s_postfix" -c "$_s_dir" check >"$_s_dir/start.out" 2>&1 &&
    "$(postconf -c "$_s_dir" -h daemon_directory)/master" -c "$_s_dir" -w \
      >>"$_s_dir/start.out" 2>&1 || {
    fail "postfix $_s_name did not start"
    cat "$_s_dir/start.out" "$_s_dir/maillog" >&2 2>/dev/null
    return 1
  }
  # shellcheck disable=SC2086
  _svc_wait_ports "$_s_name" "$_s_dir/maillog" "$_s_smtp" "$_s_smtps" \
    ${postfix_ports:-}
}
