package chain

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/zk"
)

// zkCircuit is a circuit with keys from one setup, shared by the tests of
// one run (a setup takes seconds).
type zkCircuit struct {
	c    *zk.Circuit
	keys *zk.Keys
	id   [32]byte   // registry id: the verifying key's digest
	key  Groth16Key // the verifier contract's constructor arguments
}

var (
	zkMu    sync.Mutex
	zkCache = map[string]*zkCircuit{}
)

// Small sizes keep setup quick; gas does not depend on the size.
var zkTestCircuits = []string{"cubic", "sumsq/16", "mimc-chain/4"}

func zkFixture(t *testing.T, name string) *zkCircuit {
	t.Helper()
	zkMu.Lock()
	defer zkMu.Unlock()
	if z, ok := zkCache[name]; ok {
		return z
	}
	c, err := zk.Lookup(name)
	must(t, err)
	keys, err := zk.Setup(context.Background(), c)
	must(t, err)
	key, err := keys.Verifying.EVMKey()
	must(t, err)
	id, err := keys.Verifying.Digest()
	must(t, err)
	z := &zkCircuit{c: c, keys: keys, id: id, key: Groth16Key(key)}
	zkCache[name] = z
	return z
}

// register deploys z's verifier and registers the circuit in e's escrow.
func (e *testEnv) register(z *zkCircuit) {
	e.t.Helper()
	dep := e.sim.Deployer()
	addr, err := dep.DeployGroth16Verifier(e.ctx, z.key)
	must(e.t, err)
	must(e.t, dep.SetCircuit(e.ctx, z.id, addr, len(z.c.Fixed()), z.c.NumPublic()))
}

// taskParams gives the i-th task of a circuit (all small and valid).
func taskParams(c *zk.Circuit, i int) map[string]string {
	switch c.Kind() {
	case "cubic":
		return map[string]string{"y": zk.CubicY(uint64(i + 2)).String()}
	case "sumsq":
		return map[string]string{"n": fmt.Sprint(i % (c.Size() + 1))}
	default:
		return map[string]string{"seed": fmt.Sprint(1000 + i), "n": fmt.Sprint(i % (c.Size() + 1))}
	}
}

// proofJob is an opened proof job with its tasks.
type proofJob struct {
	id     [32]byte
	z      *zkCircuit
	params []map[string]string
	tasks  []ProofTask
	tree   *TaskTree
}

func (e *testEnv) openProofJob(name string, z *zkCircuit, n int, price, deposit *big.Int) *proofJob {
	e.t.Helper()
	j := newProofJob(e.t, e.consumer.Address(), name, z, n)
	must(e.t, e.consumer.OpenProofJob(e.ctx, j.id, deposit, e.now().Add(time.Hour), j.terms(price)))
	return j
}

// newProofJob makes the n tasks of a proof job consumer may open and their tree (not opened).
func newProofJob(t *testing.T, consumer common.Address, name string, z *zkCircuit, n int) *proofJob {
	t.Helper()
	j := &proofJob{id: jobIDOf(consumer, name), z: z}
	for i := range n {
		p := taskParams(z.c, i)
		fixed, err := z.c.Public(p)
		must(t, err)
		j.params = append(j.params, p)
		j.tasks = append(j.tasks, ProofTask{ID: sha256.Sum256([]byte(fmt.Sprintf("%s/task/%d", name, i))), Fixed: fixed})
	}
	tree, err := NewTaskTree(j.id, j.tasks)
	must(t, err)
	j.tree = tree
	return j
}

func (j *proofJob) terms(price *big.Int) ProofJob {
	return ProofJob{Circuit: j.z.id, Price: price, TaskRoot: j.tree.Root(), Tasks: j.tree.Len()}
}

// claim proves task i for payee and returns the claim to settle it.
func (e *testEnv) claim(j *proofJob, i int, payee common.Address) ProofClaim {
	e.t.Helper()
	return j.claim(e.t, i, payee)
}

