import { authResource, meResource, tokensResource } from './resources/account';
import { checkinsResources } from './resources/checkins';
import { eventsResource, fieldsResource, labelsResource, typesResource, viewsResource } from './resources/config';
import { intakeResources } from './resources/intake';
import { invitesResource, membersResource, teamsResource, workspacesResource } from './resources/people';
import { routinesResources } from './resources/routines';
import { templatesResources } from './resources/templates';
import { commentsResource, itemsResource, spacesResource, statusesResource } from './resources/work';
import { type ClientOptions, createTransport } from './transport';

/** A typed client of the Weft REST API, grouped by resource; every method throws `WeftApiError` on a problem answer. */
export function createClient(options: ClientOptions) {
  const t = createTransport(options);
  return {
    /** The generic escape hatch every method below is a thin wrapper of. */
    request: t.request,
    auth: authResource(t),
    me: meResource(t),
    tokens: tokensResource(t),
    workspaces: workspacesResource(t),
    members: membersResource(t),
    invites: invitesResource(t),
    teams: teamsResource(t),
    spaces: spacesResource(t),
    statuses: statusesResource(t),
    items: itemsResource(t),
    comments: commentsResource(t),
    fields: fieldsResource(t),
    labels: labelsResource(t),
    types: typesResource(t),
    views: viewsResource(t),
    events: eventsResource(t),
    ...routinesResources(t),
    ...intakeResources(t),
    ...checkinsResources(t),
    ...templatesResources(t),
  };
}

export type WeftClient = ReturnType<typeof createClient>;
