#!/bin/bash
# Classification throughput (docs/product.md §4, asynchronous qualification): N copies of the
# bounce fixtures (tests/data/bounces/ plus flufl.bounce's samples when installed), first through
# the bench_classify executable (the classifier alone), then through one
# `sendscope-cli feedback classify --json` run (file reading and JSON included); prints bounces/s.
# Target: >= 2,000/s. Use a Release build for figures; a Debug build is several times slower.
#   tests/bench/bench_classify.sh [BUILD_DIR] [N]      (on demand, not in CTest)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build}
N=${2:-5000}
CLI=$BUILD/app/sendscope-cli
[ -x "$CLI" ] || { echo "bench_classify: build sendscope-cli first ($CLI)" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
samples=("$ROOT"/tests/data/bounces/*.eml)
FLUFL=/usr/lib/python3/dist-packages/flufl/bounce/tests/data
[ -d "$FLUFL" ] && samples+=("$FLUFL"/*.txt)
if [ -x "$BUILD/tests/bench_classify" ]; then
  "$BUILD/tests/bench_classify" "$N" "${samples[@]}"
fi
for ((i = 0; i < N; i++)); do
  cp "${samples[i % ${#samples[@]}]}" "$WORK/$i.eml"
done
start=$(date +%s.%N)
"$CLI" feedback classify --json "$WORK"/*.eml > "$WORK/out.json"
end=$(date +%s.%N)
count=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/out.json")
[ "$count" -eq "$N" ] || { echo "bench_classify: $count results for $N files" >&2; exit 1; }
echo "sendscope-cli feedback classify: $N messages in $(echo "$end - $start" | bc) s: $(echo "$N / ($end - $start)" | bc) bounces/s"
