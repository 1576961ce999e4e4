package runner

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

const testInline = 4 << 10 // logs and outputs up to 1 KiB travel inline

// fakeExec is a hand-written executor: run does the work of one task.
type fakeExec struct {
	run    func(ctx context.Context, s exec.Spec) (exec.Result, error)
	closed bool
}

func (f *fakeExec) Run(ctx context.Context, s exec.Spec) (exec.Result, error) { return f.run(ctx, s) }
func (f *fakeExec) Close(context.Context) error                               { f.closed = true; return nil }

// inlineOnly fetches what the assignment carries inline, as the node's
// fetcher does, and nothing from the network.
func inlineOnly(blobs *store.Blobs) Fetcher {
	return FetchFunc(func(_ context.Context, _ peer.ID, c wire.CID, inline map[wire.CID][]byte, _ int64) error {
		if blobs.Has(c) {
			return nil
		}
		b, ok := inline[c]
		if !ok {
			return fmt.Errorf("%s is not inline", c.Short())
		}
		_, err := blobs.PutBytes(b)
		return err
	})
}

type fixture struct {
	r       *Runner
	blobs   *store.Blobs
	clk     *clock.Fake
	signer  Signer
	workDir string
	access  *access.Registry
}

func newFixture(t *testing.T, kinds map[string]Executor, edit func(*Config)) fixture {
	t.Helper()
	blobs, err := store.OpenBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	f := fixture{blobs: blobs, clk: clock.NewFake(time.Unix(1_700_000_000, 0)), workDir: t.TempDir()}
	f.access = access.New(f.clk)
	f.signer = Signer{EVM: crypto.PubkeyToAddress(key.PublicKey).Hex(), Key: key,
		Domain: verify.Domain{ChainID: 1337, Contract: common.HexToAddress("0x1")}, Attester: attest.Software{}}
	cfg := Config{Blobs: blobs, Fetcher: inlineOnly(blobs), Executors: kinds, Signer: f.signer, Clock: f.clk,
		WorkDir: f.workDir, Slots: 2, InlineLimit: testInline, Access: f.access}
	if edit != nil {
		edit(&cfg)
	}
	if f.r, err = New(cfg); err != nil {
		t.Fatal(err)
	}
	return f
}

// assign is a one-input task whose program and input travel inline.
func assign(t *testing.T, program, input []byte) wire.Assign {
	t.Helper()
	spec := wire.TaskSpec{
		Task: wire.TaskID{Job: wire.NewJobID([16]byte{7}), Index: 3}, Count: 4, Attempt: 1,
		Program: wire.CIDOf(program), ProgramSize: int64(len(program)), Args: []string{"go"},
		Inputs:      []wire.Input{{Name: "in.txt", CID: wire.CIDOf(input), Size: int64(len(input))}},
		MemoryLimit: 64 << 20, TimeoutMs: 5000, MaxOutput: 1 << 20,
	}
	return wire.Assign{Spec: spec, Inline: map[wire.CID][]byte{spec.Program: program, wire.CIDOf(input): input}}
}

// A task of a kind the provider has no executor for fails at once, saying
// which kinds it runs; nothing is fetched or run.
func TestRunRefusesUnknownKind(t *testing.T) {
	f := newFixture(t, map[string]Executor{wire.KindWasm: {}, wire.KindZK: {}}, nil)
	res, claim := f.r.Run(context.Background(), "", wire.Assign{Spec: wire.TaskSpec{Kind: "he", Attempt: 1}}, 0, func(string, string) {
		t.Fatal("a status for a refused task")
	})
	if res.Failure != wire.FailBadModule || claim != nil || !strings.Contains(res.Message, `task kind "he"`) || !strings.Contains(res.Message, "wasm, zk") {
		t.Fatalf("result %+v, claim %v", res, claim)
	}
}

func TestFailureKind(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{exec.ErrTimeLimit, wire.FailTimeLimit},
		{exec.ErrMemoryLimit, wire.FailMemoryLimit},
		{exec.ErrBadModule, wire.FailBadModule},
		{exec.ErrMissingInput, wire.FailMissingInput},
		{exec.ErrOutputTooLarge, wire.FailOutputTooLarge},
		{zkexec.ErrUncommitted, wire.FailNoEscrow},
		{context.Canceled, wire.FailProvider},
	} {
		if got := failureKind(fmt.Errorf("detail: %w", tc.err)); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.err, got, tc.want)
		}
	}
}

