#!/usr/bin/env node
// The one list of native sources, shared by binding.gyp (install build) and
// CMakeLists.txt (developer build). A file's instruction set is its name's suffix:
// sha256_shani.cpp is built with SHA-NI flags, echo512_aesni.cpp with AES-NI, and
// everything without a suffix is portable C++. Usage: native-sources.js <group> [--abs]
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const ISA_SUFFIXES = ['shani', 'aesni', 'avx2', 'vaes', 'avx512'];
const GROUPS = ['core', ...ISA_SUFFIXES, 'binding', 'tests'];

function listFiles(dir, extension) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(rel, extension));
    else if (entry.name.endsWith(extension)) out.push(rel);
  }
  return out.sort();
}

function isaOf(file) {
  const stem = path.basename(file, '.cpp');
  return ISA_SUFFIXES.find((isa) => stem.endsWith(`_${isa}`)) ?? 'core';
}

function sourcesOf(group) {
  if (group === 'binding') return listFiles('native/binding', '.cc');
  if (group === 'tests') return listFiles('native/test', '.cpp');
  return listFiles('native/core', '.cpp').filter((file) => isaOf(file) === group);
}

module.exports = { GROUPS, sourcesOf };

if (require.main === module) {
  const [group, flag] = process.argv.slice(2);
  if (!GROUPS.includes(group)) {
    process.stderr.write(`usage: native-sources.js <${GROUPS.join('|')}> [--abs]\n`);
    process.exit(2);
  }
  const files = sourcesOf(group).map((f) => (flag === '--abs' ? path.join(ROOT, f) : f));
  process.stdout.write(files.join(flag === '--abs' ? ';' : ' '));
}
