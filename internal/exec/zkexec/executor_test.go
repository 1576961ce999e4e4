package zkexec

import (
	"context"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// cubicKeys sets the test circuit up once per test binary.
var cubicKeys = sync.OnceValues(func() (*zk.Keys, error) {
	c, err := zk.Lookup("cubic")
	if err != nil {
		return nil, err
	}
	return zk.Setup(context.Background(), c)
})

// fixture is a small circuit's keys, a signing provider and a job of
// count tasks whose commitment holds each task's parameters.
type fixture struct {
	c      *zk.Circuit
	keys   *zk.Keys
	pk     []byte
	e      *Executor
	payee  common.Address
	domain verify.Domain
	job    wire.JobID
	params []map[string]string
	leaves []byte
}

func newFixture(t *testing.T, count int) *fixture {
	t.Helper()
	c, err := zk.Lookup("cubic")
	if err != nil {
		t.Fatal(err)
	}
	keys, err := cubicKeys()
	if err != nil {
		t.Fatal(err)
	}
	pk, err := keys.ProvingKeyBytes()
	if err != nil {
		t.Fatal(err)
	}
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{c: c, keys: keys, pk: pk, payee: crypto.PubkeyToAddress(key.PublicKey), domain: verify.Domain{ChainID: 1337}, job: wire.NewJobID([16]byte{7})}
	f.e = New(Options{Payee: f.payee, Domain: f.domain, Sign: func(d [32]byte) ([]byte, error) { return verify.SignDigest(key, d) }})
	tasks := make([]chain.ProofTask, count)
	for i := range tasks {
		p := c.Example()
		f.params = append(f.params, p)
		fixed, err := c.Public(p)
		if err != nil {
			t.Fatal(err)
		}
		tasks[i] = chain.ProofTask{ID: wire.TaskID{Job: f.job, Index: i}.Bytes32(), Fixed: fixed}
	}
	tree, err := chain.NewTaskTree(f.job.Bytes32(), tasks)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range tree.Leaves() {
		f.leaves = append(f.leaves, l[:]...)
	}
	return f
}

// spec is a run of task i with the commitment as its input (leaves nil:
// no payments, no input).
func (f *fixture) spec(t *testing.T, i int, leaves []byte) exec.Spec {
	t.Helper()
	in, out := t.TempDir(), t.TempDir()
	if leaves == nil {
		in = ""
	} else if err := os.WriteFile(filepath.Join(in, LeavesFile), leaves, 0o400); err != nil {
		t.Fatal(err)
	}
	var args []string
	for k, v := range f.params[i] {
		args = append(args, k+"="+v)
	}
	return exec.Spec{Module: f.pk, ModuleID: "pk", Args: args, InputDir: in, OutputDir: out,
		Task: wire.TaskID{Job: f.job, Index: i}, Count: len(f.params), Timeout: time.Minute}
}

// A committed task is proved: the outputs hold a proof that verifies and
// is bound to the provider, a claim the provider signed over its words,
// and the settlement claim holds the task's Merkle path.
func TestRunProvesCommittedTask(t *testing.T) {
	f := newFixture(t, 3)
	s := f.spec(t, 1, f.leaves)
	r, err := f.e.Run(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(s.OutputDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	p, err := zk.ParseFiles(string(read(verify.CircuitFile)), read(verify.ProofFile), read(verify.PublicFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := zk.Verify(f.keys.Verifying, p); err != nil {
		t.Fatalf("the proof written does not verify: %v", err)
	}
	if err := f.c.CheckTask(p, f.params[1], f.payee); err != nil {
		t.Fatal(err)
	}
	signer, err := verify.Recover(verify.ProofClaimDigest(f.domain, f.job, 1, p.Words(), read(verify.PublicFile)), read(verify.ClaimFile))
	if err != nil || signer != f.payee {
		t.Fatalf("claim signed by %s (%v), want the provider %s", signer.Hex(), err, f.payee.Hex())
	}
	read("result.json")
	claim, ok := ClaimOf(r)
	if !ok {
		t.Fatal("no settlement claim for a committed task")
	}
	if claim.Index != 1 || claim.TaskID != s.Task.Bytes32() || len(claim.Path) == 0 {
		t.Fatalf("claim %+v", claim)
	}
	for i := range claim.Proof {
		if claim.Proof[i].Cmp(p.SolidityProof[i]) != 0 {
			t.Fatalf("the claim settles another proof than the one written: word %d", i)
		}
	}
	if len(r.Stdout) == 0 || r.Duration <= 0 {
		t.Fatalf("result %+v", r)
	}
}

// Without a commitment (no payments) the task is proved and nothing is
// left to settle.
func TestRunWithoutCommitmentSettlesNothing(t *testing.T) {
	f := newFixture(t, 1)
	r, err := f.e.Run(context.Background(), f.spec(t, 0, nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := ClaimOf(r); ok {
		t.Fatal("a claim without a task commitment")
	}
}

// Work the escrow would not pay, bad keys and bad parameters are refused
// before proving, with the sentinel the node maps to a failure kind.
func TestRunRefuses(t *testing.T) {
	f := newFixture(t, 2)
	other := append([]byte(nil), f.leaves...)
	other[40] ^= 1 // task 1's leaf changed
	for _, tc := range []struct {
		name string
		edit func(*exec.Spec)
		want error
	}{
		{"task not committed", func(s *exec.Spec) {
			os.WriteFile(filepath.Join(s.InputDir, LeavesFile), other, 0o600)
		}, ErrUncommitted},
		{"commitment of another size", func(s *exec.Spec) { s.Count = 3 }, ErrUncommitted},
		{"not a proving key", func(s *exec.Spec) { s.Module, s.ModuleID = []byte("\x00asm\x01\x00\x00\x00"), "wasm" }, exec.ErrBadModule},
		{"argument without =", func(s *exec.Spec) { s.Args = append(s.Args, "x") }, exec.ErrBadModule},
		{"out of the field", func(s *exec.Spec) { s.Args = []string{"x=" + new(big.Int).Lsh(big.NewInt(1), 300).String()} }, exec.ErrBadModule},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := f.spec(t, 1, f.leaves)
			os.Chmod(filepath.Join(s.InputDir, LeavesFile), 0o600)
			tc.edit(&s)
			_, err := f.e.Run(context.Background(), s)
			if !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

// A prover slower than the task's timeout is abandoned with ErrTimeLimit.
func TestRunTimeLimit(t *testing.T) {
	f := newFixture(t, 1)
	slow := f.e.WithProver(func(p Prover) Prover {
		return func(ctx context.Context, c *zk.Circuit, pk *zk.ProvingKey, params map[string]string, payee common.Address) (*zk.Proof, error) {
			time.Sleep(300 * time.Millisecond)
			return p(ctx, c, pk, params, payee)
		}
	})
	s := f.spec(t, 0, nil)
	s.Timeout = 20 * time.Millisecond
	if _, err := slow.Run(context.Background(), s); !errors.Is(err, exec.ErrTimeLimit) {
		t.Fatalf("got %v", err)
	}
}
