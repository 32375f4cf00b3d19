# shellcheck shell=sh disable=SC2034  # sourced; the settings are used by the scripts
# lib.sh: shared settings and helpers for tests/peers/*.sh (sourced, not run). POSIX sh.
#
# Everything lives on 127.0.0.1. State (test CA, certs, Dovecot config, PIDs, logs, sink dumps)
# goes under $SENDSCOPE_PEERS_DIR (default /var/tmp/sendscope-peers). That directory and its
# parents must be traversable by the users "dovecot" and "nobody", so a checkout under /root is
# not a good place for it.

PEERS_DIR=${SENDSCOPE_PEERS_DIR:-/var/tmp/sendscope-peers}
case "$PEERS_DIR" in /*) ;; *) echo "SENDSCOPE_PEERS_DIR must be an absolute path: $PEERS_DIR" >&2; exit 2 ;; esac
PEERS_DIR=${PEERS_DIR%/}

TLS_DIR=$PEERS_DIR/tls          # ca.pem (trust this), server.pem, server.key
RUN_DIR=$PEERS_DIR/run          # *.pid written by start-peers.sh
LOG_DIR=$PEERS_DIR/log          # postfix.log, dovecot.log, sink-<port>.log
DOVECOT_DIR=$PEERS_DIR/dovecot  # dovecot.conf, users, state/
# smtp-sink on 2525 writes one file per message here; "off" disables dumping.
SINK_DUMP_DIR=${SENDSCOPE_SINK_DUMP_DIR:-$PEERS_DIR/sink-dump}

PEERS_HOST=mx.sendscope.test    # name in the server certificate (also SAN localhost, IP 127.0.0.1)
LOCAL_DOMAIN=sendscope.test     # Postfix's local domain: user@, bounce@ exist; anything else is 550 5.1.1
PEERS_USERS="bounce user"       # Unix users with ~/Maildir; IMAP and SMTP AUTH password below
PEERS_PASSWORD=secret
DOVECOT_BASE=/run/dovecot-sendscope-peers

# Ports (smtp-sink options per port are in start-peers.sh, sink_args).
SINK_PORTS="2525 2526 2527 2528 2529 2530 2531"
POSTFIX_PORTS="2587 2465 2586 2588"
DOVECOT_PORTS="1143 1993"
CLOSED_PORT=2599                # nothing listens here: Postfix's next hop for down.test
# dnsmasq, the test DNS, on port 53 of its own loopback address (Qt 6.4's QDnsLookup can only ask
# port 53). Not 127.0.0.53/54: systemd-resolved's on machines that run it.
DNS_ADDR=${SENDSCOPE_PEERS_DNS:-127.0.0.153}
case "$DNS_ADDR" in 127.*) ;; *) echo "SENDSCOPE_PEERS_DNS must be a 127.x.y.z address: $DNS_ADDR" >&2; exit 2 ;; esac
DNS_DIR=$PEERS_DIR/dns          # dnsmasq.conf (the test zone)

die() { echo "${0##*/}: error: $*" >&2; exit 1; }
note() { echo "${0##*/}: $*"; }

need_root() { [ "$(id -u)" -eq 0 ] || die "must run as root"; }

# now_ms: wall clock in milliseconds
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT (needs bash /dev/tcp).
if [ -n "${BASH_VERSION:-}" ]; then
    # shellcheck disable=SC3025  # only defined when running under bash
    port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