// An honest run: the program and input are fetched and staged, small
// outputs and logs travel inline, large ones are stored, the receipt
// passes the consumer's check, and the sandbox is empty afterwards.
func TestRunCollectsAndSigns(t *testing.T) {
	program, input := []byte("\x00asm program"), []byte("hello")
	big := bytes.Repeat([]byte("x"), testInline) // over a quarter of the limit
	var seen exec.Spec
	ex := &fakeExec{run: func(_ context.Context, s exec.Spec) (exec.Result, error) {
		seen = s
		in, err := os.ReadFile(filepath.Join(s.InputDir, "in.txt"))
		if err != nil {
			return exec.Result{}, err
		}
		os.MkdirAll(filepath.Join(s.OutputDir, "sub"), 0o700)
		os.WriteFile(filepath.Join(s.OutputDir, "small.txt"), bytes.ToUpper(in), 0o600)
		os.WriteFile(filepath.Join(s.OutputDir, "sub", "big.bin"), big, 0o600)
		return exec.Result{Stdout: []byte("ok\n"), Stderr: big, Duration: 12 * time.Millisecond}, nil
	}}
	f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: ex, Runtime: "test/1", MaxInput: 1 << 20}}, nil)
	a := assign(t, program, input)
	var states []string
	res, claim := f.r.Run(context.Background(), "consumer", a, 1, func(state, _ string) { states = append(states, state) })
	if res.Failure != "" || claim != nil {
		t.Fatalf("failed: %s: %s (claim %v)", res.Failure, res.Message, claim)
	}
	if len(states) > 0 {
		t.Errorf("statuses %v: all was inline and a short task says nothing", states)
	}
	if !bytes.Equal(seen.Module, program) || seen.Task != a.Spec.Task || seen.Count != 4 || seen.Attempt != 1 || seen.Timeout != 5*time.Second || seen.InputDir != filepath.Join(f.workDir, "slot-1", "inputs") {
		t.Errorf("executor got %+v", seen)
	}
	if got := res.Inline[res.Stdout]; string(got) != "ok\n" {
		t.Errorf("stdout inline %q", got)
	}
	if _, ok := res.Inline[res.Stderr]; ok || !f.blobs.Has(res.Stderr) {
		t.Errorf("a large log must be stored, not inline")
	}
	want := map[string]string{"small.txt": "HELLO", "sub/big.bin": string(big)}
	if len(res.Outputs.Entries) != len(want) {
		t.Fatalf("outputs %+v", res.Outputs.Entries)
	}
	for _, e := range res.Outputs.Entries {
		_, inline := res.Inline[e.CID]
		if inline != (e.Path == "small.txt") {
			t.Errorf("%s: inline %v", e.Path, inline)
		}
		if b, _ := f.blobs.Get(e.CID, 1<<20); !inline && string(b) != want[e.Path] {
			t.Errorf("%s stored as %q", e.Path, b)
		}
		if inline && string(res.Inline[e.CID]) != want[e.Path] {
			t.Errorf("%s inline as %q", e.Path, res.Inline[e.CID])
		}
	}
	if res.Receipt == nil || res.Receipt.Environment.Runtime != "test/1" || res.Receipt.Attestation != attest.KindSoftware {
		t.Fatalf("receipt %+v", res.Receipt)
	}
	if err := verify.Check(f.signer.Domain, *res.Receipt, res.Signature, verify.Expect{Spec: a.Spec, Provider: f.signer.EVM, Outputs: &res.Outputs}); err != nil {
		t.Errorf("the consumer would refuse the receipt: %v", err)
	}
	// The consumer, and only it, may fetch what did not travel inline, for
	// access.OutputGrant.
	var bigCID wire.CID
	for _, e := range res.Outputs.Entries {
		if e.Path == "sub/big.bin" {
			bigCID = e.CID
		}
	}
	for _, c := range []wire.CID{bigCID, res.Stderr} {
		if !f.access.Allowed("consumer", c) || f.access.Allowed("stranger", c) {
			t.Errorf("%s: consumer allowed %v, stranger allowed %v", c.Short(), f.access.Allowed("consumer", c), f.access.Allowed("stranger", c))
		}
	}
	f.clk.Advance(access.OutputGrant)
	if f.access.Allowed("consumer", bigCID) {
		t.Error("the consumer may still read the outputs after access.OutputGrant")
	}
	for _, sub := range []string{"inputs", "outputs"} {
		if ents, err := os.ReadDir(filepath.Join(f.workDir, "slot-1", sub)); err != nil || len(ents) > 0 {
			t.Errorf("slot-1/%s after the run: %v, %v", sub, ents, err)
		}
	}
}

