package spec

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/deco-network/deco/internal/wire"
)

// Limits on what a spec may ask for.
const (
	MaxTasks       = 100_000
	MaxArgs        = 256
	MaxInputs      = 1024
	MaxSpecBytes   = 1 << 20
	DefaultMemory  = 256 << 20
	MaxMemory      = 4 << 30
	DefaultTimeout = 60 * time.Second
	MaxTimeout     = 24 * time.Hour
	DefaultOutput  = 256 << 20
	// MaxOutput bounds max_output: a task's outputs are stored by its
	// provider and fetched by the consumer over the network.
	MaxOutput = 64 << 30
	// MaxDisk bounds resources.disk, above any disk a provider offers.
	MaxDisk = 1 << 50
	// MaxCPU and MaxGPU bound resources.cpu and resources.gpu.
	MaxCPU = 1024
	MaxGPU = 64
)

// Verification policies a job can ask for (verification:).
const (
	// VerifyReceipt accepts one provider's signed receipt whose output
	// root matches the fetched outputs; reputation does the rest.
	VerifyReceipt = "receipt"
	// VerifyReplicate, written "replicate:K", runs every task on K distinct
	// providers and accepts the output root a strict majority returns.
	VerifyReplicate = "replicate"
	// VerifyAdaptive replicates a provider's results until it has a run of
	// valid ones for the program, then spot-checks them at random
	// (BOINC-style). It is the default.
	VerifyAdaptive = "adaptive"
	// VerifyZK runs a zk circuit (circuit:) instead of a WASM program; the
	// provider returns a Groth16 proof that the consumer verifies.
	VerifyZK = "zk"
	// VerifyCheck runs each task once and has the consumer run the job's
	// checker (checker:) on the result: exit 0 accepts it, anything else
	// rejects it and convicts its provider (checker.go).
	VerifyCheck = "check"
	// DefaultVerification applies when a spec names no policy.
	DefaultVerification = VerifyAdaptive
)

// Bounds on K in replicate:K.
const (
	MinReplicas = 2
	MaxReplicas = 7
)

// Verification is a parsed verification policy.
type Verification struct {
	Policy   string // one of the Verify* constants
	Replicas int    // K for replicate:K; 0 otherwise
}

// String writes v the way a spec does ("replicate:3").
func (v Verification) String() string {
	if v.Policy == VerifyReplicate {
		return fmt.Sprintf("%s:%d", v.Policy, v.Replicas)
	}
	return v.Policy
}

// Paid is the most providers the policy pays for one task, which the
// escrow deposit covers (pricing.Budget): K under replicate:K, 2 under
// adaptive (an untrusted provider's result and its replica), 1 otherwise.
// A split vote can add replicas beyond it (market.Config.ExtraReplicas);
// those are paid while the deposit lasts and shown unpaid when it does not.
func (v Verification) Paid() int {
	switch v.Policy {
	case VerifyReplicate:
		return max(v.Replicas, 1)
	case VerifyAdaptive:
		return 2
	}
	return 1
}

// ParseVerification parses a verification: value; "" is the default.
func ParseVerification(s string) (Verification, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "":
		return Verification{Policy: DefaultVerification}, nil
	case VerifyReceipt, VerifyAdaptive, VerifyZK, VerifyCheck:
		return Verification{Policy: s}, nil
	}
	if k, ok := strings.CutPrefix(s, VerifyReplicate); ok {
		n, err := strconv.Atoi(strings.TrimPrefix(k, ":"))
		if !strings.HasPrefix(k, ":") || err != nil {
			return Verification{}, fmt.Errorf("write replicate:K with K a number of providers, e.g. replicate:3; got %q", s)
		}
		if n < MinReplicas || n > MaxReplicas {
			return Verification{}, fmt.Errorf("replicate:K needs K between %d and %d, got %d", MinReplicas, MaxReplicas, n)
		}
		return Verification{Policy: VerifyReplicate, Replicas: n}, nil
	}
	return Verification{}, fmt.Errorf("unknown policy %q (supported: %s, %s:K, %s, %s, %s)", s, VerifyReceipt, VerifyReplicate, VerifyAdaptive, VerifyZK, VerifyCheck)
}

