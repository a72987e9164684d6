import { useState } from 'preact/hooks';
import { send } from '../../messaging/client';
import type { ClaimSummary } from '../../messaging/protocol';
import { clearImported, loadImported, saveImported } from '../../settings/imported';
import { VerdictPill } from '../components';
import { verdictLabels } from '../card-labels';
import type { Translate } from '../i18n';
import { applyPreview, previewImport, type ImportPreview } from './import-preview';

/** The ClaimReview converter, loaded when the user imports or exports (it is not needed before). */
const converter = () => import('../../claims/claimreview');

/** Saves text as a file through a temporary object URL (nothing leaves the machine). */
function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The claim database: import a ClaimReview file (preview first: what will be added, replaced or
 * rejected and why; then stored in one write), export everything as ClaimReview JSON-LD, remove
 * the imported claims.
 */
export function ClaimData({ t, claims, say, onChanged }: { t: Translate; claims: ClaimSummary[]; say: (text: string, error?: boolean) => void; onChanged: () => void }) {
  const [preview, setPreview] = useState<{ file: string; p: ImportPreview }>();
  const [busy, setBusy] = useState(false);
  const verdicts = verdictLabels(t);
  const bundledCount = claims.filter((c) => c.source === 'bundled').length;
  const importedCount = claims.length - bundledCount;

  const readFile = async (file: File) => {
    setBusy(true);
    setPreview(undefined);
    try {
      if (file.size > 20_000_000) throw new Error(t('optionsImportTooBig'));
      const text = await file.text();
      const { fromClaimReviews } = await converter();
      const [{ claims: all }, imported] = await Promise.all([send({ type: 'exportClaims' }), loadImported()]);
      const importedIds = new Set(imported.map((c) => c.id));
      const bundled = all.filter((c) => !importedIds.has(c.id));
      const converted = fromClaimReviews(text, { takenIds: new Set(all.map((c) => c.id)) });
      const p = previewImport(converted, bundled, imported, { bundledId: (id) => t('optionsImportBundledId', id) });
      setPreview({ file: file.name, p });
    } catch (e) {
      say(t('optionsImportUnreadable', e instanceof Error ? e.message : String(e)), true);
    } finally {
      setBusy(false);
    }
  };

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    try {
      const imported = await loadImported();
      await saveImported(applyPreview(imported, preview.p));
      say(t('optionsImportDone', [String(preview.p.add.length), String(preview.p.replace.length)]));
      setPreview(undefined);
      onChanged();
    } catch (e) {
      say(t('optionsImportFailed', String(e)), true);
    } finally {
      setBusy(false);
    }
  };

  const exportAll = async () => {
    try {
      const [{ toClaimReviews }, { claims: all }] = await Promise.all([converter(), send({ type: 'exportClaims' })]);
      download('claimlens-claimreview.jsonld', `${JSON.stringify(toClaimReviews(all), null, 2)}\n`, 'application/ld+json');
      say(t('optionsExportDone', String(all.length)));
    } catch (e) {
      say(t('optionsExportFailed', String(e)), true);
    }
  };

  const p = preview?.p;
  return (
    <section class="panel" aria-labelledby="data">
      <h2 id="data">{t('optionsData')}</h2>
      <p class="muted small">{t('optionsDataCounts', [String(bundledCount), String(importedCount)])}</p>

      <h3>{t('optionsImport')}</h3>
      <p class="muted small">{t('optionsImportHint')}</p>
      <label class="button file-button">
        {t('optionsImportChoose')}
        <input
          type="file"
          class="visually-hidden"
          accept=".json,.jsonld,.jsonl,.ndjson,application/json,application/ld+json"
          data-testid="import-file"
          disabled={busy}
          onChange={(e) => {
            const input = e.target as HTMLInputElement;
            const f = input.files?.[0];
            if (f) void readFile(f);
            input.value = '';
          }}
        />
      </label>

      {p ? (
        <div class="preview" data-testid="import-preview" role="region" aria-labelledby="preview-title">
          <h4 id="preview-title">{t('optionsPreviewTitle', preview.file)}</h4>
          <p>
            <strong data-testid="preview-add">{t('optionsPreviewAdd', String(p.add.length))}</strong>
            {p.replace.length > 0 ? <> · {t('optionsPreviewReplace', String(p.replace.length))}</> : null}
            {p.unchanged.length > 0 ? <> · {t('optionsPreviewUnchanged', String(p.unchanged.length))}</> : null}
            {' · '}
            <strong data-testid="preview-rejected" class={p.rejected.length > 0 ? 'warn-text' : ''}>
              {t('optionsPreviewRejected', String(p.rejected.length))}
            </strong>
          </p>
          {p.add.length + p.replace.length > 0 ? (
            <ul class="plain preview-list">
              {[...p.add.map((c) => ({ c, kind: 'add' as const })), ...p.replace.map((c) => ({ c, kind: 'replace' as const }))].map(({ c, kind }) => (
                <li key={c.id} class="preview-claim" data-kind={kind}>
                  <VerdictPill verdict={c.verdict} label={verdicts[c.verdict] ?? c.verdict} /> <span>{c.statement}</span>{' '}
                  <code class="small muted">{c.id}</code>
                  {kind === 'replace' ? <span class="tag">{t('optionsPreviewReplaces')}</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {p.rejected.length > 0 ? (
            <details class="rejected" open={p.rejected.length <= 10}>
              <summary>{t('optionsPreviewWhyRejected')}</summary>
              <ul class="preview-list" data-testid="rejected-list">
                {p.rejected.map((r, i) => (
                  <li key={i}>
                    <strong>{r.record}</strong>: {r.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <div class="row">
            <button type="button" class="primary" disabled={busy || p.add.length + p.replace.length === 0} onClick={() => void apply()}>
              {t('optionsImportApply', String(p.add.length + p.replace.length))}
            </button>
            <button type="button" onClick={() => setPreview(undefined)}>
              {t('optionsCancel')}
            </button>
          </div>
        </div>
      ) : null}

      <h3>{t('optionsExport')}</h3>
      <p class="muted small">{t('optionsExportHint')}</p>
      <div class="row">
        <button type="button" onClick={() => void exportAll()}>
          {t('optionsExportButton')}
        </button>
        {importedCount > 0 ? (
          <button
            type="button"
            class="danger"
            onClick={() =>
              void clearImported().then(() => {
                say(t('optionsImportedRemoved'));
                onChanged();
              })
            }
          >
            {t('optionsRemoveImported', String(importedCount))}
          </button>
        ) : null}
      </div>
    </section>
  );
}
