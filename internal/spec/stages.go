package spec

import (
	"fmt"
	"path"
	"reflect"
	"sort"
	"strings"

	"github.com/deco-network/deco/internal/wire"
)

// Multi-stage jobs. A job with stages: is a graph of job bodies: each
// stage has a name, the stages it needs, and everything a single job has
// (program, tasks, inputs, resources, price, verification...). A stage
// starts when every stage it needs has completed; its inputs may name
// their outputs with from:
//
//	from: map              every output of every task of stage map
//	from: map/part-*.txt   the outputs whose path matches the glob
//	from: map/part-{{index}}.txt   per task: task i gets part-i.txt of each map task
//
// When the stage starts, each matching output of task k of map becomes an
// input named "map-k-<path>" ('/' in the path written '_'), in task order
// then path order, with the content address the map task's receipt
// signed and the provider holding it (Holder).

// Stage is one stage of a multi-stage job: its name is the body's name.
type Stage struct {
	// Needs names the stages that must complete before this one starts.
	Needs []string `yaml:"needs,omitempty" json:"needs,omitempty"`
	Job   `yaml:",inline"`
}

// MaxStages bounds a job's stages.
const MaxStages = 32

// StageNamed returns the stage called name, nil if none.
func (j *Job) StageNamed(name string) *Stage {
	for i := range j.Stages {
		if j.Stages[i].Name == name {
			return &j.Stages[i]
		}
	}
	return nil
}

// Needed reports whether another stage needs stage name: its outputs feed
// a later stage.
func (j *Job) Needed(name string) bool {
	for _, s := range j.Stages {
		for _, n := range s.Needs {
			if n == name {
				return true
			}
		}
	}
	return false
}

// FromStage splits a from: value into the stage it names and the glob
// ("*" when it names the whole stage).
func FromStage(from string) (stage, glob string) {
	stage, glob, ok := strings.Cut(from, "/")
	if !ok || glob == "" {
		glob = "*"
	}
	return stage, glob
}

// Matches reports whether an output path of an earlier stage matches the
// input's from: glob, for task index of count ({{index}} expanded). "*"
// matches every path, at any depth.
func (in Input) Matches(outPath string, index, count int) bool {
	_, glob := FromStage(in.From)
	if glob == "*" {
		return true
	}
	ok, err := path.Match(Expand(glob, index, count), outPath)
	return err == nil && ok
}

// FromName is the input name a stage's task sees for output outPath of
// task k of stage from.
func FromName(from string, k int, outPath string) string {
	return fmt.Sprintf("%s-%d-%s", from, k, strings.ReplaceAll(outPath, "/", "_"))
}

func (j *Job) stageDefaults() {
	if j.Name == "" {
		j.Name = "job"
	}
	for i := range j.Stages {
		name := j.Stages[i].Name
		j.Stages[i].Job.Defaults()
		j.Stages[i].Name = name // a stage's name is never defaulted: needs: and from: name it
	}
}

