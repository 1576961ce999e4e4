package wasm

import (
	"bytes"
	"testing"

	dexec "github.com/deco-network/deco/internal/exec"
)

// The live writers get exactly what is captured, within the caps.
func TestLiveOutputIsWhatIsCaptured(t *testing.T) {
	t.Parallel()
	var out, errs bytes.Buffer
	res, err := run(t, dexec.Spec{Module: guest(t, "spam"), StdoutLimit: 100 << 10, StderrLimit: 1000, LiveStdout: &out, LiveStderr: &errs})
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("got %v exit %d", err, res.ExitCode)
	}
	if !bytes.Equal(out.Bytes(), res.Stdout) || !bytes.Equal(errs.Bytes(), res.Stderr) || out.Len() != 100<<10 || errs.Len() != 1000 {
		t.Fatalf("live got %d and %d bytes, captured %d and %d", out.Len(), errs.Len(), len(res.Stdout), len(res.Stderr))
	}
}
