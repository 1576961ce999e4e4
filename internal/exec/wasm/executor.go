package wasm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/experimental"
	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
	"github.com/tetratelabs/wazero/experimental/sysfs"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
	"github.com/tetratelabs/wazero/sys"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/wire"
)

// TrapExitCode is Result.ExitCode for a guest that trapped (a WebAssembly
// runtime error such as unreachable or an out-of-bounds access) instead of
// exiting; the trap is described at the end of Result.Stderr. 134 is what a
// shell reports for a process that aborted.
const TrapExitCode = 134

// wasiModule is the only module guests may import from.
const wasiModule = "wasi_snapshot_preview1"

// DefaultMaxCompiled is how many compiled modules an Executor keeps in
// memory by default; the least recently used is dropped beyond that (the
// on-disk cache, if any, keeps it cheap to bring back).
const DefaultMaxCompiled = 32

// Option configures New.
type Option func(*options)

type options struct {
	cacheDir    string
	log         *slog.Logger
	maxCompiled int
}

// WithCacheDir keeps wazero's compilation cache in dir (created if
// missing), so a restarted node does not compile the same module again.
// Default: in memory only.
func WithCacheDir(dir string) Option { return func(o *options) { o.cacheDir = dir } }

// WithLogger sets the logger. Default: discard.
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.log = l } }

// WithMaxCompiled bounds the compiled modules kept in memory.
// Default: DefaultMaxCompiled.
func WithMaxCompiled(n int) Option { return func(o *options) { o.maxCompiled = n } }

// Executor runs WASI preview1 modules with wazero. It implements
// exec.Executor and is safe for concurrent use.
type Executor struct {
	log         *slog.Logger
	rt          wazero.Runtime // runs instrumented modules (see interrupt.go)
	cache       wazero.CompilationCache
	maxCompiled int
	stop        chan struct{} // closed by Close: interrupts running guests

	safeOnce sync.Once
	safeRT   wazero.Runtime // wazero's own termination checks, for the rest
	safeErr  error

	mu       sync.Mutex
	closed   bool
	compiled map[string]*compiledModule
	uses     uint64 // logical clock for LRU

	mem memPool // linear memories of finished runs, reused
}

var _ exec.Executor = (*Executor)(nil)

// compiledModule is one entry of the compiled-module cache. ready is closed
// once mod/err are set; refs counts runs using mod, which is closed only
// when the entry was evicted and no run uses it.
type compiledModule struct {
	ready         chan struct{}
	mod           wazero.CompiledModule
	rt            wazero.Runtime
	interruptible bool // instrumented with fuel checks (see interrupt.go)
	minPages      uint32
	err           error
	refs          int
	lastUse       uint64
	evicted       bool
}

// New starts a wazero runtime with WASI preview1.
func New(ctx context.Context, opts ...Option) (*Executor, error) {
	o := options{log: slog.New(slog.DiscardHandler), maxCompiled: DefaultMaxCompiled}
	for _, opt := range opts {
		opt(&o)
	}
	if o.maxCompiled < 1 {
		o.maxCompiled = 1
	}
	cache := wazero.NewCompilationCache()
	if o.cacheDir != "" {
		c, err := wazero.NewCompilationCacheWithDir(o.cacheDir)
		if err != nil {
			return nil, fmt.Errorf("open the WebAssembly compilation cache in %s: %w", o.cacheDir, err)
		}
		cache = c
	}
	rt, err := newRuntime(ctx, cache, false)
	if err != nil {
		cache.Close(ctx)
		return nil, err
	}
	return &Executor{
		log: o.log, rt: rt, cache: cache, maxCompiled: o.maxCompiled,
		stop: make(chan struct{}), compiled: map[string]*compiledModule{},
	}, nil
}

