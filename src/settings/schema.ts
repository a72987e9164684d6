import { z } from 'zod/mini';
import { Slug } from '../claims/schema';
import { lazy } from '../util/lazy';
import { isSiteHost } from './sites';

/**
 * The user's settings: one schema, stored in storage.sync one key per setting, so that a missing,
 * corrupt or out-of-range value falls back to the default for that key alone (and is logged),
 * and a change to one setting never rewrites the others.
 *
 * Lists keep their valid entries and drop the rest: one bad site in a list of twenty must not
 * wipe the other nineteen.
 */

export const SETTINGS_VERSION = 1;
/** The storage key holding the version the stored settings were written for. */
export const VERSION_KEY = 'settingsVersion';

export const HighlightStyle = lazy(() => z.enum(['background', 'underline', 'badge']));
export type HighlightStyle = z.output<typeof HighlightStyle>;
export const OpenOn = lazy(() => z.enum(['hover', 'click']));
export type OpenOn = z.output<typeof OpenOn>;
export const SensitivitySetting = lazy(() => z.enum(['balanced', 'strict']));
export const Theme = lazy(() => z.enum(['auto', 'light', 'dark']));
export type Theme = z.output<typeof Theme>;

const SiteHost = lazy(() => z.string().check(z.maxLength(253), z.refine(isSiteHost, 'must be a host name such as "example.org"')));

/** Every setting, as the rest of the extension reads it. */
export interface Settings {
  /** The master switch. */
  enabled: boolean;
  /** Where to run: the built-in site groups (their content scripts are in the manifest)… */
  runOnX: boolean;
  runOnTikTok: boolean;
  runOnNews: boolean;
  /** …every https site (needs the optional host permission https://*\/*)… */
  runOnAllSites: boolean;
  /** …and the user's own sites, as host names (each needs its optional host permission). */
  customSites: string[];
  /** Sites where the user paused ClaimLens ("Pause on this site", "Hide on this site"). */
  pausedSites: string[];
  /** Claims the user never wants highlighted. */
  mutedClaims: string[];
  highlightStyle: HighlightStyle;
  openOn: OpenOn;
  sensitivity: z.output<typeof SensitivitySetting>;
  theme: Theme;
}
export type SettingKey = keyof Settings;

type Field<T> = [T] extends [string[]] ? { item: z.ZodMiniType<string>; max: number; default: T } : { schema: z.ZodMiniType<T>; default: T };

const Bool = lazy(() => z.boolean());

/** Each setting's schema (for lists: the schema of one entry, and how many) and default. */
const FIELDS: { [K in SettingKey]: Field<Settings[K]> } = {
  enabled: { schema: Bool, default: true },
  runOnX: { schema: Bool, default: true },
  runOnTikTok: { schema: Bool, default: true },
  runOnNews: { schema: Bool, default: true },
  runOnAllSites: { schema: Bool, default: false },
  customSites: { item: SiteHost, max: 200, default: [] },
  pausedSites: { item: SiteHost, max: 500, default: [] },
  mutedClaims: { item: lazy(() => Slug.check(z.maxLength(200))), max: 500, default: [] },
  highlightStyle: { schema: HighlightStyle, default: 'background' },
  openOn: { schema: OpenOn, default: 'hover' },
  sensitivity: { schema: SensitivitySetting, default: 'balanced' },
  theme: { schema: Theme, default: 'auto' },
};

export const SETTING_KEYS = Object.keys(FIELDS) as SettingKey[];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze(
  Object.fromEntries(SETTING_KEYS.map((k) => [k, FIELDS[k].default])) as unknown as Settings,
);

/** A fresh copy of the defaults (lists are not shared). */
export function defaultSettings(): Settings {
  return structuredClone(DEFAULT_SETTINGS) as Settings;
}

/** The schema of the whole settings object (for a patch, a whole import, or documentation). */
export const SettingsSchema = lazy(() => z.strictObject(
  Object.fromEntries(
    SETTING_KEYS.map((k) => {
      const f = FIELDS[k];
      return [k, 'item' in f ? z.array(f.item).check(z.maxLength(f.max)) : f.schema];
    }),
  ) as unknown as { [K in SettingKey]: z.ZodMiniType<Settings[K]> },
));
export const SettingsPatch = lazy(() => z.partial(SettingsSchema));
export type SettingsPatch = Partial<Settings>;

const show = (v: unknown) => {
  try {
    return (JSON.stringify(v) ?? String(v)).slice(0, 80);
  } catch {
    return String(v).slice(0, 80);
  }
};