// Policy returns the job's parsed verification policy; an invalid one
// (Validate reports it) reads as receipt.
func (j Job) Policy() Verification {
	v, err := ParseVerification(j.Verification)
	if err != nil {
		return Verification{Policy: VerifyReceipt}
	}
	return v
}

// Preferences weigh the scheduler's score.
var Preferences = []string{"balanced", "cheap", "fast", "green"}

// Job is a job spec.
type Job struct {
	Name         string            `yaml:"name" json:"name"`
	Program      Program           `yaml:"program" json:"program"`
	Tasks        Tasks             `yaml:"tasks" json:"tasks"`
	Inputs       []Input           `yaml:"inputs,omitempty" json:"inputs,omitempty"`
	Resources    Resources         `yaml:"resources" json:"resources"`
	Timeout      Duration          `yaml:"timeout,omitempty" json:"timeout,omitempty"`
	Price        Price             `yaml:"price" json:"price"`
	Verification string            `yaml:"verification,omitempty" json:"verification,omitempty"`
	Priority     int               `yaml:"priority,omitempty" json:"priority,omitempty"`
	Preference   string            `yaml:"preference,omitempty" json:"preference,omitempty"`
	Labels       map[string]string `yaml:"labels,omitempty" json:"labels,omitempty"`
	MaxOutput    Size              `yaml:"max_output,omitempty" json:"max_output,omitempty"`
	// Circuit is what a zk job proves instead of running a WASM program.
	Circuit *Circuit `yaml:"circuit,omitempty" json:"circuit,omitempty"`
	// Checks tunes what the consumer verifies itself on top of the
	// verification policy (nil: the consumer's defaults).
	Checks *Checks `yaml:"checks,omitempty" json:"checks,omitempty"`
	// Checker is the program that judges each result under verification:
	// check (checker.go).
	Checker *Program `yaml:"checker,omitempty" json:"checker,omitempty"`
	// Lease sets the heartbeats of running tasks (nil: every 500ms, an
	// attempt is dead after 4 missed).
	Lease *Lease `yaml:"lease,omitempty" json:"lease,omitempty"`
	// Checkpoint bounds the state a WebAssembly task saves with
	// deco.checkpoint (nil: DefaultCheckpointEvery, DefaultCheckpointSize).
	Checkpoint *Checkpoint `yaml:"checkpoint,omitempty" json:"checkpoint,omitempty"`
	// Stages makes a multi-stage job (stages.go): each stage is a job body
	// of its own; the top level then holds only the name.
	Stages []Stage `yaml:"stages,omitempty" json:"stages,omitempty"`
}

// Lease is a job's heartbeat settings, e.g. {heartbeat: 1s, missed: 5}:
// while a provider holds a task it beats every Heartbeat, carrying the
// task's progress and new log lines; the consumer declares the attempt
// dead after Missed beats did not come and gives the task to another
// provider. Zero fields take the defaults.
type Lease struct {
	Heartbeat Duration `yaml:"heartbeat,omitempty" json:"heartbeat,omitempty"`
	Missed    int      `yaml:"missed,omitempty" json:"missed,omitempty"`
}

// Heartbeat limits and defaults (lease:).
const (
	DefaultHeartbeat = 500 * time.Millisecond
	MinHeartbeat     = 100 * time.Millisecond
	MaxHeartbeat     = time.Minute
	DefaultMissed    = 4
	MaxMissed        = 100
)

// LeaseOf returns j's heartbeat interval and how many missed beats end an
// attempt, defaults applied.
func (j Job) LeaseOf() (heartbeat time.Duration, missed int) {
	heartbeat, missed = DefaultHeartbeat, DefaultMissed
	if j.Lease != nil {
		if j.Lease.Heartbeat > 0 {
			heartbeat = time.Duration(j.Lease.Heartbeat)
		}
		if j.Lease.Missed > 0 {
			missed = j.Lease.Missed
		}
	}
	return heartbeat, missed
}

// Checkpoint is the job's checkpoint section, e.g. {every: 5s, max_size:
// 16MiB}: a provider ships a task's latest saved state at most every
// Every, each at most MaxSize bytes; a task given to another provider
// resumes from the latest one the consumer verified. Zero fields take the
// defaults.
type Checkpoint struct {
	Every   Duration `yaml:"every,omitempty" json:"every,omitempty"`
	MaxSize Size     `yaml:"max_size,omitempty" json:"max_size,omitempty"`
}