else
    port_open() { bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
fi

# addr_open ADDR PORT: true when something accepts TCP connections on ADDR:PORT.
addr_open() { bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# pid_alive PID: the process exists and is not a zombie.
pid_alive() {
    [ -n "$1" ] && [ -r "/proc/$1/stat" ] || return 1
    st=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
    [ -n "$st" ] && [ "$st" != Z ] && [ "$st" != X ]
}

# pid_comm PID: the process's short command name
pid_comm() { cat "/proc/$1/comm" 2>/dev/null || true; }

# write_if_changed DEST MODE: stdin -> DEST only if the content differs. Sets CHANGED=1 when written.
write_if_changed() {
    _tmp=$(mktemp "$1.XXXXXX")
    cat > "$_tmp"
    if [ -f "$1" ] && cmp -s "$_tmp" "$1"; then
        rm -f "$_tmp"
    else
        chmod "$2" "$_tmp"; mv -f "$_tmp" "$1"; CHANGED=1
    fi
}

# ensure_state_dirs: the state tree, traversable by dovecot and nobody.
ensure_state_dirs() {
    mkdir -p "$PEERS_DIR" "$TLS_DIR" "$RUN_DIR" "$LOG_DIR" "$DOVECOT_DIR" "$DNS_DIR"
    chmod 755 "$PEERS_DIR" "$TLS_DIR" "$RUN_DIR" "$LOG_DIR" "$DOVECOT_DIR" "$DNS_DIR"
}

# ensure_tls: a small test CA and a server certificate for $PEERS_HOST signed by it.
# Kept across runs; the server certificate is re-issued when missing, not signed by the current CA,
# or expiring within 7 days.
ensure_tls() {
    ensure_state_dirs
    _cnf=$TLS_DIR/openssl.cnf
    CHANGED=0
    write_if_changed "$_cnf" 644 <<EOF
# written by tests/peers/lib.sh
[req]
distinguished_name = dn
prompt = no
[dn]
CN = Sendscope Test CA (loopback peers, not for production)
[v3_ca]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
[v3_server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:$PEERS_HOST,DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid,issuer
EOF
    _new_ca=0
    if [ ! -s "$TLS_DIR/ca.pem" ] || [ ! -s "$TLS_DIR/ca.key" ] \
        || ! openssl x509 -in "$TLS_DIR/ca.pem" -noout -checkend 2592000 >/dev/null 2>&1; then
        openssl req -x509 -config "$_cnf" -extensions v3_ca -newkey rsa:2048 -nodes -sha256 -days 3650 \
            -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.pem" 2>/dev/null || die "cannot create the test CA"
        _new_ca=1
    fi
    if [ "$_new_ca" = 1 ] || [ "$CHANGED" = 1 ] || [ ! -s "$TLS_DIR/server.key" ] \
        || ! openssl verify -CAfile "$TLS_DIR/ca.pem" "$TLS_DIR/server.pem" >/dev/null 2>&1 \
        || ! openssl x509 -in "$TLS_DIR/server.pem" -noout -checkend 604800 >/dev/null 2>&1; then
        openssl req -new -config "$_cnf" -subj "/CN=$PEERS_HOST" -newkey rsa:2048 -nodes -sha256 \
            -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.csr" 2>/dev/null || die "cannot create the server key"
        openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca.key" \
            -set_serial "0x$(openssl rand -hex 8)" -days 825 -sha256 \
            -extfile "$_cnf" -extensions v3_server -out "$TLS_DIR/server.pem" 2>/dev/null \
            || die "cannot sign the server certificate"
        rm -f "$TLS_DIR/server.csr"
        cat "$TLS_DIR/server.pem" "$TLS_DIR/ca.pem" > "$TLS_DIR/server-chain.pem"
        TLS_CHANGED=1
    fi
    chmod 600 "$TLS_DIR/ca.key" "$TLS_DIR/server.key"
    chmod 644 "$TLS_DIR/ca.pem" "$TLS_DIR/server.pem" "$TLS_DIR/server-chain.pem"
}

# write_dns_config: the test zone dnsmasq serves (README.md, "DNS"). Sets CHANGED=1 when rewritten.
# Every name under .test that is not listed here is NXDOMAIN; nothing is forwarded anywhere.
# The DKIM key sender-ok.test signs with (selector s1) is made once, here, and its public half
# published: $PEERS_DIR/dkim/sender-ok-s1.pem (RSA 1024, mode 0600; a test key, nothing else).
write_dns_config() {
    CHANGED=0
    mkdir -p "$PEERS_DIR/dkim"
    local key="$PEERS_DIR/dkim/sender-ok-s1.pem"
    if [ ! -s "$key" ]; then
        (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$key" 2>/dev/null)
    fi
    local p
    p=$(openssl pkey -in "$key" -pubout -outform DER | base64 -w0)
    write_if_changed "$DNS_DIR/dnsmasq.conf" 644 <<EOF
# written by tests/peers/lib.sh: the loopback test DNS (dnsmasq)
listen-address=$DNS_ADDR
bind-interfaces
port=53
no-resolv
no-hosts
no-poll
local=/test/
user=nobody
group=nogroup
pid-file=
log-queries
log-facility=-
local-ttl=60
# two MX: the best one (10) has nothing listening, the second (20) is 127.0.0.1
mx-host=mx-failover.test,mx-dead.mx-failover.test,10
mx-host=mx-failover.test,mx-live.mx-failover.test,20
host-record=mx-dead.mx-failover.test,127.0.0.9
host-record=mx-live.mx-failover.test,127.0.0.1
# no MX, an A record: the domain itself is the mail host
host-record=a-only.test,127.0.0.1
# an MX whose host has no address
mx-host=mx-noaddr.test,ghost.mx-noaddr.test,10
# the best MX has no address, the second does
mx-host=mx-partial.test,ghost.mx-partial.test,10
mx-host=mx-partial.test,mx-live.mx-failover.test,20
# exists (a TXT record) but has no MX and no A/AAAA
txt-record=no-mail.test,"no mail here"
# a bulk sender's domain done right: SPF, DMARC (also for its subdomains), the DKIM key of s1;
# selector s2 publishes another key than the one it is used with
txt-record=sender-ok.test,"v=spf1 ip4:127.0.0.0/8 -all"
txt-record=_dmarc.sender-ok.test,"v=DMARC1; p=quarantine; rua=mailto:dmarc@sender-ok.test"
txt-record=s1._domainkey.sender-ok.test,"v=DKIM1; k=rsa; p=$p"
txt-record=s2._domainkey.sender-ok.test,"v=DKIM1; k=ed25519; p=rW1YoFFPyuzosRvRLxTbqbMEvgGwBYICezAzHQH6GLk="
# two SPF records: a permanent error at every receiver
txt-record=two-spf.test,"v=spf1 -all"
txt-record=two-spf.test,"v=spf1 ip4:127.0.0.1 -all"
# MTA-STS (RFC 8461): three domains whose MX is Postfix's STARTTLS port under the name its
# certificate carries; each policy is served over HTTPS by openssl s_server on its own address
# (start-peers.sh, port $STS_PORT)
host-record=mx.sendscope.test,127.0.0.1
$(for d in $STS_DOMAINS; do
    printf 'mx-host=%s,mx.sendscope.test,10\n' "$d"
    printf 'txt-record=_mta-sts.%s,"v=STSv1; id=%s;"\n' "$d" "$(sts_id "$d")"
    printf 'host-record=mta-sts.%s,%s\n' "$d" "$(sts_addr "$d")"
done)
EOF
}

# The MTA-STS domains, each policy's address, id and text.
STS_DOMAINS="sts-enforce.test sts-mismatch.test sts-testing.test"
STS_PORT=8443
STS_DIR=$PEERS_DIR/mta-sts
sts_addr() {
    case $1 in
        sts-enforce.test) echo 127.0.0.21 ;;
        sts-mismatch.test) echo 127.0.0.22 ;;
        sts-testing.test) echo 127.0.0.23 ;;
    esac
}
sts_id() { echo "20261207${1%%.*}" | tr -dc 'a-zA-Z0-9'; }
sts_policy() {
    case $1 in
        sts-enforce.test) printf 'version: STSv1\r\nmode: enforce\r\nmx: mx.sendscope.test\r\nmax_age: 86400\r\n' ;;
        sts-mismatch.test) printf 'version: STSv1\r\nmode: enforce\r\nmx: *.elsewhere.test\r\nmax_age: 86400\r\n' ;;
        sts-testing.test) printf 'version: STSv1\r\nmode: testing\r\nmx: *.elsewhere.test\r\nmax_age: 86400\r\n' ;;
    esac
}

