package org.attest.bench.launch;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What one run of {@link LaunchLoad} measured against one tool, as written to its JSON file and read back by
 * {@link SideBySide}. CPU figures are milliseconds of the tool's CPU per full launch attempted (equal to seconds per
 * 1,000); latencies are milliseconds; -1 (null in JSON) means not measured.
 *
 * @param tool          the tool measured, e.g. "Attest" or "spring-security-lti13"
 * @param tomcatThreads "shipped" (the tool's own settings) or the number of request threads it was given
 * @param database      where the tool kept its state
 * @param full          latency of a whole full launch: its login, launch and landing requests added up
 * @param dbCpuMs       the database server's CPU per full launch (PostgreSQL only; not in the tool's CPU)
 * @param startupSeconds from the tool's process start to its first successful HTTP answer
 * @param rssIdleMiB    the tool's resident memory 2 s after that first answer, before any launch
 * @param rssEndMiB     the tool's resident memory after the timed launches
 */
record LaunchResult(String tool, String tomcatThreads, String database, int concurrency, int warmup, int timed,
        int fullLaunches, int errors, int warmupErrors, double launchesPerSecond,
        double loginCpuMs, double launchCpuMs, double landingCpuMs, double fullCpuMs, double jitCpuMs, double vmGcCpuMs,
        double dbCpuMs, Percentiles login, Percentiles launch, Percentiles landing, Percentiles full,
        double startupSeconds, double rssIdleMiB, double rssEndMiB, double generatorShare, double otherShare) {

    /** Latency percentiles in milliseconds (nearest rank; max is the 100th). */
    record Percentiles(double p50, double p90, double p99, double max) {

        static Percentiles of(long[] nanos) {
            return new Percentiles(percentile(nanos, 0.5), percentile(nanos, 0.9), percentile(nanos, 0.99), percentile(nanos, 1.0));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", p50, p90, p99, max);
        }
    }

    /** Nearest-rank percentile in milliseconds; q = 1 is the maximum; NaN without samples. */
    static double percentile(long[] nanos, double q) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    void write(Path file) throws IOException {
        Files.writeString(file, JSONObjectUtils.toJSONString(toMap(this)) + "\n");
    }

    static LaunchResult read(Path file) throws IOException {
        try {
            return fromMap(LaunchResult.class, JSONObjectUtils.parse(Files.readString(file)));
        } catch (ParseException | ReflectiveOperationException | RuntimeException e) {
            throw new IOException(file + " is not a LaunchLoad result (" + e + "); run bench/launch-load.sh again", e);
        }
    }

    /** A record as a JSON object, component by component; records inside become objects, NaN and negative figures null. */
    private static Map<String, Object> toMap(Record r) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object value;
            try {
                value = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (value instanceof Record nested) {
                value = toMap(nested);
            } else if (value instanceof Double d && (d.isNaN() || d < 0)) {
                value = null;
            }
            map.put(c.getName(), value);
        }
        return map;
    }

    private static <R extends Record> R fromMap(Class<R> type, Map<String, Object> map) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            Object v = map.get(components[i].getName());
            if (types[i] == double.class) {
                values[i] = v == null ? -1.0 : ((Number) v).doubleValue();
            } else if (types[i] == int.class) {
                values[i] = ((Number) v).intValue();
            } else if (types[i].isRecord()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) v;
                values[i] = fromMap(types[i].asSubclass(Record.class), nested);
            } else {
                values[i] = v;
            }
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }
}
