package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/zk"
)

// DemoSummary is written to DIR/summary.json.
type DemoSummary struct {
	Job              string         `json:"job"`
	State            string         `json:"state"`
	Tasks            int            `json:"tasks"`
	Providers        int            `json:"providers"`
	ProvidersUsed    map[string]int `json:"providers_used"`
	ReceiptsVerified int            `json:"receipts_verified"`
	Retries          int            `json:"retries"`
	Image            string         `json:"image"`
	Width            int            `json:"width"`
	Height           int            `json:"height"`
	Timings          struct {
		NetworkUpMs int64   `json:"network_up_ms"`
		JobMs       int64   `json:"job_ms"`
		TotalMs     int64   `json:"total_ms"`
		TaskMeanMs  float64 `json:"task_mean_ms"`
		TaskMaxMs   int64   `json:"task_max_ms"`
	} `json:"timings"`
	OutputRoots []string         `json:"output_roots"`
	Payment     *api.PaymentView `json:"payment,omitempty"`
	// ZK is the demo's zk job (absent with --no-zk or --no-chain).
	ZK *DemoZK `json:"zk,omitempty"`
}

// DemoZK is the demo's zk job: tasks proved with gnark and paid on chain
// by the escrow against each proof.
type DemoZK struct {
	Job      string           `json:"job"`
	State    string           `json:"state"`
	Circuit  string           `json:"circuit"`
	Tasks    int              `json:"tasks"`
	Settled  int              `json:"settled"`
	Outputs  []string         `json:"outputs"` // each task's proven out
	JobMs    int64            `json:"job_ms"`
	Payment  *api.PaymentView `json:"payment,omitempty"`
	Skipped  string           `json:"skipped,omitempty"` // why it did not run
	SetupNew bool             `json:"setup_new"`         // keys were set up this run (cached in DIR/zk after)
}

// demoCircuit is the circuit of the demo's zk job (set up at a small
// size; its keys are cached in DIR/zk, so only the first demo pays for
// the setup).
const demoCircuit = "mimc-chain/8"

