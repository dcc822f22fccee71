package org.attest.standards;

import java.util.List;
import java.util.UUID;

/**
 * An NVQ element ("224.1 can establish the type and level of support ...") or an RQF learning
 * outcome ("1 Understand how to ..."), grouping the criteria that prove it.
 *
 * @param code "224.1" for an element, "1" for a learning outcome
 * @param title the statement as printed; {@code null} when the document gives none
 */
public record Element(UUID id, String code, String title, ElementKind kind, List<Criterion> criteria) {

    public Element {
        criteria = List.copyOf(criteria);
    }

    public Element withIds(UUID newId, List<Criterion> newCriteria) {
        return new Element(newId, code, title, kind, newCriteria);
    }
}
