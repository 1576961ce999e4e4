package p2p

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/metrics"
	"github.com/deco-network/deco/internal/wire"
)

// Errors of block exchange.
var (
	// ErrNotFound reports that the peer does not have the requested blob.
	ErrNotFound = errors.New("peer does not have the blob")
	// ErrHashMismatch reports received bytes that do not hash to the
	// requested content address: the peer sent wrong data, discard it.
	ErrHashMismatch = errors.New("received blob does not match its content address")
	// ErrRemote reports that the serving peer failed for its own reasons.
	ErrRemote = errors.New("peer failed to serve the blob")
	// ErrDenied reports that the serving peer does not let this node read
	// the blob: only peers party to a job read its data.
	ErrDenied = errors.New("peer refused to serve the blob to this node")
)

// BlobSource is where ServeBlobs reads blobs from (store.Blobs satisfies it).
type BlobSource interface {
	// Open returns a reader over the blob with address c and its size in
	// bytes; the caller closes the reader. If c is absent the error must wrap
	// fs.ErrNotExist.
	Open(c wire.CID) (io.ReadCloser, int64, error)
}

// Access decides which peer may read which blob (*access.Registry).
type Access interface {
	// Allowed reports whether peer p may read blob c.
	Allowed(p peer.ID, c wire.CID) bool
}

// Block exchange wire format on ProtoData, after multistream negotiation:
//
//	requester -> server: one message (uvarint length + CID string); close write
//	server -> requester: one status byte, then
//	  statusOK:       uvarint size, then exactly size raw bytes; close
//	  statusNotFound: nothing; close
//	  statusFailed:   one message with a short reason; close
//	  statusDenied:   one message with a short reason; close
//
// The raw bytes carry no per-chunk framing, so the exchange runs at the
// speed of a bare stream.
const (
	statusOK       byte = 0
	statusNotFound byte = 1
	statusFailed   byte = 2
	statusDenied   byte = 3

	maxCIDLen    = 256
	maxReasonLen = 1024
	copyBufSize  = 256 << 10
)

var copyBufPool = sync.Pool{New: func() any { b := make([]byte, copyBufSize); return &b }}

// ServeBlobs answers ProtoData requests from src, for the blobs acc lets
// the requesting peer read (a nil acc lets no one read anything). A
// refusal does not say whether the blob is here. A transfer that makes no
// progress for the host's idle timeout is reset.
func (d *Host) ServeBlobs(src BlobSource, acc Access) {
	d.Handle(ProtoData, func(ctx context.Context, s *Stream) {
		_ = s.SetDeadline(time.Now().Add(d.idle))
		req, err := s.ReadMsg(maxCIDLen)
		if err != nil {
			d.log.Debug("bad blob request", "peer", s.Remote(), "err", err)
			_ = s.Reset()
			return
		}
		if acc == nil || !acc.Allowed(s.Remote(), wire.CID(req)) {
			d.log.Debug("blob refused: peer not party to its job", "peer", s.Remote(), "cid", string(req))
			_ = refuse(s, statusDenied, "this node serves a job's data only to the peers taking part in it")
			return
		}
		if err := d.serveBlob(s, src, wire.CID(req)); err != nil {
			d.log.Debug("serve blob", "peer", s.Remote(), "cid", string(req), "err", err)
			_ = s.Reset()
		}
	})
}

func (d *Host) serveBlob(s *Stream, src BlobSource, c wire.CID) error {
	if _, err := wire.ParseCID(string(c)); err != nil {
		return refuse(s, statusFailed, "bad content address")
	}
	r, size, err := src.Open(c)
	if errors.Is(err, fs.ErrNotExist) {
		return refuse(s, statusNotFound, "")
	}
	if err != nil {
		d.log.Warn("cannot open blob for a peer", "cid", c, "peer", s.Remote(), "err", err)
		return refuse(s, statusFailed, "blob unavailable")
	}
	defer r.Close()
	if size < 0 {
		return refuse(s, statusFailed, "blob unavailable")
	}

	var hdr [1 + maxUvarintLen]byte
	hdr[0] = statusOK
	if _, err := s.Write(binary.AppendUvarint(hdr[:1], uint64(size))); err != nil {
		return err
	}
	bp := copyBufPool.Get().(*[]byte)
	defer copyBufPool.Put(bp)
	buf := *bp
	for left := size; left > 0; {
		n, err := io.ReadFull(r, buf[:min(int64(len(buf)), left)])
		if n > 0 {
			_ = s.SetWriteDeadline(time.Now().Add(d.idle))
			if _, werr := s.Write(buf[:n]); werr != nil {
				return werr
			}
			metrics.DataOut(int64(n))
			left -= int64(n)
		}
		if err != nil && left > 0 {
			return fmt.Errorf("read blob %s: %d bytes short of its size %d: %w", c, left, size, err)
		}
	}
	return s.Close()
}

func refuse(s *Stream, status byte, reason string) error {
	if _, err := s.Write([]byte{status}); err != nil {
		return err
	}
	if status == statusFailed || status == statusDenied {
		if err := s.WriteMsg([]byte(reason)); err != nil {
			return err
		}
	}
	return s.Close()
}

