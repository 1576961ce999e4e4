package chain

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/deco-network/deco/internal/chain/bindings"
)

// Deploy deploys DecoToken, ProviderRegistry and JobEscrow from c's signer,
// which becomes their owner, and wires them: the registry accepts the
// escrow as its only slasher. It returns the new addresses; c.At(ctx,
// addrs) gives a client bound to them. c may be a client without contracts
// (Dial with zero Addresses).
func Deploy(ctx context.Context, c *Client, p Params) (Addresses, error) {
	if err := p.Validate(); err != nil {
		return Addresses{}, err
	}
	treasury := p.Treasury
	if treasury == (common.Address{}) {
		treasury = c.Address()
	}
	owner := c.Address()
	var a Addresses
	var err error
	if a.Token, err = c.create(ctx, "deploy DecoToken", bindings.DecoTokenMetaData.Bin, tokenABI().PackConstructor(owner)); err != nil {
		return Addresses{}, err
	}
	if a.Registry, err = c.create(ctx, "deploy ProviderRegistry", bindings.ProviderRegistryMetaData.Bin,
		registryABI().PackConstructor(a.Token, p.MinStake, uint64(p.UnbondingDelay.Seconds()), owner)); err != nil {
		return Addresses{}, err
	}
	if a.Escrow, err = c.create(ctx, "deploy JobEscrow", bindings.JobEscrowMetaData.Bin,
		escrowABI().PackConstructor(a.Token, a.Registry, uint64(p.RefundGrace.Seconds()), p.SlashBps, p.ReporterBps, treasury, owner)); err != nil {
		return Addresses{}, err
	}
	if _, err := c.transact(ctx, "registry.setSlasher", &a.Registry, registryABI().PackSetSlasher(a.Escrow), nil); err != nil {
		return Addresses{}, err
	}
	c.log.Info("deployed Deco contracts", "token", a.Token.Hex(), "registry", a.Registry.Hex(), "escrow", a.Escrow.Hex(), "chain", c.chainID)
	return a, nil
}

// create sends a contract-creation transaction and returns the new address.
func (c *Client) create(ctx context.Context, op, binHex string, ctorArgs []byte) (common.Address, error) {
	code, err := hexutil.Decode(binHex)
	if err != nil {
		return common.Address{}, fmt.Errorf("%s: bad bytecode in bindings: %w", op, err)
	}
	r, err := c.transact(ctx, op, nil, append(code, ctorArgs...), nil)
	if err != nil {
		return common.Address{}, err
	}
	return r.ContractAddress, nil
}
