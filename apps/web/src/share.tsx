import { useState } from 'react';
import { useI18n } from './i18n';

/**
 * Copy and (where the phone offers it) share buttons for a link that must reach another person:
 * a staff invite, a traveller's tracking link. The link stays visible so it can also be read out.
 */
export function ShareLink({ url, title }: { url: string; title: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const canShare = typeof navigator.share === 'function';
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
  };
  const share = async () => {
    try {
      await navigator.share({ title, url });
    } catch {
      // Dismissed by the person, or refused by the phone: the link and the copy button remain.
    }
  };
  return (
    <div className="share-link">
      <div className="row">
        <button type="button" onClick={() => void copy()} data-testid="copy-link">
          {t('share.copy')}
        </button>
        {canShare && (
          <button type="button" onClick={() => void share()} data-testid="share-link">
            {t('share.share')}
          </button>
        )}
      </div>
      {copied === 'done' && (
        <p className="muted" role="status" data-testid="copy-done">
          {t('share.copied')}
        </p>
      )}
      {copied === 'failed' && (
        <p className="error" role="alert">
          {t('share.copyFailed')}
        </p>
      )}
    </div>
  );
}
