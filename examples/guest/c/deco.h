/* deco.h: the guest side of Deco's host module "deco" for C programs
 * built with clang --target=wasm32-wasi (wasi-libc).
 *
 * A long task saves its state with deco_checkpoint, finds it again with
 * deco_restore when the task was moved to another provider, and reports
 * deco_progress. The provider ships the latest saved state at most every
 * checkpoint.every of the job (default 5s); calls in between only replace
 * it, so checkpointing after every step is fine. A state is at most
 * checkpoint.max_size bytes (default 16 MiB). The program must compute
 * the same outputs whether it resumed or not.
 *
 *   unsigned char buf[64];
 *   int n = deco_restore(buf, sizeof buf);  // size of the saved state, 0: none
 *   ...
 *   deco_checkpoint(state, sizeof state);   // 0, or a DECO_E* errno
 *   deco_progress(1000 * done / total);
 */
#ifndef DECO_H
#define DECO_H

#include <stdint.h>

/* errnos of deco_checkpoint; deco_restore returns -DECO_EFAULT. */
#define DECO_ETOOBIG 1 /* larger than the job's checkpoint.max_size */
#define DECO_EFAULT 2  /* the buffer lies outside the program's memory */
#define DECO_EREFUSED 3 /* the provider could not keep it (see stderr) */

__attribute__((import_module("deco"), import_name("checkpoint")))
int32_t deco_checkpoint(const void *state, uint32_t len);

/* Copies at most len bytes of the saved state to buf and returns its whole
 * size (0: a fresh start); call with len 0 to learn the size first. */
__attribute__((import_module("deco"), import_name("restore")))
int32_t deco_restore(void *buf, uint32_t len);

__attribute__((import_module("deco"), import_name("progress")))
void deco_progress(int32_t permille);

#endif
