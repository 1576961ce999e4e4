# The whole test suite: installs what tests need (npm packages for the
# contracts, geth for the stock-node test), then vets and tests everything.
.PHONY: test prereqs demo build vet

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
