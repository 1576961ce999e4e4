package wire

// Message type names, carried in Envelope.Type. A receiver refuses a body
// whose type is not the one it expects.
const (
	TypeOffer      = "offer/1"
	TypeBidRequest = "bid-request/1"
	TypeBid        = "bid/1"
	TypeAssign     = "assign/1"
	TypeStatus     = "status/1"
	TypeResult     = "result/1"
	TypeCancel     = "cancel/1"
	TypeBeat       = "beat/1"
	TypeBeatAck    = "beat-ack/1"
)

// Resources describes capacity (in an offer) or a requirement (in a bid request).
type Resources struct {
	Cores  int      `json:"cores"`
	Memory uint64   `json:"memory"` // bytes
	Disk   uint64   `json:"disk"`   // bytes
	GPUs   []string `json:"gpus,omitempty"`
	GPU    int      `json:"gpu,omitempty"` // number of GPUs required (requests)
}

// Offer is what a provider gossips on /deco/offers/1: what it has, what it
// asks, and how to pay it. Offers expire; a provider republishes them.
type Offer struct {
	Peer      string            `json:"peer"`
	EVM       string            `json:"evm"` // 0x address receiving payments
	Resources Resources         `json:"resources"`
	Slots     int               `json:"slots"`      // concurrent tasks in total
	FreeSlots int               `json:"free_slots"` // free right now
	Benchmark float64           `json:"benchmark"`  // WASM kernel score, higher is faster
	Ask       Amount            `json:"ask"`        // price per task
	Labels    map[string]string `json:"labels,omitempty"`
	Runtime   string            `json:"runtime"` // e.g. "wazero/v1.12.0"
	Seq       uint64            `json:"seq"`
	ExpiresMs int64             `json:"expires_ms"` // unix milliseconds
	Binding   Binding           `json:"binding"`    // EVM bound to Peer
}

// Binding ties a node's EVM account to its libp2p peer: the EVM key's
// signature over the peer ID (verify.Bind makes one, verify.CheckBinding
// checks it). Offers, bid requests, bids and assignments carry their
// sender's, and the receiver checks that it names the authenticated
// remote peer: an EVM address is then only usable by the peer it signed
// for, so a stranger cannot pose as a consumer (and charge its escrow) or
// as a provider (and be paid as it).
type Binding struct {
	EVM  string `json:"evm"`  // 0x address
	Peer string `json:"peer"` // libp2p peer ID
	Sig  []byte `json:"sig"`  // 65 bytes, v in {27, 28}, over verify.BindingDigest(Peer)
}

// BidRequest asks one provider to bid for some tasks of a job. Sent point
// to point on /deco/bid/1, never broadcast.
type BidRequest struct {
	Job       JobID     `json:"job"`
	Round     int       `json:"round"`
	Tasks     []int     `json:"tasks"` // task indexes up for auction
	Program   CID       `json:"program"`
	ProgramSz int64     `json:"program_size"`
	Need      Resources `json:"need"`
	TimeoutMs int64     `json:"timeout_ms"`
	MaxPrice  Amount    `json:"max_price"`
	Consumer  string    `json:"consumer"` // consumer's EVM address
	// Labels the provider must carry, with these values (the job's labels).
	Labels map[string]string `json:"labels,omitempty"`
	// Binding binds Consumer to the requesting peer.
	Binding Binding `json:"binding"`
}

// Bid is a provider's answer: a price per task and how many of the tasks it
// will take now.
type Bid struct {
	Job    JobID  `json:"job"`
	Round  int    `json:"round"`
	Accept bool   `json:"accept"`
	Reason string `json:"reason,omitempty"` // why not, when Accept is false
	Price  Amount `json:"price"`
	Slots  int    `json:"slots"`
	ETAMs  int64  `json:"eta_ms"`
	EVM    string `json:"evm"`
	// Binding binds EVM to the bidding peer.
	Binding Binding `json:"binding"`
}

