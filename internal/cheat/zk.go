package cheat

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/zk"
)

// negated wraps a prover so every proof it makes does not verify (its A
// point negated, the statement still the task's).
func negated(prove zkexec.Prover) zkexec.Prover {
	return func(ctx context.Context, c *zk.Circuit, pk *zk.ProvingKey, params map[string]string, payee common.Address) (*zk.Proof, error) {
		p, err := prove(ctx, c, pk, params, payee)
		if err != nil {
			return nil, err
		}
		return p.Negated()
	}
}
