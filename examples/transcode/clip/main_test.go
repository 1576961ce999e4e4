package main

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/deco-network/deco/examples/transcode/video"
)

// TestSynthThenJoin: synth cuts the clip into segments that hold every
// frame once, in order; join puts transcoded segments back together.
func TestSynthThenJoin(t *testing.T) {
	in := t.TempDir()
	if err := synth([]string{"--frames", "10", "--segments", "3", "--width", "16", "--height", "12", in}); err != nil {
		t.Fatal(err)
	}
	results := t.TempDir()
	next := 0
	for s := 0; s < 3; s++ {
		f, err := os.Open(filepath.Join(in, "segment-"+strconv.Itoa(s)+".y4m"))
		if err != nil {
			t.Fatal(err)
		}
		frames, err := video.ReadY4M(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var small []*image.RGBA
		for _, fr := range frames {
			if !bytes.Equal(fr.Y, video.Synth(next, 16, 12).Y) {
				t.Fatalf("segment %d holds the wrong frame where frame %d belongs", s, next)
			}
			next++
			small = append(small, video.Half(fr))
		}
		var g bytes.Buffer
		if err := video.EncodeGIF(&g, small, 4); err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(results, strconv.Itoa(s), "outputs")
		os.MkdirAll(dir, 0o755)
		if err := os.WriteFile(filepath.Join(dir, "segment.gif"), g.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if next != 10 {
		t.Fatalf("the segments hold %d frames, want 10", next)
	}
	out := filepath.Join(t.TempDir(), "clip.gif")
	if err := join([]string{results, out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
}
