import { render } from 'preact';
// The import preview's reasons and a failed save show zod's messages: in English.
import '@/src/claims/english-errors';
import { t, uiLanguage } from '@/src/ui/i18n';
import { Options } from '@/src/ui/options/Options';
import '@/src/ui/base.css';
import '@/src/ui/options/options.css';

document.documentElement.lang = uiLanguage();
document.title = t('optionsPageTitle');
render(<Options t={t} />, document.getElementById('app')!);
