package pay

import (
	"context"
	"crypto/sha256"
	"fmt"
	"math/big"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/wire"
)

// acceptAll is the creation code of a contract whose runtime is a single
// STOP: every call succeeds with no data, which is how a gnark verifier
// accepts a proof. It stands in for one so that these tests exercise the
// money, not the proofs (internal/chain tests those).
var acceptAll = common.FromHex("6001600c60003960016000f300")

// proofJob is a proof job's terms and the claims that settle its tasks.
type proofJob struct {
	terms chain.ProofJob
	tree  *chain.TaskTree
	tasks []chain.ProofTask
}

// newProofJob registers a circuit with one fixed input (and the payee)
// verified by acceptAll, and builds the terms of job with n tasks at price.
func (e *env) newProofJob(job wire.JobID, n int, price wire.Amount) *proofJob {
	e.t.Helper()
	owner := e.sim.Deployer()
	verifier, err := owner.DeployVerifier(e.ctx, acceptAll)
	must(e.t, err)
	circuit := sha256.Sum256([]byte("accept-all/" + string(job)))
	must(e.t, owner.SetCircuit(e.ctx, circuit, verifier, 1, 2))
	pj := &proofJob{}
	for i := range n {
		pj.tasks = append(pj.tasks, chain.ProofTask{ID: sha256.Sum256(fmt.Appendf(nil, "%s/%d", job, i)), Fixed: []*big.Int{big.NewInt(int64(i))}})
	}
	pj.tree, err = chain.NewTaskTree(job.Bytes32(), pj.tasks)
	must(e.t, err)
	pj.terms = chain.ProofJob{Circuit: circuit, Price: price.Wei(), TaskRoot: pj.tree.Root(), Tasks: pj.tree.Len()}
	return pj
}

// settle has p settle task i of job with a (vacuous) proof naming it.
func (e *env) settle(p *chain.Client, job wire.JobID, pj *proofJob, i int) {
	e.t.Helper()
	path, err := pj.tree.Path(i)
	must(e.t, err)
	var proof [8]*big.Int
	for k := range proof {
		proof[k] = new(big.Int)
	}
	must(e.t, p.SettleWithProof(e.ctx, job.Bytes32(), chain.ProofClaim{
		TaskID: pj.tasks[i].ID, Index: uint64(i), Path: path, Proof: proof,
		PublicInputs: []*big.Int{pj.tasks[i].Fixed[0], new(big.Int).SetBytes(p.Address().Bytes())},
	}))
}

// A proof job's escrow is refunded like a voucher job's: after deadline +
// grace, the consumer gets back the deposit minus what the proofs took,
// and not a moment before.
func TestProofJobRefundsTheRest(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	me, a, b := e.consumer.Address(), e.provA.Address(), e.provB.Address()
	job := e.newJob()
	const tasks, price = 4, 300 * milli
	pj := e.newProofJob(job, tasks, price)
	start := map[common.Address]wire.Amount{me: e.balance(me), a: e.balance(a), b: e.balance(b)}

	const deposit = tasks*price + 500*milli // a budget above tasks × price
	deadline := e.now().Add(time.Minute)
	must(t, cons.OpenProof(e.ctx, job, deposit, deadline, pj.terms))
	must(t, cons.OpenProof(e.ctx, job, deposit, deadline, pj.terms)) // idempotent
	eqAmount(t, "consumer balance after open", e.balance(me), start[me]-deposit)

	// Three of the four tasks are proven: two by A, one by B.
	e.settle(e.provA, job, pj, 0)
	e.settle(e.provB, job, pj, 1)
	e.settle(e.provA, job, pj, 3)
	cons.Finish(job)

	st, err := cons.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "redeemed", st.Redeemed, 3*price)
	eqAmount(t, "spent (paid on proof)", st.Spent, 3*price)
	eqAmount(t, "pending", st.Pending, 0)

	// Past the deadline but within the grace: no refund yet.
	e.advance(deadline.Sub(e.now()) + 2*time.Second)
	if !e.now().After(deadline) {
		t.Fatalf("chain time %v not past the deadline %v", e.now(), deadline)
	}
	cons.step(e.ctx)
	if st, _ := cons.Status(e.ctx, job); st.Closed || st.Refunded != 0 {
		t.Fatalf("refunded within the grace: %+v", st)
	}
	eqAmount(t, "consumer balance within the grace", e.balance(me), start[me]-deposit)

	e.advance(testGrace)
	cons.step(e.ctx)
	st, err = cons.Status(e.ctx, job)
	must(t, err)
	if !st.Closed {
		t.Fatalf("not refunded after deadline + grace: %+v", st)
	}
	eqAmount(t, "refunded = deposit − proofs", st.Refunded, deposit-3*price)
	eqAmount(t, "consumer's net spend", start[me]-e.balance(me), 3*price)
	eqAmount(t, "A's gain", e.balance(a)-start[a], 2*price)
	eqAmount(t, "B's gain", e.balance(b)-start[b], price)
	eqAmount(t, "deposit = redeemed + refunded", st.Deposit, st.Redeemed+st.Refunded)
}

