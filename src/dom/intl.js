// Dates and relative times written by the browser's Intl, for src/dom/intl.rs (which decides
// what to show and stands in with the core's own form where this returns ''). Formatters are
// kept by locale and options: making one costs far more than using it.
const made = new Map();

function formatter(Kind, locale, options) {
  const key = `${Kind.name} ${locale} ${JSON.stringify(options)}`;
  let format = made.get(key);
  if (!format) {
    format = new Kind(locale, options);
    made.set(key, format);
  }
  return format;
}

/**
 * The instant `ms` as a date, with the time of day if `time`, in time zone `zone` (the
 * reader's own if ''): the numeric form of Chinese newsrooms (`2020-02-19 04:32`, from the
 * parts Intl gives) or, for English, the medium form with the zone (`Feb 19, 2020, 04:32
 * GMT+8`). '' if Intl refuses.
 */
export function date(ms, zone, time, locale) {
  const en = locale === 'en';
  const options = en
    ? { year: 'numeric', month: 'short', day: 'numeric' }
    : { year: 'numeric', month: '2-digit', day: '2-digit' };
  if (zone) options.timeZone = zone;
  if (time) Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }, en && { timeZoneName: 'short' });
  try {
    const format = formatter(Intl.DateTimeFormat, locale, options);
    if (en) return format.format(ms);
    const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, p.value]));
    const fields = [['year', ''], ['month', '-'], ['day', '-']];
    if (time) fields.push(['hour', ' '], ['minute', ':']);
    return fields.every(([kind]) => parts[kind]) ? fields.map(([kind, before]) => before + parts[kind]).join('') : '';
  } catch {
    return '';
  }
}

/** `value` `unit`s from now ("3分钟前", "3 minutes ago"); '' if Intl refuses. */
export function relative(value, unit, locale) {
  try {
    return formatter(Intl.RelativeTimeFormat, locale, { numeric: 'always' }).format(value, unit);
  } catch {
    return '';
  }
}
