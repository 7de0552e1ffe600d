# Shared by bench/run.sh and bench/live.sh (sourced; needs OUT set): timing whole processes, and writing a generated
# section of bench/RESULTS.md between its markers.

loadavg() { cut -d' ' -f1 /proc/loadavg; }

# measure RUNS CMD...: prints "median_wall_s/median_cpu_s median_peak_MB load_averages" over RUNS runs of CMD.
# CPU time (user + system) is reported next to wall time because on a shared machine it is the steadier number.
measure() {
  local runs=$1 i secs=() cpus=() mems=() loads=()
  shift
  for ((i = 0; i < runs; i++)); do
    loads+=("$(loadavg)")
    /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.txt" "$@" >/dev/null 2>"$OUT/stderr.txt" || true
    # With a non-zero exit, time writes "Command exited with non-zero status N" first: the numbers are last.
    read -r s m u y < <(tail -n 1 "$OUT/time.txt") || { tail -n 5 "$OUT/time.txt" "$OUT/stderr.txt" >&2; exit 2; }
    secs+=("$s")
    cpus+=("$(awk -v u="$u" -v y="$y" 'BEGIN { printf "%.1f", u + y }')")
    mems+=("$((m / 1024))")
  done
  printf '%s/%s %s %s\n' "$(printf '%s\n' "${secs[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")" \
    "$(printf '%s\n' "${mems[@]}" | sort -g | sed -n "$(((runs + 1) / 2))p")" "$(IFS=/; echo "${loads[*]}")"
}

# splice_results NAME FILE: puts FILE between the <!-- NAME:begin --> and <!-- NAME:end --> markers of
# bench/RESULTS.md (appending the markers when missing), keeping everything around them.
splice_results() {
  local name=$1 table=$2 results=bench/RESULTS.md
  if [[ ! -f $results ]]; then
    printf '# Benchmark results\n' >"$results"
  fi
  if ! grep -q "<!-- $name:begin -->" "$results"; then
    printf '\n<!-- %s:begin -->\n<!-- %s:end -->\n' "$name" "$name" >>"$results"
  fi
  awk -v table="$table" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
    $0 == begin { print; while ((getline line < table) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }' "$results" >"$results.tmp"
  mv "$results.tmp" "$results"
}