func newDemoCmd(g *globals) *cobra.Command {
	var (
		providers, tiles, width, height, samples int
		out                                      string
		noChain, noZK                            bool
	)
	cmd := &cobra.Command{
		Use:   "demo [--providers N] [--out DIR]",
		Short: "Start an in-process network and render a ray-traced image, one tile per task",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			w := cmd.ErrOrStderr()
			t0 := time.Now()
			fmt.Fprintf(w, "Starting a network: 1 consumer + %d providers on loopback...\n", providers)
			keys := zk.Cache{Dir: filepath.Join(out, "zk")}
			if abs, err := filepath.Abs(keys.Dir); err == nil {
				keys.Dir = abs
			}
			c, err := inproc.Start(ctx, inproc.Options{Providers: providers, Chain: !noChain, ZKKeys: keys.Dir})
			if err != nil {
				return err
			}
			defer c.Close()
			up := time.Since(t0)
			fmt.Fprintf(w, "Network up in %s. Submitting a %dx%d render as %d tiles.\n", up.Round(time.Millisecond), width, height, tiles)
			ref, err := c.Client.PutBlob(ctx, bytes.NewReader(examples.RenderWASM()))
			if err != nil {
				return err
			}
			j := spec.Job{Name: "demo-render", Program: spec.Program{CID: ref.CID, Size: ref.Size},
				Tasks: spec.Tasks{Count: tiles, Args: []string{"--tile", "{{index}}", "--tiles", "{{count}}",
					"--width", strconv.Itoa(width), "--height", strconv.Itoa(height), "--samples", strconv.Itoa(samples)}},
				Timeout: spec.Duration(5 * time.Minute)}
			j.Defaults()
			t1 := time.Now()
			job, err := c.Client.Submit(ctx, j)
			if err != nil {
				return err
			}
			final, err := waitJob(ctx, c.Client, string(job.ID), w, true)
			if err != nil {
				return err
			}
			jobTime := time.Since(t1)
			if final.State != api.JobCompleted {
				return &ExitError{Code: 1, Err: fmt.Errorf("render job %s: %s", final.State, final.Reason)}
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return err
			}
			tilesDir := filepath.Join(out, "tiles")
			os.RemoveAll(tilesDir)
			if err := download(ctx, c.Client, final, tilesDir); err != nil {
				return err
			}
			img, err := assemble(tilesDir, final)
			if err != nil {
				return err
			}
			pngPath := filepath.Join(out, "render.png")
			f, err := os.Create(pngPath)
			if err != nil {
				return err
			}
			if err := png.Encode(f, img); err != nil {
				f.Close()
				return err
			}
			f.Close()
			s := DemoSummary{Job: string(final.ID), State: string(final.State), Tasks: len(final.Tasks), Providers: providers,
				ProvidersUsed: map[string]int{}, Image: pngPath, Width: img.Bounds().Dx(), Height: img.Bounds().Dy()}
			var sum float64
			for _, t := range final.Tasks {
				s.ProvidersUsed[t.Provider]++
				if t.Receipt != nil && t.State == api.TaskVerified {
					s.ReceiptsVerified++
				}
				s.Retries += len(t.Attempts) - 1
				sum += float64(t.DurationMs)
				s.Timings.TaskMaxMs = max(s.Timings.TaskMaxMs, t.DurationMs)
				s.OutputRoots = append(s.OutputRoots, string(t.OutputRoot))
			}
			if !noChain && !noZK {
				s.ZK = demoZK(cmd, c, keys)
			}
			if !noChain {
				// Providers redeem their vouchers as they shut down; then the
				// escrow shows what went where.
				c.StopProviders()
				if v, err := c.Client.Job(ctx, string(final.ID)); err == nil && v.Payment != nil {
					s.Payment = v.Payment
				}
			}
			s.Timings.NetworkUpMs, s.Timings.JobMs, s.Timings.TotalMs = up.Milliseconds(), jobTime.Milliseconds(), time.Since(t0).Milliseconds()
			s.Timings.TaskMeanMs = sum / float64(len(final.Tasks))
			b, _ := json.MarshalIndent(s, "", "  ")
			if err := os.WriteFile(filepath.Join(out, "summary.json"), b, 0o644); err != nil {
				return err
			}
			if ok, err := g.emit(cmd.OutOrStdout(), s); ok {
				return err
			}
			printDemo(cmd.OutOrStdout(), s, out)
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&providers, "providers", 3, "provider nodes")
	f.IntVar(&tiles, "tiles", 8, "tiles (tasks)")
	f.IntVar(&width, "width", 640, "image width")
	f.IntVar(&height, "height", 480, "image height")
	f.IntVar(&samples, "samples", 1, "samples per pixel")
	f.StringVar(&out, "out", "deco-demo", "output directory")
	f.BoolVar(&noChain, "no-chain", false, "skip payments (no embedded chain) and the zk job")
	f.BoolVar(&noZK, "no-zk", false, "skip the zk job (3 tasks of "+demoCircuit+" proved with gnark and paid on proof by the escrow)")
	addOutputFlag(cmd, g)
	return cmd
}

// printDemo prints the demo's summary s for a reader; outDir holds
// summary.json.
func printDemo(o io.Writer, s DemoSummary, outDir string) {
	fmt.Fprintf(o, "\nRendered %s (%dx%d) from %d tiles.\n", s.Image, s.Width, s.Height, s.Tasks)
	fmt.Fprintf(o, "  receipts verified: %d/%d (EIP-712, signed by each provider's EVM key; attestation: software)\n", s.ReceiptsVerified, s.Tasks)
	fmt.Fprintf(o, "  providers used:    %d of %d\n", len(s.ProvidersUsed), s.Providers)
	peers := make([]string, 0, len(s.ProvidersUsed))
	for p := range s.ProvidersUsed {
		peers = append(peers, p)
	}
	sort.Strings(peers)
	for _, p := range peers {
		fmt.Fprintf(o, "    %s: %d tiles\n", shortPeer(p), s.ProvidersUsed[p])
	}
	if p := s.Payment; p != nil {
		fmt.Fprintf(o, "  payments:          %s DECO deposited in escrow %s; %s paid by vouchers, %s redeemed on chain; the unspent %s returns to the consumer after %s (deadline + grace)\n",
			p.Deposit, shortPeer(p.Escrow), p.Spent, p.Redeemed, p.Deposit-p.Spent, p.RefundAt.Local().Format("15:04:05"))
	}
	if z := s.ZK; z != nil && z.Skipped != "" {
		fmt.Fprintf(o, "  zk job:            skipped: %s\n", z.Skipped)
	} else if z != nil {
		fmt.Fprintf(o, "  zk job:            %s, %d tasks proving %s (Groth16): %s in %s\n", shortPeer(z.Job), z.Tasks, z.Circuit, z.State, millis(z.JobMs))
		if p := z.Payment; p != nil {
			fmt.Fprintf(o, "                     %d of %d settled on chain by their providers with settleWithProof at %s DECO each (the escrow verified every proof; no vouchers)\n", z.Settled, z.Tasks, p.PerTask)
		}
	}
	fmt.Fprintf(o, "  timings:           network up %s, job %s, mean task %.0fms\n", millis(s.Timings.NetworkUpMs), millis(s.Timings.JobMs), s.Timings.TaskMeanMs)
	fmt.Fprintf(o, "  summary:           %s\n", filepath.Join(outDir, "summary.json"))
}

