#!/bin/sh
# postfix-setup.sh: turn Debian 12's postfix package into a loopback-only test MTA. Root, idempotent.
#
# Listens only on 127.0.0.1 (see README.md for the port map); relays only to loopback next hops
# named in the transport map; everything else is refused (default_transport = error).
# Uses the test CA under $SENDSCOPE_PEERS_DIR/tls (created here if missing).
#
# Speed note: Postfix tools (postmap, newaliases, postfix check/reload) pause until main.cf is at
# least 1 s old, so maps are built first and main.cf is edited once, at the end, and only when a
# setting differs (then backdated). A re-run that changes nothing does not touch main.cf at all.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
need_root
command -v postconf >/dev/null 2>&1 || die "postfix is not installed: run install.sh first"

PF=/etc/postfix
CHANGED=0
ANY=0   # something that a running Postfix must reload

# ---- base config. cp -p keeps the packaged mtime, so Postfix tools do not wait for it to settle.
[ -f $PF/main.cf ] || cp -p /usr/share/postfix/main.cf.debian $PF/main.cf

# ---- users with a Maildir (DSNs go to bounce@, test deliveries to user@)
for u in $PEERS_USERS; do
    id "$u" >/dev/null 2>&1 || useradd -m -s /usr/sbin/nologin "$u"
    h=$(getent passwd "$u" | cut -d: -f6)
    for d in "$h/Maildir" "$h/Maildir/new" "$h/Maildir/cur" "$h/Maildir/tmp"; do
        [ -d "$d" ] || install -d -o "$u" -g "$(id -gn "$u")" -m 700 "$d"
    done
done

# ---- TLS: test CA + server certificate for mx.sendscope.test
TLS_CHANGED=0
ensure_tls
[ "$TLS_CHANGED" = 1 ] && ANY=1

# ---- lookup tables (rebuilt only when their source changed)
CHANGED=0
write_if_changed $PF/transport 644 <<EOF
# written by sendscope tests/peers/postfix-setup.sh
# Rejected by smtpd at RCPT time (no DSN): a real 450 4.4.1 / 550 5.1.1 from Postfix
defer.test       retry:4.4.1 Simulated temporary failure (defer.test)
fail.test        error:5.1.1 Simulated permanent failure (fail.test)
# Accepted (250), then deferred or bounced by Postfix itself: delay / failure DSNs
asyncfail.test   failpipe:
asyncdefer.test  deferpipe:
down.test        smtp:[127.0.0.1]:$CLOSED_PORT
# Accepted, then relayed to the loopback smtp-sinks
sink.test        smtp:[127.0.0.1]:2525
sinkfail.test    smtp:[127.0.0.1]:2526
sinkdefer.test   smtp:[127.0.0.1]:2527
sinkdrop.test    smtp:[127.0.0.1]:2528
sinknodsn.test   smtp:[127.0.0.1]:2531
# Accepted and thrown away (throughput against a full MTA)
discard.test     discard:
sts-enforce.test discard:
sts-testing.test discard:
sts-mismatch.test discard:
EOF
write_if_changed $PF/rcpt_access 644 <<EOF
# written by sendscope tests/peers/postfix-setup.sh: scripted per-recipient replies at RCPT
full@$LOCAL_DOMAIN       452 4.2.2 Mailbox full
greylist@$LOCAL_DOMAIN   450 4.7.1 Greylisted, try again later
blocked@$LOCAL_DOMAIN    550 5.7.1 Recipient blocked by policy
EOF
write_if_changed $PF/eod_sender 644 <<EOF
tempfail-eod@$LOCAL_DOMAIN   451 4.7.1 Try again later (end of data)
EOF
write_if_changed $PF/header_checks 644 <<'EOF'
/^Subject:.*\[REJECT\]/    REJECT 5.7.1 Message content rejected
EOF
[ "$CHANGED" = 1 ] && ANY=1
for m in transport rcpt_access eod_sender; do
    if [ ! -f "$PF/$m.db" ] || [ -n "$(find "$PF/$m" -newer "$PF/$m.db")" ]; then postmap "$PF/$m"; ANY=1; fi
done
[ -f /etc/aliases ] || printf 'postmaster: root\nMAILER-DAEMON: postmaster\n' > /etc/aliases
if [ ! -f /etc/aliases.db ] || [ -n "$(find /etc/aliases -newer /etc/aliases.db)" ]; then newaliases; fi

# Bounce templates that print sub-hour times in seconds (default ones say "0 hour(s)").
if [ ! -f $PF/bounce.cf ]; then
    # shellcheck disable=SC2016  # the $names are Postfix template variables
    postconf -t | sed 's/\$delay_warning_time_hours hour(s)/$delay_warning_time_seconds second(s)/;
        s/\$maximal_queue_lifetime_days day(s)/$maximal_queue_lifetime_seconds second(s)/' > $PF/bounce.cf
fi

