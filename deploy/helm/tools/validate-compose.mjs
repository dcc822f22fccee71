// Validates a compose file against the Compose Specification's JSON schema (ComposeFileTest runs it):
//   node validate-compose.mjs compose-spec.json compose.yaml
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import Ajv from "ajv";
const schema = JSON.parse(readFileSync(process.argv[2], "utf8"));
// draft-07 (ajv's default); ajv knows the meta-schema by its http address only, the file names it by https
delete schema.$schema;
// merge: compose files share settings through YAML anchors and merge keys (<<)
const compose = parse(readFileSync(process.argv[3], "utf8"), { merge: true });
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
if (validate(compose)) {
  console.log(`valid: ${process.argv[3]} (${Object.keys(compose.services ?? {}).length} services)`);
} else {
  for (const e of validate.errors) console.log("INVALID", e.instancePath || "/", e.message, JSON.stringify(e.params));
  process.exit(1);
}
