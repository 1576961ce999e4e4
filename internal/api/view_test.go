package api

import (
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

func sampleJob() *market.Job {
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	rc := &wire.Receipt{Job: "0123456789abcdef0123456789abcdef", Attestation: "software"}
	return &market.Job{ID: "0123456789abcdef0123456789abcdef", Spec: spec.Job{Name: "x", Price: spec.Price{Max: 5000}}, State: market.JobCompleted,
		Reason: "all 3 tasks verified", CreatedAt: at, Tasks: []*market.Task{
			{Index: 0, State: market.TaskVerified, Provider: "p1", ProviderEVM: "0x00000000000000000000000000000000000000a1", Price: 3000, Receipt: rc, OutputRoot: "bafy0",
				Attempts: []market.Attempt{{N: 1, Provider: "p1", Price: 3000, State: "verified", Receipt: rc, Result: &market.Result{Stdout: "bafyout"}}}},
			{Index: 1, State: market.TaskVerified, Provider: "p2", ProviderEVM: "0x00000000000000000000000000000000000000b2", Price: 2000,
				LogsTruncated: true, Attempts: []market.Attempt{{N: 1, Provider: "p3", Price: 2500, State: "failed"},
					{N: 2, Provider: "p2", Price: 2000, State: "verified", Result: &market.Result{LogsTruncated: true}}}},
			{Index: 2, State: market.TaskPending},
		}}
}

// The view shows the job under the field names `-o json` has always
// printed, and shares nothing the market may change afterwards.
func TestJobViewOf(t *testing.T) {
	j := sampleJob()
	v := JobViewOf(j)
	j.Tasks[0].State, j.Tasks[0].Receipt.Attestation, j.Tasks[1].Attempts[0].State = market.TaskFailed, "changed", "changed"
	if v.Tasks[0].State != TaskVerified || v.Tasks[0].Receipt.Attestation != "software" || v.Tasks[1].Attempts[0].State != "failed" {
		t.Fatalf("the view changed with the market's job: %+v", v.Tasks)
	}
	if v.Tasks[0].Attempts[0].Result.Stdout != "bafyout" || v.Tasks[2].Attempts != nil || v.Counts()[TaskVerified] != 2 ||
		!v.Tasks[1].LogsTruncated || !v.Tasks[1].Attempts[1].Result.LogsTruncated {
		t.Fatalf("view %+v", v)
	}
	b, _ := json.Marshal(v)
	var m map[string]any
	json.Unmarshal(b, &m)
	keys := func(m map[string]any) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if got := strings.Join(keys(m), " "); got != "consumer created_at id reason rounds spec state tasks updated_at" {
		t.Fatalf("job keys: %s", got)
	}
	task := m["tasks"].([]any)[0].(map[string]any)
	if got := strings.Join(keys(task), " "); got != "attempts duration_ms exit_code index output_root price provider provider_evm reason receipt state updated_at" {
		t.Fatalf("task keys: %s", got)
	}
	att := task["attempts"].([]any)[0].(map[string]any)
	if got := strings.Join(keys(att), " "); got != "deadline evm n price provider receipt result started state" {
		t.Fatalf("attempt keys: %s", got)
	}
}

// A zk job's payees are the providers of its settled tasks, paid the
// escrow's price; its tasks show that price, not their bids.
func TestProofPaymentView(t *testing.T) {
	v := JobViewOf(sampleJob())
	pv := ProofPaymentView(v, ProofEscrow{Escrow: "0xE", Deposited: 15000, Redeemed: 8000, PerTask: 4000, Settled: []int{0, 1}})
	if pv.Spent != 8000 || pv.PerTask != 4000 || !slices.Equal(pv.Settled, []int{0, 1}) || len(pv.Providers) != 2 ||
		pv.Providers[0].Redeemed != 4000 || !strings.HasPrefix(pv.Note, "paid on proof: 2 of 3 tasks") {
		t.Fatalf("proof payment view %+v", pv)
	}
	v.ShowProofPrices(pv)
	if v.Tasks[0].Price != 4000 || v.Tasks[1].Attempts[0].Price != 4000 || v.Tasks[2].Price != 0 {
		t.Fatalf("prices %+v", v.Tasks)
	}
	// The chain stopped answering halfway: what was read, and why no more.
	pv = ProofPaymentView(v, ProofEscrow{PerTask: 5000, Settled: []int{0}, SettledErr: errors.New("timeout")})
	if !slices.Equal(pv.Settled, []int{0}) || pv.Providers != nil || pv.Note != "chain unreachable: timeout" {
		t.Fatalf("unreachable %+v", pv)
	}
}

func TestPaymentViewOf(t *testing.T) {
	if v := PaymentViewOf("0xE", pay.Escrow{}, pay.ErrNoEscrow); v != nil {
		t.Fatalf("no escrow: %+v", v)
	}
	e := pay.Escrow{Deposit: 10, Spent: 6, Redeemed: 4, Pending: 2, Providers: []pay.ProviderSpend{{Provider: "0xP", Spent: 6, Redeemed: 4, Pending: 2}}}
	v := PaymentViewOf("0xE", e, errors.New("rpc down"))
	if v.Escrow != "0xE" || v.Spent != 6 || len(v.Providers) != 1 || v.Providers[0].Pending != 2 || !strings.Contains(v.Note, "rpc down") {
		t.Fatalf("%+v", v)
	}
}
