package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/gif"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/deco-network/deco/examples/transcode/video"
	"github.com/deco-network/deco/internal/spec"
)

// TestTranscodeWorkload: the video-transcoding use case on a 2-provider
// devnet. A 48-frame 320x240 clip, made here, is cut into one Y4M segment
// per task of transcode.yaml; each task scales its segment to half size
// and encodes it as an animated GIF. Every segment's frames equal the same
// transcoding done natively here, frame by frame; the joined clip has every
// frame, in order, and each looks like the source frame at half size.
func TestTranscodeWorkload(t *testing.T) {
	start := time.Now()
	dir, _ := startDevnet(t, 2)
	up := time.Since(start)

	// The committed spec, laid out as in the repository beside the module
	// and a freshly made clip.
	tree := t.TempDir()
	yamlBytes, err := os.ReadFile(filepath.Join(jobsDir(), "transcode.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	job, err := spec.Parse(yamlBytes)
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join(repoRoot(), "examples", "transcode", "transcode.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	segDir := filepath.Join(tree, "jobs", "data", "video")
	for _, d := range []string{segDir, filepath.Join(tree, "transcode")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(tree, "jobs", "transcode.yaml"), yamlBytes)
	writeFile(t, filepath.Join(tree, "transcode", "transcode.wasm"), mod)
	const frames, width, height = 48, 320, 240
	segments := job.Tasks.Count
	var source []*image.YCbCr
	for s := 0; s < segments; s++ {
		var seg []*image.YCbCr
		for i := s * frames / segments; i < (s+1)*frames/segments; i++ {
			seg = append(seg, video.Synth(i, width, height))
		}
		source = append(source, seg...)
		var b bytes.Buffer
		if err := video.WriteY4M(&b, seg, 25); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(segDir, fmt.Sprintf("segment-%d.y4m", s)), b.Bytes())
	}

	j, results := finish(t, dir, submitJob(t, dir, filepath.Join(tree, "jobs", "transcode.yaml")), 3*time.Minute)

	// Each segment, frame by frame, is the native transcoding of its input.
	var segs [][]byte
	for _, tk := range j.Tasks {
		got := output(t, results, tk.Index, "segment.gif")
		segs = append(segs, got)
		in, err := os.Open(filepath.Join(segDir, fmt.Sprintf("segment-%d.y4m", tk.Index)))
		if err != nil {
			t.Fatal(err)
		}
		decoded, err := video.ReadY4M(in)
		in.Close()
		if err != nil {
			t.Fatal(err)
		}
		var small []*image.RGBA
		for _, f := range decoded {
			small = append(small, video.Half(f))
		}
		var want bytes.Buffer
		if err := video.EncodeGIF(&want, small, 4); err != nil {
			t.Fatal(err)
		}
		g, w := decodeGIF(t, got), decodeGIF(t, want.Bytes())
		if len(g.Image) != len(w.Image) {
			t.Fatalf("segment %d has %d frames, the native transcoding %d", tk.Index, len(g.Image), len(w.Image))
		}
		for i := range w.Image {
			if g.Image[i].Rect != w.Image[i].Rect || !bytes.Equal(g.Image[i].Pix, w.Image[i].Pix) || !samePalette(g.Image[i], w.Image[i]) || g.Delay[i] != w.Delay[i] {
				t.Fatalf("segment %d frame %d differs from the native transcoding", tk.Index, i)
			}
		}
		var m struct{ Frames, Width, Height int }
		if err := json.Unmarshal(output(t, results, tk.Index, "segment.json"), &m); err != nil || m.Frames != len(decoded) || m.Width != width/2 || m.Height != height/2 {
			t.Fatalf("segment %d: segment.json says %+v (%v), want %d frames of %dx%d", tk.Index, m, err, len(decoded), width/2, height/2)
		}
	}

	// Joined: the whole clip, in order, each frame close to its source
	// frame scaled down here by plain averaging (dithering moves single
	// pixels, not the mean of an 8x8 block).
	joined, err := video.Join(segs)
	if err != nil {
		t.Fatal(err)
	}
	clip := decodeGIF(t, joined)
	if len(clip.Image) != frames || clip.Config.Width != width/2 || clip.Config.Height != height/2 {
		t.Fatalf("joined clip: %d frames of %dx%d, want %d of %dx%d", len(clip.Image), clip.Config.Width, clip.Config.Height, frames, width/2, height/2)
	}
	worst := 0.0
	for i, f := range clip.Image {
		here, next := blockError(source[i], f), blockError(source[(i+frames/2)%frames], f)
		if here > 6 || next < 3*here {
			t.Fatalf("joined frame %d: mean 8x8-block error %.2f against its source frame, %.2f against frame %d", i, here, next, (i+frames/2)%frames)
		}
		worst = max(worst, here)
	}
	t.Logf("%d frames %dx%d -> %dx%d GIF in %d segments (%d KiB of Y4M in, %d KiB of GIF out); worst mean block error %.2f",
		frames, width, height, width/2, height/2, segments, frames*width*height*3/2/1024, len(joined)/1024, worst)
	t.Logf("devnet up in %s; job took %s; test wall time %s", up.Round(time.Millisecond),
		j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func decodeGIF(t *testing.T, b []byte) *gif.GIF {
	t.Helper()
	g, err := gif.DecodeAll(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func samePalette(a, b *image.Paletted) bool {
	if len(a.Palette) != len(b.Palette) {
		return false
	}
	for i := range a.Palette {
		r1, g1, b1, a1 := a.Palette[i].RGBA()
		r2, g2, b2, a2 := b.Palette[i].RGBA()
		if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
			return false
		}
	}
	return true
}

// blockError is the mean, over 8x8 blocks of out and colour channels, of
// the absolute difference between the block's mean in out and in src
// scaled to half size by averaging (with the standard library's colour
// conversion).
func blockError(src *image.YCbCr, out image.Image) float64 {
	b := out.Bounds()
	var total float64
	n := 0
	for by := 0; by+8 <= b.Dy(); by += 8 {
		for bx := 0; bx+8 <= b.Dx(); bx += 8 {
			var s, o [3]int
			for y := by; y < by+8; y++ {
				for x := bx; x < bx+8; x++ {
					for k := 0; k < 4; k++ {
						r, g, bl, _ := src.At(2*x+k%2, 2*y+k/2).RGBA()
						s[0], s[1], s[2] = s[0]+int(r>>8), s[1]+int(g>>8), s[2]+int(bl>>8)
					}
					r, g, bl, _ := out.At(b.Min.X+x, b.Min.Y+y).RGBA()
					o[0], o[1], o[2] = o[0]+4*int(r>>8), o[1]+4*int(g>>8), o[2]+4*int(bl>>8)
				}
			}
			for c := range s {
				d := s[c] - o[c]
				total += float64(max(d, -d)) / 256
			}
			n += 3
		}
	}
	return total / float64(n)
}
