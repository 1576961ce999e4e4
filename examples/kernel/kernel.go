package kernel

import (
	"image"
	"image/color"
	"math"
)

// DefaultWidth and DefaultHeight are the image size the render example uses
// when none is given.
const (
	DefaultWidth  = 640
	DefaultHeight = 480
)

// maxDepth bounds reflection bounces.
const maxDepth = 4

type vec struct{ x, y, z float64 }

func (a vec) add(b vec) vec       { return vec{a.x + b.x, a.y + b.y, a.z + b.z} }
func (a vec) sub(b vec) vec       { return vec{a.x - b.x, a.y - b.y, a.z - b.z} }
func (a vec) scale(s float64) vec { return vec{a.x * s, a.y * s, a.z * s} }
func (a vec) mul(b vec) vec       { return vec{a.x * b.x, a.y * b.y, a.z * b.z} }
func (a vec) dot(b vec) float64   { return a.x*b.x + a.y*b.y + a.z*b.z }
func (a vec) cross(b vec) vec {
	return vec{a.y*b.z - a.z*b.y, a.z*b.x - a.x*b.z, a.x*b.y - a.y*b.x}
}
func (a vec) norm() vec { return a.scale(1 / math.Sqrt(a.dot(a))) }

type material struct {
	color    vec
	specular float64 // strength of the highlight
	shine    int     // highlight exponent
	reflect  float64 // 0 = matte, 1 = mirror
}

type sphere struct {
	center vec
	radius float64
	mat    material
}

type light struct {
	pos       vec
	intensity float64
	radius    float64 // > 0: a disc light casting soft shadows
}

// shadowSamples is how many points of a disc light are tested for
// occlusion (stratified, fixed pattern: deterministic soft shadows).
const shadowSamples = 16

// scene is fixed: a checkered floor, a mirror ball flanked by coloured
// spheres, a ring of small rainbow spheres, two lights and a sky gradient.
type scene struct {
	spheres             []sphere
	lights              []light
	eye, fwd, right, up vec
	sunDir              vec
}

func newScene() *scene {
	s := &scene{
		spheres: []sphere{
			{vec{0, 1.2, 0}, 1.2, material{vec{0.95, 0.95, 0.97}, 0.9, 80, 0.8}},
			{vec{-2.4, 0.8, 0.9}, 0.8, material{vec{0.85, 0.15, 0.12}, 0.5, 40, 0.1}},
			{vec{2.3, 0.9, 0.7}, 0.9, material{vec{0.15, 0.3, 0.85}, 0.6, 60, 0.3}},
			{vec{1.05, 0.4, -1.7}, 0.4, material{vec{0.95, 0.75, 0.25}, 0.8, 100, 0.5}},
			{vec{-1.0, 0.35, -1.9}, 0.35, material{vec{0.2, 0.75, 0.3}, 0.4, 30, 0.05}},
		},
		lights: []light{{vec{-6, 7, 3}, 0.9, 1.0}, {vec{5, 4, -6}, 0.3, 0}},
	}
	const ring = 12
	for i := 0; i < ring; i++ {
		a := 2 * math.Pi * float64(i) / ring
		s.spheres = append(s.spheres, sphere{
			center: vec{3.6 * math.Cos(a), 0.25, 3.6*math.Sin(a) + 0.8},
			radius: 0.25,
			mat:    material{hue(float64(i) / ring), 0.7, 50, 0.2},
		})
	}
	s.eye = vec{0, 2.1, -6.2}
	s.fwd = vec{0, 0.8, 0.4}.sub(s.eye).norm()
	s.right = vec{0, 1, 0}.cross(s.fwd).norm()
	s.up = s.fwd.cross(s.right)
	s.sunDir = s.lights[0].pos.norm()
	return s
}

// hue returns a saturated colour for h in [0,1).
func hue(h float64) vec {
	f := func(n float64) float64 {
		k := math.Mod(n+h*6, 6)
		return 0.9 - 0.8*max(0, min(min(k, 4-k), 1))
	}
	return vec{f(5), f(3), f(1)}
}

// hit finds the nearest intersection along the ray o + t*d (d normalised)
// with t in (eps, maxT). kind: -1 none, -2 floor, else sphere index.
func (s *scene) hit(o, d vec, maxT float64) (t float64, kind int) {
	const eps = 1e-4
	t, kind = maxT, -1
	if d.y < 0 {
		if ft := -o.y / d.y; ft > eps && ft < t {
			t, kind = ft, -2
		}
	}
	for i := range s.spheres {
		sp := &s.spheres[i]
		oc := o.sub(sp.center)
		b := oc.dot(d)
		c := oc.dot(oc) - sp.radius*sp.radius
		disc := b*b - c
		if disc < 0 {
			continue
		}
		sq := math.Sqrt(disc)
		st := -b - sq
		if st <= eps {
			st = -b + sq
		}
		if st > eps && st < t {
			t, kind = st, i
		}
	}
	return t, kind
}

// visibility returns the fraction of light l seen from p (ld and dist: the
// direction and distance to its centre).
func (s *scene) visibility(p vec, l light, ld vec, dist float64) float64 {
	if l.radius == 0 {
		if _, k := s.hit(p, ld, dist); k != -1 {
			return 0
		}
		return 1
	}
	// Sample a disc facing p on a fixed sunflower pattern.
	u := ld.cross(vec{0, 1, 0})
	if u.dot(u) < 1e-9 {
		u = vec{1, 0, 0}
	}
	u = u.norm()
	w := ld.cross(u)
	seen := 0
	for i := 0; i < shadowSamples; i++ {
		r := l.radius * math.Sqrt((float64(i)+0.5)/shadowSamples)
		a := float64(i) * 2.399963229728653 // golden angle
		q := l.pos.add(u.scale(r * math.Cos(a))).add(w.scale(r * math.Sin(a)))
		to := q.sub(p)
		qd := math.Sqrt(to.dot(to))
		if _, k := s.hit(p, to.scale(1/qd), qd); k == -1 {
			seen++
		}
	}
	return float64(seen) / shadowSamples
}

