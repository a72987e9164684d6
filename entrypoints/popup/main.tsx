import { render } from 'preact';
import { Popup } from '@/src/ui/popup/Popup';
import { t, uiLanguage } from '@/src/ui/i18n';
import '@/src/ui/base.css';
import '@/src/ui/popup/popup.css';

const locale = uiLanguage();
document.documentElement.lang = locale;
document.title = t('popupTitle');
render(<Popup t={t} locale={locale} />, document.getElementById('app')!);
