import { EinopsPage } from './ui/EinopsPage';

/** Route #/einops: type an einops pattern, see what it does to the letters of "einops". */
export default function EinopsDemo() {
  return <EinopsPage />;
}
