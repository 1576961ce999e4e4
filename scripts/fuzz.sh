#!/usr/bin/env bash
# Runs every native Go fuzz target in the module for a fixed number of
# executions each, one target at a time, and prints a table of executions,
# seconds and executions per second. It is a benchmark-sized run, not part
# of `make test`: plain `go test` only replays the seeds and the corpora
# kept in each package's testdata/fuzz/.
#
# Usage: scripts/fuzz.sh [-k] [regexp]   (only targets whose name matches)
#   -k                  keep a sample of the corpus in the package (below)
#   FUZZ_EXECS=1000000  executions per target (0: run nothing, e.g. with -k)
#   FUZZ_PARALLEL=1     fuzzing workers per target (the machine is shared)
#   FUZZ_MINIMIZE=0     time to shrink each new input (go test's
#                       -fuzzminimizetime, which defaults to 60s: on a busy
#                       machine shrinking, not fuzzing, then takes the run)
#
# New inputs the fuzzer finds stay in $(go env GOCACHE)/fuzz/<pkg>/<target>;
# a failing input is written to <pkg>/testdata/fuzz/<target>/ by go test.
# With -k, up to 50 of the cached inputs (at most 8 KiB each, 200 KiB in
# all) are copied to <pkg>/testdata/fuzz/<target>/ so that plain go test
# replays them; commit them.
set -euo pipefail
cd "$(dirname "$0")/.."

keep=0
if [[ ${1:-} == -k ]]; then
	keep=1
	shift
fi
execs=${FUZZ_EXECS:-1000000}
workers=${FUZZ_PARALLEL:-1}
minimize=${FUZZ_MINIMIZE:-0}
only=${1:-.}
logs=$(mktemp -d)
cache=$(go env GOCACHE)/fuzz/$(go list -m)
failed=0

# keep_corpus PKG TARGET copies a bounded sample of the cached corpus; the
# names are content hashes, so sorting by name samples without bias.
keep_corpus() {
	local src=$cache/${1#./}/$2 dst=$1/testdata/fuzz/$2 total=0 n=0 f size
	[[ -d $src ]] || return 0
	mkdir -p "$dst"
	for f in $(find "$src" -type f -size -8193c | sort); do
		size=$(stat -c %s "$f")
		((n < 50 && total + size <= 200 * 1024)) || break
		cp "$f" "$dst/"
		total=$((total + size))
		n=$((n + 1))
	done
}

# seconds is time spent fuzzing as go test reports it; wall adds the build.
printf '%-26s %-24s %10s %8s %9s %6s %s\n' target package execs seconds execs/s wall result
while read -r file name; do
	pkg=./$(dirname "$file")
	[[ $name =~ $only ]] || continue
	log=$logs/$name.log
	start=$(date +%s.%N)
	result=ok
	: >"$log"
	if ((execs > 0)); then
		go test -run '^$' -fuzz "^${name}\$" -fuzztime "${execs}x" -parallel "$workers" -fuzzminimizetime "$minimize" "$pkg" >"$log" 2>&1 || result="FAIL (see $log)"
	fi
	wall=$(echo "$(date +%s.%N) - $start" | bc)
	# The last progress line reports the executions made and the time
	# fuzzing took (a Go duration such as 8m7s).
	last=$(grep 'execs: [0-9]*' "$log" | tail -1 || true)
	done_execs=$(grep -o 'execs: [0-9]*' <<<"$last" | tr -dc 0-9 || true)
	done_execs=${done_execs:-0}
	secs=$(grep -o 'elapsed: [0-9hms.]*' <<<"$last" | cut -d' ' -f2 |
		awk -F'[hms]' '/h/ {print $1*3600+$2*60+$3; next} /m/ {print $1*60+$2; next} {print $1+0}' || true)
	secs=${secs:-0}
	rate=0
	if [[ $secs != 0 ]]; then rate=$(echo "$done_execs / $secs" | bc); fi
	printf '%-26s %-24s %10s %8s %9s %6.0f %s\n' "$name" "${pkg#./}" "$done_execs" "$secs" "$rate" "$wall" "$result"
	[[ $result == ok ]] || failed=1
	if ((keep)); then keep_corpus "$pkg" "$name"; fi
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sed 's/:func / /' | sort -u)
exit $failed
