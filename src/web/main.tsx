import { i18n } from '@lingui/core'
import { I18nProvider } from '@lingui/react'
import { Trans } from '@lingui/react/macro'
import { createRoot } from 'react-dom/client'
import { messages } from './i18n/locales/en/messages.po'
import './styles.css'

i18n.load('en', messages)
i18n.activate('en')

createRoot(document.getElementById('root')!).render(
  <I18nProvider i18n={i18n}>
    <p className="p-4 text-teal-700">
      <Trans>Welcome to Kiungo</Trans>
    </p>
  </I18nProvider>,
)