// "running" is said once a task has run RunningAfter on the clock, with
// the kind's message; not before.
func TestRunningNotice(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	ex := &fakeExec{run: func(context.Context, exec.Spec) (exec.Result, error) {
		close(started)
		<-release
		return exec.Result{}, nil
	}}
	f := newFixture(t, map[string]Executor{wire.KindZK: {Executor: ex, Running: "proving"}}, nil)
	a := assign(t, []byte("key"), []byte("commitment"))
	a.Spec.Kind = wire.KindZK
	var mu sync.Mutex
	var states []string
	done := make(chan wire.Result)
	go func() {
		res, _ := f.r.Run(context.Background(), "", a, 0, func(state, msg string) {
			mu.Lock()
			defer mu.Unlock()
			states = append(states, state+":"+msg)
		})
		done <- res
	}()
	<-started
	said := func() string { mu.Lock(); defer mu.Unlock(); return strings.Join(states, ",") }
	f.clk.Advance(RunningAfter - time.Millisecond)
	if s := said(); strings.Contains(s, "running") {
		t.Fatalf("running said early: %s", s)
	}
	f.clk.Advance(time.Millisecond)
	if s := said(); !strings.HasSuffix(s, "running:proving") {
		t.Fatalf("statuses %s, want running:proving last", s)
	}
	close(release)
	if res := <-done; res.Failure != "" {
		t.Fatalf("%s: %s", res.Failure, res.Message)
	}
}

// Failures keep their kind and what the program printed; outputs over
// the task's limit fail as such.
func TestRunFailures(t *testing.T) {
	for _, tc := range []struct {
		name    string
		run     func(s exec.Spec) (exec.Result, error)
		want    string
		stdout  string
		message string
	}{
		{"time limit", func(exec.Spec) (exec.Result, error) {
			return exec.Result{Stdout: []byte("partial")}, fmt.Errorf("ran 5s: %w", exec.ErrTimeLimit)
		}, wire.FailTimeLimit, "partial", "ran 5s"},
		{"too much output", func(s exec.Spec) (exec.Result, error) {
			os.WriteFile(filepath.Join(s.OutputDir, "a"), make([]byte, s.MaxOutputBytes+1), 0o600)
			return exec.Result{}, nil
		}, wire.FailOutputTooLarge, "", "outputs exceed 16 bytes"},
		{"crash", func(exec.Spec) (exec.Result, error) { return exec.Result{}, errors.New("runtime fell over") }, wire.FailProvider, "", "runtime fell over"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ex := &fakeExec{run: func(_ context.Context, s exec.Spec) (exec.Result, error) { return tc.run(s) }}
			f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: ex}}, nil)
			a := assign(t, []byte("prog"), []byte("in"))
			a.Spec.MaxOutput = 16
			res, _ := f.r.Run(context.Background(), "", a, 0, func(string, string) {})
			if res.Failure != tc.want || !strings.Contains(res.Message, tc.message) || res.Receipt != nil {
				t.Fatalf("%s: %s (receipt %v), want %s", res.Failure, res.Message, res.Receipt, tc.want)
			}
			if tc.stdout != "" && string(res.Inline[res.Stdout]) != tc.stdout {
				t.Errorf("stdout %q, want %q", res.Inline[res.Stdout], tc.stdout)
			}
		})
	}
}

// An input the consumer cannot provide, or one named like a path, fails
// as a missing input before anything runs.
func TestRunMissingInput(t *testing.T) {
	ex := &fakeExec{run: func(context.Context, exec.Spec) (exec.Result, error) {
		t.Fatal("ran without its input")
		return exec.Result{}, nil
	}}
	f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: ex}}, nil)
	a := assign(t, []byte("prog"), []byte("in"))
	delete(a.Inline, a.Spec.Inputs[0].CID)
	var states []string
	res, _ := f.r.Run(context.Background(), "", a, 0, func(state, _ string) { states = append(states, state) })
	if res.Failure != wire.FailMissingInput || !strings.Contains(res.Message, "could not be fetched") {
		t.Fatalf("%s: %s", res.Failure, res.Message)
	}
	if strings.Join(states, ",") != "fetching" {
		t.Errorf("statuses %v, want fetching (the input is not inline)", states)
	}
	a = assign(t, []byte("prog"), []byte("in"))
	a.Spec.Inputs[0].Name = "../escape"
	res, _ = f.r.Run(context.Background(), "", a, 0, func(string, string) {})
	if res.Failure != wire.FailMissingInput || !strings.Contains(res.Message, "not a plain file name") {
		t.Fatalf("%s: %s", res.Failure, res.Message)
	}
}

