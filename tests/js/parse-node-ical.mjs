// Parse calendar files with node-ical (a parser of its own, used by many Node.js
// calendar tools) and print, as JSON, each event's UID, status, sequence and its
// start and end in UTC (ISO-8601), like parse.mjs does with ical.js.
// Usage: node parse-node-ical.mjs FILE.ics [FILE.ics ...]  -> {"FILE.ics": [{...}, ...], ...}
import { readFileSync } from "node:fs";
import ical from "node-ical";

function utc(date) {
  return date.toISOString().replace(".000Z", "Z");
}

const result = {};
for (const path of process.argv.slice(2)) {
  const parsed = ical.sync.parseICS(readFileSync(path, "utf8"));
  result[path] = Object.values(parsed)
    .filter((item) => item.type === "VEVENT")
    .map((event) => ({
      uid: event.uid,
      status: event.status || "",
      sequence: Number(event.sequence || 0),
      start: utc(event.start),
      end: utc(event.end),
    }));
}
process.stdout.write(JSON.stringify(result));
