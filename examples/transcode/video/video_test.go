package video

import (
	"bytes"
	"errors"
	"image"
	"image/gif"
	"testing"
)

func TestY4MRoundTrip(t *testing.T) {
	frames := []*image.YCbCr{Synth(0, 64, 48), Synth(1, 64, 48), Synth(2, 64, 48)}
	var b bytes.Buffer
	if err := WriteY4M(&b, frames, 25); err != nil {
		t.Fatal(err)
	}
	got, err := ReadY4M(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(frames) {
		t.Fatalf("read %d frames, wrote %d", len(got), len(frames))
	}
	for i := range frames {
		if !bytes.Equal(got[i].Y, frames[i].Y) || !bytes.Equal(got[i].Cb, frames[i].Cb) || !bytes.Equal(got[i].Cr, frames[i].Cr) {
			t.Fatalf("frame %d changed in the round trip", i)
		}
	}
	if bytes.Equal(frames[0].Y, frames[1].Y) {
		t.Fatal("consecutive synthetic frames are identical")
	}
}

func TestReadY4MRefuses(t *testing.T) {
	for name, in := range map[string]string{
		"not y4m":    "P6 2 2 255\n",
		"4:4:4":      "YUV4MPEG2 W4 H4 C444\nFRAME\n",
		"odd size":   "YUV4MPEG2 W5 H4 C420jpeg\n",
		"huge":       "YUV4MPEG2 W100000 H100000\n",
		"cut short":  "YUV4MPEG2 W4 H4 C420jpeg\nFRAME\nabc",
		"bad marker": "YUV4MPEG2 W2 H2\nFRAMX\n",
	} {
		if _, err := ReadY4M(bytes.NewReader([]byte(in))); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: err %v, want ErrFormat", name, err)
		}
	}
}

func TestHalfAverages(t *testing.T) {
	f := image.NewYCbCr(image.Rect(0, 0, 4, 2), image.YCbCrSubsampleRatio420)
	for i := range f.Cb {
		f.Cb[i], f.Cr[i] = 128, 128 // grey: RGB = Y
	}
	copy(f.Y, []byte{10, 20, 100, 100, 30, 41, 100, 100})
	h := Half(f)
	if h.Bounds() != image.Rect(0, 0, 2, 1) {
		t.Fatalf("bounds %v", h.Bounds())
	}
	if got := h.RGBAAt(0, 0); got.R != 25 || got.G != 25 || got.B != 25 { // (10+20+30+41)/4 = 25.25
		t.Fatalf("pixel 0 %v, want grey 25", got)
	}
	if got := h.RGBAAt(1, 0); got.R != 100 {
		t.Fatalf("pixel 1 %v, want grey 100", got)
	}
}

func TestJoinKeepsEveryFrame(t *testing.T) {
	var segs [][]byte
	for s := 0; s < 3; s++ {
		var b bytes.Buffer
		if err := EncodeGIF(&b, []*image.RGBA{Half(Synth(2*s, 32, 24)), Half(Synth(2*s+1, 32, 24))}, 4); err != nil {
			t.Fatal(err)
		}
		segs = append(segs, b.Bytes())
	}
	out, err := Join(segs)
	if err != nil {
		t.Fatal(err)
	}
	g, err := gif.DecodeAll(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 6 || g.Config.Width != 16 || g.Config.Height != 12 {
		t.Fatalf("joined %d frames of %dx%d, want 6 of 16x12", len(g.Image), g.Config.Width, g.Config.Height)
	}
	first, _ := gif.DecodeAll(bytes.NewReader(segs[1]))
	if !bytes.Equal(g.Image[2].Pix, first.Image[0].Pix) {
		t.Fatal("segment 1's first frame is not the joined clip's third")
	}
}

// FuzzReadY4M: a task decodes whatever segment it is given; nothing may
// panic or allocate past the header's bounds.
func FuzzReadY4M(f *testing.F) {
	var b bytes.Buffer
	WriteY4M(&b, []*image.YCbCr{Synth(0, 8, 6)}, 25)
	f.Add(b.Bytes())
	f.Add([]byte("YUV4MPEG2 W2 H2 C420\nFRAME\n\x00\x00\x00\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, in []byte) {
		frames, err := ReadY4M(bytes.NewReader(in))
		if err != nil {
			return
		}
		for _, fr := range frames {
			Half(fr)
		}
	})
}
