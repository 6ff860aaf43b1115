import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit.ts';

/** A commit that records each transaction and fails any transaction holding a negative item. */
function recorder() {
  const transactions: number[][][] = [];
  const commit = (batches: number[][]) => {
    transactions.push(batches);
    if (batches.some((b) => b.some((x) => x < 0))) throw new Error('bad item');
    return batches.map((b) => b.map((x) => x * 10));
  };
  return { transactions, commit };
}

describe('group commit', () => {
  it('writes the batches of one turn of the event loop in one transaction, answering each with its own outcomes', async () => {
    const { transactions, commit } = recorder();
    const group = createGroupCommit(commit, 100);
    const answers = await Promise.all([group.append([1, 2]), group.append([3]), group.append([4, 5, 6])]);
    expect(answers).toEqual([[10, 20], [30], [40, 50, 60]]);
    expect(transactions).toEqual([[[1, 2], [3], [4, 5, 6]]]);
    await group.append([7]);
    expect(transactions).toHaveLength(2);
  });

  it('answers nobody before the transaction holding their items has run', async () => {
    const { transactions, commit } = recorder();
    const group = createGroupCommit(commit, 100);
    let answered = false;
    const pending = group.append([1]).then(() => (answered = true));
    await Promise.resolve();
    expect(answered).toBe(false);
    expect(transactions).toHaveLength(0);
    await pending;
    expect(transactions).toHaveLength(1);
  });

  it('retries a failed group one batch at a time, so only the bad batch fails', async () => {
    const { transactions, commit } = recorder();
    const group = createGroupCommit(commit, 100);
    const results = await Promise.allSettled([group.append([1]), group.append([-1]), group.append([2])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[2]).toEqual({ status: 'fulfilled', value: [20] });
    expect(transactions).toEqual([[[1], [-1], [2]], [[1]], [[-1]], [[2]]]);
  });

  it('splits groups larger than maxItems over several transactions, in order', async () => {
    const { transactions, commit } = recorder();
    const group = createGroupCommit(commit, 4);
    await Promise.all([group.append([1, 2, 3]), group.append([4]), group.append([5, 6]), group.append([7, 8, 9, 10, 11])]);
    expect(transactions).toEqual([[[1, 2, 3], [4]], [[5, 6]], [[7, 8, 9, 10, 11]]]);
  });

  it('commits everything queued at once on flush', async () => {
    const { transactions, commit } = recorder();
    const group = createGroupCommit(commit, 2);
    const answers = Promise.all([group.append([1, 2]), group.append([3])]);
    group.flush();
    expect(transactions).toEqual([[[1, 2]], [[3]]]);
    expect(await answers).toEqual([[10, 20], [30]]);
  });
});