// Input is one file a task reads at /inputs/<Name>.
type Input struct {
	Name string `json:"name"`
	CID  CID    `json:"cid"`
	Size int64  `json:"size"`
	// From is the peer that holds the blob when it is not the consumer:
	// a multi-stage job's input that an earlier stage's provider made
	// (the consumer shares it with the task's provider, Share).
	From string `json:"from,omitempty"`
}

// TaskSpec is everything a provider needs to run one task.
type TaskSpec struct {
	Task        TaskID            `json:"task"`
	Count       int               `json:"count"`
	Attempt     int               `json:"attempt"`
	Program     CID               `json:"program"`
	ProgramSize int64             `json:"program_size"`
	Args        []string          `json:"args,omitempty"`
	Env         map[string]string `json:"env,omitempty"`
	Inputs      []Input           `json:"inputs,omitempty"`
	MemoryLimit uint64            `json:"memory_limit"`
	TimeoutMs   int64             `json:"timeout_ms"`
	MaxOutput   int64             `json:"max_output"`
	// Kind says which executor runs the task (KindWasm, KindZK); a
	// provider refuses a kind it has no executor for.
	Kind string `json:"kind,omitempty"`
	// HeartbeatMs is how often the provider beats on the task session
	// while it holds this attempt (Beat); 0: DefaultHeartbeatMs. It does
	// not determine the output, so receipts do not cover it.
	HeartbeatMs int64 `json:"heartbeat_ms,omitempty"`
	// Resume is the checkpoint the attempt starts from (the program's
	// deco.restore returns it), a state an earlier attempt shipped; the
	// provider fetches it from the consumer. Empty: a fresh start.
	Resume CID `json:"resume,omitempty"`
	// The job's checkpoint bounds (0: the executor's defaults): ship at
	// most every CheckpointEveryMs, each at most CheckpointMax bytes.
	CheckpointEveryMs int64 `json:"checkpoint_every_ms,omitempty"`
	CheckpointMax     int64 `json:"checkpoint_max,omitempty"`
}

// DefaultHeartbeatMs is the heartbeat interval of a task that names none.
const DefaultHeartbeatMs = 500

// Task kinds (TaskSpec.Kind), declared by the consumer from the job spec:
// a provider picks its executor by kind, never by the program's bytes.
const (
	// KindWasm runs Program as a WebAssembly module (the default).
	KindWasm = ""
	// KindZK proves a circuit: Program is the circuit's proving key, Args
	// its parameters ("name=value").
	KindZK = "zk"
)

// InputManifest is the manifest whose root the receipt names as input root.
func (t TaskSpec) InputManifest() Manifest {
	m := Manifest{Kind: "inputs"}
	for _, in := range t.Inputs {
		m.Entries = append(m.Entries, Entry{Path: in.Name, Size: in.Size, CID: in.CID})
	}
	return m
}

// Assign gives a task to the provider that won it, on /deco/task/1. The
// provider answers on the same stream with Status messages and one Result.
type Assign struct {
	Spec     TaskSpec       `json:"spec"`
	Price    Amount         `json:"price"`
	Consumer string         `json:"consumer"`         // EVM address
	Inline   map[CID][]byte `json:"inline,omitempty"` // small blobs sent along (hash-checked)
	Binding  Binding        `json:"binding"`          // binds Consumer to the session's peer
	// Quorum says the voucher for this attempt's result may wait for other
	// results of the job (replicate:K, adaptive): the provider then gives
	// the consumer until the escrow window ends to pay, instead of holding
	// the consumer's next task until the voucher (see docs/economics.md).
	Quorum bool `json:"quorum,omitempty"`
	// Holders gives the full addresses (…/p2p/<id>) the consumer knows of
	// each peer an input comes from (Input.From), at most MaxHolderAddrs
	// each, so the provider can dial it without a lookup.
	Holders map[string][]string `json:"holders,omitempty"`
}