// A consumer restarted before the refund still refunds its proof jobs.
func TestProofJobRefundSurvivesRestart(t *testing.T) {
	e := newEnv(t)
	db := openDB(t, "")
	cons := e.newConsumer(e.consumer, db)
	me := e.consumer.Address()
	job := e.newJob()
	pj := e.newProofJob(job, 2, 100*milli)
	before := e.balance(me)
	deadline := e.now().Add(time.Minute)
	must(t, cons.OpenProof(e.ctx, job, 200*milli, deadline, pj.terms))
	e.settle(e.provA, job, pj, 1)

	again := e.newConsumer(e.consumer, db) // same database, fresh process
	e.advance(deadline.Sub(e.now()) + testGrace + time.Second)
	run(t, again.Run)
	eventually(t, "refund after restart", func() bool { st, _ := again.Status(e.ctx, job); return st.Closed })
	st, err := again.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "refunded", st.Refunded, 100*milli)
	eqAmount(t, "spent (paid on proof)", st.Spent, 100*milli)
	eqAmount(t, "consumer's net spend", before-e.balance(me), 100*milli)
}

// countingTerms counts the proof-terms reads a provider makes.
type countingTerms struct {
	*chain.Client
	reads atomic.Int32
}

func (c *countingTerms) ProofTerms(ctx context.Context, job [32]byte) (chain.ProofTerms, error) {
	c.reads.Add(1)
	return c.Client.ProofTerms(ctx, job)
}

// A provider learns a proof job's price per task from its escrow (what it
// bids for the job's tasks), reads it once, and tells a voucher job apart.
func TestProofPrice(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	proofJobID, voucherJob := e.newJob(), e.newJob()
	pj := e.newProofJob(proofJobID, 3, 7*milli)
	must(t, cons.OpenProof(e.ctx, proofJobID, 21*milli, e.now().Add(time.Hour), pj.terms))
	must(t, cons.Open(e.ctx, voucherJob, 100*milli, e.now().Add(time.Hour)))
	cc := &countingTerms{Client: e.provA}
	prov := e.newProvider(cc, nil, ProviderOptions{})
	for range 3 {
		price, ok, err := prov.ProofPrice(e.ctx, proofJobID)
		must(t, err)
		if !ok || price != 7*milli {
			t.Fatalf("proof job: price %s, ok %v; want %s", price, ok, 7*milli)
		}
		if price, ok, err := prov.ProofPrice(e.ctx, voucherJob); err != nil || ok || price != 0 {
			t.Fatalf("voucher job: price %s, ok %v, err %v", price, ok, err)
		}
	}
	if n := cc.reads.Load(); n != 2 {
		t.Fatalf("%d proof-terms reads for two jobs asked three times each, want 2", n)
	}
}
