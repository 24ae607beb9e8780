import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit';

class ItemError extends Error {}

describe('group commit', () => {
  it('commits the items submitted in one turn together and answers each with its own result', async () => {
    const groups: number[][] = [];
    const commits = createGroupCommit(
      (items: readonly number[]) => (groups.push([...items]), items.map((n) => n * 10)),
      (n: number) => n * 10,
      { isItemError: () => true },
    );
    expect(await Promise.all([commits.submit(1), commits.submit(2), commits.submit(3)])).toEqual([10, 20, 30]);
    expect(await commits.submit(4)).toBe(40);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('retries the items of a group alone when one item is at fault, so only that caller fails', async () => {
    const commits = createGroupCommit(
      (items: readonly number[]) => {
        if (items.includes(2)) throw new ItemError('bad item');
        return [...items];
      },
      (n: number) => {
        if (n === 2) throw new ItemError('bad item');
        return n;
      },
      { isItemError: (error) => error instanceof ItemError },
    );
    const results = await Promise.allSettled([commits.submit(1), commits.submit(2), commits.submit(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('fails the whole group at once when the database itself fails (no retry that would wait again)', async () => {
    let alone = 0;
    const busy = new Error('database is locked');
    const commits = createGroupCommit(
      (): number[] => {
        throw busy;
      },
      (n: number) => (alone++, n),
      { isItemError: (error) => error instanceof ItemError },
    );
    const results = await Promise.allSettled([commits.submit(1), commits.submit(2)]);
    expect(results).toEqual([
      { status: 'rejected', reason: busy },
      { status: 'rejected', reason: busy },
    ]);
    expect(alone).toBe(0);
  });

  it('a group that reaches its size limit commits at once; later items start the next group', async () => {
    const groups: number[][] = [];
    const commits = createGroupCommit((items: readonly number[]) => (groups.push([...items]), [...items]), (n: number) => n, {
      isItemError: () => true,
      sizeOf: (n) => n,
      maxSize: 10,
    });
    expect(await Promise.all([commits.submit(4), commits.submit(6), commits.submit(3), commits.submit(2)])).toEqual([4, 6, 3, 2]);
    expect(groups).toEqual([[4, 6], [3, 2]]);
  });

  it('flush commits what is waiting right away, before the turn ends', async () => {
    const commits = createGroupCommit((items: readonly number[]) => [...items], (n: number) => n, { isItemError: () => true });
    let answered = false;
    const pending = commits.submit(7).then(() => (answered = true));
    commits.flush();
    await Promise.resolve();
    expect(answered).toBe(true);
    await pending;
  });

  it('while held commits nothing; items queue and commit as one group on release', async () => {
    const groups: number[][] = [];
    const commits = createGroupCommit((items: readonly number[]) => (groups.push([...items]), [...items]), (n: number) => n, { isItemError: () => true });
    commits.hold(60_000);
    const pending = [commits.submit(1), commits.submit(2)];
    await new Promise((resolve) => setImmediate(resolve));
    pending.push(commits.submit(3));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(groups).toEqual([]);
    commits.release();
    expect(await Promise.all(pending)).toEqual([1, 2, 3]);
    expect(groups).toEqual([[1, 2, 3]]);
    expect(await commits.submit(4)).toBe(4);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('a hold ends by itself after its longest wait, and flush commits even while held', async () => {
    const groups: number[][] = [];
    const commits = createGroupCommit((items: readonly number[]) => (groups.push([...items]), [...items]), (n: number) => n, { isItemError: () => true });
    commits.hold(20);
    expect(await commits.submit(1)).toBe(1); // resolved once the hold expired
    commits.hold(60_000);
    const pending = commits.submit(2);
    commits.flush();
    expect(await pending).toBe(2);
    expect(groups).toEqual([[1], [2]]);
    expect(await commits.submit(3)).toBe(3); // flush ended the hold
  });
});