// Checkpoint defaults and bounds.
const (
	DefaultCheckpointEvery = 5 * time.Second
	DefaultCheckpointSize  = 16 << 20
	// MinCheckpointEvery keeps a task from flooding its consumer.
	MinCheckpointEvery = 100 * time.Millisecond
	// MaxCheckpointSize bounds max_size: each shipment is fetched whole.
	MaxCheckpointSize = 256 << 20
)

// CheckpointEvery is how often the job's tasks ship checkpoints.
func (j Job) CheckpointEvery() time.Duration {
	if j.Checkpoint == nil || j.Checkpoint.Every == 0 {
		return DefaultCheckpointEvery
	}
	return time.Duration(j.Checkpoint.Every)
}

// CheckpointSize is the largest checkpoint the job's tasks may ship.
func (j Job) CheckpointSize() int64 {
	if j.Checkpoint == nil || j.Checkpoint.MaxSize == 0 {
		return DefaultCheckpointSize
	}
	return int64(j.Checkpoint.MaxSize)
}

// Checks is the verification section's consumer-side checks, e.g.
// {local: 0.02, known: 0.01}; 0 turns one off, an unset one takes the
// consumer's default (market.Config).
type Checks struct {
	// Local is the share of accepted results the consumer re-executes
	// itself (WASM jobs); a result that differs from its own run is a
	// proven lie.
	Local *float64 `yaml:"local,omitempty" json:"local,omitempty"`
	// Known is the share of accepted results whose answer the consumer
	// holds (from its own run) that are sent again to another provider as
	// if new: a known-answer task; a wrong answer convicts it.
	Known *float64 `yaml:"known,omitempty" json:"known,omitempty"`
}

// Circuit names a zk circuit the providers know and sets its parameters,
// e.g. {name: mimc, set: {steps: 10, x: 3}}. Values are integers (field
// elements), decimal or 0x hex, written as strings so big ones survive.
type Circuit struct {
	Name string            `yaml:"name" json:"name"`
	Set  map[string]string `yaml:"set,omitempty" json:"set,omitempty"`
}

// Limits on a circuit's name and parameters.
const (
	MaxCircuitParams = 64
	maxCircuitValue  = 80 // digits: a BN254 field element has 77
)

// Program names the WASM module: a local path (the CLI uploads it and
// fills CID) or a content address already in the consumer's store.
type Program struct {
	WASM string   `yaml:"wasm,omitempty" json:"wasm,omitempty"`
	CID  wire.CID `yaml:"cid,omitempty" json:"cid,omitempty"`
	Size int64    `yaml:"size,omitempty" json:"size,omitempty"`
}

// Tasks says how many tasks and what each one gets. Args and env values
// may use {{index}} (0-based) and {{count}}.
type Tasks struct {
	Count int               `yaml:"count" json:"count"`
	Args  []string          `yaml:"args,omitempty" json:"args,omitempty"`
	Env   map[string]string `yaml:"env,omitempty" json:"env,omitempty"`
}

// Input is a file every task (or one task) reads at /inputs/<name>. Path
// may use {{index}} for per-task files; the CLI expands and uploads it.
type Input struct {
	Path string   `yaml:"path,omitempty" json:"path,omitempty"`
	Name string   `yaml:"name,omitempty" json:"name,omitempty"`
	CID  wire.CID `yaml:"cid,omitempty" json:"cid,omitempty"`
	Size int64    `yaml:"size,omitempty" json:"size,omitempty"`
	Task *int     `yaml:"task,omitempty" json:"task,omitempty"` // only this task index; nil = every task
	// From names an earlier stage's outputs instead of a file: "map" (all
	// of them) or "map/<glob>" (stages.go).
	From string `yaml:"from,omitempty" json:"from,omitempty"`
	// Holder is the provider that holds a resolved From input, where the
	// task's provider fetches it; the consumer node fills it in.
	Holder string `yaml:"holder,omitempty" json:"holder,omitempty"`
}

