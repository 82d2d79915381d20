// The one place where failures become HTTP answers: `{error:{code,message,details}}`, a 4xx for
// anything the caller can fix, a 500 only for our own bugs (logged, never detailed).
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isDomainError } from '../kernel/errors.ts';

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

function validationMessage(err: FastifyError): { message: string; details: Record<string, unknown> } {
  const v = (err.validation ?? [])[0] as any;
  const where = `${err.validationContext ?? 'body'}${v?.instancePath ? v.instancePath.replace(/\//g, '.') : ''}`;
  if (v?.keyword === 'additionalProperties') {
    const field = v.params?.additionalProperty;
    return { message: `${where} has an unknown field "${field}". Remove it; see /api/docs for the accepted fields.`, details: { field } };
  }
  if (v?.keyword === 'required') {
    return { message: `${where} is missing the required field "${v.params?.missingProperty}".`, details: { field: v.params?.missingProperty } };
  }
  return { message: `${where} ${v?.message ?? 'is invalid'}.`, details: { path: where, rule: v?.keyword } };
}

export function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (isDomainError(err)) {
    reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    return;
  }
  if (err.validation) {
    const { message, details } = validationMessage(err);
    reply.status(400).send(errorBody('request.invalid', message, details));
    return;
  }
  const known: Record<string, [number, string, string]> = {
    FST_ERR_CTP_INVALID_JSON_BODY: [400, 'request.malformed_json', 'The request body is not valid JSON.'],
    FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'request.malformed_json', 'The request says it is JSON but has an empty body.'],
    FST_ERR_CTP_BODY_TOO_LARGE: [413, 'request.too_large', 'The request body is larger than this endpoint accepts.'],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'request.unsupported_media_type', 'Send the body as application/json.'],
    FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'request.bad_length', 'The Content-Length header does not match the body.'],
  };
  const k = err.code ? known[err.code] : undefined;
  if (k) {
    reply.status(k[0]).send(errorBody(k[1], k[2]));
    return;
  }
  if (err instanceof SyntaxError || /JSON/.test(err.message) && (err.statusCode ?? 500) < 500) {
    reply.status(400).send(errorBody('request.malformed_json', 'The request body is not valid JSON.'));
    return;
  }
  if (err.statusCode === 429) {
    // the rate limiter throws the body its errorResponseBuilder made; keep its message (with the wait)
    const built = (err as unknown as { error?: { message?: string } }).error?.message;
    reply.status(429).send(errorBody('rate_limited', built || err.message || 'Too many requests; wait a moment and try again.'));
    return;
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    reply.status(err.statusCode).send(errorBody('request.invalid', err.message));
    return;
  }
  req.log.error({ err }, 'unhandled error');
  reply.status(500).send(errorBody('internal', 'Something went wrong on the server. It has been logged; try again, and tell your admin if it persists.'));
}
