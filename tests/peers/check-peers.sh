#!/bin/sh
# check-peers.sh: smoke check of the running loopback peers (run after start-peers.sh; CI does).
# One swaks transaction (STARTTLS verified against the test CA), then check_peers.py, which sends
# through every port and asserts the replies. Exit 0 when everything passed.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
# The values start-peers.sh actually used (dump dir, CA) win over the defaults.
# shellcheck source=/dev/null
[ -f "$PEERS_DIR/env.sh" ] && . "$PEERS_DIR/env.sh"
export SENDSCOPE_PEERS_DIR="$PEERS_DIR"

rc=0
# swaks: STARTTLS on 2587, certificate checked against the test CA and the name mx.sendscope.test
if out=$(swaks --server 127.0.0.1:2587 --helo check.sendscope.test \
        --from "bounce@$LOCAL_DOMAIN" --to "user@$LOCAL_DOMAIN" --header "Subject: swaks peers check" \
        --tls --tls-verify --tls-ca-path "$TLS_DIR/ca.pem" --tls-sni "$PEERS_HOST" 2>&1) \
    && printf '%s\n' "$out" | grep -q '^<~  250 2.0.0 Ok: queued'; then
    echo "ok    swaks: 2587 STARTTLS (verified, $PEERS_HOST) + 250 queued"
else
    echo "FAIL  swaks: 2587 STARTTLS + delivery"; printf '%s\n' "$out" | tail -15 | sed 's/^/      /'
    rc=1
fi

# Debian's interpreter on purpose: python3 on PATH may be another one (pyenv, venv).
/usr/bin/python3 "$HERE/check_peers.py" || rc=1
exit $rc
