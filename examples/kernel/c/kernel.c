/* kernel.c: the kernel benchmark (../doc.go) in C: the same ray tracer,
 * scene and checksum as kernel.go, line for line, so `deco bench kernel`
 * can compare native code with WebAssembly on code a C compiler made
 * (Go's wasm backend makes code wazero cannot make fast).
 *
 *   kernel --width 160 --height 120 --repeat 10   # prints the checksum
 *
 * Built natively by the benchmark at run time (clang -O2) and for
 * wasm32-wasi by examples/gen.go (clang --target=wasm32-wasi -O2). */
#include <math.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4
#define SHADOW_SAMPLES 16
#define RING 12
#define NSPHERES (5 + RING)

typedef struct { double x, y, z; } vec;

static inline vec v(double x, double y, double z) { vec r = {x, y, z}; return r; }
static inline vec add(vec a, vec b) { return v(a.x + b.x, a.y + b.y, a.z + b.z); }
static inline vec sub(vec a, vec b) { return v(a.x - b.x, a.y - b.y, a.z - b.z); }
static inline vec scale(vec a, double s) { return v(a.x * s, a.y * s, a.z * s); }
static inline double dot(vec a, vec b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static inline vec cross(vec a, vec b) {
	return v(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
static inline vec norm(vec a) { return scale(a, 1 / sqrt(dot(a, a))); }
static inline double maxf(double a, double b) { return a > b ? a : b; }
static inline double minf(double a, double b) { return a < b ? a : b; }

typedef struct {
	vec color;
	double specular; /* strength of the highlight */
	int shine;       /* highlight exponent */
	double reflect;  /* 0 = matte, 1 = mirror */
} material;

typedef struct { vec center; double radius; material mat; } sphere;

typedef struct {
	vec pos;
	double intensity;
	double radius; /* > 0: a disc light casting soft shadows */
} light;

typedef struct {
	sphere spheres[NSPHERES];
	light lights[2];
	vec eye, fwd, right, up, sun_dir;
} scene;

/* hue returns a saturated colour for h in [0,1). */
static double hue_channel(double n, double h) {
	double k = fmod(n + h * 6, 6);
	return 0.9 - 0.8 * maxf(0, minf(minf(k, 4 - k), 1));
}
static vec hue(double h) { return v(hue_channel(5, h), hue_channel(3, h), hue_channel(1, h)); }

static void new_scene(scene *s) {
	static const sphere fixed[5] = {
		{{0, 1.2, 0}, 1.2, {{0.95, 0.95, 0.97}, 0.9, 80, 0.8}},
		{{-2.4, 0.8, 0.9}, 0.8, {{0.85, 0.15, 0.12}, 0.5, 40, 0.1}},
		{{2.3, 0.9, 0.7}, 0.9, {{0.15, 0.3, 0.85}, 0.6, 60, 0.3}},
		{{1.05, 0.4, -1.7}, 0.4, {{0.95, 0.75, 0.25}, 0.8, 100, 0.5}},
		{{-1.0, 0.35, -1.9}, 0.35, {{0.2, 0.75, 0.3}, 0.4, 30, 0.05}},
	};
	memcpy(s->spheres, fixed, sizeof fixed);
	s->lights[0] = (light){{-6, 7, 3}, 0.9, 1.0};
	s->lights[1] = (light){{5, 4, -6}, 0.3, 0};
	for (int i = 0; i < RING; i++) {
		double a = 2 * M_PI * (double)i / RING;
		s->spheres[5 + i] = (sphere){v(3.6 * cos(a), 0.25, 3.6 * sin(a) + 0.8), 0.25,
			{hue((double)i / RING), 0.7, 50, 0.2}};
	}
	s->eye = v(0, 2.1, -6.2);
	s->fwd = norm(sub(v(0, 0.8, 0.4), s->eye));
	s->right = norm(cross(v(0, 1, 0), s->fwd));
	s->up = cross(s->fwd, s->right);
	s->sun_dir = norm(s->lights[0].pos);
}

/* hit finds the nearest intersection along o + t*d (d normalised) with t
 * in (eps, max_t); *kind: -1 none, -2 floor, else sphere index. */
static double hit(const scene *s, vec o, vec d, double max_t, int *kind) {
	const double eps = 1e-4;
	double t = max_t;
	*kind = -1;
	if (d.y < 0) {
		double ft = -o.y / d.y;
		if (ft > eps && ft < t) {
			t = ft;
			*kind = -2;
		}
	}
	for (int i = 0; i < NSPHERES; i++) {
		const sphere *sp = &s->spheres[i];
		vec oc = sub(o, sp->center);
		double b = dot(oc, d);
		double c = dot(oc, oc) - sp->radius * sp->radius;
		double disc = b * b - c;
		if (disc < 0) {
			continue;
		}
		double sq = sqrt(disc);
		double st = -b - sq;
		if (st <= eps) {
			st = -b + sq;
		}
		if (st > eps && st < t) {
			t = st;
			*kind = i;
		}
	}
	return t;
}

/* visibility returns the fraction of light l seen from p. */
static double visibility(const scene *s, vec p, const light *l, vec ld, double dist) {
	int k;
	if (l->radius == 0) {
		hit(s, p, ld, dist, &k);
		return k != -1 ? 0 : 1;
	}
	vec u = cross(ld, v(0, 1, 0));
	if (dot(u, u) < 1e-9) {
		u = v(1, 0, 0);
	}
	u = norm(u);
	vec w = cross(ld, u);
	int seen = 0;
	for (int i = 0; i < SHADOW_SAMPLES; i++) {
		double r = l->radius * sqrt(((double)i + 0.5) / SHADOW_SAMPLES);
		double a = (double)i * 2.399963229728653; /* golden angle */
		vec q = add(add(l->pos, scale(u, r * cos(a))), scale(w, r * sin(a)));
		vec to = sub(q, p);
		double qd = sqrt(dot(to, to));
		hit(s, p, scale(to, 1 / qd), qd, &k);
		if (k == -1) {
			seen++;
		}
	}
	return (double)seen / SHADOW_SAMPLES;
}

static vec sky(const scene *s, vec d) {
	double h = sqrt(maxf(0, d.y));
	vec base = add(scale(v(0.8, 0.87, 0.97), 1 - h), scale(v(0.12, 0.3, 0.75), h));
	double sun = maxf(0, dot(d, s->sun_dir));
	double glow = sun * sun * sun * sun;
	glow *= glow * glow * glow; /* ^16 */
	return add(base, scale(v(1, 0.9, 0.7), 0.6 * glow));
}

/* ipow returns x**n by repeated squaring. */
static double ipow(double x, int n) {
	double r = 1.0;
	while (n > 0) {
		if (n & 1) {
			r *= x;
		}
		x *= x;
		n >>= 1;
	}
	return r;
}

static vec trace(const scene *s, vec o, vec d, int depth) {
	int kind;
	double t = hit(s, o, d, INFINITY, &kind);
	if (kind == -1) {
		return sky(s, d);
	}
	vec p = add(o, scale(d, t));
	vec n;
	material m;
	if (kind == -2) {
		n = v(0, 1, 0);
		m = (material){{0.9, 0.9, 0.88}, 0.2, 20, 0.15};
		if ((((int)floor(p.x)) + ((int)floor(p.z))) & 1) {
			m.color = v(0.18, 0.2, 0.24);
		}
	} else {
		const sphere *sp = &s->spheres[kind];
		n = scale(sub(p, sp->center), 1 / sp->radius);
		m = sp->mat;
	}
	vec col = scale(m.color, 0.12); /* ambient */
	for (int i = 0; i < 2; i++) {
		const light *l = &s->lights[i];
		vec to_l = sub(l->pos, p);
		double dist = sqrt(dot(to_l, to_l));
		vec ld = scale(to_l, 1 / dist);
		double ndl = dot(n, ld);
		if (ndl <= 0) {
			continue;
		}
		double lit = visibility(s, p, l, ld, dist);
		if (lit == 0) {
			continue; /* in shadow */
		}
		col = add(col, scale(m.color, ndl * l->intensity * lit));
		vec r = sub(scale(n, 2 * ndl), ld);
		double sp = -dot(r, d);
		if (sp > 0) {
			col = add(col, scale(v(1, 1, 1), lit * m.specular * l->intensity * ipow(sp, m.shine)));
		}
	}
	if (m.reflect > 0 && depth < MAX_DEPTH) {
		vec r = sub(d, scale(n, 2 * dot(d, n)));
		col = add(scale(col, 1 - m.reflect), scale(trace(s, p, r, depth + 1), m.reflect));
	}
	if (kind == -2) { /* fade the floor into the sky far away */
		double f = minf(1, t / 45);
		col = add(scale(col, 1 - f), scale(sky(s, d), f));
	}
	return col;
}

/* tone maps linear light to 8-bit with gamma 2. */
static uint8_t tone(double x) {
	x = sqrt(maxf(0, minf(1, x)));
	return (uint8_t)(x * 255 + 0.5);
}

/* render draws a width x height RGBA image of the scene, one sample per
 * pixel, into pix. */
static void render(uint8_t *pix, int width, int height) {
	scene s;
	new_scene(&s);
	const double aspect = (double)width / (double)height, fov = 0.62;
	for (int y = 0; y < height; y++) {
		for (int x = 0; x < width; x++) {
			double u = (2 * ((double)x + 0.5) / (double)width - 1) * aspect * fov;
			double w = (1 - 2 * ((double)y + 0.5) / (double)height) * fov;
			vec d = norm(add(add(s.fwd, scale(s.right, u)), scale(s.up, w)));
			vec c = trace(&s, s.eye, d, 0);
			uint8_t *px = pix + 4 * ((size_t)y * (size_t)width + (size_t)x);
			px[0] = tone(c.x);
			px[1] = tone(c.y);
			px[2] = tone(c.z);
			px[3] = 255;
		}
	}
}

/* checksum is FNV-1a over the pixels, as kernel.Checksum. */
static uint64_t checksum(const uint8_t *pix, size_t n) {
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= pix[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int flag(int argc, char **argv, const char *name, int def) {
	for (int i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], name) == 0) {
			return atoi(argv[i + 1]);
		}
	}
	return def;
}

int main(int argc, char **argv) {
	int width = flag(argc, argv, "--width", 160), height = flag(argc, argv, "--height", 120),
	    repeat = flag(argc, argv, "--repeat", 1);
	if (width < 1 || height < 1 || repeat < 0 || width > 1 << 14 || height > 1 << 14) {
		fprintf(stderr, "kernel: --width and --height must be 1-16384 and --repeat not negative\n");
		return 2;
	}
	/* Deco stops a guest through its own WASI sched_yield import (see
	 * internal/exec/wasm/interrupt.go): a module without one runs on
	 * wazero's slower checks. Calling it once imports it. */
	sched_yield();
	size_t n = 4 * (size_t)width * (size_t)height;
	uint64_t sum = 0;
	for (int i = 0; i < repeat; i++) {
		uint8_t *pix = malloc(n);
		if (!pix) {
			fprintf(stderr, "kernel: out of memory\n");
			return 1;
		}
		render(pix, width, height);
		sum = checksum(pix, n);
		free(pix);
	}
	printf("checksum %016llx\n", (unsigned long long)sum);
	return 0;
}
