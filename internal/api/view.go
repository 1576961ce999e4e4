package api

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Views are built here, from the state of the parts they show, so the
// node only gathers that state and the API alone decides what users see.

// JobViewOf shows a job of the market. The view shares nothing with j
// (slices are copied), so j may change afterwards. Payment is left nil.
func JobViewOf(j *market.Job) *JobView {
	v := &JobView{ID: j.ID, Spec: j.Spec, State: JobState(j.State), Reason: j.Reason, Consumer: j.Consumer,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, EndedAt: j.EndedAt, Rounds: j.Rounds,
		Tasks: make([]TaskView, 0, len(j.Tasks))}
	for _, t := range j.Tasks {
		if t != nil {
			v.Tasks = append(v.Tasks, TaskViewOf(t))
		}
	}
	return v
}

// TaskViewOf shows one task.
func TaskViewOf(t *market.Task) TaskView {
	v := TaskView{Index: t.Index, State: TaskState(t.State), Reason: t.Reason, Provider: t.Provider, ProviderEVM: t.ProviderEVM,
		Price: t.Price, ExitCode: t.ExitCode, OutputRoot: t.OutputRoot, Outputs: cloneManifest(t.Outputs), Stdout: t.Stdout, Stderr: t.Stderr,
		Receipt: cloneReceipt(t.Receipt), Signature: slices.Clone(t.Signature), DurationMs: t.DurationMs, Compiled: t.Compiled,
		UpdatedAt: t.UpdatedAt, Replicas: t.Replicas, Quorum: t.Quorum, LogsTruncated: t.LogsTruncated}
	if t.Attempts != nil {
		v.Attempts = make([]AttemptView, 0, len(t.Attempts))
	}
	for _, a := range t.Attempts {
		v.Attempts = append(v.Attempts, attemptViewOf(a))
	}
	return v
}

func attemptViewOf(a market.Attempt) AttemptView {
	v := AttemptView{N: a.N, Provider: a.Provider, EVM: a.EVM, Price: a.Price, State: a.State, Reason: a.Reason,
		Started: a.Started, Ended: a.Ended, Deadline: a.Deadline, OutputRoot: a.OutputRoot, Net: a.Net,
		Receipt: cloneReceipt(a.Receipt), Signature: slices.Clone(a.Signature), Paid: a.Paid, Unpaid: a.Unpaid, Unchecked: a.Unchecked,
		Failure: a.Failure, FailurePay: a.FailurePay, Permille: a.Permille, Resume: a.Resume, Segment: a.Segment, Checker: a.Checker}
	if r := a.Result; r != nil {
		v.Result = &ResultView{ExitCode: r.ExitCode, Outputs: cloneManifest(r.Outputs), Stdout: r.Stdout, Stderr: r.Stderr,
			DurationMs: r.DurationMs, Compiled: r.Compiled, LogsTruncated: r.LogsTruncated}
	}
	return v
}

func cloneReceipt(r *wire.Receipt) *wire.Receipt {
	if r == nil {
		return nil
	}
	c := *r
	return &c
}

func cloneManifest(m wire.Manifest) wire.Manifest {
	m.Entries = slices.Clone(m.Entries)
	return m
}

// SummaryOf is a job's row in `deco job list`; verified and failed count
// its tasks in those states (the caller counts them from its records).
func SummaryOf(j *market.Job, verified, failed int) JobSummary {
	return JobSummary{ID: j.ID, Name: j.Spec.Name, State: JobState(j.State), Reason: j.Reason, Tasks: j.Spec.Tasks.Count,
		Verified: verified, Failed: failed, CreatedAt: j.CreatedAt, EndedAt: j.EndedAt}
}

// PaymentViewOf shows a voucher job's escrow at contract escrow, as the
// consumer's payment loop reports it; err is the loop's error reading the
// chain (e then holds local figures). Nil when the job has no escrow.
func PaymentViewOf(escrow string, e pay.Escrow, err error) *PaymentView {
	if err != nil && errors.Is(err, pay.ErrNoEscrow) {
		return nil
	}
	v := &PaymentView{Deposit: e.Deposit, Spent: e.Spent, Redeemed: e.Redeemed, Refunded: e.Refunded, Pending: e.Pending,
		Deadline: e.Deadline, RefundAt: e.RefundAt, Closed: e.Closed, Escrow: escrow}
	if err != nil {
		v.Note = "chain unreachable; local figures: " + err.Error()
	}
	for _, p := range e.Providers {
		v.Providers = append(v.Providers, ProviderPay{Provider: p.Provider, Spent: p.Spent, Redeemed: p.Redeemed, Pending: p.Pending})
	}
	return v
}

