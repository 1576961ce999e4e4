package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
)

func TestTaskProgress(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 1, 0, 0, time.UTC)
	started := now.Add(-75 * time.Second)
	for _, tc := range []struct {
		name string
		t    api.TaskView
		want string
	}{
		{"reported", api.TaskView{Attempts: []api.AttemptView{{State: "running", Permille: 425, Started: started}}}, "42.5%"},
		{"not reported", api.TaskView{Attempts: []api.AttemptView{{State: "running", Started: started}}}, "running 1m15s"},
		{"the live attempt", api.TaskView{Attempts: []api.AttemptView{{State: "failed", Permille: 900}, {State: "running", Permille: 10, Started: started}}}, "1.0%"},
		{"ended", api.TaskView{Attempts: []api.AttemptView{{State: "verified", Permille: 1000}}}, ""},
		{"waiting", api.TaskView{Attempts: []api.AttemptView{{State: "assigned", Started: started}}}, ""},
	} {
		if got := taskProgress(tc.t, now); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// The final log adds only what did not come live, and all of itself when
// what came live is not its beginning (another attempt's, say).
func TestLogPrinterRest(t *testing.T) {
	var out, errs strings.Builder
	p := newLogPrinter(&out, &errs, 2)
	p.Line(api.LogLine{Index: 1, Attempt: 2, Stream: "stdout", Text: "a\nb\n"})
	p.Line(api.LogLine{Index: 1, Attempt: 2, Stream: "stderr", Text: "oops\n"})
	if out.String() != "[task 1] a\n[task 1] b\n" || errs.String() != "[task 1] oops\n" {
		t.Fatalf("printed %q and %q", out.String(), errs.String())
	}
	if rest, live := p.Rest(1, 2, "stdout", "a\nb\nc\n"); rest != "c\n" || !live {
		t.Fatalf("rest %q %v", rest, live)
	}
	if rest, live := p.Rest(1, 3, "stdout", "a\nb\nc\n"); rest != "a\nb\nc\n" || live {
		t.Fatalf("another attempt: rest %q %v", rest, live)
	}
	if rest, live := p.Rest(1, 2, "stderr", "other\n"); rest != "other\n" || live {
		t.Fatalf("not a prefix: rest %q %v", rest, live)
	}
}

// `deco job logs -f` on a job that has ended prints everything its
// program wrote, once: what came live while it ran, then the rest.
func TestLogsFollowAfterTheJobEnded(t *testing.T) {
	c := cluster(t, 1)
	mod := filepath.Join(t.TempDir(), "chatty.wasm")
	build := exec.Command("go", "build", "-o", mod, "github.com/deco-network/deco/examples/hostile/chatty")
	build.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build chatty: %v\n%s", err, b)
	}
	id, errs, code := deco(t, c, "run", "--wasm", mod, "--id-only", "--", "--lines", "3", "--work", "150")
	if code != 0 {
		t.Fatalf("run: %d %s", code, errs)
	}
	id = strings.TrimSpace(id)
	if _, errs, code := deco(t, c, "job", "logs", id, "-f"); code != 0 { // follows until the job ends
		t.Fatalf("logs -f while it runs: %d %s", code, errs)
	}
	out, errs, code := deco(t, c, "job", "logs", id, "-f")
	if code != 0 {
		t.Fatalf("logs -f after the end: %d %s", code, errs)
	}
	all := out + errs
	for _, want := range []string{"chatty line 0\n", "chatty line 1\n", "chatty line 2\n", "chatty done", "chatty progress 0/3\n", "chatty progress 2/3\n"} {
		if n := strings.Count(all, want); n != 1 {
			t.Errorf("%q printed %d times, want once:\n%s\n%s", want, n, out, errs)
		}
	}
	t.Logf("logs -f after the end:\n%s%s", out, errs)
}
