/**
 * The error of a computation whose WebGL context was lost, in a module without tfjs, so that code
 * which only names or throws it (the training worker's handlers, the page's controller) does not
 * pull tfjs in. Re-exported by `src/shared/tf/index.ts`.
 */

/** What a computation throws when the WebGL context under it was lost (its results would be garbage). */
export class ContextLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContextLostError';
  }
}
