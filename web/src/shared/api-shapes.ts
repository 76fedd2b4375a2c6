import type { paths } from './api-types';

/**
 * The apps name the server's answers through these, never by hand: `Answer<'/orders/{id}'>` is
 * what `GET /api/v1/orders/{id}` answers when it succeeds, as the server's OpenAPI document says
 * (api-types.ts is generated from it by `npm run api:types`).
 */
type V1 = { [P in keyof paths as P extends `/api/v1${infer Rest}` ? Rest : never]: paths[P] };

export type ApiPath = keyof V1;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Json<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Success<Op> = Op extends { responses: infer R } ? Json<R[Extract<keyof R, 200 | 201>]> : never;

/** The JSON a successful `method path` answers with (200 or 201). */
export type Answer<P extends ApiPath, M extends Method = 'get'> = Success<V1[P][M]>;

/** The JSON body `method path` takes. */
export type RequestBody<P extends ApiPath, M extends Method = 'post'> = V1[P][M] extends { requestBody?: infer B }
  ? Json<NonNullable<B>>
  : never;
