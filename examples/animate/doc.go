// Command animate renders one frame of an animation of the ray tracer's
// scene (examples/kernel): the camera circles the scene once over FRAMES
// frames, so a job of FRAMES tasks renders the whole animation, task I
// frame I. Build it with GOOS=wasip1 GOARCH=wasm (see examples/gen.go); it
// is committed as animate/animate.wasm.
//
// Usage:
//
//	animate [--frame I --frames N] [--width W] [--height H] [--samples S]
//
// Defaults: W=320, H=240, S=1; I and N come from DECO_TASK_INDEX and
// DECO_TASK_COUNT when the flags are absent.
//
// Outputs:
//   - /outputs/frame.png: frame I, W x H, exactly kernel.RenderFrame(W, H,
//     0, H, S, I, N).
//   - /outputs/frame.json: {"frame":I,"frames":N,"width":W,"height":H,"samples":S}
//
// Progress goes to stdout. The output is a pure function of the arguments.
package main
