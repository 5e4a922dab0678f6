// Reviewer sign-in, sessions and the reviewer admin.
import { type Static, Type } from 'typebox';
import { Identifier } from '../identifiers';

export const ReviewerRole = Type.Union([
  Type.Literal('reviewer'),
  Type.Literal('lead'),
  Type.Literal('admin'),
]);
export type ReviewerRole = Static<typeof ReviewerRole>;

export const ReviewerView = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: ReviewerRole,
});
export type ReviewerView = Static<typeof ReviewerView>;

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionView = Type.Object({ reviewer: ReviewerView, csrfToken: Type.String() });
export type SessionView = Static<typeof SessionView>;

export const CreateReviewerBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 12, maxLength: 1024 }),
    role: ReviewerRole,
  },
  { additionalProperties: false },
);
export type CreateReviewerBody = Static<typeof CreateReviewerBody>;

export const ReviewerList = Type.Object({ reviewers: Type.Array(ReviewerView) });
export type ReviewerList = Static<typeof ReviewerList>;

export const ReviewerIdParams = Type.Object({ id: Identifier('The reviewer id', 64) });
export type ReviewerIdParams = Static<typeof ReviewerIdParams>;
