/**
 * `items` grouped under each key `keysOf` gives, each group in the items' order; an item given the
 * same key twice is in its group once. (Map.groupBy, one key per item, is not in Node 20.)
 */
export function groupByKeys<T, K>(items: Iterable<T>, keysOf: (item: T) => Iterable<K>): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items)
    for (const key of new Set(keysOf(item))) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  return groups;
}
