package wire

import (
	"errors"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	in := Cancel{Task: TaskID{Job: "j", Index: 3}, Attempt: 2, Reason: "done"}
	b, err := EncodeFrame(TypeCancel, in)
	if err != nil {
		t.Fatal(err)
	}
	f, err := DecodeFrame(b)
	if err != nil {
		t.Fatal(err)
	}
	var out Cancel
	if err := f.Open(TypeCancel, &out); err != nil {
		t.Fatal(err)
	}
	if out != in {
		t.Fatalf("got %+v, want %+v", out, in)
	}
	if err := f.Open(TypeResult, &out); !errors.Is(err, ErrWrongType) {
		t.Fatalf("open as another type: %v, want ErrWrongType", err)
	}
}

func TestDecodeFrameRejects(t *testing.T) {
	for name, b := range map[string][]byte{
		"empty":        nil,
		"no type":      []byte("\n{}"),
		"no separator": []byte("cancel/1{}"),
		"long type":    append(make([]byte, 100), '\n'),
	} {
		if _, err := DecodeFrame(b); !errors.Is(err, ErrBadEnvelope) {
			t.Errorf("%s: %v, want ErrBadEnvelope", name, err)
		}
	}
	f, err := DecodeFrame([]byte("cancel/1\n{not json"))
	if err != nil {
		t.Fatal(err)
	}
	var c Cancel
	if err := f.Open(TypeCancel, &c); !errors.Is(err, ErrBadEnvelope) {
		t.Fatalf("bad body: %v, want ErrBadEnvelope", err)
	}
}

func FuzzDecodeFrame(f *testing.F) {
	seed, _ := EncodeFrame(TypeStatus, Status{State: "running"})
	f.Add(seed)
	f.Add([]byte("result/1\n{}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fr, err := DecodeFrame(b)
		if err != nil {
			return
		}
		for _, typ := range []string{TypeAssign, TypeStatus, TypeResult, TypeCancel, TypeVoucher, TypeBeat, TypeBeatAck} {
			var v any
			switch typ {
			case TypeBeat:
				v = &Beat{}
			case TypeBeatAck:
				v = &BeatAck{}
			case TypeAssign:
				v = &Assign{}
			case TypeStatus:
				v = &Status{}
			case TypeResult:
				v = &Result{}
			case TypeCancel:
				v = &Cancel{}
			default:
				v = &Voucher{}
			}
			_ = fr.Open(typ, v)
		}
	})
}
