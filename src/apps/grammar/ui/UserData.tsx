/**
 * Export the shown samples as a SMILES file, and paste your own SMILES list (at most 200 lines) to
 * build a grammar from it: the worker reads it (RDKit) and the page lists every skipped line by number.
 */
import { useState } from 'react';
import { MAX_USER_LINES } from '../core/userInput';
import { useGrammarUrl } from '../store';
import { useGrammarLive, usePasted, useShownGrammar } from './liveStore';

export function ExportSmiles() {
  const grammar = useShownGrammar();
  const source = useGrammarLive((s) => s.prepared?.source ?? null);
  const seed = useGrammarUrl((s) => s.values.seed);
  if (!grammar || !source) return null;
  const name = `deg-${source.kind === 'pasted' ? 'pasted' : source.id}-seed${seed}-${grammar.epoch > 0 ? `epoch${grammar.epoch}` : 'untrained'}-${grammar.samples.length}.txt`;
  const download = () => {
    const text = grammar.samples.map((s) => s.smiles).join('\n') + '\n';
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <p>
      <button type="button" className="btn" data-testid="grammar-export" onClick={download}>
        Download the {grammar.samples.length} SMILES (.txt)
      </button>
    </p>
  );
}

export function PastePanel() {
  const [text, setText] = useState('');
  const pasted = usePasted((s) => s.text);
  const use = usePasted((s) => s.use);
  const clear = usePasted((s) => s.clear);
  const prepared = useGrammarLive((s) => s.prepared);
  const lines = text.split(/\r?\n/).length;
  const tooMany = lines > MAX_USER_LINES;
  const problems = prepared?.source.kind === 'pasted' ? prepared.problems : [];
  const notes = prepared?.source.kind === 'pasted' ? prepared.notes : [];
  return (
    <div data-testid="grammar-paste">
      <label className="field">
        <span>One SMILES per line, at most {MAX_USER_LINES} lines (stereo and isotopes are removed, with a note)</span>
        <textarea
          rows={6}
          className="mono"
          value={text}
          data-testid="grammar-paste-input"
          onChange={(e) => setText(e.target.value)}
          spellCheck={false}
          placeholder={'O=C=Nc1ccc(N=C=O)cc1\nCC(=C)C(=O)OCCO'}
        />
      </label>
      <div className="field-row">
        <button type="button" className="btn" data-testid="grammar-paste-build" disabled={!text.trim() || tooMany} onClick={() => use(text)}>
          Build a grammar from this list
        </button>
        {pasted !== null && (
          <button type="button" className="btn" data-testid="grammar-paste-clear" onClick={clear}>
            Back to the dataset
          </button>
        )}
        <span className={`small ${tooMany ? 'field-error' : 'muted'}`}>
          {lines} line{lines === 1 ? '' : 's'}
          {tooMany ? `: keep at most ${MAX_USER_LINES}` : ''}
        </span>
      </div>
      {pasted !== null && (
        <p className="small muted" data-testid="grammar-paste-in-use">
          The run uses your list ({pasted.split(/\r?\n/).filter((l) => l.trim()).length} non-empty lines); a list with no usable molecule stops the run with the lines named above.
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" data-testid="grammar-paste-errors" data-count={problems.length}>
          <p className="small">
            {problems.length} line{problems.length === 1 ? '' : 's'} skipped; the grammar was built from the other {prepared?.molecules.length}:
          </p>
          <ul className="small">
            {problems.map((p) => (
              <li key={p.line}>
                Line {p.line}: <span className="mono">{p.text || '(empty)'}</span>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {notes.length > 0 && (
        <ul className="small muted" data-testid="grammar-paste-notes">
          {notes.map((p) => (
            <li key={p.line}>
              Line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
