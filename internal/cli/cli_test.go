package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/exec/wasm"
)

func cluster(t *testing.T, providers int) *inproc.Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := inproc.Start(ctx, inproc.Options{Providers: providers})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// deco runs the CLI in-process against the cluster's consumer.
func deco(t *testing.T, c *inproc.Cluster, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{}, args...)
	full = append(full, "--api", c.Consumer.APIURL(), "--token", c.Consumer.Token())
	if i := indexOf(args, "--"); i >= 0 {
		// flags must come before "--"
		full = append(append(append([]string{}, args[:i]...), "--api", c.Consumer.APIURL(), "--token", c.Consumer.Token()), args[i:]...)
	}
	code := run(full, &out, &errb)
	return out.String(), errb.String(), code
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestRunWaitDownloadsResults(t *testing.T) {
	c := cluster(t, 2)
	mod := filepath.Join(t.TempDir(), "min.wasm")
	os.WriteFile(mod, wasm.MinimalModule(), 0o644)
	dir := t.TempDir()
	out, errs, code := deco(t, c, "run", "--wasm", mod, "--tasks", "3", "--wait", "--output-dir", dir, "--", "a", "{{index}}")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	if !strings.Contains(out, "COMPLETED") {
		t.Fatalf("summary: %s", out)
	}
	for i := 0; i < 3; i++ {
		for _, f := range []string{"stdout", "receipt.json"} {
			if _, err := os.Stat(filepath.Join(dir, itoa(i), f)); err != nil {
				t.Fatalf("task %d: %v", i, err)
			}
		}
	}
	// list and describe, as JSON
	out, _, code = deco(t, c, "job", "list", "-o", "json")
	var list []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &list) != nil || len(list) != 1 {
		t.Fatalf("list: %d %s", code, out)
	}
	id := list[0]["id"].(string)
	out, _, code = deco(t, c, "job", "describe", id[:6], "-o", "json")
	var j api.JobView
	if code != 0 || json.Unmarshal([]byte(out), &j) != nil {
		t.Fatalf("describe: %d %s", code, out)
	}
	if j.State != api.JobCompleted || len(j.Tasks) != 3 || j.Tasks[0].OutputRoot == "" || len(j.Tasks[0].Attempts) == 0 {
		t.Fatalf("describe: %+v", j)
	}
	var raw map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"id", "state", "reason", "tasks"} {
		if _, ok := raw[k]; !ok {
			t.Fatalf("describe -o json lacks %q", k)
		}
	}
	task := raw["tasks"].([]any)[0].(map[string]any)
	for _, k := range []string{"index", "state", "reason", "provider", "attempts", "output_root"} {
		if _, ok := task[k]; !ok {
			t.Fatalf("task lacks %q", k)
		}
	}
	out, _, code = deco(t, c, "job", "logs", id)
	if code != 0 || !strings.Contains(out, "verified") {
		t.Fatalf("logs: %d %s", code, out)
	}
	out, _, code = deco(t, c, "providers", "-o", "yaml")
	if code != 0 || !strings.Contains(out, "benchmark") {
		t.Fatalf("providers: %d %s", code, out)
	}
}

func TestSubmitInvalidSpecNamesField(t *testing.T) {
	c := cluster(t, 1)
	f := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(f, []byte("program: {wasm: x.wasm}\ntasks: {count: 0}\nresources: {memory: 10GiB}\n"), 0o644)
	_, errs, code := deco(t, c, "job", "submit", f)
	if code == 0 || !strings.Contains(errs, "resources.memory") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, errs, code = deco(t, c, "run", "--wasm", "/does/not/exist.wasm")
	if code == 0 || !strings.Contains(errs, "no such file") {
		t.Fatalf("exit %d: %s", code, errs)
	}
}

func TestWaitExitsNonZeroOnFailure(t *testing.T) {
	c := cluster(t, 1)
	mod := filepath.Join(t.TempDir(), "bad.wasm")
	os.WriteFile(mod, []byte("garbage"), 0o644)
	_, errs, code := deco(t, c, "run", "--wasm", mod, "--wait")
	if code == 0 || !strings.Contains(errs, "invalid WebAssembly module") {
		t.Fatalf("exit %d: %s", code, errs)
	}
}

// The README's example spec runs: inputs are uploaded, mounted read-only at
// /inputs, and every task's result names its index and the input's hash.
func TestSubmitExampleSpec(t *testing.T) {
	c := cluster(t, 2)
	dir := t.TempDir()
	out, errs, code := deco(t, c, "job", "submit", "../../examples/jobs/hello.yaml", "--wait", "--output-dir", dir)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	greeting, _ := os.ReadFile("../../examples/jobs/data/greeting.txt")
	sum := sha256.Sum256(greeting)
	for i := 0; i < 4; i++ {
		b, err := os.ReadFile(filepath.Join(dir, itoa(i), "outputs", "result.txt"))
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"task " + itoa(i) + " of 4", "square " + itoa(i*i), "input greeting.txt ", hex.EncodeToString(sum[:])}
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Fatalf("task %d result.txt lacks %q:\n%s", i, w, b)
			}
		}
	}
}

// describe names the tasks whose logs a provider cut at its limit.
func TestTruncatedLogsNote(t *testing.T) {
	if got := truncatedLogs([]api.TaskView{{Index: 0}, {Index: 1}}); got != "" {
		t.Fatalf("no task was cut, got %q", got)
	}
	got := truncatedLogs([]api.TaskView{{Index: 0}, {Index: 1, LogsTruncated: true}, {Index: 4, LogsTruncated: true}})
	if !strings.HasPrefix(got, "Logs truncated: task 1, 4 wrote more than 1MiB") {
		t.Fatalf("note %q", got)
	}
}
