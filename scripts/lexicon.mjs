// Writes server/src/service/extract/lexicon.generated.ts from compromise's lexicon (see lexicon-core.mjs).
// Run after upgrading compromise: node scripts/lexicon.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GENERATED_PATH, lexiconModuleText } from './lexicon-core.mjs';

const target = fileURLToPath(new URL(`../${GENERATED_PATH}`, import.meta.url));
const text = lexiconModuleText();
writeFileSync(target, text);
console.log(`wrote ${GENERATED_PATH} (${(text.length / 1024).toFixed(0)} KB)`);
