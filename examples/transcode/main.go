package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"os"
	"path/filepath"

	"github.com/deco-network/deco/examples/guest/deco"
	"github.com/deco-network/deco/examples/transcode/video"
)

// meta is segment.json.
type meta struct {
	Frames int `json:"frames"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "transcode:", err)
		os.Exit(1)
	}
}

func run() error {
	in := flag.String("in", "", "the segment to transcode, a 4:2:0 Y4M file (e.g. /inputs/segment-0.y4m)")
	delay := flag.Int("delay", 4, "hundredths of a second per output frame")
	out := flag.String("out", "/outputs", "directory to write segment.gif and segment.json to")
	flag.Parse()
	if *in == "" {
		return fmt.Errorf("--in FILE is required: the segment this task transcodes")
	}
	if *delay < 1 || *delay > 6000 {
		return fmt.Errorf("--delay must be between 1 and 6000 hundredths of a second, got %d", *delay)
	}
	f, err := os.Open(*in)
	if err != nil {
		return err
	}
	frames, err := video.ReadY4M(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *in, err)
	}
	if len(frames) == 0 {
		return fmt.Errorf("%s holds no frames", *in)
	}
	small := make([]*image.RGBA, len(frames))
	for i, fr := range frames {
		small[i] = video.Half(fr)
		deco.Progress(900 * (i + 1) / len(frames))
	}
	g, err := os.Create(filepath.Join(*out, "segment.gif"))
	if err != nil {
		return err
	}
	if err := video.EncodeGIF(g, small, *delay); err != nil {
		g.Close()
		return err
	}
	if err := g.Close(); err != nil {
		return fmt.Errorf("write segment.gif: %w", err)
	}
	b := small[0].Bounds()
	m, err := json.Marshal(meta{Frames: len(small), Width: b.Dx(), Height: b.Dy()})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "segment.json"), append(m, '\n'), 0o644); err != nil {
		return fmt.Errorf("write segment.json: %w", err)
	}
	fmt.Printf("transcoded %d frames of %dx%d to %dx%d\n", len(frames), 2*b.Dx(), 2*b.Dy(), b.Dx(), b.Dy())
	return nil
}
