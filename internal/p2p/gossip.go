package p2p

import (
	"context"
	"errors"
	"fmt"
	"time"

	pubsub "github.com/libp2p/go-libp2p-pubsub"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/wire"
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
// one. On Deco's own topics fn runs after the host's built-in checks (see
// topicRules). Rejected messages also lower the forwarding peer's gossip
// score.
func (d *Host) SetValidator(topic string, fn Validator) error {
	d.mu.Lock()
	d.validators[topic] = fn
	d.mu.Unlock()
	if _, ok := topicRules[topic]; ok {
		return nil // the built-in validator calls fn
	}
	_ = d.ps.UnregisterTopicValidator(topic) // absent is fine
	err := d.ps.RegisterTopicValidator(topic, func(ctx context.Context, _ peer.ID, m *pubsub.Message) bool {
		return fn(ctx, m.GetFrom(), m.Data)
	})
	if err != nil {
		return fmt.Errorf("set validator for %q: %w", topic, err)
	}
	return nil
}

// topicRule is what one of Deco's gossip topics carries. Gossip reaches
// every node and each relays it, so anything else is refused before it is
// delivered or forwarded.
type topicRule struct {
	typ     string // the envelope type every message must have
	maxSize int    // bytes
	// rate bounds each author's messages; more are ignored (not relayed,
	// not delivered), without a score penalty since a relay cannot tell.
	rate RateLimit
}

// topicRules are the built-in checks of Deco's topics. A provider publishes
// an offer every 2 s (4 a second in its first seconds); evidence is rare.
var topicRules = map[string]topicRule{
	TopicOffers:   {typ: wire.TypeOffer, maxSize: 64 << 10, rate: RateLimit{PerSecond: 5, Burst: 20}},
	TopicEvidence: {typ: typeEvidence, maxSize: 1 << 20, rate: RateLimit{PerSecond: 1, Burst: 20}},
}

// typeEvidence is fraud.TypeEvidence (p2p does not import the fraud
// package; TestTopicTypes keeps the two equal).
const typeEvidence = "evidence/1"

// registerTopicRules installs the built-in validator of every topic in
// topicRules.
func (d *Host) registerTopicRules() error {
	for topic, rule := range topicRules {
		if err := d.ps.RegisterTopicValidator(topic, d.checkGossip(topic, rule)); err != nil {
			return fmt.Errorf("set validator for %q: %w", topic, err)
		}
	}
	return nil
}

// checkGossip validates a message on a Deco topic: its size, that it is an
// envelope of the topic's type signed by the message's author (gossipsub
// has checked the author's own signature, StrictSign), the author's rate,
// the envelope signature and its expiry. Malformed, mistyped, misattributed
// or far-future messages are rejected, which lowers the gossip score of the
// peer that sent them until it is graylisted.
func (d *Host) checkGossip(topic string, rule topicRule) pubsub.ValidatorEx {
	return func(ctx context.Context, _ peer.ID, m *pubsub.Message) pubsub.ValidationResult {
		author := m.GetFrom()
		reject := func(why string, err error) pubsub.ValidationResult {
			d.log.Debug("rejected gossip", "topic", topic, "author", author, "why", why, "err", err)
			return pubsub.ValidationReject
		}
		if len(m.Data) > rule.maxSize {
			return reject(fmt.Sprintf("%d bytes, limit %d", len(m.Data), rule.maxSize), nil)
		}
		env, err := wire.DecodeEnvelope(m.Data)
		if err != nil {
			return reject("not an envelope", err)
		}
		if env.Type != rule.typ {
			return reject(fmt.Sprintf("type %q on a %q topic", env.Type, rule.typ), nil)
		}
		if !signedBy(env, author) {
			return reject("envelope not signed by the message's author", nil)
		}
		if author != d.h.ID() && !d.gossipRate.allow(author, topic, rule.rate, time.Now()) {
			return pubsub.ValidationIgnore
		}
		if err := env.Verify(time.Now()); err != nil {
			if errors.Is(err, wire.ErrExpired) {
				return pubsub.ValidationIgnore // late, not forged
			}
			return reject("envelope does not verify", err)
		}
		d.mu.Lock()
		fn := d.validators[topic]
		d.mu.Unlock()
		if fn != nil && !fn(ctx, author, m.Data) {
			return pubsub.ValidationReject
		}
		return pubsub.ValidationAccept
	}
}

// signedBy reports whether env carries p's own ed25519 key.
func signedBy(env wire.Envelope, p peer.ID) bool {
	pub, err := p.ExtractPublicKey()
	if err != nil {
		return false
	}
	raw, err := pub.Raw()
	return err == nil && string(raw) == string(env.PubKey)
}

// Gossip scores: only invalid messages (P4) and broken gossip promises (P7)
// count. Three rejected messages put their sender below the graylist
// threshold, where gossipsub ignores everything it sends; the count decays
// to nothing in half an hour. Mesh delivery rates (P3) are not scored: offers are
// rare and bursty, so a quiet honest peer would be penalized. IP
// colocation (P6) is off: devnets and NATed providers share addresses.
const (
	invalidMessageWeight = -20
	graylistThreshold    = -80
	scoreInspectPeriod   = time.Second
)

func gossipScoring() (*pubsub.PeerScoreParams, *pubsub.PeerScoreThresholds) {
	topics := map[string]*pubsub.TopicScoreParams{}
	for topic := range topicRules {
		topics[topic] = &pubsub.TopicScoreParams{
			SkipAtomicValidation:           true,
			TopicWeight:                    1,
			TimeInMeshQuantum:              time.Second, // unused (weight 0) but divided by
			InvalidMessageDeliveriesWeight: invalidMessageWeight,
			InvalidMessageDeliveriesDecay:  pubsub.ScoreParameterDecay(30 * time.Minute),
		}
	}
	params := &pubsub.PeerScoreParams{
		SkipAtomicValidation:      true,
		Topics:                    topics,
		AppSpecificScore:          func(peer.ID) float64 { return 0 },
		BehaviourPenaltyWeight:    -1,
		BehaviourPenaltyThreshold: 10,
		BehaviourPenaltyDecay:     pubsub.ScoreParameterDecay(10 * time.Minute),
		DecayInterval:             pubsub.DefaultDecayInterval,
		DecayToZero:               pubsub.DefaultDecayToZero,
		// A graylisted peer that reconnects keeps its score.
		RetainScore: time.Hour,
	}
	thresholds := &pubsub.PeerScoreThresholds{
		GossipThreshold:   -10,
		PublishThreshold:  -40,
		GraylistThreshold: graylistThreshold,
		AcceptPXThreshold: 100, // peer exchange is off; no one earns this
	}
	return params, thresholds
}

// inspectScores records the gossip scores and logs peers as they fall
// below the graylist threshold.
func (d *Host) inspectScores(scores map[peer.ID]float64) {
	prev := d.scores.Swap(&scores)
	for p, s := range scores {
		if s >= graylistThreshold {
			continue
		}
		if prev == nil || (*prev)[p] >= graylistThreshold {
			d.log.Info("peer graylisted for invalid gossip; its gossip is ignored until its score recovers", "peer", p, "score", s)
		}
	}
}

// GossipScore is p's gossip score as last measured (every second); below
// -80 the peer is graylisted. Unknown peers score 0.
func (d *Host) GossipScore(p peer.ID) float64 {
	if s := d.scores.Load(); s != nil {
		return (*s)[p]
	}
	return 0
}
