// Parse calendar files with ical.js (the parser inside Thunderbird) and print, as JSON,
// each event's UID, status, sequence, summary and its start and end in UTC (ISO-8601).
// Usage: node parse.mjs FILE.ics [FILE.ics ...]  -> {"FILE.ics": [{...}, ...], ...}
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function utc(time) {
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

const result = {};
for (const path of process.argv.slice(2)) {
  ICAL.TimezoneService.reset();
  const root = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
  for (const zone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  }
  result[path] = root.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      status: component.getFirstPropertyValue("status"),
      sequence: event.sequence,
      summary: event.summary,
      description: event.description,
      location: event.location,
      start: utc(event.startDate),
      end: utc(event.endDate),
      start_tzid: event.startDate.zone ? event.startDate.zone.tzid : null,
    };
  });
}
process.stdout.write(JSON.stringify(result));
