// Validates every document of a rendered chart against the Kubernetes API schemas (kubernetes-models, ajv).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
const text = readFileSync(process.argv[2], "utf8");
let failed = 0, count = 0;
for (const doc of parseAllDocuments(text)) {
  const obj = doc.toJS();
  if (!obj) continue;
  count++;
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  const path = `kubernetes-models/${group ? group + "/" : ""}${version}/${obj.kind}`;
  const mod = await import(path).catch(() => import(path + ".js"));
  const Model = mod[obj.kind] ?? mod.default;
  try { new Model(obj).validate(); console.log("ok", obj.kind, obj.metadata.name); }
  catch (e) { failed++; console.log("INVALID", obj.kind, obj.metadata?.name, JSON.stringify(e.errors ?? e.message).slice(0, 600)); }
}
console.log(`${count} documents, ${failed} invalid`);
process.exit(failed ? 1 : 0);
