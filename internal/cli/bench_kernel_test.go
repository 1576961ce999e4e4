package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/exec/wasm"
)

// `deco bench kernel` at a small size measures the Go and the C kernel in
// one run, as JSON or as a table; every side renders the same pixels (the
// C and Go kernels print the same checksum).
func TestBenchKernel(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the Go and C kernel modules: several seconds")
	}
	_, err := exec.LookPath("clang")
	haveClang := err == nil
	if !haveClang && os.Getenv("CI") == "true" {
		t.Fatal("clang is missing under CI=true: scripts/prereqs.sh installs it")
	}
	run := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		g := &globals{stdout: &out, stderr: &out}
		cmd := newBenchKernelCmd(g)
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetArgs(args)
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("bench kernel %v: %v\n%s", args, err, out.String())
		}
		return out.String()
	}
	small := []string{"--width", "32", "--height", "24", "--repeat", "1", "--samples", "1"}
	var rep KernelReport
	if err := json.Unmarshal([]byte(run(append(small, "-o", "json")...)), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.NativeMs <= 0 || rep.WASMMs <= 0 || rep.UninterruptedMs <= 0 || !strings.HasPrefix(rep.Checksum, "checksum ") {
		t.Fatalf("Go kernel: %+v", rep)
	}
	if !haveClang {
		if rep.C != nil || !strings.Contains(rep.CError, "apt-get install clang") {
			t.Fatalf("without clang: C %+v, error %q; want how to install it", rep.C, rep.CError)
		}
		t.Skip("clang is not installed: checked the Go part only")
	}
	if c := rep.C; c == nil || c.WASMMs <= 0 || c.UninterruptedMs <= 0 || c.Checks != "fuel" || c.Checksum != rep.Checksum {
		t.Fatalf("C kernel: %+v (%s)", rep.C, rep.CError)
	}
	var out bytes.Buffer // the table, from the same measurements
	printKernel(&out, wasm.KernelSize{Width: 32, Height: 24, Repeat: 1, Samples: 1}, rep)
	table := out.String()
	for _, want := range []string{"C native (clang -O2)", "C wasm in Deco (checks on)", "C wasm bare", "Go native", "Go wasm in Deco", "Go's wasm backend"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}
