#!/bin/bash
# Benchmark (not a test): N personalized ~5 KB messages (default 20,000) through a relay
# route into Postfix's smtp-sink, (a) unsigned and (b) RSA-2048 signed, with every state
# persisted; in the same run Postfix's smtp-source sends the same count and size with 20
# sessions into the same sink, and `openssl speed` gives the machine's RSA-2048 signing rate.
#
#   tests/bench/bench_send.sh [N] [BUILD_DIR]
#
# Needs: postfix (smtp-sink, smtp-source), openssl, a Release build of sendscope-cli.
set -euo pipefail
N=${1:-20000}
BUILD=${2:-build-release}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CLI="$ROOT/$BUILD/app/sendscope-cli"
[ -x "$CLI" ] || { echo "build first: cmake -S $ROOT -B $ROOT/$BUILD -G Ninja -DCMAKE_BUILD_TYPE=Release -DSENDSCOPE_GUI=OFF && cmake --build $ROOT/$BUILD --target sendscope-cli" >&2; exit 1; }
for t in /usr/sbin/smtp-sink /usr/sbin/smtp-source openssl; do command -v "$t" >/dev/null || { echo "missing $t (tests/peers/install.sh)" >&2; exit 1; }; done

WORK=$(mktemp -d)
chmod 755 "$WORK"
PORT=${SENDSCOPE_BENCH_PORT:-2545}
SINK_PID=""
cleanup() { [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
/usr/sbin/smtp-sink -u nobody "127.0.0.1:$PORT" 1024 & SINK_PID=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break; sleep 0.1; done

# The recipient list and a ~5 KB text body with a personalized greeting.
awk -v n="$N" 'BEGIN { print "email,first_name,code"; for (i = 1; i <= n; i++) printf "u%d@bench.example,Name%d,C%06d\n", i, i, i }' > "$WORK/list.csv"
{
  echo "Hello {{first_name}}, your code is {{code}}."
  for i in $(seq 62); do echo "Line $i of the newsletter body, long enough to make the message about five kilobytes."; done
  echo "Unsubscribe: https://acme.example/u/{{code}}"
} > "$WORK/body.txt"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/dkim.pem" 2>/dev/null
chmod 600 "$WORK/dkim.pem"
definition() {  # name, dkim json or empty
  cat > "$WORK/$1.json" <<JSON
{"name": "$1", "from": {"name": "Bench", "address": "news@acme.example"}, "subject": "News for {{first_name}}",
 "text_file": "body.txt", "recipients": {"csv": "list.csv"},
 "headers": {"List-Unsubscribe": "<https://acme.example/u/{{code}}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
 "route": {"type": "relay", "host": "127.0.0.1", "port": $PORT, "tls": "none", "acceptance_means_sent": true,
           "max_connections": 20, "max_messages_per_connection": 1000} $2}
JSON
}
definition unsigned ""
definition signed ", \"dkim\": {\"domain\": \"acme.example\", \"selector\": \"s1\", \"key_file\": \"dkim.pem\"}"

echo "messages: $N   cores: $(nproc)"
now() { date +%s.%N; }

# Reference: smtp-source, 20 sessions, same count and size, into the same sink.
t0=$(now)
/usr/sbin/smtp-source -s 20 -m "$N" -l 5120 -f news@acme.example -t rcpt@bench.example "127.0.0.1:$PORT"
t1=$(now)
ref=$(echo "$N / ($t1 - $t0)" | bc -l)
printf '%-44s %8.0f msg/s\n' "smtp-source -s 20 (reference)" "$ref"

sink_ticks() { awk '{print $14 + $15}' "/proc/$SINK_PID/stat"; }
TICKS=$(getconf CLK_TCK)
run() {  # name; prints the rate, and leaves the CPU seconds used in $WORK/$1.cpu ("cli sink")
  "$CLI" --db "$WORK/$1.db" delivery import "$WORK/$1.json" >/dev/null 2>&1
  "$CLI" --db "$WORK/$1.db" analyze 1 >/dev/null || true
  local s e t0 t1
  t0=$(sink_ticks)
  s=$(now)
  /usr/bin/time -f "%U %S" -o "$WORK/$1.time" "$CLI" --db "$WORK/$1.db" send 1 > /dev/null 2> "$WORK/$1.log"
  e=$(now)
  t1=$(sink_ticks)
  local sent
  sent=$("$CLI" --db "$WORK/$1.db" status 1 --json | sed -E 's/.*"sent":([0-9]+).*/\1/')
  [ "$sent" = "$N" ] || { echo "$1: only $sent of $N sent" >&2; tail -3 "$WORK/$1.log" >&2; exit 1; }
  awk -v t0="$t0" -v t1="$t1" -v hz="$TICKS" '{printf "%.2f %.2f\n", $1 + $2, (t1 - t0) / hz}' "$WORK/$1.time" > "$WORK/$1.cpu"
  echo "$N / ($e - $s)" | bc -l
}
unsigned=$(run unsigned)
printf '%-44s %8.0f msg/s   (%.0f%% of smtp-source; target >= 80%%)\n' "sendscope unsigned, every state persisted" "$unsigned" "$(echo "100 * $unsigned / $ref" | bc -l)"
signed=$(run signed)
sign_rate=$(openssl speed -multi "$(nproc)" -seconds 3 rsa2048 2>/dev/null | awk '/^rsa 2048 bits/ {print $6}')
printf '%-44s %8.0f msg/s   (%.0f%% of the RSA-2048 signing rate)\n' "sendscope rsa-2048 signed" "$signed" "$(echo "100 * $signed / $sign_rate" | bc -l)"
printf '%-44s %8.0f sign/s\n' "openssl speed rsa2048 (all cores)" "$sign_rate"

# Where the CPU goes. The sink runs on the same cores, so the signed rate is bounded by
#   cores / (CPU per message outside signing + CPU per signature);
# the first is measured in the unsigned run (sendscope + smtp-sink), the second is
# cores / the signing rate.
read -r cli_u sink_u < "$WORK/unsigned.cpu"
read -r cli_s sink_s < "$WORK/signed.cpu"
cores=$(nproc)
printf 'CPU seconds, unsigned run: sendscope %s, smtp-sink %s;  signed run: sendscope %s, smtp-sink %s\n' "$cli_u" "$sink_u" "$cli_s" "$sink_s"
ceiling=$(echo "$cores / (($cli_u + $sink_u) / $N + $cores / $sign_rate)" | bc -l)
printf '%-44s %8.0f msg/s   (%.0f%% of the signing rate: the most any sender could reach with this sink on these cores)\n' \
  "ceiling with the sink sharing the CPU" "$ceiling" "$(echo "100 * $ceiling / $sign_rate" | bc -l)"
printf '%-44s %8.0f%%   (target >= 90%%)\n' "signed rate as a share of that ceiling" "$(echo "100 * $signed / $ceiling" | bc -l)"
