package localcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// The check policy's verdicts (market.RunChecker, answered by
// market.Judged): the job's checker program runs here, in the same
// sandbox as a task, on a result whose outputs this node stored after
// paying for them. It sees the task's args and env, the task's inputs at
// /inputs and a copy of the provider's outputs at /outputs, so a checker
// can neither change the stored blobs nor reach anything else.

// maxChecker bounds the checker module read from the store.
const maxChecker = 1 << 30

// maxReason bounds the checker's stderr kept as a rejection's reason.
const maxReason = 300

// Answer carries out a CheckLocal or a RunChecker and returns the event to
// step into the market (Checked or Judged); any other action gives nil.
func (c *Checker) Answer(ctx context.Context, a market.Action) market.Event {
	switch a := a.(type) {
	case market.CheckLocal:
		return c.Check(ctx, a)
	case market.RunChecker:
		return c.Judge(ctx, a)
	}
	return nil
}

// Judge runs x's checker on its result's outputs and returns the verdict.
// Exit 0 accepts; another exit code, or the checker stopped at a limit,
// rejects, with the checker's stderr as the reason. A checker that cannot
// run at all (not stored here, not a valid module, the node stopping)
// gives Err: that says nothing about the result.
func (c *Checker) Judge(ctx context.Context, x market.RunChecker) market.Judged {
	out := market.Judged{Task: x.Task, Attempt: x.Attempt}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.run == nil {
		if err := c.start(ctx); err != nil {
			out.Err = err.Error()
			return out
		}
	}
	module, err := c.cfg.Blobs.Get(x.Checker, maxChecker)
	if err != nil {
		out.Err = fmt.Sprintf("checker %s is not in this node's store (%v); upload it with the job (deco job submit does)", x.Checker.Short(), err)
		return out
	}
	dir := filepath.Join(c.cfg.WorkDir, "checker")
	in, outs := filepath.Join(dir, "inputs"), filepath.Join(dir, "outputs")
	os.RemoveAll(dir)
	defer os.RemoveAll(dir)
	if err := c.stage(x, in, outs); err != nil {
		out.Err = err.Error()
		return out
	}
	if len(x.Spec.Inputs) == 0 {
		in = ""
	}
	res, err := c.exec.Run(ctx, exec.Spec{
		Module: module, ModuleID: string(x.Checker), Args: x.Spec.Args, Env: x.Spec.Env,
		InputDir: in, OutputDir: outs, MemoryLimit: x.Spec.MemoryLimit,
		Timeout: time.Duration(x.Spec.TimeoutMs) * time.Millisecond, Seed: x.Spec.Task.Seed(),
		MaxOutputBytes: x.Spec.MaxOutput + 1<<20, Task: x.Spec.Task, Count: x.Spec.Count, Attempt: x.Spec.Attempt,
	})
	switch {
	case err == nil && res.ExitCode == 0:
		out.OK = true
	case err == nil:
		out.Reason = reason(res.Stderr, fmt.Sprintf("the checker exited %d", res.ExitCode))
	case errors.Is(err, exec.ErrTimeLimit), errors.Is(err, exec.ErrMemoryLimit), errors.Is(err, exec.ErrOutputTooLarge):
		// The checker ran on the provider's outputs and did not finish
		// within the job's limits: those outputs did not pass.
		out.Reason = "the checker stopped: " + err.Error()
	default:
		out.Err = err.Error()
	}
	return out
}

// stage puts x's task inputs under in (hard links: read-only mount) and a
// copy of its outputs under outs (the checker's /outputs is writable).
func (c *Checker) stage(x market.RunChecker, in, outs string) error {
	for _, d := range []string{in, outs} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("checker sandbox: %w", err)
		}
	}
	for _, i := range x.Spec.Inputs {
		if err := wire.CheckPath(i.Name); err != nil || filepath.Base(i.Name) != i.Name {
			return fmt.Errorf("input name %q is not a plain file name", i.Name)
		}
		if err := c.copyBlob(i.CID, filepath.Join(in, i.Name), true); err != nil {
			return fmt.Errorf("input %s: %w", i.Name, err)
		}
	}
	for _, e := range x.Outputs.Entries {
		if err := wire.CheckPath(e.Path); err != nil {
			return fmt.Errorf("output %q: %w", e.Path, err)
		}
		p := filepath.Join(outs, filepath.FromSlash(e.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return fmt.Errorf("checker sandbox: %w", err)
		}
		if err := c.copyBlob(e.CID, p, false); err != nil {
			return fmt.Errorf("output %s: %w", e.Path, err)
		}
	}
	return nil
}

// copyBlob writes stored blob cid at path, linked when link (a read-only
// mount cannot change the store) and copied otherwise.
func (c *Checker) copyBlob(cid wire.CID, path string, link bool) error {
	if cid == wire.CIDOf(nil) {
		return os.WriteFile(path, nil, 0o600)
	}
	src, err := c.cfg.Blobs.Path(cid)
	if err != nil {
		return fmt.Errorf("%s is not in this node's store: %w", cid.Short(), err)
	}
	if link && os.Link(src, path) == nil {
		return nil
	}
	r, err := os.Open(src)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, r); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// reason is the checker's stderr as one line of at most maxReason bytes,
// or def when it wrote nothing.
func reason(stderr []byte, def string) string {
	s := strings.Join(strings.Fields(strings.ReplaceAll(string(stderr), "\n", " ; ")), " ")
	s = strings.Trim(s, " ;")
	if s == "" {
		return def
	}
	if len(s) > maxReason {
		s = strings.ToValidUTF8(s[:maxReason], "") + "…"
	}
	return s
}