// MaxHolderAddrs bounds the addresses Assign.Holders gives per peer.
const MaxHolderAddrs = 8

// Status reports progress of a running task.
type Status struct {
	Task    TaskID `json:"task"`
	Attempt int    `json:"attempt"`
	State   string `json:"state"` // "fetching", "running", "checkpoint"
	Message string `json:"message,omitempty"`
	// Checkpoint, with State "checkpoint", is a state the task saved,
	// signed by the provider.
	Checkpoint *Checkpoint `json:"checkpoint,omitempty"`
}

// Checkpoint is a provider's signed progress receipt: attempt Attempt of
// task Index of Job saved the state Root (Size bytes, a blob the
// consumer may fetch from the provider) as its Seq-th checkpoint, with
// Permille of its work done, having started from Resume. Signature is
// the provider's EVM key over verify.CheckpointDigest.
type Checkpoint struct {
	Job       JobID  `json:"job"`
	Index     int    `json:"index"`
	Attempt   int    `json:"attempt"`
	Root      CID    `json:"root"`
	Size      int64  `json:"size"`
	Seq       uint64 `json:"seq"`
	Permille  int    `json:"permille"`
	Resume    CID    `json:"resume,omitempty"`
	Provider  string `json:"provider"` // 0x EVM address
	Signature []byte `json:"signature"`
}

// MaxBeatLog bounds the program output one TaskBeat carries (stdout and
// stderr together); what does not fit waits for the next beat, and all of
// it comes with the result.
const MaxBeatLog = 16 << 10

// Beat is a provider's heartbeat on a task session (/deco/task/2): one
// per interval for every attempt of the session's consumer it holds and
// has not answered yet (queued or running). It is bound to the session
// (the stream's Noise channel authenticates the provider), like every
// frame of it. The consumer answers each with a BeatAck; an attempt no
// beat names for its lease is declared dead and assigned elsewhere, and a
// provider whose beats go unanswered stops the session's work.
type Beat struct {
	Seq   uint64     `json:"seq"`
	Tasks []TaskBeat `json:"tasks,omitempty"`
}

// TaskBeat is one attempt's part of a Beat.
type TaskBeat struct {
	Task    TaskID `json:"task"`
	Attempt int    `json:"attempt"`
	// Running: the execution has started; false while it waits for a
	// slot or for the consumer's voucher.
	Running bool `json:"running,omitempty"`
	// Permille is the progress the program reported, 0..1000 (0: none).
	Permille int `json:"permille,omitempty"`
	// Stdout and Stderr are what the program wrote since the previous
	// beat, at most MaxBeatLog bytes together, whole lines where it can.
	Stdout []byte `json:"stdout,omitempty"`
	Stderr []byte `json:"stderr,omitempty"`
}

// BeatAck is the consumer's answer to the Beat numbered Seq.
type BeatAck struct {
	Seq uint64 `json:"seq"`
}

// Failure kinds a provider reports in Result.Failure. Program faults are
// the task's own doing and fail it; provider faults send it elsewhere.
const (
	FailTimeLimit      = "time_limit"
	FailMemoryLimit    = "memory_limit"
	FailBadModule      = "bad_module"
	FailMissingInput   = "missing_input"
	FailOutputTooLarge = "output_too_large"
	FailProvider       = "provider_error"
	FailNoEscrow       = "no_escrow" // the escrow does not cover the price: no deposit, no work
)

// FailBadOutput: the program's outputs cannot be listed in a manifest (a
// file name with a control character, a path too long, more files than
// MaxManifestEntries). The program's doing, like an exit code.
const FailBadOutput = "bad_output"

