package video

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/color/palette"
	"image/draw"
	"image/gif"
	"io"
	"strconv"
	"strings"
)

// MaxSide bounds a Y4M frame's width and height, so a hostile header
// cannot make a reader allocate without limit.
const MaxSide = 8192

// ErrFormat is returned for input that is not a 4:2:0 Y4M stream.
var ErrFormat = errors.New("not a 4:2:0 YUV4MPEG2 (Y4M) stream")

// ReadY4M decodes every frame of a 4:2:0 Y4M stream.
func ReadY4M(r io.Reader) ([]*image.YCbCr, error) {
	br := bufio.NewReader(r)
	header, err := br.ReadString('\n')
	if err != nil {
		return nil, fmt.Errorf("%w: no header line: %v", ErrFormat, err)
	}
	fields := strings.Fields(header)
	if len(fields) == 0 || fields[0] != "YUV4MPEG2" {
		return nil, fmt.Errorf("%w: header %q", ErrFormat, strings.TrimSpace(header))
	}
	w, h := 0, 0
	for _, f := range fields[1:] {
		switch f[0] {
		case 'W':
			w, _ = strconv.Atoi(f[1:])
		case 'H':
			h, _ = strconv.Atoi(f[1:])
		case 'C':
			if !strings.HasPrefix(f, "C420") {
				return nil, fmt.Errorf("%w: colour space %s (convert to 4:2:0 first, e.g. ffmpeg -pix_fmt yuv420p)", ErrFormat, f)
			}
		case 'I':
			if f != "Ip" && f != "I?" {
				return nil, fmt.Errorf("%w: interlaced (%s)", ErrFormat, f)
			}
		}
	}
	if w < 2 || h < 2 || w > MaxSide || h > MaxSide || w%2 != 0 || h%2 != 0 {
		return nil, fmt.Errorf("%w: frame size %dx%d (even, 2 to %d)", ErrFormat, w, h, MaxSide)
	}
	var frames []*image.YCbCr
	for {
		line, err := br.ReadString('\n')
		if err == io.EOF && line == "" {
			return frames, nil
		}
		if err != nil || !strings.HasPrefix(line, "FRAME") {
			return nil, fmt.Errorf("%w: frame %d: bad FRAME line %q", ErrFormat, len(frames), line)
		}
		f := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
		for _, plane := range [][]byte{f.Y, f.Cb, f.Cr} {
			if _, err := io.ReadFull(br, plane); err != nil {
				return nil, fmt.Errorf("%w: frame %d is cut short: %v", ErrFormat, len(frames), err)
			}
		}
		frames = append(frames, f)
	}
}

// WriteY4M encodes 4:2:0 frames of one size as a Y4M stream at fps frames
// per second.
func WriteY4M(w io.Writer, frames []*image.YCbCr, fps int) error {
	if len(frames) == 0 {
		return errors.New("write y4m: no frames")
	}
	b := frames[0].Rect
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "YUV4MPEG2 W%d H%d F%d:1 Ip A1:1 C420jpeg\n", b.Dx(), b.Dy(), fps)
	for i, f := range frames {
		if f.Rect != b || f.SubsampleRatio != image.YCbCrSubsampleRatio420 || f.YStride != b.Dx() || f.CStride != b.Dx()/2 {
			return fmt.Errorf("write y4m: frame %d is not a %dx%d 4:2:0 frame like the first", i, b.Dx(), b.Dy())
		}
		bw.WriteString("FRAME\n")
		bw.Write(f.Y)
		bw.Write(f.Cb)
		bw.Write(f.Cr)
	}
	return bw.Flush()
}

// Synth returns frame i of a deterministic test clip of w×h (both even):
// a colour gradient drifting sideways and a disc bouncing across it, so
// that every frame differs and scaling errors show.
func Synth(i, w, h int) *image.YCbCr {
	f := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	cx := bounce(i*7, w)
	cy := bounce(i*5+h/3, h)
	r := min(w, h) / 6
	rgb := func(x, y int) (uint8, uint8, uint8) {
		dx, dy := x-cx, y-cy
		if dx*dx+dy*dy <= r*r {
			return 250, 220, uint8(40 + 4*i%200)
		}
		return uint8((x + 3*i) * 255 / (w + 3*i)), uint8(y * 255 / h), uint8((x + y + 8*i) % 256)
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			yy, cb, cr := color.RGBToYCbCr(rgb(x, y))
			f.Y[f.YOffset(x, y)] = yy
			if x%2 == 0 && y%2 == 0 {
				f.Cb[f.COffset(x, y)], f.Cr[f.COffset(x, y)] = cb, cr
			}
		}
	}
	return f
}

// bounce moves a point back and forth over [0, n).
func bounce(t, n int) int {
	t %= 2 * (n - 1)
	if t >= n {
		return 2*(n-1) - t
	}
	return t
}

// Half converts f to RGB at half its width and height: each output pixel
// is the rounded mean of the 2×2 block of full-resolution pixels it
// covers.
func Half(f *image.YCbCr) *image.RGBA {
	b := f.Rect
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	for y := 0; y < b.Dy()/2; y++ {
		for x := 0; x < b.Dx()/2; x++ {
			var sr, sg, sb int
			for k := 0; k < 4; k++ {
				px, py := b.Min.X+2*x+k%2, b.Min.Y+2*y+k/2
				c := f.YCbCrAt(px, py)
				r, g, bl := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
				sr, sg, sb = sr+int(r), sg+int(g), sb+int(bl)
			}
			i := out.PixOffset(x, y)
			out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = uint8((sr+2)/4), uint8((sg+2)/4), uint8((sb+2)/4), 255
		}
	}
	return out
}

// EncodeGIF writes frames as an animated GIF, delay hundredths of a
// second each, in the Plan 9 palette with Floyd–Steinberg dithering.
func EncodeGIF(w io.Writer, frames []*image.RGBA, delay int) error {
	if len(frames) == 0 {
		return errors.New("encode gif: no frames")
	}
	g := &gif.GIF{}
	for _, f := range frames {
		p := image.NewPaletted(f.Bounds(), palette.Plan9)
		draw.FloydSteinberg.Draw(p, f.Bounds(), f, f.Bounds().Min)
		g.Image = append(g.Image, p)
		g.Delay = append(g.Delay, delay)
	}
	return gif.EncodeAll(w, g)
}

// Join concatenates animated GIF segments, in order, into one animation;
// frames are copied as they are (no second quantization).
func Join(segments [][]byte) ([]byte, error) {
	all := &gif.GIF{}
	for i, s := range segments {
		g, err := gif.DecodeAll(bytes.NewReader(s))
		if err != nil {
			return nil, fmt.Errorf("join: segment %d: %w", i, err)
		}
		if len(all.Image) > 0 && (g.Config.Width != all.Config.Width || g.Config.Height != all.Config.Height) {
			return nil, fmt.Errorf("join: segment %d is %dx%d, the first is %dx%d", i, g.Config.Width, g.Config.Height, all.Config.Width, all.Config.Height)
		}
		if len(all.Image) == 0 {
			all.Config = g.Config
		}
		all.Image = append(all.Image, g.Image...)
		all.Delay = append(all.Delay, g.Delay...)
	}
	var out bytes.Buffer
	if err := gif.EncodeAll(&out, all); err != nil {
		return nil, fmt.Errorf("join: %w", err)
	}
	return out.Bytes(), nil
}
