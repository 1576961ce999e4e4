package chain

import (
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain/bindings"
)

func TestEscrowLifecycle(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	e.bond(e.provider, e.provider2)
	escrow := e.consumer.Contracts().Escrow
	startConsumer := e.balance(e.consumer.Address())
	startP1 := e.balance(e.provider.Address())
	startP2 := e.balance(e.provider2.Address())

	job := e.open("lifecycle", DECO(10))
	eq(t, "escrow balance after open", e.balance(escrow), DECO(10))
	must(t, e.consumer.TopUp(ctx, job, DECO(5)))
	eq(t, "escrow balance after top-up", e.balance(escrow), DECO(15))

	// Vouchers are cumulative: the provider redeems only the latest one.
	for i := int64(1); i <= 4; i++ {
		_ = e.voucher(job, e.provider.Address(), DECO(i))
	}
	must(t, e.provider.Redeem(ctx, job, e.provider.Address(), DECO(4), e.voucher(job, e.provider.Address(), DECO(4))))
	// A later voucher pays only the difference.
	must(t, e.provider.Redeem(ctx, job, e.provider.Address(), DECO(6), e.voucher(job, e.provider.Address(), DECO(6))))
	// Anyone may submit a voucher; the money goes to the provider named in it.
	must(t, e.stranger.Redeem(ctx, job, e.provider2.Address(), DECO(3), e.voucher(job, e.provider2.Address(), DECO(3))))

	got, err := e.consumer.Redeemed(ctx, job, e.provider.Address())
	must(t, err)
	eq(t, "redeemed by provider", got, DECO(6))
	info, err := e.consumer.Job(ctx, job)
	must(t, err)
	if info.Consumer != e.consumer.Address() || info.Closed {
		t.Fatalf("job info %+v", info)
	}
	eq(t, "deposited", info.Deposited, DECO(15))
	eq(t, "redeemed", info.Redeemed, DECO(9))
	eq(t, "remaining", info.Remaining(), DECO(6))
	if want := info.Deadline.Add(time.Hour); !info.RefundAt.Equal(want) {
		t.Fatalf("refund at %v, want %v", info.RefundAt, want)
	}

	// Refund opens after deadline + grace.
	wantRevert(t, e.consumer.Refund(ctx, job), ErrRefundTooEarly)
	e.advance(2*time.Hour + time.Minute)
	must(t, e.stranger.Refund(ctx, job)) // anyone may trigger; the consumer gets the money
	info, err = e.consumer.Job(ctx, job)
	must(t, err)
	if !info.Closed {
		t.Fatal("job not closed after refund")
	}
	eq(t, "refunded", info.Refunded, DECO(6))
	eq(t, "remaining after refund", info.Remaining(), new(big.Int))
	eq(t, "escrow balance after refund", e.balance(escrow), new(big.Int))
	eq(t, "consumer spend", sub(startConsumer, e.balance(e.consumer.Address())), DECO(9))
	eq(t, "provider 1 income", sub(e.balance(e.provider.Address()), startP1), DECO(6))
	eq(t, "provider 2 income", sub(e.balance(e.provider2.Address()), startP2), DECO(3))
}

// A voucher larger than the deposit pays what is left; the rest is claimable
// by the same voucher after a top-up. Nobody is ever paid beyond the voucher.
func TestRedeemCappedByDeposit(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	e.bond(e.provider)
	p := e.provider.Address()
	job := e.open("capped", DECO(5))
	sig := e.voucher(job, p, DECO(8))
	must(t, e.provider.Redeem(ctx, job, p, DECO(8), sig))
	got, err := e.consumer.Redeemed(ctx, job, p)
	must(t, err)
	eq(t, "paid from a short deposit", got, DECO(5))
	wantRevert(t, e.provider.Redeem(ctx, job, p, DECO(8), sig), ErrDepositExhausted)

	must(t, e.consumer.TopUp(ctx, job, DECO(10)))
	must(t, e.provider.Redeem(ctx, job, p, DECO(8), sig))
	got, err = e.consumer.Redeemed(ctx, job, p)
	must(t, err)
	eq(t, "paid after top-up", got, DECO(8))
	wantRevert(t, e.provider.Redeem(ctx, job, p, DECO(8), sig), ErrNothingToRedeem)
	info, err := e.consumer.Job(ctx, job)
	must(t, err)
	eq(t, "remaining", info.Remaining(), DECO(7))
}

