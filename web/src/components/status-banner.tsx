import type { ApiError } from '../api';

interface Props {
  errors: Array<ApiError | null>;
  /** Notices about the view itself (a link's value that was ignored, a name not found). */
  notices: string[];
  retrying: boolean;
  onRetry: () => void;
  onDismissNotices: () => void;
}

/**
 * One banner for everything that went wrong: the server unreachable (once, whatever number of
 * requests failed, with Retry), or each distinct refusal once; notices about the link apart.
 */
export const StatusBanner = ({ errors, notices, retrying, onRetry, onDismissNotices }: Props) => {
  const failed = errors.filter((e): e is ApiError => e !== null);
  const unreachable = failed.some((e) => e.unreachable);
  const refusals = [...new Set(failed.filter((e) => !e.unreachable).map((e) => e.message))];
  return (
    <div class="banners">
      {notices.length > 0 ? (
        <div class="notice" role="status" id="view-notice">
          {notices.map((text) => (
            <p key={text}>{text}</p>
          ))}
          <button type="button" class="link-button" onClick={onDismissNotices}>
            Dismiss
          </button>
        </div>
      ) : null}
      {unreachable || refusals.length > 0 ? (
        <div class="notice notice-error" role="alert" id="error-banner">
          {unreachable ? (
            <p>
              <strong>The Parley server cannot be reached.</strong> Panels that could not be updated are greyed and say what they still show.
            </p>
          ) : null}
          {refusals.map((message) => (
            <p key={message}>The server refused a request: {message}</p>
          ))}
          <button type="button" onClick={onRetry}>
            Retry
          </button>
          {retrying ? <span class="small"> Trying again…</span> : null}
        </div>
      ) : null}
    </div>
  );
};
