package kernel

import (
	"image"
	"math"
)

// RenderFrame renders rows [y0, y1) of frame `frame` of a `frames`-frame
// animation: the camera circles the scene once around the vertical axis
// through the look-at point, keeping the still picture's height and
// distance. Like RenderBand it is a pure function of its arguments, so a
// frame rendered under WebAssembly matches one rendered natively pixel for
// pixel.
func RenderFrame(width, height, y0, y1, samples, frame, frames int) *image.NRGBA {
	if samples < 1 {
		samples = 1
	}
	s := newScene()
	orbitCentre := vec{0, 0.8, 0.4} // the still picture's look-at point
	a := 2 * math.Pi * float64(frame) / float64(max(frames, 1))
	off := s.eye.sub(orbitCentre)
	sin, cos := math.Sincos(a)
	s.eye = orbitCentre.add(vec{off.x*cos - off.z*sin, off.y, off.x*sin + off.z*cos})
	s.fwd = orbitCentre.sub(s.eye).norm()
	s.right = vec{0, 1, 0}.cross(s.fwd).norm()
	s.up = s.fwd.cross(s.right)
	img := image.NewNRGBA(image.Rect(0, 0, width, y1-y0))
	for y := y0; y < y1; y++ {
		for x := 0; x < width; x++ {
			img.SetNRGBA(x, y-y0, s.pixel(x, y, width, height, samples))
		}
	}
	return img
}
