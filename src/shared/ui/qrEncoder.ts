/** The QR encoder's own chunk (named after this file in the build): ShareQrButton imports it when its dialog opens. */
export { encode } from 'uqr';
