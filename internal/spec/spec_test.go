package spec

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
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
		{"replicate without k", "program: {wasm: a.wasm}\nverification: replicate", "verification", "replicate:K"},
		{"replicate k=1", "program: {wasm: a.wasm}\nverification: replicate:1", "verification", "between 2 and 7"},
		{"replicate k=8", "program: {wasm: a.wasm}\nverification: replicate:8", "verification", "between 2 and 7"},
		{"replicate junk", "program: {wasm: a.wasm}\nverification: replicate:x", "verification", "replicate:K"},
		{"zk without circuit", "verification: zk", "circuit", "needs a circuit"},
		{"zk with wasm", "program: {wasm: a.wasm}\nverification: zk\ncircuit: {name: mimc}", "program", "runs no WASM program"},
		{"circuit without zk", "program: {wasm: a.wasm}\nverification: adaptive\ncircuit: {name: mimc}", "circuit", "only with verification: zk"},
		{"circuit name", "circuit: {name: '9lives'}", "circuit.name", "circuit name"},
		{"circuit value", "circuit: {name: mimc, set: {x: 1.5}}", "circuit.set.x", "must be an integer"},
		{"circuit key", "circuit: {name: mimc, set: {'a b': 1}}", "circuit.set.a b", "parameter names"},
		{"circuit size", "circuit: {name: mimc-chain/x}", "circuit.name", "circuit name"},
		{"circuit template", "circuit: {name: mimc, set: {seed: '{{task}}'}}", "circuit.set.seed", "unknown template variable"},
		{"price overflows the budget", "program: {wasm: a.wasm}\ntasks: {count: 3}\nprice: {max: 6148914691236.517206}", "price.max", "more than any escrow can hold"},
		{"huge max_output", "program: {wasm: a.wasm}\nmax_output: 100TiB", "max_output", "at most 64GiB"},
		{"checkpoint flood", "program: {wasm: a.wasm}\ncheckpoint: {every: 10ms}", "checkpoint.every", "at least 100ms"},
		{"huge checkpoint", "program: {wasm: a.wasm}\ncheckpoint: {max_size: 1GiB}", "checkpoint.max_size", "at most 256MiB"},
		{"huge disk", "program: {wasm: a.wasm}\nresources: {disk: 4096TiB}", "resources.disk", "at most"},
		{"many gpus", "program: {wasm: a.wasm}\nresources: {gpu: 1000}", "resources.gpu", "between 0 and 64"},
		{"long timeout", "program: {wasm: a.wasm}\ntimeout: 1000h", "timeout", "between 10ms and 24h"},
		{"many tasks", "program: {wasm: a.wasm}\ntasks: {count: 100001}", "tasks.count", "between 1 and 100000"},
		{"negative input size", "program: {wasm: a.wasm}\ninputs: [{cid: bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku, name: x, size: -1}]", "inputs[0].size", "not be negative"},
		{"circuit template value", "circuit: {name: mimc, set: {seed: 'x{{index}}'}}", "circuit.set.seed", "must be an integer"},
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

// FuzzParse: a spec that parses is within Validate's bounds, and it
// survives the trip the CLI gives it to the node (JSON, decoded with
// unknown fields refused, as the API does) unchanged.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"testdata/*.yaml", "../../examples/jobs/*.yaml"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			b, _ := os.ReadFile(file)
			f.Add(b)
		}
	}
	f.Add([]byte("program: {cid: x}"))
	f.Add([]byte("verification: zk\ncircuit: {name: mimc, set: {steps: \"{{index}}\"}}\ntasks: {count: 3}"))
	f.Add([]byte("program: {wasm: a.wasm}\nresources: {memory: 1.5GiB, disk: 2g}\ntimeout: 90\nmax_output: 512k"))
	f.Fuzz(func(t *testing.T, b []byte) {
		j, err := Parse(b)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v is not ErrInvalid", err)
			}
			return
		}
		if len(j.Stages) > 0 {
			// A multi-stage job's bounds are its stages'.
			for _, s := range j.Stages {
				checkBounds(t, s.Job)
			}
		} else {
			checkBounds(t, j)
		}
		for i := 0; i < j.Tasks.Count && i < 3; i++ {
			_ = j.ArgsFor(i)
			_ = j.EnvFor(i)
		}
		enc, err := json.Marshal(j)
		if err != nil {
			t.Fatalf("parsed spec does not encode: %v", err)
		}
		var back Job
		dec := json.NewDecoder(bytes.NewReader(enc))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&back); err != nil {
			t.Fatalf("spec's JSON %s does not decode: %v", enc, err)
		}
		back.Defaults()
		if err := back.Validate(); err != nil {
			t.Fatalf("spec valid as YAML is invalid after JSON: %v\n%s", err, enc)
		}
		if again, _ := json.Marshal(back); string(again) != string(enc) {
			t.Fatalf("spec changed in JSON:\n%s\n%s", enc, again)
		}
	})
}

