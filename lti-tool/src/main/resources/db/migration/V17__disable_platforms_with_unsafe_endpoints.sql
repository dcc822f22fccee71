-- Before issue 9, platform endpoints were stored without checking their scheme, so a registration could have stored
-- javascript:, file: or other non-web URLs. Such a platform is switched off (its admin sees it disabled and fixes the
-- endpoint on the admin page); nothing else changes. Written to run on H2 (PostgreSQL mode) and PostgreSQL.
UPDATE platform SET enabled = FALSE
WHERE NOT (LOWER(authorization_endpoint) LIKE 'http://%' OR LOWER(authorization_endpoint) LIKE 'https://%')
   OR NOT (LOWER(jwks_uri) LIKE 'http://%' OR LOWER(jwks_uri) LIKE 'https://%')
   OR (token_endpoint IS NOT NULL AND NOT (LOWER(token_endpoint) LIKE 'http://%' OR LOWER(token_endpoint) LIKE 'https://%'));
