import { useCallback, useState } from 'react';
import { describeError, fetchCsv } from '../api';
import { useNotify } from '../notifications';
import { useSession } from '../session';

interface CsvDownloadProps {
  /** The API path of the export. */
  path: string;
  filename: string;
  children: string;
}

/**
 * Downloads a CSV export. The API wants the session's bearer token, which a plain link cannot
 * send: the file is fetched, then handed to the browser as a Blob.
 */
export function CsvDownload({ path, filename, children }: CsvDownloadProps) {
  const { http } = useSession();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);

  const download = useCallback(async () => {
    setBusy(true);
    try {
      const blob = await fetchCsv(http, path);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = filename;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      // Revoked after the click has been handled, so the download has started.
      window.setTimeout(() => URL.revokeObjectURL(url), 0);
    } catch (error) {
      notify({
        kind: 'error',
        key: `csv-${filename}`,
        title: 'The export could not be downloaded',
        message: describeError(error),
      });
    } finally {
      setBusy(false);
    }
  }, [http, path, filename, notify]);

  return (
    <button
      type="button"
      className="button button--small"
      onClick={() => void download()}
      disabled={busy}
      aria-busy={busy}
    >
      {busy ? 'Preparing…' : children}
    </button>
  );
}
