#!/usr/bin/env bash
# Runs every native Go fuzz target in the module for a fixed number of
# executions each, one target at a time, and prints a table of executions,
# seconds and executions per second. It is a benchmark-sized run, not part
# of `make test`: plain `go test` only replays the seeds and the corpora
# kept in each package's testdata/fuzz/.
#
# Usage: scripts/fuzz.sh [regexp]      (only targets whose name matches)
#   FUZZ_EXECS=1000000  executions per target
#   FUZZ_PARALLEL=1     fuzzing workers per target (the machine is shared)
#
# New inputs the fuzzer finds stay in $(go env GOCACHE)/fuzz/<pkg>/<target>;
# a failing input is written to <pkg>/testdata/fuzz/<target>/ by go test.
set -euo pipefail
cd "$(dirname "$0")/.."

execs=${FUZZ_EXECS:-1000000}
workers=${FUZZ_PARALLEL:-1}
only=${1:-.}
logs=$(mktemp -d)
failed=0

printf '%-26s %-24s %10s %8s %9s %s\n' target package execs seconds execs/s result
while read -r file name; do
	pkg=./$(dirname "$file")
	[[ $name =~ $only ]] || continue
	log=$logs/$name.log
	start=$(date +%s.%N)
	result=ok
	go test -run '^$' -fuzz "^${name}\$" -fuzztime "${execs}x" -parallel "$workers" "$pkg" >"$log" 2>&1 || result="FAIL (see $log)"
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	# The last progress line reports the executions actually made.
	done_execs=$(grep -o 'execs: [0-9]*' "$log" | tail -1 | tr -dc 0-9)
	done_execs=${done_execs:-0}
	rate=$(echo "$done_execs / $secs" | bc)
	printf '%-26s %-24s %10s %8.1f %9s %s\n' "$name" "${pkg#./}" "$done_execs" "$secs" "$rate" "$result"
	[[ $result == ok ]] || failed=1
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sed 's/:func / /' | sort -u)
exit $failed
