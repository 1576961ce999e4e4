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

	"github.com/deco-network/deco/examples/kernel"
)

// meta is tile.json.
type meta struct {
	Tile   int `json:"tile"`
	Tiles  int `json:"tiles"`
	Y0     int `json:"y0"`
	Y1     int `json:"y1"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "render:", err)
		os.Exit(1)
	}
}

func run() error {
	tile := flag.Int("tile", envInt("DECO_TASK_INDEX", 0), "index of the band to render (0-based)")
	tiles := flag.Int("tiles", envInt("DECO_TASK_COUNT", 1), "number of bands the image is split into")
	width := flag.Int("width", kernel.DefaultWidth, "image width in pixels")
	height := flag.Int("height", kernel.DefaultHeight, "image height in pixels")
	samples := flag.Int("samples", 1, "samples per pixel (anti-aliasing)")
	out := flag.String("out", "/outputs", "directory to write tile.png and tile.json to")
	flag.Parse()

	switch {
	case *width < 1 || *height < 1 || *width > 16384 || *height > 16384:
		return fmt.Errorf("--width and --height must be between 1 and 16384, got %dx%d", *width, *height)
	case *tiles < 1 || *tiles > *height:
		return fmt.Errorf("--tiles must be between 1 and the height (%d), got %d", *height, *tiles)
	case *tile < 0 || *tile >= *tiles:
		return fmt.Errorf("--tile must be between 0 and %d, got %d", *tiles-1, *tile)
	case *samples < 1 || *samples > 1024:
		return fmt.Errorf("--samples must be between 1 and 1024, got %d", *samples)
	}

	y0, y1 := kernel.Band(*tile, *tiles, *height)
	fmt.Printf("rendering tile %d/%d: rows %d-%d of %dx%d, %d sample(s) per pixel\n", *tile+1, *tiles, y0, y1, *width, *height, *samples)
	band := image.NewNRGBA(image.Rect(0, 0, *width, y1-y0))
	const steps = 4
	for s := 0; s < steps; s++ {
		a, b := y0+(y1-y0)*s/steps, y0+(y1-y0)*(s+1)/steps
		part := kernel.RenderBand(*width, *height, a, b, *samples)
		copy(band.Pix[(a-y0)*band.Stride:], part.Pix)
		fmt.Printf("progress %d%%\n", 100*(s+1)/steps)
	}

	if err := writePNG(filepath.Join(*out, "tile.png"), band); err != nil {
		return err
	}
	m, err := json.Marshal(meta{Tile: *tile, Tiles: *tiles, Y0: y0, Y1: y1, Width: *width, Height: *height})
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "tile.json"), append(m, '\n'), 0o644); err != nil {
		return fmt.Errorf("write tile.json: %w", err)
	}
	fmt.Printf("wrote tile.png (%dx%d) and tile.json, checksum %016x\n", *width, y1-y0, kernel.Checksum(band))
	return nil
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("encode %s: %w", path, err)
	}
	return f.Close()
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
