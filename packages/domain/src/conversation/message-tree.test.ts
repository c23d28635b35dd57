import { describe, expect, it } from 'vitest';
import { messageTree, ROOT, type TreeNode } from './message-tree.js';

const ids = (nodes: readonly TreeNode[]) => nodes.map((n) => n.id);

// q1 a1 | q1' (edit of q1) a1' (its answer) | a1'' (answer regenerated from q1')
const edited: TreeNode[] = [
  { id: 'q1', seq: 1 },
  { id: 'a1', seq: 2 },
  { id: 'q1b', seq: 3, versionOf: 'q1' },
  { id: 'a1b', seq: 4, parentId: 'q1b' },
  { id: 'a1c', seq: 5, parentId: 'q1b' },
];

describe('messageTree', () => {
  it('reads a conversation without links as one line by seq', () => {
    const tree = messageTree([
      { id: 'c', seq: 3 },
      { id: 'a', seq: 1 },
      { id: 'b', seq: 2 },
    ]);
    expect(ids(tree.branch())).toEqual(['a', 'b', 'c']);
    expect(tree.position({ id: 'b', seq: 2 })).toMatchObject({ index: 1, count: 1 });
  });

  it('shows the branch leading to the newest message by default', () => {
    const tree = messageTree(edited);
    expect(ids(tree.branch())).toEqual(['q1b', 'a1c']);
    expect(tree.position(edited[2]!)).toEqual({
      index: 2,
      count: 2,
      siblings: ['q1', 'q1b'],
      parentKey: ROOT,
    });
    expect(tree.position(edited[4]!)).toMatchObject({ index: 2, count: 2, parentKey: 'q1b' });
  });

  it('follows a chosen version and, below it, its newest descendants', () => {
    const tree = messageTree(edited);
    expect(ids(tree.branch(new Map([[ROOT, 'q1']])))).toEqual(['q1', 'a1']);
    expect(ids(tree.branch(new Map([['q1b', 'a1b']])))).toEqual(['q1b', 'a1b']);
    // A choice that names no child of that place is ignored.
    expect(ids(tree.branch(new Map([[ROOT, 'a1b']])))).toEqual(['q1b', 'a1c']);
  });

  it('gives a question the path of its own branch only', () => {
    const tree = messageTree([
      ...edited,
      { id: 'q2', seq: 6, parentId: 'a1' }, // sent while the first version was shown
      { id: 'a2', seq: 7 },
    ]);
    expect(ids(tree.pathTo('q2'))).toEqual(['q1', 'a1', 'q2']);
    expect(ids(tree.pathTo('a1c'))).toEqual(['q1b', 'a1c']);
    expect(ids(tree.branch())).toEqual(['q1', 'a1', 'q2', 'a2']);
  });

  it('makes a message whose parent is not loaded a root', () => {
    const tree = messageTree([
      { id: 'x', seq: 41 },
      { id: 'y', seq: 42 },
      { id: 'z', seq: 43, versionOf: 'unknown' },
    ]);
    expect(tree.parentKey({ id: 'x', seq: 41 })).toBe(ROOT);
    expect(tree.position({ id: 'z', seq: 43, versionOf: 'unknown' }).count).toBe(2);
    expect(ids(tree.branch())).toEqual(['z']);
  });
});
