#!/usr/bin/env bash
# The benchmark (issue 7): builds the jar, generates the synthetic clusters, and measures whole processes with
# /usr/bin/time: the YAML parse floor, the load alone, scan end to end with JSON, SARIF and HTML reports, paths from
# every starting point, and (in one process, after one load) who-can and can-i latency per query. Writes the table
# between the markers of bench/RESULTS.md; the notes around it are kept.
#   SIZES="S M L"      sizes to run (S=1k, M=10k, L=100k; XL=300k is opt-in: SIZES="S M L XL", about 3 more
#                      minutes on 2 cores)
#   RUNS=3             runs per measure (median reported); XL_RUNS=1
#   JAVA_OPTS=-Xmx1g   JVM options for every process
#   LAUNCHER_OPTS=-XX:TieredStopAtLevel=1
#                      what the ./rbac-audit launcher and the image add; a second table measures scan (and the
#                      floor) with them too
#   QUERY_SIZE=L       inventory for the per-query latency and paths measures
#   SKIP_BUILD=1       reuse target/rbac-audit.jar as it is
set -euo pipefail

ROOT=$(CDPATH='' cd -P -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
SIZES=${SIZES:-S M L}
RUNS=${RUNS:-3}
XL_RUNS=${XL_RUNS:-1}
JAVA_OPTS=${JAVA_OPTS:--Xmx1g}
LAUNCHER_OPTS=${LAUNCHER_OPTS:--XX:TieredStopAtLevel=1}
QUERY_SIZE=${QUERY_SIZE:-L}
SEED=42
OUT=target/bench
JAR=target/rbac-audit.jar
CP=$JAR:$OUT/classes

[[ -x /usr/bin/time ]] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
echo "building the jar..." >&2
[[ -n ${SKIP_BUILD:-} && -f $JAR ]] || mvn -B -q -DskipTests package
mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$JAR" bench/ParseFloor.java bench/QueryBench.java

# The clusters are deterministic for a seed, so an existing one is reused.
for s in $SIZES; do
  if [[ ! -f $OUT/$s/.seed-$SEED ]]; then
    echo "generating $s..." >&2
    java bench/ClusterGenerator.java --size "$s" --seed "$SEED" --out "$OUT/$s" >&2
    touch "$OUT/$s/.seed-$SEED"
  fi
done

# shellcheck source=bench/lib.sh
source bench/lib.sh

objects() { case $1 in S) echo 1000 ;; M) echo 10000 ;; L) echo 100000 ;; XL) echo 300000 ;; esac; }
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1048576 }'; }

