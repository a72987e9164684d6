import browser from 'webextension-polyfill';
import { Envelope, protocol, type MessageType, type Request, type Response } from './protocol';

export class MessageError extends Error {}

/** Sends a typed request to the background and parses the reply at the boundary. */
export async function send<K extends MessageType>(request: Request<K> & { type: K }): Promise<Response<K>> {
  const raw: unknown = await browser.runtime.sendMessage(request);
  const env = Envelope.safeParse(raw);
  if (!env.success) throw new MessageError(`${request.type}: malformed reply`);
  if (!env.data.ok) throw new MessageError(`${request.type}: ${env.data.error}`);
  const body = protocol[request.type].response.safeParse(env.data.data);
  if (!body.success) throw new MessageError(`${request.type}: reply does not match its schema: ${body.error.issues[0]?.message ?? ''}`);
  return body.data as Response<K>;
}
