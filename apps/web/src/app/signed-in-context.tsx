import { createContext, useContext } from 'react';
import type { ApiClient } from '../api/api-client.js';
import type { ConnectionStatusStore } from '../api/connection-status.js';
import type { AuthInfo, Me } from '../api/trpc-react.js';

export interface SignedIn {
  readonly me: Me;
  readonly client: ApiClient;
  readonly connection: ConnectionStatusStore;
  readonly info: AuthInfo;
  /** Asks for a fresh token (after the server refused one); the socket reconnects with it. */
  readonly renewToken: () => void;
}

export const SignedInContext = createContext<SignedIn | null>(null);

export function useSignedIn(): SignedIn {
  const value = useContext(SignedInContext);
  if (!value) throw new Error('useSignedIn is for screens behind sign-in');
  return value;
}

export function canSeeInsights(me: Pick<Me, 'roles'>): boolean {
  return me.roles.includes('Manager') || me.roles.includes('Admin');
}

/** Practice needs a role to play it under (the scenario library is open to every role). */
export function canPractise(me: Pick<Me, 'roles'>): boolean {
  return me.roles.length > 0;
}

/** Approvals: reps and managers ask and decide; Admins read the audit log there. */
export function canSeeApprovals(me: Pick<Me, 'roles'>): boolean {
  return ['Sales', 'Manager', 'Admin'].some((role) => me.roles.includes(role));
}

/** The tool-call audit log is for Managers and Admins (those who see insights). */
export const canReadAudit = canSeeInsights;
