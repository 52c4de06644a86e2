package com.demarc.automation.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One project's idempotency keys of an import, in memory: per key its 16-byte digest (two longs, see
 * {@link ProjectSpool#key}) and the UTC day of its update time. {@link #sort} orders them by day, then digest (signed
 * comparison of the first, then the second long: the order {@code automation_finding_day.keys} is stored in) and drops
 * repeats, so that each day's keys can be merged with the stored ones in one pass ({@link #merge}). 20 bytes per key.
 */
public final class FindingKeys {
    static final int KEY_BYTES = 16;

    private int[] days = new int[1024];
    private long[] his = new long[1024];
    private long[] los = new long[1024];
    private int size;
    private boolean sorted = true;

    public void add(long hi, long lo, int day) {
        if (size == days.length) {
            int grown = size + (size >> 1);
            days = Arrays.copyOf(days, grown);
            his = Arrays.copyOf(his, grown);
            los = Arrays.copyOf(los, grown);
        }
        days[size] = day;
        his[size] = hi;
        los[size] = lo;
        size++;
        sorted = false;
    }

    /** The keys held: after {@link #sort}, without repeats. */
    public int size() {
        return size;
    }

    public int day(int i) {
        return days[i];
    }

    public long hi(int i) {
        return his[i];
    }

    public long lo(int i) {
        return los[i];
    }

    /** Orders the keys by day, then digest, and drops repeated keys (the same finding twice in one file). */
    public void sort() {
        if (sorted) {
            return;
        }
        quicksort(0, size - 1);
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept == 0 || compare(i, kept - 1) != 0) {
                move(i, kept++);
            }
        }
        size = kept;
        sorted = true;
    }

    /** The end (exclusive) of the day that starts at {@code from}, once sorted. */
    public int dayEnd(int from) {
        int end = from;
        while (end < size && days[end] == days[from]) {
            end++;
        }
        return end;
    }

    /**
     * Merges keys {@code [from, to)} (one day's, sorted) with the day's stored keys ({@code stored}: 16 bytes each, in
     * the same order, may be null). Returns the keys not stored before in {@link Merged#fresh}, and the union to store.
     */
    public Merged merge(int from, int to, byte[] stored) {
        var old = ByteBuffer.wrap(stored == null ? new byte[0] : stored);
        int oldCount = old.capacity() / KEY_BYTES;
        var union = ByteBuffer.allocate((oldCount + to - from) * KEY_BYTES);
        var fresh = new long[2 * (to - from)];
        int freshCount = 0;
        int o = 0;
        int i = from;
        while (i < to || o < oldCount) {
            int c;
            if (o == oldCount) {
                c = -1;
            } else if (i == to) {
                c = 1;
            } else {
                long oh = old.getLong(o * KEY_BYTES);
                c = his[i] != oh ? Long.compare(his[i], oh) : Long.compare(los[i], old.getLong(o * KEY_BYTES + 8));
            }
            if (c < 0) { // new
                union.putLong(his[i]).putLong(los[i]);
                fresh[2 * freshCount] = his[i];
                fresh[2 * freshCount + 1] = los[i];
                freshCount++;
                i++;
            } else {
                union.putLong(old.getLong(o * KEY_BYTES)).putLong(old.getLong(o * KEY_BYTES + 8));
                o++;
                if (c == 0) {
                    i++;
                }
            }
        }
        return new Merged(Arrays.copyOf(union.array(), union.position()), Arrays.copyOf(fresh, 2 * freshCount), freshCount);
    }

    /**
     * One day's merge: {@code union} the day's keys to store (16 bytes each, sorted); {@code fresh} the keys that were
     * not stored before ({@code count} pairs of longs).
     */
    public record Merged(byte[] union, long[] fresh, int count) {
    }

    private int compare(int a, int b) {
        if (days[a] != days[b]) {
            return Integer.compare(days[a], days[b]);
        }
        if (his[a] != his[b]) {
            return Long.compare(his[a], his[b]);
        }
        return Long.compare(los[a], los[b]);
    }

    private void move(int from, int to) {
        days[to] = days[from];
        his[to] = his[from];
        los[to] = los[from];
    }

    private void swap(int a, int b) {
        int d = days[a];
        days[a] = days[b];
        days[b] = d;
        long h = his[a];
        his[a] = his[b];
        his[b] = h;
        long l = los[a];
        los[a] = los[b];
        los[b] = l;
    }

    /**
     * Digests are SHA-256 output, so their order is random: quicksort with a middle pivot, three-way partitioned so that
     * a file repeating one finding many times stays fast; insertion sort below 16 keys.
     */
    private void quicksort(int lo, int hi) {
        while (hi - lo >= 16) {
            swap(lo, (lo + hi) >>> 1); // pivot at lo
            int lt = lo;
            int gt = hi;
            int i = lo + 1;
            while (i <= gt) { // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot; the pivot moves along at lt
                int c = compare(i, lt);
                if (c < 0) {
                    swap(i++, lt++);
                } else if (c > 0) {
                    swap(i, gt--);
                } else {
                    i++;
                }
            }
            if (lt - lo < hi - gt) { // recurse into the smaller side: stack depth stays logarithmic
                quicksort(lo, lt - 1);
                lo = gt + 1;
            } else {
                quicksort(gt + 1, hi);
                hi = lt - 1;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && compare(j, j - 1) < 0; j--) {
                swap(j, j - 1);
            }
        }
    }
}