func (j *proofJob) claim(t *testing.T, i int, payee common.Address) ProofClaim {
	t.Helper()
	p, err := zk.Prove(context.Background(), j.z.c, j.z.keys.Proving, j.params[i], payee)
	must(t, err)
	must(t, zk.Verify(j.z.keys.Verifying, p))
	path, err := j.tree.Path(i)
	must(t, err)
	return ProofClaim{TaskID: j.tasks[i].ID, Index: uint64(i), Path: path, Proof: p.SolidityProof, PublicInputs: p.PublicInputs}
}

func (c ProofClaim) clone() ProofClaim {
	d := c
	d.Path = append([][32]byte(nil), c.Path...)
	d.PublicInputs = make([]*big.Int, len(c.PublicInputs))
	for i, v := range c.PublicInputs {
		d.PublicInputs[i] = new(big.Int).Set(v)
	}
	for i, v := range c.Proof {
		d.Proof[i] = new(big.Int).Set(v)
	}
	return d
}

var fieldR, _ = new(big.Int).SetString("21888242871839275222246405745257275088548364400416034343698204186575808495617", 10)

// On-chain verification accepts a valid proof of every circuit and pays
// exactly the price; every tampered, misbound or repeated claim reverts and
// pays nothing.
func TestSettleWithProof(t *testing.T) {
	for _, name := range zkTestCircuits {
		t.Run(name, func(t *testing.T) {
			z := zkFixture(t, name)
			e := newTestEnv(t)
			ctx := e.ctx
			e.register(z)
			e.bond(e.provider, e.provider2)
			price := DECO(2)
			j := e.openProofJob("settle/"+name, z, 3, price, DECO(10))
			p := e.provider.Address()
			escrow := e.consumer.Contracts().Escrow

			good := e.claim(j, 1, p)
			before := e.balance(p)
			must(t, e.provider.SettleWithProof(ctx, j.id, good))
			eq(t, "provider paid", sub(e.balance(p), before), price)
			settled, err := e.consumer.Settled(ctx, j.id, 1)
			must(t, err)
			if !settled {
				t.Fatal("task 1 not marked settled")
			}
			if s, _ := e.consumer.Settled(ctx, j.id, 0); s {
				t.Fatal("task 0 marked settled")
			}
			terms, err := e.consumer.ProofTerms(ctx, j.id)
			must(t, err)
			if terms.Settled != 1 {
				t.Fatalf("%d tasks counted settled, want 1", terms.Settled)
			}
			t.Logf("%s: settleWithProof used %d gas (%d public inputs, path of %d)", name, e.lastGas("escrow.settleWithProof"), z.c.NumPublic(), len(good.Path))

			other := e.claim(j, 0, p) // a valid proof of task 0
			forP2 := e.claim(j, 2, e.provider2.Address())
			nFixed := len(z.c.Fixed())
			last := z.c.NumPublic() - 1
			type tc struct {
				name string
				by   *Client
				mod  func(c *ProofClaim)
				base ProofClaim
				want *RevertError
			}
			cases := []tc{
				{"settled twice", e.provider, func(c *ProofClaim) {}, good, ErrAlreadySettled},
				{"proof word changed", e.provider, func(c *ProofClaim) { c.Proof[0].Add(c.Proof[0], big.NewInt(1)) }, other, ErrProofRejected},
				{"proof points swapped", e.provider, func(c *ProofClaim) { c.Proof[0], c.Proof[6] = c.Proof[6], c.Proof[0] }, other, ErrProofRejected},
				{"fixed input changed", e.provider, func(c *ProofClaim) { c.PublicInputs[0].Add(c.PublicInputs[0], big.NewInt(1)) }, other, ErrTaskNotCommitted},
				{"fixed input plus the modulus", e.provider, func(c *ProofClaim) { c.PublicInputs[0].Add(c.PublicInputs[0], fieldR) }, other, ErrTaskNotCommitted},
				{"proof presented for another task", e.provider, func(c *ProofClaim) {
					c.TaskID, c.Index, c.Path = j.tasks[2].ID, 2, mustPath(t, j.tree, 2)
				}, other, ErrTaskNotCommitted},
				{"another task's id", e.provider, func(c *ProofClaim) { c.TaskID = j.tasks[2].ID }, other, ErrTaskNotCommitted},
				{"wrong Merkle path", e.provider, func(c *ProofClaim) { c.Path[0][0] ^= 1 }, other, ErrTaskNotCommitted},
				{"path too short", e.provider, func(c *ProofClaim) { c.Path = c.Path[:1] }, other, ErrTaskNotCommitted},
				{"index beyond the tasks", e.provider, func(c *ProofClaim) { c.Index = 3 }, other, ErrTaskNotCommitted},
				{"one input too many", e.provider, func(c *ProofClaim) { c.PublicInputs = append(c.PublicInputs, big.NewInt(1)) }, other, ErrWrongInputCount},
				{"someone else's proof", e.provider2, func(c *ProofClaim) {}, other, ErrWrongPayee},
				{"someone else's proof, payee rewritten", e.provider2, func(c *ProofClaim) {
					c.PublicInputs[last] = new(big.Int).SetBytes(e.provider2.Address().Bytes())
				}, other, ErrProofRejected},
				{"proof made for another provider", e.provider, func(c *ProofClaim) {}, forP2, ErrWrongPayee},
				// The payee is the caller: an identity without stake is never paid.
				{"an unstaked caller", e.stranger, func(c *ProofClaim) {
					c.PublicInputs[last] = new(big.Int).SetBytes(e.stranger.Address().Bytes())
				}, other, ErrPayeeNotStaked},
			}
			if nFixed < last { // circuits with outputs
				cases = append(cases,
					tc{"output changed", e.provider, func(c *ProofClaim) { c.PublicInputs[nFixed].Add(c.PublicInputs[nFixed], big.NewInt(1)) }, other, ErrProofRejected},
					tc{"output plus the modulus", e.provider, func(c *ProofClaim) { c.PublicInputs[nFixed].Add(c.PublicInputs[nFixed], fieldR) }, other, ErrProofRejected},
				)
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					claim := c.base.clone()
					c.mod(&claim)
					beforeBy, beforeEscrow := e.balance(c.by.Address()), e.balance(escrow)
					err := c.by.SettleWithProof(ctx, j.id, claim)
					wantRevert(t, err, c.want)
					eq(t, "caller balance", e.balance(c.by.Address()), beforeBy)
					eq(t, "escrow balance", e.balance(escrow), beforeEscrow)
				})
			}
			for i, want := range []bool{false, true, false} {
				if s, _ := e.consumer.Settled(ctx, j.id, uint64(i)); s != want {
					t.Fatalf("task %d settled = %v after the rejected claims", i, s)
				}
			}
			// The untouched claims still pay.
			must(t, e.provider.SettleWithProof(ctx, j.id, other))
			must(t, e.provider2.SettleWithProof(ctx, j.id, forP2))
			info, err := e.consumer.Job(ctx, j.id)
			must(t, err)
			eq(t, "job redeemed", info.Redeemed, new(big.Int).Mul(price, big.NewInt(3)))
			eq(t, "escrow holds the rest", e.balance(escrow), info.Remaining())
			// The digest the escrow computes is the one the prover proved.
			want, err := zk.StatementDigest(other.PublicInputs)
			must(t, err)
			out, err := e.consumer.call(ctx, "escrow.statementDigest", escrow, escrowABI().PackStatementDigest(other.PublicInputs, p))
			must(t, err)
			got, err := escrowABI().UnpackStatementDigest(out)
			must(t, err)
			eq(t, "statementDigest", got, want)
		})
	}
}

