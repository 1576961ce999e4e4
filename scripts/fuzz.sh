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

printf '%-26s %-24s %10s %8s %9s %s\n' target package execs seconds execs/s result
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
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	# The last progress line reports the executions actually made.
	done_execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | tr -dc 0-9 || true)
	done_execs=${done_execs:-0}
	rate=$(echo "$done_execs / $secs" | bc)
	printf '%-26s %-24s %10s %8.1f %9s %s\n' "$name" "${pkg#./}" "$done_execs" "$secs" "$rate" "$result"
	[[ $result == ok ]] || failed=1
	if ((keep)); then keep_corpus "$pkg" "$name"; fi
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sed 's/:func / /' | sort -u)
exit $failed
