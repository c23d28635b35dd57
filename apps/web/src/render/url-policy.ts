/**
 * Which URLs an answer may point at. Answers can be steered by text the coach read (a CRM
 * note, a web page), so nothing in them may make the browser fetch from elsewhere.
 *
 * Images load only from the app's own origin or inline `data:` images: the same sources
 * as `img-src` in nginx.conf's Content-Security-Policy (a test keeps the two in step).
 * Any other image becomes a plain link the reader may choose to open.
 */
export const IMAGE_SOURCES = ["'self'", 'data:'] as const;

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The image's URL when it may load here, else null (show a link instead). */
export function allowedImageSrc(src: string | undefined, origin: string): string | null {
  if (!src) return null;
  if (/^data:image\/(?:png|gif|jpeg|webp);/i.test(src)) return src;
  try {
    const url = new URL(src, origin);
    return url.origin === origin ? url.href : null;
  } catch {
    return null;
  }
}

/** A link's URL when it is an ordinary web or mail link, else null (render its text only). */
export function allowedLinkHref(href: string | undefined, origin: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, origin);
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}
