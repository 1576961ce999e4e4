package spec

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

func TestParseExample(t *testing.T) {
	b, err := os.ReadFile("testdata/render.yaml")
	if err != nil {
		t.Fatal(err)
	}
	j, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if j.Tasks.Count != 8 || j.Resources.Memory != 128<<20 || time.Duration(j.Timeout) != 30*time.Second || j.Price.Max != 20000 {
		t.Fatalf("decoded %+v", j)
	}
	if got := j.ArgsFor(3); strings.Join(got, " ") != "--tile 3 --tiles 8" {
		t.Fatalf("args %v", got)
	}
	env := j.EnvFor(2)
	if env["DECO_TASK_INDEX"] != "2" || env["DECO_TASK_COUNT"] != "8" || env["QUALITY"] != "high" {
		t.Fatalf("env %v", env)
	}
	if j.Inputs[0].Name != "scene.txt" {
		t.Fatalf("input name %q", j.Inputs[0].Name)
	}
	if err := j.Resolved(); err == nil {
		t.Fatal("unresolved spec passed Resolved")
	}
}

func TestValidateErrors(t *testing.T) {
	tests := []struct {
		name, yaml, path, reason string
	}{
		{"no program", "tasks: {count: 2}", "program", "set program.wasm"},
		{"zero tasks", "program: {wasm: a.wasm}\ntasks: {count: -1}", "tasks.count", "between 1 and"},
		{"bad memory", "program: {wasm: a.wasm}\nresources: {memory: 10GiB}", "resources.memory", "between 1MiB and 4GiB"},
		{"bad size", "program: {wasm: a.wasm}\nresources: {memory: lots}", "(yaml)", "bad size"},
		{"bad timeout", "program: {wasm: a.wasm}\ntimeout: 1ms", "timeout", "between 10ms"},
		{"bad price", "program: {wasm: a.wasm}\nprice: {max: -3}", "(yaml)", "amount must be"},
		{"unknown policy", "program: {wasm: a.wasm}\nverification: magic", "verification", "unknown policy"},
		{"typo field", "program: {wasm: a.wasm}\ntaks: {count: 2}", "(yaml)", "field taks not found"},
		{"bad template", "program: {wasm: a.wasm}\ntasks: {args: ['{{idx}}']}", "tasks.args[0]", "unknown template variable"},
		{"input name", "program: {wasm: a.wasm}\ninputs: [{cid: bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku, name: ../x}]", "inputs[0].name", "plain file name"},
		{"bad cid", "program: {cid: nope}", "program.cid", "content address"},
		{"reserved env", "program: {wasm: a.wasm}\ntasks: {env: {DECO_TASK_INDEX: '3'}}", "tasks.env.DECO_TASK_INDEX", "reserved"},
		{"preference", "program: {wasm: a.wasm}\npreference: speedy", "preference", "must be one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("err %v is not ErrInvalid", err)
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err %T", err)
			}
			for _, e := range es {
				if e.Path == tt.path && strings.Contains(e.Reason, tt.reason) {
					return
				}
			}
			t.Fatalf("want %s: ...%s..., got %v", tt.path, tt.reason, err)
		})
	}
}

func TestResolvedInputs(t *testing.T) {
	one := 1
	c := wire.CIDOf([]byte("x"))
	j := Job{Program: Program{CID: c}, Tasks: Tasks{Count: 2}, Inputs: []Input{{Name: "a", CID: c}, {Name: "b", CID: c, Task: &one}}}
	j.Defaults()
	if err := j.Validate(); err != nil {
		t.Fatal(err)
	}
	if err := j.Resolved(); err != nil {
		t.Fatal(err)
	}
	if len(j.InputsFor(0)) != 1 || len(j.InputsFor(1)) != 2 {
		t.Fatal("per-task inputs")
	}
	j.Inputs = append(j.Inputs, Input{Name: "a", CID: c, Task: &one})
	if err := j.Resolved(); err == nil {
		t.Fatal("duplicate input name accepted")
	}
}

func FuzzParse(f *testing.F) {
	b, _ := os.ReadFile("testdata/render.yaml")
	f.Add(b)
	f.Add([]byte("program: {cid: x}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		j, err := Parse(b)
		if err != nil {
			return
		}
		for i := 0; i < j.Tasks.Count && i < 3; i++ {
			_ = j.ArgsFor(i)
			_ = j.EnvFor(i)
		}
	})
}

// The example specs shipped in examples/jobs stay valid.
func TestExampleJobs(t *testing.T) {
	files, _ := filepath.Glob("../../examples/jobs/*.yaml")
	if len(files) == 0 {
		t.Fatal("no example jobs found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Parse(b); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}