// ProofEscrow is what the chain says about a zk job's proof escrow.
type ProofEscrow struct {
	Escrow                        string // the escrow contract's address
	Deposited, Redeemed, Refunded wire.Amount
	Deadline, RefundAt            time.Time
	Closed                        bool
	// PerTask is what the escrow pays for each task proven on chain (the
	// job's max price when its terms could not be read).
	PerTask wire.Amount
	// Settled lists the tasks settled on chain, in task order; when
	// SettledErr is set, the ones read before reading failed.
	Settled    []int
	SettledErr error
}

// ProofPaymentView shows a zk job's money: the escrow and the tasks its
// providers settled on chain by proof. A settled task paid the provider
// the task was assigned to (the escrow keeps a count, not payees).
func ProofPaymentView(j *JobView, e ProofEscrow) *PaymentView {
	v := &PaymentView{Deposit: e.Deposited, Redeemed: e.Redeemed, Refunded: e.Refunded, Deadline: e.Deadline, RefundAt: e.RefundAt,
		Closed: e.Closed, Escrow: e.Escrow, PerTask: e.PerTask, Settled: append([]int{}, e.Settled...)}
	if e.SettledErr != nil {
		v.Note = "chain unreachable: " + e.SettledErr.Error()
		return v
	}
	evm := map[int]string{}
	for _, t := range j.Tasks {
		evm[t.Index] = t.ProviderEVM
	}
	paid := map[common.Address]wire.Amount{}
	for _, i := range v.Settled {
		if p := evm[i]; p != "" {
			sum, err := paid[common.HexToAddress(p)].Add(v.PerTask)
			if err != nil {
				v.Note = "the chain reports a price per task too large to add up: " + err.Error()
				return v
			}
			paid[common.HexToAddress(p)] = sum
		}
	}
	v.Spent = v.Redeemed // zk tasks are paid on proof: nothing is promised before
	for p, amount := range paid {
		v.Providers = append(v.Providers, ProviderPay{Provider: p.Hex(), Spent: amount, Redeemed: amount})
	}
	sort.Slice(v.Providers, func(i, k int) bool { return v.Providers[i].Provider < v.Providers[k].Provider })
	v.Note = fmt.Sprintf("paid on proof: %d of %d tasks settled on chain by the providers with settleWithProof (the escrow verified each proof; no vouchers)", len(v.Settled), len(j.Tasks))
	return v
}

// ShowProofPrices sets the prices of a zk job's tasks and attempts to
// what its proof escrow pays per proven task (the consumer opened it at
// the job's max price), not the bids the market recorded: a provider is
// paid the escrow's price whatever it bid. Prices left at 0 (never
// assigned) stay 0. pv may be nil (the chain unreachable).
func (j *JobView) ShowProofPrices(pv *PaymentView) {
	per := j.Spec.Price.Max
	if pv != nil && pv.PerTask != 0 {
		per = pv.PerTask
	}
	for i := range j.Tasks {
		t := &j.Tasks[i]
		if t.Price != 0 {
			t.Price = per
		}
		for k := range t.Attempts {
			if t.Attempts[k].Price != 0 {
				t.Attempts[k].Price = per
			}
		}
	}
}

// ProviderViewOf shows a provider's offer with what this consumer learned
// about it: its reputation (rep's record at now; suspect below
// minReliability) and, when learned is non-nil, the learned scheduler's
// model of it. Latency and Stake are the caller's to fill in.
func ProviderViewOf(o wire.Offer, rep *verify.Reputation, now time.Time, minReliability float64, learned *sched.ProviderView) ProviderView {
	rec := rep.Record(o.Peer, now)
	rv := ReputationView{Score: rep.Reliability(o.Peer, now), Valid: rec.Valid, Unchecked: rec.Unchecked, Invalid: rec.Invalid, Faults: rec.Faults,
		Suspect: rep.Suspect(o.Peer, now, minReliability)}
	pv := ProviderView{
		Peer: o.Peer, EVM: o.EVM, Ask: o.Ask, Slots: o.Slots, FreeSlots: o.FreeSlots, Cores: o.Resources.Cores,
		Memory: o.Resources.Memory, GPUs: o.Resources.GPUs, Benchmark: o.Benchmark, Labels: o.Labels, Runtime: o.Runtime,
		Expires: time.UnixMilli(o.ExpiresMs), Reputation: rv,
	}
	if v := learned; v != nil {
		pv.Reliability = v.Reliability
		pv.Predicted = &PredictionView{Speed: v.PredictedSpeed, SpeedLogSD: v.SpeedLogSD, Observed: v.Observed, Failed: v.Failed}
	}
	return pv
}
