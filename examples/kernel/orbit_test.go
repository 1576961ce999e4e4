package kernel

import (
	"bytes"
	"testing"
)

// TestRenderFrameBands: a frame rendered in bands is the frame rendered
// whole (tasks may split frames too), and the camera moves between frames.
func TestRenderFrameBands(t *testing.T) {
	const w, h = 48, 36
	whole := RenderFrame(w, h, 0, h, 1, 3, 12)
	var stitched []byte
	for i := 0; i < 3; i++ {
		y0, y1 := Band(i, 3, h)
		stitched = append(stitched, RenderFrame(w, h, y0, y1, 1, 3, 12).Pix...)
	}
	if !bytes.Equal(stitched, whole.Pix) {
		t.Fatal("frame 3 rendered in 3 bands differs from it rendered whole")
	}
	if next := RenderFrame(w, h, 0, h, 1, 4, 12); bytes.Equal(next.Pix, whole.Pix) {
		t.Fatal("frames 3 and 4 of 12 are identical: the camera does not move")
	}
	if same := RenderFrame(w, h, 0, h, 1, 6, 24); !bytes.Equal(same.Pix, RenderFrame(w, h, 0, h, 1, 3, 12).Pix) {
		t.Fatal("frame 6 of 24 differs from frame 3 of 12: the same angle")
	}
}
