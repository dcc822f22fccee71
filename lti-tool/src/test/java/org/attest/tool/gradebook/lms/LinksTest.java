package org.attest.tool.gradebook.lms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void readsSeveralLinksFromOneHeaderAndSeveralHeaders() {
        Map<String, String> links = Links.parse(List.of(
                "<https://lms.ac.uk/m?page=2>; rel=\"next\", <https://lms.ac.uk/m?page=9>; rel=\"last\"",
                "<https://lms.ac.uk/m?since=5>; title=\"changes\"; rel=differences"), "https://lms.ac.uk/m");

        assertEquals(Map.of("next", "https://lms.ac.uk/m?page=2", "last", "https://lms.ac.uk/m?page=9",
                "differences", "https://lms.ac.uk/m?since=5"), links);
    }

    @Test
    void resolvesRelativeLinksAgainstTheRequestAndSplitsRelationLists() {
        Map<String, String> links = Links.parse(List.of("</api/m?page=3>; rel=\"next NEXT-extra\""), "https://lms.ac.uk/api/m?page=2");

        assertEquals("https://lms.ac.uk/api/m?page=3", links.get("next"));
        assertEquals("https://lms.ac.uk/api/m?page=3", links.get("next-extra"));
    }
}