func mustPath(t *testing.T, tree *TaskTree, i int) [][32]byte {
	t.Helper()
	p, err := tree.Path(i)
	must(t, err)
	return p
}

// A proof job is funded for every task from the start, pays by proof only
// (no vouchers), and its refund returns exactly what the proofs did not
// take, a top-up included.
func TestProofPaymentsAndRefund(t *testing.T) {
	z := zkFixture(t, "cubic")
	e := newTestEnv(t)
	ctx := e.ctx
	e.register(z)
	e.bond(e.provider, e.provider2)
	price := DECO(3)
	startConsumer := e.balance(e.consumer.Address())
	tree := func(n int) *TaskTree {
		tasks := make([]ProofTask, n)
		for i := range tasks {
			fixed, err := z.c.Public(taskParams(z.c, i))
			must(t, err)
			tasks[i] = ProofTask{ID: [32]byte{byte(i + 1)}, Fixed: fixed}
		}
		tr, err := NewTaskTree(jobIDOf(e.consumer.Address(), "underfunded"), tasks)
		must(t, err)
		return tr
	}(4)
	wantRevert(t, e.consumer.OpenProofJob(ctx, jobIDOf(e.consumer.Address(), "underfunded"), DECO(11), e.now().Add(time.Hour),
		ProofJob{Circuit: z.id, Price: price, TaskRoot: tree.Root(), Tasks: tree.Len()}), ErrDepositTooSmall)

	j := e.openProofJob("mixed", z, 4, price, DECO(12)) // exactly four tasks
	p := e.provider.Address()
	must(t, e.provider.SettleWithProof(ctx, j.id, e.claim(j, 0, p)))
	wantRevert(t, e.provider.Redeem(ctx, j.id, p, DECO(3), e.voucher(j.id, p, DECO(3))), ErrNotVoucherJob)
	must(t, e.provider.SettleWithProof(ctx, j.id, e.claim(j, 1, p)))
	must(t, e.consumer.TopUp(ctx, j.id, DECO(1)))
	must(t, e.provider.SettleWithProof(ctx, j.id, e.claim(j, 2, p)))
	info, err := e.consumer.Job(ctx, j.id)
	must(t, err)
	eq(t, "paid by proofs", info.Redeemed, DECO(9))
	eq(t, "deposit with the top-up", info.Deposited, DECO(13))
	red, err := e.consumer.Redeemed(ctx, j.id, p)
	must(t, err)
	eq(t, "voucher payments", red, new(big.Int))

	e.advance(3 * time.Hour)
	must(t, e.consumer.Refund(ctx, j.id))
	wantRevert(t, e.provider.SettleWithProof(ctx, j.id, e.claim(j, 3, p)), ErrJobClosed)
	eq(t, "consumer spend", sub(startConsumer, e.balance(e.consumer.Address())), DECO(9))
	eq(t, "escrow empty", e.balance(e.consumer.Contracts().Escrow), new(big.Int))
	info, err = e.consumer.Job(ctx, j.id)
	must(t, err)
	eq(t, "refunded", info.Refunded, DECO(4))

	// The events reconcile the figures.
	settledEvents, opened := 0, 0
	for _, l := range e.logs(e.consumer.Contracts().Escrow) {
		switch l.Topics[0] {
		case escrowABI().GetABI().Events["ProofSettled"].ID:
			ev, err := escrowABI().UnpackProofSettledEvent(&l)
			must(t, err)
			if ev.JobId != j.id || ev.Provider != p || !ev.Index.IsInt64() || ev.Index.Int64() > 2 {
				t.Errorf("ProofSettled %+v", ev)
			}
			settledEvents++
		case escrowABI().GetABI().Events["ProofJobOpened"].ID:
			ev, err := escrowABI().UnpackProofJobOpenedEvent(&l)
			must(t, err)
			if ev.JobId != j.id || ev.CircuitId != z.id || ev.Price.Cmp(price) != 0 || ev.TaskRoot != j.tree.Root() || ev.Tasks.Int64() != 4 {
				t.Errorf("ProofJobOpened %+v", ev)
			}
			opened++
		}
	}
	if settledEvents != 3 || opened != 1 {
		t.Fatalf("%d ProofSettled and %d ProofJobOpened events, want 3 and 1", settledEvents, opened)
	}
}

