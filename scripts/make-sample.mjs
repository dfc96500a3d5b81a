#!/usr/bin/env node
// Builds the sample workspace: sample/ (the example report and its settings) plus the repository's
// seeds/, which are not duplicated in git. `node scripts/make-sample.mjs [folder]`, by default
// .e2e/sample. The folder is emptied first, so every end-to-end run starts from the same notes.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const target = path.resolve(process.argv[2] ?? path.join(root, '.e2e/sample'));
if (target === root || root.startsWith(target + path.sep)) throw new Error(`refusing to empty ${target}`);

fs.rmSync(target, { recursive: true, force: true });
fs.mkdirSync(target, { recursive: true });
fs.cpSync(path.join(root, 'sample'), target, { recursive: true, filter: (p) => path.basename(p) !== 'README.md' || path.dirname(p) !== path.join(root, 'sample') });
fs.cpSync(path.join(root, 'seeds'), path.join(target, 'seeds'), { recursive: true });
console.log(target);
