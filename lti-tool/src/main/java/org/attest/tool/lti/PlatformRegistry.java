package org.attest.tool.lti;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Platforms and deployments Attest trusts.
 *
 * <p>Every login and every launch looks its platform up, so a platform read from the database is
 * reused for {@link #CACHE_TTL} (one query, platform joined with its deployments, instead of two
 * per lookup; see docs/benchmarks.md, "LTI launch"). Every change made through this class empties
 * the cache at once, and again when its transaction ends; a change made on another replica is
 * seen here within {@link #CACHE_TTL}. Only platforms that exist are cached (an unknown issuer or
 * client id always asks the database, so lookups cannot fill memory), and reads inside a
 * transaction always go to the database.
 */
@Service
public class PlatformRegistry {

    /** How long a platform read from the database is reused: how late another replica's change may be seen here. */
    static final Duration CACHE_TTL = Duration.ofSeconds(2);

    private static final String SELECT = """
            SELECT p.id, p.issuer, p.client_id, p.name, p.authorization_endpoint, p.token_endpoint, p.jwks_uri,
                   p.product_family, p.product_family_override, p.registered_by, p.enabled, p.created_at,
                   d.deployment_id AS d_deployment_id, d.name AS d_name, d.created_at AS d_created_at
            FROM platform p LEFT JOIN deployment d ON d.platform_id = p.id
            """;
    private static final String DEPLOYMENT_ORDER = "d.created_at, d.deployment_id";

    private record Cached(Object value, long expiresAtNanos) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped by every change, so a read that began before a change is not cached after it. */
    private final AtomicLong generation = new AtomicLong();

