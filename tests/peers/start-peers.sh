#!/bin/bash
# start-peers.sh: start the loopback mail peers (smtp-sinks, dnsmasq, Postfix, Dovecot) for the integration tests.
#
# Root, no systemd. Run install.sh, postfix-setup.sh and dovecot-setup.sh once before.
# PIDs go to $SENDSCOPE_PEERS_DIR/run/*.pid; stop-peers.sh stops exactly those processes.
# Idempotent: peers already running from an earlier start are left as they are.
# Waits (bounded) until every port accepts connections, then prints one summary line.
# Exit status: 0 when all ports are up, 1 otherwise (with the reason on stderr).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh"
need_root
t0=$(now_ms)
WAIT_SECONDS=${SENDSCOPE_PEERS_WAIT:-20}

command -v smtp-sink >/dev/null || die "smtp-sink not found: run install.sh"
[ "$(postconf -h myhostname 2>/dev/null)" = "$PEERS_HOST" ] \
    || die "Postfix is not configured as the test MTA: run postfix-setup.sh"
[ "$(postconf -h smtpd_tls_cert_file)" = "$TLS_DIR/server.pem" ] \
    || die "Postfix was set up for another state dir ($(postconf -h smtpd_tls_cert_file)); run postfix-setup.sh with SENDSCOPE_PEERS_DIR=$PEERS_DIR"
[ -f "$DOVECOT_DIR/dovecot.conf" ] || die "no $DOVECOT_DIR/dovecot.conf: run dovecot-setup.sh"
[ -s "$TLS_DIR/ca.pem" ] || die "no test CA in $TLS_DIR: run postfix-setup.sh"
ensure_state_dirs

# sink_args PORT: smtp-sink options for each instance
sink_args() {
    case $1 in
        2525) SINK=(-h sink.sendscope.test)
              if [ "$SINK_DUMP_DIR" != off ]; then SINK+=(-d "$SINK_DUMP_DIR/%Y%m%d/%H%M%S."); fi ;;
        2526) SINK=(-h sinkfail.sendscope.test -f RCPT -B '550 5.1.1 Recipient address rejected: User unknown') ;;
        2527) SINK=(-h sinkdefer.sendscope.test -r RCPT -b '452 4.2.2 Mailbox full') ;;
        2528) SINK=(-h sinkdrop.sendscope.test -q RCPT) ;;
        2529) SINK=(-h sink421.sendscope.test -Q MAIL) ;;
        2530) SINK=(-h sinkfast.sendscope.test) ;;
        2531) SINK=(-h sinknodsn.sendscope.test -N) ;;
        *) die "no smtp-sink defined for port $1" ;;
    esac
}

# recorded NAME COMM: print the recorded PID when that process is still alive and is COMM
recorded() {
    local f=$RUN_DIR/$1.pid pid
    [ -f "$f" ] || return 1
    pid=$(cat "$f")
    if pid_alive "$pid" && [ "$(pid_comm "$pid")" = "$2" ]; then echo "$pid"; return 0; fi
    rm -f "$f"; return 1
}

# port_free PORT: fail when something we did not start listens there already
port_free() {
    if port_open "$1"; then
        die "127.0.0.1:$1 is already in use by a process that start-peers.sh did not record (check: ss -ltnp 'sport = :$1')"
    fi
}