# ensure_sts: the policy files and the certificate of their servers (every mta-sts.DOMAIN name,
# signed by the test CA; made again when it no longer verifies or names them all).
ensure_sts() {
    local d names="" cnf
    for d in $STS_DOMAINS; do
        mkdir -p "$STS_DIR/$d/.well-known"
        sts_policy "$d" > "$STS_DIR/$d/.well-known/mta-sts.txt"
        names="$names${names:+,}DNS:mta-sts.$d"
    done
    if [ -s "$STS_DIR/server.key" ] && openssl verify -CAfile "$TLS_DIR/ca.pem" "$STS_DIR/server.pem" >/dev/null 2>&1 \
        && openssl x509 -in "$STS_DIR/server.pem" -noout -ext subjectAltName 2>/dev/null | grep -q "mta-sts.sts-testing.test" \
        && openssl x509 -in "$STS_DIR/server.pem" -noout -checkend 604800 >/dev/null 2>&1; then
        return 0
    fi
    cnf=$(mktemp)
    printf '[v3]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = serverAuth\nsubjectAltName = %s\n' "$names" > "$cnf"
    openssl req -new -subj "/CN=mta-sts.sts-enforce.test" -newkey rsa:2048 -nodes -sha256 \
        -keyout "$STS_DIR/server.key" -out "$STS_DIR/server.csr" 2>/dev/null || die "cannot create the MTA-STS key"
    openssl x509 -req -in "$STS_DIR/server.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca.key" \
        -set_serial "0x$(openssl rand -hex 8)" -days 825 -sha256 -extfile "$cnf" -extensions v3 \
        -out "$STS_DIR/server.pem" 2>/dev/null || die "cannot sign the MTA-STS certificate"
    rm -f "$STS_DIR/server.csr" "$cnf"
    chmod 600 "$STS_DIR/server.key"
}

# write_env_file: $PEERS_DIR/env.sh, for tests and CI steps to source.
write_env_file() {
    CHANGED=0
    write_if_changed "$PEERS_DIR/env.sh" 644 <<EOF
# written by tests/peers; source it to find the loopback mail peers
export SENDSCOPE_PEERS_DIR='$PEERS_DIR'
export SENDSCOPE_PEERS_CA='$TLS_DIR/ca.pem'
export SENDSCOPE_PEERS_TLS_NAME='$PEERS_HOST'
export SENDSCOPE_SINK_DUMP_DIR='$SINK_DUMP_DIR'
export SENDSCOPE_PEERS_USER='bounce'
export SENDSCOPE_PEERS_PASSWORD='$PEERS_PASSWORD'
export SENDSCOPE_PEERS_BOUNCE_MAILDIR='$(getent passwd bounce | cut -d: -f6)/Maildir'
export SENDSCOPE_PEERS_DNS='$DNS_ADDR'
export SENDSCOPE_PEERS_STS_PORT='$STS_PORT'
EOF
}