func (s *scene) sky(d vec) vec {
	h := math.Sqrt(max(0, d.y))
	base := vec{0.8, 0.87, 0.97}.scale(1 - h).add(vec{0.12, 0.3, 0.75}.scale(h))
	sun := max(0, d.dot(s.sunDir))
	glow := sun * sun * sun * sun
	glow *= glow * glow * glow // ^16
	return base.add(vec{1, 0.9, 0.7}.scale(0.6 * glow))
}

func (s *scene) trace(o, d vec, depth int) vec {
	t, kind := s.hit(o, d, math.Inf(1))
	if kind == -1 {
		return s.sky(d)
	}
	p := o.add(d.scale(t))
	var n vec
	var m material
	if kind == -2 {
		n = vec{0, 1, 0}
		m = material{vec{0.9, 0.9, 0.88}, 0.2, 20, 0.15}
		if (int(math.Floor(p.x))+int(math.Floor(p.z)))&1 != 0 {
			m.color = vec{0.18, 0.2, 0.24}
		}
	} else {
		sp := &s.spheres[kind]
		n = p.sub(sp.center).scale(1 / sp.radius)
		m = sp.mat
	}
	col := m.color.scale(0.12) // ambient
	for _, l := range s.lights {
		toL := l.pos.sub(p)
		dist := math.Sqrt(toL.dot(toL))
		ld := toL.scale(1 / dist)
		ndl := n.dot(ld)
		if ndl <= 0 {
			continue
		}
		lit := s.visibility(p, l, ld, dist)
		if lit == 0 {
			continue // in shadow
		}
		col = col.add(m.color.scale(ndl * l.intensity * lit))
		r := n.scale(2 * ndl).sub(ld)
		if sp := -r.dot(d); sp > 0 {
			col = col.add(vec{1, 1, 1}.scale(lit * m.specular * l.intensity * pow(sp, m.shine)))
		}
	}
	if m.reflect > 0 && depth < maxDepth {
		r := d.sub(n.scale(2 * d.dot(n)))
		col = col.scale(1 - m.reflect).add(s.trace(p, r, depth+1).scale(m.reflect))
	}
	if kind == -2 { // fade the floor into the sky far away
		f := min(1, t/45)
		col = col.scale(1 - f).add(s.sky(d).scale(f))
	}
	return col
}

// pixel renders one pixel of a width x height image with samples samples
// on a stratified grid.
func (s *scene) pixel(x, y, width, height, samples int) color.NRGBA {
	grid := int(math.Ceil(math.Sqrt(float64(samples))))
	aspect := float64(width) / float64(height)
	const fov = 0.62 // tan of half the vertical field of view (≈ 32°)
	var sum vec
	for i := 0; i < samples; i++ {
		jx := (float64(i%grid) + 0.5) / float64(grid)
		jy := (float64(i/grid) + 0.5) / float64(grid)
		if samples == 1 {
			jx, jy = 0.5, 0.5
		}
		u := (2*(float64(x)+jx)/float64(width) - 1) * aspect * fov
		v := (1 - 2*(float64(y)+jy)/float64(height)) * fov
		d := s.fwd.add(s.right.scale(u)).add(s.up.scale(v)).norm()
		sum = sum.add(s.trace(s.eye, d, 0))
	}
	c := sum.scale(1 / float64(samples))
	return color.NRGBA{R: tone(c.x), G: tone(c.y), B: tone(c.z), A: 255}
}

// pow returns x**n by repeated squaring (math.Pow is a costly call, and
// the exponents are small integers).
func pow(x float64, n int) float64 {
	r := 1.0
	for n > 0 {
		if n&1 != 0 {
			r *= x
		}
		x *= x
		n >>= 1
	}
	return r
}

// tone maps linear light to 8-bit with gamma 2.
func tone(v float64) uint8 {
	v = math.Sqrt(max(0, min(1, v)))
	return uint8(v*255 + 0.5)
}

// RenderBand renders rows [y0, y1) of a width x height image of the fixed
// scene with samples samples per pixel. The result's bounds are
// (0,0)-(width, y1-y0). It is a pure function of its arguments.
func RenderBand(width, height, y0, y1, samples int) *image.NRGBA {
	if samples < 1 {
		samples = 1
	}
	s := newScene()
	img := image.NewNRGBA(image.Rect(0, 0, width, y1-y0))
	for y := y0; y < y1; y++ {
		for x := 0; x < width; x++ {
			img.SetNRGBA(x, y-y0, s.pixel(x, y, width, height, samples))
		}
	}
	return img
}

// Band returns the rows [y0, y1) that tile i of n covers in an image of
// the given height: n horizontal bands as equal as possible, in order.
func Band(i, n, height int) (y0, y1 int) {
	return i * height / n, (i + 1) * height / n
}

// Checksum is an FNV-1a hash of the image's pixels, for comparing renders.
func Checksum(img *image.NRGBA) uint64 {
	h := uint64(14695981039346656037)
	for _, b := range img.Pix {
		h ^= uint64(b)
		h *= 1099511628211
	}
	return h
}
