package org.attest.standards.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attest.standards.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as an admin runs it: outputs, exit codes, messages. */
class StandardsImportCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = StandardsImportCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void aHostilePdfEndsWithOneLineAndExitCodeTwo() throws Exception {
        Path deep = write("deep.pdf", org.attest.standards.HostilePdfs.nestedPageTree(20_000));
        Path huge = write("huge.pdf", org.attest.standards.HostilePdfs.pages(1, 200_000));

        for (Path hostile : List.of(deep, huge)) {
            Run run = run(hostile.toString());

            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            assertThat(run.err().lines().toList()).as(run.err()).hasSize(1).first().asString().startsWith("error: ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void summaryPrintsTheTreeWithCounts() throws Exception {
        Run run = run(write("224.md", Samples.UNIT_224.bytes()).toString());

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("Unit 224 Support customers using online customer services (level 2, 5 credits)",
                "3 elements; 11 performance, 7 knowledge, 4 range items", "224.3.7 [K]", "0 warnings");
    }

    @Test
    void strictExitsOneWhenThereAreWarnings() throws Exception {
        Path forms = write("004.txt", Samples.RECORDING_FORMS.bytes());

        assertThat(run(forms.toString()).exit()).isZero();
        Run strict = run("--strict", forms.toString());
        assertThat(strict.exit()).isEqualTo(1);
        assertThat(strict.out()).contains("warning: 004.txt:", "203.3.5 is printed inside Unit 202");
    }

    @Test
    void writesCaseJsonToAFile() throws Exception {
        Path out = dir.resolve("224.case.json");

        Run run = run("--format", "case", "--out", out.toString(), write("224.md", Samples.UNIT_224.bytes()).toString());

        assertThat(run.exit()).isZero();
        assertThat(Files.readString(out)).contains("\"CFDocument\"", "\"humanCodingScheme\" : \"224.1.1\"");
        Run back = run(out.toString());
        assertThat(back.exit()).isZero();
        assertThat(back.out()).contains("18 criteria");
    }

    @Test
    void csvFormatsGoToStandardOutput() {
        assertThat(run("--format", "moodle-competency-csv", "--sample", "unit-224").out()).startsWith("Parent ID number,");
        assertThat(run("--format", "moodle-outcomes-csv", "--sample", "unit-224").out()).startsWith("outcome_name;");
        assertThat(run("--format", "canvas-csv", "--sample", "unit-224").out()).startsWith("vendor_guid,object_type,");
    }

    @Test
    void unitTitleOptionCompletesADocumentWithoutOne() {
        Run run = run("--unit-title", "Support customers using online customer services", "--sample", "unit-224-from-pdf");

        assertThat(run.out()).contains("Unit 224 Support customers using online customer services", "1 warning");
    }

    @Test
    void unknownLayoutExitsTwoListingTheLayoutsAndWritesNothing() throws Exception {
        Path doc = write("minutes.txt", "Minutes of the team meeting\nApologies: none\n".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("out.json");

        Run run = run("--format", "case", "--out", out.toString(), doc.toString());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("minutes.txt", "not in a layout Attest knows", "NVQ unit", "RQF/QCF unit",
                "recording forms", "CASE 1.0 JSON");
        assertThat(out).doesNotExist();
    }

    @Test
    void badArgumentsExitTwo() {
        assertThat(run("no-such-file.txt").exit()).isEqualTo(2);
        assertThat(run("no-such-file.txt").err()).contains("no such file: no-such-file.txt");
        assertThat(run("--format", "xml", "--sample", "unit-224").err()).contains("unknown --format 'xml'");
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("--sample", "nope").err()).contains("no sample called 'nope'");
    }

    @Test
    void pushSendsTheCaseJsonWithTheTokenAndPrintsWhatAttestDid() throws Exception {
        List<String> seen = new ArrayList<>();
        HttpServer attest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attest.createContext("/admin/api/frameworks", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"result\": \"NEW_FRAMEWORK\", \"summary\": \"Imported Unit 224.\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        attest.start();
        try {
            String url = "http://127.0.0.1:" + attest.getAddress().getPort() + "/admin/api/frameworks";

            Run run = run("--sample", "unit-224", "--push", url, "--token", "attest_abc");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("Unit 224 Support customers", "0 warnings");
            assertThat(run.err()).contains("pushed to " + url + ": Imported Unit 224.");
            assertThat(seen.get(0)).isEqualTo("POST Bearer attest_abc application/json");
            assertThat(seen.get(1)).contains("\"CFDocument\"", "\"humanCodingScheme\" : \"224.1.1\"");
        } finally {
            attest.stop(0);
        }
    }

    @Test
    void pushThatAttestRefusesExitsThreeWithItsReason() throws Exception {
        HttpServer attest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attest.createContext("/", exchange -> {
            byte[] answer = "{\"error\": \"this API token is unknown or was deleted\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        attest.start();
        try {
            Run run = run("--sample", "unit-224", "--push", "http://127.0.0.1:" + attest.getAddress().getPort() + "/admin/api/frameworks",
                    "--token", "attest_old");

            assertThat(run.exit()).isEqualTo(3);
            assertThat(run.err()).contains("Attest refused the package (HTTP 401): this API token is unknown or was deleted",
                    "check --token");
        } finally {
            attest.stop(0);
        }
    }

    @Test
    void pushToNothingExitsThreeAndABadUrlExitsTwoBeforeReading() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Run nothing = run("--sample", "unit-224", "--push", "http://127.0.0.1:" + closedPort + "/admin/api/frameworks");
        Run notHttp = run("--sample", "unit-224", "--push", "attest.example.ac.uk/admin/api/frameworks");

        assertThat(nothing.exit()).isEqualTo(3);
        assertThat(nothing.err()).contains("cannot connect to http://127.0.0.1:" + closedPort, "Nothing was pushed");
        assertThat(notHttp.exit()).isEqualTo(2);
        assertThat(notHttp.err()).contains("--push needs an http(s) URL");
        assertThat(notHttp.out()).isEmpty();
    }
}