func TestEscrowReverts(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	e.bond(e.provider)
	p := e.provider.Address()
	open := e.open("reverts/open", DECO(10))
	closed := e.open("reverts/closed", DECO(1))
	e.advance(3 * time.Hour)
	must(t, e.consumer.Refund(ctx, closed))
	open2 := e.open("reverts/open2", DECO(10))
	unknown := jobID("reverts/never-opened")
	strangerKey := e.key(e.stranger)
	forged, err := SignVoucher(strangerKey, e.consumer.Domain(), open2, p, DECO(1))
	must(t, err)
	otherChain := Domain{ChainID: big.NewInt(1), Escrow: e.consumer.Contracts().Escrow}
	wrongDomain, err := SignVoucher(e.key(e.consumer), otherChain, open2, p, DECO(1))
	must(t, err)
	must(t, e.provider.Redeem(ctx, open2, p, DECO(2), e.voucher(open2, p, DECO(2))))

	tests := []struct {
		name string
		do   func() error
		want *RevertError
	}{
		{"open with zero amount", func() error {
			return e.consumer.OpenJob(ctx, jobIDOf(e.consumer.Address(), "zero"), new(big.Int), e.now().Add(time.Hour))
		}, ErrZeroAmount},
		{"open with deadline in the past", func() error {
			return e.consumer.OpenJob(ctx, jobIDOf(e.consumer.Address(), "past"), DECO(1), e.now().Add(-time.Minute))
		}, ErrDeadlineInPast},
		{"open an id twice", func() error { return e.consumer.OpenJob(ctx, open, DECO(1), e.now().Add(time.Hour)) }, ErrJobExists},
		{"top up unknown job", func() error { return e.consumer.TopUp(ctx, unknown, DECO(1)) }, ErrUnknownJob},
		{"top up with zero", func() error { return e.consumer.TopUp(ctx, open, new(big.Int)) }, ErrZeroAmount},
		{"top up someone else's job", func() error { return e.stranger.TopUp(ctx, open, DECO(1)) }, ErrNotConsumer},
		{"top up a refunded job", func() error { return e.consumer.TopUp(ctx, closed, DECO(1)) }, ErrJobClosed},
		{"redeem unknown job", func() error {
			return e.provider.Redeem(ctx, unknown, p, DECO(1), e.voucher(unknown, p, DECO(1)))
		}, ErrUnknownJob},
		{"redeem a refunded job", func() error {
			return e.provider.Redeem(ctx, closed, p, DECO(1), e.voucher(closed, p, DECO(1)))
		}, ErrJobClosed},
		{"redeem a voucher not signed by the consumer", func() error { return e.provider.Redeem(ctx, open2, p, DECO(1), forged) }, ErrBadVoucherSignature},
		{"redeem a voucher for another chain", func() error { return e.provider.Redeem(ctx, open2, p, DECO(1), wrongDomain) }, ErrBadVoucherSignature},
		{"redeem a voucher for another provider", func() error {
			return e.provider.Redeem(ctx, open2, p, DECO(3), e.voucher(open2, e.provider2.Address(), DECO(3)))
		}, ErrBadVoucherSignature},
		{"redeem with a truncated signature", func() error {
			return e.provider.Redeem(ctx, open2, p, DECO(3), e.voucher(open2, p, DECO(3))[:64])
		}, ErrBadVoucherSignature},
		{"redeem the same voucher twice", func() error { return e.provider.Redeem(ctx, open2, p, DECO(2), e.voucher(open2, p, DECO(2))) }, ErrNothingToRedeem},
		{"redeem an older voucher", func() error { return e.provider.Redeem(ctx, open2, p, DECO(1), e.voucher(open2, p, DECO(1))) }, ErrNothingToRedeem},
		{"refund unknown job", func() error { return e.consumer.Refund(ctx, unknown) }, ErrUnknownJob},
		{"refund before deadline + grace", func() error { return e.consumer.Refund(ctx, open2) }, ErrRefundTooEarly},
		{"refund twice", func() error { return e.consumer.Refund(ctx, closed) }, ErrJobClosed},
		{"set slash params as non-owner", func() error { return e.stranger.SetSlashParams(ctx, 1, 1) }, ErrNotOwner},
		{"set slash share above 100%", func() error { return e.sim.Deployer().SetSlashParams(ctx, 10_001, 0) }, &RevertError{Name: "BadBps"}},
		{"set reporter share above 100%", func() error { return e.sim.Deployer().SetSlashParams(ctx, 5000, 10_001) }, &RevertError{Name: "BadBps"}},
		{"set slash share below the minimum", func() error { return e.sim.Deployer().SetSlashParams(ctx, MinSlashBps-1, 0) }, ErrBadBps},
		{"set reporter share above the maximum", func() error { return e.sim.Deployer().SetSlashParams(ctx, 5000, MaxReporterBps+1) }, ErrBadBps},
		{"open a job id that names another account", func() error {
			_, err := e.stranger.transact(ctx, "escrow.openJob", &e.stranger.addrs.Escrow,
				escrowABI().PackOpenJob(jobIDOf(e.consumer.Address(), "not-yours"), DECO(1), uint64(e.now().Add(time.Hour).Unix())), nil)
			return err
		}, ErrJobIDNotYours},
		{"transfer more DECO than held", func() error {
			return e.stranger.Transfer(ctx, p, add(e.balance(e.stranger.Address()), big.NewInt(1)))
		}, ErrInsufficientBalance},
		{"openJob without allowance", func() error {
			_, err := e.stranger.transact(ctx, "escrow.openJob", &e.stranger.addrs.Escrow,
				escrowABI().PackOpenJob(jobIDOf(e.stranger.Address(), "no-allowance"), DECO(1), uint64(e.now().Add(time.Hour).Unix())), nil)
			return err
		}, ErrInsufficientAllowance},
		{"mint as non-owner", func() error { return e.stranger.Mint(ctx, p, DECO(1)) }, ErrNotOwner},
		{"set treasury to zero", func() error {
			_, err := e.sim.Deployer().transact(ctx, "escrow.setTreasury", &e.consumer.addrs.Escrow, escrowABI().PackSetTreasury(common.Address{}), nil)
			return err
		}, &RevertError{Name: "ZeroAddress"}},
		{"set circuit as non-owner", func() error {
			return e.stranger.SetCircuit(ctx, [32]byte{1}, e.consumer.addrs.Token, 1, 2)
		}, ErrNotOwner},
		{"deposit beyond uint128", func() error {
			dep := e.sim.Deployer()
			huge := new(big.Int).Lsh(big.NewInt(1), 128)
			if err := dep.Mint(ctx, dep.Address(), huge); err != nil {
				return err
			}
			return dep.OpenJob(ctx, jobIDOf(dep.Address(), "huge"), huge, e.now().Add(time.Hour))
		}, &RevertError{Name: "SafeCastOverflowedUintDowncast"}},
		{"deploy escrow without a token", func() error {
			_, err := e.sim.Deployer().create(ctx, "deploy JobEscrow", bindings.JobEscrowMetaData.Bin,
				escrowABI().PackConstructor(common.Address{}, e.consumer.addrs.Registry, 60, 1, 1, p, p))
			return err
		}, &RevertError{Name: "ZeroAddress"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.do()
			wantRevert(t, err, tc.want)
			var rv *RevertError
			if !errors.As(err, &rv) || rv.Op == "" || rv.Sig == "" {
				t.Fatalf("revert not decoded: %#v", rv)
			}
		})
	}
}

