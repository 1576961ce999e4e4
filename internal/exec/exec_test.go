package exec

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestWithDefaults(t *testing.T) {
	got := Spec{}.WithDefaults()
	if got.MemoryLimit != DefaultMemoryLimit || got.Timeout != DefaultTimeout || got.StdoutLimit != DefaultStdoutLimit ||
		got.StderrLimit != DefaultStderrLimit || got.MaxOutputBytes != DefaultMaxOutputBytes {
		t.Fatalf("defaults not applied: %+v", got)
	}
	set := Spec{MemoryLimit: 1, Timeout: time.Second, StdoutLimit: 2, StderrLimit: 3, MaxOutputBytes: 4}
	if got := set.WithDefaults(); got.MemoryLimit != 1 || got.Timeout != time.Second || got.StdoutLimit != 2 || got.StderrLimit != 3 || got.MaxOutputBytes != 4 {
		t.Fatalf("explicit limits overridden: %+v", got)
	}
}

// The node and the CLI show these messages to users and match on them.
func TestSentinelMessages(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{ErrTimeLimit, "time limit"},
		{ErrMemoryLimit, "memory limit"},
		{ErrBadModule, "invalid WebAssembly module"},
		{ErrOutputTooLarge, "output limit"},
		{ErrMissingInput, "missing input"},
	} {
		wrapped := fmt.Errorf("%w: detail", tt.err)
		if !strings.Contains(wrapped.Error(), tt.want) || !errors.Is(wrapped, tt.err) {
			t.Errorf("%v: want a message containing %q", tt.err, tt.want)
		}
	}
}
