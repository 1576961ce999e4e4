package chain

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

const gethInstallHint = "install with: go install github.com/ethereum/go-ethereum/cmd/geth@v1.17.10"

// startGethDev runs a stock `geth --dev` on a free loopback port.
func startGethDev(t *testing.T) string {
	t.Helper()
	geth := FindGeth()
	if geth == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("geth not found on PATH or in the Go bin directory; run contracts/install-geth.sh (%s)", gethInstallHint)
		}
		t.Skip(gethInstallHint)
	}
	port, err := freePort("127.0.0.1")
	must(t, err)
	var logs bytes.Buffer
	cmd := exec.Command(geth, "--dev", "--datadir", t.TempDir(),
		"--http", "--http.addr", "127.0.0.1", "--http.port", fmt.Sprint(port), "--http.api", "eth,net,web3",
		"--ipcdisable", "--nodiscover", "--maxpeers", "0", "--port", "0", "--authrpc.port", "0", "--verbosity", "2")
	cmd.Stdout, cmd.Stderr = &logs, &logs
	must(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("geth output:\n%s", logs.String())
		}
	})
	return fmt.Sprintf("http://127.0.0.1:%d", port)
}

// The whole payment flow against a stock Ethereum node: deploy, fund,
// stake, bind, deposit, voucher, redeem, slash, and a proof job paid on
// a gnark proof.
func TestGethDev(t *testing.T) {
	url := startGethDev(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	gas := map[string]uint64{}
	hook := WithTxHook(func(tx Tx) { gas[tx.Op] = tx.GasUsed })

	// Dial retries until geth answers.
	dev, err := Dial(ctx, url, GethDevKey(), Addresses{}, WithChainID(big.NewInt(1337)),
		WithBackoff(50*time.Millisecond, 500*time.Millisecond), WithPollInterval(50*time.Millisecond), hook)
	must(t, err)
	defer dev.Close()
	addrs, err := Deploy(ctx, dev, DefaultParams())
	must(t, err)
	admin, err := dev.At(ctx, addrs)
	must(t, err)

	ck, _ := crypto.GenerateKey()
	pk, _ := crypto.GenerateKey()
	for _, k := range []*ecdsa.PrivateKey{ck, pk} {
		addr := crypto.PubkeyToAddress(k.PublicKey)
		must(t, admin.SendGas(ctx, addr, Ether(10)))
		must(t, admin.Mint(ctx, addr, DECO(1000)))
	}
	consumer, err := Dial(ctx, url, ck, addrs, WithPollInterval(50*time.Millisecond), hook)
	must(t, err)
	defer consumer.Close()
	provider, err := Dial(ctx, url, pk, addrs, WithPollInterval(50*time.Millisecond), hook)
	must(t, err)
	defer provider.Close()

	must(t, provider.Stake(ctx, DECO(200)))
	must(t, provider.BindPeer(ctx, "12D3KooWGethDevPeer", make([]byte, 64)))
	now, err := consumer.ChainTime(ctx)
	must(t, err)
	job := jobIDOf(consumer.Address(), "geth")
	must(t, consumer.OpenJob(ctx, job, DECO(50), now.Add(time.Hour)))
	sig, err := consumer.SignVoucher(job, provider.Address(), DECO(30))
	must(t, err)
	must(t, provider.Redeem(ctx, job, provider.Address(), DECO(30), sig))
	wantRevert(t, provider.Redeem(ctx, job, provider.Address(), DECO(30), sig), ErrNothingToRedeem)
	bal, err := provider.Balance(ctx, provider.Address())
	must(t, err)
	eq(t, "provider balance", bal, DECO(830))
	info, err := consumer.Job(ctx, job)
	must(t, err)
	eq(t, "remaining", info.Remaining(), DECO(20))

	a, b := receiptPair(provider.Address(), "geth")
	sa, _ := SignReceipt(pk, consumer.Domain(), a)
	sb, _ := SignReceipt(pk, consumer.Domain(), b)
	must(t, admin.ReportEquivocation(ctx, a, sa, b, sb))
	s, err := consumer.Stakes(ctx, provider.Address())
	must(t, err)
	eq(t, "stake after slash", s.Bonded, DECO(100))

	// A proof job: the escrow verifies a gnark proof with the EVM's
	// pairing and sha256 precompiles and pays at once.
	z := zkFixture(t, "mimc-chain/4")
	verifier, err := admin.DeployGroth16Verifier(ctx, z.key)
	must(t, err)
	must(t, admin.SetCircuit(ctx, z.id, verifier, len(z.c.Fixed()), z.c.NumPublic()))
	pj := newProofJob(t, consumer.Address(), "geth/zk", z, 2)
	must(t, consumer.OpenProofJob(ctx, pj.id, DECO(2), now.Add(time.Hour), pj.terms(DECO(1))))
	before, err := provider.Balance(ctx, provider.Address())
	must(t, err)
	must(t, provider.SettleWithProof(ctx, pj.id, pj.claim(t, 1, provider.Address())))
	after, err := provider.Balance(ctx, provider.Address())
	must(t, err)
	eq(t, "paid on proof", sub(after, before), DECO(1))
	bad := pj.claim(t, 0, provider.Address())
	bad.Proof[1] = new(big.Int).Sub(fieldP, bad.Proof[1])
	wantRevert(t, provider.SettleWithProof(ctx, pj.id, bad), ErrProofRejected)
	// No gas bound here: geth v1.17.10's --dev chain runs the draft
	// Amsterdam and Bogota forks (EIP-8037 state-gas metering, EIP-8038
	// state-access repricing), so its figures are not mainnet's; the
	// targets are checked under Osaka on the simulated chain (TestProofGas).

	for _, op := range []string{"escrow.openJob", "escrow.redeem", "escrow.reportEquivocation", "escrow.settleWithProof"} {
		t.Logf("geth --dev gas: %-28s %d", op, gas[op])
	}
}
