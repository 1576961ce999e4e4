package runner

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"

	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Signer is what a provider signs its receipts with (DESIGN §6): its EVM
// key under the escrow's EIP-712 domain, backed by an attestation.
type Signer struct {
	EVM      string            // the provider's 0x address, named in each receipt
	Key      *ecdsa.PrivateKey // the key of EVM
	Domain   verify.Domain
	Attester attest.Attester
	// Edit, when set, changes each receipt before it is signed. Only a
	// devnet's cheating providers set it (internal/cheat).
	Edit func(t wire.TaskSpec, rec *wire.Receipt)
}

func (s Signer) validate() error {
	switch {
	case s.Key == nil:
		return errors.New("runner: no receipt key")
	case s.Attester == nil:
		return errors.New("runner: no attester")
	}
	return nil
}

// sign attaches the signed receipt for res's outputs, naming runtime. A
// receipt that cannot be signed turns res into a provider failure.
func (s Signer) sign(runtime string, spec wire.TaskSpec, res wire.Result, moduleHash string) wire.Result {
	in := spec.InputManifest()
	in.Normalize()
	rec := wire.Receipt{
		Job: spec.Task.Job, Index: spec.Task.Index, Program: spec.Program, InputRoot: in.Root(),
		SpecHash: verify.HashHex(verify.SpecHash(spec)), OutputRoot: res.Outputs.Root(),
		Environment: wire.Environment{Runtime: runtime, ModuleHash: moduleHash, MemoryLimit: spec.MemoryLimit, TimeoutMs: spec.TimeoutMs},
		ExitCode:    res.ExitCode, Provider: s.EVM, Attestation: s.Attester.Kind(), Resume: spec.Resume,
	}
	if s.Edit != nil {
		s.Edit(spec, &rec)
	}
	verify.Fill(s.Domain, &rec)
	failed := func(err error) wire.Result {
		res.Failure, res.Message = wire.FailProvider, err.Error()
		return res
	}
	digest, err := verify.Digest(s.Domain, rec)
	if err != nil {
		return failed(err)
	}
	ev, err := s.Attester.Attest(context.Background(), digest)
	if err != nil {
		return failed(fmt.Errorf("attestation (%s): %w", rec.Attestation, err))
	}
	sig, err := verify.SignDigest(s.Key, digest)
	if err != nil {
		return failed(err)
	}
	res.Receipt, res.Signature, res.Quote = &rec, sig, ev.Quote
	return res
}
