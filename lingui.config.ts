import { defineConfig } from '@lingui/conf'
import { formatter } from '@lingui/format-po'

export default defineConfig({
  sourceLocale: 'en',
  locales: ['en', 'am', 'sw'],
  catalogs: [{ path: '<rootDir>/src/web/i18n/locales/{locale}/messages', include: ['<rootDir>/src/web'] }],
  format: formatter({ lineNumbers: false }),
})
