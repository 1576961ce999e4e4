package zkexec

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/zk"
)

// Runtime is the prover a zk task's receipt names.
const Runtime = "gnark/v0.13 groth16-bn254"

// LeavesFile is the input of a zk task that holds the job's task leaves
// (chain.TaskLeaf, 32 bytes each, in task order).
const LeavesFile = "tasks.zk"

// ErrUncommitted: the job's task commitment (LeavesFile) does not hold
// this task with its parameters, so the escrow would not pay for it; the
// task is refused before any work.
var ErrUncommitted = errors.New("task not committed in the proof escrow")

// maxLeaves bounds the task commitment read from the inputs.
const maxLeaves = 1 << 26

// Prover makes one proof; zk.Prove is the default. It is a seam for the
// tests' cheating providers (internal/cheat), which hand out proofs that
// do not verify.
type Prover func(ctx context.Context, c *zk.Circuit, pk *zk.ProvingKey, params map[string]string, payee common.Address) (*zk.Proof, error)

// Options configure an Executor.
type Options struct {
	// Payee is the address the proofs pay (the provider's EVM account).
	Payee common.Address
	// Domain and Sign sign the proof claim (verify.ProofClaimDigest) with
	// the provider's EVM key. Required.
	Domain verify.Domain
	Sign   func(digest [32]byte) ([]byte, error)
	// Prover proves; default zk.Prove.
	Prover Prover
}

// Executor proves zk tasks. It is safe for concurrent use.
type Executor struct {
	opts Options
	keys *keyCache
}

var _ exec.Executor = (*Executor)(nil)

// New returns a proving executor.
func New(o Options) *Executor {
	if o.Prover == nil {
		o.Prover = zk.Prove
	}
	return &Executor{opts: o, keys: &keyCache{pks: map[string]*zk.ProvingKey{}, loading: map[string]*sync.Mutex{}}}
}

// WithProver returns an executor sharing e's key cache that proves with
// wrap(e's prover).
func (e *Executor) WithProver(wrap func(Prover) Prover) *Executor {
	o := e.opts
	o.Prover = wrap(o.Prover)
	return &Executor{opts: o, keys: e.keys}
}

// ClaimOf returns the proof claim a Run left in r.Settlement: what the
// provider settles the task with on chain. ok is false for a run without
// a task commitment (no payments) or one that failed.
func ClaimOf(r exec.Result) (*chain.ProofClaim, bool) {
	c, ok := r.Settlement.(*chain.ProofClaim)
	return c, ok && c != nil
}

// Run proves the task s describes; see the package doc.
func (e *Executor) Run(ctx context.Context, s exec.Spec) (exec.Result, error) {
	s = s.WithDefaults()
	start := time.Now()
	var res exec.Result
	key := s.ModuleID
	if key == "" {
		sum := sha256.Sum256(s.Module)
		key = hex.EncodeToString(sum[:])
	}
	pk, err := e.keys.get(key, s.Module)
	if err != nil {
		return res, fmt.Errorf("%w: not a proving key Deco can use: %v", exec.ErrBadModule, err)
	}
	c, err := zk.Lookup(pk.Circuit())
	if err != nil {
		return res, fmt.Errorf("%w: %v", exec.ErrBadModule, err)
	}
	params := map[string]string{}
	for _, arg := range s.Args {
		k, v, ok := strings.Cut(arg, "=")
		if !ok {
			return res, fmt.Errorf("%w: zk: argument %q is not name=value", exec.ErrBadModule, arg)
		}
		params[k] = v
	}
	fixed, err := c.Public(params)
	if err != nil {
		return res, fmt.Errorf("%w: %v", exec.ErrBadModule, err)
	}
	var path [][32]byte
	leaves, committed, err := readLeaves(s.InputDir)
	if err != nil {
		return res, err
	}
	if committed {
		if path, err = taskPath(s, fixed, leaves); err != nil {
			return res, err
		}
	}
	p, err := e.prove(ctx, c, pk, params, s.Timeout)
	proving := time.Since(start)
	res.Duration = proving
	if err != nil {
		switch {
		case errors.Is(err, zk.ErrNoSolution), errors.Is(err, zk.ErrBadParams):
			return res, fmt.Errorf("%w: %v", exec.ErrBadModule, err)
		}
		return res, err
	}
	files, err := proofFiles(c, p)
	if err != nil {
		return res, err
	}
	// The signed claim makes a proof that fails slashable on chain; the
	// provider signs it for every proof, as it signs the receipt.
	claim, err := e.opts.Sign(verify.ProofClaimDigest(e.opts.Domain, s.Task.Job, s.Task.Index, p.Words(), files[verify.PublicFile]))
	if err != nil {
		return res, fmt.Errorf("sign the proof claim: %w", err)
	}
	files[verify.ClaimFile] = claim
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(s.OutputDir, name), b, 0o600); err != nil {
			return res, err
		}
	}
	res.Stdout = fmt.Appendf(nil, "proved %s for %v in %s\n", c.ID(), params, proving.Truncate(time.Millisecond))
	if committed {
		res.Settlement = &chain.ProofClaim{TaskID: s.Task.Bytes32(), Index: uint64(s.Task.Index), Path: path, Proof: p.SolidityProof, PublicInputs: p.PublicInputs}
	}
	return res, nil
}

