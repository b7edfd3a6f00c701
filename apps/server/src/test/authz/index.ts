import { accountCases, publicCases as accountPublicCases } from './account';
import { checkinsCases } from './checkins';
import { configCases } from './config';
import { conversationCases } from './conversation';
import { intakeCases, intakePublicCases } from './intake';
import { itemCases } from './items';
import { peopleCases } from './people';
import { realtimeCases } from './realtime';
import { routinesCases } from './routines';
import { spaceCases } from './spaces';
import { templatesCases } from './templates';
import type { AuthzCase } from './types';
import { workspaceCases } from './workspaces';

/** Routes anyone may call, area by area. */
export const publicCases = [...accountPublicCases, ...intakePublicCases];
export type { AuthzCase, Expect, PublicCase, Req } from './types';

/** Every case of the authorization matrix, area by area. */
export const AUTHZ_CASES: AuthzCase[] = [...accountCases, ...workspaceCases, ...peopleCases, ...spaceCases, ...itemCases, ...conversationCases, ...configCases, ...routinesCases, ...intakeCases, ...checkinsCases, ...templatesCases, ...realtimeCases];

/** The name a case runs under: its route key, and its variant when a route has several. */
export const caseName = (c: AuthzCase): string => (c.variant ? `${c.route} (${c.variant})` : c.route);
