package rounds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/deco-network/deco/examples/train/logreg"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Config is one training run.
type Config struct {
	// Job is one round's spec (examples/jobs/train.yaml): its task count
	// is the number of shards; its inputs are replaced by the shards and
	// the weights.
	Job spec.Job
	// Base is the directory Job.Program.WASM is relative to (unused when
	// the program is given by CID).
	Base   string
	Data   logreg.Data
	Rounds int
	Rate   float64   // learning rate
	Log    io.Writer // one line per round; nil for none
}

// Round is what one round did.
type Round struct {
	Job      string
	Weights  []float64 // the weights the round evaluated
	Next     []float64 // the weights after its step
	Accuracy float64   // at Weights, over the whole data set
	Loss     float64   // mean log-loss at Weights
	Took     time.Duration
}

// poll is how often Train asks the node whether a round's job has ended.
const poll = 200 * time.Millisecond

// Train runs cfg.Rounds rounds on the node c talks to and returns them
// in order. It stops at the first round whose job does not complete,
// with the job's reason.
func Train(ctx context.Context, c *api.Client, cfg Config) ([]Round, error) {
	shards := cfg.Job.Tasks.Count
	switch {
	case cfg.Rounds < 1:
		return nil, errors.New("train: at least one round")
	case len(cfg.Data.Y) < shards:
		return nil, fmt.Errorf("train: %d rows cannot fill %d shards", len(cfg.Data.Y), shards)
	}
	prog := cfg.Job.Program
	if prog.CID == "" {
		path := prog.WASM
		if !filepath.IsAbs(path) {
			path = filepath.Join(cfg.Base, path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("train: program: %w", err)
		}
		ref, err := c.PutBlob(ctx, bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("train: upload %s: %w", path, err)
		}
		prog = spec.Program{CID: ref.CID, Size: ref.Size}
	}
	var inputs []spec.Input
	for i := 0; i < shards; i++ {
		var b bytes.Buffer
		if err := logreg.WriteCSV(&b, cfg.Data.Shard(i, shards)); err != nil {
			return nil, err
		}
		ref, err := c.PutBlob(ctx, &b)
		if err != nil {
			return nil, fmt.Errorf("train: upload shard %d: %w", i, err)
		}
		inputs = append(inputs, spec.Input{Name: "shard.csv", CID: ref.CID, Size: ref.Size, Task: &i})
	}

	w := make([]float64, cfg.Data.Features()+1)
	var out []Round
	for r := 0; r < cfg.Rounds; r++ {
		start := time.Now()
		wb, _ := json.Marshal(w)
		ref, err := c.PutBlob(ctx, bytes.NewReader(wb))
		if err != nil {
			return out, fmt.Errorf("train: round %d: upload weights: %w", r, err)
		}
		j := cfg.Job
		j.Name = fmt.Sprintf("%s-round-%d", cfg.Job.Name, r)
		j.Program = prog
		j.Inputs = append(append([]spec.Input(nil), inputs...), spec.Input{Name: "weights.json", CID: ref.CID, Size: ref.Size})
		total, id, err := runRound(ctx, c, j)
		if err != nil {
			return out, fmt.Errorf("train: round %d: %w", r, err)
		}
		next := logreg.Step(w, total, cfg.Rate)
		rd := Round{Job: id, Weights: w, Next: next, Accuracy: float64(total.Correct) / float64(total.Rows),
			Loss: total.Loss / float64(total.Rows), Took: time.Since(start)}
		out = append(out, rd)
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "round %d: accuracy %.3f, loss %.4f (job %.8s, %s)\n", r, rd.Accuracy, rd.Loss, id, rd.Took.Round(time.Millisecond))
		}
		w = next
	}
	return out, nil
}

// runRound submits one round's job, waits for it and adds up its tasks'
// Partials in task order.
func runRound(ctx context.Context, c *api.Client, j spec.Job) (logreg.Partial, string, error) {
	v, err := c.Submit(ctx, j)
	if err != nil {
		return logreg.Partial{}, "", err
	}
	id := string(v.ID)
	t := time.NewTicker(poll)
	defer t.Stop()
	for !v.State.Terminal() {
		select {
		case <-ctx.Done():
			return logreg.Partial{}, id, fmt.Errorf("job %s still running: %w", id, ctx.Err())
		case <-t.C:
		}
		if v, err = c.Job(ctx, id); err != nil {
			return logreg.Partial{}, id, err
		}
	}
	if v.State != api.JobCompleted {
		return logreg.Partial{}, id, fmt.Errorf("job %s %s: %s", id, v.State, v.Reason)
	}
	parts := make([]logreg.Partial, len(v.Tasks))
	for _, tk := range v.Tasks {
		var cid wire.CID
		for _, e := range tk.Outputs.Entries {
			if e.Path == "partial.json" {
				cid = e.CID
			}
		}
		if cid == "" || tk.Index < 0 || tk.Index >= len(parts) {
			return logreg.Partial{}, id, fmt.Errorf("job %s task %d wrote no partial.json", id, tk.Index)
		}
		var b bytes.Buffer
		if err := c.GetBlob(ctx, cid, &b); err != nil {
			return logreg.Partial{}, id, fmt.Errorf("job %s task %d: %w", id, tk.Index, err)
		}
		if err := json.Unmarshal(b.Bytes(), &parts[tk.Index]); err != nil {
			return logreg.Partial{}, id, fmt.Errorf("job %s task %d: partial.json: %w", id, tk.Index, err)
		}
	}
	return logreg.Sum(parts), id, nil
}
