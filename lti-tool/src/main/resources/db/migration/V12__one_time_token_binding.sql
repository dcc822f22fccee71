-- A one-time registration URL the sandbox makes for itself works only with the sandbox's own
-- OpenID configuration URL (NULL: any configuration, as for the URLs an operator makes).
ALTER TABLE one_time_token ADD COLUMN bound_to VARCHAR(2000);
