package main

import (
	"flag"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strconv"

	"github.com/deco-network/deco/examples/transcode/video"
)

const usage = "usage: clip synth [--frames N] [--segments S] [--width W] [--height H] DIR | clip join RESULTS OUT.gif"

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "synth":
		err = synth(os.Args[2:])
	case "join":
		err = join(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q\n%s", os.Args[1], usage)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "clip:", err)
		os.Exit(1)
	}
}

func synth(args []string) error {
	fs := flag.NewFlagSet("synth", flag.ExitOnError)
	frames := fs.Int("frames", 48, "frames in the clip")
	segments := fs.Int("segments", 4, "segments to cut it into (one task each)")
	width := fs.Int("width", 320, "frame width (even)")
	height := fs.Int("height", 240, "frame height (even)")
	fs.Parse(args)
	if fs.NArg() != 1 {
		return fmt.Errorf("synth needs one directory\n%s", usage)
	}
	if *segments < 1 || *frames < *segments || *width < 2 || *height < 2 || *width%2 != 0 || *height%2 != 0 || *width > video.MaxSide || *height > video.MaxSide {
		return fmt.Errorf("synth: need 1 <= segments <= frames and an even size up to %d", video.MaxSide)
	}
	n, k, dir := *frames, *segments, fs.Arg(0)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for s := 0; s < k; s++ {
		var seg []*image.YCbCr
		for i := s * n / k; i < (s+1)*n/k; i++ {
			seg = append(seg, video.Synth(i, *width, *height))
		}
		f, err := os.Create(filepath.Join(dir, "segment-"+strconv.Itoa(s)+".y4m"))
		if err != nil {
			return err
		}
		if err := video.WriteY4M(f, seg, 25); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	fmt.Printf("wrote %d segments of a %d-frame %dx%d clip to %s\n", k, n, *width, *height, dir)
	return nil
}

func join(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("join needs RESULTS and OUT.gif\n%s", usage)
	}
	var segs [][]byte
	for i := 0; ; i++ {
		b, err := os.ReadFile(filepath.Join(args[0], strconv.Itoa(i), "outputs", "segment.gif"))
		if os.IsNotExist(err) && i > 0 {
			break
		}
		if err != nil {
			return err
		}
		segs = append(segs, b)
	}
	out, err := video.Join(segs)
	if err != nil {
		return err
	}
	if err := os.WriteFile(args[1], out, 0o644); err != nil {
		return err
	}
	fmt.Printf("joined %d segments into %s\n", len(segs), args[1])
	return nil
}
