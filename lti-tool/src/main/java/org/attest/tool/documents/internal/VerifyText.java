package org.attest.tool.documents.internal;

/** The export's VERIFY.txt: how to check its files and its audit entries with standard tools. */
final class VerifyText {

    static final String TEXT = """
            How to verify this export
            =========================

            Attest wrote this ZIP. Every file in it is listed in SHA256SUMS and manifest.json with its size and
            SHA-256, taken while the file was written (the two lists do not list themselves or each other).

            1. The files. In the folder where you unpacked the ZIP:

                   sha256sum -c SHA256SUMS

               (macOS: shasum -a 256 -c SHA256SUMS). Every line must say OK. A learner unit's index.pdf lists the
               same hashes for that unit, and each evidence file's hash is the one Attest took when it was uploaded.

            2. The audit entries. Each learner unit's audit.jsonl holds its entries from Attest's append-only,
               hash-chained audit trail, one JSON object a line, exactly as stored: seq (the entry's place in the
               chain of the whole installation), prevHash (the hash of entry seq-1) and hash. An entry's hash is the
               lower-case hex SHA-256 of the UTF-8 bytes of the entry without its "hash" field, written with its keys
               sorted, no whitespace, and only '"', '\\' and characters below U+0020 escaped; this is what Python
               writes with json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False). Check
               every entry, and the link between entries whose seq numbers follow each other, with the script at
               the root of this ZIP (it prints each entry's seq and "ok" or "BROKEN"):

                   python3 verify-audit.py <folder>/audit.jsonl

               For one entry with standard tools only (jq 1.6+ sorts keys with -S; check that the text has no
               characters jq escapes differently, such as U+007F):

                   head -1 audit.jsonl | jq -cjS 'del(.hash)' | openssl dgst -sha256

            3. The chain. An entry's prevHash is the hash of the entry before it in the whole installation, which
               may be about another learner, so entries of one unit link to each other only where their seq numbers
               follow. manifest.json and each index.pdf give the chain's head (seq and hash) when the export was
               made. The centre's operator checks the whole chain, and that it still passes through these hashes,
               with:

                   java -jar attest.jar --attest.audit.verify

               (a centre admin can run the same check for the centre's own entries). An entry whose hash matches
               its contents and whose seq and hash the operator finds in the verified chain has not been changed
               since it was written.
            """;

    /** verify-audit.py: checks each audit entry's hash, and the links between consecutive entries. */
    static final String SCRIPT = """
            # Checks the audit entries of an Attest portfolio export (see VERIFY.txt): each entry's hash is the
            # SHA-256 of the entry without "hash" as canonical JSON; consecutive entries (seq n, n+1) link by prevHash.
            # usage: python3 verify-audit.py [audit.jsonl]   (the audit.jsonl beside it when no file is named)
            import hashlib, json, sys

            broken = 0
            prev = None
            for line in open(sys.argv[1] if len(sys.argv) > 1 else "audit.jsonl", encoding="utf-8"):
                entry = json.loads(line)
                stored = entry.pop("hash")
                text = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
                ok = hashlib.sha256(text.encode("utf-8")).hexdigest() == stored
                linked = prev is None or entry["seq"] != prev[0] + 1 or entry["prevHash"] == prev[1]
                print(entry["seq"], "ok" if ok and linked else "BROKEN")
                broken += 0 if ok and linked else 1
                prev = (entry["seq"], stored)
            sys.exit(1 if broken else 0)
            """;

    private VerifyText() {
    }
}
