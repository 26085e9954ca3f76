import { describe, expect, it } from 'vitest';
import type { PluginDb } from '../../../engine/src/plugin-api.ts';
import { findLicenceGaps, licenceGapErrors, licenceGapMessage, type LicenceGap } from './licence-cover.ts';
import { uncoveredClassesSql } from './licence-cover.sql.ts';

const AUTHORIZING = { 'zh-CN': '授权', en: 'be authorized for' };
const lapsed: LicenceGap = {
  deviceClass: 'III',
  lapsed: { type: 'operation_licence', number: '粤穗食药监械经营许20190001号', validTo: '2026-12-04', since: '2026-12-05' },
};
const missing: LicenceGap = { deviceClass: 'II', lapsed: null };

describe('licenceGapMessage', () => {
  it('names the lapsed licence by type and number, the day it expired and the day since, in both languages', () => {
    expect(licenceGapMessage(lapsed, AUTHORIZING)).toEqual({
      'zh-CN': '医疗器械经营许可证 粤穗食药监械经营许20190001号 已于 2026-12-04 到期，自 2026-12-05 起不能授权第三类医疗器械，请先上传续期后的证照',
      en: 'Medical-device operation licence 粤穗食药监械经营许20190001号 expired on 2026-12-04: since 2026-12-05 the dealer may not be authorized for class III devices until a renewed licence is on file',
    });
  });

  it('says which licence a class needs when none ever covered it', () => {
    expect(licenceGapMessage(missing, { 'zh-CN': '订购', en: 'order' })).toEqual({
      'zh-CN': '该经销商没有覆盖第二类医疗器械的有效证照（需第二类医疗器械经营备案凭证或医疗器械经营许可证），不能订购第二类医疗器械',
      en: 'The dealer holds no valid licence covering class II devices (a class II filing or an operation licence is needed), so it may not order them',
    });
  });
});

describe('licenceGapErrors', () => {
  it('gives one error per gap on the given field, its rule telling a lapsed licence from none', () => {
    expect(licenceGapErrors([lapsed, missing], 'dealer', AUTHORIZING).map(({ field, rule }) => [field, rule]))
      .toEqual([['dealer', 'licence_expired'], ['dealer', 'licence_missing']]);
  });
});

describe('findLicenceGaps', () => {
  const noQuery: PluginDb = { rows: () => { throw new Error('no query expected'); } };

  it('asks nothing when only class I (or no class) is wanted', async () => {
    expect(await findLicenceGaps(noQuery, 'd', ['I', 'I'], '2026-12-05')).toEqual([]);
    expect(await findLicenceGaps(noQuery, 'd', [], '2026-12-05')).toEqual([]);
  });

  it('refuses anything but device classes in the SQL', () => {
    expect(() => uncoveredClassesSql('d', ['III', "x}'"], '2026-12-05')).toThrow(/not device classes/);
  });
});
