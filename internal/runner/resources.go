package runner

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"syscall"

	"github.com/deco-network/deco/internal/wire"
)

// Measure reports this machine's cores, memory, free disk under dir and GPUs.
func Measure(dir string) wire.Resources {
	r := wire.Resources{Cores: runtime.NumCPU()}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) >= 2 && fields[0] == "MemTotal:" {
				kb, _ := strconv.ParseUint(fields[1], 10, 64)
				r.Memory = kb << 10
			}
		}
		f.Close()
	}
	if r.Memory == 0 {
		r.Memory = 1 << 30
	}
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) == nil {
		r.Disk = st.Bavail * uint64(st.Bsize)
	}
	if ents, err := os.ReadDir("/proc/driver/nvidia/gpus"); err == nil {
		for _, e := range ents {
			r.GPUs = append(r.GPUs, "nvidia:"+e.Name())
		}
	}
	return r
}
