import { describe, expect, it } from 'vitest';
import { fieldPath, parseFieldPath, type FieldView } from './field-route.ts';

describe('the field page URL', () => {
  it.each<[string, FieldView]>([
    ['/field', { view: 'tasks' }],
    ['/', { view: 'tasks' }],
    ['/field/report', { view: 'report' }],
    ['/field/task/0193b7e2-aa', { view: 'task', id: '0193b7e2-aa' }],
    ['/field/task', { view: 'tasks' }],
    ['/field/nowhere/x', { view: 'tasks' }],
    ['/field/task/%E0%A4%A', { view: 'tasks' }],
  ])('%s is %o', (path, view) => {
    expect(parseFieldPath(path)).toEqual(view);
  });

  it('round-trips every view', () => {
    for (const v of [{ view: 'tasks' }, { view: 'report' }, { view: 'task', id: 'abc-123_x' }] as FieldView[]) {
      expect(parseFieldPath(fieldPath(v))).toEqual(v);
    }
  });
});
