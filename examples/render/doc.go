// Command render is the Deco ray-tracing example: each task renders one
// horizontal band (tile) of a fixed scene and `deco demo` stitches the
// bands into the picture. Build it with GOOS=wasip1 GOARCH=wasm (see
// examples/gen.go); the result is committed as render/render.wasm and
// embedded as examples.RenderWASM.
//
// Usage:
//
//	render [--tile I --tiles N] [--width W] [--height H] [--samples S]
//
// Defaults: W=640, H=480, S=1; I and N come from DECO_TASK_INDEX and
// DECO_TASK_COUNT when the flags are absent (and default to 0 and 1).
// Tile I of N covers rows [I*H/N, (I+1)*H/N).
//
// Outputs:
//   - /outputs/tile.png: the band, W pixels wide and y1-y0 rows high.
//   - /outputs/tile.json: {"tile":I,"tiles":N,"y0":y0,"y1":y1,"width":W,"height":H}
//
// Progress goes to stdout. The output is a pure function of the arguments.
package main