TABLE=$OUT/table.md
{
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), \
$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) memory, \
$(java -version 2>&1 | head -n 2 | tail -n 1), JVM options \`$JAVA_OPTS\`, $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "| size | objects | input MB | parse floor wall/CPU s, MB | load wall/CPU s, MB | scan wall/CPU s, MB | scan / floor wall/CPU | findings | JSON MB | SARIF MB | HTML MB | load avg (per run) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
} >"$TABLE"

declare -A SCAN_SECS FLOOR_SECS
for s in $SIZES; do
  runs=$RUNS
  [[ $s == XL ]] && runs=$XL_RUNS
  dir=$OUT/$s
  echo "measuring $s ($runs runs)..." >&2
  read -r fs fm fl < <(measure "$runs" java $JAVA_OPTS -cp "$CP" ParseFloor "$dir")
  # can-i is the load plus one query: the cheapest whole command that reads everything.
  read -r ls lm ll < <(measure "$runs" java $JAVA_OPTS -jar "$JAR" can-i get pods --as x -A "$dir")
  read -r ss sm sl < <(measure "$runs" java $JAVA_OPTS -jar "$JAR" scan "$dir" --fail-on never \
    -o json --output-file "$OUT/$s.json" --report "sarif=$OUT/$s.sarif" --report "html=$OUT/$s.html")
  SCAN_SECS[$s]=${ss%/*}
  FLOOR_SECS[$s]=${fs%/*}
  findings=$(grep -c '"fingerprint"' "$OUT/$s.json" || true)
  input=$(du -sm "$dir" | cut -f1)
  printf '| %s | %s | %s | %s, %s | %s, %s | %s, %s | %s | %s | %s | %s | %s | %s; %s; %s |\n' \
    "$s" "$(objects "$s")" "$input" "$fs" "$fm" "$ls" "$lm" "$ss" "$sm" \
    "$(awk -v a="$ss" -v b="$fs" 'BEGIN { split(a, x, "/"); split(b, y, "/"); printf "%.1fx / %.1fx", x[1] / y[1], x[2] / y[2] }')" "$findings" "$(mb "$OUT/$s.json")" \
    "$(mb "$OUT/$s.sarif")" "$(mb "$OUT/$s.html")" "$fl" "$ll" "$sl" >>"$TABLE"
done

# Scan time per growth step against n log n: a ratio at or under the n log n ratio meets the target.
{
  echo
  echo "| step | objects x | scan wall time x | n log n x |"
  echo "| --- | ---: | ---: | ---: |"
  prev=
  for s in $SIZES; do
    if [[ -n $prev ]]; then
      awk -v p="$prev" -v s="$s" -v a="$(objects "$prev")" -v b="$(objects "$s")" \
        -v ta="${SCAN_SECS[$prev]}" -v tb="${SCAN_SECS[$s]}" \
        'BEGIN { printf "| %s -> %s | %.0f | %.1f | %.1f |\n", p, s, b / a, tb / ta, b * log(b) / (a * log(a)) }'
    fi
    prev=$s
  done
} >>"$TABLE"

# As shipped: the launcher and the image run the JVM with LAUNCHER_OPTS (no optimising compiler). The floor is
# measured under the same options too; the ratio that counts is against the floor above (snakeyaml at its best).
{
  echo
  echo "With the launcher's JVM options (\`$JAVA_OPTS $LAUNCHER_OPTS\`, as \`./rbac-audit\` and the image run it):"
  echo
  echo "| size | scan wall/CPU s, MB | scan / floor above (wall) | parse floor, same options, wall/CPU s | load avg (per run) |"
  echo "| --- | ---: | ---: | ---: | --- |"
} >>"$TABLE"
for s in $SIZES; do
  runs=$RUNS
  [[ $s == XL ]] && runs=$XL_RUNS
  dir=$OUT/$s
  echo "measuring $s with the launcher's options ($runs runs)..." >&2
  # shellcheck disable=SC2086
  read -r cs cm cl < <(measure "$runs" java $JAVA_OPTS $LAUNCHER_OPTS -jar "$JAR" scan "$dir" --fail-on never \
    -o json --output-file "$OUT/$s.c1.json" --report "sarif=$OUT/$s.c1.sarif" --report "html=$OUT/$s.c1.html")
  # shellcheck disable=SC2086
  read -r cf _ _ < <(measure "$runs" java $JAVA_OPTS $LAUNCHER_OPTS -cp "$CP" ParseFloor "$dir")
  printf '| %s | %s, %s | %s | %s | %s |\n' "$s" "$cs" "$cm" \
    "$(awk -v a="${cs%/*}" -v b="${FLOOR_SECS[$s]}" 'BEGIN { printf "%.1fx", a / b }')" "$cf" "$cl" >>"$TABLE"
  rm -f "$OUT/$s.c1.json" "$OUT/$s.c1.sarif" "$OUT/$s.c1.html"
done

if [[ -d $OUT/$QUERY_SIZE ]]; then
  dir=$OUT/$QUERY_SIZE
  echo "measuring queries and paths on $QUERY_SIZE..." >&2
  read -r ps pm pl < <(measure "$RUNS" java $JAVA_OPTS -jar "$JAR" paths "$dir")
  read -r ls lm ll < <(measure 1 java $JAVA_OPTS -jar "$JAR" can-i get pods --as x -A "$dir")
  {
    echo
    echo "Queries on $QUERY_SIZE, one process, loaded once (\`java $JAVA_OPTS -cp $CP QueryBench $dir 1000\`):"
    echo
    echo '```'
    java $JAVA_OPTS -cp "$CP" QueryBench "$dir" 1000
    echo '```'
    echo
    echo "\`rbac-audit paths $dir\` (every starting point to cluster-admin) as a whole process: $ps s wall/CPU, $pm MB \
(load alone: $ls s; load average $pl)."
  } >>"$TABLE"
fi

splice_results table "$TABLE"
cat "$TABLE"
