/**
 * Entity decoding for XML read with entity processing off (router descriptions, SOAP, status feeds):
 * the five predefined entities and character references, plus any names the caller adds; everything
 * else stays as written, so nothing can expand.
 */
const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlText(text: string, extra: Record<string, string> = {}): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const code = hex ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
    }
    const name = ref.toLowerCase();
    return PREDEFINED[name] ?? extra[name] ?? whole;
  });
}
