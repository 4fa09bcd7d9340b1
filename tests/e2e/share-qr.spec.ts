/**
 * The QR code of the current view (issue #15): `share-qr` opens a dialog whose code decodes (jsQR,
 * here in Node) to the page's link, both from the canvas's own pixels and from a screenshot of what
 * the screen shows; the dialog works from the keyboard (Enter opens, Esc closes, focus returns);
 * the encoder is loaded only when the dialog opens, and until it has drawn the code no blank canvas is
 * shown (or read); the code fits a phone and fills a projector.
 */
import jsQR from 'jsqr';
import { expect, test, type Page } from '@playwright/test';
import { waitForPage, watchErrors } from './helpers';

/** The layout and the decoding do not depend on the tfjs backend: once. */
function onceOnly(info: { project: { name: string } }): void {
  test.skip(info.project.name !== 'webgl', 'the dialog does not depend on the backend: once');
}

/** RGBA of an image in the page (a canvas, or PNG bytes decoded by the browser), for jsQR in Node. */
async function canvasPixels(page: Page): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const { width, height, b64 } = await page.getByTestId('share-qr-canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, b64: btoa(s) };
  });
  return { width, height, data: new Uint8ClampedArray(Buffer.from(b64, 'base64')) };
}

async function pngPixels(page: Page, png: Buffer): Promise<{ width: number; height: number; data: Uint8ClampedArray }> {
  const { width, height, b64 } = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, b64: btoa(s) };
  }, `data:image/png;base64,${png.toString('base64')}`);
  return { width, height, data: new Uint8ClampedArray(Buffer.from(b64, 'base64')) };
}

function decode(img: { width: number; height: number; data: Uint8ClampedArray }): string | null {
  return jsQR(img.data, img.width, img.height)?.data ?? null;
}

/** Requests for the encoder's chunk (uqr's code has the string "Data too long" in it). */
function watchScripts(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    if (!/\.m?js(\?|$)/.test(res.url())) return;
    try {
      bodies.push(await res.text());
    } catch {
      // a body the page no longer needs
    }
  });
  return bodies;
}

test.describe('QR code of the current view', () => {
  test('decodes to the current link, from the canvas and from the screen; Esc closes and focus returns', async ({ page }, info) => {
    onceOnly(info);
    await page.setViewportSize({ width: 1280, height: 720 });
    const watch = watchErrors(page);
    const scripts = watchScripts(page);
    await page.goto('./#/einops?seed=7');
    await waitForPage(page);
    await page.waitForLoadState('networkidle');
    expect(scripts.some((s) => s.includes('Data too long')), 'the encoder is not loaded with the page').toBe(false);

    const button = page.getByTestId('share-qr');
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('share-qr-dialog');
    await expect(dialog).toBeVisible();
    const canvas = page.getByTestId('share-qr-canvas');
    await expect(canvas).toBeVisible();
    // Focus is inside the dialog (on its Close button).
    await expect(page.getByTestId('share-qr-close')).toBeFocused();

    const href = page.url();
    expect(href).toContain('#/einops');
    expect(href).toContain('seed=7');
    await expect(page.getByTestId('share-qr-link')).toHaveText(href);
    expect(decode(await canvasPixels(page)), 'the canvas pixels').toBe(href);
    expect(decode(await pngPixels(page, await canvas.screenshot())), 'a screenshot of the code as shown').toBe(href);
    expect(scripts.some((s) => s.includes('Data too long')), 'the encoder arrived when the dialog opened').toBe(true);

    // Big enough for a projector: at 1280×720 the code is at least 60% of the screen's height.
    const box = (await canvas.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(0.6 * 720);
    expect(box.y + box.height).toBeLessThanOrEqual(720);

    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
    expect(watch.errors()).toEqual([]);
  });

  test.describe('while the encoder loads', () => {
    // The offline service worker would serve the chunk itself, past page.route.
    test.use({ serviceWorkers: 'block' });
    test('the dialog says so and shows no blank code', async ({ page }, info) => {
      onceOnly(info);
      await page.goto('./#/einops?seed=7');
      await waitForPage(page);
      // Hold the encoder's chunk back (found by its content) until the loading state has been checked.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(/\.m?js(\?|$)/, async (route) => {
        const res = await route.fetch();
        const body = await res.text();
        if (body.includes('Data too long')) await held;
        await route.fulfill({ response: res, body });
      });
      await page.getByTestId('share-qr').click();
      await expect(page.getByTestId('share-qr-dialog').getByRole('status')).toContainText('Making the code');
      // The canvas is in the dialog but not shown: a blank white square would read as a broken code.
      const canvas = page.getByTestId('share-qr-canvas');
      await expect(canvas).toBeHidden();
      expect((await canvas.boundingBox()) ?? null).toBeNull();
      release();
      await expect(canvas).toBeVisible();
      // Visible means drawn: no waiting for pixels.
      expect(decode(await canvasPixels(page))).toBe(page.url());
      await expect(page.getByTestId('share-qr-dialog').getByRole('status')).toHaveCount(0);
    });
  });

  test('follows the view: after a setting changes, the code holds the new link', async ({ page }, info) => {
    onceOnly(info);
    await page.goto('./#/ntl');
    await waitForPage(page);
    await page.getByTestId('share-qr').click();
    // The canvas is shown only once its code is drawn (the test above holds the encoder back to check).
    await expect(page.getByTestId('share-qr-canvas')).toBeVisible();
    expect(decode(await canvasPixels(page))).toBe(page.url());
    await page.getByTestId('share-qr-close').click();
    await expect(page.getByTestId('share-qr-dialog')).toHaveCount(0);

    // Another seed through the address, as a shared link would carry it.
    await page.evaluate(() => (window.location.hash = '#/ntl?seed=42'));
    await expect(page.getByTestId('seed')).toHaveText('42');
    await page.getByTestId('share-qr').click();
    await expect(page.getByTestId('share-qr-canvas')).toBeVisible();
    expect(decode(await canvasPixels(page))).toBe(page.url());
    expect(page.url()).toContain('seed=42');
    // A click on the backdrop closes it too.
    await page.mouse.click(5, 5);
    await expect(page.getByTestId('share-qr-dialog')).toHaveCount(0);
  });

  test('fits a 375 px phone screen and still decodes', async ({ page }, info) => {
    onceOnly(info);
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto('./#/einops');
    await waitForPage(page);
    await page.getByTestId('share-qr').click();
    const canvas = page.getByTestId('share-qr-canvas');
    await expect(canvas).toBeVisible();
    const box = (await canvas.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(box.width).toBeGreaterThanOrEqual(250);
    const dialogBox = (await page.getByTestId('share-qr-dialog').boundingBox())!;
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(375);
    expect(decode(await pngPixels(page, await canvas.screenshot()))).toBe(page.url());
  });
});
