package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
)

// binary is the deco built for the tests; zkKeys the zk key cache every
// devnet of the run shares.
var binary, zkKeys string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "deco-e2e-bin-")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "deco")
	zkKeys = filepath.Join(dir, "zk") // one key cache for every devnet: circuits are set up once
	cmd := exec.Command("go", "build", "-o", binary, "./cmd/deco")
	cmd.Dir = repoRoot()
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build deco:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func repoRoot() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}

type devnetFile struct {
	Nodes []struct {
		Name   string   `json:"name"`
		Roles  []string `json:"roles"`
		API    string   `json:"api"`
		Token  string   `json:"token"`
		PeerID string   `json:"peer_id"`
		DID    string   `json:"did"`
		EVM    string   `json:"evm_address"`
		Home   string   `json:"home"`
		PID    int      `json:"pid"`
		Malice string   `json:"malice"`
	} `json:"nodes"`
}

// devnet starts `deco devnet` and waits for devnet.json.
func startDevnet(t *testing.T, providers int, extra ...string) (string, devnetFile) {
	t.Helper()
	dir := t.TempDir()
	if os.Getenv("DECO_E2E_KEEP") != "" {
		// Keep the nodes' homes and logs after the test for a post-mortem.
		var err error
		if dir, err = os.MkdirTemp("", "deco-e2e-devnet-"); err != nil {
			t.Fatal(err)
		}
		t.Logf("devnet kept in %s (DECO_E2E_KEEP)", dir)
	}
	args := append([]string{"devnet", "--providers", fmt.Sprint(providers), "--dir", dir, "--zk-keys", zkKeys}, extra...)
	cmd := exec.Command(binary, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	})
	// The zk circuits are set up once per run, before the nodes start:
	// minutes on a CI machine shared with other builds.
	deadline := time.After(6 * time.Minute)
	for {
		b, err := os.ReadFile(filepath.Join(dir, "devnet.json"))
		if err == nil {
			var d devnetFile
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			return dir, d
		}
		select {
		case err := <-done:
			t.Fatalf("devnet exited early: %v\n%s", err, out.String())
		case <-deadline:
			t.Fatalf("devnet not ready in 6m:\n%s", out.String())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// deco runs the CLI against the devnet and returns stdout.
func deco(t *testing.T, devnet string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = append(os.Environ(), "DECO_DEVNET="+devnet, "DECO_API=", "DECO_TOKEN=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String(), fmt.Errorf("deco %s: %v\nstderr: %s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String(), nil
}

func describe(t *testing.T, devnet, id string) api.JobView {
	t.Helper()
	out, err := deco(t, devnet, "job", "describe", id, "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var j api.JobView
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("describe output: %v\n%s", err, out)
	}
	return j
}

// waitFor polls cond until it is true or the deadline passes.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond) // polling interval, not synchronisation
	}
}
