import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Parley-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The timestamp is
 * inside the signed text so a receiver can refuse replays older than its tolerance.
 */
export const signatureHeader = (secret: string, body: string, timestampSeconds: number): string =>
  `t=${timestampSeconds},v1=${createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex')}`;

/** What a receiver runs (README shows the same few lines): true when the body is untampered and recent. */
export const verifySignature = (secret: string, body: string, header: string, nowSeconds: number, toleranceSeconds = 300): boolean => {
  const parts = Object.fromEntries(header.split(',').map((part) => part.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds || !parts.v1) return false;
  const expected = Buffer.from(signatureHeader(secret, body, timestamp).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
};
