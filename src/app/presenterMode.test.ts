import { describe, expect, it } from 'vitest';
import { consoleAddress, consumePresenter } from './presenterMode';

describe('the presenter console link', () => {
  it('takes presenter=<id> out of the address and names the stage', () => {
    expect(consumePresenter('#/ntl?seed=3&presenter=abc123def')).toEqual({ consoleFor: 'abc123def', hash: '#/ntl?seed=3' });
    expect(consumePresenter('#/ntl?seed=3')).toEqual({ consoleFor: null, hash: '#/ntl?seed=3' });
    // a malformed id is dropped from the address and names no stage
    expect(consumePresenter('#/?presenter=%3Cscript%3E')).toEqual({ consoleFor: null, hash: '#/' });
  });

  it("builds the console's address: the stage's settings, its id, projector mode off", () => {
    expect(consoleAddress('#/ilqr?system=lorenz&present=1', 'abc123def')).toBe('#/ilqr?system=lorenz&presenter=abc123def&present=0');
    expect(consoleAddress('#/', 'abc123def')).toBe('#/?presenter=abc123def&present=0');
    expect(consumePresenter(consoleAddress('#/ntl?seed=2', 'abc123def'))).toEqual({ consoleFor: 'abc123def', hash: '#/ntl?seed=2&present=0' });
  });
});
