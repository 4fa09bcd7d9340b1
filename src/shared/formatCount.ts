/** Number formatting that React-free code (demo cores, worker sessions) and pages share. */

/**
 * "12,345": a whole count with thousands separators, as `n.toLocaleString('en-US')` writes it but
 * without Intl: the first Intl number format of a page loads ICU's locale data, which cost NTL's
 * first render about 80 ms of main thread (300 ms on a 4× throttled phone profile). Non-integers
 * fall back to toLocaleString.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
