package e2e

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/deco-network/deco/internal/api"
)

// Issue 17, big-data analytics: examples/jobs/wordcount.yaml, a map stage
// over the 4 shards of examples/jobs/data/wordcount and a reduce stage
// that reads the map outputs by content address from the map providers,
// run on a devnet with `deco job submit --wait --output-dir`. The counts
// it downloads are the word count computed here, independently of the
// guests' code.
func TestWordCountStages(t *testing.T) {
	dir, _ := startDevnet(t, 3)
	root := repoRoot()
	out := t.TempDir()
	id, err := deco(t, dir, "job", "submit", filepath.Join(root, "examples", "jobs", "wordcount.yaml"), "--id-only", "--wait", "--output-dir", out)
	if err != nil {
		t.Fatal(err)
	}
	j := describe(t, dir, strings.TrimSpace(id))
	if j.State != api.JobCompleted || len(j.Stages) != 2 {
		t.Fatalf("job %s: %s (%d stages)", j.State, j.Reason, len(j.Stages))
	}
	for _, s := range j.Stages {
		if s.State != api.JobCompleted {
			t.Fatalf("stage %s: %s %s", s.Name, s.State, s.Reason)
		}
	}
	want := map[string]int{}
	shards, _ := filepath.Glob(filepath.Join(root, "examples", "jobs", "data", "wordcount", "shard-*.txt"))
	if len(shards) != 4 {
		t.Fatalf("%d shards in the corpus, want 4", len(shards))
	}
	for _, p := range shards {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range strings.FieldsFunc(string(b), func(r rune) bool { return !unicode.IsLetter(r) }) {
			want[strings.ToLower(w)]++
		}
	}
	got := map[string]int{}
	for task := 0; task < 2; task++ {
		f, err := os.Open(filepath.Join(out, "reduce", strconv.Itoa(task), "outputs", "counts.txt"))
		if err != nil {
			t.Fatalf("reduce task %d's counts were not downloaded: %v", task, err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var w string
			var n int
			if _, err := fmt.Sscanf(sc.Text(), "%s %d", &w, &n); err != nil {
				t.Fatalf("reduce task %d line %q: %v", task, sc.Text(), err)
			}
			got[w] += n
		}
		f.Close()
	}
	if len(got) != len(want) {
		t.Fatalf("%d distinct words counted, want %d", len(got), len(want))
	}
	for w, n := range want {
		if got[w] != n {
			t.Fatalf("%q counted %d times, want %d", w, got[w], n)
		}
	}
	// The map outputs stayed with the map providers: nothing of stage map
	// was downloaded, only the final stage.
	if _, err := os.Stat(filepath.Join(out, "map")); !os.IsNotExist(err) {
		t.Fatalf("stage map's outputs were downloaded too (%v)", err)
	}
}

// A map stage whose program fails fails the job with the stage's name and
// the program's exit; the reduce stage never starts.
func TestWordCountStageFails(t *testing.T) {
	dir, _ := startDevnet(t, 2)
	root := repoRoot()
	b, err := os.ReadFile(filepath.Join(root, "examples", "jobs", "wordcount.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The same job, every map task told to fail, paths made absolute.
	job := strings.Replace(string(b), `      args: ["2"]`, "      args: [\"2\"]\n      env: {WORDCOUNT_FAIL: \"1\"}", 1)
	job = strings.ReplaceAll(job, "../wordcount/", filepath.Join(root, "examples", "wordcount")+"/")
	job = strings.ReplaceAll(job, "path: data/", "path: "+filepath.Join(root, "examples", "jobs", "data")+"/")
	job = strings.Replace(job, "    price:\n      max: 0.01\n", "    price:\n      max: 0.01\n    verification: receipt\n", 1)
	tmp := t.TempDir()
	if err := os.WriteFile(filepath.Join(tmp, "fail.yaml"), []byte(job), 0o644); err != nil {
		t.Fatal(err)
	}
	// --wait returns an error for a failed job; the state is checked below.
	id, _ := deco(t, dir, "job", "submit", filepath.Join(tmp, "fail.yaml"), "--id-only", "--wait")
	j := describe(t, dir, strings.TrimSpace(id))
	if j.State != api.JobFailed || !strings.Contains(j.Reason, "stage map failed") || !strings.Contains(j.Reason, "exited with code 3") {
		t.Fatalf("job %s: %q, want failed naming stage map and its exit code", j.State, j.Reason)
	}
	if r := j.Stages[1]; r.Name != "reduce" || r.State != api.JobCancelled || len(r.Tasks) != 0 {
		t.Fatalf("stage reduce: %s with %d tasks, want cancelled before it started", r.State, len(r.Tasks))
	}
	text, err := deco(t, dir, "job", "describe", strings.TrimSpace(id))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Stage map") || !strings.Contains(text, "Stage reduce") {
		t.Fatalf("describe does not show the stages:\n%s", text)
	}
}
