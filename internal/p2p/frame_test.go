package p2p

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"runtime/metrics"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	var wire []byte
	sizes := []int{0, 1, 127, 128, 16383, 16384, 1 << 20}
	for _, n := range sizes {
		wire = appendFrame(wire, bytes.Repeat([]byte{byte(n)}, n))
	}
	r := bytes.NewReader(wire)
	for _, n := range sizes {
		m, err := readFrame(r, 1<<20)
		if err != nil || len(m) != n || (n > 0 && m[0] != byte(n)) {
			t.Fatalf("message of %d bytes: got %d bytes, %v", n, len(m), err)
		}
	}
	if _, err := readFrame(r, 1<<20); err != io.EOF {
		t.Fatalf("at the end: %v, want io.EOF", err)
	}
}

func TestFrameErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		max  int
		want error
	}{
		{"empty input", nil, 10, io.EOF},
		{"too large", binary.AppendUvarint(nil, 11), 10, ErrTooLarge},
		{"huge length, small limit", binary.AppendUvarint(nil, 1<<62), 10, ErrTooLarge},
		{"negative limit acts as zero", []byte{1, 'x'}, -5, ErrTooLarge},
		{"truncated prefix", []byte{0x80}, 10, io.ErrUnexpectedEOF},
		{"truncated payload", []byte{5, 'a', 'b'}, 10, io.ErrUnexpectedEOF},
		{"prefix overflows 64 bits", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02}, 10, ErrBadFrame},
		{"prefix longer than 10 bytes", bytes.Repeat([]byte{0x80}, 11), 10, ErrBadFrame},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := readFrame(bytes.NewReader(tc.in), tc.max)
			if !errors.Is(err, tc.want) {
				t.Fatalf("readFrame: %v, want %v", err, tc.want)
			}
		})
	}
}

// FuzzReadMsg feeds arbitrary bytes to the frame reader: it must not panic,
// must not return a message over the limit, and must not allocate more than
// the messages it returns plus one limit-sized buffer (a length prefix alone
// must never make it allocate).
func FuzzReadMsg(f *testing.F) {
	f.Add([]byte{5, 'h', 'e', 'l', 'l', 'o', 0}, uint16(10))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, uint16(100))
	f.Add(binary.AppendUvarint(nil, 1<<40), uint16(1000))
	f.Add(append(binary.AppendUvarint(nil, 300), make([]byte, 300)...), uint16(300))
	f.Fuzz(func(t *testing.T, data []byte, max16 uint16) {
		max := int(max16)
		r := bytes.NewReader(data)
		// runtime/metrics, unlike ReadMemStats, does not stop the world:
		// the target runs thousands of times faster.
		allocs := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"}}
		metrics.Read(allocs)
		before := allocs[0].Value.Uint64()
		returned := 0
		for range len(data) + 1 {
			m, err := readFrame(r, max)
			if err != nil {
				break
			}
			if len(m) > max {
				t.Fatalf("message of %d bytes returned with limit %d", len(m), max)
			}
			returned += len(m)
		}
		metrics.Read(allocs)
		const slack = 64 << 10 // error values, runtime noise
		if got := allocs[0].Value.Uint64() - before; got > uint64(returned+max+slack) {
			t.Fatalf("allocated %d bytes for %d returned with limit %d", got, returned, max)
		}
	})
}