func TestOpenJobChecksBalanceFirst(t *testing.T) {
	e := newTestEnv(t, WithGrant(nil, DECO(5)))
	err := e.consumer.OpenJob(e.ctx, jobIDOf(e.consumer.Address(), "too-big"), DECO(6), e.now().Add(time.Hour))
	if !errors.Is(err, ErrInsufficientFunds) {
		t.Fatalf("want ErrInsufficientFunds, got %v", err)
	}
	// Nothing was sent: not even an approval.
	allowed, err2 := e.consumer.Allowance(e.ctx, e.consumer.Address(), e.consumer.Contracts().Escrow)
	must(t, err2)
	eq(t, "allowance", allowed, new(big.Int))
	// The token's own revert matches the same sentinel.
	err = e.consumer.Transfer(e.ctx, e.provider.Address(), DECO(6))
	if !errors.Is(err, ErrInsufficientFunds) || !errors.Is(err, ErrInsufficientBalance) {
		t.Fatalf("want ErrInsufficientFunds, got %v", err)
	}
}

func TestReportEquivocation(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	p := e.provider.Address()
	e.stake(e.provider, DECO(1000))
	must(t, e.provider.RequestUnbond(ctx, DECO(200))) // unbonding stake stays slashable
	treasury := e.sim.Deployer().Address()
	startTreasury := e.balance(treasury)
	startReporter := e.balance(e.reporter.Address())
	d := e.consumer.Domain()
	key := e.key(e.provider)

	a, b := receiptPair(p, "1")
	sigA, err := SignReceipt(key, d, a)
	must(t, err)
	sigB, err := SignReceipt(key, d, b)
	must(t, err)
	must(t, e.reporter.ReportEquivocation(ctx, a, sigA, b, sigB))

	// Default params: 50% of 1000 slashed, 20% of that to the reporter.
	eq(t, "reporter reward", sub(e.balance(e.reporter.Address()), startReporter), DECO(100))
	eq(t, "treasury share", sub(e.balance(treasury), startTreasury), DECO(400))
	s, err := e.consumer.Stakes(ctx, p)
	must(t, err)
	eq(t, "stake left", add(s.Bonded, s.Unbonding), DECO(500))
	eq(t, "bonded left", s.Bonded, DECO(300))
	eq(t, "escrow keeps nothing", e.balance(e.consumer.Contracts().Escrow), new(big.Int))

	// Same evidence again: punished once.
	wantRevert(t, e.reporter.ReportEquivocation(ctx, a, sigA, b, sigB), ErrAlreadyReported)

	wrongKey, err := crypto.GenerateKey()
	must(t, err)
	a2, b2 := receiptPair(p, "2")
	sigA2, _ := SignReceipt(key, d, a2)
	sigB2, _ := SignReceipt(key, d, b2)
	forgedB2, _ := SignReceipt(wrongKey, d, b2)
	sameOut := b2
	sameOut.OutputRoot = a2.OutputRoot
	sigSame, _ := SignReceipt(key, d, sameOut)
	otherInputs := b2
	otherInputs.InputRoot = [32]byte{9}
	sigOther, _ := SignReceipt(key, d, otherInputs)
	otherProvider := b2
	otherProvider.Provider = e.provider2.Address()
	sigOtherProvider, _ := SignReceipt(e.key(e.provider2), d, otherProvider)
	a3, b3 := receiptPair(e.stranger.Address(), "3") // the stranger never staked
	sigA3, _ := SignReceipt(e.key(e.stranger), d, a3)
	sigB3, _ := SignReceipt(e.key(e.stranger), d, b3)

	tests := []struct {
		name string
		a    Receipt
		sa   []byte
		b    Receipt
		sb   []byte
		want *RevertError
	}{
		{"same output", a2, sigA2, sameOut, sigSame, ErrSameOutput},
		{"different inputs", a2, sigA2, otherInputs, sigOther, ErrReceiptsNotComparable},
		{"different providers", a2, sigA2, otherProvider, sigOtherProvider, ErrReceiptsNotComparable},
		{"second receipt not signed by the provider", a2, sigA2, b2, forgedB2, ErrBadReceiptSignature},
		{"malformed signature", a2, sigA2[:10], b2, sigB2, ErrBadReceiptSignature},
		{"provider without stake", a3, sigA3, b3, sigB3, ErrNothingToSlash},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wantRevert(t, e.reporter.ReportEquivocation(ctx, tc.a, tc.sa, tc.b, tc.sb), tc.want)
		})
	}

	// A fresh task is fresh evidence; a slash can take all that is left,
	// and the reporter gets at most half of it.
	must(t, e.sim.Deployer().SetSlashParams(ctx, 10_000, MaxReporterBps))
	before, beforeTreasury := e.balance(e.reporter.Address()), e.balance(treasury)
	must(t, e.reporter.ReportEquivocation(ctx, a2, sigA2, b2, sigB2))
	eq(t, "reporter gets half the remaining stake", sub(e.balance(e.reporter.Address()), before), DECO(250))
	eq(t, "treasury gets the other half", sub(e.balance(treasury), beforeTreasury), DECO(250))
	s, err = e.consumer.Stakes(ctx, p)
	must(t, err)
	if s.Bonded.Sign() != 0 || s.Unbonding.Sign() != 0 || s.CanBid {
		t.Fatalf("stake after full slash: %+v", s)
	}
}

