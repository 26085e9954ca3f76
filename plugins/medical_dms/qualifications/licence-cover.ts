/**
 * Whether a dealer's licences cover some device classes on a day (DOMAIN.md "Qualifications"): class I needs no
 * licence; classes II and III need a qualification valid that day whose `scope_classes` holds them. What is not
 * covered comes back with the licence that lapsed and the day since, or with none when no licence ever covered it.
 * Authorizations refuse with it; orders will.
 */
import type { FieldError, Label, PluginDb } from '../../../engine/src/plugin-api.ts';
import { uncoveredClassesSql, type UncoveredClassRow } from './licence-cover.sql.ts';

/** The device classes that need a licence; class I needs none. */
export type LicensedClass = 'II' | 'III';

export interface LapsedLicence {
  type: string;
  number: string;
  /** The last valid day. */
  validTo: string;
  /** The first day it no longer covers: the day after `validTo`. */
  since: string;
}

export interface LicenceGap {
  deviceClass: LicensedClass;
  lapsed: LapsedLicence | null;
}

const LICENSED_CLASSES: ReadonlySet<string> = new Set<LicensedClass>(['II', 'III']);

/** The classes among `classes` that the dealer may not deal in on `day` (a `yyyy-mm-dd` day on China's calendar). */
export async function findLicenceGaps(db: PluginDb, dealer: string, classes: Iterable<string>, day: string): Promise<LicenceGap[]> {
  const needed = [...new Set(classes)].filter((c) => LICENSED_CLASSES.has(c)).sort();
  if (!needed.length) return [];
  const rows = await db.rows<UncoveredClassRow>(uncoveredClassesSql(dealer, needed, day));
  return rows.map((row) => ({
    deviceClass: row.device_class as LicensedClass,
    lapsed: row.lapsed_number === null ? null : {
      type: row.lapsed_type ?? '', number: row.lapsed_number, validTo: row.lapsed_valid_to!, since: row.lapsed_since!,
    },
  }));
}

/** The labels of qualification.object.json's `type` options. */
const LICENCE_TYPES: Record<string, Label> = {
  business_licence: { 'zh-CN': '营业执照', en: 'Business licence' },
  operation_licence: { 'zh-CN': '医疗器械经营许可证', en: 'Medical-device operation licence' },
  class2_filing: { 'zh-CN': '第二类医疗器械经营备案凭证', en: 'Class II device operation filing' },
  other: { 'zh-CN': '证照', en: 'Qualification' },
};

const CLASSES: Record<LicensedClass, Label & { needs: Label }> = {
  II: { 'zh-CN': '第二类医疗器械', en: 'class II devices',
    needs: { 'zh-CN': '第二类医疗器械经营备案凭证或医疗器械经营许可证', en: 'a class II filing or an operation licence' } },
  III: { 'zh-CN': '第三类医疗器械', en: 'class III devices', needs: { 'zh-CN': '医疗器械经营许可证', en: 'a medical-device operation licence' } },
};

/**
 * Why a gap refuses `activity`: the lapsed licence by type and number, the day it expired and the day since, or that
 * no valid licence covers the class. `activity` reads "不能{zh-CN}第三类医疗器械" and "may not {en} class III devices",
 * e.g. `{ 'zh-CN': '授权', en: 'be authorized for' }`.
 */
export function licenceGapMessage(gap: LicenceGap, activity: Label): Label {
  const devices = CLASSES[gap.deviceClass];
  if (gap.lapsed) {
    const { type, number, validTo, since } = gap.lapsed;
    const licence = LICENCE_TYPES[type] ?? { 'zh-CN': type, en: type };
    return {
      'zh-CN': `${licence['zh-CN']} ${number} 已于 ${validTo} 到期，自 ${since} 起不能${activity['zh-CN']}${devices['zh-CN']}，请先上传续期后的证照`,
      en: `${licence.en} ${number} expired on ${validTo}: since ${since} the dealer may not ${activity.en} ${devices.en} until a renewed licence is on file`,
    };
  }
  return {
    'zh-CN': `该经销商没有覆盖${devices['zh-CN']}的有效证照（需${devices.needs['zh-CN']}），不能${activity['zh-CN']}${devices['zh-CN']}`,
    en: `The dealer holds no valid licence covering ${devices.en} (${devices.needs.en} is needed), so it may not ${activity.en} them`,
  };
}

/** One field error per gap: rule `licence_expired` when a licence lapsed, `licence_missing` when none ever covered the class. */
export function licenceGapErrors(gaps: readonly LicenceGap[], field: string, activity: Label): FieldError[] {
  return gaps.map((gap) => ({ field, rule: gap.lapsed ? 'licence_expired' : 'licence_missing', message: licenceGapMessage(gap, activity) }));
}
