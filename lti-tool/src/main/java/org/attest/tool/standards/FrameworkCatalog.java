package org.attest.tool.standards;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.attest.standards.Framework;
import org.attest.standards.StableIds;
import org.attest.standards.Samples;
import org.attest.standards.StandardsImportException;
import org.attest.standards.Unit;
import org.attest.standards.read.SourceDocument;
import org.attest.standards.read.StandardsImporter;
import org.springframework.stereotype.Service;

/**
 * The frameworks the tool offers. For now the bundled samples (Unit 224 and the recording-forms
 * units), read at start; importing and versioning frameworks in the database comes with the
 * portfolio.
 */
@Service
public class FrameworkCatalog {

    /**
     * A unit as it can be placed in a course: the unit as one version of its framework prints it.
     *
     * @param versionId the framework version the unit was read from; learners' portfolios pin it
     */
    public record PlaceableUnit(Framework framework, UUID versionId, Unit unit) {
    }

    private final List<Framework> frameworks;

    FrameworkCatalog() throws StandardsImportException {
        List<Framework> loaded = new ArrayList<>();
        loaded.add(load(Samples.UNIT_224));
        loaded.add(load(Samples.RECORDING_FORMS));
        this.frameworks = List.copyOf(loaded);
    }

    private static Framework load(Samples sample) throws StandardsImportException {
        return StandardsImporter.read(new SourceDocument(sample.fileName(), sample.bytes())).framework();
    }

    public List<Framework> frameworks() {
        return frameworks;
    }

    public List<PlaceableUnit> units() {
        return frameworks.stream().flatMap(f -> f.units().stream().map(u -> new PlaceableUnit(f, versionId(f), u))).toList();
    }

    /** The unit in one particular framework version, current or not. */
    public Optional<PlaceableUnit> unit(UUID versionId, String unitCode) {
        return units().stream().filter(p -> p.versionId().equals(versionId) && p.unit().code().equals(unitCode)).findFirst();
    }

    private static UUID versionId(Framework f) {
        return StableIds.nameBased(f.id(), "version:" + f.version());
    }

    /** The unit in the current version of its framework. */
    public Optional<PlaceableUnit> unit(String frameworkId, String unitCode) {
        return units().stream()
                .filter(p -> p.framework().id().toString().equals(frameworkId) && p.unit().code().equals(unitCode))
                .findFirst();
    }
}
