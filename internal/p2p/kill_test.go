package p2p

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"testing"
)

const helperEnv = "DECO_P2P_TEST_HELPER"

// TestHelperPeer is not a test: TestKilledPeer runs the test binary again
// with helperEnv set, and this function then acts as a separate peer
// process, until its stdin closes or it is killed.
func TestHelperPeer(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("helper process for TestKilledPeer")
	}
	h := newHost(t, Config{ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}})
	h.Handle(ProtoStatus, blockingHandler(make(chan struct{}, 1)))
	fmt.Println(h.Addrs()[0])
	_, _ = io.Copy(io.Discard, os.Stdin)
}

func TestKilledPeer(t *testing.T) {
	if os.Getenv(helperEnv) == "1" {
		t.Skip("running as the helper")
	}
	ctx := testCtx(t)
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestHelperPeer$")
	cmd.Env = append(os.Environ(), helperEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe() // closing it (or our exit) ends the helper
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var addr string
	select {
	case addr = <-lines:
	case <-ctx.Done():
		t.Fatal("helper peer did not start")
	}
	if addr == "" {
		t.Fatal("helper peer printed no address")
	}

	client := newHost(t, Config{})
	if err := client.Connect(ctx, addr); err != nil {
		t.Fatal(err)
	}
	pid := client.Peers()[0].ID
	s, err := client.Open(ctx, pid, ProtoStatus)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WriteMsg([]byte("status?")); err != nil {
		t.Fatal(err)
	}
	if m, err := s.ReadMsg(100); err != nil || string(m) != "ready" {
		t.Fatalf("ReadMsg: %q, %v", m, err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.ReadMsg(100)
		done <- err
	}()
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("ReadMsg after the peer was killed: %v, want a stream error", err)
		}
		t.Logf("pending read after kill -9: %v", err)
	case <-ctx.Done():
		t.Fatal("ReadMsg still blocked after the peer process was killed")
	}
}
