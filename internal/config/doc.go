// Package config holds a node's configuration and its home directory:
// the layout on disk, key generation and loading (`deco init`), and the
// Config struct with defaults and Validate.
//
// A home holds:
//
//	config.yaml   settings (listen addresses, bootstrap peers, provider settings)
//	peer.key      ed25519 libp2p identity (0600)
//	evm.key       secp256k1 EVM account key, hex (0600)
//	api.token     bearer token for the HTTP API (0600; 48 hex digits; a node
//	              refuses to start when it is missing or under MinTokenLen)
//	state.db      node state (jobs, tasks, attempts, receipts, logs)
//	blobs/        content-addressed blob store
//	cache/wasm/   compiled-module cache
//	work/         per-task sandboxes (removed after each task)
//	node.json     written by a running node: API address, peer addresses
//	listen.json   the ports the node bound at its first start; later starts
//	              listen on them again so peers find it where they left it
//
//	h := config.Home("~/.deco")
//	ids, err := h.Init(false)    // create keys and config if missing
//	cfg, err := h.Load()
package config
