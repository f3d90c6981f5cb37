import { ApiError } from '../api';
import type { Extraction } from './review-model';

/** POST /extract: drafts for an article; nothing is recorded by it. */
export const extractArticle = async (request: { text: string; published?: string; negotiation?: string }): Promise<Extraction> => {
  let response: Response;
  try {
    response = await fetch('/extract', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(request) });
  } catch {
    throw new ApiError(0, 'The Parley server cannot be reached.');
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiError(response.status, message);
  }
  return (await response.json()) as Extraction;
};
