/** A stored ISO time as the user's local date and time; anything unparsable is shown as it is. */
export function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}
