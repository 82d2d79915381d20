// The JSON answer of one API operation, read from the generated API document types (schema.d.ts),
// for answers that have no named component. Named ones are aliased as components['schemas'][…].
import type { paths } from './schema.d.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Json<R> = R extends { content: { 'application/json': infer J } } ? J : never;

/** `Answer<'/api/v1/escalations/definitions'>`: the 2xx JSON body of GET (or `M`) on that path. */
export type Answer<P extends keyof paths, M extends Method = 'get'> =
  paths[P][M] extends { responses: infer R } ? Json<R[keyof R & (200 | 201 | 202)]> : never;
