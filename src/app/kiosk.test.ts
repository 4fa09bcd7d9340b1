import { describe, expect, it } from 'vitest';
import { consumeKiosk, DEFAULT_DWELL_S, DEFAULT_IDLE_S, shouldReload } from './kiosk';

describe('attract mode links', () => {
  it('reads kiosk, dwell and idle and takes them out of the address', () => {
    expect(consumeKiosk('#/?kiosk=1&dwell=5')).toEqual({ kiosk: { dwell: 5, idle: DEFAULT_IDLE_S }, hash: '#/' });
    expect(consumeKiosk('#/ntl?seed=3&kiosk=1&idle=30')).toEqual({ kiosk: { dwell: DEFAULT_DWELL_S, idle: 30 }, hash: '#/ntl?seed=3' });
    expect(consumeKiosk('#/?kiosk=0')).toEqual({ kiosk: false, hash: '#/' });
    expect(consumeKiosk('#/ntl?seed=3')).toEqual({ kiosk: null, hash: '#/ntl?seed=3' });
    // out-of-range or malformed durations fall back to the defaults
    expect(consumeKiosk('#/?kiosk=1&dwell=0&idle=abc').kiosk).toEqual({ dwell: DEFAULT_DWELL_S, idle: DEFAULT_IDLE_S });
    expect(consumeKiosk('#/?kiosk=1&dwell=99999').kiosk).toEqual({ dwell: DEFAULT_DWELL_S, idle: DEFAULT_IDLE_S });
  });
});

describe('the memory watchdog', () => {
  const r = (tensors: number | null, bytes = 0, heap: number | null = 50e6) => ({ tensors, bytes, heap });
  it('keeps a page whose memory is flat or noisy', () => {
    expect(shouldReload([r(40), r(40), r(40), r(40), r(40)])).toBe(false);
    expect(shouldReload([r(40), r(45), r(41), r(60), r(44)])).toBe(false);
    expect(shouldReload([r(null, 0, null), r(null, 0, null)])).toBe(false);
  });
  it('reloads when tensors keep growing by a lot, or the heap doubles', () => {
    expect(shouldReload([r(40), r(140), r(240), r(340)])).toBe(true);
    // growing, but by less than the margin: not yet
    expect(shouldReload([r(40), r(50), r(60), r(70)])).toBe(false);
    expect(shouldReload([r(40, 0, 50e6), r(40, 0, 120e6)])).toBe(true);
  });
});