func TestProofRegistryAndTerms(t *testing.T) {
	z := zkFixture(t, "sumsq/16")
	e := newTestEnv(t)
	ctx := e.ctx
	dep := e.sim.Deployer()
	verifier, err := dep.DeployGroth16Verifier(ctx, z.key)
	must(t, err)
	_, err = e.consumer.Circuit(ctx, z.id)
	wantRevert(t, err, ErrUnknownCircuit)
	must(t, dep.SetCircuit(ctx, z.id, verifier, 1, 3))
	ci, err := e.consumer.Circuit(ctx, z.id)
	must(t, err)
	if ci != (CircuitInfo{Verifier: verifier, FixedInputs: 1, PublicInputs: 3}) {
		t.Fatalf("circuit %+v", ci)
	}
	e.bond(e.provider)
	j := e.openProofJob("terms", z, 5, DECO(1), DECO(5))
	terms, err := e.consumer.ProofTerms(ctx, j.id)
	must(t, err)
	if terms.Circuit != z.id || terms.TaskRoot != j.tree.Root() || terms.Tasks != 5 || terms.Price.Cmp(DECO(1)) != 0 || terms.CircuitInfo != ci {
		t.Fatalf("terms %+v", terms)
	}
	// Removing the circuit stops new jobs, not the open one.
	must(t, dep.SetCircuit(ctx, z.id, common.Address{}, 0, 0))
	_, err = e.consumer.Circuit(ctx, z.id)
	wantRevert(t, err, ErrUnknownCircuit)
	must(t, e.provider.SettleWithProof(ctx, j.id, e.claim(j, 4, e.provider.Address())))

	voucherJob := e.open("terms/voucher", DECO(1))
	_, err = e.consumer.ProofTerms(ctx, voucherJob)
	wantRevert(t, err, ErrNotProofJob)
	claim := e.claim(j, 0, e.provider.Address())
	root := j.tree.Root()
	deadline := e.now().Add(time.Hour)
	tests := []struct {
		name string
		do   func() error
		want *RevertError
	}{
		{"settle a voucher job", func() error { return e.provider.SettleWithProof(ctx, voucherJob, claim) }, ErrNotProofJob},
		{"settle an unknown job", func() error { return e.provider.SettleWithProof(ctx, jobID("terms/none"), claim) }, ErrNotProofJob},
		{"open with an unregistered circuit", func() error {
			return e.consumer.OpenProofJob(ctx, jobIDOf(e.consumer.Address(), "terms/2"), DECO(1), deadline, ProofJob{Circuit: z.id, Price: DECO(1), TaskRoot: root, Tasks: 1})
		}, ErrUnknownCircuit},
		{"register a verifier without code", func() error { return dep.SetCircuit(ctx, z.id, common.Address{7}, 1, 3) }, ErrNotAContract},
		{"register without fixed inputs", func() error { return dep.SetCircuit(ctx, z.id, verifier, 0, 3) }, ErrBadCircuitLayout},
		{"register without a payee", func() error { return dep.SetCircuit(ctx, z.id, verifier, 3, 3) }, ErrBadCircuitLayout},
		{"register as non-owner", func() error { return e.stranger.SetCircuit(ctx, z.id, verifier, 1, 3) }, ErrNotOwner},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { wantRevert(t, tc.do(), tc.want) })
	}
	must(t, dep.SetCircuit(ctx, z.id, verifier, 1, 3))
	for _, tc := range []struct {
		name  string
		terms ProofJob
		want  *RevertError
	}{
		{"zero price", ProofJob{Circuit: z.id, Price: new(big.Int), TaskRoot: root, Tasks: 1}, ErrZeroAmount},
		{"no tasks", ProofJob{Circuit: z.id, Price: DECO(1), TaskRoot: root, Tasks: 0}, ErrNoTasks},
		{"no task root", ProofJob{Circuit: z.id, Price: DECO(1), Tasks: 1}, ErrNoTasks},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantRevert(t, e.consumer.OpenProofJob(ctx, jobIDOf(e.consumer.Address(), "terms/"+tc.name), DECO(1), deadline, tc.terms), tc.want)
		})
	}
	// A proof job cannot outlast the unbonding delay either.
	late := e.now().Add(DefaultParams().UnbondingDelay)
	err = e.consumer.OpenProofJob(ctx, jobIDOf(e.consumer.Address(), "terms/late"), DECO(1), late, ProofJob{Circuit: z.id, Price: DECO(1), TaskRoot: root, Tasks: 1})
	wantRevert(t, err, ErrDeadlineBeyondUnbonding)
}

