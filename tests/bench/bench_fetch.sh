#!/bin/bash
# Fills a Dovecot folder of the test peer with N messages (default 10,000; python imaplib
# APPEND over loopback) and times ImapClient fetching them all beside
# `doveadm fetch -u bounce text mailbox FOLDER all`. Needs the peers running
# (tests/peers/start-peers.sh) and a build with the bench_imap_fetch target:
#   cmake --build build --target bench_imap_fetch
#   tests/bench/bench_fetch.sh [N] [BUILD_DIR]
# The folder is deleted at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
N=${1:-10000}
BUILD=${2:-$ROOT/build}
PEERS_DIR=${SENDSCOPE_PEERS_DIR:-/var/tmp/sendscope-peers}
# shellcheck disable=SC1091
[ -f "$PEERS_DIR/env.sh" ] && . "$PEERS_DIR/env.sh"
FOLDER="bench-fetch-$$"
BENCH="$BUILD/tests/bench_imap_fetch"
[ -x "$BENCH" ] || { echo "bench_fetch: $BENCH missing (cmake --build $BUILD --target bench_imap_fetch)" >&2; exit 2; }

imap() { # imap create|fill|delete
    /usr/bin/python3 - "$1" "$FOLDER" "$N" <<'PY'
import imaplib, sys, time
action, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
m = imaplib.IMAP4('127.0.0.1', 1143)
m.login('bounce', 'secret')
if action == 'create':
    m.create(folder)
elif action == 'delete':
    m.delete(folder)
else:
    start = time.time()
    for i in range(n):
        body = (f'From: MAILER-DAEMON@sendscope.test\r\nTo: bounce@sendscope.test\r\n'
                f'Subject: Undelivered Mail {i}\r\nMessage-ID: <bench{i}@sendscope.test>\r\n\r\n'
                + 'Final-Recipient: rfc822; user@example.test\r\nStatus: 5.1.1\r\n' * 20).encode()
        m.append(folder, None, None, body)
    print(f'filled {n} messages in {time.time() - start:.1f} s', file=sys.stderr)
m.logout()
PY
}

imap create
trap 'imap delete' EXIT
imap fill
"$BENCH" "$FOLDER" 1993
start=$(date +%s.%N)
count=$(doveadm -c "$PEERS_DIR/dovecot/dovecot.conf" fetch -u bounce text mailbox "$FOLDER" all | grep -c '^Final-Recipient' || true)
end=$(date +%s.%N)
echo "doveadm: $((count / 20)) messages, $(echo "$end - $start" | bc) s"
