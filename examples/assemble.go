package examples

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"sort"
)

// TileMeta is the render example's /outputs/tile.json.
type TileMeta struct {
	Tile   int `json:"tile"`
	Tiles  int `json:"tiles"`
	Y0     int `json:"y0"`
	Y1     int `json:"y1"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

// TileFile is one render task's outputs: the bytes of tile.json and
// tile.png.
type TileFile struct {
	JSON []byte
	PNG  []byte
}

// Assemble stitches the bands of a render job into the full image. Every
// tile of the job must be present exactly once, and all must agree on the
// image size; the error says which tile is missing or malformed.
func Assemble(tiles []TileFile) (image.Image, error) {
	if len(tiles) == 0 {
		return nil, fmt.Errorf("assemble: no tiles")
	}
	metas := make([]TileMeta, len(tiles))
	for i, t := range tiles {
		if err := json.Unmarshal(t.JSON, &metas[i]); err != nil {
			return nil, fmt.Errorf("assemble: tile.json #%d: %w", i, err)
		}
	}
	first := metas[0]
	if first.Width < 1 || first.Height < 1 || first.Tiles != len(tiles) {
		return nil, fmt.Errorf("assemble: got %d tiles of a %dx%d image split in %d; need all of them", len(tiles), first.Width, first.Height, first.Tiles)
	}
	order := make([]int, len(tiles))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return metas[order[a]].Tile < metas[order[b]].Tile })

	full := image.NewNRGBA(image.Rect(0, 0, first.Width, first.Height))
	next := 0 // the row the next band must start at
	for want, i := range order {
		m := metas[i]
		switch {
		case m.Width != first.Width || m.Height != first.Height || m.Tiles != first.Tiles:
			return nil, fmt.Errorf("assemble: tile %d is from a different render (%dx%d in %d tiles)", m.Tile, m.Width, m.Height, m.Tiles)
		case m.Tile != want:
			return nil, fmt.Errorf("assemble: tile %d is missing or duplicated", want)
		case m.Y0 != next || m.Y1 <= m.Y0 || m.Y1 > m.Height:
			return nil, fmt.Errorf("assemble: tile %d covers rows %d-%d, expected to start at row %d", m.Tile, m.Y0, m.Y1, next)
		}
		img, err := png.Decode(bytes.NewReader(tiles[i].PNG))
		if err != nil {
			return nil, fmt.Errorf("assemble: tile %d image: %w", m.Tile, err)
		}
		if b := img.Bounds(); b.Dx() != m.Width || b.Dy() != m.Y1-m.Y0 {
			return nil, fmt.Errorf("assemble: tile %d image is %dx%d, expected %dx%d", m.Tile, b.Dx(), b.Dy(), m.Width, m.Y1-m.Y0)
		}
		draw.Draw(full, image.Rect(0, m.Y0, m.Width, m.Y1), img, img.Bounds().Min, draw.Src)
		next = m.Y1
	}
	if next != first.Height {
		return nil, fmt.Errorf("assemble: the tiles cover rows 0-%d of %d", next, first.Height)
	}
	return full, nil
}
