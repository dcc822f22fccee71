package org.attest.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of an AGS or NRPS container, as Moodle pages them: {@code limit} items from offset
 * {@code from}, with {@code Link} headers to the next, previous, first and last pages.
 */
record ServicePage(int offset, int limit) {

    static final int DEFAULT_LIMIT = 100;

    static ServicePage of(String limit, String from) throws ServiceRefusal {
        return new ServicePage(from == null ? 0 : whole(from, "from", 0), limit == null ? DEFAULT_LIMIT : whole(limit, "limit", 1));
    }

    <T> List<T> of(List<T> all) {
        return all.stream().skip(offset).limit(limit).toList();
    }

    /** The {@code Link} header values for this page of {@code total} items at {@code self}. */
    List<String> links(UriComponentsBuilder self, int total) {
        List<String> links = new ArrayList<>();
        IntFunction<String> at = from -> "<" + self.cloneBuilder().queryParam("limit", limit).queryParam("from", from)
                .encode().toUriString() + ">";
        if (offset + limit < total) {
            links.add(at.apply(offset + limit) + "; rel=\"next\"");
        }
        if (offset > 0) {
            links.add(at.apply(Math.max(0, offset - limit)) + "; rel=\"prev\"");
        }
        if (total > limit) {
            links.add(at.apply(0) + "; rel=\"first\"");
            links.add(at.apply((total - 1) / limit * limit) + "; rel=\"last\"");
        }
        return links;
    }

    private static int whole(String value, String name, int minimum) throws ServiceRefusal {
        try {
            int n = Integer.parseInt(value);
            if (n >= minimum) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ServiceRefusal.badRequest(name + " must be a whole number of " + minimum + " or more, was '" + value + "'");
    }
}
