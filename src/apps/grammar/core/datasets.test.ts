import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATASET_FILES } from '../data/files';
import { DATASET_IDS, datasetSmiles } from './datasets';

describe('datasets', () => {
  it('files.ts holds exactly the text of the copied files', () => {
    for (const id of DATASET_IDS) {
      const { file, text } = DATASET_FILES[id];
      expect(text, file).toBe(readFileSync(join(import.meta.dirname, '..', 'data', file), 'utf8'));
    }
  });
  it('has the sizes of the official sets: 11, 32, 11, 117', () => {
    expect(DATASET_IDS.map((id) => datasetSmiles(id).length)).toEqual([11, 32, 11, 117]);
  });
});
