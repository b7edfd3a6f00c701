import type * as d from '@weft/domain';
import type { z } from 'zod';

// Requests are typed by what the schema accepts (defaults optional), responses by what it produces.
type In<S extends z.ZodType> = z.input<S>;
type Out<S extends z.ZodType> = z.output<S>;

/** A page of a list; `nextCursor` is null on the last page. */
export type Page<T> = { data: T[]; nextCursor: string | null };
export type PageParams = { cursor?: string; limit?: number };

export type User = Out<typeof d.User>;
export type SignupInput = In<typeof d.SignupInput>;
export type LoginInput = In<typeof d.LoginInput>;
export type UpdateMeInput = In<typeof d.UpdateMeInput>;
export type ApiToken = Out<typeof d.ApiToken>;
export type CreatedToken = Out<typeof d.CreatedToken>;
export type CreateTokenInput = In<typeof d.CreateTokenInput>;

export type Workspace = Out<typeof d.Workspace>;
export type CreateWorkspaceInput = In<typeof d.CreateWorkspaceInput>;
export type UpdateWorkspaceInput = In<typeof d.UpdateWorkspaceInput>;
export type Member = Out<typeof d.Member>;
export type UpdateMemberInput = In<typeof d.UpdateMemberInput>;
export type Invite = Out<typeof d.Invite>;
export type CreatedInvite = Out<typeof d.CreatedInvite>;
export type CreateInviteInput = In<typeof d.CreateInviteInput>;
export type AcceptedInvite = { workspaceId: string; role: d.Role };
export type Team = Out<typeof d.Team>;
export type CreateTeamInput = In<typeof d.CreateTeamInput>;
export type UpdateTeamInput = In<typeof d.UpdateTeamInput>;

export type Space = Out<typeof d.Space>;
export type CreateSpaceInput = In<typeof d.CreateSpaceInput>;
export type UpdateSpaceInput = In<typeof d.UpdateSpaceInput>;
export type SpaceMembersInput = In<typeof d.SpaceMembersInput>;
export type SpaceListParams = PageParams & { archived?: boolean };
export type Status = Out<typeof d.Status>;
export type CreateStatusInput = In<typeof d.CreateStatusInput>;
export type UpdateStatusInput = In<typeof d.UpdateStatusInput>;
export type ReorderStatusesInput = In<typeof d.ReorderStatusesInput>;

export type Item = Out<typeof d.Item>;
export type ItemLink = Out<typeof d.ItemLink>;
export type CreateItemInput = In<typeof d.CreateItemInput>;
export type UpdateItemInput = In<typeof d.UpdateItemInput>;
export type MoveItemInput = In<typeof d.MoveItemInput>;
export type LinkInput = In<typeof d.LinkInput>;
export type BulkInput = In<typeof d.BulkInput>;
/** `q` is the query language (`assignee:me is:open label:bug`). */
export type ItemQueryParams = PageParams & { q?: string; deleted?: boolean };
export type ItemQueryPage = Page<Item> & { group: string | null };
export type Activity = Out<typeof d.Activity>;
export type Comment = Out<typeof d.Comment>;
export type CreateCommentInput = In<typeof d.CreateCommentInput>;
export type UpdateCommentInput = In<typeof d.UpdateCommentInput>;

export type Field = Out<typeof d.Field>;
export type CreateFieldInput = In<typeof d.CreateFieldInput>;
export type UpdateFieldInput = In<typeof d.UpdateFieldInput>;
export type Label = Out<typeof d.Label>;
export type CreateLabelInput = In<typeof d.CreateLabelInput>;
export type UpdateLabelInput = In<typeof d.UpdateLabelInput>;
export type ItemType = Out<typeof d.ItemType>;
export type CreateItemTypeInput = In<typeof d.CreateItemTypeInput>;
export type View = Out<typeof d.View>;
export type CreateViewInput = In<typeof d.CreateViewInput>;
export type UpdateViewInput = In<typeof d.UpdateViewInput>;
export type SpaceScopedParams = PageParams & { spaceId?: string };

export type WeftEvent = Out<typeof d.Event>;
export type EventsPage = { data: WeftEvent[]; nextSince: number };
