// Writes files.ts: the text of the four dataset files as TypeScript strings (see files.ts).
// Run from anywhere: node src/apps/grammar/data/make-datasets.mjs
import fs from 'node:fs';
import path from 'node:path';
const here = import.meta.dirname;
const names = { isocyanates: 'isocyanates.txt', acrylates: 'acrylates.txt', chain_extenders: 'chain_extenders.txt', polymers: 'polymers_117.txt' };
let out = `/**
 * The four DEG training sets, as the text of the files beside this module (byte-identical copies of
 * gmh14/data_efficient_grammar \`datasets/*.txt\` at commit ef34648f987278496e1216cbeb7f82c9429da4b0,
 * MIT licence: see README.md and LICENSE here). Kept as strings so that Node (tsx, Vitest) and the
 * browser bundle read them the same way; \`datasets.test.ts\` checks that each string equals its file.
 * Regenerate with: node src/apps/grammar/data/make-datasets.mjs
 */
export const DATASET_FILES = {
`;
for (const [key, file] of Object.entries(names)) {
  out += `  ${key}: { file: ${JSON.stringify(file)}, text: ${JSON.stringify(fs.readFileSync(path.join(here, file), 'utf8'))} },\n`;
}
out += '} as const;\n';
fs.writeFileSync(path.join(here, 'files.ts'), out);
