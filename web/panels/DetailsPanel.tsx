// Shows the details of whatever is selected.
import { useSmallStore } from '../state/small-store.ts';
import { selectionStore } from '../state/selection.ts';
import { IncidentDetails } from './details/IncidentDetails.tsx';
import { CameraDetails } from './details/CameraDetails.tsx';
import { UnitDetails } from './details/UnitDetails.tsx';
import { AreaDetails } from './details/AreaDetails.tsx';
import { HotspotDetails } from './details/HotspotDetails.tsx';

export function DetailsPanel() {
  const selection = useSmallStore(selectionStore, (s) => s);
  if (!selection) return null;
  switch (selection.kind) {
    case 'incident':
      return <IncidentDetails id={selection.id} />;
    case 'camera':
      return <CameraDetails id={selection.id} />;
    case 'unit':
      return <UnitDetails id={selection.id} />;
    case 'hotspot':
      return <HotspotDetails id={selection.id} />;
    default:
      return <AreaDetails level={selection.kind} code={selection.id} />;
  }
}