// Close implements exec.Executor; nothing is held but decoded keys.
func (e *Executor) Close(context.Context) error { return nil }

// prove runs the prover, giving up at timeout or when ctx ends.
func (e *Executor) prove(ctx context.Context, c *zk.Circuit, pk *zk.ProvingKey, params map[string]string, timeout time.Duration) (*zk.Proof, error) {
	type out struct {
		p   *zk.Proof
		err error
	}
	done := make(chan out, 1)
	go func() {
		p, err := e.opts.Prover(ctx, c, pk, params, e.opts.Payee)
		done <- out{p, err}
	}()
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case o := <-done:
		return o.p, o.err
	case <-t.C:
		return nil, fmt.Errorf("%w: proving %s took longer than the task's %s limit; raise the job's timeout", exec.ErrTimeLimit, c.ID(), timeout)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// readLeaves reads the task commitment from the inputs, if there is one.
func readLeaves(inDir string) ([]byte, bool, error) {
	if inDir == "" {
		return nil, false, nil
	}
	f, err := os.Open(filepath.Join(inDir, LeavesFile))
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("%w: %s: %v", exec.ErrMissingInput, LeavesFile, err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxLeaves+1))
	if err != nil {
		return nil, false, err
	}
	if len(b) > maxLeaves {
		return nil, false, fmt.Errorf("%w: the job's task commitment (%s) is larger than %d bytes", ErrUncommitted, LeavesFile, maxLeaves)
	}
	return b, true, nil
}

// taskPath checks that the consumer committed this task, with these fixed
// inputs, in the job's task tree, and returns its Merkle path.
func taskPath(s exec.Spec, fixed []*big.Int, leaves []byte) ([][32]byte, error) {
	t := s.Task
	if len(leaves)%32 != 0 || len(leaves)/32 != s.Count || t.Index < 0 || t.Index >= s.Count {
		return nil, fmt.Errorf("%w: the job's task commitment (%s) holds %d bytes, not %d tasks' leaves; refusing work the escrow would not pay", ErrUncommitted, LeavesFile, len(leaves), s.Count)
	}
	ls := make([][32]byte, len(leaves)/32)
	for i := range ls {
		copy(ls[i][:], leaves[32*i:])
	}
	want := chain.TaskLeaf(t.Job.Bytes32(), uint64(t.Index), t.Bytes32(), fixed)
	if ls[t.Index] != want {
		return nil, fmt.Errorf("%w: the job's task commitment does not hold task %d with the parameters assigned; refusing work the escrow would not pay", ErrUncommitted, t.Index)
	}
	tree, err := chain.TaskTreeOf(ls)
	if err != nil {
		return nil, err
	}
	return tree.Path(t.Index)
}

// proofFiles are the outputs of a zk task: the proof files the receipt
// commits to (zk.Proof.Files) and result.json, the public inputs by name.
func proofFiles(c *zk.Circuit, p *zk.Proof) (map[string][]byte, error) {
	circuit, proof, public, err := p.Files()
	if err != nil {
		return nil, err
	}
	named := map[string]string{}
	for i, name := range c.Fixed() {
		if i < len(p.Fixed(c)) {
			named[name] = p.Fixed(c)[i].String()
		}
	}
	for i, name := range c.Outputs() {
		if i < len(p.Outputs(c)) {
			named[name] = p.Outputs(c)[i].String()
		}
	}
	result, _ := json.MarshalIndent(map[string]any{"circuit": c.ID(), "public": named, "payee": p.Payee().Hex()}, "", "  ")
	return map[string][]byte{verify.CircuitFile: circuit, verify.ProofFile: proof, verify.PublicFile: public, "result.json": append(result, '\n')}, nil
}

// keyCache decodes a proving key once (it takes seconds for a large
// circuit) and keeps the last few.
type keyCache struct {
	mu      sync.Mutex
	pks     map[string]*zk.ProvingKey
	loading map[string]*sync.Mutex // one decode per key at a time
}

func (k *keyCache) get(id string, b []byte) (*zk.ProvingKey, error) {
	k.mu.Lock()
	if pk, ok := k.pks[id]; ok {
		k.mu.Unlock()
		return pk, nil
	}
	mu := k.loading[id]
	if mu == nil {
		mu = &sync.Mutex{}
		k.loading[id] = mu
	}
	k.mu.Unlock()
	mu.Lock()
	defer mu.Unlock()
	k.mu.Lock()
	pk, ok := k.pks[id]
	k.mu.Unlock()
	if ok {
		return pk, nil
	}
	pk, err := zk.LoadProvingKey(b)
	if err != nil {
		return nil, err
	}
	k.mu.Lock()
	if len(k.pks) >= 4 {
		k.pks = map[string]*zk.ProvingKey{}
	}
	k.pks[id] = pk
	k.mu.Unlock()
	return pk, nil
}
