package cli

import (
	"bytes"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// `deco bench report --quick` measures every section on real in-process
// networks and writes report.md: every section is there with numbers,
// none says it was not measured, and every figure it links is a PNG that
// decodes.
func TestBenchReport(t *testing.T) {
	if testing.Short() {
		t.Skip("starts several networks and sets up a zk circuit (about two minutes)")
	}
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"bench", "report", "--quick", "--out", dir}, &out, &errb); code != 0 {
		t.Fatalf("bench report exited %d:\n%s", code, errb.String())
	}
	// Progress: one line per step with its elapsed time.
	if n := len(regexp.MustCompile(`(?m)^\[\d/7\] .*: done in `).FindAllString(errb.String(), -1)); n != 7 {
		t.Fatalf("%d steps reported done, want 7:\n%s", n, errb.String())
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(b)
	if strings.Contains(md, "Not measured") {
		t.Fatalf("a section was not measured:\n%s", md)
	}
	if strings.Contains(md, "FAILED") {
		t.Fatalf("a workload's result differs from the one computed outside Deco:\n%s", md)
	}
	number := regexp.MustCompile(`\d+\.\d+`)
	sections := []struct{ title, mustHave string }{
		{"Machine", "cores"},
		{"Overhead vs a local run", "local wazero (baseline)"},
		{"Throughput vs providers", "ideal"},
		{"Verification cost per policy", "replicate:3"},
		{"zk proving time and settlement gas", "local proof (baseline)"},
		{"Recovery after a crash", "no crash (baseline"},
		{"Cost and time per workload", "kernel"},
	}
	for i, s := range sections {
		start := strings.Index(md, "\n## "+s.title+"\n")
		if start < 0 {
			t.Fatalf("report.md has no section %q:\n%s", s.title, md)
		}
		body := md[start+len(s.title)+5:]
		if i+1 < len(sections) {
			body = body[:max(0, strings.Index(body, "\n## "))]
		}
		if !strings.Contains(body, s.mustHave) || (s.title != "Machine" && !number.MatchString(body)) {
			t.Fatalf("section %q lacks %q or numbers:\n%s", s.title, s.mustHave, body)
		}
	}
	figs := regexp.MustCompile(`!\[[^\]]*\]\(([^)]+\.png)\)`).FindAllStringSubmatch(md, -1)
	if len(figs) < 7 {
		t.Fatalf("%d figures linked, want at least 7", len(figs))
	}
	for _, f := range figs {
		r, err := os.Open(filepath.Join(dir, f[1]))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f[1], err)
		}
		if b := img.Bounds(); b.Dx() < 100 || b.Dy() < 100 {
			t.Fatalf("%s is %v", f[1], b)
		}
	}
	if !strings.Contains(md, "settleWithProof") {
		t.Fatalf("no proof settlement gas in the report:\n%s", md)
	}
}
