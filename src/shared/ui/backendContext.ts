import { createContext, useContext } from 'react';
import type { BackendInfo } from '../tf';

/** The live tfjs backend, provided by DemoFrame once `initBackend` has resolved (null before, or without tfjs). */
export const BackendInfoContext = createContext<BackendInfo | null>(null);

export function useBackendInfo(): BackendInfo | null {
  return useContext(BackendInfoContext);
}
