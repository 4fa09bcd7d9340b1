import { StyleAlignPage } from './ui/StyleAlignPage';

/** Route #/stylealign: one latent through a parent generator, its fine-tuned child and a scratch child; fine-tune a child live and see what stays aligned. */
export default function StyleAlignDemo() {
  return <StyleAlignPage />;
}
