#!/usr/bin/env bash
# Collection from a real API server (issue 6): starts the control plane of .ci/kube-apiserver.sh (kube-apiserver
# v1.20.2 + etcd + the aggregation controller, on loopback), applies a generated inventory to it with parallel POSTs
# (bench/LiveApply.java), then times whole processes with /usr/bin/time, as bench/run.sh does: the load (can-i, which
# reads everything and answers one query) and scan end to end, from the files and from the cluster, the cluster read
# with the default 4 concurrent lists and with 1 (hidden --list-concurrency). Writes the section between the
# <!-- live:begin --> and <!-- live:end --> markers of bench/RESULTS.md.
#   SIZE=M             inventory (java bench/ClusterGenerator.java --size SIZE --seed 42)
#   RUNS=3             runs per measure (median reported)
#   JAVA_OPTS=-Xmx1g   JVM options for every process
#   APPLY_THREADS=8    parallel POSTs while applying
#   SKIP_BUILD=1       reuse target/rbac-audit.jar as it is
set -euo pipefail

ROOT=$(CDPATH='' cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZE=${SIZE:-M}
RUNS=${RUNS:-3}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
APPLY_THREADS=${APPLY_THREADS:-8}
SEED=42
OUT=target/bench
JAR=target/rbac-audit.jar
KUBE=$ROOT/$OUT/kube-live
# shellcheck source=bench/lib.sh
source bench/lib.sh

[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
[[ -n ${SKIP_BUILD:-} && -f $JAR ]] || { echo "building the jar..." >&2; mvn -B -q -DskipTests package; }
if [[ ! -f $OUT/$SIZE/.seed-$SEED ]]; then
  echo "generating $SIZE..." >&2
  java bench/ClusterGenerator.java --size "$SIZE" --seed "$SEED" --out "$OUT/$SIZE" >&2
  touch "$OUT/$SIZE/.seed-$SEED"
fi

echo "starting the control plane in $KUBE..." >&2
rm -rf "$KUBE"
mkdir -p "$KUBE"
.ci/kube-apiserver.sh start "$KUBE" >"$OUT/kube-live-start.log" 2>&1 \
  || { tail -n 20 "$OUT/kube-live-start.log" >&2; exit 2; }
trap '.ci/kube-apiserver.sh stop "$KUBE" >/dev/null 2>&1 || true' EXIT
KC=$KUBE/admin.kubeconfig

echo "applying $SIZE..." >&2
APPLIED=$(java -cp "$JAR" bench/LiveApply.java "$KUBE" "$OUT/$SIZE" "$APPLY_THREADS")
echo "$APPLIED" >&2

LIVE=$OUT/live-$SIZE
# Once, untimed: a first read that warms the server's caches.
java $JAVA_OPTS -jar "$JAR" scan --cluster --kubeconfig "$KC" --fail-on never -o json --output-file /dev/null
echo "measuring ($RUNS runs each)..." >&2
# The load: everything read and decoded, one query answered.
read -r lf lfm lfl < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" can-i get pods --as x -A "$OUT/$SIZE")
read -r lc lcm lcl < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" can-i get pods --as x -A --cluster \
  --kubeconfig "$KC")
read -r l1 l1m l1l < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" can-i get pods --as x -A --cluster \
  --kubeconfig "$KC" --list-concurrency 1)
# scan end to end with a JSON report.
read -r sf sfm sfl < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" scan "$OUT/$SIZE" --fail-on never \
  -o json --output-file "$LIVE-files.json")
read -r sc scm scl < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" scan --cluster --kubeconfig "$KC" \
  --fail-on never -o json --output-file "$LIVE-cluster.json")
read -r s1 s1m s1l < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" scan --cluster --kubeconfig "$KC" \
  --list-concurrency 1 --fail-on never -o json --output-file "$LIVE-cluster-1.json")

findings() { grep -c '"fingerprint"' "$1" || true; }
# Objects analysed: the sum of the report's inputs.counts (the first "counts" block of the pretty-printed JSON).
analysed() { awk '/"counts": \{/ { c = 1; next } c && /\}/ { exit } c { gsub(/[^0-9]/, "", $2); s += $2 } END { print s }' "$1"; }
TABLE=$OUT/live-table.md
{
  echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -n 2 | tail -n 1), JVM options \`$JAVA_OPTS\`," \
    "$(date -u '+%Y-%m-%d %H:%M UTC'), load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)" \
    "(whole line: per run, in the last column). kube-apiserver v1.20.2 on loopback (\`.ci/kube-apiserver.sh\`)."
  echo
  echo "Applied with \`bench/LiveApply.java\`: $APPLIED"
  echo "Objects analysed: $(analysed "$LIVE-files.json") from the files (ConfigMaps and Services are skipped)," \
    "$(analysed "$LIVE-cluster.json") from the cluster (the applied ones plus the server's own default RBAC and" \
    "namespaces)."
  echo
  echo "| $SIZE | source | wall/CPU s | peak MB | findings | load avg (per run) |"
  echo "| --- | --- | ---: | ---: | ---: | --- |"
  echo "| load (can-i) | files | $lf | $lfm | | $lfl |"
  echo "| load (can-i) | cluster, 4 lists at once (default) | $lc | $lcm | | $lcl |"
  echo "| load (can-i) | cluster, 1 list at a time | $l1 | $l1m | | $l1l |"
  echo "| scan, JSON | files | $sf | $sfm | $(findings "$LIVE-files.json") | $sfl |"
  echo "| scan, JSON | cluster, 4 lists at once (default) | $sc | $scm | $(findings "$LIVE-cluster.json") | $scl |"
  echo "| scan, JSON | cluster, 1 list at a time | $s1 | $s1m | $(findings "$LIVE-cluster-1.json") | $s1l |"
} >"$TABLE"
splice_results live "$TABLE"
cat "$TABLE"
