/** What a label takes when a value is not one to keep. */
export const OTHER_LABEL = "other";

const PLAIN = /^[A-Za-z0-9_.:-]{1,40}$/;

/**
 * A label's values kept bounded whatever callers pass: the first `max` distinct plain values
 * (letters, digits, `_.:-`, at most 40) are kept, anything else becomes "other". Callers pass
 * names from code (channels, jobs, reasons), never a user id; this is the guard if one slips in.
 */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max || !PLAIN.test(value)) return OTHER_LABEL;
    seen.add(value);
    return value;
  };
}
