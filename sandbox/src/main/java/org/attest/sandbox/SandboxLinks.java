package org.attest.sandbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The activities placed in the sandbox course: resource links, each with its custom parameters. */
@Component
@ConditionalOnSandbox
class SandboxLinks {

    /**
     * One placed activity; its id is the {@code resource_link.id} of every launch.
     *
     * @param url the launch URL the tool named for it, or null for the tool's default
     * @param lineItem the line item the tool asked for, as JSON, or null
     */
    record Link(String id, String title, Map<String, String> custom, String url, String lineItem, Instant createdAt) {

        Link {
            custom = Collections.unmodifiableMap(new LinkedHashMap<>(custom));
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, String>> CUSTOM = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Clock clock;

    SandboxLinks(SandboxDatabase database, Clock clock) {
        this.jdbc = database.jdbc();
        this.clock = clock;
    }

    List<Link> all() {
        return jdbc.sql("SELECT * FROM sandbox_link ORDER BY created_at, id").query(SandboxLinks::row).list();
    }

    Optional<Link> find(String id) {
        return jdbc.sql("SELECT * FROM sandbox_link WHERE id = ?").param(id).query(SandboxLinks::row).optional();
    }

    Link add(String title, Map<String, String> custom, String url, String lineItem) {
        Link link = new Link(UUID.randomUUID().toString(), title, custom, url, lineItem, clock.instant());
        jdbc.sql("INSERT INTO sandbox_link (id, title, custom, url, line_item, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(link.id(), title, JSON.writeValueAsString(link.custom()), url, lineItem,
                        Timestamp.from(link.createdAt()))
                .update();
        return link;
    }

    boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM sandbox_link").query(Integer.class).single() == 0;
    }

    private static Link row(ResultSet rs, int rowNum) throws SQLException {
        return new Link(rs.getString("id"), rs.getString("title"), JSON.readValue(rs.getString("custom"), CUSTOM),
                rs.getString("url"), rs.getString("line_item"), rs.getTimestamp("created_at").toInstant());
    }
}
