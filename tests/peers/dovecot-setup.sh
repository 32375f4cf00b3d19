#!/bin/sh
# dovecot-setup.sh: a private Dovecot configuration for the tests (Debian's /etc/dovecot is not used).
#   IMAP  127.0.0.1:1143 (STARTTLS offered), IMAPS 127.0.0.1:1993
#   users: bounce / secret and user / secret (Unix users made by postfix-setup.sh; mail in ~/Maildir)
#   SASL socket for Postfix's submission port 2586: /var/spool/postfix/private/auth
# Root, idempotent. Certificate: the test CA-signed server certificate from lib.sh (ensure_tls).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
need_root
command -v dovecot >/dev/null 2>&1 || die "dovecot is not installed: run install.sh first"
[ -d /var/spool/postfix/private ] || die "/var/spool/postfix/private missing: install postfix first"

ensure_state_dirs
TLS_CHANGED=0
ensure_tls
for u in $PEERS_USERS; do
    id "$u" >/dev/null 2>&1 || useradd -m -s /usr/sbin/nologin "$u"
done

mkdir -p "$DOVECOT_DIR/state"
chmod 755 "$DOVECOT_DIR"

CHANGED=0
# Read by the auth process, which runs as user "dovecot".
{ for u in $PEERS_USERS; do printf '%s:{PLAIN}%s\n' "$u" "$PEERS_PASSWORD"; done; } \
    | write_if_changed "$DOVECOT_DIR/users" 644

dh=""
[ -f /usr/share/dovecot/dh.pem ] && dh="ssl_dh = </usr/share/dovecot/dh.pem"

write_if_changed "$DOVECOT_DIR/dovecot.conf" 644 <<EOF
# written by sendscope tests/peers/dovecot-setup.sh; start with: dovecot -c $DOVECOT_DIR/dovecot.conf
protocols = imap
listen = 127.0.0.1
base_dir = $DOVECOT_BASE
state_dir = $DOVECOT_DIR/state
log_path = $LOG_DIR/dovecot.log
auth_mechanisms = plain login
# "bounce@sendscope.test" logs in as "bounce"
auth_username_format = %Ln
auth_failure_delay = 0
disable_plaintext_auth = no
mail_location = maildir:~/Maildir
first_valid_uid = 1000
ssl = yes
ssl_cert = <$TLS_DIR/server.pem
ssl_key = <$TLS_DIR/server.key
$dh
passdb {
  driver = passwd-file
  args = scheme=PLAIN $DOVECOT_DIR/users
}
userdb {
  driver = passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = 1143
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = 1993
    ssl = yes
  }
}
# No auth penalty (Dovecot delays the next AUTH from an IP by 2-15 s after a failure): tests that try
# a wrong password and then the right one would otherwise wait. The auth process cannot open a mode-0 socket.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service auth {
  unix_listener /var/spool/postfix/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
EOF
doveconf -c "$DOVECOT_DIR/dovecot.conf" -n >/dev/null || die "doveconf rejects $DOVECOT_DIR/dovecot.conf"

# A running instance picks up a changed config or certificate.
pidf=$DOVECOT_BASE/master.pid
if { [ "$CHANGED" = 1 ] || [ "$TLS_CHANGED" = 1 ]; } && [ -f "$pidf" ] && pid_alive "$(cat "$pidf")"; then
    doveadm -c "$DOVECOT_DIR/dovecot.conf" reload && note "running Dovecot reloaded"
fi
if [ "$CHANGED" = 1 ] || [ "$TLS_CHANGED" = 1 ]; then
    note "configured ($DOVECOT_DIR/dovecot.conf)"
else
    note "already configured, nothing changed ($DOVECOT_DIR/dovecot.conf)"
fi
