/** The studio's texts: one namespace file per area, set up on the web apps' shared i18n (runtime-ui's setup.ts). */
import { setUpI18n } from '../../../runtime-ui/src/i18n/setup.ts';
import { shell } from './shell.ts';
import { objects } from './objects.ts';
import { deploy } from './deploy.ts';

export { changeLanguage, currentLanguage, LANGUAGES, pick, type Language } from '../../../runtime-ui/src/i18n/setup.ts';

export default setUpI18n({ shell, objects, deploy });
