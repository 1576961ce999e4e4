package exec

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Defaults applied by Spec.WithDefaults for zero-valued limits.
const (
	DefaultMemoryLimit    uint64        = 256 << 20
	DefaultTimeout        time.Duration = 60 * time.Second
	DefaultStdoutLimit    int           = 1 << 20
	DefaultStderrLimit    int           = 1 << 20
	DefaultMaxOutputBytes int64         = 256 << 20

	// DefaultCheckpointEvery: a run hands its guest's checkpoints to
	// OnCheckpoint at most this often; calls in between keep the latest.
	DefaultCheckpointEvery time.Duration = 5 * time.Second
	// DefaultCheckpointMax bounds one checkpoint's bytes.
	DefaultCheckpointMax int = 16 << 20
)

// Sentinel errors returned by Executor.Run, always wrapped with detail and a
// hint for the person who submitted the task (what to change), so the full
// error text can be shown to them as is. Match them with errors.Is.
var (
	// ErrTimeLimit: the task ran longer than Spec.Timeout and was stopped.
	ErrTimeLimit = errors.New("time limit exceeded")

	// ErrMemoryLimit: the task needed more linear memory than
	// Spec.MemoryLimit and failed because a memory grow was refused.
	ErrMemoryLimit = errors.New("memory limit exceeded")

	// ErrBadModule: the module bytes are not a WebAssembly module Deco can
	// run (not WebAssembly at all, fails validation, imports functions other
	// than WASI preview1 and Deco's host module "deco", or exports no
	// _start). The wrapping error says why.
	ErrBadModule = errors.New("invalid WebAssembly module")

	// ErrOutputTooLarge: the files the task wrote under /outputs add up to
	// more than Spec.MaxOutputBytes.
	ErrOutputTooLarge = errors.New("output limit exceeded")

	// ErrMissingInput: Spec.InputDir was given but is not an existing
	// directory, so the task's inputs cannot be mounted.
	ErrMissingInput = errors.New("missing input")
)

// Spec is one task execution request.
//
// Zero values of the limits mean "use the default" (see WithDefaults).
type Spec struct {
	Module   []byte            // WASM bytes
	ModuleID string            // content address of Module; the compilation-cache key ("" = computed from Module)
	Args     []string          // argv[1:]; argv[0] is "task"
	Env      map[string]string // e.g. DECO_TASK_INDEX, DECO_TASK_COUNT

	InputDir  string // host dir, mounted read-only at /inputs ("" = none)
	OutputDir string // host dir, mounted writable at /outputs; must exist ("" = none)

	MemoryLimit uint64        // bytes of guest linear memory; 0 = DefaultMemoryLimit
	Timeout     time.Duration // wall clock for instantiating and running; 0 = DefaultTimeout
	Seed        [32]byte      // seeds the guest's random source; guest clocks are virtual and deterministic

	StdoutLimit, StderrLimit int   // bytes captured; the rest is dropped and Result.*Truncated set
	MaxOutputBytes           int64 // total bytes allowed under /outputs; 0 = DefaultMaxOutputBytes

	// LiveStdout and LiveStderr, if set, also get what is captured, as the
	// guest writes it (live logs). Writes come from the guest's goroutine
	// and must not block.
	LiveStdout, LiveStderr io.Writer

	// The task this run is, for executors whose output commits to it (a
	// proof names its task) and decorators that act per attempt. Zero
	// outside a job; the WebAssembly executor ignores them.
	Task    wire.TaskID
	Count   int // tasks in the job
	Attempt int

	// Checkpoints, for executors whose guests can save their state
	// (exec/wasm's host module "deco"); others ignore these fields.
	//
	// Restore is the state the guest's restore call returns (nil: none,
	// a fresh start). OnCheckpoint receives the guest's latest state at
	// most every CheckpointEvery; it must not keep data after returning
	// and may be called from another goroutine than Run's. OnProgress
	// receives the guest's progress in permille (0-1000) when it changes;
	// it must be cheap. Nil callbacks drop what they would receive.
	Restore         []byte
	CheckpointEvery time.Duration // 0 = DefaultCheckpointEvery
	CheckpointMax   int           // bytes; 0 = DefaultCheckpointMax
	OnCheckpoint    func(data []byte) error
	OnProgress      func(permille int)
}

// WithDefaults returns s with every zero limit replaced by its default.
func (s Spec) WithDefaults() Spec {
	if s.MemoryLimit == 0 {
		s.MemoryLimit = DefaultMemoryLimit
	}
	if s.Timeout <= 0 {
		s.Timeout = DefaultTimeout
	}
	if s.StdoutLimit <= 0 {
		s.StdoutLimit = DefaultStdoutLimit
	}
	if s.StderrLimit <= 0 {
		s.StderrLimit = DefaultStderrLimit
	}
	if s.MaxOutputBytes <= 0 {
		s.MaxOutputBytes = DefaultMaxOutputBytes
	}
	if s.CheckpointEvery <= 0 {
		s.CheckpointEvery = DefaultCheckpointEvery
	}
	if s.CheckpointMax <= 0 {
		s.CheckpointMax = DefaultCheckpointMax
	}
	return s
}

// Result is what one execution produced. Run fills it as far as the
// execution got, also when it returns an error (partial stdout and stderr
// are kept).
type Result struct {
	ExitCode        int // the guest's exit status; 0 = success
	Stdout, Stderr  []byte
	StdoutTruncated bool          // Stdout holds only the first StdoutLimit bytes
	StderrTruncated bool          // Stderr holds only the first StderrLimit bytes
	Duration        time.Duration // wall time of the whole Run, compilation included
	Compiled        bool          // this run paid for compiling the module

	// Settlement is what the provider needs after the run to be paid,
	// for kinds paid on chain rather than by voucher; it is not an
	// output and never reaches the consumer. Each executor documents its
	// type (exec/zkexec: a *chain.ProofClaim, read with zkexec.ClaimOf);
	// nil for the WebAssembly executor.
	Settlement any
}

// Executor runs tasks in a sandbox.
type Executor interface {
	// Run executes s and returns its result. A guest that exits with a
	// non-zero status is not an error: Result.ExitCode carries it. Errors
	// wrap one of the sentinels above when a limit or the module is at
	// fault, or ctx.Err() when ctx was cancelled. Run is safe for
	// concurrent use.
	Run(ctx context.Context, s Spec) (Result, error)

	// Close releases the executor's resources; Run must not be called after.
	Close(ctx context.Context) error
}
