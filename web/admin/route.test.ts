import { describe, expect, it } from 'vitest';
import { ADMIN_HASH, isAdminHash } from './route.ts';

describe('admin route', () => {
  it('recognises the admin hash and its spellings, nothing else', () => {
    for (const h of [ADMIN_HASH, '#/admin/', '#admin']) expect(isAdminHash(h)).toBe(true);
    for (const h of ['', '#', '#/', '#/administrator', '#/admin/x', '#/map']) expect(isAdminHash(h)).toBe(false);
  });
});
