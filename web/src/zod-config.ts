import { z } from 'zod';

// zod compiles object parsers with `new Function` unless told not to; the app's Content Security
// Policy forbids eval (script-src 'self'), and the browser reports even zod's probe of it as a
// violation. Imported first by main.tsx, before any schema parses.
z.config({ jitless: true });
