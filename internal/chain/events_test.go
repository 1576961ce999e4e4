package chain

import (
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

func (e *testEnv) logs(addr common.Address) []types.Log {
	e.t.Helper()
	logs, err := e.sim.client.FilterLogs(e.ctx, ethereum.FilterQuery{Addresses: []common.Address{addr}})
	must(e.t, err)
	return logs
}

// Every state change of the escrow and the registry is visible as an event
// with the figures needed to reconcile it.
func TestEvents(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	a := e.consumer.Contracts()
	p := e.provider.Address()
	e.stake(e.provider, DECO(110))
	must(t, e.provider.BindPeer(ctx, "peer", []byte{1, 2}))
	must(t, e.provider.RequestUnbond(ctx, DECO(10))) // 100 stay bonded: still paid
	job := e.open("events", DECO(10))
	must(t, e.consumer.TopUp(ctx, job, DECO(2)))
	must(t, e.provider.Redeem(ctx, job, p, DECO(3), e.voucher(job, p, DECO(3))))
	e.advance(DefaultParams().UnbondingDelay + time.Hour)
	must(t, e.consumer.Refund(ctx, job))
	must(t, e.provider.Withdraw(ctx))
	ra, rb := receiptPair(p, "events")
	sa, _ := SignReceipt(e.key(e.provider), e.consumer.Domain(), ra)
	sb, _ := SignReceipt(e.key(e.provider), e.consumer.Domain(), rb)
	must(t, e.reporter.ReportEquivocation(ctx, ra, sa, rb, sb))
	// Any contract can stand in for a verifier as far as the registry is concerned.
	must(t, e.sim.Deployer().SetCircuit(ctx, [32]byte{0x22}, a.Token, 1, 3))

	seen := map[string]bool{}
	for _, l := range e.logs(a.Escrow) {
		switch {
		case l.Topics[0] == escrowABI().GetABI().Events["JobOpened"].ID:
			ev, err := escrowABI().UnpackJobOpenedEvent(&l)
			must(t, err)
			if ev.JobId != job || ev.Consumer != e.consumer.Address() || ev.Amount.Cmp(DECO(10)) != 0 {
				t.Errorf("JobOpened %+v", ev)
			}
			seen["JobOpened"] = true
		case l.Topics[0] == escrowABI().GetABI().Events["ToppedUp"].ID:
			ev, err := escrowABI().UnpackToppedUpEvent(&l)
			must(t, err)
			if ev.Amount.Cmp(DECO(2)) != 0 || ev.Deposited.Cmp(DECO(12)) != 0 {
				t.Errorf("ToppedUp %+v", ev)
			}
			seen["ToppedUp"] = true
		case l.Topics[0] == escrowABI().GetABI().Events["Redeemed"].ID:
			ev, err := escrowABI().UnpackRedeemedEvent(&l)
			must(t, err)
			if ev.Provider != p || ev.Amount.Cmp(DECO(3)) != 0 || ev.TotalToProvider.Cmp(DECO(3)) != 0 {
				t.Errorf("Redeemed %+v", ev)
			}
			seen["Redeemed"] = true
		case l.Topics[0] == escrowABI().GetABI().Events["Refunded"].ID:
			ev, err := escrowABI().UnpackRefundedEvent(&l)
			must(t, err)
			if ev.Amount.Cmp(DECO(9)) != 0 {
				t.Errorf("Refunded %+v", ev)
			}
			seen["Refunded"] = true
		case l.Topics[0] == escrowABI().GetABI().Events["EquivocationReported"].ID:
			ev, err := escrowABI().UnpackEquivocationReportedEvent(&l)
			must(t, err)
			// 50% of the 100 DECO still staked; 20% of that to the reporter.
			if ev.Provider != p || ev.Reporter != e.reporter.Address() || ev.Slashed.Cmp(DECO(50)) != 0 || ev.Reward.Cmp(DECO(10)) != 0 {
				t.Errorf("EquivocationReported %+v", ev)
			}
			seen["EquivocationReported"] = true
		case l.Topics[0] == escrowABI().GetABI().Events["CircuitSet"].ID:
			ev, err := escrowABI().UnpackCircuitSetEvent(&l)
			must(t, err)
			if ev.CircuitId != [32]byte{0x22} || ev.Verifier != a.Token || ev.FixedInputs != 1 || ev.PublicInputs != 3 {
				t.Errorf("CircuitSet %+v", ev)
			}
			seen["CircuitSet"] = true
		}
	}
	for _, l := range e.logs(a.Registry) {
		for _, name := range []string{"Staked", "PeerBound", "UnbondRequested", "Withdrawn", "Slashed", "SlasherSet"} {
			if l.Topics[0] == registryABI().GetABI().Events[name].ID {
				seen[name] = true
			}
		}
	}
	for _, name := range []string{"JobOpened", "ToppedUp", "Redeemed", "Refunded", "EquivocationReported", "CircuitSet",
		"Staked", "PeerBound", "UnbondRequested", "Withdrawn", "Slashed", "SlasherSet"} {
		if !seen[name] {
			t.Errorf("no %s event", name)
		}
	}
	ci, err := e.consumer.Circuit(ctx, [32]byte{0x22})
	must(t, err)
	if ci != (CircuitInfo{Verifier: a.Token, FixedInputs: 1, PublicInputs: 3}) {
		t.Fatalf("circuit %+v", ci)
	}
}