// A batch pays every task in one transfer, or nothing.
func TestSettleWithProofs(t *testing.T) {
	z := zkFixture(t, "mimc-chain/4")
	e := newTestEnv(t)
	ctx := e.ctx
	e.register(z)
	e.bond(e.provider, e.provider2)
	price := DECO(1)
	j := e.openProofJob("batch", z, 6, price, DECO(6))
	p := e.provider.Address()
	claims := make([]ProofClaim, 6)
	for i := range claims {
		claims[i] = e.claim(j, i, p)
	}
	before := e.balance(p)
	must(t, e.provider.SettleWithProofs(ctx, j.id, claims[:3]))
	eq(t, "paid for three tasks", sub(e.balance(p), before), DECO(3))

	bad := claims[4].clone()
	bad.Proof[1].Add(bad.Proof[1], big.NewInt(1))
	for _, tc := range []struct {
		name   string
		claims []ProofClaim
		want   *RevertError
	}{
		{"no claims", nil, ErrNoTasks},
		{"a task twice", []ProofClaim{claims[3], claims[3]}, ErrAlreadySettled},
		{"an already settled task", []ProofClaim{claims[3], claims[0]}, ErrAlreadySettled},
		{"one bad proof", []ProofClaim{claims[3], bad}, ErrProofRejected},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := e.balance(p)
			wantRevert(t, e.provider.SettleWithProofs(ctx, j.id, tc.claims), tc.want)
			eq(t, "paid", e.balance(p), start)
			for _, i := range []uint64{3, 4, 5} {
				if s, _ := e.consumer.Settled(ctx, j.id, i); s {
					t.Fatalf("task %d settled by a rejected batch", i)
				}
			}
		})
	}
	must(t, e.provider.SettleWithProofs(ctx, j.id, claims[3:5]))
	eq(t, "paid for five tasks", sub(e.balance(p), before), DECO(5))
}

