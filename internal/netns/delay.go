package netns

import (
	"context"
	"net"
	"sync"
	"time"
)

// DialFunc opens a connection (Host.DialContext, net.Dialer.DialContext).
type DialFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Delay serves l until it is closed: every connection accepted is
// forwarded to target (opened with dial), and every chunk of bytes is
// held for delay before it is passed on, in each direction. It stands in
// for netem's delay, which many kernels lack: put it in a path (listen in
// one host with Host.Listen, dial from another) to add delay one way
// (2×delay round trip) without changing bandwidth. Memory is bounded:
// at most 256 chunks of 32 KiB wait per direction.
func Delay(l net.Listener, dial DialFunc, target string, delay time.Duration) {
	for {
		in, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer in.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			out, err := dial(ctx, "tcp", target)
			cancel()
			if err != nil {
				return
			}
			defer out.Close()
			var wg sync.WaitGroup
			wg.Go(func() { delayCopy(out, in, delay) })
			wg.Go(func() { delayCopy(in, out, delay) })
			wg.Wait()
		}()
	}
}

type chunk struct {
	at   time.Time
	data []byte
}

// delayCopy copies src to dst, each chunk written delay after it was
// read, then half-closes dst (or closes it) when src ends.
func delayCopy(dst, src net.Conn, delay time.Duration) {
	queue := make(chan chunk, 256)
	go func() {
		defer close(queue)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				queue <- chunk{time.Now(), buf[:n]}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range queue {
		time.Sleep(time.Until(c.at.Add(delay))) // the delay itself, not synchronisation
		if _, err := dst.Write(c.data); err != nil {
			src.Close() // unblocks the reader; the rest is dropped
			for range queue {
			}
			return
		}
	}
	if cw, ok := dst.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
	} else {
		dst.Close()
	}
}
