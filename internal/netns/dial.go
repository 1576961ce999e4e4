package netns

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// Do runs f inside h: sockets f creates belong to h (its loopback, its
// interfaces and routes), not to the test process's namespace. A socket
// belongs to the namespace of the thread that created it, so f runs on a
// locked OS thread switched into h and back after; f must not start
// goroutines that create sockets (they run on other threads).
func (h *Host) Do(f func() error) error {
	res := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		self, err := os.Open("/proc/thread-self/ns/net")
		if err != nil {
			runtime.UnlockOSThread()
			res <- err
			return
		}
		defer self.Close()
		target, err := os.Open("/run/netns/" + h.NS)
		if err != nil {
			runtime.UnlockOSThread()
			res <- fmt.Errorf("namespace of %s: %w", h.Name, err)
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			runtime.UnlockOSThread()
			res <- fmt.Errorf("enter namespace of %s: %w", h.Name, err)
			return
		}
		ferr := f()
		if err := unix.Setns(int(self.Fd()), unix.CLONE_NEWNET); err != nil {
			// The thread stays in h: leave it locked, so it ends with this
			// goroutine instead of serving others.
			res <- fmt.Errorf("leave namespace of %s: %w", h.Name, err)
			return
		}
		runtime.UnlockOSThread()
		res <- ferr
	}()
	return <-res
}

// DialContext opens a connection from inside h (see Do). addr must be a
// numeric address: a name lookup would run on other threads.
func (h *Host) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	var c net.Conn
	err := h.Do(func() (err error) {
		var d net.Dialer
		c, err = d.DialContext(ctx, network, addr)
		return err
	})
	if err != nil && c != nil {
		c.Close()
		c = nil
	}
	return c, err
}

// Listen listens inside h (see Do): on h's loopback or its addresses.
func (h *Host) Listen(network, addr string) (net.Listener, error) {
	var l net.Listener
	err := h.Do(func() (err error) {
		l, err = net.Listen(network, addr)
		return err
	})
	if err != nil && l != nil {
		l.Close()
		l = nil
	}
	return l, err
}

// HTTPClient is an HTTP client whose connections start inside h, for a
// service listening on h's loopback (a node's API).
func (h *Host) HTTPClient() *http.Client {
	return &http.Client{Transport: &http.Transport{DialContext: h.DialContext}}
}
