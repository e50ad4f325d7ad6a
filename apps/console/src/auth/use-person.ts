import { useSyncExternalStore } from 'react';
import { currentToken, onSessionChange, type Person, currentPerson } from './session';

/** The signed-in person, re-rendered on sign-in and sign-out. */
export function usePerson(): Person | null {
  const token = useSyncExternalStore(onSessionChange, currentToken);
  return token === null ? null : currentPerson();
}
