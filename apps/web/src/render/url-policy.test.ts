import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedImageSrc, allowedLinkHref, IMAGE_SOURCES } from './url-policy.js';

const origin = 'https://coach.example';

describe('url policy', () => {
  it('allows images from this origin and inline data images only', () => {
    expect(allowedImageSrc('/a.png', origin)).toBe('https://coach.example/a.png');
    expect(allowedImageSrc('https://coach.example/b.png', origin)).toBe(
      'https://coach.example/b.png',
    );
    expect(allowedImageSrc('data:image/png;base64,AAAA', origin)).toBe(
      'data:image/png;base64,AAAA',
    );
    expect(allowedImageSrc('https://evil.example/p.gif', origin)).toBeNull();
    expect(allowedImageSrc('//evil.example/p.gif', origin)).toBeNull();
    expect(allowedImageSrc('data:image/svg+xml;base64,AAAA', origin)).toBeNull();
  });

  it('keeps web and mail links, never script or data links', () => {
    expect(allowedLinkHref('https://example.com/x', origin)).toBe('https://example.com/x');
    expect(allowedLinkHref('mailto:a@b.c', origin)).toBe('mailto:a@b.c');
    expect(allowedLinkHref('javascript:alert(1)', origin)).toBeNull();
    expect(allowedLinkHref(' JaVaScRiPt:alert(1)', origin)).toBeNull();
    expect(allowedLinkHref('data:text/html,<b>x</b>', origin)).toBeNull();
  });

  it("agrees with nginx.conf's Content-Security-Policy img-src", () => {
    const conf = readFileSync(join(import.meta.dirname, '../../../../nginx.conf'), 'utf8');
    const imgSrc = /img-src ([^;]+);/.exec(conf)?.[1]?.trim().split(/\s+/);
    expect(imgSrc).toEqual([...IMAGE_SOURCES]);
  });
});
