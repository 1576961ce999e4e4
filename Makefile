# The whole test suite: installs what tests need (npm packages for the
# contracts, geth for the stock-node test), then vets and tests everything.
.PHONY: test prereqs demo build vet fuzz

test: prereqs vet
	go test -timeout 30m ./...

prereqs:
	./scripts/prereqs.sh

vet:
	go vet ./...

build:
	go build -o bin/deco ./cmd/deco

demo:
	go run ./cmd/deco demo

# Fuzzes every decoder of untrusted bytes, one target at a time, for
# FUZZ_EXECS executions each (default 1M); a benchmark-sized run, not part
# of test. FUZZ_FLAGS=-k keeps a sample of the corpora in testdata/fuzz.
fuzz:
	./scripts/fuzz.sh $(FUZZ_FLAGS)
