import { IlqrPage } from './ui/IlqrPage';

/** Route #/ilqr: learn input-driven dynamics with iLQR-VAE in a Web Worker and watch iLQR infer the hidden inputs. */
export default function IlqrDemo() {
  return <IlqrPage />;
}
