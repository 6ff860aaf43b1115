// Choosing a jurisdiction: the county, a township, or a village, from the admin's own jurisdiction.
import type { JurisdictionOption } from './jurisdiction-options.ts';

export function JurisdictionSelect({ options, value, onChange, name, label }: {
  options: readonly JurisdictionOption[];
  value: string;
  onChange: (code: string) => void;
  name?: string;
  label?: string;
}) {
  const known = options.some((o) => o.code === value);
  return (
    <select name={name} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {!known && <option value={value}>{value}</option>}
      {options.map((o) => <option key={o.code} value={o.code}>{o.text}</option>)}
    </select>
  );
}