func newRuntime(ctx context.Context, cache wazero.CompilationCache, closeOnDone bool) (wazero.Runtime, error) {
	cfg := wazero.NewRuntimeConfig().WithCloseOnContextDone(closeOnDone).WithCompilationCache(cache)
	rt := wazero.NewRuntimeWithConfig(ctx, cfg)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("instantiate WASI: %w", err)
	}
	if err := instantiateDeco(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, err
	}
	return rt, nil
}

// safeRuntime returns the runtime with wazero's termination checks,
// creating it on first use.
func (e *Executor) safeRuntime(ctx context.Context) (wazero.Runtime, error) {
	e.safeOnce.Do(func() {
		e.mu.Lock()
		closed := e.closed
		e.mu.Unlock()
		if closed {
			e.safeErr = errors.New("the executor is closed")
			return
		}
		e.safeRT, e.safeErr = newRuntime(context.WithoutCancel(ctx), e.cache, true)
	})
	return e.safeRT, e.safeErr
}

// Close stops every running task and releases the runtime and the
// in-memory cache. The on-disk cache stays.
func (e *Executor) Close(ctx context.Context) error {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil
	}
	e.closed = true
	e.mu.Unlock()
	close(e.stop)
	e.safeOnce.Do(func() {}) // no safe runtime after this point
	err := e.rt.Close(ctx)
	if e.safeRT != nil {
		err = errors.Join(err, e.safeRT.Close(ctx))
	}
	return errors.Join(err, e.cache.Close(ctx))
}

// Run executes s; see exec.Executor.
func (e *Executor) Run(ctx context.Context, s exec.Spec) (exec.Result, error) {
	start := time.Now()
	var res exec.Result
	err := e.run(ctx, s.WithDefaults(), &res)
	res.Duration = time.Since(start)
	return res, err
}

func (e *Executor) run(ctx context.Context, s exec.Spec, res *exec.Result) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("task not started: %w", err)
	}
	mounts, guard, err := prepareMounts(s)
	if err != nil {
		return err
	}
	cfg, err := moduleConfig(s, mounts)
	if err != nil {
		return err
	}

	id := s.ModuleID
	if id == "" {
		id = string(wire.CIDOf(s.Module))
	}
	cm, compiled, err := e.acquire(ctx, id, s.Module)
	res.Compiled = compiled
	if err != nil {
		return err
	}
	defer e.release(cm)
	if need := uint64(cm.minPages) * 65536; need > s.MemoryLimit {
		return fmt.Errorf("%w: the module needs %s of memory just to start, more than the limit of %s; raise the job's memory limit",
			exec.ErrMemoryLimit, size(need), size(s.MemoryLimit))
	}

	stdout := &capture{limit: s.StdoutLimit, live: s.LiveStdout}
	stderr := &capture{limit: s.StderrLimit, live: s.LiveStderr}
	clock := &virtualClock{}
	cfg = cfg.WithStdout(stdout).WithStderr(stderr).
		WithWalltime(clock.walltime, sys.ClockResolution(clockTick)).
		WithNanotime(clock.nanotime, sys.ClockResolution(clockTick)).
		WithNanosleep(clock.sleep).
		WithRandSource(seededRand(s.Seed))
	mem := &memoryGuard{limit: s.MemoryLimit, pool: &e.mem}
	defer mem.release() // after the guest's call returned (start) and classify read the guard

	runCtx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	runCtx = experimental.WithMemoryAllocator(runCtx, mem)
	ckpt := newCheckpoints(s, stderr)
	runCtx = context.WithValue(runCtx, stateKey{}, ckpt)

	exitCode, trap, runErr := e.start(runCtx, cm, cfg)
	ckpt.stop()
	res.ExitCode = exitCode
	if trap != nil {
		fmt.Fprintf(stderr, "\ndeco: the program crashed: %v\n", trap)
	}
	res.Stdout, res.StdoutTruncated = stdout.buf, stdout.truncated
	res.Stderr, res.StderrTruncated = stderr.buf, stderr.truncated

	err = e.classify(ctx, runCtx, s, runErr, exitCode, mem, guard)
	e.log.Debug("task finished", "module", shortID(id), "exit", exitCode, "compiled", compiled, "err", err)
	return err
}