// millis turns a summary's milliseconds back into a duration, for printing.
func millis(v int64) time.Duration { return time.Duration(v) * time.Millisecond }

// assemble stitches the downloaded band tiles into one image.
func assemble(dir string, j *api.JobView) (image.Image, error) {
	var tiles []examples.TileFile
	for _, t := range j.Tasks {
		td := filepath.Join(dir, strconv.Itoa(t.Index), "outputs")
		meta, err := os.ReadFile(filepath.Join(td, "tile.json"))
		if err != nil {
			return nil, fmt.Errorf("tile %d: %w", t.Index, err)
		}
		img, err := os.ReadFile(filepath.Join(td, "tile.png"))
		if err != nil {
			return nil, fmt.Errorf("tile %d: %w", t.Index, err)
		}
		tiles = append(tiles, examples.TileFile{JSON: meta, PNG: img})
	}
	return examples.Assemble(tiles)
}

// demoZK runs the demo's zk job on cluster c: it sets up demoCircuit (once
// per key cache) and registers its verifier in the escrow, then submits 3
// tasks, waits for them and for their settlement on chain. The verifier
// contract is compiled into the binary, so this needs nothing beside it;
// a failure skips the zk job with the reason, the render stands.
func demoZK(cmd *cobra.Command, c *inproc.Cluster, keys zk.Cache) *DemoZK {
	ctx, w := cmd.Context(), cmd.ErrOrStderr()
	z := &DemoZK{Circuit: demoCircuit}
	circuit, err := zk.Lookup(demoCircuit)
	if err != nil {
		z.Skipped = err.Error()
		return z
	}
	if _, err := keys.Load(circuit); err != nil {
		z.SetupNew = true
		fmt.Fprintf(w, "Setting up the zk circuit %s (trusted setup, once: keys are kept in %s)...\n", demoCircuit, keys.Dir)
	}
	if err := c.SetupCircuits(ctx, demoCircuit); err != nil {
		z.Skipped = "zk setup: " + err.Error()
		return z
	}
	const tasks = 3
	fmt.Fprintf(w, "Submitting a zk job: %d tasks, each proves out = MiMC⁸(seed) for its seed; the escrow pays each on its proof.\n", tasks)
	t0 := time.Now()
	j := spec.Job{Name: "demo-zk", Tasks: spec.Tasks{Count: tasks},
		Circuit: &spec.Circuit{Name: demoCircuit, Set: map[string]string{"seed": "{{index}}", "n": "8"}}}
	j.Defaults()
	job, err := c.Client.Submit(ctx, j)
	if err != nil {
		z.Skipped = "submit: " + err.Error()
		return z
	}
	final, err := waitJob(ctx, c.Client, string(job.ID), w, true)
	if err != nil {
		z.Skipped = "wait: " + err.Error()
		return z
	}
	z.JobMs = time.Since(t0).Milliseconds()
	final = waitSettled(ctx, c.Client, final, w, true)
	z.Job, z.State, z.Tasks, z.Payment = string(final.ID), string(final.State), len(final.Tasks), final.Payment
	if p := final.Payment; p != nil {
		z.Settled = len(p.Settled)
	}
	for _, t := range final.Tasks {
		out := ""
		for _, e := range t.Outputs.Entries {
			if e.Path == "result.json" {
				var b bytes.Buffer
				if err := c.Client.GetBlob(ctx, e.CID, &b); err == nil {
					var r struct {
						Public map[string]string `json:"public"`
					}
					if json.Unmarshal(b.Bytes(), &r) == nil {
						out = r.Public["out"]
					}
				}
			}
		}
		z.Outputs = append(z.Outputs, out)
	}
	return z
}
