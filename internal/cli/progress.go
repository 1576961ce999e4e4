package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/api"
)

// taskProgress says how far t's live attempt is: the percent its program
// reported, else how long it has been running; "" when no attempt is live.
func taskProgress(t api.TaskView, now time.Time) string {
	for i := len(t.Attempts) - 1; i >= 0; i-- {
		a := t.Attempts[i]
		switch a.State {
		case "assigned", "running", "verifying":
		default:
			continue
		}
		if a.Permille > 0 {
			return fmt.Sprintf("%.1f%%", float64(a.Permille)/10)
		}
		if a.State == "running" {
			return "running " + now.Sub(a.Started).Round(time.Second).String()
		}
		return ""
	}
	return ""
}

// liveProgress lists the progress of the live tasks of j, at most max of
// them ("task 3 42.0%, task 4 running 12s"), for --wait's line.
func liveProgress(j *api.JobView, now time.Time, max int) string {
	var parts []string
	more := 0
	for _, t := range j.Tasks {
		p := taskProgress(t, now)
		if p == "" {
			continue
		}
		if len(parts) == max {
			more++
			continue
		}
		parts = append(parts, fmt.Sprintf("task %d %s", t.Index, p))
	}
	if more > 0 {
		parts = append(parts, fmt.Sprintf("%d more", more))
	}
	return strings.Join(parts, ", ")
}

// logPrinter prints a job's log: the job's events as timestamped lines,
// its programs' output (from heartbeats, while tasks run) as written,
// each line prefixed with its task when the job has more than one. It
// remembers what output it printed, so the final logs of each task add
// only what had not come live (Rest).
type logPrinter struct {
	w     io.Writer
	ew    io.Writer // the programs' stderr
	tasks int
	// printed is the output printed per task, attempt and stream.
	printed map[logKey]*strings.Builder
}

type logKey struct {
	index, attempt int
	stream         string
}

func newLogPrinter(w, ew io.Writer, tasks int) *logPrinter {
	return &logPrinter{w: w, ew: ew, tasks: tasks, printed: map[logKey]*strings.Builder{}}
}

// Line prints one log line.
func (p *logPrinter) Line(l api.LogLine) {
	if l.Stream == "" {
		if l.Seq == 0 && l.State != "" {
			return
		}
		who := "job"
		if l.Index >= 0 {
			who = fmt.Sprintf("task %d", l.Index)
		}
		fmt.Fprintf(p.w, "%s  %-8s %s\n", l.At.Local().Format("15:04:05.000"), who, l.Text)
		return
	}
	k := logKey{l.Index, l.Attempt, l.Stream}
	b := p.printed[k]
	if b == nil {
		b = &strings.Builder{}
		p.printed[k] = b
	}
	b.WriteString(l.Text)
	w := p.w
	if l.Stream == "stderr" {
		w = p.ew
	}
	p.output(w, l.Index, l.Text)
}

// output writes text, prefixing each line with its task on a job of
// several tasks.
func (p *logPrinter) output(w io.Writer, index int, text string) {
	if p.tasks <= 1 {
		io.WriteString(w, text)
		return
	}
	for _, line := range strings.SplitAfter(text, "\n") {
		if line != "" {
			fmt.Fprintf(w, "[task %d] %s", index, line)
		}
	}
}

// Rest returns what of a task's final log (of attempt, stream) was not
// printed live: all of it unless what was printed is its beginning.
func (p *logPrinter) Rest(index, attempt int, stream, final string) (rest string, printedLive bool) {
	b := p.printed[logKey{index, attempt, stream}]
	if b == nil || b.Len() == 0 || !strings.HasPrefix(final, b.String()) {
		return final, false
	}
	return final[b.Len():], true
}
