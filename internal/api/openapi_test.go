package api_test

import (
	"bytes"
	"flag"
	"os"
	"testing"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/node"
)

var update = flag.Bool("update", false, "rewrite openapi.json from the code (go generate ./internal/api)")

// TestOpenAPIFile fails when the committed openapi.json (what the node
// serves) is not what the code generates.
func TestOpenAPIFile(t *testing.T) {
	doc, err := api.OpenAPI(node.Version)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("openapi.json", doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, doc) {
		t.Fatal("internal/api/openapi.json differs from what the code generates: run `go generate ./internal/api` and commit the file")
	}
	again, err := api.OpenAPI(node.Version)
	if err != nil || !bytes.Equal(again, doc) {
		t.Fatalf("OpenAPI is not deterministic (%v)", err)
	}
}
