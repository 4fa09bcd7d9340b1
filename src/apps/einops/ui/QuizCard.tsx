import { useId, useState, type FormEvent } from 'react';
import { explainAnswer, givenLengthsText, judgeGuess, parseShapeGuess, type QuizQuestion } from '../core/quiz';

/** What the page shows once the quiz is over: the verdict and why the shape is what it is. */
export interface QuizResult {
  text: string;
  explanation: string[];
}

const shapeText = (s: readonly number[]) => `(${s.join(', ')})`;

/**
 * Predict, then reveal (as the einops tutorial's "guess the shape" questions): the output of a gallery
 * pattern stays hidden until the user guesses its shape. A wrong guess gets a hint and another try;
 * the answer is worked out when it is found or asked for.
 */
export function QuizCard({ question, onReveal }: { question: QuizQuestion; onReveal: (result: QuizResult) => void }) {
  const [guess, setGuess] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [wrong, setWrong] = useState<{ guess: number[]; hint: string }[]>([]);
  const id = useId();
  const answer = shapeText(question.answer);
  const given = givenLengthsText(question.lengths);
  const last = wrong.length > 0 ? wrong[wrong.length - 1] : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = parseShapeGuess(guess);
    if (!parsed) {
      setProblem('Type the lengths as numbers, e.g. 96 576 3 (or press "Just show me").');
      return;
    }
    setProblem(null);
    const verdict = judgeGuess(question, parsed);
    if (verdict.right) {
      const text = wrong.length === 0 ? `Right: the output shape is ${answer}.` : `Right on try ${wrong.length + 1}: the output shape is ${answer}.`;
      onReveal({ text, explanation: explainAnswer(question) });
      return;
    }
    setWrong([...wrong, { guess: parsed, hint: verdict.hint }]);
  };

  const giveUp = () => {
    const text = last ? `Not quite: you said ${shapeText(last.guess)}, the output shape is ${answer}.` : `The output shape is ${answer}.`;
    onReveal({ text, explanation: explainAnswer(question) });
  };

  const call = question.op === 'reduce' ? `reduce '${question.reduction}'` : question.op;
  return (
    <form className="einops-quiz" onSubmit={submit} data-testid="quiz">
      <label htmlFor={id}>
        Guess first: what shape does {call} <code>{question.pattern}</code> give for an input of shape {shapeText(question.inputShape)}?
      </label>
      <p className="small" data-testid="quiz-lengths">
        {given ? (
          <>
            Given lengths: <code>{given}</code> (from the lengths box).
          </>
        ) : (
          'No lengths are given: every length comes from the input shape.'
        )}
      </p>
      <div className="einops-quiz-row">
        <input
          id={id}
          data-testid="quiz-guess"
          value={guess}
          onChange={(e) => setGuess(e.target.value)}
          placeholder="e.g. 96 576 3"
          autoComplete="off"
          aria-describedby={`${id}-feedback`}
        />
        <button type="submit" className="btn">
          {wrong.length > 0 ? 'Check again' : 'Check'}
        </button>
        <button type="button" className="btn" onClick={giveUp}>
          Just show me
        </button>
      </div>
      <div id={`${id}-feedback`} role="status">
        {problem && <p className="einops-hint">{problem}</p>}
        {last && !problem && (
          <p className="einops-quiz-feedback" data-testid="quiz-feedback">
            Not quite: {shapeText(last.guess)} is not it{wrong.length > 1 ? ` (try ${wrong.length})` : ''}. <strong>Hint:</strong> {last.hint} Try again, or
            press "Just show me".
          </p>
        )}
      </div>
    </form>
  );
}
