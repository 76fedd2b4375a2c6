import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { switchLang } from '../../shared/i18n';

/** 中文 ⇄ English, reachable from the first screen. */
export function LangSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Button
      size="mini"
      fill="outline"
      data-testid="lang-switch"
      onClick={() => switchLang(i18n.language === 'en' ? 'zh-CN' : 'en')}
    >
      {t('common.language')}
    </Button>
  );
}
