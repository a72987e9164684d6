import { z } from 'zod/mini';

/**
 * zod's English messages ("Invalid input: expected string, received number", `Unrecognized key:
 * "colour"`, "Too big: expected string to have <=200 characters") wherever zod's issues are shown
 * to people: the claims CLI and the build's data check (check.ts), the options page's import
 * preview (claimreview.ts, and the page itself), and the worker's log (entrypoints/background.ts).
 *
 * The schemas are zod/mini, which ships no locale: without this, an issue that carries no message
 * of its own reads "Invalid input". The content script must not import this module (every byte of
 * it is loaded into every page; tests/unit/messaging/content-parse.test.ts checks), so there a
 * failed parse is reported as "Invalid input" with its path. The messages written into the schemas
 * ("must be an absolute https:// URL", "must be at most 300 characters") read the same everywhere.
 *
 * Importing this module sets zod's global configuration for its JavaScript context (a page, the
 * worker, a Node process); it changes messages only, never what is accepted.
 */
z.config(z.locales.en());