# ---- master.cf: no :25, no chroot, four loopback smtpd listeners, two pipe transports
master_state() { { postconf -M; postconf -P; } | cksum; }
master_before=$(master_state)
# (postconf -F rewrites master.cf and shuffles Debian's comment lines: only call it when needed)
if postconf -F '*/*/chroot' | grep -vq '= n$'; then postconf -F '*/*/chroot = n'; fi
if postconf -M smtp/inet 2>/dev/null | grep -q .; then postconf -M# smtp/inet; fi
postconf -M '127.0.0.1:2587/inet=127.0.0.1:2587 inet n - n - - smtpd' \
            '127.0.0.1:2465/inet=127.0.0.1:2465 inet n - n - - smtpd' \
            '127.0.0.1:2586/inet=127.0.0.1:2586 inet n - n - - smtpd' \
            '127.0.0.1:2588/inet=127.0.0.1:2588 inet n - n - - smtpd' \
            'failpipe/unix=failpipe unix - n n - - pipe flags=q user=nobody argv=/bin/sh -c { exit 67 }' \
            'deferpipe/unix=deferpipe unix - n n - - pipe flags=q user=nobody argv=/bin/sh -c { exit 75 }'
postconf -P '127.0.0.1:2465/inet/smtpd_tls_wrappermode=yes' \
            '127.0.0.1:2465/inet/smtpd_tls_security_level=encrypt' \
            '127.0.0.1:2586/inet/smtpd_tls_security_level=encrypt' \
            '127.0.0.1:2586/inet/smtpd_tls_auth_only=yes' \
            '127.0.0.1:2586/inet/smtpd_sasl_auth_enable=yes' \
            '127.0.0.1:2586/inet/smtpd_sasl_type=dovecot' \
            '127.0.0.1:2586/inet/smtpd_sasl_path=private/auth' \
            '127.0.0.1:2586/inet/smtpd_sasl_security_options=noanonymous' \
            '127.0.0.1:2586/inet/smtpd_relay_restrictions=permit_sasl_authenticated,reject' \
            '127.0.0.1:2586/inet/smtpd_recipient_restrictions=check_recipient_access,hash:/etc/postfix/rcpt_access,permit_sasl_authenticated,reject' \
            '127.0.0.1:2588/inet/smtpd_tls_security_level=none' \
            '127.0.0.1:2588/inet/smtpd_discard_ehlo_keywords=silent-discard,pipelining,dsn,chunking,8bitmime,smtputf8,enhancedstatuscodes,vrfy,etrn'
[ "$(master_state)" = "$master_before" ] || ANY=1

# ---- main.cf: one edit, only if a setting differs
want=$(mktemp)
trap 'rm -f "$want"' EXIT
cat > "$want" <<EOF
compatibility_level = 3.6
myhostname = $PEERS_HOST
mydomain = $LOCAL_DOMAIN
myorigin = \$mydomain
mydestination = \$mydomain, \$myhostname, localhost
inet_interfaces = loopback-only
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = \$myhostname ESMTP Postfix (sendscope test peer)
smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access hash:/etc/postfix/rcpt_access
smtpd_end_of_data_restrictions = check_sender_access hash:/etc/postfix/eod_sender
header_checks = regexp:/etc/postfix/header_checks
alias_maps = hash:/etc/aliases
alias_database = hash:/etc/aliases
local_recipient_maps = proxy:unix:passwd.byname \$alias_maps
home_mailbox = Maildir/
recipient_delimiter = +
transport_maps = hash:/etc/postfix/transport
default_transport = error:5.7.1 outbound mail is disabled in the sendscope test MTA
relay_transport = \$default_transport
smtpd_peername_lookup = no
smtp_host_lookup = native
maillog_file = $LOG_DIR/postfix.log
maillog_file_prefixes = /var, /dev/stdout, $PEERS_DIR
smtpd_tls_cert_file = $TLS_DIR/server.pem
smtpd_tls_key_file = $TLS_DIR/server.key
smtpd_tls_security_level = may
smtpd_tls_loglevel = 1
smtpd_tls_received_header = yes
smtp_tls_security_level = none
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
smtpd_junk_command_limit = 1000
queue_run_delay = 1s
minimal_backoff_time = 1s
maximal_backoff_time = 2s
delay_warning_time = 1s
maximal_queue_lifetime = 6s
bounce_queue_lifetime = 6s
bounce_template_file = /etc/postfix/bounce.cf
biff = no
append_dot_mydomain = no
readme_directory = no
EOF
current=$(postconf -n)
edit=0
while IFS= read -r line; do
    printf '%s\n' "$current" | grep -Fxq -- "$line" || { edit=1; break; }
done < "$want"
if [ "$edit" = 1 ]; then
    # postconf -e takes "name = value" arguments; build them from the file without word splitting.
    set --
    while IFS= read -r line; do set -- "$@" "$line"; done < "$want"
    postconf -e "$@"
    # postconf -e replaces main.cf atomically (write + rename), so it is complete now; backdating it
    # spares the 1-2.5 s that postfix check/reload would otherwise wait for it to "settle".
    touch -d '-2 seconds' $PF/main.cf
    ANY=1
fi

if [ "$ANY" = 1 ]; then
    postfix check || die "postfix check failed"
    if postfix status >/dev/null 2>&1; then postfix reload >/dev/null 2>&1 || die "postfix reload failed"; note "running Postfix reloaded"; fi
    note "configured (CA: $TLS_DIR/ca.pem)"
else
    note "already configured, nothing changed (CA: $TLS_DIR/ca.pem)"
fi
write_env_file
