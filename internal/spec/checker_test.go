package spec

import (
	"strings"
	"testing"
)

// The spec: check needs a checker, a checker needs check, local checks do
// not apply.
func TestCheckSpec(t *testing.T) {
	for _, c := range []struct {
		yaml, want string
	}{
		{"program: {wasm: m.wasm}\nverification: check\n", "checker: verification check needs a checker"},
		{"program: {wasm: m.wasm}\nverification: receipt\nchecker: {wasm: c.wasm}\n", "checker: a checker judges results only with verification: check"},
		{"program: {wasm: m.wasm}\nverification: check\nchecker: {wasm: c.wasm}\nchecks: {local: 0.5}\n", "checks: the checker judges every result"},
		{"program: {wasm: m.wasm}\nverification: check\nchecker: {}\n", "checker: set checker.wasm"},
		{"program: {wasm: m.wasm}\nverification: check\nchecker: {wasm: c.wasm}\n", ""},
	} {
		_, err := Parse([]byte(c.yaml))
		if (err == nil) != (c.want == "") || err != nil && !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.yaml, err, c.want)
		}
	}
}
