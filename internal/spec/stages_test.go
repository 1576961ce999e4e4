package spec

import (
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/wire"
)

const wordcount = `
name: wc
stages:
  - name: map
    program: {wasm: map.wasm}
    tasks: {count: 3, args: ["2"]}
    inputs: [{path: "shard-{{index}}.txt"}]
  - name: reduce
    needs: [map]
    program: {wasm: reduce.wasm}
    tasks: {count: 2}
    inputs: [{from: "map/part-{{index}}.txt"}]
  - name: report
    needs: [reduce]
    program: {wasm: report.wasm}
    inputs: [{from: reduce}]
`

func TestStagesParse(t *testing.T) {
	j, err := Parse([]byte(wordcount))
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Stages) != 3 || j.Stages[1].Name != "reduce" || j.Stages[1].Needs[0] != "map" || j.Stages[0].Tasks.Count != 3 {
		t.Fatalf("decoded %+v", j.Stages)
	}
	if j.Stages[2].Tasks.Count != 1 || j.Stages[2].Verification != DefaultVerification {
		t.Fatalf("stage defaults not applied: %+v", j.Stages[2].Job)
	}
	if !j.Needed("map") || !j.Needed("reduce") || j.Needed("report") {
		t.Fatal("Needed is wrong")
	}
}

func TestStagesValidate(t *testing.T) {
	body := "    program: {wasm: a.wasm}\n"
	tests := []struct {
		name, yaml, path, reason string
	}{
		{"unknown need", "stages:\n  - name: a\n" + body + "    needs: [b]\n", "stages[0].needs[0]", `no stage is named "b"`},
		{"cycle", "stages:\n  - name: a\n" + body + "    needs: [b]\n  - name: b\n" + body + "    needs: [a]\n", "stages", "cycle: a → b → a"},
		{"self", "stages:\n  - name: a\n" + body + "    needs: [a]\n", "stages[0].needs[0]", "needs itself"},
		{"from without need", "stages:\n  - name: a\n" + body + "  - name: b\n" + body + "    inputs: [{from: a}]\n", "stages[1].inputs[0].from", `add "a" to its needs`},
		{"from outside stages", "program: {wasm: a.wasm}\ninputs: [{from: a}]\n", "inputs[0].from", "only an input of a stage"},
		{"duplicate name", "stages:\n  - name: a\n" + body + "  - name: a\n" + body, "stages[1].name", "unique"},
		{"no name", "stages:\n  -\n" + body, "stages[0].name", "a stage needs a name"},
		{"top-level program", "program: {wasm: a.wasm}\nstages:\n  - name: a\n" + body, "stages", "sets everything but its name in each stage"},
		{"bad stage body", "stages:\n  - name: a\n    tasks: {count: 2}\n", "stages[0].program", "set program.wasm"},
		{"bad glob", "stages:\n  - name: a\n" + body + "  - name: b\n" + body + "    needs: [a]\n    inputs: [{from: 'a/[x'}]\n", "stages[1].inputs[0].from", "bad glob"},
		{"from with path", "stages:\n  - name: a\n" + body + "  - name: b\n" + body + "    needs: [a]\n    inputs: [{from: a, path: x.txt}]\n", "stages[1].inputs[0]", "remove path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml))
			es, ok := err.(Errors)
			if !ok {
				t.Fatalf("got %v, want a validation error", err)
			}
			for _, e := range es {
				if e.Path == tt.path && strings.Contains(e.Reason, tt.reason) {
					return
				}
			}
			t.Fatalf("no error at %s containing %q in:\n%v", tt.path, tt.reason, err)
		})
	}
}

func TestResolveFrom(t *testing.T) {
	j, err := Parse([]byte(wordcount))
	if err != nil {
		t.Fatal(err)
	}
	maps := make([]StageOutput, 3)
	for k := range maps {
		for r := 0; r < 2; r++ {
			p := "part-" + string(rune('0'+r)) + ".txt"
			maps[k].Outputs.Entries = append(maps[k].Outputs.Entries, wire.Entry{Path: p, CID: wire.CIDOf([]byte{byte(k), byte(r)}), Size: 2})
		}
		maps[k].Holder = "peer" + string(rune('A'+k))
	}
	reduce := j.Stages[1].Job
	reduce.Program = Program{CID: wire.CIDOf([]byte("reduce"))}
	reduce.Inputs = reduce.ResolveFrom(func(stage string) []StageOutput {
		if stage != "map" {
			t.Fatalf("resolved from %q", stage)
		}
		return maps
	})
	if err := reduce.Resolved(); err != nil {
		t.Fatalf("resolved inputs do not pass Resolved: %v", err)
	}
	for task := 0; task < 2; task++ {
		in := reduce.InputsFor(task)
		if len(in) != 3 {
			t.Fatalf("task %d gets %d inputs, want one partition of each of 3 map tasks: %+v", task, len(in), in)
		}
		for k, x := range in {
			want := wire.CIDOf([]byte{byte(k), byte(task)})
			if x.CID != want || x.From != maps[k].Holder || x.Name != FromName("map", k, "part-"+string(rune('0'+task))+".txt") {
				t.Fatalf("task %d input %d = %+v, want %s from %s", task, k, x, want, maps[k].Holder)
			}
		}
	}
	report := j.Stages[2].Job
	report.Inputs = report.ResolveFrom(func(string) []StageOutput { return maps })
	if n := len(report.InputsFor(0)); n != 6 {
		t.Fatalf("from: <stage> gives %d inputs, want all 6 outputs", n)
	}
}