// Resources a task needs from a provider.
type Resources struct {
	CPU    int  `yaml:"cpu,omitempty" json:"cpu,omitempty"`
	Memory Size `yaml:"memory,omitempty" json:"memory,omitempty"`
	Disk   Size `yaml:"disk,omitempty" json:"disk,omitempty"`
	GPU    int  `yaml:"gpu,omitempty" json:"gpu,omitempty"`
}

// Price bounds what the consumer pays, per task, in DECO.
type Price struct {
	Max    wire.Amount `yaml:"max" json:"max"`
	Budget wire.Amount `yaml:"budget,omitempty" json:"budget,omitempty"`
}

// DefaultMaxPrice applies when a spec gives none: 0.01 DECO per task.
const DefaultMaxPrice wire.Amount = 10_000

// FieldError is a validation failure at a field path.
type FieldError struct {
	Path   string
	Reason string
}

func (e *FieldError) Error() string { return e.Path + ": " + e.Reason }

// ErrInvalid wraps every validation failure (errors.Is(err, ErrInvalid)).
var ErrInvalid = errors.New("invalid job spec")

// Errors is the list of every problem found, in field order.
type Errors []*FieldError

func (es Errors) Error() string {
	var b strings.Builder
	b.WriteString("invalid job spec:")
	for _, e := range es {
		b.WriteString("\n  ")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrInvalid) true.
func (es Errors) Is(target error) bool { return target == ErrInvalid }

// Parse decodes YAML (or JSON, a YAML subset), applies defaults and validates.
// Unknown fields are errors, so a typo does not silently vanish.
func Parse(b []byte) (Job, error) {
	if len(b) > MaxSpecBytes {
		return Job{}, Errors{{Path: "(spec)", Reason: fmt.Sprintf("larger than %d bytes", MaxSpecBytes)}}
	}
	var j Job
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&j); err != nil {
		return Job{}, Errors{{Path: "(yaml)", Reason: cleanYAMLError(err)}}
	}
	j.Defaults()
	return j, j.Validate()
}

func cleanYAMLError(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	s = strings.ReplaceAll(s, "unmarshal errors:\n  ", "")
	s = strings.ReplaceAll(s, "in type spec.Job", "")
	return s
}

// Defaults fills unset fields.
func (j *Job) Defaults() {
	if len(j.Stages) > 0 {
		j.stageDefaults()
		return
	}
	if j.Tasks.Count == 0 {
		j.Tasks.Count = 1
	}
	if j.Resources.CPU == 0 {
		j.Resources.CPU = 1
	}
	if j.Resources.Memory == 0 {
		j.Resources.Memory = DefaultMemory
	}
	if j.Timeout == 0 {
		j.Timeout = Duration(DefaultTimeout)
	}
	if j.Price.Max == 0 {
		j.Price.Max = DefaultMaxPrice
	}
	if j.Verification == "" {
		j.Verification = DefaultVerification
		if j.Circuit != nil {
			j.Verification = VerifyZK
		}
	}
	if j.Preference == "" {
		j.Preference = "balanced"
	}
	if j.MaxOutput == 0 {
		j.MaxOutput = DefaultOutput
	}
	if j.Name == "" {
		j.Name = "job"
	}
	for i := range j.Inputs {
		if j.Inputs[i].Name == "" && j.Inputs[i].Path != "" && !strings.Contains(j.Inputs[i].Path, "{{") {
			j.Inputs[i].Name = path.Base(strings.ReplaceAll(j.Inputs[i].Path, "\\", "/"))
		}
	}
}

// Validate checks every field and returns all problems at once.
func (j Job) Validate() error {
	if len(j.Stages) > 0 {
		return j.validateStages()
	}
	return j.validate(nil)
}

