import helmet from 'helmet';
import type { RequestHandler } from 'express';

/** The origin of a tile URL template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png. */
function tileOrigin(tileUrl: string | undefined): string | undefined {
  if (!tileUrl) return undefined;
  try {
    return new URL(tileUrl.replace(/\{[a-z]\}/g, 'a')).origin;
  } catch {
    return undefined;
  }
}

/**
 * Security headers. The Content-Security-Policy allows only the app itself, plus images from the
 * configured tile server: no CDN, font or script from anywhere else can load.
 */
export function securityHeaders(tileUrl: string | undefined): RequestHandler {
  const tiles = tileOrigin(tileUrl);
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Leaflet and the API reference position elements with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tiles ? [tiles] : [])],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // The app is served over plain HTTP on 127.0.0.1 in the demo; HSTS belongs to the HTTPS proxy.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
}
