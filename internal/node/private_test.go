package node

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// A job's program, inputs and outputs are read only by the peers party to
// it. A third peer that learned every content address (a gossip observer,
// a former provider of another job) asks the consumer and the provider
// for each over /deco/data/1 and is refused; the provider fetched the
// program and input from the consumer, and the consumer the output from
// the provider, so the job completed; the consumer can still fetch its
// outputs from the provider afterwards.
func TestJobDataServedOnlyToItsParties(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// Everything is larger than what travels inline, so it crosses
	// /deco/data/1: the program (MiBs), a 300 KiB input, a 1 MiB output.
	input := make([]byte, 300<<10)
	rand.NewChaCha8([32]byte{13}).Read(input)
	prog := upload(t, c.Client, buildHostile(t, "bigoutput"))
	in := upload(t, c.Client, input)
	j := runJob(t, c.Client, spec.Job{
		Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Args: []string{"--mb", "1"}},
		Inputs: []spec.Input{{Name: "data.bin", CID: in}}, Verification: spec.VerifyReceipt,
	})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	out := j.Tasks[0].Outputs.Entries[0].CID
	consumer, provider := c.Consumer, c.Providers[0]
	if !provider.blobs.Has(prog) || !provider.blobs.Has(in) || !consumer.blobs.Has(out) {
		t.Fatal("the job's blobs did not reach the parties that needed them")
	}

	stranger, err := p2p.New(ctx, p2p.Config{ListenAddrs: p2p.LoopbackListenAddrs, Bootstrap: consumer.host.Addrs(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer stranger.Close()
	for _, n := range []*Node{consumer, provider} {
		for _, a := range n.host.Addrs() {
			if stranger.Connect(ctx, a) == nil {
				break
			}
		}
	}
	for _, tc := range []struct {
		from *Node
		name string
		cid  wire.CID
	}{
		{consumer, "program from the consumer", prog},
		{consumer, "input from the consumer", in},
		{consumer, "output from the consumer", out},
		{provider, "program from the provider", prog},
		{provider, "input from the provider", in},
		{provider, "output from the provider", out},
	} {
		n, err := stranger.FetchBlob(ctx, tc.from.host.ID(), tc.cid, io.Discard, 1<<30)
		if !errors.Is(err, p2p.ErrDenied) || n != 0 {
			t.Errorf("stranger fetching the %s: %d bytes, %v; want p2p.ErrDenied", tc.name, n, err)
		}
	}
	// The consumer is still a party to its outputs.
	if _, err := consumer.host.FetchBlob(ctx, provider.host.ID(), out, io.Discard, 1<<30); err != nil {
		t.Errorf("the consumer fetching its output from the provider: %v", err)
	}
	// The provider's attempt is over: it reads the job's data no more.
	if _, err := provider.host.FetchBlob(ctx, consumer.host.ID(), in, io.Discard, 1<<30); !errors.Is(err, p2p.ErrDenied) {
		t.Errorf("the provider fetching the input after its attempt ended: %v; want p2p.ErrDenied", err)
	}
	// Local reads through the API are not network reads.
	if err := c.Client.GetBlob(ctx, out, io.Discard); err != nil {
		t.Errorf("deco get of the output: %v", err)
	}
}