// Result is the provider's answer to an Assign.
type Result struct {
	Task       TaskID   `json:"task"`
	Attempt    int      `json:"attempt"`
	Failure    string   `json:"failure,omitempty"` // one of the Fail* kinds; empty when the program ran to an exit
	Message    string   `json:"message,omitempty"`
	ExitCode   int64    `json:"exit_code"`
	Outputs    Manifest `json:"outputs"`
	Stdout     CID      `json:"stdout,omitempty"`
	Stderr     CID      `json:"stderr,omitempty"`
	StdoutSize int64    `json:"stdout_size"`
	StderrSize int64    `json:"stderr_size"`
	Truncated  bool     `json:"truncated,omitempty"`
	DurationMs int64    `json:"duration_ms"`
	Compiled   bool     `json:"compiled,omitempty"`
	Receipt    *Receipt `json:"receipt,omitempty"`
	Signature  []byte   `json:"signature,omitempty"` // 65-byte secp256k1 signature over the receipt's EIP-712 digest, v in {27,28}
	// Quote is the attestation evidence for the receipt's Attestation kind,
	// bound to the receipt's digest (empty for "software").
	Quote  []byte         `json:"quote,omitempty"`
	Inline map[CID][]byte `json:"inline,omitempty"`
}

// Cancel asks a provider to stop a task, or, after its result, tells the
// provider the consumer is done with the attempt and will not pay for it
// (the provider then releases what it held for the attempt).
type Cancel struct {
	Task    TaskID `json:"task"`
	Attempt int    `json:"attempt"`
	Reason  string `json:"reason,omitempty"`
}

// Environment is what the receipt's environment measurement hashes: the
// runtime that ran the module, the module's hash and the limits applied.
type Environment struct {
	Runtime     string `json:"runtime"`
	ModuleHash  string `json:"module_hash"` // hex sha256 of the module bytes
	MemoryLimit uint64 `json:"memory_limit"`
	TimeoutMs   int64  `json:"timeout_ms"`
}

// Receipt is what a provider signs for a result, as EIP-712 typed data (see
// package verify for the digest). Hex strings are 0x-prefixed.
type Receipt struct {
	Job         JobID       `json:"job"`
	Index       int         `json:"index"`
	TaskID      string      `json:"task_id"` // 0x bytes32
	Program     CID         `json:"program"`
	InputRoot   CID         `json:"input_root"`
	SpecHash    string      `json:"spec_hash"` // 0x bytes32, verify.SpecHash of the assignment: args, env, count, limits…
	OutputRoot  CID         `json:"output_root"`
	EnvHash     string      `json:"env_hash"` // 0x bytes32
	Environment Environment `json:"environment"`
	ExitCode    int64       `json:"exit_code"`
	Provider    string      `json:"provider"`    // 0x EVM address
	Attestation string      `json:"attestation"` // "software": signed by the provider's key, no hardware claim
	ChainID     uint64      `json:"chain_id"`
	Contract    string      `json:"contract"` // verifying contract of the EIP-712 domain
	// Resume names the checkpoint the attempt started from (the
	// assignment's TaskSpec.Resume); SpecHash commits to it.
	Resume CID `json:"resume,omitempty"`
}

// TypeVoucher names a Voucher message.
const TypeVoucher = "voucher/1"

// Voucher is a consumer's signed promise: provider may redeem up to
// Cumulative from the job's escrow (EIP-712 Voucher(bytes32 jobId,address
// provider,uint256 cumulativeAmount), amount in the token's base unit =
// Cumulative.Wei()). Each new voucher for a (job, provider) supersedes the
// last; the consumer sends one after every task of that provider it
// verified, over the task session.
type Voucher struct {
	Job        JobID  `json:"job"`
	Provider   string `json:"provider"` // 0x EVM address
	Consumer   string `json:"consumer"` // 0x EVM address of the signer
	Cumulative Amount `json:"cumulative"`
	Signature  []byte `json:"signature"` // 65 bytes, v in {27,28}
	// Task and Attempt name the attempt this voucher pays for, so a provider
	// serving many tasks on one session knows which one is settled. They
	// are not part of the signed voucher: the contract pays cumulatively.
	Task    TaskID `json:"task,omitempty"`
	Attempt int    `json:"attempt,omitempty"`
}
