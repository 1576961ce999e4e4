package wire

import (
	"crypto/ed25519"
	"encoding/json"
	"testing"
	"time"
)

// sampleMessages are valid bodies of every message type, the seeds of the
// envelope and message targets.
func sampleMessages() map[string]any {
	job := NewJobID([16]byte{1, 2, 3})
	task := TaskID{Job: job, Index: 2}
	prog := CIDOf([]byte("program"))
	out := Manifest{Kind: "outputs", Entries: []Entry{{Path: "out/a.txt", Size: 3, CID: CIDOf([]byte("abc"))}}}
	spec := TaskSpec{Task: task, Count: 4, Program: prog, ProgramSize: 7, Args: []string{"-n", "2"}, Env: map[string]string{"K": "v"},
		Inputs: []Input{{Name: "in.txt", CID: CIDOf([]byte("in")), Size: 2}}, MemoryLimit: 64 << 20, TimeoutMs: 1000, MaxOutput: 1 << 20}
	return map[string]any{
		TypeOffer: Offer{Peer: "p", EVM: "0x01", Resources: Resources{Cores: 2, Memory: 1 << 30, GPUs: []string{"a"}}, Slots: 2, FreeSlots: 1,
			Benchmark: 1.5, Ask: 1500, Labels: map[string]string{"zone": "eu"}, Runtime: "wazero/v1", Seq: 9, ExpiresMs: 1000},
		TypeBidRequest: BidRequest{Job: job, Round: 1, Tasks: []int{0, 1}, Program: prog, ProgramSz: 7, TimeoutMs: 10, MaxPrice: 10_000, Consumer: "0x02"},
		TypeBid:        Bid{Job: job, Round: 1, Accept: true, Price: 900, Slots: 2, ETAMs: 50, EVM: "0x03"},
		TypeAssign: Assign{Spec: spec, Price: 900, Consumer: "0x02", Inline: map[CID][]byte{CIDOf([]byte("in")): []byte("in")},
			Holders: map[string][]string{"12D3KooWholder": {"/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWholder"}}},
		TypeStatus: Status{Task: task, Attempt: 1, State: "running", Message: "m"},
		TypeResult: Result{Task: task, Attempt: 1, Outputs: out, Stdout: CIDOf(nil), DurationMs: 5, Signature: make([]byte, 65),
			Receipt: &Receipt{Job: job, Index: 2, Program: prog, Environment: Environment{Runtime: "r", MemoryLimit: 1}, Provider: "0x03", ChainID: 1337}},
		TypeCancel:  Cancel{Task: task, Attempt: 1, Reason: "done"},
		TypeVoucher: Voucher{Job: job, Provider: "0x03", Consumer: "0x02", Cumulative: 1800, Signature: make([]byte, 65), Task: task, Attempt: 1},
		TypeBeatAck: BeatAck{Seq: 3},
		TypeShare:   Share{Reader: "12D3KooWreader", CIDs: []CID{CIDOf([]byte("abc"))}},
		TypeBeat: Beat{Seq: 3, Tasks: []TaskBeat{{Task: task, Attempt: 1, Running: true, Permille: 420, Stdout: []byte("line\n"), Stderr: []byte("e\n")},
			{Task: task, Attempt: 2}}},
	}
}

// newMessage returns a pointer to an empty body of type typ.
func newMessage(typ string) any {
	switch typ {
	case TypeOffer:
		return &Offer{}
	case TypeBidRequest:
		return &BidRequest{}
	case TypeBid:
		return &Bid{}
	case TypeAssign:
		return &Assign{}
	case TypeStatus:
		return &Status{}
	case TypeResult:
		return &Result{}
	case TypeCancel:
		return &Cancel{}
	case TypeVoucher:
		return &Voucher{}
	case TypeBeat:
		return &Beat{}
	case TypeBeatAck:
		return &BeatAck{}
	case TypeShare:
		return &Share{}
	}
	return nil
}

// messageTypes lists every message type in a fixed order.
var messageTypes = []string{TypeOffer, TypeBidRequest, TypeBid, TypeAssign, TypeStatus, TypeResult, TypeCancel, TypeVoucher, TypeBeat, TypeBeatAck, TypeShare}

