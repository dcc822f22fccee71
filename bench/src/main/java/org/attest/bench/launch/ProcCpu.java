package org.attest.bench.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** CPU time of processes from /proc: utime + stime in clock ticks (all threads of the process). */
public final class ProcCpu {

    public static final long CLK_TCK = clockTicks();

    private ProcCpu() {
    }

    /** utime + stime of a process in clock ticks, or -1 when it cannot be read. */
    public static long ticks(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Ticks of a process's JIT compiler threads ("C1/C2 CompilerThre...") and of its VM and GC threads, or -1 each. */
    record ThreadGroups(long jit, long vmAndGc) {
    }

    static ThreadGroups threadGroups(long pid) {
        long jit = 0;
        long vm = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.contains("CompilerThre")) {
                        jit += ticks(stat);
                    } else if (name.equals("VM Thread") || name.startsWith("GC Thread") || name.startsWith("G1 ")
                            || name.startsWith("VM Periodic")) {
                        vm += ticks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
        } catch (IOException e) {
            return new ThreadGroups(-1, -1);
        }
        return new ThreadGroups(jit, vm);
    }

    public static long selfTicks() {
        return ticks(ProcessHandle.current().pid());
    }

    /** Sum over every process whose command name (comm) is {@code name}, e.g. the PostgreSQL server's processes. */
    public static long ticksOfAll(String name) {
        long sum = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    if (open >= 0 && close > open && stat.substring(open + 1, close).equals(name)) {
                        sum += ticks(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    /**
     * Busy ticks of the whole machine, all cores (user, nice, system, irq, softirq, steal from the
     * "cpu" line of /proc/stat), or -1. Minus the tool's, the generator's and the database's ticks,
     * this is what other processes used while a phase ran: a run where that is large was shared.
     */
    public static long machineBusyTicks() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu ")) {
                    String[] f = line.trim().split("\\s+");
                    // cpu user nice system idle iowait irq softirq steal ...
                    return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                            + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Fields 14 (utime) and 15 (stime) of /proc/[pid]/stat, counted after the command name in parentheses. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    public static double millis(long ticks) {
        return ticks * 1000.0 / CLK_TCK;
    }

    /** CLK_TCK from {@code getconf CLK_TCK}; 100 (Linux's USER_HZ) if getconf is unavailable. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return 100;
            }
            return Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