func TestJobUnknown(t *testing.T) {
	e := newTestEnv(t)
	_, err := e.consumer.Job(e.ctx, jobID("nothing"))
	wantRevert(t, err, ErrUnknownJob)
}

func TestNoContracts(t *testing.T) {
	e := newTestEnv(t)
	k, err := crypto.GenerateKey()
	must(t, err)
	bare, err := e.sim.clientFor(k, Addresses{})
	must(t, err)
	if _, err := bare.Balance(e.ctx, common.Address{}); !errors.Is(err, ErrNoContracts) {
		t.Fatalf("want ErrNoContracts, got %v", err)
	}
	if _, err := bare.At(e.ctx, Addresses{Token: common.Address{1}, Registry: common.Address{2}, Escrow: common.Address{3}}); !errors.Is(err, ErrNoContracts) {
		t.Fatalf("At with no code: want ErrNoContracts, got %v", err)
	}
}

// The escrow pays only staked, peer-bound providers: a valid voucher to an
// identity without stake, below the minimum, or without a peer binding
// reverts and moves nothing, and the same voucher pays once the payee is
// staked and bound. Proof settlements check their caller the same way
// (TestSettleWithProof, "an unstaked caller").
func TestRedeemOnlyToStakedBoundProviders(t *testing.T) {
	e := newTestEnv(t)
	ctx := e.ctx
	escrow := e.consumer.Contracts().Escrow
	job := e.open("payees", DECO(10))
	p := e.provider.Address()
	sig := e.voucher(job, p, DECO(4))
	try := func(want *RevertError) {
		t.Helper()
		before, held := e.balance(p), e.balance(escrow)
		// Anyone may submit a voucher: a third party cannot get around the check.
		wantRevert(t, e.stranger.Redeem(ctx, job, p, DECO(4), sig), want)
		eq(t, "payee balance", e.balance(p), before)
		eq(t, "escrow balance", e.balance(escrow), held)
	}
	try(ErrPayeeNotStaked) // no stake, no binding
	must(t, e.provider.BindPeer(ctx, testPeerID, make([]byte, 64)))
	try(ErrPayeeNotStaked) // bound, no stake
	e.stake(e.provider, DECO(150))
	must(t, e.provider.RequestUnbond(ctx, DECO(60)))
	try(ErrPayeeNotStaked) // 90 bonded, below the minimum of 100; unbonding stake does not count
	e.stake(e.provider2, DECO(100))
	sig2 := e.voucher(job, e.provider2.Address(), DECO(1))
	wantRevert(t, e.provider2.Redeem(ctx, job, e.provider2.Address(), DECO(1), sig2), ErrPayeeNotBound) // staked, never bound

	err := e.stranger.Redeem(ctx, job, p, DECO(4), sig)
	var rv *RevertError
	if !errors.As(err, &rv) || len(rv.Args) != 1 || rv.Args[0] != p || !strings.Contains(err.Error(), "stake first") {
		t.Fatalf("the revert does not name the payee and what to do: %v", err)
	}
	e.stake(e.provider, DECO(10))
	must(t, e.stranger.Redeem(ctx, job, p, DECO(4), sig))
	paid, err := e.consumer.Redeemed(ctx, job, p)
	must(t, err)
	eq(t, "paid once staked and bound", paid, DECO(4))
}
