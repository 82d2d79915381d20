// The one place where failures become HTTP answers: `{error:{code,message,details}}`, a 4xx for
// anything the caller can fix, a 500 only for our own bugs (logged, never detailed).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
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

// Errors Fastify meets before any route runs (the router cannot decode the path, or a path
// parameter is longer than maxParamLength) answer in the same shape as everything else.
export function handleFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_BAD_URL') {
    reply.status(400).send(errorBody('request.bad_url', 'The URL is not valid: check its percent-encoding (a "%" must be followed by two hex digits of valid UTF-8).'));
    return;
  }
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    reply.status(414).send(errorBody('request.id_too_long', 'A path segment (an id or name in the URL) is longer than any Hotline id; check the URL.'));
    return;
  }
  handleError(err, req, reply);
}

// Errors Node's HTTP parser meets before Fastify sees a request (headers or URL too large, a
// malformed request line, a client that stalls): written straight to the socket, still our shape.
export function handleClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, errorBody('request.timeout', 'The request took too long to arrive; send it again.')]
    : err.code === 'HPE_HEADER_OVERFLOW' ? [431, errorBody('request.headers_too_large', 'The URL or headers are larger than this server accepts.')]
    : [400, errorBody('request.malformed', 'The request is not valid HTTP.')];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(err);
}