// errInterrupted: the executor stopped the guest because its context
// was done or the executor is closing.
var errInterrupted = errors.New("interrupted")

// start instantiates the module and calls _start. It returns the guest's
// exit code, the trap that ended it (if any), and runErr for endings that
// are not the guest's doing (bad module, interruption).
func (e *Executor) start(ctx context.Context, cm *compiledModule, cfg wazero.ModuleConfig) (exitCode int, trap, runErr error) {
	// The instrumented module calls sched_yield, and so this hook, at least
	// every fuelPerYield loop iterations or calls (see interrupt.go).
	var interrupted atomic.Bool
	cfg = cfg.WithOsyield(func() {
		stop := ctx.Err() != nil
		select {
		case <-e.stop:
			stop = true
		default:
		}
		if stop {
			interrupted.Store(true)
			panic(sys.NewExitError(sys.ExitCodeDeadlineExceeded)) // unwinds the guest
		}
	})
	mod, err := cm.rt.InstantiateModule(ctx, cm.mod, cfg.WithStartFunctions())
	if err != nil {
		var exit *sys.ExitError
		if errors.As(err, &exit) { // a start section ran and exited or was stopped
			return int(exit.ExitCode()), nil, exit
		}
		if e.isClosed() {
			return 0, nil, errors.New("the executor was closed while the task was starting")
		}
		return 0, nil, fmt.Errorf("%w: it cannot be instantiated: %v", exec.ErrBadModule, err)
	}
	defer mod.Close(context.WithoutCancel(ctx))

	_, err = mod.ExportedFunction("_start").Call(ctx)
	var exit *sys.ExitError
	closing := false
	select {
	case <-e.stop: // closing the runtime may have ended the guest "successfully"
		closing = true
	default:
	}
	switch {
	case interrupted.Load() || closing:
		return 0, nil, errInterrupted
	case err == nil:
		return 0, nil, nil
	case errors.As(err, &exit):
		return int(exit.ExitCode()), nil, exit
	default:
		return TrapExitCode, err, nil
	}
}

// classify turns how the run ended into Run's error.
func (e *Executor) classify(ctx, runCtx context.Context, s exec.Spec, runErr error, exitCode int, mem *memoryGuard, guard *outputGuard) error {
	stopped := errors.Is(runErr, errInterrupted)
	var exit *sys.ExitError
	if errors.As(runErr, &exit) {
		// Only a done context makes wazero report these codes; a guest
		// calling proc_exit with the same number is just an exit code.
		code := exit.ExitCode()
		stopped = (code == sys.ExitCodeDeadlineExceeded || code == sys.ExitCodeContextCanceled) && runCtx.Err() != nil
		runErr = nil
	}
	if stopped {
		switch {
		case ctx.Err() != nil:
			return fmt.Errorf("task stopped: %w", ctx.Err())
		case runCtx.Err() == nil: // the executor is closing
			return errors.New("task stopped: the executor was closed")
		}
		return fmt.Errorf("%w: the task was stopped after %s; raise the job's timeout or split the work into smaller tasks",
			exec.ErrTimeLimit, s.Timeout)
	}
	if runErr != nil {
		if e.isClosed() {
			return fmt.Errorf("task stopped: the executor was closed")
		}
		return runErr
	}
	if exitCode != 0 && mem.refused.Load() {
		return fmt.Errorf("%w: the program ran out of its %s of memory and stopped (exit code %d); raise the job's memory limit or make the program use less",
			exec.ErrMemoryLimit, size(s.MemoryLimit), exitCode)
	}
	if guard != nil {
		used, _, err := dirUsage(guard.dir)
		if err != nil {
			return fmt.Errorf("measure the task's outputs: %w", err)
		}
		if guard.exceeded.Load() || used > s.MaxOutputBytes {
			return fmt.Errorf("%w: the task tried to write more than %s (or more than %d files) under /outputs; write less or raise the job's output limit",
				exec.ErrOutputTooLarge, size(uint64(s.MaxOutputBytes)), maxOutputEntries)
		}
	}
	return nil
}

