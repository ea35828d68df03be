// Hash rates for people: three significant figures with the largest fitting unit.
const UNITS = ['H/s', 'kH/s', 'MH/s', 'GH/s', 'TH/s', 'PH/s'];

export function formatHashrate(hashesPerSecond: number): string {
  let value = hashesPerSecond;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 1 : 2)} ${UNITS[unit]}`;
}
