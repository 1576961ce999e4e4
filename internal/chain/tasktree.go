package chain

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/crypto"
)

// ProofTask is one task of a proof job as the consumer commits to it: its
// id and the circuit inputs the consumer fixes (zk.Circuit.Public).
type ProofTask struct {
	ID    [32]byte
	Fixed []*big.Int
}

// TaskLeaf is the Merkle leaf committing task index of job jobID, exactly
// as JobEscrow.taskLeaf computes it: keccak256(jobID ‖ index ‖ taskID ‖
// fixed...), every item 32 bytes big-endian.
func TaskLeaf(jobID [32]byte, index uint64, taskID [32]byte, fixed []*big.Int) [32]byte {
	buf := make([]byte, 0, 96+32*len(fixed))
	buf = append(buf, jobID[:]...)
	buf = append(buf, word(new(big.Int).SetUint64(index))...)
	buf = append(buf, taskID[:]...)
	for _, v := range fixed {
		buf = append(buf, word(v)...)
	}
	return crypto.Keccak256Hash(buf)
}

// word is v as a 32-byte big-endian word (v must be in [0, 2^256)).
func word(v *big.Int) []byte {
	var w [32]byte
	v.FillBytes(w[:])
	return w[:]
}

// TaskTree is the Merkle tree over a proof job's tasks whose root the
// consumer commits to in OpenProofJob. It is positional: leaf i sits at
// index i, inner nodes are keccak256(left ‖ right), and the leaves are
// padded with zero hashes to a power of two. Path gives the sibling
// hashes a provider passes to SettleWithProof.
type TaskTree struct {
	levels [][][32]byte // levels[0] are the (padded) leaves; the last level is the root
	n      int
}

// ErrBadTask: a task cannot be committed (a fixed input outside
// [0, 2^256), or an index outside the tree).
var ErrBadTask = errors.New("bad proof task")

// NewTaskTree builds the tree of tasks for jobID, in order.
func NewTaskTree(jobID [32]byte, tasks []ProofTask) (*TaskTree, error) {
	if len(tasks) == 0 {
		return nil, fmt.Errorf("%w: a proof job needs at least one task", ErrBadTask)
	}
	leaves := make([][32]byte, len(tasks))
	for i, t := range tasks {
		for _, v := range t.Fixed {
			if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
				return nil, fmt.Errorf("%w: task %d: fixed input %v is not a uint256", ErrBadTask, i, v)
			}
		}
		leaves[i] = TaskLeaf(jobID, uint64(i), t.ID, t.Fixed)
	}
	return TaskTreeOf(leaves)
}

// TaskTreeOf builds the tree over leaves already computed with TaskLeaf,
// in task order (Leaves gives them back): a provider rebuilds a job's
// tree from the leaves the consumer publishes, after checking its own.
func TaskTreeOf(leaves [][32]byte) (*TaskTree, error) {
	if len(leaves) == 0 {
		return nil, fmt.Errorf("%w: a proof job needs at least one task", ErrBadTask)
	}
	size := 1
	for size < len(leaves) {
		size *= 2
	}
	padded := make([][32]byte, size)
	copy(padded, leaves)
	tree := &TaskTree{levels: [][][32]byte{padded}, n: len(leaves)}
	leaves = padded
	for level := leaves; len(level) > 1; {
		next := make([][32]byte, len(level)/2)
		for i := range next {
			next[i] = crypto.Keccak256Hash(level[2*i][:], level[2*i+1][:])
		}
		tree.levels = append(tree.levels, next)
		level = next
	}
	return tree, nil
}

// Root is the commitment to every task.
func (t *TaskTree) Root() [32]byte { return t.levels[len(t.levels)-1][0] }

// Leaves are the task leaves in order (without padding).
func (t *TaskTree) Leaves() [][32]byte { return append([][32]byte(nil), t.levels[0][:t.n]...) }

// Len is the number of tasks (without padding).
func (t *TaskTree) Len() int { return t.n }

// Path is the sibling hashes from task index's leaf up to the root.
func (t *TaskTree) Path(index int) ([][32]byte, error) {
	if index < 0 || index >= t.n {
		return nil, fmt.Errorf("%w: index %d outside the %d tasks", ErrBadTask, index, t.n)
	}
	path := make([][32]byte, 0, len(t.levels)-1)
	for _, level := range t.levels[:len(t.levels)-1] {
		path = append(path, level[index^1])
		index >>= 1
	}
	return path, nil
}