// FetchBlob downloads blob c from p into w and returns its size. At most
// maxSize bytes are accepted (ErrTooLarge before any byte is written, when
// the peer announces more). The content is hashed as it streams and checked
// against c at the end (ErrHashMismatch), so w may already hold bytes when
// an error is returned: write to a temporary file and discard it on error.
// ErrNotFound means p does not have c. A transfer that makes no progress
// for the host's idle timeout fails; ctx bounds the whole transfer. If p
// is reachable only through a relay, FetchBlob waits a few seconds for a
// direct connection first (see openData).
func (d *Host) FetchBlob(ctx context.Context, p peer.ID, c wire.CID, w io.Writer, maxSize int64) (int64, error) {
	if _, err := wire.ParseCID(string(c)); err != nil {
		return 0, fmt.Errorf("fetch blob %q: %w", c, err)
	}
	if maxSize < 0 {
		maxSize = 0
	}
	s, err := d.openData(ctx, p)
	if err != nil {
		return 0, fmt.Errorf("fetch blob %s: %w", c, err)
	}
	n, err := d.fetch(s, c, w, maxSize)
	metrics.DataIn(n)
	if err != nil {
		_ = s.Reset()
		if s.s.Conn().Stat().Limited {
			err = fmt.Errorf("%w (over a relayed connection: the relay may have cut it at its limits, 10 min and 64 MiB by default)", err)
		}
		return n, fmt.Errorf("fetch blob %s from %s: %w", c, p, err)
	}
	_ = s.Close()
	return n, nil
}

func (d *Host) fetch(s *Stream, c wire.CID, w io.Writer, maxSize int64) (int64, error) {
	if err := s.WriteMsg([]byte(c)); err != nil {
		return 0, err
	}
	if err := s.CloseWrite(); err != nil {
		return 0, err
	}
	_ = s.SetReadDeadline(time.Now().Add(d.idle))
	status, err := s.r.ReadByte()
	if err != nil {
		return 0, s.wrap("read blob status", unexpected(err))
	}
	switch status {
	case statusOK:
	case statusNotFound:
		return 0, ErrNotFound
	case statusFailed:
		reason, err := s.ReadMsg(maxReasonLen)
		if err != nil {
			return 0, fmt.Errorf("%w (no reason given: %v)", ErrRemote, err)
		}
		return 0, fmt.Errorf("%w: %q", ErrRemote, reason)
	case statusDenied:
		reason, _ := s.ReadMsg(maxReasonLen)
		return 0, fmt.Errorf("%w: %q", ErrDenied, reason)
	default:
		return 0, fmt.Errorf("unknown blob status %d from peer (incompatible Deco version?)", status)
	}
	size, err := readUvarint(s.r)
	if err != nil {
		return 0, s.wrap("read blob size", unexpected(err))
	}
	if size > uint64(maxSize) {
		return 0, fmt.Errorf("%w: peer announces %d bytes, limit %d", ErrTooLarge, size, maxSize)
	}

	got, sum, err := copyVerify(s, w, int64(size), d.idle)
	if err != nil {
		return got, err
	}
	if sum != c {
		return got, fmt.Errorf("%w: got %s", ErrHashMismatch, sum)
	}
	return got, nil
}

// pipelineDepth is how many copy buffers a transfer has in flight.
const pipelineDepth = 4

// copyVerify copies exactly size bytes from s to w and returns how many
// reached w and the content address of what was read. Hashing and writing
// run on a second goroutine so that they overlap with reading from the
// network (and, when w is a file, with the disk). A read that makes no
// progress for idle fails.
func copyVerify(s *Stream, w io.Writer, size int64, idle time.Duration) (int64, wire.CID, error) {
	free := make(chan *[]byte, pipelineDepth)
	for range pipelineDepth {
		free <- copyBufPool.Get().(*[]byte)
	}
	type chunk struct {
		bp *[]byte
		n  int
	}
	full := make(chan chunk, pipelineDepth)
	h := wire.NewHasher()
	var (
		written  int64
		writeErr error
		failed   atomic.Bool
		done     = make(chan struct{})
	)
	go func() {
		defer close(done)
		for c := range full {
			b := (*c.bp)[:c.n]
			if writeErr == nil {
				_, _ = h.Write(b)
				if _, err := w.Write(b); err != nil {
					writeErr = fmt.Errorf("write blob: %w", err)
					failed.Store(true)
				} else {
					written += int64(c.n)
				}
			}
			free <- c.bp
		}
	}()

	var readErr error
	for got := int64(0); got < size && !failed.Load(); {
		bp := <-free
		buf := (*bp)[:min(int64(len(*bp)), size-got)]
		n, err := readFull(s, buf, idle) // whole buffers: fewer hand-offs
		if n > 0 {
			full <- chunk{bp, n}
			got += int64(n)
		} else {
			free <- bp
		}
		if err != nil && got < size {
			readErr = s.wrap(fmt.Sprintf("read blob (%d of %d bytes)", got, size), unexpected(err))
			break
		}
	}
	close(full)
	<-done
	for range pipelineDepth {
		copyBufPool.Put(<-free)
	}
	switch {
	case writeErr != nil:
		return written, "", writeErr
	case readErr != nil:
		return written, "", readErr
	}
	return written, h.Sum(), nil
}

// readFull fills buf from s within idle (a buffer is 256 KiB, so a peer
// must send at least that much per idle period). It stops early only on an
// error.
func readFull(s *Stream, buf []byte, idle time.Duration) (int, error) {
	_ = s.SetReadDeadline(time.Now().Add(idle))
	n := 0
	for n < len(buf) {
		k, err := s.r.Read(buf[n:])
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// unexpected turns a clean end of stream into io.ErrUnexpectedEOF: the peer
// hung up before sending what it owed.
func unexpected(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