func (e *Executor) isClosed() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closed
}

// mount is one host directory shown to the guest.
type mount struct {
	fs        *sandboxFS
	guestPath string
	readOnly  bool
}

// prepareMounts checks the host directories and builds their wrappers.
func prepareMounts(s exec.Spec) ([]mount, *outputGuard, error) {
	var mounts []mount
	var guard *outputGuard
	if s.InputDir != "" {
		dir, err := filepath.EvalSymlinks(s.InputDir)
		if err != nil || !isDir(dir) {
			return nil, nil, fmt.Errorf("%w: %s is not a directory", exec.ErrMissingInput, s.InputDir)
		}
		mounts = append(mounts, mount{fs: &sandboxFS{FS: sysfs.DirFS(dir)}, guestPath: "/inputs", readOnly: true})
	}
	if s.OutputDir != "" {
		dir, err := filepath.EvalSymlinks(s.OutputDir)
		if err != nil || !isDir(dir) {
			return nil, nil, fmt.Errorf("output directory %s does not exist; create it before running the task", s.OutputDir)
		}
		used, files, err := dirUsage(dir)
		if err != nil {
			return nil, nil, fmt.Errorf("read output directory: %w", err)
		}
		guard = &outputGuard{dir: dir, limit: s.MaxOutputBytes}
		guard.written.Store(used)
		guard.entries.Store(int64(files))
		mounts = append(mounts, mount{fs: &sandboxFS{FS: sysfs.DirFS(dir), guard: guard}, guestPath: "/outputs"})
	}
	return mounts, guard, nil
}

// moduleConfig builds the guest's argv, env and file system.
func moduleConfig(s exec.Spec, mounts []mount) (wazero.ModuleConfig, error) {
	for _, a := range s.Args {
		if strings.IndexByte(a, 0) >= 0 {
			return nil, fmt.Errorf("argument %q contains a NUL byte, which a program cannot receive", a)
		}
	}
	cfg := wazero.NewModuleConfig().WithName("").WithArgs(append([]string{"task"}, s.Args...)...)
	keys := make([]string, 0, len(s.Env))
	for k, v := range s.Env {
		if k == "" || strings.ContainsAny(k, "=\x00") || strings.IndexByte(v, 0) >= 0 {
			return nil, fmt.Errorf("environment variable %q is invalid: names must be non-empty without '=' or NUL, values without NUL", k)
		}
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		cfg = cfg.WithEnv(k, s.Env[k])
	}
	fsc := wazero.NewFSConfig()
	for _, m := range mounts {
		var root experimentalsys.FS = m.fs
		if m.readOnly {
			root = &sysfs.ReadFS{FS: m.fs}
		}
		fsc = fsc.(sysfs.FSConfig).WithSysFSMount(root, m.guestPath)
	}
	return cfg.WithFSConfig(fsc), nil
}

// acquire returns the compiled module for id, compiling it if needed
// (compiled reports that this call did). Concurrent callers for the same id
// share one compilation. The caller must release the entry.
func (e *Executor) acquire(ctx context.Context, id string, bin []byte) (cm *compiledModule, compiled bool, err error) {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return nil, false, errors.New("the executor is closed")
	}
	e.uses++
	if cm = e.compiled[id]; cm != nil {
		cm.refs++
		cm.lastUse = e.uses
		e.mu.Unlock()
		select {
		case <-cm.ready:
		case <-ctx.Done():
			e.release(cm)
			return nil, false, ctx.Err()
		}
		if cm.err != nil {
			e.release(cm)
			return nil, false, cm.err
		}
		return cm, false, nil
	}
	cm = &compiledModule{ready: make(chan struct{}), refs: 1, lastUse: e.uses}
	e.compiled[id] = cm
	e.mu.Unlock()

	began := time.Now()
	cm.err = e.compile(ctx, cm, bin)
	close(cm.ready)
	e.log.Info("compiled module", "module", shortID(id), "bytes", len(bin), "took", time.Since(began).Round(time.Millisecond), "err", cm.err)

	e.mu.Lock()
	if cm.err != nil {
		delete(e.compiled, id) // a later run may bring correct bytes for the id
	}
	e.evictLocked()
	e.mu.Unlock()
	if cm.err != nil {
		e.release(cm)
		return nil, true, cm.err
	}
	return cm, true, nil
}

