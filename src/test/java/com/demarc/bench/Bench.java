package com.demarc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A plain benchmark harness: times a piece of work several times (after warm-up runs), reports the median and p95,
 * and records each figure with the baseline measured in the same run and their ratio, printed and appended to
 * {@code target/benchmarks/results.md} (machines here are noisy, 2 cores: medians, never a single run).
 */
public final class Bench {
    static final Path RESULTS = Path.of("target", "benchmarks", "results.md");

    private Bench() {
    }

    /** Timings of one piece of work, in milliseconds. */
    public record Stats(int runs, double median, double p95, double min, double max) {
        public String describe() {
            return "median %s ms, p95 %s ms (n=%d)".formatted(ms(median), ms(p95), runs);
        }
    }

    @FunctionalInterface
    public interface Work {
        void run() throws Exception;
    }

    public static Stats time(int warmups, int runs, Work work) {
        try {
            for (int i = 0; i < warmups; i++) {
                work.run();
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                work.run();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return stats(ms);
        } catch (Exception e) {
            throw new IllegalStateException("benchmark work failed: " + e.getMessage(), e);
        }
    }

    public static Stats stats(double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, percentile(sorted, 50), percentile(sorted, 95), sorted[0], sorted[sorted.length - 1]);
    }

    public static Stats stats(List<Double> ms) {
        return stats(ms.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Records one figure: what was measured, its result, the baseline and what it was, the ratio (baseline / result
     * for times, result / baseline for throughputs — say which in {@code ratioMeaning}), the target and whether it was met.
     */
    public static void record(String benchmark, String figure, String result, String baseline, String ratio,
                              String target, Boolean met) {
        String verdict = met == null ? "—" : met ? "met" : "missed";
        String line = "| %s | %s | %s | %s | %s | %s | %s |".formatted(benchmark, figure, result, baseline, ratio, target, verdict);
        System.out.println("[bench] " + benchmark + " · " + figure + ": " + result + " | baseline " + baseline
                + " | ratio " + ratio + " | target " + target + " → " + verdict);
        try {
            Files.createDirectories(RESULTS.getParent());
            if (!Files.exists(RESULTS)) {
                Files.writeString(RESULTS, "| Benchmark | Figure | Result | Baseline (same run) | Ratio | Target | |\n"
                        + "|---|---|---|---|---|---|---|\n");
            }
            Files.writeString(RESULTS, line + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A time figure against a time baseline: ratio = baseline / result ("×" faster). */
    public static void recordTime(String benchmark, String figure, Stats result, String baselineName, Stats baseline,
                                  String target, Boolean met) {
        record(benchmark, figure, result.describe(), baselineName + ": " + baseline.describe(),
                speed(baseline.median() / result.median()), target, met);
    }

    /** baseline / result as "57.5× faster" or, when the result is the slower one, "48× the baseline's time". */
    public static String speed(double baselineOverResult) {
        return baselineOverResult >= 1 ? String.format(Locale.ROOT, "%.1f× faster", baselineOverResult)
                : String.format(Locale.ROOT, "%.0f× the baseline's time", 1 / baselineOverResult);
    }

    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }

    public static String ms(double ms) {
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    public static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** Used heap after a full collection, in bytes (several GCs, so soft garbage is gone). */
    public static long usedHeapAfterGc() {
        var runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    static List<Double> list() {
        return new ArrayList<>();
    }
}
