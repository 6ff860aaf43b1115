// Entry point of the single-page app: sign-in first, then the mode shell picks console or field.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles/app.css';
import { ModeShell } from './app/ModeShell.tsx';
import { AuthGate } from './auth/AuthGate.tsx';
import { langStore } from './i18n/index.ts';

document.documentElement.lang = langStore.get();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <AuthGate>{(me) => <ModeShell key={me.user?.id ?? `display-${me.displayLink?.id}`} me={me} />}</AuthGate>
  </StrictMode>,
);