started=()
pf_pidfile=/var/spool/postfix/pid/master.pid
# On failure, stop what this invocation started (not what was already running), by recorded PID.
rollback() {
    local rc=$? name pid
    [ "$rc" -eq 0 ] && return 0
    for name in "${started[@]}"; do
        pid=$(cat "$RUN_DIR/$name.pid" 2>/dev/null || true)
        if [ -z "$pid" ]; then   # started but not recorded yet: the daemon's own PID file
            case $name in
                postfix) pid=$(sed 1q "$pf_pidfile" 2>/dev/null | tr -d ' ' || true) ;;
                dovecot) pid=$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null || true) ;;
            esac
        fi
        [ -n "$pid" ] || continue
        if pid_alive "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
        for _ in $(seq 100); do pid_alive "$pid" || break; sleep 0.05; done
        rm -f "$RUN_DIR/$name.pid"
    done
    [ ${#started[@]} -eq 0 ] || echo "start-peers.sh: stopped what this run had started: ${started[*]}" >&2
    exit "$rc"
}
trap rollback EXIT

# ---- smtp-sinks
if [ "$SINK_DUMP_DIR" != off ]; then
    mkdir -p "$SINK_DUMP_DIR"
    chown nobody "$SINK_DUMP_DIR"   # smtp-sink writes as -u nobody
fi
for port in $SINK_PORTS; do
    recorded "sink-$port" smtp-sink >/dev/null && continue
    port_free "$port"
    sink_args "$port"
    # setsid: not in the caller's process group, so a test runner killing its group leaves us alone.
    setsid smtp-sink -u nobody "${SINK[@]}" "127.0.0.1:$port" 1024 \
        </dev/null >>"$LOG_DIR/sink-$port.log" 2>&1 &
    echo $! > "$RUN_DIR/sink-$port.pid"
    started+=("sink-$port")
done

# ---- dnsmasq: the test DNS on $DNS_ADDR:53 (foreground under setsid, like the sinks)
command -v dnsmasq >/dev/null || [ -x /usr/sbin/dnsmasq ] || die "dnsmasq not found: run install.sh"
write_dns_config
if dns_pid=$(recorded dnsmasq dnsmasq) && [ "$CHANGED" = 1 ]; then
    # dnsmasq reads its configuration once: a changed test zone needs a restart
    kill -TERM "$dns_pid" 2>/dev/null || true
    for _ in $(seq 100); do pid_alive "$dns_pid" || break; sleep 0.05; done
    rm -f "$RUN_DIR/dnsmasq.pid"
fi
if ! recorded dnsmasq dnsmasq >/dev/null; then
    if addr_open "$DNS_ADDR" 53; then
        die "$DNS_ADDR:53 is already in use by a process that start-peers.sh did not record (check: ss -ltnp 'sport = :53'; set SENDSCOPE_PEERS_DNS to another 127.x address)"
    fi
    setsid dnsmasq --keep-in-foreground --conf-file="$DNS_DIR/dnsmasq.conf" \
        </dev/null >>"$LOG_DIR/dnsmasq.log" 2>&1 &
    echo $! > "$RUN_DIR/dnsmasq.pid"
    started+=(dnsmasq)
fi

# ---- MTA-STS policy servers: openssl s_server -WWW serves its folder over HTTPS, one per domain
#      on its own loopback address (the same path for every host), with a certificate for them all
ensure_sts
for d in $STS_DOMAINS; do
    recorded "sts-$d" openssl >/dev/null && continue
    addr_open "$(sts_addr "$d")" "$STS_PORT" && die "$(sts_addr "$d"):$STS_PORT is in use by a process start-peers.sh did not record"
    # TLS 1.2: s_server -WWW leaves a request that came with the TLS 1.3 Finished unanswered
    (cd "$STS_DIR/$d" && exec setsid openssl s_server -quiet -WWW -no_tls1_3 -accept "$(sts_addr "$d"):$STS_PORT" \
        -cert "$STS_DIR/server.pem" -key "$STS_DIR/server.key" -cert_chain "$TLS_DIR/ca.pem" \
        </dev/null >>"$LOG_DIR/sts-$d.log" 2>&1) &
    echo $! > "$RUN_DIR/sts-$d.pid"
    started+=("sts-$d")
done

# ---- Postfix (master daemonizes; its PID is in /var/spool/postfix/pid/master.pid)
if ! recorded postfix master >/dev/null; then
    if postfix status >/dev/null 2>&1; then
        # Running but not recorded (e.g. started by hand): adopt it, with the current config.
        postfix reload >/dev/null 2>&1 || true
        echo "start-peers.sh: adopting the already running Postfix (pid $(sed 1q $pf_pidfile | tr -d ' '))" >&2
    else
        for port in $POSTFIX_PORTS; do port_free "$port"; done
        postfix start </dev/null >>"$LOG_DIR/postfix-start.log" 2>&1 \
            || die "postfix start failed: $(tail -3 "$LOG_DIR/postfix-start.log" | tr '\n' ' ') (see $LOG_DIR/postfix.log)"
        started+=(postfix)
    fi
    sed 1q "$pf_pidfile" | tr -d ' ' > "$RUN_DIR/postfix.pid"
fi

# ---- Dovecot (daemonizes; PID in $DOVECOT_BASE/master.pid)
if ! recorded dovecot dovecot >/dev/null; then
    dv_pid=""
    [ -f "$DOVECOT_BASE/master.pid" ] && dv_pid=$(cat "$DOVECOT_BASE/master.pid")
    if [ -n "$dv_pid" ] && pid_alive "$dv_pid" && [ "$(pid_comm "$dv_pid")" = dovecot ]; then
        echo "start-peers.sh: adopting the already running Dovecot (pid $dv_pid)" >&2
    else
        for port in $DOVECOT_PORTS; do port_free "$port"; done
        dovecot -c "$DOVECOT_DIR/dovecot.conf" </dev/null >>"$LOG_DIR/dovecot-start.log" 2>&1 \
            || die "dovecot failed to start: $(tail -3 "$LOG_DIR/dovecot-start.log" | tr '\n' ' ') (see $LOG_DIR/dovecot.log)"
        started+=(dovecot)
    fi
    # the daemonized master writes its PID file a moment after "dovecot" returns
    dv_pid=""
    for _ in $(seq 200); do
        dv_pid=$(cat "$DOVECOT_BASE/master.pid" 2>/dev/null || true)
        [ -n "$dv_pid" ] && pid_alive "$dv_pid" && [ "$(pid_comm "$dv_pid")" = dovecot ] && break
        dv_pid=""; sleep 0.05
    done
    [ -n "$dv_pid" ] || die "Dovecot did not write $DOVECOT_BASE/master.pid (see $LOG_DIR/dovecot.log)"
    echo "$dv_pid" > "$RUN_DIR/dovecot.pid"
fi

# ---- wait until every port accepts (bounded)
deadline=$(( $(now_ms) + WAIT_SECONDS * 1000 ))
pending="$SINK_PORTS $POSTFIX_PORTS $DOVECOT_PORTS"
while :; do
    left=""
    for port in $pending; do port_open "$port" || left="$left $port"; done
    pending=$left
    addr_open "$DNS_ADDR" 53 || pending="$pending $DNS_ADDR:53"
    for d in $STS_DOMAINS; do
        addr_open "$(sts_addr "$d")" "$STS_PORT" || pending="$pending $(sts_addr "$d"):$STS_PORT"
    done
    [ -z "$pending" ] && break
    if [ "$(now_ms)" -ge "$deadline" ]; then
        for port in $pending; do
            case " $SINK_PORTS " in *" $port "*) tail -3 "$LOG_DIR/sink-$port.log" >&2 2>/dev/null || true ;; esac
        done
        die "ports not accepting after ${WAIT_SECONDS}s:$pending (logs in $LOG_DIR)"
    fi
    sleep 0.05