// The verifier's reason is named in the error a user sees.
func TestProofRejectedMessage(t *testing.T) {
	z := zkFixture(t, "cubic")
	e := newTestEnv(t)
	e.register(z)
	e.bond(e.provider, e.provider2)
	j := e.openProofJob("message", z, 1, DECO(1), DECO(1))
	c := e.claim(j, 0, e.provider.Address())
	c.Proof[2], c.Proof[3] = c.Proof[4], c.Proof[5] // B's coordinates shuffled
	err := e.provider.SettleWithProof(e.ctx, j.id, c)
	wantRevert(t, err, ErrProofRejected)
	if !strings.Contains(err.Error(), "ProofInvalid") || !strings.Contains(err.Error(), "nothing was paid") {
		t.Fatalf("message %q does not name the verifier's reason", err)
	}
	var rv *RevertError
	if !errors.As(err, &rv) || rv.Op != "escrow.settleWithProof" {
		t.Fatalf("revert %#v", rv)
	}
}

// proofGasTarget bounds a settlement's gas: 260,000 as the zk issue set
// it, plus the payee's standing in the registry (~8,000: a call to a cold
// contract and two cold reads) since only staked, bound providers are paid.
const proofGasTarget = 268_000

// TestProofGas reports the gas of settleWithProof per circuit (run with -v).
func TestProofGas(t *testing.T) {
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-14s %6s %6s %9s %9s %14s %9s %15s\n", "circuit", "inputs", "tasks", "first", "later", "verifier alone", "escrow", "batch of 4/task")
	for _, name := range zkTestCircuits {
		z := zkFixture(t, name)
		e := newTestEnv(t)
		e.register(z)
		e.bond(e.provider, e.provider2)
		j := e.openProofJob("gas/"+name, z, 8, DECO(1), DECO(8))
		p := e.provider.Address()
		must(t, e.provider.SettleWithProof(e.ctx, j.id, e.claim(j, 3, p)))
		first := e.lastGas("escrow.settleWithProof")
		claim := e.claim(j, 5, p)
		alone := e.verifierGas(z, claim)
		must(t, e.provider.SettleWithProof(e.ctx, j.id, claim))
		later := e.lastGas("escrow.settleWithProof")
		var batch []ProofClaim
		for _, i := range []int{0, 1, 2, 4} {
			batch = append(batch, e.claim(j, i, p))
		}
		must(t, e.provider.SettleWithProofs(e.ctx, j.id, batch))
		perTask := e.lastGas("escrow.settleWithProofs") / uint64(len(batch))
		fmt.Fprintf(&b, "%-14s %6d %6d %9d %9d %14d %9d %15d\n", name, z.c.NumPublic(), j.tree.Len(), first, later, alone, later-alone, perTask)
		// Gas is deterministic: these are the target, not noise
		// (see proofGasTarget).
		for _, g := range []struct {
			what string
			gas  uint64
		}{{"a single settleWithProof", later}, {"the provider's first settleWithProof", first}, {"settleWithProofs per task in a batch of four", perTask}} {
			if g.gas > proofGasTarget {
				t.Errorf("%s: %s costs %d gas, target %d", name, g.what, g.gas, proofGasTarget)
			}
		}
	}
	// A large job: its tasks are flagged in words the opening created, so
	// the first task of a word costs what the others do; the deeper Merkle
	// path (9 levels here, 3 above) adds ~700 gas a level.
	z := zkFixture(t, "cubic")
	e := newTestEnv(t)
	e.register(z)
	e.bond(e.provider, e.provider2)
	const large = 360 // two flag words of 255 tasks
	j := e.openProofJob("gas/large", z, large, DECO(1), DECO(large))
	fmt.Fprintf(&b, "cubic, %d tasks (Merkle path of %d; openProofJob %d, 2 flag words):", large, len(mustPath(t, j.tree, 0)), e.lastGas("escrow.openProofJob"))
	for _, i := range []int{254, 255, 359} {
		must(t, e.provider.SettleWithProof(e.ctx, j.id, e.claim(j, i, e.provider.Address())))
		g := e.lastGas("escrow.settleWithProof")
		fmt.Fprintf(&b, " task %d %d", i, g)
		if g > proofGasTarget {
			t.Errorf("cubic, %d tasks: settling task %d costs %d gas, target %d", large, i, g, proofGasTarget)
		}
	}
	b.WriteString("\n")
	for i, want := range map[int]bool{0: false, 253: false, 254: true, 255: true, 256: false, 358: false, 359: true, 360: false} {
		if got, err := e.consumer.Settled(e.ctx, j.id, uint64(i)); err != nil || got != want {
			t.Errorf("task %d settled = %v (%v), want %v", i, got, err, want)
		}
	}
	b.WriteString("first: the provider's first payment from the job; later: another task of the same job.\n")
	b.WriteString("inputs: the statement's words (fixed inputs, outputs, payee), hashed into the proof's one public input.\n")
	b.WriteString("verifier alone: a transaction calling verifyProof directly with the digest (21,000 + calldata + pairing check);\n")
	b.WriteString("escrow: what settleWithProof adds (statement words and digest, binding, double-pay bit, count, ERC-20 transfer).\n")
	b.WriteString("batch of 4/task: settleWithProofs with four tasks of the job, divided by four. Osaka rules.\n")
	t.Log(b.String())
}