// FuzzDecodeEnvelope: no input panics the decoder or any body's Open; a
// decoded envelope re-encodes to one that decodes the same (up to the
// body's spacing and escaping); and one that
// verifies stops verifying when its body changes (the signature covers it).
func FuzzDecodeEnvelope(f *testing.F) {
	_, key, _ := ed25519.GenerateKey(nil)
	for i, typ := range messageTypes {
		env, _ := Seal(key, typ, sampleMessages()[typ], time.Unix(0, 0), time.Hour, uint64(i))
		raw, _ := env.Marshal()
		f.Add(raw)
	}
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := DecodeEnvelope(b)
		if err != nil {
			return
		}
		again, err := e.Marshal()
		if err != nil {
			t.Fatalf("decoded envelope does not encode: %v", err)
		}
		// Encoding compacts and HTML-escapes the raw body, which then no
		// longer matches the signature: nodes forward the bytes they got.
		want := e
		want.Body, _ = json.Marshal(e.Body)
		e2, err := DecodeEnvelope(again)
		if err != nil || string(e2.signed()) != string(want.signed()) || string(e2.Sig) != string(e.Sig) {
			t.Fatalf("re-encoded envelope differs: %v", err)
		}
		if e.Verify(time.Unix(0, 0)) == nil && len(e.Body) > 0 {
			forged := e
			forged.Body = append([]byte(nil), e.Body...)
			forged.Body[0] ^= 1
			if forged.Verify(time.Unix(0, 0)) == nil {
				t.Fatalf("signature still verifies after the body changed")
			}
		}
		for _, typ := range messageTypes {
			e.Type = typ
			_ = e.Open(typ, newMessage(typ))
		}
	})
}

// FuzzMessages decodes arbitrary bytes as the body of each message type:
// whatever decodes must encode and decode again to the same encoding, so a
// message relayed or stored is the message received.
func FuzzMessages(f *testing.F) {
	for i, typ := range messageTypes {
		b, _ := json.Marshal(sampleMessages()[typ])
		f.Add(uint8(i), b)
	}
	f.Add(uint8(0), []byte(`{"ask":"1.5"}`))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		typ := messageTypes[int(which)%len(messageTypes)]
		v := newMessage(typ)
		if json.Unmarshal(b, v) != nil {
			return
		}
		enc, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s decodes but does not encode: %v", typ, err)
		}
		w := newMessage(typ)
		if err := json.Unmarshal(enc, w); err != nil {
			t.Fatalf("%s: own encoding %s does not decode: %v", typ, enc, err)
		}
		if enc2, _ := json.Marshal(w); string(enc2) != string(enc) {
			t.Fatalf("%s: encoding not stable:\n%s\n%s", typ, enc, enc2)
		}
	})
}

// FuzzParseJobID: an accepted job id is canonical and survives Bytes32.
func FuzzParseJobID(f *testing.F) {
	f.Add(string(NewJobID([16]byte{0xab, 1})))
	f.Add("ABCDEF00112233445566778899aabbcc")
	f.Fuzz(func(t *testing.T, s string) {
		j, err := ParseJobID(s)
		if err != nil {
			return
		}
		b := j.Bytes32()
		var entropy [16]byte
		copy(entropy[:], b[:16])
		if NewJobID(entropy) != j {
			t.Fatalf("job id %q does not survive Bytes32", s)
		}
	})
}

func FuzzParseManifest(f *testing.F) {
	m := Manifest{Kind: "outputs", Entries: []Entry{{Path: "a/b.txt", Size: 3, CID: CIDOf([]byte("abc"))}}}
	f.Add(m.Encode())
	f.Add([]byte("deco-inputs/1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseManifest(b)
		if err != nil {
			return
		}
		if string(got.Encode()) != string(b) {
			t.Fatalf("accepted non-canonical manifest")
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	f.Add("0.05")
	f.Add("18446744073709.551615")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAmount(s)
		if err != nil {
			return
		}
		b, err := ParseAmount(a.String())
		if err != nil || a != b {
			t.Fatalf("round trip %q -> %v -> %v (%v)", s, a, b, err)
		}
	})
}

func FuzzParseCID(f *testing.F) {
	f.Add(string(CIDOf([]byte("x"))))
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCID(s)
		if err != nil {
			return
		}
		if _, err := c.Digest(); err != nil {
			t.Fatal(err)
		}
	})
}
