// The two basemap looks. Both are quiet on purpose: the basemap is the canvas under the
// live overlays (grid, incidents, heat), so it uses low-contrast fills and leaves strong,
// saturated colours to the overlays.

export const THEMES = ['day', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export interface Palette {
  background: string;
  farmland: string;
  builtUp: string;
  park: string;
  water: string;
  waterLine: string;
  arterial: string;
  arterialCasing: string;
  street: string;
  streetCasing: string;
  rural: string;
  countyLine: string;
  townshipLine: string;
  villageLine: string;
  label: string;
  labelHalo: string;
  placeLabel: string;
  waterLabel: string;
  roadLabel: string;
}

export const PALETTES: Record<Theme, Palette> = {
  // Duty console (值班台): a light, paper-like map for long reading sessions.
  day: {
    background: '#f3f1ec',
    farmland: '#e7eddb',
    builtUp: '#e9e4dc',
    park: '#d5e8c8',
    water: '#a9cde9',
    waterLine: '#8ebde4',
    arterial: '#fbe3a4',
    arterialCasing: '#d9b66a',
    street: '#ffffff',
    streetCasing: '#cfc6b8',
    rural: '#ffffff',
    countyLine: '#7d5a94',
    townshipLine: '#9a83a8',
    villageLine: '#bfb4c6',
    label: '#3a3a3a',
    labelHalo: '#ffffff',
    placeLabel: '#2b2b3a',
    waterLabel: '#3d6f99',
    roadLabel: '#55504a',
  },
  // Wall display (大屏): dark navy so bright overlays and heat read from across the room.
  dark: {
    background: '#0a1320',
    farmland: '#0d1a25',
    builtUp: '#142030',
    park: '#0d2322',
    water: '#0f2d47',
    waterLine: '#1c4b70',
    arterial: '#3b5571',
    arterialCasing: '#0a1320',
    street: '#283b50',
    streetCasing: '#0a1320',
    rural: '#1f3042',
    countyLine: '#5fb0e0',
    townshipLine: '#3f82ad',
    villageLine: '#29506d',
    label: '#9db2c8',
    labelHalo: '#0a1320',
    placeLabel: '#c9d8e8',
    waterLabel: '#4f8cbd',
    roadLabel: '#7f95ad',
  },
};
