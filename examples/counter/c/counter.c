/* counter.c: the counter example (../doc.go) in C, computing the same
 * chain and writing the same /outputs/result.txt.
 *
 * Build: see examples/gen.go (clang --target=wasm32-wasi). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../guest/c/deco.h"

static uint64_t mix(uint64_t x) {
	x += 0x9e3779b97f4a7c15ULL;
	uint64_t z = x;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

int main(int argc, char **argv) {
	if (argc != 3) {
		fprintf(stderr, "usage: counter STEPS WORK\n");
		return 2;
	}
	char *end1, *end2;
	unsigned long long steps = strtoull(argv[1], &end1, 10), work = strtoull(argv[2], &end2, 10);
	if (*end1 || *end2 || steps == 0 || steps > 0xffffffffULL || work > 0xffffffffULL) {
		fprintf(stderr, "counter: STEPS and WORK are whole numbers, STEPS at least 1\n");
		return 2;
	}
	/* state: step then value, little-endian (wasm32 is), as the Go version */
	uint64_t state[2] = {0, 0};
	int32_t n = deco_restore(state, sizeof state);
	if (n < 0) {
		fprintf(stderr, "counter: restore failed (%d)\n", (int)n);
		return 1;
	}
	if (n == (int32_t)sizeof state) {
		fprintf(stderr, "counter: resumed at step %llu of %llu\n", (unsigned long long)state[0], steps);
	} else {
		state[0] = state[1] = 0;
	}
	for (; state[0] < steps;) {
		uint64_t value = state[1];
		for (unsigned long long i = 0; i < work; i++) {
			value = mix(value);
		}
		state[0]++;
		state[1] = value;
		int32_t e = deco_checkpoint(state, sizeof state);
		if (e != 0) {
			fprintf(stderr, "counter: checkpoint refused (errno %d)\n", (int)e); /* the work goes on */
		}
		deco_progress((int32_t)(1000 * state[0] / steps));
	}
	char out[128];
	int len = snprintf(out, sizeof out, "counter steps=%llu work=%llu value=%016llx\n", steps, work, (unsigned long long)state[1]);
	FILE *f = fopen("/outputs/result.txt", "w");
	if (!f || fwrite(out, 1, (size_t)len, f) != (size_t)len || fclose(f) != 0) {
		fprintf(stderr, "counter: cannot write /outputs/result.txt\n");
		return 1;
	}
	fputs(out, stdout);
	return 0;
}
