package dev.promptcheck.support;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map that keeps its source's iteration order and its null values in one array of
 * alternating keys and values: a trial's variables held for a whole run cost about 40 bytes plus
 * the strings for one entry, where a {@code HashMap} or a {@code LinkedHashMap} with its
 * unmodifiable wrapper costs 160 to 200. Lookups scan the array, which is quick for the few
 * variables a case has. Equal (and hashing alike) to any map with the same entries.
 */
public final class FrozenMap<K, V> extends AbstractMap<K, V> {
  private static final FrozenMap<?, ?> EMPTY = new FrozenMap<>(new Object[0]);

  private final Object[] keysAndValues;

  private FrozenMap(Object[] keysAndValues) {
    this.keysAndValues = keysAndValues;
  }

  /** {@code map} itself when it is already frozen, else a frozen copy in its iteration order. */
  @SuppressWarnings("unchecked")
  public static <K, V> FrozenMap<K, V> of(Map<? extends K, ? extends V> map) {
    if (map instanceof FrozenMap<?, ?> frozen) {
      return (FrozenMap<K, V>) frozen;
    }
    if (map.isEmpty()) {
      return (FrozenMap<K, V>) EMPTY;
    }
    Object[] a = new Object[map.size() * 2];
    int i = 0;
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      a[i++] = e.getKey();
      a[i++] = e.getValue();
    }
    if (i != a.length) {
      throw new ConcurrentModificationException();
    }
    return new FrozenMap<>(a);
  }

  @Override
  public int size() {
    return keysAndValues.length / 2;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf(key) >= 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf(key);
    return i < 0 ? null : (V) keysAndValues[i + 1];
  }

  private int indexOf(Object key) {
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (Objects.equals(keysAndValues[i], key)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public Set<Map.Entry<K, V>> entrySet() {
    return new Entries(); // not kept: 16 bytes a map, for a view made once per report
  }

  private final class Entries extends AbstractSet<Map.Entry<K, V>> {
    @Override
    public int size() {
      return FrozenMap.this.size();
    }

    @Override
    public Iterator<Map.Entry<K, V>> iterator() {
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < keysAndValues.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Map.Entry<K, V> next() {
          if (next >= keysAndValues.length) {
            throw new NoSuchElementException();
          }
          Map.Entry<K, V> e =
              new AbstractMap.SimpleImmutableEntry<>(
                  (K) keysAndValues[next], (V) keysAndValues[next + 1]);
          next += 2;
          return e;
        }
      };
    }
  }
}
