package p2p

import (
	"context"
	"fmt"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"
)

// subBuffer is how many received messages a subscription holds before
// gossipsub drops new ones for a slow reader.
const subBuffer = 256

// Message is one gossip message from another peer.
type Message struct {
	From peer.ID // the author, whose signature gossipsub verified (StrictSign)
	Data []byte
}

// topic returns the joined topic name, joining it on first use. A topic can
// be joined only once per host, so every Publish and Subscribe shares it.
func (d *Host) topic(name string) (*pubsub.Topic, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if t, ok := d.topics[name]; ok {
		return t, nil
	}
	t, err := d.ps.Join(name)
	if err != nil {
		return nil, fmt.Errorf("join gossip topic %q: %w", name, err)
	}
	d.topics[name] = t
	return t, nil
}

// Publish signs data and gossips it on topic. It goes straight to every
// connected subscriber (flood publishing) and is relayed further through
// gossipsub's mesh. It does not wait for peers: with no subscriber connected
// the message reaches nobody, and a peer that met its relays less than a
// heartbeat (1 s) ago may miss relayed messages. So publishers republish
// periodically (offers expire anyway) or wait on TopicPeers first.
func (d *Host) Publish(ctx context.Context, topic string, data []byte) error {
	t, err := d.topic(topic)
	if err != nil {
		return err
	}
	if err := t.Publish(ctx, data); err != nil {
		return fmt.Errorf("publish on %q: %w", topic, err)
	}
	return nil
}

// Subscribe delivers the messages other peers publish on topic. The host's
// own messages are left out. The channel closes when ctx ends or the host
// closes; a reader slower than the gossip rate loses messages.
func (d *Host) Subscribe(ctx context.Context, topic string) (<-chan Message, error) {
	t, err := d.topic(topic)
	if err != nil {
		return nil, err
	}
	sub, err := t.Subscribe(pubsub.WithBufferSize(subBuffer))
	if err != nil {
		return nil, fmt.Errorf("subscribe to %q: %w", topic, err)
	}
	out := make(chan Message)
	self := d.h.ID()
	// Subscriptions outlive a stopped pubsub, so end ours with the host too.
	ctx, cancel := context.WithCancel(ctx)
	stop := context.AfterFunc(d.life, cancel)
	go func() {
		defer close(out)
		defer sub.Cancel()
		defer stop()
		defer cancel()
		for {
			m, err := sub.Next(ctx)
			if err != nil {
				return // ctx ended or the host closed
			}
			if m.ReceivedFrom == self || m.GetFrom() == self {
				continue
			}
			select {
			case out <- Message{From: m.GetFrom(), Data: m.Data}:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out, nil
}

// TopicPeers lists the connected peers known to be subscribed to topic:
// the peers a Publish reaches directly.
func (d *Host) TopicPeers(topic string) []peer.ID {
	t, err := d.topic(topic)
	if err != nil {
		return nil
	}
	return t.ListPeers()
}

// Validator checks a gossip message before it is delivered or forwarded;
// returning false drops it. It runs for messages the host publishes too.
type Validator func(ctx context.Context, from peer.ID, data []byte) bool

// SetValidator installs fn as the validator of topic, replacing any earlier
// one. Rejected messages also lower the forwarding peer's gossip score.
func (d *Host) SetValidator(topic string, fn Validator) error {
	_ = d.ps.UnregisterTopicValidator(topic) // absent is fine
	err := d.ps.RegisterTopicValidator(topic, func(ctx context.Context, _ peer.ID, m *pubsub.Message) bool {
		return fn(ctx, m.GetFrom(), m.Data)
	})
	if err != nil {
		return fmt.Errorf("set validator for %q: %w", topic, err)
	}
	return nil
}
