/** The studio's texts: one namespace file per area, set up on the web apps' shared i18n (runtime-ui's setup.ts). */
import { setUpI18n } from '../../../runtime-ui/src/i18n/setup.ts';
import { shell } from './shell.ts';
import { objects } from './objects.ts';
import { deploy } from './deploy.ts';
import { rules } from './rules.ts';
import { permissions } from './permissions.ts';
import { layouts } from './layouts.ts';
import { er } from './er.ts';
import { plugins } from './plugins.ts';
import { workflows } from './workflows.ts';
import { logic } from '../../../runtime-ui/src/i18n/logic.ts';

export { changeLanguage, currentLanguage, LANGUAGES, pick, type Language } from '../../../runtime-ui/src/i18n/setup.ts';

export default setUpI18n({ shell, objects, deploy, rules, logic, permissions, layouts, er, plugins, workflows });
