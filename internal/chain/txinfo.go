package chain

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// This file lets a node show its own transactions: observers hear of each
// transaction the client sends (when sent and when mined), and Transaction
// reads one back from the chain with its contract events decoded.

// ErrUnknownTx: the chain knows no transaction with that hash.
var ErrUnknownTx = errors.New("no transaction with this hash on the chain")

// Observe calls fn for each transaction this client sends: once when it
// is sent (Tx.Pending; Block and GasUsed zero) and once when it is mined
// (Tx.Failed if it reverted). fn must not block.
func (c *Client) Observe(fn func(Tx)) {
	c.obs.mu.Lock()
	defer c.obs.mu.Unlock()
	c.obs.fns = append(c.obs.fns, fn)
}

type observers struct {
	mu  sync.Mutex
	fns []func(Tx)
}

func (c *Client) notify(tx Tx) {
	c.obs.mu.Lock()
	fns := c.obs.fns
	c.obs.mu.Unlock()
	for _, fn := range fns {
		fn(tx)
	}
}

// jobOps are the escrow's methods whose first argument is the job id.
var jobOps = map[string]bool{
	"escrow.openJob": true, "escrow.topUp": true, "escrow.anchorCheckpoints": true, "escrow.redeem": true,
	"escrow.refund": true, "escrow.openProofJob": true, "escrow.settleWithProof": true,
	"escrow.settleWithProofs": true, "escrow.reportBadProof": true,
}

// jobOf is the job id a call to op with calldata data is about (zero if none).
func jobOf(op string, data []byte) (id [32]byte) {
	if jobOps[op] && len(data) >= 4+32 {
		copy(id[:], data[4:4+32])
	}
	return id
}

// jobsOf returns the job ids of an escrow.openJobs call's data.
func jobsOf(op string, data []byte) [][32]byte {
	if op != "escrow.openJobs" || len(data) < 4 {
		return nil
	}
	m, ok := escrowABI().GetABI().Methods["openJobs"]
	if !ok {
		return nil
	}
	args, err := m.Inputs.Unpack(data[4:])
	if err != nil || len(args) == 0 {
		return nil
	}
	ids, _ := args[0].([][32]byte)
	return ids
}

// TxInfo is a transaction as the chain records it.
type TxInfo struct {
	Hash    common.Hash
	Block   uint64 // 0 while pending
	Pending bool
	Failed  bool // mined but reverted
	From    common.Address
	To      common.Address // zero for a contract creation
	GasUsed uint64
	// Op names the call as "contract.method" when To is one of the
	// deployment's contracts ("" otherwise); Job is the job id it is
	// about, for escrow calls that take one.
	Op     string
	Job    [32]byte
	Events []TxEvent
}

// TxEvent is one event a deployment contract emitted in a transaction,
// its arguments rendered as text (amounts in base units, addresses and
// byte strings in hex).
type TxEvent struct {
	Contract string // token, registry or escrow
	Name     string
	Args     map[string]string
}

// Transaction reads the transaction hash with its receipt and decodes the
// events the token, registry and escrow emitted (ErrUnknownTx if the chain
// has none with that hash).
func (c *Client) Transaction(ctx context.Context, hash common.Hash) (TxInfo, error) {
	var (
		tx      *types.Transaction
		pending bool
	)
	err := c.retry(ctx, "read transaction "+hash.Hex(), func() error {
		var err error
		tx, pending, err = c.be.TransactionByHash(ctx, hash)
		if errors.Is(err, ethereum.NotFound) {
			return nil
		}
		return err
	})
	if err != nil {
		return TxInfo{}, err
	}
	if tx == nil {
		return TxInfo{}, fmt.Errorf("%w: %s", ErrUnknownTx, hash.Hex())
	}
	info := TxInfo{Hash: hash, Pending: pending}
	if info.From, err = types.Sender(types.LatestSignerForChainID(tx.ChainId()), tx); err != nil {
		return info, fmt.Errorf("transaction %s: sender: %w", hash.Hex(), err)
	}
	if to := tx.To(); to != nil {
		info.To = *to
		if name, a := c.contractAt(*to); a != nil && len(tx.Data()) >= 4 {
			if m, err := a.MethodById(tx.Data()[:4]); err == nil {
				info.Op = name + "." + m.RawName
				info.Job = jobOf(info.Op, tx.Data())
			}
		}
	}
	if pending {
		return info, nil
	}
	var r *types.Receipt
	err = c.retry(ctx, "read receipt of "+hash.Hex(), func() error {
		var err error
		r, err = c.be.TransactionReceipt(ctx, hash)
		if errors.Is(err, ethereum.NotFound) {
			info.Pending, r = true, nil
			return nil
		}
		return err
	})
	if err != nil || r == nil {
		return info, err
	}
	info.Block, info.GasUsed, info.Failed = r.BlockNumber.Uint64(), r.GasUsed, r.Status != types.ReceiptStatusSuccessful
	for _, l := range r.Logs {
		if ev, ok := c.decodeLog(l); ok {
			info.Events = append(info.Events, ev)
		}
	}
	return info, nil
}

// contractAt names the deployment contract at addr and returns its ABI.
func (c *Client) contractAt(addr common.Address) (string, *abi.ABI) {
	var a abi.ABI
	switch addr {
	case c.addrs.Token:
		a = tokenABI().GetABI()
		return "token", &a
	case c.addrs.Registry:
		a = registryABI().GetABI()
		return "registry", &a
	case c.addrs.Escrow:
		a = escrowABI().GetABI()
		return "escrow", &a
	}
	return "", nil
}

// decodeLog decodes l when a deployment contract emitted it.
func (c *Client) decodeLog(l *types.Log) (TxEvent, bool) {
	name, a := c.contractAt(l.Address)
	if a == nil || len(l.Topics) == 0 {
		return TxEvent{}, false
	}
	ev, err := a.EventByID(l.Topics[0])
	if err != nil {
		return TxEvent{}, false
	}
	vals := map[string]any{}
	if err := ev.Inputs.NonIndexed().UnpackIntoMap(vals, l.Data); err != nil {
		return TxEvent{}, false
	}
	var indexed abi.Arguments
	for _, in := range ev.Inputs {
		if in.Indexed {
			indexed = append(indexed, in)
		}
	}
	if err := abi.ParseTopicsIntoMap(vals, indexed, l.Topics[1:]); err != nil {
		return TxEvent{}, false
	}
	out := TxEvent{Contract: name, Name: ev.RawName, Args: make(map[string]string, len(vals))}
	for k, v := range vals {
		out.Args[k] = argText(v)
	}
	return out, true
}

// argText renders an event argument as text.
func argText(v any) string {
	switch v := v.(type) {
	case *big.Int:
		return v.String()
	case common.Address:
		return v.Hex()
	case common.Hash:
		return v.Hex()
	case [32]byte:
		return "0x" + hex.EncodeToString(v[:])
	case []byte:
		return "0x" + hex.EncodeToString(v)
	case string:
		return v
	default:
		return strings.TrimSpace(fmt.Sprint(v))
	}
}
