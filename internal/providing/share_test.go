package providing

import (
	"crypto/rand"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/wire"
)

func randomPeer(t *testing.T) peer.ID {
	t.Helper()
	_, pub, err := crypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	id, err := peer.IDFromPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// A Share lets its reader fetch only what the consumer that sent it may
// read itself: outputs released to that consumer. A consumer naming
// another consumer's blobs, or blobs not yet paid for, shares nothing,
// so strangers still cannot read a consumer's outputs.
func TestShareGrantsOnlyWhatTheConsumerMayRead(t *testing.T) {
	acl := access.New(clock.NewFake(time.Unix(0, 0)))
	p := &Provider{cfg: Config{Access: acl}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	consumer, other, reader, thief := randomPeer(t), randomPeer(t), randomPeer(t), randomPeer(t)
	paid, unpaid, others := wire.CIDOf([]byte("paid")), wire.CIDOf([]byte("unpaid")), wire.CIDOf([]byte("other's"))
	acl.GrantFor(consumer, access.OutputGrant, paid) // released on its voucher
	acl.GrantFor(other, access.OutputGrant, others)

	p.share(consumer, wire.Share{Reader: reader.String(), CIDs: []wire.CID{paid, unpaid, others}})
	if !acl.Allowed(reader, paid) {
		t.Fatal("the later stage's provider cannot read an output released to the consumer that shared it")
	}
	if acl.Allowed(reader, unpaid) || acl.Allowed(reader, others) {
		t.Fatal("a Share granted a blob its consumer may not read itself")
	}
	p.share(thief, wire.Share{Reader: thief.String(), CIDs: []wire.CID{paid}})
	if acl.Allowed(thief, paid) {
		t.Fatal("a stranger granted itself a consumer's output with a Share")
	}
}
