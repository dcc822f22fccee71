package org.attest.standards;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Awarding-body documents shipped with Attest: City &amp; Guilds Level 2 Customer Service Unit 224
 * (markdown and as extracted from the PDF) and the qualification's recording forms, 19 units.
 * The CLI's {@code --sample} and the tool's sandbox load them.
 */
public enum Samples {
    UNIT_224("unit-224", "unit-224.md"),
    UNIT_224_FROM_PDF("unit-224-from-pdf", "224-pdf-extract.txt"),
    RECORDING_FORMS("recording-forms", "recording-forms.txt");

    private final String key;
    private final String resource;

    Samples(String key, String resource) {
        this.key = key;
        this.resource = resource;
    }

    public String key() {
        return key;
    }

    public String fileName() {
        return resource;
    }

    public byte[] bytes() {
        try (InputStream in = Samples.class.getResourceAsStream("samples/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("sample " + resource + " is missing from the standards-import jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Samples byKey(String key) {
        for (Samples s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no sample called '" + key + "'; samples: " + keys());
    }

    public static List<String> keys() {
        return java.util.Arrays.stream(values()).map(Samples::key).toList();
    }
}