// verifierGas is the gas of a transaction that calls z's verifier directly
// with claim's proof and inputs.
func (e *testEnv) verifierGas(z *zkCircuit, claim ProofClaim) uint64 {
	e.t.Helper()
	ci, err := e.consumer.Circuit(e.ctx, z.id)
	must(e.t, err)
	digest, err := zk.StatementDigest(claim.PublicInputs)
	must(e.t, err)
	data := crypto.Keccak256([]byte("verifyProof(uint256[8],uint256[1])"))[:4]
	for _, w := range append(claim.Proof[:], digest) {
		data = append(data, word(w)...)
	}
	r, err := e.provider.transact(e.ctx, "verifyProof", &ci.Verifier, data, nil)
	must(e.t, err)
	return r.GasUsed
}

func TestTaskTree(t *testing.T) {
	job := jobID("tree")
	for _, n := range []int{1, 2, 3, 4, 5, 8, 13} {
		var tasks []ProofTask
		for i := range n {
			tasks = append(tasks, ProofTask{ID: [32]byte{byte(i)}, Fixed: []*big.Int{big.NewInt(int64(i)), big.NewInt(7)}})
		}
		tree, err := NewTaskTree(job, tasks)
		must(t, err)
		for i := range n {
			path, err := tree.Path(i)
			must(t, err)
			node := TaskLeaf(job, uint64(i), tasks[i].ID, tasks[i].Fixed)
			for level, sib := range path {
				if (i>>level)&1 == 0 {
					node = keccakPair(node, sib)
				} else {
					node = keccakPair(sib, node)
				}
			}
			if node != tree.Root() {
				t.Fatalf("n=%d: path of %d does not lead to the root", n, i)
			}
		}
		if _, err := tree.Path(n); !errors.Is(err, ErrBadTask) {
			t.Fatalf("path beyond the tasks: %v", err)
		}
	}
	if _, err := NewTaskTree(job, nil); !errors.Is(err, ErrBadTask) {
		t.Fatalf("empty tree: %v", err)
	}
	if _, err := NewTaskTree(job, []ProofTask{{Fixed: []*big.Int{big.NewInt(-1)}}}); !errors.Is(err, ErrBadTask) {
		t.Fatalf("negative input: %v", err)
	}
}