// validateStages checks a multi-stage job: the top level holds only the
// name, stage names are unique, needs name other stages without a cycle,
// from: names a needed stage, and each body is valid.
func (j Job) validateStages() error {
	var es Errors
	add := func(p, f string, a ...any) { es = append(es, &FieldError{Path: p, Reason: fmt.Sprintf(f, a...)}) }
	top := j
	top.Name, top.Stages = "", nil
	if !reflect.DeepEqual(top, Job{}) {
		add("stages", "a job with stages sets everything but its name in each stage (program, tasks, inputs, resources, price, verification...); move those fields into the stages")
	}
	if len(j.Name) > 128 {
		add("name", "at most 128 characters, got %d", len(j.Name))
	}
	if len(j.Stages) > MaxStages {
		add("stages", "at most %d stages, got %d", MaxStages, len(j.Stages))
	}
	seen := map[string]bool{}
	for i, s := range j.Stages {
		p := fmt.Sprintf("stages[%d]", i)
		switch {
		case !isIdent(s.Name):
			add(p+".name", "a stage needs a name of letters, digits, '_' and '-' starting with a letter (needs: and from: use it), got %q", s.Name)
		case seen[s.Name]:
			add(p+".name", "two stages are named %q; stage names must be unique", s.Name)
		}
		seen[s.Name] = true
	}
	for i, s := range j.Stages {
		p := fmt.Sprintf("stages[%d]", i)
		needs := map[string]bool{}
		for k, n := range s.Needs {
			switch {
			case n == s.Name:
				add(fmt.Sprintf("%s.needs[%d]", p, k), "stage %q needs itself; remove it", n)
			case j.StageNamed(n) == nil:
				add(fmt.Sprintf("%s.needs[%d]", p, k), "no stage is named %q (stages: %s)", n, strings.Join(j.stageNames(), ", "))
			case needs[n]:
				add(fmt.Sprintf("%s.needs[%d]", p, k), "stage %q is needed twice", n)
			}
			needs[n] = true
		}
		if len(s.Stages) > 0 {
			add(p+".stages", "stages do not nest; list every stage at the top level with needs:")
		}
		if s.Policy().Policy == VerifyZK {
			add(p+".verification", "a zk stage is not supported; run the zk job on its own")
		}
		if err := s.Job.validate(&j.Stages[i]); err != nil {
			for _, e := range err.(Errors) {
				add(p+"."+e.Path, "%s", e.Reason)
			}
		}
	}
	if cycle := j.cycle(); cycle != nil {
		add("stages", "the needs form a cycle: %s; a stage can only need stages that finish before it", strings.Join(cycle, " → "))
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// checkFrom checks a from: input of stage (nil: not a stage).
func checkFrom(p string, in Input, stage *Stage, add func(p, f string, a ...any)) {
	if stage == nil {
		add(p+".from", "from: names an earlier stage's outputs; only an input of a stage (stages:) can use it")
		return
	}
	if in.Path != "" || in.CID != "" || in.Name != "" {
		add(p, "an input with from: takes its files, names and content addresses from the stage it names; remove path, cid and name")
	}
	name, glob := FromStage(in.From)
	needed := false
	for _, n := range stage.Needs {
		needed = needed || n == name
	}
	if !needed {
		add(p+".from", "from: %s names a stage that stage %q does not need; add %q to its needs", in.From, stage.Name, name)
	}
	if err := checkTemplate(glob); err != nil {
		add(p+".from", "%v", err)
	} else if _, err := path.Match(Expand(glob, 0, 1), ""); err != nil {
		add(p+".from", "bad glob %q: %v", glob, err)
	}
}

func (j Job) stageNames() []string {
	out := make([]string, len(j.Stages))
	for i, s := range j.Stages {
		out[i] = s.Name
	}
	return out
}

// cycle returns a cycle in the needs graph (its stages, the first one
// repeated at the end), nil if there is none.
func (j Job) cycle() []string {
	const (
		unseen = iota
		open
		done
	)
	mark := map[string]int{}
	var stack []string
	var walk func(name string) []string
	walk = func(name string) []string {
		switch mark[name] {
		case open:
			for i, s := range stack {
				if s == name {
					return append(append([]string(nil), stack[i:]...), name)
				}
			}
		case done:
			return nil
		}
		s := j.StageNamed(name)
		if s == nil {
			return nil
		}
		mark[name] = open
		stack = append(stack, name)
		needs := append([]string(nil), s.Needs...)
		sort.Strings(needs)
		for _, n := range needs {
			if c := walk(n); c != nil {
				return c
			}
		}
		stack = stack[:len(stack)-1]
		mark[name] = done
		return nil
	}
	for _, s := range j.Stages {
		if c := walk(s.Name); c != nil {
			return c
		}
	}
	return nil
}

// resolvedStages is Resolved for each stage.
func (j Job) resolvedStages() error {
	var es Errors
	for i, s := range j.Stages {
		if err := s.Job.Resolved(); err != nil {
			for _, e := range err.(Errors) {
				es = append(es, &FieldError{Path: fmt.Sprintf("stages[%d].%s", i, e.Path), Reason: e.Reason})
			}
		}
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// ResolveFrom returns the stage body's inputs with every from: input
// replaced by the outputs it names. outputs(stage) returns the verified
// tasks of that stage in index order: each one's manifest and the
// provider that holds it.
func (j Job) ResolveFrom(outputs func(stage string) []StageOutput) []Input {
	var out []Input
	for _, in := range j.Inputs {
		if in.From == "" || in.CID != "" {
			out = append(out, in)
			continue
		}
		name, glob := FromStage(in.From)
		tasks := []int{0} // a glob without {{index}} gives every task the same files
		if perTask := strings.Contains(glob, "{{"); perTask {
			tasks = tasks[:0]
			for t := 0; t < j.Tasks.Count; t++ {
				if in.Task == nil || *in.Task == t {
					tasks = append(tasks, t)
				}
			}
		}
		for _, t := range tasks {
			for k, o := range outputs(name) {
				for _, e := range o.Outputs.Entries {
					if !in.Matches(e.Path, t, j.Tasks.Count) {
						continue
					}
					r := Input{Name: FromName(name, k, e.Path), CID: e.CID, Size: e.Size, From: in.From, Holder: o.Holder, Task: in.Task}
					if strings.Contains(glob, "{{") {
						r.Task = &t
					}
					out = append(out, r)
				}
			}
		}
	}
	return out
}

// StageOutput is one verified task of an earlier stage, as ResolveFrom
// reads it.
type StageOutput struct {
	Outputs wire.Manifest
	Holder  string // peer ID of the provider whose result was accepted
}

// Sized checks that the program and every input (of each stage) is
// stored where size looks (the consumer node's store) and fills in their
// sizes. A zk job's program is its proving key, filled in later.
func (j *Job) Sized(size func(wire.CID) (int64, error)) error {
	if len(j.Stages) > 0 {
		for i := range j.Stages {
			if err := j.Stages[i].Job.Sized(size); err != nil {
				e := err.(Errors)[0]
				return Errors{{Path: fmt.Sprintf("stages[%d].%s", i, e.Path), Reason: e.Reason}}
			}
		}
		return nil
	}
	if j.Policy().Policy != VerifyZK {
		n, err := size(j.Program.CID)
		if err != nil {
			return Errors{{Path: "program.cid", Reason: fmt.Sprintf("%s is not in this node's store; upload it first (deco run/job submit do this)", j.Program.CID)}}
		}
		j.Program.Size = n
	}
	for i, in := range j.Inputs {
		if in.From != "" && in.CID == "" {
			continue
		}
		n, err := size(in.CID)
		if err != nil {
			return Errors{{Path: fmt.Sprintf("inputs[%d].cid", i), Reason: fmt.Sprintf("%s is not in this node's store; upload it first", in.CID)}}
		}
		j.Inputs[i].Size = n
	}
	return nil
}
