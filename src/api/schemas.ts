// Schema pieces shared by route files. Bodies are closed (additionalProperties: false) so a typo
// in a field name is a 400, not a silently ignored field.
import { Type, type TObject, type TProperties } from '@sinclair/typebox';

export const Body = <T extends TProperties>(props: T) => Type.Object(props, { additionalProperties: false });

export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }),
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

export const Str = (max = 200, min = 0) => Type.String({ minLength: min, maxLength: max });
export const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export type { TObject };