// checkBounds restates Validate's numeric limits independently.
func checkBounds(t *testing.T, j Job) {
	t.Helper()
	if _, err := ParseVerification(j.Verification); err != nil {
		t.Fatalf("accepted verification %q: %v", j.Verification, err)
	}
	switch {
	case j.Tasks.Count < 1 || j.Tasks.Count > MaxTasks:
		t.Fatalf("accepted tasks.count %d", j.Tasks.Count)
	case len(j.Tasks.Args) > MaxArgs || len(j.Inputs) > MaxInputs:
		t.Fatalf("accepted %d args, %d inputs", len(j.Tasks.Args), len(j.Inputs))
	case j.Resources.Memory < 1<<20 || j.Resources.Memory > MaxMemory:
		t.Fatalf("accepted memory %d", j.Resources.Memory)
	case time.Duration(j.Timeout) < 10*time.Millisecond || time.Duration(j.Timeout) > MaxTimeout:
		t.Fatalf("accepted timeout %v", time.Duration(j.Timeout))
	case j.Price.Max == 0 || j.Price.Budget != 0 && j.Price.Budget < j.Price.Max:
		t.Fatalf("accepted price %+v", j.Price)
	case j.Priority < 0 || j.Priority > 10 || len(j.Name) > 128:
		t.Fatalf("accepted priority %d, name of %d bytes", j.Priority, len(j.Name))
	}
	for _, in := range j.Inputs {
		if in.Task != nil && (*in.Task < 0 || *in.Task >= j.Tasks.Count) {
			t.Fatalf("accepted input for task %d of %d", *in.Task, j.Tasks.Count)
		}
	}
}

// FuzzParseSize: an accepted size prints as a size that parses back to it.
func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"256MiB", "1.5GiB", "512k", "4096", "1e3kb", " 2 tb ", "0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseSize(s)
		if err != nil {
			return
		}
		back, err := ParseSize(v.String())
		if err != nil || back != v {
			t.Fatalf("size %q -> %d -> %q -> %d (%v)", s, v, v.String(), back, err)
		}
	})
}

// FuzzDuration: an accepted duration prints as one that parses back to it,
// and a number of seconds keeps its sign (NaN and ±Inf are refused).
func FuzzDuration(f *testing.F) {
	for _, s := range []string{"30s", "1h2m", "90", "0.5", `"5m"`, "-1s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var d Duration
		if d.parse(s) != nil {
			return
		}
		if secs, err := strconv.ParseFloat(strings.Trim(strings.TrimSpace(s), `"`), 64); err == nil && (secs < 0) != (d < 0) && d != 0 {
			t.Fatalf("duration %q of %v seconds became %v", s, secs, time.Duration(d))
		}
		var back Duration
		if err := back.parse(d.String()); err != nil || back != d {
			t.Fatalf("duration %q -> %d -> %q -> %d (%v)", s, d, d.String(), back, err)
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

func TestVerificationPolicies(t *testing.T) {
	tests := []struct {
		yaml string
		want Verification
	}{
		{"program: {wasm: a.wasm}", Verification{Policy: VerifyAdaptive}}, // the default
		{"program: {wasm: a.wasm}\nverification: receipt", Verification{Policy: VerifyReceipt}},
		{"program: {wasm: a.wasm}\nverification: adaptive", Verification{Policy: VerifyAdaptive}},
		{"program: {wasm: a.wasm}\nverification: replicate:2", Verification{Policy: VerifyReplicate, Replicas: 2}},
		{"program: {wasm: a.wasm}\nverification: replicate:7", Verification{Policy: VerifyReplicate, Replicas: 7}},
		{"circuit: {name: mimc, set: {steps: 10, x: '0x1f', big: '21888242871839275222246405745257275088548364400416034343698204186575808495616'}}", Verification{Policy: VerifyZK}},
		{"verification: zk\ncircuit: {name: mimc}", Verification{Policy: VerifyZK}},
	}
	for _, tt := range tests {
		t.Run(tt.yaml, func(t *testing.T) {
			j, err := Parse([]byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if got := j.Policy(); got != tt.want {
				t.Fatalf("policy %+v, want %+v", got, tt.want)
			}
			if j.Verification != tt.want.String() {
				t.Fatalf("verification %q, want %q", j.Verification, tt.want.String())
			}
		})
	}
	j, err := Parse([]byte("circuit: {name: mimc, set: {steps: 10}}"))
	if err != nil {
		t.Fatal(err)
	}
	if j.Circuit.Set["steps"] != "10" {
		t.Fatalf("circuit params %v", j.Circuit.Set)
	}
	// Parameters may differ per task; a circuit may name its size.
	tj, err := Parse([]byte("circuit: {name: mimc-chain/16, set: {seed: '1{{index}}', n: '{{count}}'}}\ntasks: {count: 3}"))
	if err != nil {
		t.Fatal(err)
	}
	if p := tj.CircuitFor(2); p["seed"] != "12" || p["n"] != "3" {
		t.Fatalf("task 2's parameters %v", p)
	}
	// A zk job has no program to upload.
	if err := j.Resolved(); err != nil {
		t.Fatalf("zk job not resolved: %v", err)
	}
	// An invalid policy reads as receipt, the weakest.
	if p := (Job{Verification: "magic"}).Policy(); p.Policy != VerifyReceipt {
		t.Fatalf("invalid policy reads as %+v", p)
	}
}

func TestCheckpointSection(t *testing.T) {
	j, err := Parse([]byte("program: {wasm: a.wasm}\ncheckpoint: {every: 500ms, max_size: 1MiB}"))
	if err != nil {
		t.Fatal(err)
	}
	if j.CheckpointEvery() != 500*time.Millisecond || j.CheckpointSize() != 1<<20 {
		t.Errorf("every %s size %d, want 500ms and 1MiB", j.CheckpointEvery(), j.CheckpointSize())
	}
	j, err = Parse([]byte("program: {wasm: a.wasm}"))
	if err != nil {
		t.Fatal(err)
	}
	if j.CheckpointEvery() != DefaultCheckpointEvery || j.CheckpointSize() != DefaultCheckpointSize {
		t.Errorf("defaults: every %s size %d", j.CheckpointEvery(), j.CheckpointSize())
	}
}
