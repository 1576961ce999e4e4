package wasm

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"

	"github.com/deco-network/deco/internal/exec"
)

// The host module "deco": checkpoints and progress for long tasks.
//
// A task that may run for hours saves its state now and then; if its
// provider dies, the consumer gives the task to another provider with the
// latest state it received, and the guest picks up from there instead of
// from zero. The guest sees three functions:
//
//	checkpoint(ptr, len i32) -> errno i32   save memory[ptr:ptr+len]
//	restore(ptr, len i32) -> n i32          the saved state's size (0: none);
//	                                        copies at most len bytes to ptr
//	progress(permille i32)                  0-1000 of the work done
//
// The host bounds what a guest can make it do: a checkpoint larger than
// Spec.CheckpointMax or outside the guest's memory is refused with an
// errno (and a note on stderr), and the run keeps one buffer of at most
// CheckpointMax bytes whatever the guest calls, however often. States are
// handed to Spec.OnCheckpoint at most every Spec.CheckpointEvery: calls in
// between overwrite the buffer, and a timer ships the latest when the
// interval is up. None of this reaches the guest's state (checkpoint
// returns 0 either way), so runs stay deterministic.

// decoModule is the import module name of the host functions.
const decoModule = "deco"

// Errnos checkpoint returns; restore returns -ErrnoFault for a bad buffer.
const (
	ErrnoOK      = 0
	ErrnoTooBig  = 1 // len is over the job's checkpoint size limit
	ErrnoFault   = 2 // ptr/len lie outside the guest's memory
	ErrnoRefused = 3 // the host could not keep the checkpoint (see stderr)
)

// decoImports are the functions the host module exports, by name.
var decoImports = map[string]bool{"checkpoint": true, "restore": true, "progress": true}

// instantiateDeco adds the host module to rt.
func instantiateDeco(ctx context.Context, rt wazero.Runtime) error {
	_, err := rt.NewHostModuleBuilder(decoModule).
		NewFunctionBuilder().WithFunc(hostCheckpoint).WithParameterNames("ptr", "len").Export("checkpoint").
		NewFunctionBuilder().WithFunc(hostRestore).WithParameterNames("ptr", "len").Export("restore").
		NewFunctionBuilder().WithFunc(hostProgress).WithParameterNames("permille").Export("progress").
		Instantiate(ctx)
	if err != nil {
		return fmt.Errorf("instantiate the deco host module: %w", err)
	}
	return nil
}

type stateKey struct{}

// checkpoints is one run's side of the host module, reached through the
// context of the guest's call.
type checkpoints struct {
	restore []byte
	every   time.Duration
	maxSize int
	ship    func([]byte) error
	onProg  func(int)
	notes   *capture // the run's stderr, for notes on refused calls

	mu       sync.Mutex
	buf      []byte // the latest state not yet shipped
	pending  bool
	lastShip time.Time
	timer    *time.Timer
	done     bool
	noted    map[int]bool
	failed   error // a timer's shipment that failed, told at the next call
	permille int
}

func newCheckpoints(s exec.Spec, stderr *capture) *checkpoints {
	return &checkpoints{restore: s.Restore, every: s.CheckpointEvery, maxSize: s.CheckpointMax,
		ship: s.OnCheckpoint, onProg: s.OnProgress, notes: stderr, noted: map[int]bool{}, permille: -1}
}

// stop ends shipping: no timer fires after it returns. The stderr capture
// is read once the run ends, so notes must stop too.
func (c *checkpoints) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.done = true
	if c.timer != nil {
		c.timer.Stop()
	}
}

func stateOf(ctx context.Context) *checkpoints {
	c, _ := ctx.Value(stateKey{}).(*checkpoints)
	return c
}

// noteLocked writes one line to the guest's stderr the first time errno
// happens, so a guest calling wrongly in a loop cannot flood it.
func (c *checkpoints) noteLocked(errno int, format string, a ...any) {
	if c.noted[errno] || c.done {
		return
	}
	c.noted[errno] = true
	fmt.Fprintf(c.notes, "deco: "+format+"\n", a...)
}

func hostCheckpoint(ctx context.Context, m api.Module, ptr, n uint32) uint32 {
	c := stateOf(ctx)
	if c == nil {
		return ErrnoRefused
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if int64(n) > int64(c.maxSize) {
		c.noteLocked(ErrnoTooBig, "checkpoint of %d bytes refused: the job allows %s; save less state or raise checkpoint.max_size", n, size(uint64(c.maxSize)))
		return ErrnoTooBig
	}
	data, ok := m.Memory().Read(ptr, n)
	if !ok {
		c.noteLocked(ErrnoFault, "checkpoint(%d, %d) refused: the buffer lies outside the program's memory", ptr, n)
		return ErrnoFault
	}
	if err := c.failed; err != nil {
		c.failed = nil
		c.noteLocked(ErrnoRefused, "checkpoint not kept: %v", err)
		return ErrnoRefused
	}
	c.buf = append(c.buf[:0], data...)
	c.pending = true
	if c.ship == nil {
		return ErrnoOK
	}
	now := time.Now()
	if wait := c.every - now.Sub(c.lastShip); wait > 0 {
		if c.timer == nil {
			c.timer = time.AfterFunc(wait, c.flush)
		}
		return ErrnoOK
	}
	if err := c.shipLocked(now); err != nil {
		c.noteLocked(ErrnoRefused, "checkpoint not kept: %v", err)
		return ErrnoRefused
	}
	return ErrnoOK
}

// flush ships the state the guest saved since the last shipment.
func (c *checkpoints) flush() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timer = nil
	if c.done || !c.pending {
		return
	}
	// A call may have shipped while this timer fired: keep the pace.
	if wait := c.every - time.Since(c.lastShip); wait > 0 {
		c.timer = time.AfterFunc(wait, c.flush)
		return
	}
	// Not a note here: the guest may be writing its stderr right now.
	c.failed = c.shipLocked(time.Now())
}

func (c *checkpoints) shipLocked(now time.Time) error {
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	c.pending, c.lastShip = false, now
	return c.ship(c.buf)
}

func hostRestore(ctx context.Context, m api.Module, ptr, n uint32) int32 {
	c := stateOf(ctx)
	if c == nil || len(c.restore) == 0 {
		return 0
	}
	k := min(uint32(len(c.restore)), n)
	if k > 0 && !m.Memory().Write(ptr, c.restore[:k]) {
		c.mu.Lock()
		c.noteLocked(-ErrnoFault, "restore(%d, %d) refused: the buffer lies outside the program's memory", ptr, n)
		c.mu.Unlock()
		return -ErrnoFault
	}
	return int32(len(c.restore))
}

func hostProgress(ctx context.Context, permille int32) {
	c := stateOf(ctx)
	if c == nil || c.onProg == nil {
		return
	}
	p := int(min(max(permille, 0), 1000))
	c.mu.Lock()
	changed := p != c.permille
	c.permille = p
	c.mu.Unlock()
	if changed {
		c.onProg(p)
	}
}
