// Command clip prepares and finishes the transcoding example
// (examples/jobs/transcode.yaml):
//
//	clip synth [--frames 48] [--segments 4] [--width 320] [--height 240] DIR
//	    writes DIR/segment-0.y4m ... a deterministic test clip (video.Synth)
//	    cut into equal segments, one per task;
//	clip join RESULTS OUT.gif
//	    joins RESULTS/<task>/outputs/segment.gif, in task order, into one
//	    animated GIF (RESULTS as `deco job get --output-dir` wrote it).
//
// For example, from the repository root:
//
//	go run ./examples/transcode/clip synth examples/jobs/data/video
//	deco job submit examples/jobs/transcode.yaml --wait --output-dir tc
//	go run ./examples/transcode/clip join tc clip.gif
package main
