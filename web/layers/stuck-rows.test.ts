import { describe, expect, it } from 'vitest';
import { stuckRows } from './stuck-rows.ts';

const labels = [
  { code: '321202001', name: '城东街道', position: [119.93, 32.48] as [number, number] },
  { code: '321202002', name: '城西街道', position: [119.88, 32.47] as [number, number] },
  { code: '321202003', name: '九龙镇', position: [119.8, 32.5] as [number, number] },
];

describe('stuckRows', () => {
  it('lists only the townships with overdue cases, the most stuck last', () => {
    const rows = stuckRows({
      '321202001': { open: 30, overdue: 2, stages: {} },
      '321202002': { open: 12, overdue: 0, stages: {} },
      '321202003': { open: 9, overdue: 7, stages: {} },
    }, labels);
    expect(rows.map((r) => [r.name, r.overdue])).toEqual([['城东街道', 2], ['九龙镇', 7]]);
    expect(rows[1]?.position).toEqual([119.8, 32.5]);
  });

  it('is empty when nothing is overdue or nothing is counted yet', () => {
    expect(stuckRows({}, labels)).toEqual([]);
  });
});
