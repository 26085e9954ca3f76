/** The "who may sell" page of runtime-ui's menu: product, hospital, department and day asked, the dealers answered with their grants. */
import type { PluginPage } from '../../../engine/src/plugin-api.ts';

export const whoMaySellPage: PluginPage = {
  label: { 'zh-CN': '谁可以销售', en: 'Who may sell' },
  inputs: [
    { name: 'product', type: 'lookup', target: 'product', label: { 'zh-CN': '产品', en: 'Product' }, required: true },
    { name: 'hospital', type: 'lookup', target: 'hospital', label: { 'zh-CN': '医院', en: 'Hospital' }, required: true },
    { name: 'department', type: 'lookup', target: 'department', label: { 'zh-CN': '科室（可选）', en: 'Department (optional)' },
      narrowedBy: { input: 'hospital', field: 'hospital' } },
    { name: 'date', type: 'date', label: { 'zh-CN': '日期', en: 'Date' }, required: true, default: 'today' },
  ],
  columns: [
    { path: 'dealer.name', label: { 'zh-CN': '经销商', en: 'Dealer' } },
    { path: 'product.name', label: { 'zh-CN': '授权产品或产品线', en: 'Product or line granted' } },
    { path: 'place', label: { 'zh-CN': '授权范围', en: 'Where' }, type: 'label' },
    { path: 'exclusive', label: { 'zh-CN': '独家', en: 'Exclusive' }, type: 'boolean' },
    { path: 'kind', label: { 'zh-CN': '授权类型', en: 'Kind' }, type: 'picklist', optionsOf: 'dealer_authorization.kind' },
    { path: 'tenderNumber', label: { 'zh-CN': '招标编号', en: 'Tender number' } },
    { path: 'validFrom', label: { 'zh-CN': '有效期起', en: 'Valid from' } },
    { path: 'validTo', label: { 'zh-CN': '有效期至', en: 'Valid to' } },
  ],
  empty: { 'zh-CN': '该日期没有经销商获授权向此医院（科室）销售该产品', en: 'No dealer is authorized to sell this product there on that day' },
};
