package chain

import (
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

func TestNewJobIDNamesItsConsumer(t *testing.T) {
	e := newTestEnv(t)
	consumer, other := e.consumer.Address(), e.stranger.Address()
	a := NewJobID(consumer, [6]byte{1, 2, 3, 4, 5, 6})
	b := NewJobID(consumer, [6]byte{1, 2, 3, 4, 5, 7})
	if a == b {
		t.Fatal("different entropy gave the same id")
	}
	if !JobIDOwnedBy(a.Bytes32(), consumer) || JobIDOwnedBy(a.Bytes32(), other) {
		t.Fatalf("id %s: owned by its consumer %v, by another %v", a, JobIDOwnedBy(a.Bytes32(), consumer), JobIDOwnedBy(a.Bytes32(), other))
	}
	// Go and the contract agree on the rule.
	for _, who := range []common.Address{consumer, other} {
		out, err := e.consumer.call(e.ctx, "escrow.jobIdOwnedBy", e.consumer.addrs.Escrow, escrowABI().PackJobIdOwnedBy(a.Bytes32(), who))
		must(t, err)
		owned, err := escrowABI().UnpackJobIdOwnedBy(out)
		must(t, err)
		if owned != JobIDOwnedBy(a.Bytes32(), who) {
			t.Fatalf("contract says %v for %s, Go says %v", owned, who.Hex(), !owned)
		}
	}
}

// An attacker who sees a consumer's openJob pending opens the same job id
// first (front-running). The escrow refuses it, so the consumer's openJob
// still succeeds, the job is the consumer's and its deposit is all there.
func TestJobIDCannotBeSquatted(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	victim, attacker := e.consumer, e.stranger
	escrow := victim.Contracts().Escrow
	job := NewJobID(victim.Address(), [6]byte{0xab}).Bytes32()
	deadline := e.now().Add(time.Hour)

	// The attacker sends the victim's transaction as its own, allowance
	// ready, straight to the contract.
	must(t, attacker.Approve(ctx, escrow, DECO(1)))
	attackerBefore := e.balance(attacker.Address())
	_, err := attacker.transact(ctx, "escrow.openJob", &escrow, escrowABI().PackOpenJob(job, DECO(1), uint64(deadline.Unix())), nil)
	wantRevert(t, err, ErrJobIDNotYours)
	// Through the client it is refused before anything is sent.
	if err := attacker.OpenJob(ctx, job, DECO(1), deadline); !errors.Is(err, ErrJobIDNotYours) {
		t.Fatalf("client open of another's id: want ErrJobIDNotYours, got %v", err)
	}
	eq(t, "attacker's balance", e.balance(attacker.Address()), attackerBefore)
	if _, err := victim.Job(ctx, job); !errors.Is(err, ErrUnknownJob) {
		t.Fatalf("after the attack the id is taken: %v", err)
	}

	victimBefore, escrowBefore := e.balance(victim.Address()), e.balance(escrow)
	must(t, victim.OpenJob(ctx, job, DECO(10), deadline))
	info, err := victim.Job(ctx, job)
	must(t, err)
	if info.Consumer != victim.Address() || info.Deposited.Cmp(DECO(10)) != 0 {
		t.Fatalf("victim's job: %+v", info)
	}
	eq(t, "victim paid its deposit", sub(victimBefore, e.balance(victim.Address())), DECO(10))
	eq(t, "escrow holds it", sub(e.balance(escrow), escrowBefore), DECO(10))

	// Proof jobs share the rule (any contract will do as the verifier: the
	// open is refused before a proof is ever checked).
	circuit := [32]byte{1}
	must(t, e.sim.Deployer().SetCircuit(ctx, circuit, victim.Contracts().Token, 1, 2))
	must(t, attacker.Approve(ctx, escrow, DECO(1)))
	_, err = attacker.transact(ctx, "escrow.openProofJob", &escrow, escrowABI().PackOpenProofJob(
		NewJobID(victim.Address(), [6]byte{0xcd}).Bytes32(), DECO(1), uint64(deadline.Unix()), circuit, DECO(1), [32]byte{2}, big.NewInt(1)), nil)
	wantRevert(t, err, ErrJobIDNotYours)
}

// A deadline whose refund time (deadline + grace) comes after the
// registry's unbonding delay from now is refused: a provider could
// withdraw its stake while the job can still pay or be disputed. That
// bound also keeps deadline + grace far from uint64's end. The latest
// deadline accepted opens and refunds at its time, not earlier.
func TestDeadlineBeyondUnbonding(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	c := e.consumer
	escrow := c.Contracts().Escrow
	delay, err := c.UnbondingDelay(ctx)
	must(t, err)
	grace := c.RefundGrace()
	latest := uint64(e.now().Add(delay - grace).Unix()) // the next block is no earlier
	must(t, c.Approve(ctx, escrow, DECO(3)))
	open := func(name string, deadline uint64) error {
		_, err := c.transact(ctx, "escrow.openJob", &escrow, escrowABI().PackOpenJob(jobIDOf(c.Address(), name), DECO(1), deadline), nil)
		return err
	}
	wantRevert(t, open("a day late", latest+24*3600), ErrDeadlineBeyondUnbonding)
	wantRevert(t, open("overflow", math.MaxUint64-uint64(grace/time.Second)+1), ErrDeadlineBeyondUnbonding)
	wantRevert(t, open("max", math.MaxUint64), ErrDeadlineBeyondUnbonding)
	must(t, open("latest", latest))
	wantRevert(t, c.Refund(ctx, jobIDOf(c.Address(), "latest")), ErrRefundTooEarly)
	err = c.OpenJob(ctx, jobIDOf(c.Address(), "an hour late"), DECO(1), time.Unix(int64(latest), 0).Add(time.Hour))
	wantRevert(t, err, ErrDeadlineBeyondUnbonding)
	var rv *RevertError
	if !errors.As(err, &rv) || !strings.Contains(rv.Error(), "unbonding delay") {
		t.Fatalf("revert does not say what to do: %v", err)
	}

	// A deadline word beyond uint64 does not decode: the call reverts.
	data := escrowABI().PackOpenJob(jobIDOf(c.Address(), "wide"), DECO(1), 0)
	for i := 4 + 64; i < 4+96-8; i++ {
		data[i] = 0xff
	}
	if _, err := c.transact(ctx, "escrow.openJob", &escrow, data, nil); !errors.Is(err, ErrReverted) {
		t.Fatalf("deadline word above uint64: want a revert, got %v", err)
	}

	// The furthest time Go can hold is refused before it could lock stake.
	far := time.Unix(math.MaxInt64, 0)
	wantRevert(t, c.OpenJob(ctx, jobIDOf(c.Address(), "far"), DECO(1), far), ErrDeadlineBeyondUnbonding)
}
