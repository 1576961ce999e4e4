package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestDashboardBrowser drives Debian's chromium (through playwright-core,
// e2e/browser) over the dashboard of a real devnet's consumer node: log in
// with the keyboard, submit the render job through the form, watch the
// task grid reach completed, preview a PNG output, see the wallet move,
// submit hello.yaml through the YAML editor, the same pages at phone
// width, and the banner once the node is stopped.
// Screenshots are kept in DECO_ARTIFACTS/dashboard (default: artifacts/
// at the repository's root, which git ignores, so a CI run keeps them in
// its checkout).
func TestDashboardBrowser(t *testing.T) {
	chromium, script := browserPrereqs(t)
	dir, d := startDevnet(t, 2)
	consumer := -1
	for i, n := range d.Nodes {
		if len(n.Roles) == 1 && n.Roles[0] == "consumer" {
			consumer = i
		}
	}
	if consumer < 0 {
		t.Fatalf("devnet.json in %s lists no consumer-only node", dir)
	}
	node := d.Nodes[consumer]
	artifacts := os.Getenv("DECO_ARTIFACTS")
	if artifacts == "" {
		artifacts = filepath.Join(repoRoot(), "artifacts")
	}
	artifacts = filepath.Join(artifacts, "dashboard")
	t.Logf("screenshots go to %s", artifacts)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", script)
	cmd.Dir = filepath.Dir(script)
	cmd.Env = append(os.Environ(),
		"DECO_URL="+node.API,
		"DECO_TOKEN="+node.Token,
		"DECO_ARTIFACTS="+artifacts,
		"DECO_EXAMPLES="+filepath.Join(repoRoot(), "examples"),
		fmt.Sprintf("DECO_NODE_PID=%d", node.PID),
		"CHROMIUM="+chromium,
	)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	if err != nil {
		t.Fatalf("node %s: %v after %s\n%s\nscreenshots in %s", filepath.Base(script), err, time.Since(start).Round(time.Second), out.String(), artifacts)
	}
	t.Logf("browser run took %s:\n%s", time.Since(start).Round(time.Second), out.String())
}

// browserPrereqs finds chromium and the installed playwright-core; it
// skips without them locally and fails under CI=true.
func browserPrereqs(t *testing.T) (chromium, script string) {
	t.Helper()
	missing := func(what string) {
		msg := what + ": scripts/prereqs.sh installs Debian's chromium and e2e/browser's pinned playwright-core (npm ci)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing("node (Node.js) is not installed")
	}
	chromium = os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "chromium"
	}
	path, err := exec.LookPath(chromium)
	if err != nil {
		missing(fmt.Sprintf("chromium is not installed (%v)", err))
	}
	chromium = path
	browser := filepath.Join(repoRoot(), "e2e", "browser")
	if _, err := os.Stat(filepath.Join(browser, "node_modules", "playwright-core", "package.json")); err != nil {
		missing("e2e/browser/node_modules has no playwright-core")
	}
	return chromium, filepath.Join(browser, "dashboard.mjs")
}
