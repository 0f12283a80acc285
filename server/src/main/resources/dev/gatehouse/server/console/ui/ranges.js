// Time ranges and their labels for the spend and overview pages. Everything is in UTC, as the
// admin API counts it (a spend "day" is a UTC day), and every label says so.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The overview's three windows: each ends at the end of the current bucket. */
export const WINDOWS = {
  hour: { label: 'Last hour', bucket: 'minute', size: MINUTE, count: 60, per: 'minute' },
  day: { label: 'Last day', bucket: 'hour', size: HOUR, count: 24, per: 'hour' },
  month: { label: 'Last 30 days', bucket: 'day', size: DAY, count: 30, per: 'day' },
};

/** `{from, to}` as ISO instants for a window, ending with the bucket that holds `now`. */
export function windowRange(span, now = Date.now()) {
  const to = Math.floor(now / span.size) * span.size + span.size;
  return { from: new Date(to - span.size * span.count).toISOString(), to: new Date(to).toISOString() };
}

/** A bucket's start as a short axis label and a full one, for its bucket size. */
export function bucketLabels(iso, bucket) {
  const date = new Date(iso);
  if (bucket === 'day') {
    return { label: shortDay(date), title: iso.slice(0, 10) };
  }
  const time = iso.slice(11, 16);
  return { label: time, title: `${iso.slice(0, 10)} ${time} UTC` };
}

/** "Dec 7" for a UTC day. */
export function shortDay(date) {
  return date.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** `yyyy-mm-dd` of an instant's UTC day. */
export function utcDate(millis) {
  return new Date(millis).toISOString().slice(0, 10);
}

/** Every UTC day from `first` to `last` (both `yyyy-mm-dd`, inclusive). At most `limit` days. */
export function daysBetween(first, last, limit = 1000) {
  const days = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && days.length < limit; t += DAY) {
    days.push(utcDate(t));
  }
  return days;
}

/** The instant a UTC day starts, and the one the next starts: a `to` that includes `day`. */
export function dayStart(day) {
  return `${day}T00:00:00Z`;
}

export function dayAfter(day) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().replace('.000Z', 'Z');
}
