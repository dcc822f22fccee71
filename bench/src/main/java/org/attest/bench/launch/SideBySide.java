package org.attest.bench.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the results of one bench/launch-load.sh invocation as one table, a row per tool measured (Attest first,
 * then the peer), and, with both, how far Attest is ahead of or behind the peer in tool CPU per full launch.
 *
 * <p>usage: SideBySide attest.json [peer.json]
 */
public final class SideBySide {

    private SideBySide() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SideBySide attest.json [peer.json] (files written by LaunchLoad --json)");
            System.exit(2);
        }
        List<LaunchResult> results = new ArrayList<>();
        for (String file : args) {
            results.add(LaunchResult.read(Path.of(file)));
        }
        System.out.print(table(results));
        if (results.size() == 2) {
            System.out.println(verdict(results.get(0), results.get(1)));
        }
    }

    static String table(List<LaunchResult> results) {
        boolean db = results.stream().anyMatch(r -> r.dbCpuMs() >= 0);
        StringBuilder t = new StringBuilder();
        t.append("| tool | database | Tomcat threads | login CPU / 1000 | launch CPU / 1000 | landing CPU / 1000 | full launch CPU |")
                .append(db ? " DB server CPU |" : "")
                .append(" launches/s | launch p99 | full p99 | start-up | RSS idle | RSS at the end | errors |\n");
        t.append("| --- ".repeat(db ? 15 : 14)).append("|\n");
        for (LaunchResult r : results) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f s | %.3f s | %.3f s | %.3f ms |", r.tool(), r.database(),
                    r.tomcatThreads(), r.loginCpuMs(), r.launchCpuMs(), r.landingCpuMs(), r.fullCpuMs()));
            if (db) {
                t.append(r.dbCpuMs() >= 0 ? String.format(Locale.ROOT, " %.3f ms |", r.dbCpuMs()) : " - |");
            }
            t.append(String.format(Locale.ROOT, " %,.0f | %.0f ms | %.0f ms | %s | %s | %s | %d of %,d |%n", r.launchesPerSecond(),
                    r.launch().p99(), r.full().p99(), r.startupSeconds() < 0 ? "?" : String.format(Locale.ROOT, "%.1f s", r.startupSeconds()),
                    mib(r.rssIdleMiB()), mib(r.rssEndMiB()), r.errors(), r.timed()));
        }
        return t.toString();
    }

    /** "Attest is X.XX times ahead/behind the peer per full launch", by tool CPU per full launch. */
    static String verdict(LaunchResult attest, LaunchResult peer) {
        if (!(attest.fullCpuMs() > 0 && peer.fullCpuMs() > 0)) {
            return "tool CPU per full launch unknown: no comparison";
        }
        double ratio = peer.fullCpuMs() / attest.fullCpuMs();
        return ratio >= 1
                ? String.format(Locale.ROOT, "%s is %.2f times ahead of the peer per full launch (%.3f ms against %.3f ms of tool CPU)",
                        attest.tool(), ratio, attest.fullCpuMs(), peer.fullCpuMs())
                : String.format(Locale.ROOT, "%s is %.2f times behind the peer per full launch (%.3f ms against %.3f ms of tool CPU)",
                        attest.tool(), 1 / ratio, attest.fullCpuMs(), peer.fullCpuMs());
    }

    private static String mib(double mib) {
        return mib < 0 ? "?" : String.format(Locale.ROOT, "%.0f MiB", mib);
    }
}