// validate checks a job body; stage is the stage it is, if any (From
// inputs are allowed only there).
func (j Job) validate(stage *Stage) error {
	var es Errors
	add := func(p, f string, a ...any) { es = append(es, &FieldError{Path: p, Reason: fmt.Sprintf(f, a...)}) }
	if len(j.Name) > 128 {
		add("name", "at most 128 characters, got %d", len(j.Name))
	}
	policy, verr := ParseVerification(j.Verification)
	zk := verr == nil && policy.Policy == VerifyZK
	switch {
	case zk && j.Program.WASM != "":
		// program.cid may be set: a zk job's program is its circuit's
		// proving key, which the consumer node fills in.
		add("program", "a zk job proves circuit:, it runs no WASM program; remove program")
	case !zk && j.Program.WASM == "" && j.Program.CID == "":
		add("program", "set program.wasm (a .wasm file) or program.cid")
	}
	if j.Program.CID != "" {
		if _, err := wire.ParseCID(string(j.Program.CID)); err != nil {
			add("program.cid", "%v", err)
		}
	}
	if c := j.Checks; c != nil {
		for _, f := range []struct {
			name string
			r    *float64
		}{{"checks.local", c.Local}, {"checks.known", c.Known}} {
			if f.r != nil && (*f.r < 0 || *f.r > 1) {
				add(f.name, "a share of results between 0 and 1, got %g", *f.r)
			}
		}
	}
	j.validateChecker(policy, verr == nil, add)
	if j.Tasks.Count < 1 || j.Tasks.Count > MaxTasks {
		add("tasks.count", "must be between 1 and %d, got %d", MaxTasks, j.Tasks.Count)
	}
	if len(j.Tasks.Args) > MaxArgs {
		add("tasks.args", "at most %d arguments, got %d", MaxArgs, len(j.Tasks.Args))
	}
	for i, a := range j.Tasks.Args {
		if err := checkTemplate(a); err != nil {
			add(fmt.Sprintf("tasks.args[%d]", i), "%v", err)
		}
	}
	keys := make([]string, 0, len(j.Tasks.Env))
	for k := range j.Tasks.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if k == "" || strings.ContainsAny(k, "=\x00") || strings.HasPrefix(k, "DECO_") {
			add("tasks.env."+k, "invalid name (no '=', not empty, DECO_ is reserved)")
		}
		if err := checkTemplate(j.Tasks.Env[k]); err != nil {
			add("tasks.env."+k, "%v", err)
		}
	}
	if len(j.Inputs) > MaxInputs {
		add("inputs", "at most %d inputs, got %d", MaxInputs, len(j.Inputs))
	}
	for i, in := range j.Inputs {
		p := fmt.Sprintf("inputs[%d]", i)
		if in.From != "" {
			checkFrom(p, in, stage, add)
			continue
		}
		if in.Path == "" && in.CID == "" {
			add(p, "set path (a local file) or cid")
		}
		if in.CID != "" {
			if _, err := wire.ParseCID(string(in.CID)); err != nil {
				add(p+".cid", "%v", err)
			}
			if in.Name == "" {
				add(p+".name", "required with cid")
			}
		}
		if in.Name != "" && (strings.ContainsAny(in.Name, "/\\\x00") || in.Name == "." || in.Name == "..") {
			add(p+".name", "must be a plain file name, got %q", in.Name)
		}
		if in.Task != nil && (*in.Task < 0 || *in.Task >= j.Tasks.Count) {
			add(p+".task", "task index %d out of range [0,%d)", *in.Task, j.Tasks.Count)
		}
		if err := checkTemplate(in.Path); err != nil {
			add(p+".path", "%v", err)
		}
	}
	if j.Resources.CPU < 0 || j.Resources.CPU > MaxCPU {
		add("resources.cpu", "must be between 1 and %d, got %d", MaxCPU, j.Resources.CPU)
	}
	if j.Resources.Memory < 1<<20 || j.Resources.Memory > MaxMemory {
		add("resources.memory", "must be between 1MiB and 4GiB, got %s", j.Resources.Memory)
	}
	if j.Resources.GPU < 0 || j.Resources.GPU > MaxGPU {
		add("resources.gpu", "must be between 0 and %d, got %d", MaxGPU, j.Resources.GPU)
	}
	if j.Resources.Disk > MaxDisk {
		add("resources.disk", "at most %s, got %s", Size(MaxDisk), j.Resources.Disk)
	}
	if d := time.Duration(j.Timeout); d < 10*time.Millisecond || d > MaxTimeout {
		add("timeout", "must be between 10ms and 24h, got %s", d)
	}
	if j.Lease != nil {
		if d := time.Duration(j.Lease.Heartbeat); d != 0 && (d < MinHeartbeat || d > MaxHeartbeat) {
			add("lease.heartbeat", "must be between %s and %s, got %s", MinHeartbeat, MaxHeartbeat, d)
		}
		if j.Lease.Missed < 0 || j.Lease.Missed > MaxMissed {
			add("lease.missed", "must be between 1 and %d, got %d", MaxMissed, j.Lease.Missed)
		}
	}
	if j.Price.Max == 0 {
		add("price.max", "must be above 0")
	}
	if j.Tasks.Count > 0 {
		// The escrow deposit is tasks × paid replicas × price.max (a zk
		// job's always): it must be a number, never a wrapped one.
		paid := 1
		if verr == nil {
			paid = policy.Paid()
		}
		perTask, err := j.Price.Max.Times(paid)
		if err == nil {
			_, err = perTask.Times(j.Tasks.Count)
		}
		if err != nil {
			add("price.max", "%s DECO per task × %d tasks × %d paid replicas is more than any escrow can hold (%v); lower price.max", j.Price.Max, j.Tasks.Count, paid, err)
		}
	}
	if j.Price.Budget != 0 && j.Price.Budget < j.Price.Max {
		add("price.budget", "%s is less than one task at price.max %s", j.Price.Budget, j.Price.Max)
	}
	if verr != nil {
		add("verification", "%v", verr)
	}
	switch {
	case zk && j.Circuit == nil:
		add("circuit", "verification zk needs a circuit, e.g. circuit: {name: mimc, set: {steps: 10}}")
	case !zk && j.Circuit != nil && verr == nil:
		add("circuit", "a circuit is proven only with verification: zk (got %s)", policy)
	case j.Circuit != nil:
		j.Circuit.validate(add)
	}
	if j.Priority < 0 || j.Priority > 10 {
		add("priority", "must be between 0 and 10, got %d", j.Priority)
	}
	if !contains(Preferences, j.Preference) {
		add("preference", "must be one of %s, got %q", strings.Join(Preferences, ", "), j.Preference)
	}
	if j.MaxOutput > MaxOutput {
		add("max_output", "at most %s, got %s", Size(MaxOutput), j.MaxOutput)
	}
	if c := j.Checkpoint; c != nil {
		if c.Every != 0 && time.Duration(c.Every) < MinCheckpointEvery {
			add("checkpoint.every", "at least %s (or unset for %s), got %s", MinCheckpointEvery, DefaultCheckpointEvery, c.Every)
		}
		if c.MaxSize > MaxCheckpointSize {
			add("checkpoint.max_size", "at most %s, got %s", Size(MaxCheckpointSize), c.MaxSize)
		}
	}
	if j.Program.Size < 0 {
		add("program.size", "must not be negative, got %d", j.Program.Size)
	}
	for i, in := range j.Inputs {
		if in.Size < 0 {
			add(fmt.Sprintf("inputs[%d].size", i), "must not be negative, got %d", in.Size)
		}
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

func (c *Circuit) validate(add func(p, f string, a ...any)) {
	name, size, sized := strings.Cut(c.Name, "/")
	if !isIdent(name) || sized && !isDigits(size) {
		add("circuit.name", "must be a circuit name of letters, digits, '_' and '-' starting with a letter, optionally with a size (mimc-chain/16), got %q", c.Name)
	}
	if len(c.Set) > MaxCircuitParams {
		add("circuit.set", "at most %d parameters, got %d", MaxCircuitParams, len(c.Set))
	}
	keys := make([]string, 0, len(c.Set))
	for k := range c.Set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !isIdent(k) {
			add("circuit.set."+k, "parameter names are letters, digits, '_' and '-' starting with a letter")
		}
		v := c.Set[k]
		if err := checkTemplate(v); err != nil {
			add("circuit.set."+k, "%v", err)
		} else if !isInteger(Expand(v, 0, 1)) {
			add("circuit.set."+k, "must be an integer (decimal or 0x hex, at most %d digits; {{index}} and {{count}} allowed), got %q", maxCircuitValue, v)
		}
	}
}

