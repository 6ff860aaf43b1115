// The wire: the only part of server/ that web/ imports.
export * from './incident.ts';
export * from './jurisdiction.ts';
export * from './live.ts';
export * from './analytics.ts';
export * from './access.ts';
export * from './pages.ts';
export * from './photo.ts';
export * from './case.ts';
export * from './case-api.ts';
export * from './unit-status.ts';
export * from './dispatch.ts';