func keccakPair(a, b [32]byte) [32]byte { return crypto.Keccak256Hash(a[:], b[:]) }

// The Go leaf is the contract's.
func TestTaskLeafMatchesContract(t *testing.T) {
	e := newTestEnv(t)
	job, task := jobID("leaf"), [32]byte{9, 9}
	fixed := []*big.Int{big.NewInt(5), new(big.Int).Sub(fieldR, big.NewInt(1))}
	out, err := e.consumer.call(e.ctx, "escrow.taskLeaf", e.consumer.Contracts().Escrow, escrowABI().PackTaskLeaf(job, big.NewInt(6), task, fixed))
	must(t, err)
	got, err := escrowABI().UnpackTaskLeaf(out)
	must(t, err)
	if got != TaskLeaf(job, 6, task, fixed) {
		t.Fatal("TaskLeaf differs from the contract's taskLeaf")
	}
}

// The escrow's statementDigest is zk.StatementDigest, word for word, for
// statements of any length (random words below the field, random payees).
func TestStatementDigestMatchesContract(t *testing.T) {
	e := newTestEnv(t)
	escrow := e.consumer.Contracts().Escrow
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 24 {
		words := make([]*big.Int, 1+rng.IntN(6))
		for k := range words {
			b := make([]byte, 32)
			for j := range b {
				b[j] = byte(rng.UintN(256))
			}
			words[k] = new(big.Int).Mod(new(big.Int).SetBytes(b), fieldR)
		}
		var payee common.Address
		for j := range payee {
			payee[j] = byte(rng.UintN(256))
		}
		words = append(words, new(big.Int).SetBytes(payee[:]))
		want, err := zk.StatementDigest(words)
		must(t, err)
		out, err := e.consumer.call(e.ctx, "escrow.statementDigest", escrow, escrowABI().PackStatementDigest(words, payee))
		must(t, err)
		got, err := escrowABI().UnpackStatementDigest(out)
		must(t, err)
		if got.Cmp(want) != 0 {
			t.Fatalf("case %d (%d words): contract %s, Go %s", i, len(words), got, want)
		}
	}
}
