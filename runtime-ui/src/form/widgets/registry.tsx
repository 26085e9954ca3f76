/** The widgets the record form knows, under the names the engine's uiSchema uses (`ui:widget`). */
import type { RegistryWidgetsType } from '@rjsf/utils';
import { CheckboxWidget } from './CheckboxWidget.tsx';
import { inputWidget } from './InputWidget.tsx';
import { lazyWidget } from './lazy-widget.tsx';
import { LookupWidget } from './LookupWidget.tsx';
import { numberWidget } from './NumberWidget.tsx';
import { ReadonlyWidget } from './ReadonlyWidget.tsx';
import { MultiSelectWidget, SelectWidget } from './SelectWidget.tsx';
import { TextareaWidget } from './TextareaWidget.tsx';
import { GeoField } from './GeoField.tsx';

const DateWidget = lazyWidget(() => import('./DateWidget.tsx'));
const RegionWidget = lazyWidget(() => import('./RegionWidget.tsx'));
const FileWidget = lazyWidget(() => import('./FileWidget.tsx'));

const withWidgetName = (Widget: RegistryWidgetsType[string], widget: string): RegistryWidgetsType[string] =>
  (props) => <Widget {...props} options={{ ...props.options, widget }} />;

export const WIDGETS: RegistryWidgetsType = {
  text: inputWidget('text'),
  TextWidget: inputWidget('text'),
  email: inputWidget('email'),
  phone: inputWidget('phone'),
  url: inputWidget('url'),
  textarea: TextareaWidget,
  richtext: TextareaWidget,
  number: numberWidget('number'),
  integer: numberWidget('integer'),
  updown: numberWidget('number'),
  money: numberWidget('money'),
  percent: numberWidget('percent'),
  checkbox: CheckboxWidget,
  CheckboxWidget,
  select: SelectWidget,
  SelectWidget,
  multiselect: MultiSelectWidget,
  lookup: LookupWidget,
  date: withWidgetName(DateWidget, 'date'),
  datetime: withWidgetName(DateWidget, 'datetime'),
  region: RegionWidget,
  file: withWidgetName(FileWidget, 'file'),
  image: withWidgetName(FileWidget, 'image'),
  readonly: ReadonlyWidget,
};

export const FIELDS = { geo: GeoField };
