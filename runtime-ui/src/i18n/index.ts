/** runtime-ui's texts: one namespace file per area of the app, set up on the shared i18n (setup.ts). */
import { setUpI18n } from './setup.ts';
import { shell } from './shell.ts';
import { list } from './list.ts';
import { record } from './record.ts';
import { form } from './form.ts';
import { inbox } from './inbox.ts';
import { portal } from './portal.ts';
import { work } from './work.ts';
import { logic } from './logic.ts';
import { letters } from './letters.ts';
import { pages } from './pages.ts';

export { changeLanguage, currentLanguage, LANGUAGES, pick, type Language } from './setup.ts';

export default setUpI18n({ shell, list, record, form, inbox, portal, work, logic, letters, pages });
