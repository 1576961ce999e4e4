package chain

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

func bytes32(t *rapid.T, label string) [32]byte {
	var b [32]byte
	copy(b[:], rapid.SliceOfN(rapid.Byte(), 32, 32).Draw(t, label))
	return b
}

// The Go digests equal the contract's, for any receipt and voucher.
func TestDigestsMatchContract(t *testing.T) {
	e := newTestEnv(t)
	c := e.consumer
	d := c.Domain()
	escrow := c.Contracts().Escrow

	call := func(t rapid.TB, data []byte) [32]byte {
		out, err := c.call(e.ctx, "digest", escrow, data)
		if err != nil {
			t.Fatal(err)
		}
		var h [32]byte
		copy(h[:], out)
		return h
	}
	sep := call(t, escrowABI().PackDomainSeparator())
	if sep != d.Separator() {
		t.Fatalf("domain separator: contract %x, Go %x", sep, d.Separator())
	}
	for _, tc := range []struct {
		name string
		pack []byte
		want string
	}{
		{"receipt type", escrowABI().PackRECEIPTTYPEHASH(), ReceiptType},
		{"voucher type", escrowABI().PackVOUCHERTYPEHASH(), VoucherType},
		{"proof claim type", escrowABI().PackPROOFCLAIMTYPEHASH(), ProofClaimType},
	} {
		if got := call(t, tc.pack); !bytes.Equal(got[:], crypto.Keccak256([]byte(tc.want))) {
			t.Errorf("%s hash differs from keccak(%q)", tc.name, tc.want)
		}
	}

	rapid.Check(t, func(rt *rapid.T) {
		r := Receipt{
			JobID:      bytes32(rt, "job"),
			TaskID:     bytes32(rt, "task"),
			ProgramCID: bytes32(rt, "program"),
			InputRoot:  bytes32(rt, "in"),
			SpecHash:   bytes32(rt, "spec"),
			OutputRoot: bytes32(rt, "out"),
			EnvHash:    bytes32(rt, "env"),
			ExitCode:   rapid.Int64().Draw(rt, "exit"),
			Provider:   common.BytesToAddress(rapid.SliceOfN(rapid.Byte(), 20, 20).Draw(rt, "provider")),
		}
		if got, want := call(rt, escrowABI().PackReceiptDigest(r.binding())), ReceiptDigest(d, r); got != want {
			rt.Fatalf("receipt digest: contract %x, Go %x", got, want)
		}
		amount := new(big.Int).SetBytes(rapid.SliceOfN(rapid.Byte(), 0, 32).Draw(rt, "amount"))
		if got, want := call(rt, escrowABI().PackVoucherDigest(r.JobID, r.Provider, amount)), VoucherDigest(d, r.JobID, r.Provider, amount); got != want {
			rt.Fatalf("voucher digest: contract %x, Go %x", got, want)
		}
	})
}

// A receipt built and signed by the pure core (internal/verify) is evidence
// the contract accepts: same digest, same signature.
func TestCoreReceiptsAreOnChainEvidence(t *testing.T) {
	e := newTestEnv(t)
	d := e.consumer.Domain()
	e.stake(e.provider, DECO(100))
	key := e.key(e.provider)
	program := wire.CIDOf([]byte("module bytes"))
	pd, err := program.Digest()
	must(t, err)
	mk := func(out string) wire.Receipt {
		r := wire.Receipt{
			Job:        wire.JobID("00112233445566778899aabbccddeeff"),
			Index:      7,
			Program:    program,
			InputRoot:  wire.CIDOf([]byte("inputs")),
			SpecHash:   verify.HashHex([32]byte{7}),
			OutputRoot: wire.CIDOf([]byte(out)),
			Environment: wire.Environment{
				Runtime: "wazero/1.12", ModuleHash: common.Bytes2Hex(pd[:]), MemoryLimit: 64 << 20, TimeoutMs: 1000,
			},
			ExitCode: -1,
			Provider: e.provider.Address().Hex(),
		}
		verify.Fill(d.Verify(), &r)
		return r
	}
	wa, wb := mk("honest output"), mk("other output")
	var onchain [2]Receipt
	var sigs [2][]byte
	for i, w := range []wire.Receipt{wa, wb} {
		coreDigest, err := verify.Digest(d.Verify(), w)
		must(t, err)
		r, err := ReceiptFromWire(w)
		must(t, err)
		if got := ReceiptDigest(d, r); got != coreDigest {
			t.Fatalf("chain digest %x, core digest %x", got, coreDigest)
		}
		sigs[i], err = verify.Sign(key, d.Verify(), w)
		must(t, err)
		who, err := Recover(ReceiptDigest(d, r), sigs[i])
		must(t, err)
		if who != e.provider.Address() {
			t.Fatalf("recovered %s", who.Hex())
		}
		onchain[i] = r
	}
	must(t, e.reporter.ReportEquivocation(e.ctx, onchain[0], sigs[0], onchain[1], sigs[1]))
}

func TestVoucherSignatureRoundTrip(t *testing.T) {
	k, err := crypto.GenerateKey()
	must(t, err)
	d := Domain{ChainID: big.NewInt(1337), Escrow: common.Address{7}}
	job := jobID("x")
	sig, err := SignVoucher(k, d, job, common.Address{1}, DECO(3))
	must(t, err)
	who, err := Recover(VoucherDigest(d, job, common.Address{1}, DECO(3)), sig)
	must(t, err)
	if who != crypto.PubkeyToAddress(k.PublicKey) {
		t.Fatal("voucher does not recover to its signer")
	}
	if _, err := SignVoucher(k, d, job, common.Address{1}, big.NewInt(-1)); err == nil {
		t.Fatal("negative voucher signed")
	}
	if _, err := Recover([32]byte{}, sig[:64]); err == nil {
		t.Fatal("short signature recovered")
	}
}

func TestFormatDECO(t *testing.T) {
	for _, tc := range []struct {
		in   *big.Int
		want string
	}{
		{DECO(3), "3 DECO"},
		{big.NewInt(5e17), "0.5 DECO"},
		{big.NewInt(1), "0.000000000000000001 DECO"},
		{new(big.Int).Neg(big.NewInt(25e16)), "-0.25 DECO"},
		{nil, "0 DECO"},
	} {
		if got := FormatDECO(tc.in); got != tc.want {
			t.Errorf("FormatDECO(%v) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
