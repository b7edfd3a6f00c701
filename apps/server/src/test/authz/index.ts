import { accountCases, publicCases } from './account';
import { configCases } from './config';
import { conversationCases } from './conversation';
import { itemCases } from './items';
import { peopleCases } from './people';
import { spaceCases } from './spaces';
import type { AuthzCase } from './types';
import { workspaceCases } from './workspaces';

export { publicCases };
export type { AuthzCase, Expect, PublicCase, Req } from './types';

/** Every case of the authorization matrix, area by area. */
export const AUTHZ_CASES: AuthzCase[] = [...accountCases, ...workspaceCases, ...peopleCases, ...spaceCases, ...itemCases, ...conversationCases, ...configCases];

/** The name a case runs under: its route key, and its variant when a route has several. */
export const caseName = (c: AuthzCase): string => (c.variant ? `${c.route} (${c.variant})` : c.route);