func isIdent(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '_' || r == '-')) {
			return false
		}
	}
	return true
}

func isDigits(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func isInteger(s string) bool {
	digits, hex := strings.TrimPrefix(s, "-"), false
	if h, ok := strings.CutPrefix(digits, "0x"); ok {
		digits, hex = h, true
	}
	if digits == "" || len(digits) > maxCircuitValue {
		return false
	}
	for _, r := range digits {
		if !(r >= '0' && r <= '9' || hex && (r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F')) {
			return false
		}
	}
	return true
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func checkTemplate(s string) error {
	rest := s
	for {
		i := strings.Index(rest, "{{")
		if i < 0 {
			if strings.Contains(rest, "}}") {
				return fmt.Errorf("unmatched }} in %q", s)
			}
			return nil
		}
		j := strings.Index(rest[i:], "}}")
		if j < 0 {
			return fmt.Errorf("unclosed {{ in %q", s)
		}
		switch v := strings.TrimSpace(rest[i+2 : i+j]); v {
		case "index", "count", ".Index", ".Count":
		default:
			return fmt.Errorf("unknown template variable %q (use {{index}} or {{count}})", v)
		}
		rest = rest[i+j+2:]
	}
}

// Expand replaces {{index}} and {{count}} in s.
func Expand(s string, index, count int) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	r := strings.NewReplacer("{{index}}", strconv.Itoa(index), "{{ index }}", strconv.Itoa(index), "{{.Index}}", strconv.Itoa(index),
		"{{count}}", strconv.Itoa(count), "{{ count }}", strconv.Itoa(count), "{{.Count}}", strconv.Itoa(count))
	return r.Replace(s)
}

// ArgsFor returns task i's argv.
func (j Job) ArgsFor(i int) []string {
	out := make([]string, len(j.Tasks.Args))
	for k, a := range j.Tasks.Args {
		out[k] = Expand(a, i, j.Tasks.Count)
	}
	return out
}

// EnvFor returns task i's environment, including DECO_TASK_INDEX and DECO_TASK_COUNT.
func (j Job) EnvFor(i int) map[string]string {
	env := map[string]string{"DECO_TASK_INDEX": strconv.Itoa(i), "DECO_TASK_COUNT": strconv.Itoa(j.Tasks.Count)}
	for k, v := range j.Tasks.Env {
		env[k] = Expand(v, i, j.Tasks.Count)
	}
	return env
}

// CircuitFor returns the circuit parameters of task i ({{index}} and
// {{count}} expanded), nil for a job without a circuit.
func (j Job) CircuitFor(i int) map[string]string {
	if j.Circuit == nil {
		return nil
	}
	out := make(map[string]string, len(j.Circuit.Set))
	for k, v := range j.Circuit.Set {
		out[k] = Expand(v, i, j.Tasks.Count)
	}
	return out
}

// InputsFor returns the resolved inputs task i sees. It requires every
// input to have a CID (see Resolved).
func (j Job) InputsFor(i int) []wire.Input {
	var out []wire.Input
	for _, in := range j.Inputs {
		if in.Task != nil && *in.Task != i {
			continue
		}
		if in.From != "" && in.CID == "" {
			continue // not resolved yet: its stage has not started
		}
		out = append(out, wire.Input{Name: in.Name, CID: in.CID, Size: in.Size, From: in.Holder})
	}
	return out
}

// Resolved checks that the program and every input name a content address
// (the node accepts only resolved specs) and no two inputs of a task share a name.
func (j Job) Resolved() error {
	if len(j.Stages) > 0 {
		return j.resolvedStages()
	}
	var es Errors
	if j.Program.CID == "" && j.Policy().Policy != VerifyZK {
		es = append(es, &FieldError{"program.cid", "the program was not uploaded (local paths are resolved by the CLI)"})
	}
	if j.Checker != nil && j.Checker.CID == "" {
		es = append(es, &FieldError{"checker.cid", "the checker was not uploaded (local paths are resolved by the CLI)"})
	}
	for i, in := range j.Inputs {
		if in.From != "" && in.CID == "" {
			continue // resolved when its stage starts
		}
		if in.CID == "" || in.Name == "" {
			es = append(es, &FieldError{fmt.Sprintf("inputs[%d]", i), "not uploaded: needs cid and name"})
		}
	}
	for t := 0; t < j.Tasks.Count && len(es) == 0; t++ {
		seen := map[string]bool{}
		for _, in := range j.InputsFor(t) {
			if seen[in.Name] {
				es = append(es, &FieldError{"inputs", fmt.Sprintf("task %d has two inputs named %q", t, in.Name)})
				break
			}
			seen[in.Name] = true
		}
	}
	if len(es) > 0 {
		return es
	}
	return nil
}