done
pid_alive "$(cat "$RUN_DIR/dnsmasq.pid")" || die "dnsmasq exited: $(tail -2 "$LOG_DIR/dnsmasq.log")"
for f in "$RUN_DIR"/sink-*.pid; do
    pid_alive "$(cat "$f")" || die "smtp-sink ${f##*/sink-} exited: $(tail -2 "$LOG_DIR/sink-$(basename "$f" .pid | cut -d- -f2).log")"
done
# Postfix's SASL backend (socket created by Dovecot's auth service)
[ -S /var/spool/postfix/private/auth ] || die "Dovecot's SASL socket /var/spool/postfix/private/auth is missing"

write_env_file
dump=$SINK_DUMP_DIR
echo "peers up in $(( $(now_ms) - t0 )) ms (started: ${started[*]:-nothing, all were running}):" \
     "smtp-sink 2525=accept(dump $dump) 2526=550 2527=452 2528=drop 2529=421 2530=fast 2531=noDSN;" \
     "postfix 2587=plain+STARTTLS 2465=TLS 2586=submission 2588=minimal; dovecot imap 1143 imaps 1993;" \
     "dnsmasq $DNS_ADDR:53 (.test zone); MTA-STS policies https://mta-sts.{$STS_DOMAINS}:$STS_PORT;" \
     "CA $TLS_DIR/ca.pem; env $PEERS_DIR/env.sh"