// A zk run's settlement claim comes back only with payments on (Claims),
// and the receipt is what Signer.Edit made of it.
func TestClaimsAndEdit(t *testing.T) {
	claim := &chain.ProofClaim{}
	ex := &fakeExec{run: func(context.Context, exec.Spec) (exec.Result, error) {
		return exec.Result{Settlement: claim}, nil
	}}
	kinds := map[string]Executor{wire.KindZK: {Executor: ex, Runtime: "gnark"}}
	for _, on := range []bool{false, true} {
		f := newFixture(t, kinds, func(c *Config) {
			c.Claims = on
			c.Signer.Edit = func(_ wire.TaskSpec, rec *wire.Receipt) { rec.ExitCode = 9 }
		})
		a := assign(t, []byte("key"), []byte("c"))
		a.Spec.Kind = wire.KindZK
		res, got := f.r.Run(context.Background(), "", a, 0, func(string, string) {})
		if (got == claim) != on || res.Receipt == nil || res.Receipt.ExitCode != 9 {
			t.Errorf("claims %v: claim %v, receipt %+v", on, got, res.Receipt)
		}
	}
}

// New empties what a crashed run left in the slots; Close closes only
// the executors the runner owns.
func TestNewAndClose(t *testing.T) {
	work := t.TempDir()
	left := filepath.Join(work, "slot-0", "outputs", "stale")
	os.MkdirAll(filepath.Dir(left), 0o700)
	os.WriteFile(left, []byte("x"), 0o600)
	own, lent := &fakeExec{}, &fakeExec{}
	f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: own, Own: true}, wire.KindZK: {Executor: lent}}, func(c *Config) { c.WorkDir = work })
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Errorf("leftover survived New: %v", err)
	}
	for _, dir := range []string{"slot-0/inputs", "slot-1/outputs"} {
		if fi, err := os.Stat(filepath.Join(work, dir)); err != nil || !fi.IsDir() {
			t.Errorf("%s: %v", dir, err)
		}
	}
	f.r.Close()
	if !own.closed || lent.closed {
		t.Errorf("closed: own %v, lent %v", own.closed, lent.closed)
	}
	if err := (Config{}).Validate(); err == nil {
		t.Error("an empty Config validated")
	}
}

// TestTruncatedLogsSaySo: a program that writes past the 1 MiB capture
// limit used to leave a log cut mid-line with no word about it. The file
// now ends with a marker and the result says the logs were truncated.
func TestTruncatedLogsSaySo(t *testing.T) {
	cut := bytes.Repeat([]byte("y"), exec.DefaultStdoutLimit)
	ex := &fakeExec{run: func(context.Context, exec.Spec) (exec.Result, error) {
		return exec.Result{Stdout: cut, StdoutTruncated: true, Stderr: []byte("fine\n")}, nil
	}}
	f := newFixture(t, map[string]Executor{wire.KindWasm: {Executor: ex, Runtime: "test/1", MaxInput: 1 << 20}}, nil)
	res, _ := f.r.Run(context.Background(), "consumer", assign(t, []byte("\x00asm"), []byte("in")), 0, func(string, string) {})
	if res.Failure != "" || !res.Truncated {
		t.Fatalf("result %s %q, truncated %v; want a success marked truncated", res.Failure, res.Message, res.Truncated)
	}
	out, err := f.blobs.Get(res.Stdout, 2<<20)
	if err != nil {
		t.Fatal(err)
	}
	want := "\n[deco: stdout truncated: the program wrote more than 1MiB; the rest was dropped]\n"
	if !bytes.HasPrefix(out, cut) || !strings.HasSuffix(string(out), want) || res.StdoutSize != int64(len(out)) {
		t.Fatalf("stdout ends %q (size %d, reported %d); want the marker %q", out[max(0, len(out)-100):], len(out), res.StdoutSize, want)
	}
	if got := res.Inline[res.Stderr]; string(got) != "fine\n" {
		t.Fatalf("an uncut stderr changed: %q", got)
	}
	if res.Receipt == nil {
		t.Fatal("no receipt")
	}
}
