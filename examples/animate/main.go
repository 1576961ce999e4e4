package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strconv"

	"github.com/deco-network/deco/examples/guest/deco"
	"github.com/deco-network/deco/examples/kernel"
)

// meta is frame.json.
type meta struct {
	Frame   int `json:"frame"`
	Frames  int `json:"frames"`
	Width   int `json:"width"`
	Height  int `json:"height"`
	Samples int `json:"samples"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "animate:", err)
		os.Exit(1)
	}
}

func run() error {
	frame := flag.Int("frame", envInt("DECO_TASK_INDEX", 0), "index of the frame to render (0-based)")
	frames := flag.Int("frames", envInt("DECO_TASK_COUNT", 1), "number of frames in one orbit of the camera")
	width := flag.Int("width", 320, "frame width in pixels")
	height := flag.Int("height", 240, "frame height in pixels")
	samples := flag.Int("samples", 1, "samples per pixel (anti-aliasing)")
	out := flag.String("out", "/outputs", "directory to write frame.png and frame.json to")
	flag.Parse()

	switch {
	case *width < 1 || *height < 1 || *width > 16384 || *height > 16384:
		return fmt.Errorf("--width and --height must be between 1 and 16384, got %dx%d", *width, *height)
	case *frames < 1:
		return fmt.Errorf("--frames must be at least 1, got %d", *frames)
	case *frame < 0 || *frame >= *frames:
		return fmt.Errorf("--frame must be between 0 and %d, got %d", *frames-1, *frame)
	case *samples < 1 || *samples > 1024:
		return fmt.Errorf("--samples must be between 1 and 1024, got %d", *samples)
	}

	fmt.Printf("rendering frame %d/%d at %dx%d, %d sample(s) per pixel\n", *frame+1, *frames, *width, *height, *samples)
	img := image.NewNRGBA(image.Rect(0, 0, *width, *height))
	const steps = 4
	for s := 0; s < steps; s++ {
		y0, y1 := *height*s/steps, *height*(s+1)/steps
		part := kernel.RenderFrame(*width, *height, y0, y1, *samples, *frame, *frames)
		copy(img.Pix[y0*img.Stride:], part.Pix)
		deco.Progress(1000 * (s + 1) / steps)
	}

	f, err := os.Create(filepath.Join(*out, "frame.png"))
	if err != nil {
		return fmt.Errorf("create frame.png: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode frame.png: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write frame.png: %w", err)
	}
	m, err := json.Marshal(meta{Frame: *frame, Frames: *frames, Width: *width, Height: *height, Samples: *samples})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "frame.json"), append(m, '\n'), 0o644); err != nil {
		return fmt.Errorf("write frame.json: %w", err)
	}
	fmt.Printf("wrote frame.png, checksum %016x\n", kernel.Checksum(img))
	return nil
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
