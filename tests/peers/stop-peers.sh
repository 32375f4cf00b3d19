#!/bin/bash
# stop-peers.sh: stop exactly the processes start-peers.sh recorded in $SENDSCOPE_PEERS_DIR/run/*.pid.
# Idempotent: with nothing recorded (or everything already gone) it does nothing and exits 0.
# A PID whose process is no longer the expected program (PID reuse) is not signalled.
# Waits (bounded) until the processes are gone and their ports are free, so start-peers.sh can
# run right after.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
need_root
t0=$(now_ms)
WAIT_SECONDS=${SENDSCOPE_PEERS_WAIT:-20}

expected_comm() {
    case $1 in
        sink-*) echo smtp-sink ;;
        postfix) echo master ;;
        dovecot) echo dovecot ;;
        dnsmasq) echo dnsmasq ;;
        sts-*) echo openssl ;;
        *) echo "" ;;
    esac
}

signalled=()   # "name:pid"
shopt -s nullglob
for f in "$RUN_DIR"/*.pid; do
    name=$(basename "$f" .pid)
    pid=$(tr -dc '0-9' < "$f")
    want=$(expected_comm "$name")
    if [ -z "$pid" ] || ! pid_alive "$pid"; then
        rm -f "$f"; continue
    fi
    if [ -z "$want" ] || [ "$(pid_comm "$pid")" != "$want" ]; then
        echo "stop-peers.sh: $name: pid $pid is now '$(pid_comm "$pid")', not '$want'; leaving it alone" >&2
        rm -f "$f"; continue
    fi
    kill -TERM "$pid" 2>/dev/null || true
    signalled+=("$name:$pid")
done

if [ ${#signalled[@]} -eq 0 ]; then
    echo "peers: nothing to stop"
    exit 0
fi

# wait for the processes to exit; SIGKILL what is still there at the deadline
deadline=$(( $(now_ms) + WAIT_SECONDS * 1000 ))
rc=0
for entry in "${signalled[@]}"; do
    name=${entry%%:*}; pid=${entry##*:}
    while pid_alive "$pid"; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            echo "stop-peers.sh: $name (pid $pid) did not exit after SIGTERM; sending SIGKILL" >&2
            kill -KILL "$pid" 2>/dev/null || true; sleep 0.2; rc=1; break
        fi
        sleep 0.05
    done
    rm -f "$RUN_DIR/$name.pid"
done

# the listening sockets may outlive the master for a moment (Postfix/Dovecot children)
ports=""
for entry in "${signalled[@]}"; do
    case ${entry%%:*} in
        sink-*) p=${entry%%:*}; ports="$ports ${p#sink-}" ;;
        postfix) ports="$ports $POSTFIX_PORTS" ;;
        dovecot) ports="$ports $DOVECOT_PORTS" ;;
    esac
done
for entry in "${signalled[@]}"; do
    [ "${entry%%:*}" = dnsmasq ] || continue
    while addr_open "$DNS_ADDR" 53; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            echo "stop-peers.sh: $DNS_ADDR:53 still accepts connections" >&2; rc=1; break
        fi
        sleep 0.05
    done
done
for port in $ports; do
    while port_open "$port"; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            echo "stop-peers.sh: 127.0.0.1:$port still accepts connections" >&2; rc=1; break
        fi
        sleep 0.05
    done
done

names=(); for entry in "${signalled[@]}"; do names+=("${entry%%:*}"); done
echo "peers stopped in $(( $(now_ms) - t0 )) ms: ${names[*]}"
exit $rc
