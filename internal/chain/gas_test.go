package chain

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
)

// tasksPerRedeem is how many verified tasks one voucher redemption covers
// in the amortized figure.
const tasksPerRedeem = 100

// gasFigures runs each payment operation once and returns gas used by name.
func gasFigures(t *testing.T, opts ...Option) (map[string]uint64, []string) {
	e := newTestEnv(t, opts...)
	ctx := e.ctx
	out := map[string]uint64{}
	var order []string
	note := func(name, op string) {
		out[name] = e.lastGas(op)
		order = append(order, name)
	}
	price := DECO(1) // per task

	e.stake(e.provider, DECO(100))
	note("stake (first)", "registry.stake")
	must(t, e.provider.BindPeer(ctx, "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf", make([]byte, 64)))
	note("bindPeer", "registry.bindPeer")

	job := jobIDOf(e.consumer.Address(), "gas")
	must(t, e.consumer.OpenJob(ctx, job, DECO(1000), e.now().Add(time.Hour)))
	note("approve (before openJob)", "token.approve")
	note("openJob", "escrow.openJob")
	must(t, e.consumer.TopUp(ctx, job, DECO(500)))
	note("topUp", "escrow.topUp")

	// Ten jobs opened together, as the client groups openings made while
	// another is being sent.
	const group = 10
	ids, amounts, deadlines := make([][32]byte, group), make([]*big.Int, group), make([]uint64, group)
	for i := range ids {
		ids[i], amounts[i], deadlines[i] = jobIDOf(e.consumer.Address(), fmt.Sprint("gas-group-", i)), DECO(1), uint64(e.now().Add(time.Hour).Unix())
	}
	must(t, e.consumer.spend(ctx, "escrow.openJobs", e.consumer.addrs.Escrow, DECO(group), e.consumer.addrs.Escrow, escrowABI().PackOpenJobs(ids, amounts, deadlines)))
	out["openJobs, per job of 10"] = e.lastGas("escrow.openJobs") / group
	order = append(order, "openJobs, per job of 10")

	// The consumer signed one cumulative voucher per verified task; the
	// provider redeems only the last of each batch of 100.
	p := e.provider.Address()
	var sig []byte
	for i := 1; i <= tasksPerRedeem; i++ {
		sig = e.voucher(job, p, new(big.Int).Mul(price, big.NewInt(int64(i))))
	}
	must(t, e.provider.Redeem(ctx, job, p, new(big.Int).Mul(price, big.NewInt(tasksPerRedeem)), sig))
	note("redeem (first for the provider)", "escrow.redeem")
	sig = e.voucher(job, p, new(big.Int).Mul(price, big.NewInt(2*tasksPerRedeem)))
	must(t, e.provider.Redeem(ctx, job, p, new(big.Int).Mul(price, big.NewInt(2*tasksPerRedeem)), sig))
	note("redeem (later)", "escrow.redeem")

	e.advance(2*time.Hour + time.Minute)
	must(t, e.consumer.Refund(ctx, job))
	note("refund", "escrow.refund")

	a, b := receiptPair(p, "gas")
	sa, err := SignReceipt(e.key(e.provider), e.consumer.Domain(), a)
	must(t, err)
	sb, err := SignReceipt(e.key(e.provider), e.consumer.Domain(), b)
	must(t, err)
	must(t, e.reporter.ReportEquivocation(ctx, a, sa, b, sb))
	note("reportEquivocation", "escrow.reportEquivocation")

	must(t, e.provider.RequestUnbond(ctx, DECO(10)))
	note("requestUnbond", "registry.requestUnbond")
	e.advance(DefaultParams().UnbondingDelay + time.Minute)
	must(t, e.provider.Withdraw(ctx))
	note("withdraw", "registry.withdraw")
	return out, order
}

// TestGasFigures prints the gas of every payment operation (run with -v)
// and holds the amortized cost of paying for a task under 1,000 gas when
// one redeem covers 100 tasks.
func TestGasFigures(t *testing.T) {
	osaka, order := gasFigures(t)
	dev, _ := gasFigures(t, WithAllForks())
	var b strings.Builder
	fmt.Fprintf(&b, "\n%-42s %12s %16s\n", "operation", "gas (Osaka)", "gas (geth dev)")
	for _, name := range order {
		fmt.Fprintf(&b, "%-42s %12d %16d\n", name, osaka[name], dev[name])
	}
	for _, name := range []string{"redeem (first for the provider)", "redeem (later)"} {
		fmt.Fprintf(&b, "%-42s %12d %16d\n", "  per task "+strings.TrimPrefix(name, "redeem "),
			osaka[name]/tasksPerRedeem, dev[name]/tasksPerRedeem)
	}
	fmt.Fprintf(&b, "(per task: one redeem covering %d tasks' cumulative voucher)\n", tasksPerRedeem)
	t.Log(b.String())
	t.Log("Osaka: the rules Ethereum mainnet runs (simulated chain default). geth dev: every fork go-ethereum knows, as `geth --dev` runs it (EIP-8037 prices new state much higher).")

	if per := osaka["redeem (first for the provider)"] / tasksPerRedeem; per >= 1000 {
		t.Errorf("amortized payment gas %d per task, target < 1,000", per)
	}
	for name, gas := range osaka {
		if gas == 0 {
			t.Errorf("no gas recorded for %s", name)
		}
	}
}