// compile validates and compiles bin, instrumented for interruption when
// possible (see interrupt.go), and fills cm.
func (e *Executor) compile(ctx context.Context, cm *compiledModule, bin []byte) error {
	bad := func(why string) error {
		return fmt.Errorf("%w: %s; build it for WASI preview1, e.g. GOOS=wasip1 GOARCH=wasm go build", exec.ErrBadModule, why)
	}
	if inst, err := instrument(bin); err == nil {
		if mod, err := e.rt.CompileModule(ctx, inst); err == nil {
			cm.mod, cm.rt, cm.interruptible = mod, e.rt, true
		}
	} else {
		e.log.Debug("module runs with wazero's termination checks", "reason", err)
	}
	if cm.mod == nil {
		rt, err := e.safeRuntime(ctx)
		if err != nil {
			return err
		}
		mod, err := rt.CompileModule(ctx, bin)
		if err != nil {
			if e.isClosed() {
				return errors.New("the executor is closed")
			}
			return bad(err.Error())
		}
		cm.mod, cm.rt = mod, rt
	}
	reject := func(why string) error {
		cm.mod.Close(ctx)
		cm.mod = nil
		return bad(why)
	}
	for _, f := range cm.mod.ImportedFunctions() {
		if m, name, _ := f.Import(); m != wasiModule && (m != decoModule || !decoImports[name]) {
			return reject(fmt.Sprintf("it imports %s.%s, but only %s functions and deco.checkpoint, deco.restore and deco.progress are available", m, name, wasiModule))
		}
	}
	if len(cm.mod.ImportedMemories()) > 0 {
		return reject("it imports its memory instead of defining it")
	}
	if _, ok := cm.mod.ExportedFunctions()["_start"]; !ok {
		return reject("it exports no _start function (is it a library rather than a command?)")
	}
	minPages, err := memoryMinPages(bin)
	if err != nil {
		return reject(err.Error())
	}
	cm.minPages = minPages
	return nil
}

// release drops one reference to cm.
func (e *Executor) release(cm *compiledModule) {
	e.mu.Lock()
	defer e.mu.Unlock()
	cm.refs--
	if cm.evicted && cm.refs == 0 && cm.mod != nil {
		cm.mod.Close(context.Background())
	}
}

// evictLocked drops least recently used, compiled entries beyond the bound.
func (e *Executor) evictLocked() {
	for len(e.compiled) > e.maxCompiled {
		var victimID string
		var victim *compiledModule
		for id, cm := range e.compiled {
			select {
			case <-cm.ready:
			default:
				continue // still compiling
			}
			if victim == nil || cm.lastUse < victim.lastUse {
				victimID, victim = id, cm
			}
		}
		if victim == nil {
			return
		}
		delete(e.compiled, victimID)
		victim.evicted = true
		if victim.refs == 0 && victim.mod != nil {
			victim.mod.Close(context.Background())
		}
	}
}

func shortID(id string) string {
	if len(id) > 16 {
		return id[:8] + "…" + id[len(id)-6:]
	}
	return id
}

// size formats a byte count for messages.
func size(b uint64) string {
	switch {
	case b >= 1<<30 && b%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", b>>30)
	case b >= 1<<20:
		return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.0f KiB", float64(b)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", b)
}
