package examples

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/deco-network/deco/examples/kernel"
)

// tiles renders an image natively as n bands, the way n render tasks would.
func tiles(t *testing.T, width, height, n int) []TileFile {
	t.Helper()
	var out []TileFile
	for i := 0; i < n; i++ {
		y0, y1 := kernel.Band(i, n, height)
		var p bytes.Buffer
		if err := png.Encode(&p, kernel.RenderBand(width, height, y0, y1, 1)); err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(TileMeta{Tile: i, Tiles: n, Y0: y0, Y1: y1, Width: width, Height: height})
		out = append(out, TileFile{JSON: j, PNG: p.Bytes()})
	}
	return out
}

func TestAssembleMatchesFullRender(t *testing.T) {
	const w, h, n = 64, 37, 5 // bands of unequal height
	ts := tiles(t, w, h, n)
	ts[0], ts[3] = ts[3], ts[0] // order must not matter
	img, err := Assemble(ts)
	if err != nil {
		t.Fatal(err)
	}
	want := kernel.RenderBand(w, h, 0, h, 1)
	got := image.NewNRGBA(img.Bounds())
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			got.Set(x, y, img.At(x, y))
		}
	}
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Fatal("assembled image differs from a full render")
	}
}

func TestAssembleErrors(t *testing.T) {
	const w, h, n = 16, 12, 3
	good := tiles(t, w, h, n)
	meta := func(m TileMeta) []byte { b, _ := json.Marshal(m); return b }
	tests := []struct {
		name  string
		tiles func() []TileFile
		want  string
	}{
		{"none", func() []TileFile { return nil }, "no tiles"},
		{"missing", func() []TileFile { return good[:2] }, "need all"},
		{"duplicate", func() []TileFile { return []TileFile{good[0], good[1], good[1]} }, "tile 2 is missing or duplicated"},
		{"bad json", func() []TileFile {
			ts := append([]TileFile(nil), good...)
			ts[1].JSON = []byte("{")
			return ts
		}, "tile.json #1"},
		{"bad png", func() []TileFile {
			ts := append([]TileFile(nil), good...)
			ts[2].PNG = []byte("not a png")
			return ts
		}, "tile 2 image"},
		{"other render", func() []TileFile {
			ts := append([]TileFile(nil), good...)
			ts[1].JSON = meta(TileMeta{Tile: 1, Tiles: n, Y0: 4, Y1: 8, Width: w + 1, Height: h})
			return ts
		}, "different render"},
		{"gap", func() []TileFile {
			ts := append([]TileFile(nil), good...)
			ts[1].JSON = meta(TileMeta{Tile: 1, Tiles: n, Y0: 5, Y1: 8, Width: w, Height: h})
			return ts
		}, "expected to start at row 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Assemble(tt.tiles())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestBandsCoverImage(t *testing.T) {
	for _, c := range []struct{ n, height int }{{1, 480}, {8, 480}, {7, 480}, {5, 5}, {3, 100}} {
		next := 0
		for i := 0; i < c.n; i++ {
			y0, y1 := kernel.Band(i, c.n, c.height)
			if y0 != next || y1 <= y0 {
				t.Fatalf("n=%d height=%d: band %d is %d-%d, expected to start at %d", c.n, c.height, i, y0, y1, next)
			}
			next = y1
		}
		if next != c.height {
			t.Fatalf("n=%d height=%d: bands end at %d", c.n, c.height, next)
		}
	}
}

func TestEmbeddedModules(t *testing.T) {
	for name, m := range map[string][]byte{"render": RenderWASM(), "hello": HelloWASM(), "kernel": KernelWASM()} {
		if len(m) < 8 || string(m[:4]) != "\x00asm" {
			t.Errorf("%s: embedded bytes are not a WebAssembly module", name)
		}
	}
}
