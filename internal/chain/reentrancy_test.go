package chain

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain/bindings"
	"github.com/deco-network/deco/internal/chain/internal/hostile"
)

// hostileDeployment deploys a registry and an escrow that use the hostile
// ReentrantToken, which calls back into its target when tokens leave it.
func hostileDeployment(t *testing.T, e *testEnv) Addresses {
	t.Helper()
	dep := e.sim.Deployer()
	owner := dep.Address()
	token, err := dep.create(e.ctx, "deploy ReentrantToken", hostile.ReentrantTokenMetaData.Bin, nil)
	must(t, err)
	reg, err := dep.create(e.ctx, "deploy ProviderRegistry", bindings.ProviderRegistryMetaData.Bin,
		registryABI().PackConstructor(token, DECO(1), 24*3600, owner)) // a day: jobs of the 60 s grace open
	must(t, err)
	esc, err := dep.create(e.ctx, "deploy JobEscrow", bindings.JobEscrowMetaData.Bin,
		escrowABI().PackConstructor(token, reg, 60, 5000, 2000, owner, owner))
	must(t, err)
	_, err = dep.transact(e.ctx, "registry.setSlasher", &reg, registryABI().PackSetSlasher(esc), nil)
	must(t, err)
	return Addresses{Token: token, Registry: reg, Escrow: esc}
}

func arm(t *testing.T, e *testEnv, c *Client, target common.Address, payload []byte) {
	t.Helper()
	_, err := c.transact(e.ctx, "hostile.arm", &c.addrs.Token, hostile.NewReentrantToken().PackArm(target, payload), nil)
	must(t, err)
}

func TestReentrancyGuards(t *testing.T) {
	e := newTestEnv(t)
	a := hostileDeployment(t, e)
	bind := func(c *Client) *Client {
		b, err := c.At(e.ctx, a)
		must(t, err)
		must(t, b.Mint(e.ctx, c.Address(), DECO(1000))) // anyone may mint the hostile token
		return b
	}
	consumer, provider := bind(e.consumer), bind(e.provider)
	p := provider.Address()
	e.bond(provider) // the escrow pays only staked, bound providers

	t.Run("escrow redeem re-entered", func(t *testing.T) {
		job := jobIDOf(consumer.Address(), "reentrancy")
		must(t, consumer.OpenJob(e.ctx, job, DECO(10), e.now().Add(time.Hour)))
		small, err := consumer.SignVoucher(job, p, DECO(1))
		must(t, err)
		large, err := consumer.SignVoucher(job, p, DECO(9))
		must(t, err)
		// While the escrow pays the small voucher, the token tries to redeem
		// the big one from inside the transfer: the guard must stop it.
		arm(t, e, provider, a.Escrow, escrowABI().PackRedeem(job, p, DECO(9), large))
		wantRevert(t, provider.Redeem(e.ctx, job, p, DECO(1), small), ErrReentrantCall)
		paid, err := consumer.Redeemed(e.ctx, job, p)
		must(t, err)
		eq(t, "paid after the blocked attack", paid, new(big.Int))

		// Disarmed (a no-op payload on the token itself), the same redeem works.
		arm(t, e, provider, common.Address{0xde, 0xad}, nil)
		must(t, provider.Redeem(e.ctx, job, p, DECO(1), small))
	})

	t.Run("escrow refund re-entered", func(t *testing.T) {
		job := jobIDOf(consumer.Address(), "reentrancy/refund")
		must(t, consumer.OpenJob(e.ctx, job, DECO(10), e.now().Add(time.Minute)))
		e.advance(5 * time.Minute)
		arm(t, e, consumer, a.Escrow, escrowABI().PackRefund(job))
		wantRevert(t, consumer.Refund(e.ctx, job), ErrReentrantCall)
		info, err := consumer.Job(e.ctx, job)
		must(t, err)
		if info.Closed {
			t.Fatal("job closed by a reverted refund")
		}
	})

	t.Run("registry withdraw re-entered", func(t *testing.T) {
		must(t, provider.Stake(e.ctx, DECO(10)))
		must(t, provider.RequestUnbond(e.ctx, DECO(10)))
		e.advance(24*time.Hour + 2*time.Minute)
		arm(t, e, provider, a.Registry, registryABI().PackWithdraw())
		wantRevert(t, provider.Withdraw(e.ctx), ErrReentrantCall)
		s, err := provider.Stakes(e.ctx, p)
		must(t, err)
		eq(t, "still unbonding", s.Unbonding, DECO(10))
	})
}
