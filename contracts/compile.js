#!/usr/bin/env node
// Compiles Deco's contracts with the pinned solc (standard JSON, optimizer on)
// and writes, under the directory given as the only argument:
//   <Name>.abi, <Name>.bin          for each contract in src/
//   test/<Name>.abi, test/<Name>.bin for each test-only contract in test/
//   combined.json                   every contract's abi + bin + bin-runtime and the compiler settings
// Output is deterministic: the same sources and compiler give the same bytes.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const here = __dirname;
const pinned = require('./package.json').dependencies.solc;

const SETTINGS = {
  optimizer: { enabled: true, runs: 1000 },
  // Cancun: transient storage (EIP-1153) for the reentrancy guards, and
  // widely deployed, so the bytecode runs on any current EVM chain.
  evmVersion: 'cancun',
  outputSelection: {
    '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
  },
};

// checkPinned exits unless the installed solc is the one package.json pins.
function checkPinned() {
  const version = solc.version();
  if (!version.startsWith(pinned + '+')) {
    console.error(`solc ${version} is installed but package.json pins ${pinned}: run npm ci in contracts/`);
    process.exit(1);
  }
  return version;
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: node compile.js OUT_DIR');
    process.exit(2);
  }
  const version = checkPinned();

  const groups = [
    { dir: 'src', out: outDir },
    { dir: 'test', out: path.join(outDir, 'test') },
  ];
  const sources = {};
  for (const g of groups) {
    for (const f of fs.readdirSync(path.join(here, g.dir)).sort()) {
      if (f.endsWith('.sol')) {
        const unit = `${g.dir}/${f}`;
        sources[unit] = { content: fs.readFileSync(path.join(here, unit), 'utf8') };
      }
    }
  }

  const input = { language: 'Solidity', sources, settings: SETTINGS };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  for (const e of output.errors || []) {
    // OpenZeppelin's own warnings (e.g. on transient storage) are known and not ours to fix.
    const file = (e.sourceLocation && e.sourceLocation.file) || '';
    if (e.severity === 'error' || !file.startsWith('@openzeppelin/')) {
      console.error(e.formattedMessage || e.message);
    }
  }
  if (errors.length > 0) {
    process.exit(1);
  }

  const combined = { version, settings: SETTINGS, contracts: {} };
  for (const g of groups) {
    fs.mkdirSync(g.out, { recursive: true });
  }
  for (const unit of Object.keys(output.contracts).sort()) {
    const group = groups.find((g) => unit.startsWith(g.dir + '/'));
    if (!group) {
      continue; // OpenZeppelin's own units
    }
    for (const name of Object.keys(output.contracts[unit]).sort()) {
      const c = output.contracts[unit][name];
      const bin = c.evm.bytecode.object;
      if (!bin) {
        continue; // interfaces and abstract contracts
      }
      if (!c.abi.some((e) => e.type === 'function' || e.type === 'constructor')) {
        continue; // libraries of internal functions: compiled into the contracts that use them
      }
      fs.writeFileSync(path.join(group.out, `${name}.abi`), JSON.stringify(c.abi, null, 2) + '\n');
      fs.writeFileSync(path.join(group.out, `${name}.bin`), bin + '\n');
      combined.contracts[`${unit}:${name}`] = {
        abi: c.abi,
        bin,
        'bin-runtime': c.evm.deployedBytecode.object,
      };
    }
  }
  fs.writeFileSync(path.join(outDir, 'combined.json'), JSON.stringify(combined, null, 2) + '\n');
}

// findImport resolves "@openzeppelin/..." and other package imports from node_modules.
function findImport(unit) {
  const candidates = [path.join(here, unit), path.join(here, 'node_modules', unit)];
  for (const p of candidates) {
    if (fs.existsSync(p)) {
      return { contents: fs.readFileSync(p, 'utf8') };
    }
  }
  return { error: `import not found: ${unit}` };
}

main();
