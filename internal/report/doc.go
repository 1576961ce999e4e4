// Package report writes benchmark reports: a Markdown document (Doc)
// with tables and images, PNG figures drawn with gonum/plot (Lines,
// Bars), and a description of the machine the figures were measured on
// (DescribeMachine).
//
// It knows nothing of Deco's benchmarks: `deco bench report`
// (internal/cli) measures, then lays its figures out with this package.
// Every figure a plot draws also appears in a table of the document, so
// the Markdown alone carries the numbers.
//
// Example:
//
//	var d report.Doc
//	d.Heading(2, "Throughput")
//	d.Table([]string{"providers", "tasks/s"}, [][]string{{"1", "410"}, {"2", "790"}})
//	err := report.Lines{Title: "Throughput", X: "providers", Y: "tasks/s",
//		Series: []report.Series{{Name: "measured", X: xs, Y: ys}}}.Save("throughput.png")
//	d.Image("throughput", "throughput.png")
//	err = os.WriteFile("report.md", d.Bytes(), 0o644)
package report
