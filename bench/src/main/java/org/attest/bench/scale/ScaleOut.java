package org.attest.bench.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.attest.bench.launch.ProcCpu;

/**
 * Full LTI launches per second against Attest scaled out to N replicas behind HAProxy ({@link Replicas}) on one
 * PostgreSQL: the replicas pinned to the CPUs given (default core 0, so 1 and 3 replicas get the same core and what is
 * compared is what a replica costs), HAProxy and the load generator ({@code LaunchLoad}, as its own process) on the
 * other core. The generator reports the replicas' CPU per full launch (the sum over their processes) and the
 * database's (every {@code postgres} process); this adds HAProxy's. Run by bench/scale-out.sh.
 *
 * <p>usage: ScaleOut --replicas N --jar lti-tool.jar --generator benchmarks.jar [--lb-port 18300] [--replica-cpus 0]
 * [--other-cpus 1] [--work DIR] [--jdbc jdbc:postgresql://127.0.0.1:5432/attest] [--hold SECONDS] [-- LaunchLoad options
 * or, with --hold, more arguments for every replica]
 *
 * <p>{@code --hold SECONDS} runs no load: it starts the replicas and the balancer, prints their addresses and the
 * schema, and keeps them up that long (or until stopped), for a person to walk through them, for example with the
 * sandbox LMS pointed at the balancer.
 */
public final class ScaleOut {

    private ScaleOut() {
    }

    public static void main(String[] args) throws Exception {
        List<String> own = new ArrayList<>();
        List<String> generatorArgs = new ArrayList<>();
        int dashes = Arrays.asList(args).indexOf("--");
        own.addAll(Arrays.asList(args).subList(0, dashes < 0 ? args.length : dashes));
        if (dashes >= 0) {
            generatorArgs.addAll(Arrays.asList(args).subList(dashes + 1, args.length));
        }
        int replicas = Integer.parseInt(option(own, "--replicas", "1"));
        Path jar = Path.of(option(own, "--jar", "lti-tool/target/lti-tool-0.1.0-SNAPSHOT.jar"));
        Path generator = Path.of(option(own, "--generator", "bench/target/benchmarks.jar"));
        int lbPort = Integer.parseInt(option(own, "--lb-port", "18300"));
        String replicaCpus = option(own, "--replica-cpus", "0");
        String otherCpus = option(own, "--other-cpus", "1");
        Path work = Path.of(option(own, "--work", "bench/target/scale-out/" + replicas)).toAbsolutePath();
        String jdbc = option(own, "--jdbc", "jdbc:postgresql://127.0.0.1:5432/attest");
        Files.createDirectories(work);
        String hold = option(own, "--hold", null);
        List<String> toolArgs = hold == null ? Replicas.OPEN_FOR_LOAD : generatorArgs;
        Replicas.Settings settings = new Replicas.Settings(jar, replicas, lbPort, hold == null ? replicaCpus : null,
                hold == null ? otherCpus : null, toolArgs, work, jdbc, "attest", "attest");
        System.out.printf(Locale.ROOT, "starting %d replica(s) on CPU %s behind HAProxy on 127.0.0.1:%d (logs in %s)%n", replicas,
                replicaCpus, lbPort, work);
        int status;
        if (hold != null) {
            try (Replicas r = Replicas.start(settings, Duration.ofMinutes(4))) {
                System.out.printf(Locale.ROOT, "%d replica(s) ready behind %s, database %s; held %s s (logs in %s)%n", replicas,
                        r.lbUrl(), r.jdbcUrl(), hold, work);
                if (r.awaitBalancerExit(Duration.ofSeconds(Long.parseLong(hold)))) {
                    System.out.println("HAProxy exited; stopping the replicas (its log: " + work.resolve("haproxy.log") + ")");
                }
            }
            return;
        }
        try (Replicas r = Replicas.start(settings, Duration.ofMinutes(4))) {
            String pids = r.pids().stream().map(String::valueOf).collect(Collectors.joining(","));
            List<String> command = new ArrayList<>(List.of("taskset", "-c", otherCpus, "java", "-XX:ActiveProcessorCount=1", "-cp",
                    generator.toString(), "org.attest.bench.launch.LaunchLoad", "--tool", r.lbUrl(), "--tool-pid", pids,
                    "--tool-name", "Attest x" + replicas, "--database", "PostgreSQL", "--db-process", "postgres"));
            command.addAll(generatorArgs);
            long lbBefore = ProcCpu.ticks(r.lbPid());
            long start = System.nanoTime();
            Process load = new ProcessBuilder(command).inheritIO().start();
            status = load.waitFor();
            double seconds = (System.nanoTime() - start) / 1e9;
            long lbTicks = ProcCpu.ticks(r.lbPid()) - lbBefore;
            System.out.printf(Locale.ROOT, "HAProxy: %.1f s of CPU over the whole run (warm-up included, %.0f s), %.1f %% of a core%n",
                    ProcCpu.millis(lbTicks) / 1000, seconds, 100 * ProcCpu.millis(lbTicks) / 1000 / seconds);
            for (int i = 0; i < r.size(); i++) {
                System.out.printf(Locale.ROOT, "replica %s: %.0f launches%n", Replicas.name(i), r.metric(i, "attest_launches_total"));
            }
        }
        System.exit(status);
    }

    private static String option(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        if (i >= 0 && i + 1 < args.size()) {
            return args.get(i + 1);
        }
        if (i >= 0) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return fallback;
    }
}
