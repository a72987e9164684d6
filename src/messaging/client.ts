import browser from 'webextension-polyfill';
import type { z } from 'zod/mini';
import { Envelope, pageProtocol, protocol, type MessageType, type PageMessageType, type PageRequest, type PageResponse, type ProtocolMap, type Request, type Response } from './protocol';

export class MessageError extends Error {}

/** Checks a reply against its envelope and the message's response schema. */
export function parseReply<P extends ProtocolMap, K extends keyof P & string>(spec: P, type: K, raw: unknown): z.output<P[K]['response']> {
  const env = Envelope.safeParse(raw);
  if (!env.success) throw new MessageError(`${type}: malformed reply`);
  if (!env.data.ok) throw new MessageError(`${type}: ${env.data.error}`);
  const body = spec[type]!.response.safeParse(env.data.data);
  if (!body.success) throw new MessageError(`${type}: reply does not match its schema: ${body.error.issues[0]?.message ?? ''}`);
  return body.data as z.output<P[K]['response']>;
}

/** Sends a typed request to the background and parses the reply at the boundary. */
export async function send<K extends MessageType>(request: Request<K> & { type: K }): Promise<Response<K>> {
  const raw: unknown = await browser.runtime.sendMessage(request);
  return parseReply(protocol, request.type, raw) as Response<K>;
}

/**
 * Sends a typed request to a tab's content script (top frame unless told otherwise) and parses
 * the reply. Rejects when no content script of ours runs there.
 */
export async function sendToTab<K extends PageMessageType>(tabId: number, request: PageRequest<K> & { type: K }, frameId = 0): Promise<PageResponse<K>> {
  const raw: unknown = await browser.tabs.sendMessage(tabId, request, { frameId });
  return parseReply(pageProtocol, request.type, raw) as PageResponse<K>;
}
