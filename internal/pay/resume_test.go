package pay

import (
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// A consumer crashed after its market persisted four accepted attempts of
// one provider: the first voucher arrived, the second was signed but never
// sent, the last two were never signed. Resume signs the missing 200, and
// its vouchers raise what the provider holds by one attempt's price each
// (so each releases its attempt's outputs); run again, it signs nothing
// more: the escrow pays every attempt once.
func TestResumeReplacesLostVouchers(t *testing.T) {
	e := newEnv(t)
	job := e.newJob()
	a := e.provA.Address()
	cons := e.newConsumer(e.consumer, nil)
	prov := e.newProvider(e.provA, nil, ProviderOptions{})
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour)))
	v, err := cons.Voucher(e.ctx, job, a, 100*milli)
	must(t, err)
	must(t, prov.Accept(e.ctx, v))
	_, err = cons.Voucher(e.ctx, job, a, 100*milli) // signed, lost with the process
	must(t, err)

	t0 := e.now()
	var paid []Paid
	for i := range 4 {
		paid = append(paid, Paid{Peer: "peer-a", Provider: a, Task: wire.TaskID{Job: job, Index: i}, Attempt: 1,
			Price: 100 * milli, Withheld: i > 0, Accepted: t0.Add(time.Duration(3-i) * -time.Second)})
	}
	paid[1], paid[3] = paid[3], paid[1] // Resume orders by acceptance, not by the list
	for round := range 2 {
		resend, err := cons.Resume(job, paid)
		must(t, err)
		if len(resend) != 3 {
			t.Fatalf("round %d: %d vouchers to resend, want one per withheld attempt (3)", round, len(resend))
		}
		for i, r := range resend {
			if r.Voucher.Task.Index != i+1 || r.Peer != "peer-a" {
				t.Fatalf("round %d: voucher %d names task %d for %s, want task %d for peer-a", round, i, r.Voucher.Task.Index, r.Peer, i+1)
			}
			eqAmount(t, "resent voucher", r.Voucher.Cumulative, wire.Amount(200+100*i)*milli)
			if err := prov.Accept(e.ctx, r.Voucher); round == 0 || i == 2 {
				must(t, err)
			} else {
				wantErr(t, err, ErrStaleVoucher) // the repeat: below what the provider holds, it gains nothing
			}
		}
		st, err := cons.Status(e.ctx, job)
		must(t, err)
		eqAmount(t, "spent after resume", st.Spent, 400*milli)
	}
	must(t, prov.RedeemAll(e.ctx))
	eqAmount(t, "redeemed", e.redeemed(job, a), 400*milli)
}
