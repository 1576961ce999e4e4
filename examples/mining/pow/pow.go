package pow

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// ResultFile is where the miner writes its result, under /outputs.
const ResultFile = "nonce.txt"

// Job is what a task searches.
type Job struct {
	Header []byte
	Bits   int    // leading zero bits the hash needs
	Start  uint64 // first nonce of the task's range
	Span   uint64 // nonces in the range
}

// Parse reads the arguments both guests take: --header HEX --bits N
// --span S, and the task index (DECO_TASK_INDEX) that picks the range.
func Parse(args []string, index int) (Job, error) {
	fs := flag.NewFlagSet("mining", flag.ContinueOnError)
	header := fs.String("header", "", "the block header to mine, in hex")
	nbits := fs.Int("bits", 16, "leading zero bits the hash needs")
	span := fs.Uint64("span", 1<<20, "nonces each task searches")
	if err := fs.Parse(args); err != nil {
		return Job{}, err
	}
	h, err := hex.DecodeString(*header)
	switch {
	case err != nil || len(h) == 0:
		return Job{}, fmt.Errorf("--header must be a non-empty hex string, got %q", *header)
	case *nbits < 1 || *nbits > 64:
		return Job{}, fmt.Errorf("--bits must be between 1 and 64, got %d", *nbits)
	case *span == 0 || index < 0 || uint64(index) > (^uint64(0)-*span) / *span:
		return Job{}, fmt.Errorf("--span %d and task %d name no range of 64-bit nonces", *span, index)
	}
	return Job{Header: h, Bits: *nbits, Start: uint64(index) * *span, Span: *span}, nil
}

// Hash is SHA-256(header || nonce) with the nonce as 8 bytes big-endian.
func (j Job) Hash(nonce uint64) [32]byte {
	buf := make([]byte, len(j.Header)+8)
	copy(buf, j.Header)
	binary.BigEndian.PutUint64(buf[len(j.Header):], nonce)
	return sha256.Sum256(buf)
}

// ZeroBits counts h's leading zero bits.
func ZeroBits(h [32]byte) int {
	n := 0
	for i := 0; i < len(h); i += 8 {
		w := binary.BigEndian.Uint64(h[i:])
		n += bits.LeadingZeros64(w)
		if w != 0 {
			break
		}
	}
	return n
}

// Search returns the first nonce of j's range whose hash has j.Bits
// leading zero bits. progress, if set, is told the share searched
// (0..1000) now and then.
func (j Job) Search(progress func(permille int)) (uint64, bool) {
	buf := make([]byte, len(j.Header)+8)
	copy(buf, j.Header)
	tail := buf[len(j.Header):]
	for i := uint64(0); i < j.Span; i++ {
		binary.BigEndian.PutUint64(tail, j.Start+i)
		if ZeroBits(sha256.Sum256(buf)) >= j.Bits {
			return j.Start + i, true
		}
		if progress != nil && i&0xffff == 0xffff {
			progress(int(i * 1000 / j.Span))
		}
	}
	return 0, false
}

// Format is the result file's text for nonce.
func (j Job) Format(nonce uint64) string {
	h := j.Hash(nonce)
	return fmt.Sprintf("nonce %d\nhash %x\n", nonce, h)
}

// Check verifies a result file: one nonce in j's range whose hash, as
// written, has j.Bits leading zero bits. It costs one hash.
func (j Job) Check(text string) error {
	var nonce uint64
	var hash string
	var seen int
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		key, val, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch key {
		case "nonce":
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				return fmt.Errorf("nonce %q is not a decimal 64-bit number", val)
			}
			nonce, seen = n, seen|1
		case "hash":
			hash, seen = val, seen|2
		default:
			return fmt.Errorf("unexpected line %q in %s", line, ResultFile)
		}
	}
	if seen != 3 {
		return errors.New(ResultFile + " needs a nonce line and a hash line")
	}
	if nonce < j.Start || nonce-j.Start >= j.Span {
		return fmt.Errorf("nonce %d is outside this task's range [%d, %d)", nonce, j.Start, j.Start+j.Span)
	}
	h := j.Hash(nonce)
	if got := fmt.Sprintf("%x", h); got != hash {
		return fmt.Errorf("nonce %d hashes to %s, not %q", nonce, got, hash)
	}
	if z := ZeroBits(h); z < j.Bits {
		return fmt.Errorf("nonce %d gives a hash with %d leading zero bits; the job asks for %d", nonce, z, j.Bits)
	}
	if text != j.Format(nonce) {
		return fmt.Errorf("%s holds a valid nonce but not in the miner's exact format: %q", ResultFile, text)
	}
	return nil
}
