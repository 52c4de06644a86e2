package com.demarc.automation.internal;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory key set of an import against a plain sorted-set model: random keys, repeats, several days. */
class FindingKeysTest {
    record Key(int day, long hi, long lo) {
    }

    static final Comparator<Key> ORDER = Comparator.comparingInt(Key::day).thenComparingLong(Key::hi).thenComparingLong(Key::lo);

    @Test
    void sortedWithoutRepeatsAndMergedWithTheStoredKeysExactly() {
        var random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++) {
            int n = random.nextInt(round < 20 ? 20 : 3_000);
            var keys = new FindingKeys();
            var model = new TreeSet<>(ORDER);
            var pool = new ArrayList<Key>();
            for (int i = 0; i < n; i++) {
                Key k = !pool.isEmpty() && random.nextInt(4) == 0 ? pool.get(random.nextInt(pool.size()))
                        : new Key(random.nextInt(3), random.nextLong(), random.nextInt(3) == 0 ? 0 : random.nextLong());
                pool.add(k);
                keys.add(k.hi(), k.lo(), k.day());
                model.add(k);
            }
            keys.sort();
            var got = new ArrayList<Key>();
            for (int i = 0; i < keys.size(); i++) {
                got.add(new Key(keys.day(i), keys.hi(i), keys.lo(i)));
            }
            assertThat(got).containsExactlyElementsOf(model);

            // stored keys per day: some of the file's and others
            var stored = new TreeMap<Integer, TreeSet<Key>>();
            for (Key k : pool) {
                if (random.nextBoolean()) {
                    stored.computeIfAbsent(k.day(), d -> new TreeSet<>(ORDER)).add(k);
                }
            }
            for (int i = 0; i < 50; i++) {
                Key k = new Key(random.nextInt(3), random.nextLong(), random.nextLong());
                stored.computeIfAbsent(k.day(), d -> new TreeSet<>(ORDER)).add(k);
            }
            for (int i = 0; i < keys.size(); i = keys.dayEnd(i)) {
                int day = keys.day(i);
                var before = stored.getOrDefault(day, new TreeSet<>(ORDER));
                var merged = keys.merge(i, keys.dayEnd(i), before.isEmpty() && random.nextBoolean() ? null : bytes(before));
                var union = new TreeSet<>(ORDER);
                union.addAll(before);
                var fresh = new ArrayList<Key>();
                for (Key k : model.subSet(new Key(day, Long.MIN_VALUE, Long.MIN_VALUE), true,
                        new Key(day, Long.MAX_VALUE, Long.MAX_VALUE), true)) {
                    if (union.add(k)) {
                        fresh.add(k);
                    }
                }
                assertThat(merged.union()).isEqualTo(bytes(union));
                assertThat(merged.count()).isEqualTo(fresh.size());
                var freshGot = new ArrayList<Key>();
                for (int f = 0; f < merged.count(); f++) {
                    freshGot.add(new Key(day, merged.fresh()[2 * f], merged.fresh()[2 * f + 1]));
                }
                assertThat(freshGot).containsExactlyElementsOf(fresh);
            }
        }
    }

    @Test
    void oneFindingRepeatedManyTimesSortsQuickly() {
        var keys = new FindingKeys();
        for (int i = 0; i < 200_000; i++) {
            keys.add(42, 43, 20_000);
        }
        keys.sort(); // quadratic with a two-way partition: minutes; three-way: milliseconds
        assertThat(keys.size()).isEqualTo(1);
    }

    private static byte[] bytes(TreeSet<Key> keys) {
        var b = ByteBuffer.allocate(keys.size() * 16);
        List.copyOf(keys).forEach(k -> b.putLong(k.hi()).putLong(k.lo()));
        return b.array();
    }
}
