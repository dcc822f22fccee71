package org.attest.tool.documents;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import org.attest.tool.documents.internal.RecordingForm;
import org.attest.tool.portfolio.UnitRecord;

/**
 * Warm cost of one unit recording form (docs/benchmarks.md, "Unit recording form"): Unit 224 with two pieces of
 * evidence against every criterion and range item, both signatures and the IQA's agreement, rendered by the tool's
 * renderer (template, layout, PDF/UA + PDF/A, font subsets) to a stream that counts and drops the bytes; wall time and
 * the rendering thread's CPU time (the JVM's GC and JIT threads are not in it). Not a test:
 * run it with {@code bench/recording-form.sh}.
 */
public final class RecordingFormBenchmark {

    public static void main(String[] args) {
        int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Pdfs pdfs = PrintedForms.pdfs();
        UnitRecord record = PrintedForms.record("Observation: online account reset", true);
        long bytes = 0;
        for (int i = 0; i < warmup; i++) {
            bytes = render(pdfs, record);
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] nanos = new long[measured];
        long[] cpu = new long[measured];
        for (int i = 0; i < measured; i++) {
            long startCpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            render(pdfs, record);
            nanos[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - startCpu;
        }
        Arrays.sort(nanos);
        Arrays.sort(cpu);
        System.out.printf("unit recording form (Unit 224, %d bytes, %d warm-up, %d measured): mean %.1f ms, "
                        + "p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", bytes, warmup, measured,
                Arrays.stream(nanos).average().orElseThrow() / 1e6, nanos[measured / 2] / 1e6,
                nanos[(int) (measured * 0.95)] / 1e6, nanos[measured - 1] / 1e6);
        // on a shared machine the wall time includes waiting for a core; the thread's CPU time does not
        System.out.printf("  CPU time of the rendering thread: mean %.1f ms, p50 %.1f ms, p95 %.1f ms%n",
                Arrays.stream(cpu).average().orElseThrow() / 1e6, cpu[measured / 2] / 1e6, cpu[(int) (measured * 0.95)] / 1e6);
    }

    /** One form, from the learner unit's record to the last byte of the PDF; the number of bytes. */
    private static long render(Pdfs pdfs, UnitRecord record) {
        long[] count = {0};
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                count[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                count[0] += len;
            }
        };
        pdfs.render("documents/recording-form", Map.of("form", RecordingForm.of(record, PrintedForms.agreedByIvy())), out);
        return count[0];
    }
}
