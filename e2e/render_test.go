package e2e

import (
	"bytes"
	"encoding/json"
	"image"
	"image/draw"
	"image/png"
	"path/filepath"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/examples/kernel"
)

// TestRenderWorkload: the rendering use case on a 2-provider devnet. Two
// committed jobs run side by side: render.yaml (a still picture in 8 tiles)
// and animate.yaml (a 12-frame camera orbit, one frame per task). The
// assembled picture and every frame equal the ray tracer run natively here
// (examples/kernel), pixel for pixel.
func TestRenderWorkload(t *testing.T) {
	start := time.Now()
	dir, _ := startDevnet(t, 2)
	up := time.Since(start)
	still := submitJob(t, dir, filepath.Join(jobsDir(), "render.yaml"))
	anim := submitJob(t, dir, filepath.Join(jobsDir(), "animate.yaml"))

	// The still picture: tiles stitched, compared with one native render.
	sj, results := finish(t, dir, still, 3*time.Minute)
	var tiles []examples.TileFile
	for _, tk := range sj.Tasks {
		tiles = append(tiles, examples.TileFile{JSON: output(t, results, tk.Index, "tile.json"), PNG: output(t, results, tk.Index, "tile.png")})
	}
	img, err := examples.Assemble(tiles)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if want := kernel.RenderBand(b.Dx(), b.Dy(), 0, b.Dy(), 1); !bytes.Equal(nrgba(img).Pix, want.Pix) {
		t.Fatalf("the assembled %dx%d picture differs from a native render", b.Dx(), b.Dy())
	}

	// The animation: every frame is the native frame.
	aj, results := finish(t, dir, anim, 3*time.Minute)
	var fw, fh int
	for _, tk := range aj.Tasks {
		var m struct{ Frame, Frames, Width, Height, Samples int }
		if err := json.Unmarshal(output(t, results, tk.Index, "frame.json"), &m); err != nil {
			t.Fatalf("frame %d: frame.json: %v", tk.Index, err)
		}
		if m.Frame != tk.Index || m.Frames != len(aj.Tasks) {
			t.Fatalf("task %d rendered frame %d of %d, want %d of %d", tk.Index, m.Frame, m.Frames, tk.Index, len(aj.Tasks))
		}
		got, err := png.Decode(bytes.NewReader(output(t, results, tk.Index, "frame.png")))
		if err != nil {
			t.Fatalf("frame %d: %v", tk.Index, err)
		}
		fw, fh = m.Width, m.Height
		want := kernel.RenderFrame(m.Width, m.Height, 0, m.Height, m.Samples, m.Frame, m.Frames)
		if g := nrgba(got); g.Bounds() != want.Bounds() || !bytes.Equal(g.Pix, want.Pix) {
			t.Fatalf("frame %d differs from a native render (checksums %016x, native %016x)", tk.Index, kernel.Checksum(g), kernel.Checksum(want))
		}
	}
	t.Logf("devnet up in %s; still %dx%d in %d tiles took %s; %d frames of %dx%d took %s; test wall time %s",
		up.Round(time.Millisecond), b.Dx(), b.Dy(), len(sj.Tasks), sj.EndedAt.Sub(sj.CreatedAt).Round(time.Millisecond),
		len(aj.Tasks), fw, fh, aj.EndedAt.Sub(aj.CreatedAt).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// nrgba converts a decoded image (opaque PNGs decode as RGBA) to NRGBA,
// the ray tracer's format, exactly.
func nrgba(img image.Image) *image.NRGBA {
	if n, ok := img.(*image.NRGBA); ok {
		return n
	}
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(out, out.Bounds(), img, b.Min, draw.Src)
	return out
}
