#!/usr/bin/env python3
"""Regenerates the malformed-input corpus (small files, committed). The 1 GB runaway line is NOT here:
CorpusRunawayLineTests generates it at test time in a temp folder. Run from this folder."""
import json, os

SAMPLE = "../../../connectors/samples/public-security/births/births-2026-11-a-utf8.csv"
HEALTH = "../../../connectors/samples/health/birth-certificates.transaction.json"
lines = open(SAMPLE, encoding="utf-8").read().splitlines()
header, good = lines[0], lines[1:7]

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))

def csv(*rows):
    return "\n".join(rows) + "\n"

# --- CSV (feeds/births-csv.yaml, feeds/births-csv-utf8.yaml) ---
gb_row = good[1].replace("吴佳", "吴佳佳")
write("csv/gb18030-declared-utf8.csv",
      (csv(header, good[0]) ).encode("utf-8") + (gb_row + "\n").encode("gb18030") + (good[2] + "\n").encode("utf-8"))
write("csv/truncated-mid-quote.csv", csv(header, good[0], good[1]) + good[2].split(",")[0] + ',"罗')
f = good[2].split(",")
write("csv/wrong-column-count.csv", csv(header, good[0], ",".join(f[:8]), good[1], ",".join(f + ["多余"]), good[3]))
def with_id(row, new_id):
    return ",".join([new_id] + row.split(",")[1:])
write("csv/bad-ids.csv", csv(header, good[0],
      with_id(good[1], good[1][:17] + "0"),          # wrong check character
      with_id(good[2], "990102202609260720"),        # division 990102 does not exist (check char recomputed below)
      with_id(good[3], good[3][:17]),                # 17 characters
      with_id(good[4], "32010220260921874A"),        # a letter inside
      good[5]))
def with_dates(row, birth=None, registered=None):
    p = row.split(",")
    if birth: p[3] = birth
    if registered: p[8] = registered
    return ",".join(p)
write("csv/impossible-dates.csv", csv(header, good[0],
      with_dates(good[1], birth="20260230"),
      with_dates(good[2], registered="2026-13-01"),
      with_dates(good[3], birth="20301010"),
      good[4]))
write("csv/empty.csv", b"")
write("csv/header-only.csv", csv(header))

# --- JSON and NDJSON (feeds/births-json.yaml, feeds/births-ndjson.yaml): nested objects ---
def obj(row):
    p = row.split(",")
    return {"person": {"id": p[0], "name": p[1], "sex": p[2], "birthDate": p[3]},
            "household": {"division": p[4]}, "mother": {"id": p[5]}, "father": {"id": p[6]},
            "certificate": p[7], "registered": p[8]}
def dumps(o):
    return json.dumps(o, ensure_ascii=False)
bad_date = obj(good[3]); bad_date["person"]["birthDate"] = "20260431"
write("ndjson/invalid-lines.ndjson", "\n".join([
    dumps(obj(good[0])),
    dumps(obj(good[1]))[:40],                        # 2: cut mid-string
    dumps(obj(good[2])),
    "[1, 2, 3]",                                     # 4: not an object
    "",                                              # 5: blank, skipped
    dumps(bad_date),                                 # 6: impossible date
]).encode("utf-8") + b"\n" + dumps(obj(good[4])).replace("杨明一", "杨").encode("utf-8")[:-2] + b"\xb9\xfa\"}\n"  # 7: GB18030 bytes
    + dumps(obj(good[5])).encode("utf-8") + b"\n")
write("json/truncated.json", "[\n  " + ",\n  ".join(dumps(obj(r)) for r in good[:2]) + ",\n  " + dumps(obj(good[2]))[:50])
write("json/not-an-array.json", dumps(obj(good[0])))
write("json/mixed-elements.json", "[\n  " + ",\n  ".join([dumps(obj(good[0])), "42", dumps(bad_date), dumps(obj(good[1]))]) + "\n]\n")
write("json/empty.json", b"")

# --- FHIR (connectors/feeds/health/birth-certificates.yaml) ---
write("fhir/invalid-json.json", '{"resourceType": "Bundle", "type": "collection", "entry": [ { "resource": { "resourceType": "Patient", ')
write("fhir/invalid-xml.xml", '<Bundle xmlns="http://hl7.org/fhir">\n  <type value="collection"/>\n  <entry>\n    <resource>\n      <Patient>\n  </entry>\n</Bundle>\n')
laughs = ['<?xml version="1.0"?>', '<!DOCTYPE lolz [', ' <!ENTITY lol "lol">']
laughs += [f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
laughs += [']>', '<Bundle xmlns="http://hl7.org/fhir"><type value="collection"/><entry><resource><Patient><name><text value="&lol9;"/></name></Patient></resource></entry></Bundle>']
write("fhir/billion-laughs.xml", "\n".join(laughs) + "\n")
bundle = json.load(open(HEALTH, encoding="utf-8"))
bundle["id"] = "births-with-foreign-resources"
bundle["entry"].append({"fullUrl": "urn:uuid:0b8f6a52-59a4-4c86-9f1e-0c1de1c3a001",
    "resource": {"resourceType": "Claim", "id": "claim-1", "status": "active"}, "request": {"method": "POST", "url": "Claim"}})
bundle["entry"].append({"fullUrl": "urn:uuid:0b8f6a52-59a4-4c86-9f1e-0c1de1c3a002",
    "resource": {"resourceType": "MedicationRequest", "id": "med-1", "status": "active", "intent": "order"}, "request": {"method": "POST", "url": "MedicationRequest"}})
write("fhir/wrong-resource-types.json", json.dumps(bundle, ensure_ascii=False, indent=2) + "\n")