/** One setting's stored value, or its default when the value is missing or unusable. */
export function parseSetting<K extends SettingKey>(key: K, raw: unknown, log: (msg: string) => void): Settings[K] {
  const f = FIELDS[key] as Field<string[]> | Field<boolean | string>;
  if (raw === undefined) return structuredClone(f.default) as Settings[K];
  if ('item' in f) {
    if (!Array.isArray(raw)) {
      log(`ClaimLens: setting "${key}" is not a list (${show(raw)}); using the default`);
      return structuredClone(f.default) as Settings[K];
    }
    const out: string[] = [];
    for (const v of raw) {
      const r = f.item.safeParse(v);
      if (!r.success) log(`ClaimLens: setting "${key}": dropped an invalid entry ${show(v)}`);
      else if (!out.includes(r.data)) out.push(r.data);
    }
    if (out.length > f.max) log(`ClaimLens: setting "${key}" has ${out.length} entries; kept the first ${f.max}`);
    return out.slice(0, f.max) as Settings[K];
  }
  const r = (f.schema as z.ZodMiniType).safeParse(raw);
  if (r.success) return r.data as Settings[K];
  log(`ClaimLens: setting "${key}" has an invalid value ${show(raw)}; using the default ${show(f.default)}`);
  return structuredClone(f.default) as Settings[K];
}

/** Every setting from a stored record: key by key, with defaults for what is missing or broken. */
export function parseSettings(raw: unknown, log: (msg: string) => void = console.warn): Settings {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  if (record !== raw && raw !== undefined) log('ClaimLens: stored settings are not an object; using the defaults');
  const out = {} as Record<SettingKey, unknown>;
  for (const k of SETTING_KEYS) out[k] = parseSetting(k, record[k], log);
  return out as Settings;
}

/**
 * A migration turns the stored record of version `from` into one of version `from + 1`. It gets
 * the raw record (anything may be in it) and returns the keys to write and the keys to remove.
 * Add one whenever a setting is renamed or its meaning changes; never edit an old one.
 */
export interface Migration {
  readonly from: number;
  readonly describe: string;
  migrate(raw: Readonly<Record<string, unknown>>): { set: Record<string, unknown>; remove: string[] };
}

/** The migrations shipped so far: version 1 is the first stored layout, so there are none yet. */
export const MIGRATIONS: readonly Migration[] = [];

export interface MigrationResult {
  /** The record as the current version reads it. */
  record: Record<string, unknown>;
  /** What to write back (empty when nothing changed). */
  set: Record<string, unknown>;
  remove: string[];
  from: number;
  to: number;
}

/**
 * Brings a stored record up to `target`. A record without a version is either a fresh install
 * (nothing stored) or older than versioning: both start at `target` when no migration applies.
 * A record from a newer build (synced from another device) is read as it is, key by key, and
 * never written back, so the newer build's data is not destroyed.
 */
export function migrateSettings(raw: Readonly<Record<string, unknown>>, migrations: readonly Migration[] = MIGRATIONS, target = SETTINGS_VERSION, log: (msg: string) => void = console.warn): MigrationResult {
  const stored = raw[VERSION_KEY];
  let version = typeof stored === 'number' && Number.isInteger(stored) && stored >= 0 ? stored : undefined;
  if (stored !== undefined && version === undefined) log(`ClaimLens: stored settings version ${show(stored)} is invalid; reading the settings as version ${target}`);
  const from = version ?? (migrations.length > 0 ? Math.min(...migrations.map((m) => m.from)) : target);
  version = from;
  if (version > target) return { record: { ...raw }, set: {}, remove: [], from: version, to: version };
  let record: Record<string, unknown> = { ...raw };
  const set: Record<string, unknown> = {};
  const remove = new Set<string>();
  while (version < target) {
    const m = migrations.find((x) => x.from === version);
    if (m) {
      try {
        const r = m.migrate(record);
        for (const k of r.remove) {
          delete record[k];
          delete set[k];
          remove.add(k);
        }
        for (const [k, v] of Object.entries(r.set)) {
          record[k] = v;
          set[k] = v;
          remove.delete(k);
        }
      } catch (e) {
        log(`ClaimLens: settings migration from version ${version} failed (${String(e)}); its keys fall back to their defaults`);
      }
    }
    version++;
  }
  if (stored !== target) set[VERSION_KEY] = target;
  record[VERSION_KEY] = target;
  return { record, set, remove: [...remove], from, to: target };
}
