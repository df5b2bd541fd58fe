// Distances, speeds and the wording network explanations share: great-circle distance (haversine),
// "1 h 13 min", "10,400 km", "2026-03-02 09:02 UTC", and how a sign-in is named ("203.0.113.7 (Toronto, CA)").

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in km between two points given in degrees (haversine). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A whole number with thousands separators: 10400 → "10,400". */
export function formatNumber(n: number): string {
  return grouped.format(Math.round(n));
}

/** Rounds a distance or speed for display: to 10 above 1,000, else to 1. */
export function roundForDisplay(n: number): number {
  return n >= 1000 ? Math.round(n / 10) * 10 : Math.round(n);
}

/** A duration for people: "45 s", "4 min", "1 h 13 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const totalMinutes = Math.round(Math.abs(ms) / 60_000);
  if (totalMinutes === 0) return `${Math.round(Math.abs(ms) / 1000)} s`;
  if (totalMinutes < 60) return `${totalMinutes} min`;
  const totalHours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (totalHours < 48) return minutes === 0 ? `${totalHours} h` : `${totalHours} h ${minutes} min`;
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  return hours === 0 ? `${days} d` : `${days} d ${hours} h`;
}

/** "2026-03-02 09:02 UTC" */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** ISO 8601 UTC of a time, as stored in signal data. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** "Toronto, CA", "CA", or "an unknown place". */
export function placeText(place: { city?: string; country?: string }): string {
  if (place.city && place.country) return `${place.city}, ${place.country}`;
  return place.city ?? place.country ?? 'an unknown place';
}

/** "203.0.113.7 (Toronto, CA)"; a sign-in without an address: "a sign-in from New York, US". */
export function addressText(login: { ip?: string; city?: string; country?: string }): string {
  if (!login.ip) return `a sign-in from ${placeText(login)}`;
  if (!login.city && !login.country) return login.ip;
  return `${login.ip} (${placeText(login)})`;
}
