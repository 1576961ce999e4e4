package devnet

import (
	"context"
	"fmt"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/zk"
)

// Circuits are the circuits a devnet sets up and registers: every kind,
// at sizes whose setup takes well under a second.
var Circuits = []string{"cubic", "sumsq/16", "mimc-chain/16"}

// SetupCircuits makes circuits provable and payable on a chain: keys from
// cache (a trusted setup the first time), and for each circuit Deco's
// verifier contract (compiled into the binary) deployed with its verifying
// key and registered in the escrow by owner, the escrow's owner. A circuit
// already registered with these keys is left alone.
func SetupCircuits(ctx context.Context, owner *chain.Client, cache zk.Cache, names []string) error {
	for _, name := range names {
		c, err := zk.Lookup(name)
		if err != nil {
			return err
		}
		ck, err := cache.Ensure(ctx, c)
		if err != nil {
			return fmt.Errorf("keys of %s: %w", c.ID(), err)
		}
		id, err := ck.Verifying.Digest()
		if err != nil {
			return err
		}
		if _, err := owner.Circuit(ctx, id); err == nil {
			continue
		}
		key, err := ck.Verifying.EVMKey()
		if err != nil {
			return fmt.Errorf("verifier of %s: %w", c.ID(), err)
		}
		addr, err := owner.DeployGroth16Verifier(ctx, chain.Groth16Key(key))
		if err != nil {
			return fmt.Errorf("deploy the verifier of %s: %w", c.ID(), err)
		}
		if err := owner.SetCircuit(ctx, id, addr, len(c.Fixed()), c.NumPublic()); err != nil {
			return fmt.Errorf("register %s in the escrow: %w", c.ID(), err)
		}
	}
	return nil
}

// EnsureKeys sets up the keys of Circuits in keys without a chain (a
// devnet without payments still proves); it reports each failure to warn
// and goes on, since WASM jobs need none of them.
func EnsureKeys(ctx context.Context, keys zk.Cache, warn func(circuit string, err error)) {
	for _, name := range Circuits {
		c, err := zk.Lookup(name)
		if err == nil {
			_, err = keys.Ensure(ctx, c)
		}
		if err != nil {
			warn(name, err)
		}
	}
}
