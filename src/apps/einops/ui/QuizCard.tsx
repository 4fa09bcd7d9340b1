import { useId, useState, type FormEvent } from 'react';
import { parseShapeGuess } from '../core/quiz';

/**
 * Predict, then reveal (as the einops tutorial's "guess the shape" questions): the output of a gallery
 * pattern stays hidden until the user has guessed its shape.
 */
export function QuizCard({
  pattern,
  inputShape,
  answer,
  onReveal,
}: {
  pattern: string;
  inputShape: readonly number[];
  answer: readonly number[];
  onReveal: (verdict: string) => void;
}) {
  const [guess, setGuess] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseShapeGuess(guess);
    if (!parsed) {
      setProblem('Type the lengths as numbers, e.g. 96 576 3 (or press "Just show me").');
      return;
    }
    const right = parsed.length === answer.length && parsed.every((v, i) => v === answer[i]);
    const shape = `(${answer.join(', ')})`;
    onReveal(right ? `Right: the output shape is ${shape}.` : `Not quite: you said (${parsed.join(', ')}), the output shape is ${shape}.`);
  };
  return (
    <form className="einops-quiz" onSubmit={submit} data-testid="quiz">
      <label htmlFor={id}>
        Guess first: what shape does <code>{pattern}</code> give for an input of shape ({inputShape.join(', ')})?
      </label>
      <div className="einops-quiz-row">
        <input id={id} data-testid="quiz-guess" value={guess} onChange={(e) => setGuess(e.target.value)} placeholder="e.g. 96 576 3" autoComplete="off" />
        <button type="submit" className="btn">
          Check
        </button>
        <button type="button" className="btn" onClick={() => onReveal('')}>
          Just show me
        </button>
      </div>
      {problem && <p className="einops-hint">{problem}</p>}
    </form>
  );
}
