// Up to N photos from the camera or the gallery, shown as thumbnails that can be taken out again.
import { useEffect, useMemo } from 'react';
import { useT } from '../i18n/index.ts';

interface Props {
  files: readonly File[];
  onChange: (files: File[]) => void;
  max: number;
  disabled?: boolean;
}

export function PhotoPicker({ files, onChange, max, disabled }: Props) {
  const { t } = useT();
  const urls = useMemo(() => files.map((f) => URL.createObjectURL(f)), [files]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return (
    <div className="field-photos" data-testid="photo-picker">
      {files.map((f, k) => (
        <figure key={`${f.name}-${k}`} className="field-thumb">
          <img src={urls[k]} alt={f.name} />
          <button type="button" aria-label={t('field.photos.remove')} disabled={disabled} onClick={() => onChange(files.filter((_, j) => j !== k))}>×</button>
        </figure>
      ))}
      {files.length < max && (
        <label className={`field-thumb field-thumb-add${disabled ? ' disabled' : ''}`}>
          <input
            type="file" accept="image/jpeg,image/png,image/webp,image/*" multiple disabled={disabled} data-testid="photo-input"
            onChange={(e) => {
              const picked = Array.from(e.currentTarget.files ?? []);
              e.currentTarget.value = '';
              onChange([...files, ...picked].slice(0, max));
            }}
          />
          <span aria-hidden="true">＋</span>
          <small>{t('field.photos.add', { n: max - files.length })}</small>
        </label>
      )}
    </div>
  );
}
