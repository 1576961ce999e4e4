#!/usr/bin/env node
// Compiles one Solidity source read from stdin (a zk verifier exported by
// gnark at run time: internal/zk's CompileVerifier) with the pinned solc and
// the same settings as compile.js, and prints on stdout:
//   {"version": "...", "contract": "Verifier", "abi": [...], "bin": "<hex>"}
// The contract is the one named by the only argument (default "Verifier").
// Errors go to stderr with a non-zero exit status.
'use strict';

const solc = require('solc');
const { SETTINGS, checkPinned } = require('./compile.js');

function main() {
  const name = process.argv[2] || 'Verifier';
  const version = checkPinned();
  const chunks = [];
  process.stdin.on('data', (c) => chunks.push(c));
  process.stdin.on('end', () => {
    const content = Buffer.concat(chunks).toString('utf8');
    if (content.trim() === '') {
      console.error('compile-verifier.js: no Solidity source on stdin');
      process.exit(2);
    }
    const input = { language: 'Solidity', sources: { 'Verifier.sol': { content } }, settings: SETTINGS };
    const output = JSON.parse(solc.compile(JSON.stringify(input)));
    const errors = (output.errors || []).filter((e) => e.severity === 'error');
    if (errors.length > 0) {
      for (const e of errors) {
        console.error(e.formattedMessage || e.message);
      }
      process.exit(1);
    }
    const c = ((output.contracts || {})['Verifier.sol'] || {})[name];
    if (!c || !c.evm.bytecode.object) {
      console.error(`compile-verifier.js: the source has no deployable contract ${name}`);
      process.exit(1);
    }
    process.stdout.write(JSON.stringify({ version, contract: name, abi: c.abi, bin: c.evm.bytecode.object }) + '\n');
  });
}

main();
