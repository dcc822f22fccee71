package org.attest.bench.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory and age, from /proc: what start-up time and idle or loaded memory are read from. */
final class ProcStatus {

    private ProcStatus() {
    }

    /** VmRSS of /proc/PID/status in MiB, or -1 when it cannot be read (the process ended, not Linux). */
    static double rssMiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    // "VmRSS:    123456 kB"
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) / 1024.0;
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Seconds since the process started: the system's uptime minus the process's start time (field 22 of
     * /proc/PID/stat, in clock ticks after boot); -1 when either cannot be read. Resolution: one clock tick (10 ms).
     */
    static double secondsSinceStart(long pid) {
        try {
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0]);
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            // fields[0] is field 3 (state), so field n is fields[n - 3].
            long startTicks = Long.parseLong(fields[22 - 3]);
            return uptime - (double) startTicks / ProcCpu.CLK_TCK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