    PlatformRegistry(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an admin enters (or Dynamic Registration receives) to register a platform. */
    public record Registration(String issuer, String clientId, String name, String authorizationEndpoint,
            String tokenEndpoint, String jwksUri, String productFamily, Platform.RegisteredBy registeredBy,
            List<String> deploymentIds) {
    }

    public Optional<Platform> find(UUID id) {
        return cached("id " + id, () -> single(jdbc.sql(SELECT + "WHERE p.id = ? ORDER BY " + DEPLOYMENT_ORDER).param(id)
                .query(this::platforms)));
    }

    public Optional<Platform> find(String issuer, String clientId) {
        return cached("client " + issuer + " " + clientId, () -> single(jdbc.sql(SELECT
                        + "WHERE p.issuer = ? AND p.client_id = ? ORDER BY " + DEPLOYMENT_ORDER)
                .param(issuer).param(clientId).query(this::platforms)));
    }

    public List<Platform> findByIssuer(String issuer) {
        Optional<List<Platform>> found = cached("issuer " + issuer, () -> {
            List<Platform> list = jdbc.sql(SELECT + "WHERE p.issuer = ? ORDER BY p.created_at, p.id, " + DEPLOYMENT_ORDER)
                    .param(issuer).query(this::platforms);
            return list.isEmpty() ? Optional.empty() : Optional.of(list);
        });
        return found.orElse(List.of());
    }

    /** Moves on with every change made through this registry: a reader can tell its derived values are stale. */
    long generation() {
        return generation.get();
    }

    public List<Platform> all() {
        return jdbc.sql(SELECT + "ORDER BY p.created_at, p.id, " + DEPLOYMENT_ORDER).query(this::platforms);
    }

    /** A registration named an (issuer, client id) that is registered already; nothing was changed. */
    public static final class AlreadyRegistered extends RuntimeException {
        private final Platform existing;

        AlreadyRegistered(Platform existing, String issuer, String clientId) {
            super("a platform with issuer " + issuer + " and client id " + clientId + " is registered already");
            this.existing = existing;
        }

        /** The platform already registered, or null when it was registered a moment ago by a concurrent request. */
        public Platform existing() {
            return existing;
        }
    }

    /**
     * Registers a new platform with its deployments. An (issuer, client id) that is registered
     * already is refused with {@link AlreadyRegistered} and left as it is: registration never
     * changes an existing platform's keys or endpoints (that is an administrator's confirmed edit).
     */
    @Transactional
    public Platform register(Registration r) {
        changed();
        try {
            return store(r);
        } finally {
            forget();
        }
    }

    private Platform store(Registration r) {
        Optional<Platform> existing = find(r.issuer(), r.clientId());
        if (existing.isPresent()) {
            throw new AlreadyRegistered(existing.get(), r.issuer(), r.clientId());
        }
        UUID id = UUID.randomUUID();
        try {
            jdbc.sql("""
                    INSERT INTO platform (id, issuer, client_id, name, authorization_endpoint, token_endpoint, jwks_uri,
                                          product_family, registered_by, enabled, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?)""")
                    .params(id, r.issuer(), r.clientId(), r.name(), r.authorizationEndpoint(), r.tokenEndpoint(),
                            r.jwksUri(), r.productFamily(), r.registeredBy().name(), Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyRegistered(null, r.issuer(), r.clientId());
        }
        for (String deploymentId : r.deploymentIds()) {
            addDeployment(id, deploymentId, null);
        }
        return find(id).orElseThrow();
    }

    public void addDeployment(UUID platformId, String deploymentId, String name) {
        change(() -> {
            int exists = jdbc.sql("SELECT COUNT(*) FROM deployment WHERE platform_id = ? AND deployment_id = ?")
                    .params(platformId, deploymentId).query(Integer.class).single();
            if (exists == 0) {
                jdbc.sql("INSERT INTO deployment (platform_id, deployment_id, name, created_at) VALUES (?, ?, ?, ?)")
                        .params(platformId, deploymentId, name, Timestamp.from(clock.instant())).update();
            }
        });
    }

    public void removeDeployment(UUID platformId, String deploymentId) {
        change(() -> jdbc.sql("DELETE FROM deployment WHERE platform_id = ? AND deployment_id = ?")
                .params(platformId, deploymentId).update());
    }

    public void setEnabled(UUID platformId, boolean enabled) {
        change(() -> jdbc.sql("UPDATE platform SET enabled = ? WHERE id = ?").params(enabled, platformId).update());
    }

    /** Records the product family a launch's tool_platform claim named (Moodle, Canvas, ...), as registration does. */
    public void updateProductFamily(UUID platformId, String productFamily) {
        change(() -> jdbc.sql("UPDATE platform SET product_family = ? WHERE id = ?").params(productFamily, platformId).update());
    }

    /** Sets (or, with null, clears) the LMS family an admin chose over what the platform says. */
    public void overrideFamily(UUID platformId, ProductFamilies.Family family) {
        change(() -> jdbc.sql("UPDATE platform SET product_family_override = ? WHERE id = ?")
                .params(family == null ? null : family.name(), platformId).update());
    }

    /** Changes the endpoints and name an admin edited; issuer and client id are the identity and stay. */
    public void update(UUID platformId, String name, String authorizationEndpoint, String tokenEndpoint, String jwksUri) {
        change(() -> jdbc.sql("UPDATE platform SET name = ?, authorization_endpoint = ?, token_endpoint = ?, jwks_uri = ? WHERE id = ?")
                .params(name, authorizationEndpoint, tokenEndpoint, jwksUri, platformId).update());
    }

    /** A platform looked up by a unique key: at most one. */
    private static Optional<Platform> single(List<Platform> platforms) {
        if (platforms.size() > 1) {
            throw new IllegalStateException("several platforms match a unique key: " + platforms);
        }
        return platforms.stream().findFirst();
    }

    /** Platforms with their deployments from the joined rows, in row order (one row per deployment, or one without). */
    private List<Platform> platforms(ResultSet rs) throws SQLException {
        Map<UUID, Platform> platforms = new LinkedHashMap<>();
        Map<UUID, List<Platform.Deployment>> deployments = new LinkedHashMap<>();
        while (rs.next()) {
            UUID id = rs.getObject("id", UUID.class);
            if (!platforms.containsKey(id)) {
                platforms.put(id, platformRow(rs));
                deployments.put(id, new ArrayList<>());
            }
            String deploymentId = rs.getString("d_deployment_id");
            if (deploymentId != null) {
                deployments.get(id).add(new Platform.Deployment(deploymentId, rs.getString("d_name"),
                        rs.getTimestamp("d_created_at").toInstant()));
            }
        }
        List<Platform> result = new ArrayList<>(platforms.size());
        platforms.forEach((id, p) -> result.add(new Platform(p.id(), p.issuer(), p.clientId(), p.name(), p.authorizationEndpoint(),
                p.tokenEndpoint(), p.jwksUri(), p.productFamily(), p.familyOverride(), p.registeredBy(), p.enabled(), p.createdAt(), deployments.get(id))));
        return result;
    }

    private Platform platformRow(ResultSet rs) throws SQLException {
        return new Platform(rs.getObject("id", UUID.class), rs.getString("issuer"), rs.getString("client_id"),
                rs.getString("name"), rs.getString("authorization_endpoint"), rs.getString("token_endpoint"),
                rs.getString("jwks_uri"), rs.getString("product_family"),
                rs.getString("product_family_override") == null ? null
                        : ProductFamilies.Family.valueOf(rs.getString("product_family_override")),
                Platform.RegisteredBy.valueOf(rs.getString("registered_by")), rs.getBoolean("enabled"),
                rs.getTimestamp("created_at").toInstant(), List.of());
    }

    /**
     * The cached answer for this key while it is fresh, else the database's (cached when present).
     * Inside a transaction the database is always asked, and nothing is cached: the transaction may
     * see its own uncommitted changes.
     */
    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(String key, Supplier<Optional<T>> load) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return load.get();
        }
        long now = System.nanoTime();
        Cached hit = cache.get(key);
        if (hit != null && now - hit.expiresAtNanos() < 0) {
            return Optional.of((T) hit.value());
        }
        long before = generation.get();
        Optional<T> loaded = load.get();
        if (loaded.isPresent() && generation.get() == before) {
            cache.put(key, new Cached(loaded.get(), now + CACHE_TTL.toNanos()));
        } else if (loaded.isEmpty()) {
            cache.remove(key);
        }
        return loaded;
    }

    /** Runs a change to platforms or deployments, forgetting what was cached before and after it. */
    private void change(Runnable write) {
        changed();
        try {
            write.run();
        } finally {
            forget();
        }
    }

    /**
     * A platform or deployment is changing: forget what was cached now, and again once the
     * enclosing transaction (if any) commits or rolls back, since a read that overlaps an
     * uncommitted change may have cached the old value.
     */
    private void changed() {
        forget();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget();
                }
            });
        }
    }

    private void forget() {
        generation.incrementAndGet();
        cache.clear();
    }
}
