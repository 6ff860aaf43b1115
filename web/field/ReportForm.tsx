// 发现上报: category, a short description, the place (the phone's position, or a tap on the map) and
// up to 3 photos. The report becomes a case of source grid-report at the grid the place lies in; the
// photos are then stored with that case (POST /cases/{id}/photos) and recorded on it as the
// reporter's note, so its record shows them.
import { useMemo, useState } from 'react';
import { CASE_PHOTOS_MAX } from '../../server/wire/case.ts';
import { INCIDENT_CATEGORIES, type AcceptedIncident, type IncidentCategory } from '../../server/wire/incident.ts';
import { useT } from '../i18n/index.ts';
import { useSmallStore } from '../state/small-store.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { SmallMap, type MapPlace } from './SmallMap.tsx';
import type { Place } from './geo-nav.ts';
import { uploadPhotos } from './photo-upload.ts';
import { recordReportPhotos } from './report-photos.ts';
import type { PositionStore } from './position.ts';
import { newReportId, postFieldReport } from './report-api.ts';

type Sent = { incident: AcceptedIncident; photos: { state: 'none' | 'done' } | { state: 'failed'; text: string } };

export function ReportForm({ position }: { position: PositionStore }) {
  const { t } = useT();
  const here = useSmallStore(position, (p) => p);
  const [category, setCategory] = useState<IncidentCategory | null>(null);
  const [urgent, setUrgent] = useState(false);
  const [description, setDescription] = useState('');
  const [picked, setPicked] = useState<Place | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  // One idempotency key per report: a retry after a lost answer is stored once.
  const [reportId, setReportId] = useState(newReportId);
  const [uploaded, setUploaded] = useState(() => new Map<File, string>());
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<Sent | null>(null);

  const gps = here.state === 'ok' ? here : null;
  const place = picked ?? gps;
  // The pin is where the report goes; the phone's dot beside it only when a tap moved the pin away.
  const places = useMemo<MapPlace[]>(() => [
    ...(gps && picked ? [{ id: 'me', kind: 'me' as const, lng: gps.lng, lat: gps.lat }] : []),
    ...(place ? [{ id: 'pick', kind: 'pick' as const, lng: place.lng, lat: place.lat }] : []),
  ], [gps, picked, place]);

  async function attach(incident: AcceptedIncident, photos: readonly File[]): Promise<Sent['photos']> {
    if (photos.length === 0) return { state: 'none' };
    const up = await uploadPhotos(incident.id, photos, uploaded, (done) => setBusy(t('field.photos.uploading', { i: done, n: photos.length })));
    const recorded = up.ok ? await recordReportPhotos(incident.id, up.ids, description.trim() || t('field.report.photoNote')) : up;
    if (recorded.ok) return { state: 'done' };
    return { state: 'failed', text: recorded.status === 0 ? t('field.refused.network') : t('field.photoFailed', { status: recorded.status, reason: recorded.reason }) };
  }

  async function submit() {
    if (!category || !place) return;
    setError(null);
    setBusy(t('field.busy'));
    const outcome = await postFieldReport({
      sourceId: reportId, category, priority: urgent ? 'urgent' : 'normal', lng: place.lng, lat: place.lat,
      description: description.trim(), occurredAt: new Date().toISOString(),
    });
    if (!outcome.ok) {
      setBusy(null);
      setError(outcome.status === 0 ? t('field.refused.network') : t('field.report.refused', { status: outcome.status, reason: outcome.reason }));
      return;
    }
    const photos = await attach(outcome.incident, files);
    setBusy(null);
    setSent({ incident: outcome.incident, photos });
  }

  async function retryPhotos() {
    if (!sent) return;
    setBusy(t('field.busy'));
    const photos = await attach(sent.incident, files);
    setBusy(null);
    setSent({ ...sent, photos });
  }

  function another() {
    setSent(null);
    setCategory(null);
    setUrgent(false);
    setDescription('');
    setPicked(null);
    setFiles([]);
    setReportId(newReportId());
    setUploaded(new Map());
  }

  if (sent) {
    return (
      <section className="field-section" data-testid="report-sent">
        <p className="field-ok" role="status" data-testid="report-result" data-case-id={sent.incident.id}>
          {t('field.report.sent', { grid: sent.incident.gridCode })}
          {sent.photos.state === 'done' && <><br />{t('field.report.photosSent', { n: files.length })}</>}
        </p>
        {sent.photos.state === 'failed' && (
          <>
            <p className="field-alert" role="alert">{sent.photos.text}</p>
            <button type="button" className="field-btn" disabled={busy !== null} onClick={() => void retryPhotos()}>{busy ?? t('field.report.retryPhotos')}</button>
          </>
        )}
        <button type="button" className="field-btn field-btn-primary" onClick={another}>{t('field.report.another')}</button>
      </section>
    );
  }

  const locationText = picked
    ? t('field.report.picked')
    : gps ? t('field.report.gps', { n: Math.round(gps.accuracyM) }) : t('field.report.noLocation');
  return (
    <form className="field-section field-form" data-testid="report-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <fieldset className="field-chips" disabled={busy !== null}>
        <legend>{t('field.report.category')}</legend>
        {INCIDENT_CATEGORIES.map((c) => (
          <label key={c} className={category === c ? 'checked' : ''} data-testid={`category-${c}`}>
            <input type="radio" name="category" value={c} checked={category === c} onChange={() => setCategory(c)} />
            {t(`category.${c}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="field-chips" disabled={busy !== null}>
        <legend>{t('field.report.priority')}</legend>
        {([false, true] as const).map((u) => (
          <label key={String(u)} className={`${u ? 'field-urgent' : ''}${urgent === u ? ' checked' : ''}`} data-testid={`priority-${u ? 'urgent' : 'normal'}`}>
            <input type="radio" name="priority" checked={urgent === u} onChange={() => setUrgent(u)} />
            {t(u ? 'priority.urgent' : 'priority.normal')}
          </label>
        ))}
      </fieldset>
      <label className="field-label">
        {t('field.report.description')}
        <textarea name="description" rows={2} maxLength={2000} value={description} disabled={busy !== null} placeholder={t('field.report.descriptionHint')} onChange={(e) => setDescription(e.currentTarget.value)} />
      </label>
      <div className="field-label">
        <span>{t('field.report.location')}: <span data-testid="report-location" data-source={picked ? 'map' : gps ? 'gps' : 'none'}>{locationText}</span></span>
        {picked && gps && <button type="button" className="field-link" onClick={() => setPicked(null)}>{t('field.report.useGps')}</button>}
      </div>
      <SmallMap places={places} focusKey={gps ? 'gps' : 'none'} onTap={setPicked} testId="report-map" label={t('field.map.report')} />
      <PhotoPicker files={files} onChange={setFiles} max={CASE_PHOTOS_MAX} disabled={busy !== null} />
      {error && <p className="field-alert" role="alert" data-testid="report-error">{error}</p>}
      <button type="submit" className="field-btn field-btn-primary field-btn-wide" disabled={busy !== null || !category || !place} data-testid="report-submit">
        {busy ?? t('field.report.submit')}
      </button>
    </form>
  );
}
