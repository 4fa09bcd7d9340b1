import { NtlPage } from './ui/NtlPage';

/** Route #/ntl: train a digit CNN with Non-Transferable Learning in a Web Worker and watch the target domain break. */
export default function NtlDemo() {
  return <NtlPage />;
}
